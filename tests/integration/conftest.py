"""Servers the integration tests start themselves: an S3-compatible one (SeaweedFS),
which checks request signatures and the expiry of presigned URLs like S3 does; the
Redis server that `make test` starts for its PostgreSQL pass (TEST_REDIS_URL); and
the ClamAV daemon it starts for both passes (TEST_CLAMD_SOCKET)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3
import pytest
import redis
from botocore.config import Config
from django.conf import settings as django_settings

from config.settings.s3 import s3_storages

ROOT = Path(django_settings.BASE_DIR)
SEAWEEDFS = ROOT / "scripts" / "seaweedfs.sh"
# The S3 server listens on PORT and its own parts on the seven ports after it.
PORTS_PER_SERVER = 8


def free_port_block(size: int) -> int:
    """The first of ``size`` consecutive free loopback ports."""
    for _ in range(200):
        first = 20_000 + secrets.randbelow(30_000)
        sockets = []
        try:
            for port in range(first, first + size):
                sock = socket.socket()
                sockets.append(sock)
                sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise RuntimeError("no block of free ports on loopback")


def closed_port() -> int:
    """A loopback port nothing listens on: a server that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database, for the server and worker processes the tests start."""
    database = django_settings.DATABASES["default"]
    user = database["USER"]
    if database["PASSWORD"]:
        user += f":{database['PASSWORD']}"
    host = f"{database['HOST']}:{database['PORT']}"
    return f"postgres://{user}@{host}/{database['NAME']}"


def production_environ(**extra: str) -> dict[str, str]:
    """What a server or worker machine gets: production settings and variables."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "careers.example.com",
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **extra,
    }


def start_worker(name: str, log: Path, **environ: str) -> subprocess.Popen:
    """A real ``manage.py db_worker`` process on the production settings, polling
    every 0.1 s, its output in ``log``."""
    return subprocess.Popen(  # noqa: S603 - fixed command line
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--worker-id",
            name,
        ],
        cwd=django_settings.BASE_DIR,
        env=production_environ(**environ),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def collect_static(environ: dict[str, str]) -> None:
    """``manage.py collectstatic`` as a deployment runs it, with ``environ``."""
    collect = subprocess.run(  # noqa: S603 - fixed command line
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=django_settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert collect.returncode == 0, collect.stderr


def start_gunicorn(
    port: int, environ: dict[str, str], log: Path, workers: int = 2
) -> subprocess.Popen:
    """A real gunicorn serving the site on loopback, its output in ``log``."""
    return subprocess.Popen(  # noqa: S603 - fixed command line
        [
            Path(sys.executable).parent / "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
        ],
        cwd=django_settings.BASE_DIR,
        env=environ,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Polls ``condition`` until it holds; fails the test after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}")
        time.sleep(0.1)


@dataclass
class S3Server:
    """A running SeaweedFS: only ``access_key``/``secret_key`` may read or write;
    anonymous requests may only read the public bucket."""

    endpoint: str
    access_key: str
    secret_key: str
    private_bucket: str = "careers-private"
    public_bucket: str = "careers-public"

    def environ(self, **overrides: str) -> dict[str, str]:
        """The production environment variables that point the site at it."""
        return {
            "AWS_STORAGE_BUCKET_NAME": self.private_bucket,
            "AWS_PUBLIC_BUCKET_NAME": self.public_bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            **overrides,
        }

    def storages(self, **overrides: str) -> dict[str, Any]:
        """``STORAGES`` entries as production builds them from ``environ()``."""
        return s3_storages(self.environ(**overrides))

    def down_storages(self) -> dict[str, Any]:
        """The same storages, while S3 is unreachable."""
        return self.storages(
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{closed_port()}",
            AWS_S3_MAX_ATTEMPTS="1",
            AWS_S3_CONNECT_TIMEOUT="2",
        )

    def client(self, secret_key: str | None = None):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=self.access_key,
            aws_secret_access_key=secret_key or self.secret_key,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def keys(self, bucket: str) -> set[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory) -> Iterator[S3Server]:
    """SeaweedFS on loopback for the whole run; a failure to start fails the tests
    that need it, it never skips them."""
    directory = tmp_path_factory.mktemp("seaweedfs")
    port = free_port_block(PORTS_PER_SERVER)
    access_key = "careers-" + secrets.token_hex(4)
    secret_key = secrets.token_urlsafe(24)
    server = S3Server(f"http://127.0.0.1:{port}", access_key, secret_key)
    result = subprocess.run(
        [
            SEAWEEDFS,
            "start",
            directory,
            str(port),
            access_key,
            secret_key,
            server.private_bucket,
        ],
        env={"PATH": "/usr/bin:/bin", "PUBLIC_BUCKET": server.public_bucket},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        subprocess.run([SEAWEEDFS, "stop", directory], check=False)
        pytest.fail(f"SeaweedFS did not start:\n{result.stderr}", pytrace=False)
    try:
        yield server
    finally:
        subprocess.run([SEAWEEDFS, "stop", directory], check=False, timeout=60)


@pytest.fixture
def s3_storage(s3_server: S3Server, settings) -> S3Server:
    """Page images and candidate documents on S3 for this test, as in production."""
    settings.STORAGES = {**settings.STORAGES, **s3_server.storages()}
    return s3_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that uses Redis is marked so, wherever it asks for it: `make test-fast`
    # and the SQLite pass of `make test` leave it out (-m "not redis"). The same for
    # ClamAV: `make test-fast` leaves out the tests marked clamav.
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "redis_url" in fixtures:
            item.add_marker(pytest.mark.redis)
        if "clamd_socket" in fixtures:
            item.add_marker(pytest.mark.clamav)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The URL of a database of the Redis server of TEST_REDIS_URL, one database
    per test process (``cache.clear()`` empties a whole database). Without the
    variable the test is skipped, or fails when CI=true: CI never skips a service."""
    base = os.environ.get("TEST_REDIS_URL", "")
    if not base:
        message = "This test needs Redis: `make test` runs it with TEST_REDIS_URL set."
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1")
    number = int(worker.removeprefix("gw")) + 1  # database 0 for a run without -n
    url = urlunsplit(urlsplit(base)._replace(path=f"/{number}"))
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} does not answer: {error}", pytrace=False)
    return url


@pytest.fixture
def redis_cache(redis_url: str, settings) -> Iterator[str]:
    """Django's cache on Redis for this test, as in production (REDIS_URL), emptied
    before and after it."""
    redis_backend = "django.core.cache.backends.redis.RedisCache"
    settings.CACHES = {
        "default": {"BACKEND": redis_backend, "LOCATION": redis_url},
        "pages": {
            "BACKEND": redis_backend,
            "LOCATION": redis_url,
            "KEY_PREFIX": "pages",
        },
    }
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield redis_url
    client.flushdb()


@pytest.fixture(scope="session")
def clamd_socket() -> str:
    """The unix socket of the clamd that `make test` starts (scripts/clamd.sh),
    from TEST_CLAMD_SOCKET. Without the variable the test is skipped, or fails when
    CI=true: CI never skips a service."""
    path = os.environ.get("TEST_CLAMD_SOCKET", "")
    if not path:
        message = (
            "This test needs ClamAV: `make test` runs it with TEST_CLAMD_SOCKET set "
            "(scripts/clamd.sh start DIR prints one)."
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(5)
            sock.connect(path)
            sock.sendall(b"zPING\0")
            answer = sock.recv(64)
    except OSError as error:
        pytest.fail(f"clamd at {path} does not answer: {error}", pytrace=False)
    if answer.rstrip(b"\0\n") != b"PONG":
        pytest.fail(f"clamd at {path} answered {answer!r} to PING", pytrace=False)
    return path


@pytest.fixture
def clamav(clamd_socket: str, settings) -> str:
    """Uploads scanned by the real clamd for this test, as in production."""
    settings.CLAMD_SOCKET = clamd_socket
    settings.CLAMD_HOST = ""
    settings.CLAMD_TIMEOUT = 30
    return clamd_socket
