"""Readers: raw text, Markdown, HTML, URLs, .docx and .pdf → the lines of an article.

Every reader returns a ``RawArticle`` (lines plus what the reader learnt: source, title hint,
page metadata, warnings); ``Document.from_raw`` then cleans, splits and checks the language, so
all inputs go through the same steps.  Limits are enforced here, before any model sees the
text, so a huge or binary input fails fast with a message instead of hanging the pipeline.
Fetching URLs lives in ``http.py``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import InputError
from ..text.normalise import decode_bytes, normalise_text
from .http import fetch_page
from .office import docx_lines, pdf_lines

__all__ = [
    "DEFAULT_MAX_CHARS",
    "TEXT_SUFFIXES",
    "HTML_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "RawArticle",
    "max_chars_setting",
    "looks_like_html",
    "read_text",
    "read_file",
    "read_html",
    "read_url",
]

log = logging.getLogger(__name__)

# About 150k words, a few hundred pages: far beyond any news article, small enough that the
# whole pipeline stays in a few hundred MB.  Override with SUMMARIZE_MAX_CHARS or max_chars=.
DEFAULT_MAX_CHARS = 1_000_000
# The one list of readable suffixes ("" = a file without one, read as text): `summarize run`,
# `summarize batch` and the web page's upload box all use it.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
# Word and PDF files carry images and fonts; their text is checked against max_chars after
# extraction, the file itself only against this much larger cap.
_MAX_BINARY_BYTES = 50 * 1024 * 1024
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_SUPPORTED_TEXT = "Supported: .txt, .md, .html, .htm, .docx, .pdf."


@dataclass
class RawArticle:
    """What a reader found, before cleaning: the lines, and what the reader learnt."""

    lines: list[str]
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    title_hint: str | None = None
    extra_meta: dict[str, Any] = field(default_factory=dict)


def max_chars_setting(max_chars: int | None = None) -> int:
    return max_chars if max_chars is not None else settings.max_chars(DEFAULT_MAX_CHARS)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a text are an HTML page (a pasted page source, a saved page)."""
    return _HTML_START.match(head) is not None


def _check_size(text: str, max_chars: int | None, name: str) -> None:
    limit = max_chars_setting(max_chars)
    if len(text) > limit:
        raise InputError(
            f"{name} has {len(text):,} characters, more than the limit of {limit:,}. "
            "Split it into smaller files, or raise the limit with SUMMARIZE_MAX_CHARS."
        )


def read_text(
    raw: str, *, source: str | None = None, max_chars: int | None = None,
    warnings: list[str] | None = None,
) -> RawArticle:
    """Paragraphs are lines (pasted news puts one paragraph per line); blank lines are ignored."""
    if not isinstance(raw, str):
        raise InputError(f"Expected article text as a string, got {type(raw).__name__}.")
    _check_size(raw, max_chars, "The input")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError("The input is empty: there is no article text to translate.")
    return RawArticle(text.split("\n"), source, list(warnings or []))


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


def _sniff(path: Path, head: bytes) -> str:
    """The reader for a file, from its first bytes first and its suffix second."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in head:
            return "docx"
        raise InputError(f"{path} is a ZIP archive, not a Word document. {_SUPPORTED_TEXT}")
    if suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and looks_like_html(head)):
        return "html"
    if suffix in {".docx", ".pdf"}:
        raise InputError(f"{path} does not look like a {suffix} file; it may be damaged. Re-save it.")
    if suffix in TEXT_SUFFIXES:
        return "markdown" if suffix in {".md", ".markdown"} else "text"
    hint = " Save it as .docx first." if suffix in {".doc", ".rtf", ".odt"} else ""
    raise InputError(f"{path}: unsupported file type {suffix!r}. {_SUPPORTED_TEXT}{hint}")


def read_file(path: str | Path, *, max_chars: int | None = None) -> RawArticle:
    path = Path(path)
    if not path.exists():
        raise InputError(f"File not found: {path}. Check the path.")
    if not path.is_file():
        if path.is_dir():
            raise InputError(f"{path} is a folder. Translate every article in it with `summarize batch "
                             f"{path} -o OUT`, or merge them into one story with `summarize story {path}`.")
        raise InputError(f"{path} is not a file. Give a .txt, .md, .html, .docx or .pdf file.")
    with path.open("rb") as fh:
        head = fh.read(4096)
    kind = _sniff(path, head)
    limit = max_chars_setting(max_chars)
    size = path.stat().st_size
    if kind in {"docx", "pdf"}:
        if size > _MAX_BINARY_BYTES:
            raise InputError(f"{path} is {size:,} bytes; files over {_MAX_BINARY_BYTES // 2**20} MB "
                             "are refused. Copy the article text into a .txt file instead.")
        reader = docx_lines if kind == "docx" else pdf_lines
        lines, title_hint = reader(path)
        text = normalise_text("\n".join(lines))
        _check_size(text, limit, str(path))
        if not text.strip():
            raise InputError(f"{path} has no text to translate.")
        return RawArticle(text.split("\n"), str(path), title_hint=title_hint)
    # Each character is at most 4 bytes in UTF-8; reading more than that cannot pass the limit.
    if size > 4 * limit:
        raise InputError(
            f"{path} is {size:,} bytes, more than the limit of {limit:,} "
            "characters. Split it, or raise the limit with SUMMARIZE_MAX_CHARS."
        )
    raw, warnings = decode_bytes(path.read_bytes(), name=str(path))
    _check_size(raw, limit, str(path))
    if kind == "html":
        return read_html(raw, source=str(path), max_chars=limit, warnings=warnings)
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(f"{path} is empty: there is no article text to translate.")
    lines = _markdown_lines(text) if kind == "markdown" else text.split("\n")
    return RawArticle(lines, str(path), warnings)


def read_html(
    html: str | bytes,
    url: str | None = None,
    *,
    source: str | None = None,
    max_chars: int | None = None,
    warnings: list[str] | None = None,
) -> RawArticle:
    """Main text by trafilatura, then the same in-body cleaning as pasted text.

    trafilatura finds the article container from the page's structure; what it keeps of the
    page's furniture (a repeated headline, "Baca juga" lists, rating widgets, copyright lines)
    is then removed by the line rules.  If it finds no article, the whole page's text goes
    through the paste cleaner instead.
    """
    import trafilatura

    if isinstance(html, bytes):
        from trafilatura.utils import decode_file

        html = decode_file(html)
    if not isinstance(html, str):
        raise InputError(f"Expected HTML as a string, got {type(html).__name__}.")
    _check_size(html, max_chars, "The HTML page")
    if not html.strip():
        raise InputError("The HTML page is empty: there is no article text to translate.")
    text = trafilatura.extract(
        html, url=url, output_format="txt", include_comments=False, include_tables=True,
        include_images=False, include_links=False, deduplicate=False,
    )
    if not text or not text.strip():
        log.info("trafilatura found no main text; cleaning the whole page text")
        text = trafilatura.html2txt(html) or ""
    metadata = trafilatura.extract_metadata(html, default_url=url)
    extra: dict[str, Any] = {}
    title_hint = None
    if metadata is not None:
        title_hint = metadata.title
        # trafilatura's author and site fields sometimes hold a tagline or a whole title.
        author = metadata.author
        if author and not re.fullmatch(r"[A-Z][\w.'’ -]{2,60}", author):
            author = None
        site = metadata.sitename if metadata.sitename and len(metadata.sitename.split()) <= 4 else None
        extra = {"date": metadata.date, "author": author, "site": site}
        if metadata.url or url:
            extra["url"] = metadata.url or url
    lines = [re.sub(r"^\s*[-*•]\s+", "", line) for line in normalise_text(text).split("\n")]
    if not any(line.strip() for line in lines):
        raise InputError(
            "No article text was found in the HTML page. Open the page in a browser, select the "
            "article and paste it as text."
        )
    return RawArticle(lines, source or url, list(warnings or []), title_hint, extra)


def read_url(url: str, *, max_chars: int | None = None, **options: Any) -> RawArticle:
    """Fetch an http(s) page (see ``http.fetch_page`` for limits) and read it like HTML."""
    page = fetch_page(url, **options)
    if page.kind == "text":
        return read_text(page.text, source=url, max_chars=max_chars)
    return read_html(page.text, url=page.url, source=url, max_chars=max_chars)
