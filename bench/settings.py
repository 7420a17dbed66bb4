"""Settings of `make bench`: the production-like base on a throw-away PostgreSQL
(``DATABASE_URL``) and Redis (``REDIS_URL``: the cache, and the sessions read from
it as in production), no debug, persistent connections, quiet logs, and the
benchmark's own URLs (``bench/urls.py``: the site plus a hello-world view)."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

SECRET_KEY = "bench-only-secret-key"  # noqa: S105
DEBUG = False
# testserver: the in-process client that counts each page's queries.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = 600
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
