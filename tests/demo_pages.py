"""The public pages of the demo site, visited by several suites."""

DEMO_PAGES = [
    "/",
    "/offers/",
    "/offers/data-analyst/",
    "/faq/",
    "/confidentiality/",
    "/cookies/",
    "/data-protection/",
    "/legal-notice/",
    "/contact/",
    "/teams/",
    "/teams/engineering/",
    "/offices/",
    "/offices/lyon/",
]
