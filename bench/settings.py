"""Settings of `make bench`: the production-like base on a throw-away PostgreSQL
(``DATABASE_URL``), no debug, persistent connections, quiet logs."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

SECRET_KEY = "bench-only-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = 600
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
