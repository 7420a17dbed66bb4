"""Settings shared by every environment; safe defaults, everything else from the
environment (see ``.env.example``)."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str
from .s3 import s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, in the order of the design: an app imports only from those above.
    "core",
    "home",
    "offers",
    "candidates",
    "applications",
    "alerts",
    "privacy",
    # Wagtail
    # Content translated by editors (before wagtail.admin: its templates win)
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors' public pages, from the cache (home/page_cache.py).
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, with a view's own 404 left as it is (home/i18n.py).
    "home.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: a new version of the Data Protection Agreement waits
    # for the candidate's acceptance before anything else.
    "privacy.middleware.ConsentRenewalMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Messages ride in the session: no cookie of their own (see the Cookies page).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# Form fields render through the project's templates (templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
# SQLite (the demo): requests served by threads at once wait for each other
# instead of failing with "database is locked". A transaction takes the write
# lock when it begins (IMMEDIATE: a read-then-write transaction cannot be refused
# half-way), waits up to 20 s for it, and readers never block the writer (WAL).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
# PostgreSQL: parameters bound by the server, and a statement prepared once a
# connection has run it five times: PostgreSQL then no longer parses it and,
# for most, no longer plans it (planning took longer than running most of the
# listing's and the offer page's queries). Needs kept connections
# (DATABASE_CONN_MAX_AGE); off behind a pooler that cannot keep prepared
# statements (PgBouncer in transaction mode before 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "candidates.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # First: an overlong password is refused before anything else looks at it.
    {"NAME": "candidates.validators.MaximumLengthValidator"},
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Reversed when used, in the language of the page asking.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"

# --- Accounts: django-allauth (flows) and django-axes (lock-out) ---------------------
# Candidates sign up, log in by username or e-mail, recover a forgotten username or
# password (see candidates/adapter.py, forms.py, lockout.py and templates/account/).
ACCOUNT_ADAPTER = "candidates.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "candidates.forms.SignupForm",
    "login": "candidates.forms.LoginForm",
    "add_email": "candidates.forms.AddEmailForm",
    "change_password": "candidates.forms.ChangePasswordForm",
    "set_password": "candidates.forms.SetPasswordForm",
    "reset_password": "candidates.forms.ResetPasswordForm",
    "reset_password_from_key": "candidates.forms.ResetPasswordKeyForm",
    "reauthenticate": "candidates.forms.ReauthenticateForm",
    "confirm_email_verification_code": "candidates.verification.VerificationCodeForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*"]
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "candidates.validators.USERNAME_VALIDATORS"
# A "Remember me" box; unticked, the session ends when the browser closes.
ACCOUNT_SESSION_REMEMBER = None
# Every address is verified, by a code typed in the same tab, before the account can
# log in; sign-up then answers alike whether the address has an account or not (its
# owner is e-mailed instead). Links sent before codes still work for three days.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 15 * 60  # seconds a code works
# Six digits, typed on a phone's digit keyboard (candidates.verification).
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_FORMAT = {
    "numeric": True,
    "length": 6,
    "dashed": False,
}
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS = 5  # wrong codes, then start again
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = 3  # "Send the code again", 3 times
# No "change the address" on the code page: allauth offers it only when the address
# was new, which would tell who has an account. "Start again" replaces it.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_CHANGE = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_CHANGE_EMAIL = True  # a new address replaces the old one once it is verified
ACCOUNT_EMAIL_NOTIFICATIONS = True  # password and e-mail changes are announced
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SIGNUP_REDIRECT_URL = reverse_lazy("candidates:space")
ACCOUNT_EMAIL_CONFIRMATION_AUTHENTICATED_REDIRECT_URL = reverse_lazy("candidates:space")
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works once, within an hour
# Throttling per client address (allauth); the lock-out per account is axes' below.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "forgot_username": "20/h/ip,5/h/key",
    "export_data": "5/h/user",  # "Download my data" (privacy.views)
}
# django-axes locks an account (whatever the client address) after repeated failures,
# on the site's log-in and on the Wagtail admin's alike.
INSTALLED_APPS = [*INSTALLED_APPS, "axes"]
MIDDLEWARE = [
    *MIDDLEWARE,
    "candidates.middleware.AdminLoginThrottleMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "candidates.lockout.LockoutBackend",
    *AUTHENTICATION_BACKENDS,
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# Per account only: a lock per client address would shut out every candidate behind
# the same mobile carrier or office address. Addresses are throttled by allauth's
# rates above and candidates.middleware for the admin, hence the silenced warning.
AXES_LOCKOUT_PARAMETERS = ["username"]
# models.W040: the offers' covering index (offers.OfferPage.Meta.indexes) is
# PostgreSQL's; SQLite keeps its key column and ignores the others, as intended.
SILENCED_SYSTEM_CHECKS = ["axes.W006", "models.W040"]
AXES_USERNAME_CALLABLE = "candidates.lockout.account_key"
AXES_CLIENT_IP_CALLABLE = "home.spam.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "candidates.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep no log of successful log-ins (personal data)
# Masked in the POST data axes keeps of a failure ("password" always is): the
# change of password is checked, and counted, like a log-in.
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "login",
    "oldpassword",
    "password1",
    "password2",
]
AXES_VERBOSE = False
# --- End of accounts -----------------------------------------------------------------

# Internationalisation: every public and candidate address starts with its
# language (/en/..., /fr/...; config/urls.py). A third language is one more line
# here, its catalogue in locale/ and its Locale in the admin (Settings > Locales);
# every switcher, alternate link, sitemap entry and feed reads this list.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
# How each language writes an amount of money (home.formatting.money): {amount}
# with the language's grouping, {symbol} the currency's sign (CURRENCY_SYMBOLS, or
# its code), {code} its ISO 4217 code. A language without an entry writes
# "48,000 EUR" with its own grouping.
MONEY_FORMATS = {"en": "{symbol}{amount}", "fr": "{amount}\u00a0{symbol}"}
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
USE_I18N = True
USE_TZ = True

# Static files and public media
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Candidate documents: a folder outside every served path.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# S3 instead (private bucket, public images apart) when AWS_STORAGE_BUCKET_NAME is set.
STORAGES.update(s3_storages(os.environ))


def _email_settings_from_url(url: str) -> dict[str, object]:
    """Reads ``smtp://user:password@host:port?tls=1`` (or ``smtps://``)."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": query.get("tls", "").lower() in {"1", "true", "yes"},
    }


# E-mail: printed to the console unless an SMTP server is configured.
_email_url = env_str("EMAIL_URL")
if _email_url:
    globals().update(_email_settings_from_url(_email_url))
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif env_str("EMAIL_HOST"):
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Careers <careers@example.com>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work through the tasks API: in-process unless a worker pool is used.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Cache, and the page cache of anonymous visitors (home/page_cache.py): local
# memory in one process unless Redis is configured, shared by every server then.
if env_str("REDIS_URL"):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
# The parts of public pages that are the same for everyone (header, footer,
# an offer's text, the listing's counts), kept for pages made afresh (a
# logged-in visitor's) under the same generation as the page cache.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
PAGE_CACHE_ALIAS = "pages"
# How long a page is kept (a change of content outdates it at once anyway).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 3600)
# How long a CDN or other shared cache may keep a public page (browsers: not at
# all); purged on publication when a CDN is configured (WAGTAILFRONTENDCACHE).
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 60)
# Never kept: the candidate space, accounts, the admin, private files, tokens
# (after the language prefix, for those under one: /en/me/ as /me/).
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/me/",
    "/account/",
    "/documents/",
    "/alerts/",
    "/apply/",
    "/healthz",
)

# A CDN in front of the site, purged when a page is published or unpublished:
# one of these, or none.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env_str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID"),
    }
if env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }
if env_str("FRONTEND_CACHE_HTTP_LOCATION"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_HTTP_LOCATION"),
    }

# Wagtail
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Careers")
# The public address (empty: the demo's; `make demo` gives its PORT).
WAGTAILADMIN_BASE_URL = env_str("BASE_URL") or "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The PostgreSQL text search configuration of each language: an offer's words are
# stemmed by its page's language, a search's by the language of the page it is
# typed in; "simple" (no stemming) for a language without one.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"password": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"password": False}
WAGTAILIMAGES_PRIVATE_COLLECTION_OPTIONS = {"password": False}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx"]
# Fields one POST may carry (more: a 400 page). The admin's largest demo page (the
# FAQ) posts about 80 and an offer about 70, some 5 per block: room for pages over
# ten times as large; a public form posts fewer than 50.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Contact form spam protection: submissions per client address and window; the
# least seconds between showing the form and sending it (0: not checked); the
# longest message (characters) and the most web addresses in one message.
CONTACT_RATE_LIMIT = env_int("CONTACT_RATE_LIMIT", 5)
CONTACT_RATE_WINDOW = env_int("CONTACT_RATE_WINDOW", 3600)
CONTACT_MIN_SECONDS = env_int("CONTACT_MIN_SECONDS", 3)
CONTACT_MESSAGE_MAX_LENGTH = env_int("CONTACT_MESSAGE_MAX_LENGTH", 5000)
CONTACT_MAX_LINKS = env_int("CONTACT_MAX_LINKS", 3)
# Number of proxies in front of the site whose X-Forwarded-For can be trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Job alerts: most alerts a candidate may keep; days an unsubscribe link works.
JOB_ALERTS_MAX_PER_CANDIDATE = env_int("JOB_ALERTS_MAX_PER_CANDIDATE", 10)
JOB_ALERTS_UNSUBSCRIBE_DAYS = env_int("JOB_ALERTS_UNSUBSCRIBE_DAYS", 180)

# Candidate documents: largest file (in MB) and most documents kept per candidate.
DOCUMENT_MAX_SIZE = env_int("DOCUMENT_MAX_SIZE_MB", 5) * 1024 * 1024
DOCUMENT_MAX_COUNT = env_int("DOCUMENT_MAX_COUNT", 20)
# ClamAV (core/antivirus.py): uploads are scanned by clamd on its unix socket, or
# on a TCP host and port; neither set (the demo), nothing is scanned.
CLAMD_SOCKET = env_str("CLAMD_SOCKET")
CLAMD_HOST = env_str("CLAMD_HOST")
CLAMD_PORT = env_int("CLAMD_PORT", 3310)
CLAMD_TIMEOUT = env_int("CLAMD_TIMEOUT", 30)

# Privacy (privacy.erasure): what an erased account's sent applications become
# ("anonymise": kept for HR without name nor documents, or "delete"), and the
# months of inactivity after which manage.py purge_inactive_candidates erases an
# account (warned by e-mail 30 days before).
ERASURE_SENT_APPLICATIONS = env_str("ERASURE_SENT_APPLICATIONS", "anonymise")
if ERASURE_SENT_APPLICATIONS not in {"anonymise", "delete"}:
    raise ImproperlyConfigured(
        'ERASURE_SENT_APPLICATIONS must be "anonymise" or "delete"'
    )
CANDIDATE_RETENTION_MONTHS = env_int("CANDIDATE_RETENTION_MONTHS", 24)
if CANDIDATE_RETENTION_MONTHS < 2:
    # The warning goes 30 days before the erasure, after the inactivity.
    raise ImproperlyConfigured("CANDIDATE_RETENTION_MONTHS must be 2 or more")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
