"""Text as it arrives: bytes decoded (UTF-8, BOMs, legacy encodings) and Unicode tidied."""

from __future__ import annotations

import logging
import re
import unicodedata

from ..errors import InputError

__all__ = ["normalise_text", "decode_bytes"]

log = logging.getLogger(__name__)

_FALLBACK_ENCODINGS = ("cp1252", "latin-1")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


def normalise_text(raw: str) -> str:
    """NFC, unified line breaks, no invisible characters, non-breaking spaces as spaces."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ").replace("\t", " ")


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, list[str]]:
    """Decode UTF-8, falling back to cp1252 / latin-1 with a warning rather than failing."""
    for bom, encoding in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                          (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):  # Windows editors save "Unicode" text as UTF-16 with a BOM
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                raise InputError(f"{name} starts like {encoding.upper()} text but is damaged. "
                                 "Save it again as UTF-8.") from None
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name} looks like a binary file, not text. Give a .txt, .md, .html, .docx or .pdf "
            "file (or paste the article text)."
        )
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = f"{name} is not valid UTF-8; decoded as {encoding}. Check accented characters."
        log.warning("input decoded with fallback encoding %s", encoding)
        return text, [warning]
    raise InputError(f"{name} could not be decoded as text.")  # latin-1 never fails; kept safe
