"""Real documents, built byte by byte for the tests: PDF (plain or protected by a
password), DOCX, ODT, OLE2 compound files (a Word binary document, or an Excel
workbook or an installer under its name), and the EICAR test string.

No such file sits in the repository: each test builds the exact file it sends."""

from __future__ import annotations

import io
import stat
import struct
import zipfile

WORD_MAIN_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
DOCM_MAIN_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTM_MAIN_TYPE = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def eicar() -> bytes:
    """The EICAR test string, harmless, that every antivirus reports; built from
    two halves so that no scanner takes this module for the test file."""
    first = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR"
    return first + b"-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


# --- PDF -----------------------------------------------------------------------------


def pdf_bytes(
    text: bytes = b"Jane Doe - CV",
    *,
    trailer_extra: bytes = b"",
    extra_objects: tuple[bytes, ...] = (),
    comment: bytes = b"",
) -> bytes:
    """A small, well-formed PDF of one page saying ``text``, with a true cross-
    reference table; ``trailer_extra`` is written into its trailer dictionary."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    if comment:
        out.write(b"% " + comment + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1)
        + trailer_extra
        + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return out.getvalue()


# The encryption dictionary of the standard security handler (RC4, 40 bits).
ENCRYPTION_DICTIONARY = (
    b"<< /Filter /Standard /V 1 /R 2 /P -44 "
    b"/O <" + b"a1" * 32 + b"> /U <" + b"b2" * 32 + b"> >>"
)


def encrypted_pdf_bytes() -> bytes:
    """A PDF whose trailer names an encryption dictionary (object 6)."""
    return pdf_bytes(
        trailer_extra=b"/Encrypt 6 0 R /ID [<0123456789abcdef> <0123456789abcdef>]",
        extra_objects=(ENCRYPTION_DICTIONARY,),
    )


def encrypted_xref_stream_pdf_bytes() -> bytes:
    """A PDF 1.5 whose cross-reference stream (no ``trailer`` keyword) names its
    encryption dictionary, with ``/Encrypt`` written with a ``#`` escape."""
    return (
        b"%PDF-1.5\n"
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"3 0 obj\n" + ENCRYPTION_DICTIONARY + b"\nendobj\n"
        b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R "
        b"/Encr#79pt 3 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n"
        b"startxref\n120\n%%EOF\n"
    )


# --- Zip packages: DOCX and ODT ------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
    "{extra}</Types>"
)
PACKAGE_RELATIONSHIPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    b'org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
WORD_DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
    b'main"><w:body><w:p><w:r><w:t>Jane Doe - CV</w:t></w:r></w:p></w:body>'
    b"</w:document>"
)


def zip_package(
    entries: dict[str, bytes],
    *,
    stored: tuple[str, ...] = (),
    symlinks: dict[str, bytes] | None = None,
) -> bytes:
    """A zip of ``entries`` in order (deflated, but ``stored`` ones), then
    ``symlinks``: entries made on Unix with the mode of a symbolic link."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
        for name, target in (symlinks or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return buffer.getvalue()


def docx_entries(
    main_type: str = WORD_MAIN_TYPE, extra_types: str = ""
) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES.format(
            main_type=main_type, extra=extra_types
        ).encode(),
        "_rels/.rels": PACKAGE_RELATIONSHIPS,
        "word/document.xml": WORD_DOCUMENT,
    }


def docx_bytes(
    main_type: str = WORD_MAIN_TYPE,
    *,
    extra: dict[str, bytes] | None = None,
    extra_types: str = "",
    symlinks: dict[str, bytes] | None = None,
) -> bytes:
    """A Word document as Word writes its skeleton; ``main_type`` is the content
    type declared for ``word/document.xml``."""
    return zip_package(
        {**docx_entries(main_type, extra_types), **(extra or {})}, symlinks=symlinks
    )


def odt_bytes(mimetype: bytes = ODT_MIMETYPE, *, extra=None) -> bytes:
    """An OpenDocument text: ``mimetype`` first and stored, as the standard says."""
    return zip_package(
        {
            "mimetype": mimetype,
            "content.xml": b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<office:document-content xmlns:office="urn:oasis:names:tc:'
            b'opendocument:xmlns:office:1.0"/>',
            "META-INF/manifest.xml": b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
            b'xmlns:manifest:1.0"/>',
            **(extra or {}),
        },
        stored=("mimetype",),
    )


# --- OLE2 compound files: DOC, XLS, MSI ----------------------------------------------

SECTOR = 512
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
MINI_STREAM_CUTOFF = 4096


def _directory_entry(
    name: str, kind: int, *, right=NOSTREAM, child=NOSTREAM, start=0, size=0
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,  # black
        NOSTREAM,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def compound_file(streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> bytes:
    """A compound file (version 3, 512-byte sectors) holding ``streams`` and empty
    ``storages`` at its root. Each stream is padded to the mini-stream cutoff so
    that it lives in ordinary sectors: one FAT sector, no mini FAT, no DIFAT."""
    padded = {
        name: data.ljust(MINI_STREAM_CUTOFF, b"\0") for name, data in streams.items()
    }
    # Root, then the children in the order of the format (length, then upper case),
    # each the right sibling of the one before: a valid, if lopsided, tree.
    children = sorted(
        [(name, 2) for name in padded] + [(name, 1) for name in storages],
        key=lambda item: (len(item[0]), item[0].upper()),
    )
    directory_sectors = -(-(len(children) + 1) * 128 // SECTOR)
    fat = [FATSECT]
    fat += [*range(2, 1 + directory_sectors), ENDOFCHAIN]
    starts = {}
    for name, data in padded.items():
        count = len(data) // SECTOR
        first = len(fat)
        starts[name] = first
        fat += [*range(first + 1, first + count), ENDOFCHAIN]
    assert len(fat) <= SECTOR // 4, "compound_file builds small files only"
    entries = [
        _directory_entry(
            "Root Entry", 5, child=1 if children else NOSTREAM, start=ENDOFCHAIN
        )
    ]
    for index, (name, kind) in enumerate(children, start=1):
        right = index + 1 if index < len(children) else NOSTREAM
        if kind == 2:
            entries.append(
                _directory_entry(
                    name, 2, right=right, start=starts[name], size=len(padded[name])
                )
            )
        else:
            entries.append(_directory_entry(name, 1, right=right))
    directory = b"".join(entries)
    while len(directory) < directory_sectors * SECTOR:
        directory += _directory_entry("", 0)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x003E,
        0x0003,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,  # directory sectors (always 0 in version 3)
        1,  # FAT sectors
        1,  # first directory sector
        0,
        MINI_STREAM_CUTOFF,
        ENDOFCHAIN,  # no mini FAT
        0,
        ENDOFCHAIN,  # no DIFAT sector
        0,
    )
    header += struct.pack("<109I", 0, *[FREESECT] * 108)
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *fat, *[FREESECT] * (128 - len(fat)))
    return header + fat_sector + directory + b"".join(padded.values())


def word_document_stream() -> bytes:
    """The start of a Word 97 File Information Block: wIdent 0xA5EC, nFib 193."""
    return struct.pack("<HHHH", 0xA5EC, 0x00C1, 0, 0x0409) + b"Jane Doe - CV"


def doc_bytes(*, storages: tuple[str, ...] = ()) -> bytes:
    """A Word 97-2003 document: its WordDocument and 1Table streams."""
    return compound_file(
        {"WordDocument": word_document_stream(), "1Table": b"\0" * 64},
        storages=storages,
    )


def xls_bytes() -> bytes:
    """An Excel 97-2003 workbook: a Workbook stream, no WordDocument."""
    return compound_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"})


def msi_like_bytes() -> bytes:
    """An installer's compound file: summary information and tables, no Word."""
    return compound_file(
        {
            "\x05SummaryInformation": b"\xfe\xff\x00\x00",
            "\u4840\u3f3f\u4577\u446c\u3b6a": b"table",
        }
    )
