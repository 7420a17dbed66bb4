"""Production settings: everything from the environment; refuses to start without
what it needs. ``manage.py check --deploy`` passes with them (tests/config)."""

import os
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, MIDDLEWARE, STORAGES, WAGTAILADMIN_BASE_URL
from .env import env_bool, env_int, env_list, env_required, env_str
from .s3 import public_media_origin

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
env_required("ALLOWED_HOSTS")
env_required("DATABASE_URL")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
# Behind PgBouncer in transaction pooling mode, server-side cursors cannot work.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool(
    "DATABASE_DISABLE_SERVER_SIDE_CURSORS", False
)
# Forms may be posted from the site's own public address (BASE_URL) unless told.
_base = urlsplit(WAGTAILADMIN_BASE_URL)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [f"{_base.scheme}://{_base.netloc}"]
)

# HTTPS ends at the load balancer, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" lets the domain's owner submit it to the browsers' HTTPS-only list; it
# has no effect on a subdomain such as careers.example.com.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies: HTTPS only, bound to this exact host (the __Host- prefix).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
# A log-in lasts a working day at most ("Remember me" ticked), or until the browser
# closes: HR staff and candidates may use shared computers.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
if env_str("REDIS_URL"):
    # Sessions read from Redis, written through to the database (nobody is logged
    # out when Redis restarts or evicts).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Content-Security-Policy: no inline script or style on the public site (JSON-LD
# blocks are data, not scripts); home.security relaxes it under the admin only.
_media = [origin] if (origin := public_media_origin(os.environ)) else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_media],
        "media-src": [SELF, *_media],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The players of the video block (home/blocks.py), loaded only when a
        # visitor chooses to play a video.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Static files served by the application servers themselves (whitenoise), with
# hashed names and compressed copies made by `manage.py collectstatic`.
MIDDLEWARE = [*MIDDLEWARE]
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
MIDDLEWARE[_security + 1 : _security + 1] = [
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.security.ContentSecurityPolicyMiddleware",
]
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Structured logs: one JSON object per line on the standard error.
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "home.log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
}
