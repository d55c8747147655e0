"""Zips that lie about what they hold, built on the fly (nothing large is stored in git)."""

import io
import struct
import zipfile

ZEROS = bytes(1024 * 1024)


def lying_zip(name, expands_to_mb, declared=122, prefix=b""):
    """One member that declares ``declared`` bytes but inflates to ``expands_to_mb`` MB.

    Written by zipfile (streamed), then both size fields are patched to the lie.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        with package.open(name, "w") as member:
            member.write(prefix)
            for _ in range(expands_to_mb):
                member.write(ZEROS)
    data = bytearray(buffer.getvalue())
    # Local header: uncompressed size at offset 22; central directory entry: at offset 24.
    struct.pack_into("<I", data, 22, declared)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def docx_bomb(expands_to_mb=200):
    types = b'<?xml version="1.0"?><Types>wordprocessingml.document.main+xml'
    return lying_zip("[Content_Types].xml", expands_to_mb, prefix=types)


def odt_bomb(expands_to_mb=200):
    return lying_zip("mimetype", expands_to_mb, prefix=b"application/vnd.oasis.opendocument.text")


def many_entries(count):
    """A zip of ``count`` empty members: small on disk, costly to list."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("[Content_Types].xml", "x")
        for n in range(count):
            package.writestr(f"{n:x}", b"")
    return buffer.getvalue()
