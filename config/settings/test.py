"""Settings for the test suite: the database comes from ``DATABASE_URL`` (SQLite when
unset), e-mails stay in memory unless a test points them at a real SMTP server."""

from .base import *  # noqa: F403
from .base import VAR_DIR

VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = "test-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "test-private", "base_url": None},
    },
}
# Off unless a test turns it on (tests/home/test_page_cache.py): factories make
# live pages without the signals of a publication.
PAGE_CACHE_ENABLED = False
# The same for the shared parts of pages (tests/home/test_shared_fragments.py).
FRAGMENT_CACHE_ENABLED = False
# The contact form's tests post without the stamp a shown form carries; those of
# the stamp (tests/home/test_contact_limits.py) turn the check back on.
CONTACT_MIN_SECONDS = 0
# Wagtail's editor saves a new page's draft on its own every half second; in the
# browser journeys that autosave races the journey's own "Save draft" on a busy
# machine (two creations of the same page). The journeys save by hand.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Nor does the editor ping its editing session while a journey types.
WAGTAIL_EDITING_SESSION_PING_INTERVAL = 3_600_000
