"""S3 storage for candidate documents and page images, read from ``AWS_*`` variables.

Candidate documents go to a private bucket: no public ACL, no custom domain, every URL
presigned (signature v4) and valid for at most a minute. Page images go to their own
public bucket (``AWS_PUBLIC_BUCKET_NAME``, optionally behind a CDN) or, without one, to
a prefix of the private bucket, served through presigned URLs as well.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

S3_BACKEND = "storages.backends.s3.S3Storage"
# The longest a presigned link to a candidate document stays valid, in seconds.
PRIVATE_URL_MAX_EXPIRY = 60


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number") from exc


def s3_storages(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The ``STORAGES`` entries for S3, or none when ``AWS_STORAGE_BUCKET_NAME`` is
    unset (documents and images then stay in local folders)."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {}
    expiry = _int(environ, "AWS_QUERYSTRING_EXPIRE", PRIVATE_URL_MAX_EXPIRY)
    if not 0 < expiry <= PRIVATE_URL_MAX_EXPIRY:
        raise ImproperlyConfigured(
            f"AWS_QUERYSTRING_EXPIRE must be between 1 and {PRIVATE_URL_MAX_EXPIRY}"
            " seconds: links to candidate documents must not outlive a minute."
        )
    connection = {
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        # Without keys, boto3 looks for them itself (instance role, ~/.aws).
        "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
        "security_token": environ.get("AWS_SESSION_TOKEN") or None,
        "client_config": Config(
            signature_version="s3v4",
            s3={"addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or "auto"},
            connect_timeout=_int(environ, "AWS_S3_CONNECT_TIMEOUT", 5),
            read_timeout=_int(environ, "AWS_S3_READ_TIMEOUT", 30),
            retries={
                "mode": "standard",
                "total_max_attempts": _int(environ, "AWS_S3_MAX_ATTEMPTS", 3),
            },
        ),
    }
    private = {
        **connection,
        "bucket_name": bucket,
        "location": environ.get("AWS_PRIVATE_LOCATION", "private"),
        "default_acl": "private",
        "custom_domain": None,
        "querystring_auth": True,
        "querystring_expire": expiry,
        "file_overwrite": False,
    }
    public_bucket = environ.get("AWS_PUBLIC_BUCKET_NAME", "").strip()
    if public_bucket:
        public = {
            **connection,
            "bucket_name": public_bucket,
            "location": environ.get("AWS_PUBLIC_LOCATION", ""),
            # Readable through the bucket policy (or the CDN), not per-object ACLs.
            "default_acl": None,
            "custom_domain": environ.get("AWS_PUBLIC_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
        }
    else:
        public = {
            **connection,
            "bucket_name": bucket,
            "location": environ.get("AWS_PUBLIC_LOCATION") or "public",
            "default_acl": "private",
            "custom_domain": None,
            "querystring_auth": True,
            "querystring_expire": _int(environ, "AWS_PUBLIC_QUERYSTRING_EXPIRE", 3600),
            "file_overwrite": False,
        }
    if public["location"] == private["location"] and public_bucket in ("", bucket):
        raise ImproperlyConfigured(
            "AWS_PUBLIC_LOCATION and AWS_PRIVATE_LOCATION must differ when page images"
            " and candidate documents share a bucket."
        )
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": public},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": private},
    }


def public_media_origin(environ: Mapping[str, str]) -> str | None:
    """Where page images are served from when they are on S3, for the CSP."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        return None
    custom_domain = environ.get("AWS_PUBLIC_CUSTOM_DOMAIN", "").strip()
    if custom_domain and environ.get("AWS_PUBLIC_BUCKET_NAME", "").strip():
        return f"https://{custom_domain}"
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip()
    if endpoint:
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    # AWS itself: the bucket's own host name (virtual-hosted style).
    bucket = environ.get("AWS_PUBLIC_BUCKET_NAME") or environ["AWS_STORAGE_BUCKET_NAME"]
    region = environ.get("AWS_S3_REGION_NAME", "").strip()
    if region:
        return f"https://{bucket}.s3.{region}.amazonaws.com"
    return f"https://{bucket}.s3.amazonaws.com"
