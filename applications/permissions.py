"""The rights of HR recruiters on applications (content editors have none)."""

VIEW_APPLICATIONS = "applications.view_application"
CHANGE_APPLICATIONS = "applications.change_application"
VIEW_CANDIDATES = "applications.view_candidates"
