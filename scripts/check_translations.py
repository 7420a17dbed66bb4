#!/usr/bin/env python
"""Fails when a shipped language's catalogue is incomplete or stale.

Every language of ``LANGUAGES`` but English, and every language that has a catalogue
under ``LOCALE_PATHS``, is checked: each message must be translated and not fuzzy,
keep the placeholders of its ``msgid``, the ``.po`` must hold every message the code
uses now (``makemessages`` is run into a temporary copy of the project) and the
``.mo`` beside it must be the compilation of the ``.po``.

    .venv/bin/python scripts/check_translations.py           # the whole check
    .venv/bin/python scripts/check_translations.py --no-extract  # without makemessages

Exit status 1, with one line per offender, when something is wrong.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DOMAINS = ("django", "djangojs")
# What `makemessages` must not read: the environment, the test suite, runtime data.
IGNORED = (".venv", "node_modules", "var", "tests")
COPY_IGNORED = (*IGNORED, ".git", "__pycache__", ".pytest_cache", ".ruff_cache")
# Lines of the header that change on every extraction, not with the translation.
VOLATILE_HEADER = ("POT-Creation-Date:", "PO-Revision-Date:")

NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
KEYWORD = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr)(?:\[(\d+)\])?")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACED = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass
class Entry:
    """One message of a ``.po`` file."""

    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """The message's key in a compiled catalogue."""
        key = self.msgid
        if self.msgid_plural is not None:
            key += "\x00" + self.msgid_plural
        if self.msgctxt is not None:
            key = self.msgctxt + "\x04" + key
        return key

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[n] for n in sorted(self.msgstr_plural)] or [""]

    @property
    def compiled(self) -> str:
        return "\x00".join(self.translations)

    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"{text!r}{context}"


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a ``.po`` file (obsolete ``#~`` ones are left out).

    Entries are separated by blank lines, as ``makemessages`` and ``msgmerge`` write
    them; a ``msgid`` after a ``msgstr`` starts a new entry too.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    flags: set[str] = set()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line:
                flags = set()
            continue
        if line.startswith("#"):
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{path}:{number}: a string outside any message")
            append(current, target, unquote(line, path, number))
            continue
        keyword, _space, rest = line.partition(" ")
        match = KEYWORD.fullmatch(keyword)
        if match is None:
            raise ValueError(f"{path}:{number}: cannot read {line!r}")
        name, index = match.group(1), match.group(2)
        starts = name == "msgctxt" or (
            name == "msgid" and (target or ("",))[0] != "msgctxt"
        )
        if starts:
            current = Entry(line=number, flags=flags)
            flags = set()
            entries.append(current)
        if current is None:
            raise ValueError(f"{path}:{number}: {name} before any msgid")
        target = (name, int(index) if index is not None else None)
        if name == "msgid_plural":
            current.msgid_plural = ""
        elif name == "msgctxt":
            current.msgctxt = ""
        elif name == "msgstr" and index is not None:
            current.msgstr_plural[int(index)] = ""
        append(current, target, unquote(rest, path, number))
    return entries


def unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{number}: a string without its quotes")
    # A .po string is a C string; its escapes are those of a Python literal.
    return ast.literal_eval(text)


def append(entry: Entry, target: tuple[str, int | None], text: str) -> None:
    name, index = target
    if name == "msgstr" and index is not None:
        entry.msgstr_plural[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def read_mo(path: Path) -> dict[str, str]:
    """The messages of a compiled ``.mo`` catalogue, key to translation."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    if struct.unpack(order + "I", data[:4])[0] != 0x950412DE:
        raise ValueError(f"{path}: not a .mo file")
    count, originals, translations = struct.unpack(order + "3I", data[8:20])
    catalogue = {}
    for n in range(count):
        length, offset = struct.unpack_from(order + "2I", data, originals + 8 * n)
        key = data[offset : offset + length].decode("utf-8")
        length, offset = struct.unpack_from(order + "2I", data, translations + 8 * n)
        catalogue[key] = data[offset : offset + length].decode("utf-8")
    return catalogue


def placeholders(text: str, flags: set[str]) -> tuple:
    """The placeholders of a message that its translations must keep.

    Named ``%(name)s`` ones always; positional ``%s`` ones in a ``python-format``
    message; ``{name}`` ones in a ``python-brace-format`` message.
    """
    text = text.replace("%%", "")
    named = frozenset(NAMED.findall(text))
    positional = ()
    if "python-format" in flags:
        positional = tuple(POSITIONAL.findall(NAMED.sub("", text)))
    braced = frozenset()
    if "python-brace-format" in flags:
        braced = frozenset(BRACED.findall(text.replace("{{", "").replace("}}", "")))
    return named, positional, braced


def describe(found: tuple) -> str:
    named, positional, braced = found
    parts = sorted(f"%({name})" for name in named) + list(positional)
    parts += sorted(f"{{{name}}}" for name in braced)
    return " ".join(parts) or "none"


def entry_problems(entry: Entry) -> list[str]:
    """What is wrong with one message of a shipped catalogue."""
    if entry.msgid == "":
        return ["the header is fuzzy"] if "fuzzy" in entry.flags else []
    if "fuzzy" in entry.flags:
        return ["fuzzy"]
    if any(text == "" for text in entry.translations):
        return ["untranslated"]
    sources = [entry.msgid]
    if entry.msgid_plural is not None:
        sources.append(entry.msgid_plural)
    allowed = [placeholders(source, entry.flags) for source in sources]
    for number, text in enumerate(entry.translations):
        found = placeholders(text, entry.flags)
        # The first form may follow the singular, which often names no count, or
        # the plural; every other form follows the plural.
        expected = allowed if number == 0 else allowed[-1:]
        if found not in expected:
            return [
                f"placeholders differ: expected {describe(expected[-1])},"
                f" found {describe(found)}"
            ]
    return []


def header_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if not line.startswith(VOLATILE_HEADER)]


def compiled_problems(po_entries: list[Entry], mo_path: Path) -> list[str]:
    """Why the ``.mo`` is not the compilation of the ``.po``, if it is not."""
    if not mo_path.exists():
        return ["no compiled .mo beside the .po: run manage.py compilemessages"]
    try:
        compiled = read_mo(mo_path)
    except (ValueError, struct.error, UnicodeDecodeError) as error:
        return [f"the .mo cannot be read ({error}): run manage.py compilemessages"]
    # msgfmt leaves out fuzzy messages and those whose first form is empty.
    expected = {
        entry.key: entry.compiled
        for entry in po_entries
        if entry.msgid == "" or ("fuzzy" not in entry.flags and entry.translations[0])
    }
    header = expected.pop("", "")
    compiled_header = compiled.pop("", "")
    if expected != compiled or header_lines(header) != header_lines(compiled_header):
        changed = sum(
            1
            for key in expected.keys() | compiled.keys()
            if expected.get(key) != compiled.get(key)
        )
        return [
            f"the .mo is not the compilation of the .po ({changed} message(s) differ):"
            " run manage.py compilemessages"
        ]
    return []


def shipped_languages() -> list[tuple[str, list[Path]]]:
    """Each language to check, with the locale folders that may hold it."""
    from django.conf import settings

    locale_paths = [Path(path) for path in settings.LOCALE_PATHS]
    codes = {code for code, _name in settings.LANGUAGES}
    for path in locale_paths:
        if path.is_dir():
            codes |= {child.name for child in path.iterdir() if child.is_dir()}
    codes = {code for code in codes if code.split("-")[0].lower() != "en"}
    return [(code, locale_paths) for code in sorted(codes)]


def catalogue_dir(locale_path: Path, code: str) -> Path:
    from django.utils.translation import to_locale

    return locale_path / to_locale(code) / "LC_MESSAGES"


def extract(languages: list[str], workdir: Path) -> Path:
    """A copy of the project whose catalogues ``makemessages`` has just updated."""
    copy = workdir / "project"
    shutil.copytree(
        BASE_DIR, copy, ignore=shutil.ignore_patterns(*COPY_IGNORED), symlinks=True
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env["VAR_DIR"] = str(workdir / "var")
    for domain in DOMAINS:
        command = [sys.executable, "manage.py", "makemessages", "--domain", domain]
        command += [f"--locale={code}" for code in languages]
        command += [f"--ignore={name}" for name in IGNORED]
        result = subprocess.run(  # noqa: S603
            command, cwd=copy, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"makemessages --domain {domain} failed:\n{result.stderr.strip()}"
            )
    return copy


def check(extract_messages: bool = True) -> list[str]:
    """Every offence of the shipped catalogues, one line each."""
    offences: list[str] = []
    languages = shipped_languages()
    if not languages:
        return offences
    fresh_root = None
    workdir = None
    if extract_messages:
        if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
            return [
                "xgettext and msgmerge are missing: install gettext"
                " (scripts/bootstrap.sh test does)"
            ]
        workdir = Path(tempfile.mkdtemp(prefix="check-translations-"))
    try:
        if workdir is not None:
            fresh_root = extract([code for code, _paths in languages], workdir)
        for code, locale_paths in languages:
            offences += check_language(code, locale_paths, fresh_root)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return offences


def check_language(
    code: str, locale_paths: list[Path], fresh_root: Path | None
) -> list[str]:
    offences = []
    found_any = False
    for locale_path in locale_paths:
        folder = catalogue_dir(locale_path, code)
        for domain in DOMAINS:
            po_path = folder / f"{domain}.po"
            shown = (
                po_path.relative_to(BASE_DIR)
                if po_path.is_relative_to(BASE_DIR)
                else po_path
            )
            fresh_path = None
            if fresh_root is not None and locale_path.is_relative_to(BASE_DIR):
                fresh_path = fresh_root / folder.relative_to(BASE_DIR) / f"{domain}.po"
            if not po_path.exists():
                if fresh_path is not None and fresh_path.exists():
                    found_any = True
                    count = sum(1 for entry in parse_po(fresh_path) if entry.msgid)
                    offences.append(
                        f"{shown}: missing, while the code has {count} message(s)"
                        " of this domain: run manage.py makemessages"
                    )
                continue
            found_any = True
            entries = parse_po(po_path)
            for entry in entries:
                offences += [
                    f"{shown}:{entry.line}: {problem}: {entry.label()}"
                    for problem in entry_problems(entry)
                ]
            offences += [
                f"{shown}: {problem}"
                for problem in compiled_problems(entries, po_path.with_suffix(".mo"))
            ]
            if fresh_path is not None and fresh_path.exists():
                known = {entry.key for entry in entries}
                offences += [
                    f"{shown}: missing, used by {entry_source(fresh_path, entry)}:"
                    f" {entry.label()} (run manage.py makemessages, then translate it)"
                    for entry in parse_po(fresh_path)
                    if entry.msgid and entry.key not in known
                ]
    if not found_any:
        offences.append(f"{code}: no catalogue in {', '.join(map(str, locale_paths))}")
    return offences


def entry_source(path: Path, entry: Entry) -> str:
    """Where the code uses a message, from the ``#:`` comment above it."""
    lines = path.read_text(encoding="utf-8").splitlines()[: entry.line - 1]
    for line in reversed(lines):
        if line.startswith("#:"):
            return line[2:].split()[0]
        if not line.startswith("#"):
            break
    return "the code"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-extract",
        action="store_true",
        help="skip makemessages: check only the catalogues as they are",
    )
    options = parser.parse_args(argv)
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    try:
        offences = check(extract_messages=not options.no_extract)
    except (RuntimeError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    for offence in offences:
        print(offence, file=sys.stderr)
    if offences:
        print(f"{len(offences)} translation problem(s).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
