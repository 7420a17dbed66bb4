"""Settings for ``make demo`` and local development: SQLite, local files, e-mails
printed to the console, tasks run in-process."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STATIC_ROOT, VAR_DIR
from .env import env_bool, env_str

# The SQLite file and local files live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Off, as visitors see the site: the designed error pages, never Django's debug
# pages (which list every URL and setting). DEBUG=true while developing.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "demo-only-secret-key-not-for-production")  # noqa: S105

# Static files served by the application itself, as in production (whitenoise),
# but found where they lie (the apps' and the project's static folders): no
# collectstatic; with DEBUG on, a new or changed file is served without a restart.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # where collectstatic would write
# Images uploaded by editors, served by Django itself in the demo (config/urls.py).
SERVE_MEDIA = True
