"""The public pages of the demo site, visited by several suites."""

DEMO_PAGES = [
    "/en/",
    "/en/offers/",
    "/en/offers/data-analyst/",
    "/en/faq/",
    "/en/confidentiality/",
    "/en/cookies/",
    "/en/data-protection/",
    "/en/legal-notice/",
    "/en/contact/",
    "/en/teams/",
    "/en/teams/engineering/",
    "/en/offices/",
    "/en/offices/lyon/",
]
