""" "Download my data": a zip of ``data.json`` (every app's sections, as the apps
declare them) and the documents' files."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import zipfile
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from candidates.models import User
from home.storage import STORAGE_ERRORS, StorageUnavailable, private_storage

from .registry import declarations

logger = logging.getLogger(__name__)

# Exports held in memory up to this size, then in a temporary file.
EXPORT_SPOOL_SIZE = 8 * 1024 * 1024
EXPORT_CHUNK = 1024 * 1024
EXPORT_FORMAT = 1


def export_data(user: User) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, as ``data.json`` holds it."""
    data: dict[str, Any] = {"format": EXPORT_FORMAT, "exported_at": timezone.now()}
    for declaration in declarations():
        if declaration.export is not None:
            data.update(declaration.export(user))
    return data


def build_export(user: User) -> IO[bytes]:
    """The zip of "Download my data", rewound: ``data.json`` and the documents'
    files, in a temporary file (memory up to a few megabytes, then disk).
    Raises ``StorageUnavailable`` when the storage cannot be read."""
    data = export_data(user)
    files = [
        exported
        for declaration in declarations()
        if declaration.export_files is not None
        for exported in declaration.export_files(user, data)
    ]
    spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_SIZE)  # noqa: SIM115
    try:
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
            storage = private_storage()
            for entry, key in files:
                try:
                    if key is None:  # deleted while the export was being built
                        raise FileNotFoundError(entry["file"])
                    with storage.open(key, "rb") as source:
                        # Read before the member is added: a missing S3 object
                        # only fails here.
                        chunk = source.read(EXPORT_CHUNK)
                        with archive.open(entry["file"], "w") as target:
                            target.write(chunk)
                            shutil.copyfileobj(source, target, EXPORT_CHUNK)
                except FileNotFoundError:
                    entry["file"] = None
            archive.writestr(
                "data.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
    except STORAGE_ERRORS as exc:
        spool.close()
        logger.warning("Storage unavailable while exporting: %s", exc)
        raise StorageUnavailable from exc
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def export_filename() -> str:
    return f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
