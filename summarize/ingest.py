"""Readers: raw text, files and (later) HTML and URLs → Document.

Every reader ends in ``document_from_lines`` so all inputs go through the same cleaning and
sentence splitting.  Limits are enforced here, before any model sees the text, so a huge or
binary input fails fast with a message instead of hanging the pipeline.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path

from .clean import clean_lines
from .document import Document
from .errors import InputError
from .segment import split_sentences

__all__ = [
    "DEFAULT_MAX_CHARS",
    "TEXT_SUFFIXES",
    "max_chars_setting",
    "normalise_text",
    "decode_bytes",
    "document_from_text",
    "document_from_file",
    "document_from_html",
    "document_from_url",
]

log = logging.getLogger(__name__)

# About 150k words, a few hundred pages: far beyond any news article, small enough that the
# whole pipeline stays in a few hundred MB.  Override with SUMMARIZE_MAX_CHARS or max_chars=.
DEFAULT_MAX_CHARS = 1_000_000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def max_chars_setting(max_chars: int | None = None) -> int:
    if max_chars is not None:
        return max_chars
    value = os.environ.get("SUMMARIZE_MAX_CHARS")
    if value:
        try:
            return int(value)
        except ValueError as exc:
            raise InputError(f"SUMMARIZE_MAX_CHARS must be a whole number, not {value!r}.") from exc
    return DEFAULT_MAX_CHARS


def normalise_text(raw: str) -> str:
    """NFC, unified line breaks, no invisible characters, non-breaking spaces as spaces."""
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    return text.replace("\u00a0", " ").replace("\t", " ")


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, list[str]]:
    """Decode UTF-8, falling back to cp1252 / latin-1 with a warning rather than failing."""
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name} looks like a binary file, not text. Give a .txt or .md file "
            "(or paste the article text)."
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


def document_from_lines(
    lines: list[str], *, source: str | None, warnings: list[str] | None = None
) -> Document:
    cleaned = clean_lines(lines)
    paragraphs = [s for s in (split_sentences(p) for p in cleaned.paragraphs) if s]
    if not paragraphs and not cleaned.title:
        raise InputError("The input is empty: there is no article text to translate.")
    if not paragraphs and cleaned.title:
        # A one-line input is a sentence to translate, not a headline over nothing.
        paragraphs = [split_sentences(cleaned.title)]
        title = None
    else:
        title = cleaned.title
    meta = {"source": source, "language": "id", **cleaned.meta}
    if warnings:
        meta["warnings"] = list(warnings)
    return Document(title=title, paragraphs=paragraphs, meta=meta, removed=list(cleaned.removed))


def _check_size(text: str, max_chars: int | None, name: str) -> None:
    limit = max_chars_setting(max_chars)
    if len(text) > limit:
        raise InputError(
            f"{name} has {len(text):,} characters, more than the limit of {limit:,}. "
            "Split it into smaller files, or raise the limit with SUMMARIZE_MAX_CHARS."
        )


def document_from_text(
    raw: str, *, source: str | None = None, max_chars: int | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Paragraphs are lines (pasted news puts one paragraph per line); blank lines are ignored."""
    if not isinstance(raw, str):
        raise InputError(f"Expected article text as a string, got {type(raw).__name__}.")
    _check_size(raw, max_chars, "The input")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError("The input is empty: there is no article text to translate.")
    return document_from_lines(text.split("\n"), source=source, warnings=warnings)


def _markdown_lines(text: str) -> list[str]:
    # Markup is noise to the translator; keep the words, drop the syntax.
    lines = []
    for line in text.split("\n"):
        if re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line) or line.strip().startswith("```"):
            continue
        line = _MD_HEADING.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return lines


def document_from_file(path: str | Path, *, max_chars: int | None = None) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(f"File not found: {path}. Check the path.")
    if not path.is_file():
        raise InputError(f"{path} is not a file. Give a .txt or .md file.")
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        raw, warnings = decode_bytes(path.read_bytes(), name=str(path))
        return document_from_html(raw, url=None)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"{path}: unsupported file type {suffix!r}. Supported: .txt, .md, .html, .htm."
        )
    limit = max_chars_setting(max_chars)
    # Each character is at most 4 bytes in UTF-8; reading more than that cannot pass the limit.
    if path.stat().st_size > 4 * limit:
        raise InputError(
            f"{path} is {path.stat().st_size:,} bytes, more than the limit of {limit:,} "
            "characters. Split it, or raise the limit with SUMMARIZE_MAX_CHARS."
        )
    raw, warnings = decode_bytes(path.read_bytes(), name=str(path))
    _check_size(raw, limit, str(path))
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(f"{path} is empty: there is no article text to translate.")
    lines = _markdown_lines(text) if suffix in {".md", ".markdown"} else text.split("\n")
    return document_from_lines(lines, source=str(path), warnings=warnings)


def document_from_html(html: str, url: str | None = None) -> Document:
    raise InputError(
        "HTML input is not supported yet. Paste the article text, or save it as .txt."
    )


def document_from_url(url: str) -> Document:
    raise InputError(
        "Fetching URLs is not supported yet. Paste the article text, or save it as .txt."
    )
