"""Virus scanning with ClamAV: a client of clamd's ``INSTREAM`` command.

clamd listens on a unix socket (``CLAMD_SOCKET``) or on TCP (``CLAMD_HOST`` and
``CLAMD_PORT``); with neither set (the demo) nothing is scanned. The protocol, as
clamd(8) documents it: ``zINSTREAM\\0``, then the file in chunks, each prefixed
by its length as 4 bytes in network order, then a chunk of length zero; clamd
answers ``stream: OK`` or ``stream: <signature> FOUND``, ended by a null byte.

Scanning fails closed: an answer other than these two, a refused connection, a
timeout or ``INSTREAM size limit exceeded`` raise ``ScannerUnavailable``, so an
unchecked file is never taken for a clean one.
"""

from __future__ import annotations

import logging
import re
import socket
import struct
import time
from typing import IO

from django.conf import settings

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# The longest answer clamd gives (a signature name, a path, an error).
MAX_ANSWER = 4096
CLEAN_ANSWER = "stream: OK"
FOUND_ANSWER = re.compile(r"^stream: (?P<signature>.+) FOUND$")
# What a signature's name may keep when it is shown to someone.
UNSAFE_IN_SIGNATURE = re.compile(r"[^A-Za-z0-9._:/-]")


class ScanError(Exception):
    """The file could not be found clean."""


class VirusFound(ScanError):
    """clamd found a virus or malware; ``signature`` names it, cleaned."""

    def __init__(self, signature: str) -> None:
        self.signature = UNSAFE_IN_SIGNATURE.sub("", signature)[:100] or "unknown"
        super().__init__(f"virus found: {self.signature}")


class ScannerUnavailable(ScanError):
    """clamd could not be reached, timed out or gave an unexpected answer."""


def scanning_enabled() -> bool:
    """Whether a clamd is configured (not in the demo)."""
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def _connect(timeout: float) -> socket.socket:
    if settings.CLAMD_SOCKET:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(settings.CLAMD_SOCKET)
        except BaseException:
            sock.close()
            raise
        return sock
    return socket.create_connection(
        (settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=timeout
    )


class _Deadline:
    """One time limit for the whole scan, whatever the number of chunks."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("clamd took too long")
        return remaining


def _read_answer(sock: socket.socket, deadline: _Deadline) -> str:
    answer = b""
    while b"\0" not in answer and len(answer) < MAX_ANSWER:
        sock.settimeout(deadline.left())
        chunk = sock.recv(MAX_ANSWER)
        if not chunk:
            break
        answer += chunk
    return answer.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def scan_stream(stream: IO[bytes]) -> bool:
    """Scans ``stream`` from its start; True when clamd found it clean, False when
    no scanner is configured. Raises ``VirusFound`` or ``ScannerUnavailable``."""
    if not scanning_enabled():
        return False
    deadline = _Deadline(settings.CLAMD_TIMEOUT)
    answer = ""
    try:
        stream.seek(0)
        with _connect(deadline.left()) as sock:
            try:
                sock.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK_SIZE):
                    sock.settimeout(deadline.left())
                    sock.sendall(struct.pack(">I", len(chunk)) + chunk)
                sock.settimeout(deadline.left())
                sock.sendall(struct.pack(">I", 0))
            except OSError:
                # clamd closes the connection on a stream over its limit; its
                # answer, if it sent one, says why.
                answer = _read_answer(sock, deadline)
                raise
            answer = _read_answer(sock, deadline)
    except OSError as exc:  # refused, no socket, timeout, reset
        logger.warning("clamd unavailable: %s %s", exc, answer)
        raise ScannerUnavailable(str(exc) or answer) from exc
    finally:
        stream.seek(0)
    if answer == CLEAN_ANSWER:
        return True
    found = FOUND_ANSWER.match(answer)
    if found:
        error = VirusFound(found["signature"])
        logger.warning("clamd found %s in an upload", error.signature)
        raise error
    logger.warning("clamd gave an unexpected answer: %r", answer[:200])
    raise ScannerUnavailable(f"unexpected answer from clamd: {answer[:200]!r}")
