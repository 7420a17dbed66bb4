"""The production settings: they refuse to start without what they need, pass
``check --deploy``, and send the security headers and cookies the site relies on."""

from __future__ import annotations

import importlib
import json
import logging
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from types import ModuleType

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from config.settings.s3 import PRIVATE_URL_MAX_EXPIRY, s3_storages
from home.log import JsonFormatter
from tests.demo_pages import DEMO_PAGES

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "careers.example.com",
    "DATABASE_URL": "postgres://careers@db.internal:5432/careers",
    "BASE_URL": "https://careers.example.com",
}
PUBLIC_PAGES = [*DEMO_PAGES, "/en/account/login/"]
# The settings that make production's HTTP behaviour; copied into the test settings.
SECURITY_SETTING_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_",
    "LANGUAGE_COOKIE_",
    "CONTENT_SECURITY_POLICY",
    "X_FRAME_OPTIONS",
    "MIDDLEWARE",
)


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_module(monkeypatch, **extra: str) -> ModuleType:
    """``config.settings.production`` as the environment ``PRODUCTION_ENV`` makes it
    (with ``base``, read afresh); the modules already loaded are left as they were."""
    for name, value in {**PRODUCTION_ENV, **extra}.items():
        if name != "DJANGO_SETTINGS_MODULE":
            monkeypatch.setenv(name, value)
    names = ["config.settings.base", "config.settings.production"]
    loaded = {name: sys.modules.pop(name, None) for name in names}
    try:
        return importlib.import_module("config.settings.production")
    finally:
        for name, module in loaded.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


@pytest.fixture
def production_http(settings, monkeypatch, tmp_path):
    """The test settings with production's middleware, headers and cookies."""
    module = production_module(monkeypatch)
    for name in dir(module):
        if name.startswith(SECURITY_SETTING_PREFIXES):
            setattr(settings, name, getattr(module, name))
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STATIC_ROOT = tmp_path  # whitenoise serves from there
    return module


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_check_deploy_passes(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            **PRODUCTION_ENV,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = run_python("import config.settings.production", env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required." in result.stderr


def test_production_starts_with_what_it_needs():
    result = run_python(
        "import config.settings.production as s; print(s.DEBUG, s.ALLOWED_HOSTS)",
        PRODUCTION_ENV,
    )
    assert result.stdout.strip() == "False ['careers.example.com']", result.stderr


def test_production_settings_harden_the_site(monkeypatch):
    module = production_module(monkeypatch)
    assert module.SECURE_HSTS_SECONDS >= 31_536_000
    assert module.SESSION_COOKIE_NAME.startswith("__Host-")
    assert module.CSRF_COOKIE_NAME.startswith("__Host-")
    assert module.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert module.CSRF_TRUSTED_ORIGINS == ["https://careers.example.com"]
    assert module.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert module.MIDDLEWARE[:3] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "home.security.ContentSecurityPolicyMiddleware",
    ]
    # Wagtail's shared page/collection passwords and Gravatar stay off.
    assert module.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"password": False}
    assert module.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"password": False}
    assert module.WAGTAILIMAGES_PRIVATE_COLLECTION_OPTIONS == {"password": False}
    assert module.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert module.LOGGING["formatters"]["json"]["()"] == "home.log.JsonFormatter"
    assert module.LOGGING["handlers"]["console"]["formatter"] == "json"


def test_production_uses_redis_for_sessions_when_given(monkeypatch):
    module = production_module(monkeypatch, REDIS_URL="redis://cache.internal:6379/0")
    assert module.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert module.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"


def test_images_on_s3_are_allowed_by_the_policy(monkeypatch):
    module = production_module(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="careers-documents",
        AWS_PUBLIC_BUCKET_NAME="careers-images",
        AWS_PUBLIC_CUSTOM_DOMAIN="images.example.com",
    )
    directives = module.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "https://images.example.com" in directives["img-src"]
    assert module.STORAGES["private"]["OPTIONS"]["bucket_name"] == "careers-documents"


def test_only_the_video_players_may_be_framed(monkeypatch):
    """A YouTube or Vimeo video the visitor chooses to play (the video block)
    loads its privacy-enhanced player; no other page may be framed."""
    from home.blocks import external_video

    frames = production_module(monkeypatch).CONTENT_SECURITY_POLICY["DIRECTIVES"][
        "frame-src"
    ]
    assert frames == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    for url in ("https://youtu.be/aqz-KE-bpKQ", "https://vimeo.com/76979871"):
        origin = "/".join(external_video(url)["embed_url"].split("/")[:3])
        assert origin in frames


# --- S3 storage settings ---------------------------------------------------------

S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": "careers-documents",
    "AWS_S3_REGION_NAME": "eu-west-3",
}


def test_without_a_bucket_files_stay_local():
    assert s3_storages({}) == {}
    assert django_settings.STORAGES["private"]["BACKEND"].endswith("FileSystemStorage")
    assert django_settings.STORAGES["private"]["OPTIONS"]["base_url"] is None


def test_the_document_bucket_is_private_and_signed_for_a_minute():
    options = s3_storages(S3_ENV)["private"]["OPTIONS"]
    assert options["bucket_name"] == "careers-documents"
    assert options["default_acl"] == "private"
    assert options["custom_domain"] is None
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] <= PRIVATE_URL_MAX_EXPIRY == 60
    assert options["client_config"].signature_version == "s3v4"
    assert options["file_overwrite"] is False


def test_a_longer_document_link_is_refused():
    with pytest.raises(ImproperlyConfigured, match="AWS_QUERYSTRING_EXPIRE"):
        s3_storages({**S3_ENV, "AWS_QUERYSTRING_EXPIRE": "3600"})


def test_page_images_use_their_own_bucket_or_prefix():
    shared = s3_storages(S3_ENV)
    assert shared["default"]["OPTIONS"]["bucket_name"] == "careers-documents"
    assert shared["default"]["OPTIONS"]["location"] == "public"
    assert shared["private"]["OPTIONS"]["location"] == "private"
    assert shared["default"]["OPTIONS"]["querystring_auth"] is True

    apart = s3_storages({**S3_ENV, "AWS_PUBLIC_BUCKET_NAME": "careers-images"})
    assert apart["default"]["OPTIONS"]["bucket_name"] == "careers-images"
    assert apart["default"]["OPTIONS"]["querystring_auth"] is False
    assert apart["private"]["OPTIONS"]["bucket_name"] == "careers-documents"

    with pytest.raises(ImproperlyConfigured):
        s3_storages({**S3_ENV, "AWS_PUBLIC_LOCATION": "private"})


# --- Headers and cookies ----------------------------------------------------------


class InlineCodeFinder(HTMLParser):
    """Collects what a strict Content-Security-Policy would block."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        is_data = attributes.get("type") == "application/ld+json"
        if tag == "script" and not attributes.get("src") and not is_data:
            self.found.append(f"inline <script> {attributes}")
        if tag == "style":
            self.found.append("<style> element")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


@pytest.mark.django_db
def test_public_pages_send_the_security_headers(client, demo_site, production_http):
    for path in PUBLIC_PAGES:
        assert_security_headers(client.get(path, secure=True), path)


def assert_security_headers(response, path: str) -> None:
    assert response.status_code == 200, path
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.found == [], f"{path}: blocked by the Content-Security-Policy"


@pytest.mark.django_db
def test_the_admin_policy_is_relaxed_only_as_it_needs(client, production_http):
    response = client.get("/admin/login/", secure=True)

    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_plain_http_is_redirected_except_the_health_check(client, production_http):
    response = client.get("/en/faq/?q=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/faq/?q=1"
    assert client.get("/healthz").status_code == 200
    behind_proxy = client.get("/healthz", headers={"x-forwarded-proto": "https"})
    assert "Strict-Transport-Security" in behind_proxy


@pytest.mark.django_db
def test_cookies_are_secure_and_bound_to_the_host(
    client, home_page, production_http, django_user_model
):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pass-1234")

    form_page = client.get("/en/account/login/", secure=True)
    csrf = form_page.cookies["__Host-csrftoken"]
    login = client.post(
        "/admin/login/",
        {"username": "boss", "password": "pass-1234", "remember": "on"},
        secure=True,
    )

    assert login.status_code == 302
    session = login.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""
        assert cookie["samesite"] == "Lax"
    assert session["httponly"] is True
    assert int(session["max-age"]) == 8 * 60 * 60


def test_logs_are_one_json_object_per_line(rf):
    request = rf.get("/en/me/documents/?email=jane@example.org")
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            (request.path,),
            sys.exc_info(),
            extra={"request": request, "status_code": 500},
        )
    line = JsonFormatter().format(record)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Internal Server Error: /en/me/documents/"
    assert entry["status_code"] == 500
    assert (entry["method"], entry["path"]) == ("GET", "/en/me/documents/")
    assert "ValueError: boom" in entry["exception"]
    assert "jane@example.org" not in line


def test_smtp_comes_from_the_environment(monkeypatch):
    module = production_module(
        monkeypatch, EMAIL_URL="smtps://careers%40example.com:s3cret@mail.example.com"
    )
    assert module.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (module.EMAIL_HOST, module.EMAIL_PORT) == ("mail.example.com", 465)
    assert module.EMAIL_USE_SSL is True
    assert module.EMAIL_HOST_USER == "careers@example.com"
    assert module.EMAIL_HOST_PASSWORD == "s3cret"
    assert module.EMAIL_TIMEOUT == 10


def test_pgbouncer_transaction_pooling_can_be_declared(monkeypatch):
    module = production_module(monkeypatch)
    assert module.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False
    module = production_module(monkeypatch, DATABASE_DISABLE_SERVER_SIDE_CURSORS="true")
    assert module.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert module.DATABASES["default"]["HOST"] == "db.internal"
