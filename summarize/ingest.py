"""Readers: raw text, Markdown, HTML, URLs, .docx and .pdf → Document.

Every reader ends in ``document_from_lines`` so all inputs go through the same cleaning,
language check and sentence splitting.  Limits are enforced here, before any model sees the
text, so a huge or binary input fails fast with a message instead of hanging the pipeline.
Fetching URLs lives in ``fetch.py``.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from .clean import clean_lines
from .document import Document
from .errors import InputError
from .lang import INDONESIAN, detect_language, paragraph_languages
from .segment import split_sentences

__all__ = [
    "DEFAULT_MAX_CHARS",
    "TEXT_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "max_chars_setting",
    "normalise_text",
    "decode_bytes",
    "document_from_lines",
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
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
# Word and PDF files carry images and fonts; their text is checked against max_chars after
# extraction, the file itself only against this much larger cap.
_MAX_BINARY_BYTES = 50 * 1024 * 1024
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_SUPPORTED_TEXT = "Supported: .txt, .md, .html, .htm, .docx, .pdf."


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


def document_from_lines(
    lines: list[str],
    *,
    source: str | None,
    warnings: list[str] | None = None,
    title_hint: str | None = None,
    extra_meta: dict[str, Any] | None = None,
) -> Document:
    cleaned = clean_lines(lines, title_hint=title_hint)
    paragraphs = [s for s in (split_sentences(p) for p in cleaned.paragraphs) if s]
    if not paragraphs and not cleaned.title:
        if cleaned.removed:
            raise InputError(
                "No article text was found: every line looked like page furniture (menus, "
                "related links, captions, share buttons). Paste the article's paragraphs, or run "
                "`summarize clean FILE` to see what was removed and why."
            )
        raise InputError("The input is empty: there is no article text to translate.")
    if not paragraphs and cleaned.title:
        # A one-line input is a sentence to translate, not a headline over nothing.
        paragraphs = [split_sentences(cleaned.title)]
        title = None
    else:
        title = cleaned.title
    meta: dict[str, Any] = {"source": source}
    for key, value in (extra_meta or {}).items():
        if value and not cleaned.meta.get(key):
            meta[key] = value
    meta.update(cleaned.meta)
    warnings = list(warnings or [])
    meta.update(_language_meta(title, paragraphs, warnings))
    if warnings:
        meta["warnings"] = warnings
    return Document(title=title, paragraphs=paragraphs, meta=meta, removed=list(cleaned.removed))


def _language_meta(title: str | None, paragraphs: list[list[str]], warnings: list[str]) -> dict[str, Any]:
    texts = [" ".join(p) for p in paragraphs]
    # The first few thousand characters decide as well as the whole text, at a fraction of it.
    sample = " ".join(([title] if title else []) + texts)[:5000]
    guess = detect_language(sample)
    per_paragraph = paragraph_languages(texts)
    if guess.code != INDONESIAN:
        per_paragraph = [guess.code] * len(texts)
        warnings.append(
            f"The text looks like {guess.code!r}, not Indonesian; the translator expects "
            "Indonesian. Translate anyway with --force-language (CLI) or translate_anyway=True."
        )
    meta: dict[str, Any] = {"language": guess.code, "paragraph_languages": per_paragraph}
    if guess.confidence:
        meta["language_confidence"] = round(guess.confidence, 3)
    return meta


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


def _sniff(path: Path, head: bytes) -> str:
    """The reader for a file, from its first bytes first and its suffix second."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or b"word/" in head:
            return "docx"
        raise InputError(f"{path} is a ZIP archive, not a Word document. {_SUPPORTED_TEXT}")
    if suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and _HTML_START.match(head)):
        return "html"
    if suffix in {".docx", ".pdf"}:
        raise InputError(f"{path} does not look like a {suffix} file; it may be damaged. Re-save it.")
    if suffix in TEXT_SUFFIXES:
        return "markdown" if suffix in {".md", ".markdown"} else "text"
    hint = " Save it as .docx first." if suffix in {".doc", ".rtf", ".odt"} else ""
    raise InputError(f"{path}: unsupported file type {suffix!r}. {_SUPPORTED_TEXT}{hint}")


def document_from_file(path: str | Path, *, max_chars: int | None = None) -> Document:
    path = Path(path)
    if not path.exists():
        raise InputError(f"File not found: {path}. Check the path.")
    if not path.is_file():
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
        reader = _docx_lines if kind == "docx" else _pdf_lines
        lines, title_hint = reader(path)
        text = normalise_text("\n".join(lines))
        _check_size(text, limit, str(path))
        if not text.strip():
            raise InputError(f"{path} has no text to translate.")
        return document_from_lines(text.split("\n"), source=str(path), title_hint=title_hint)
    # Each character is at most 4 bytes in UTF-8; reading more than that cannot pass the limit.
    if size > 4 * limit:
        raise InputError(
            f"{path} is {size:,} bytes, more than the limit of {limit:,} "
            "characters. Split it, or raise the limit with SUMMARIZE_MAX_CHARS."
        )
    raw, warnings = decode_bytes(path.read_bytes(), name=str(path))
    _check_size(raw, limit, str(path))
    if kind == "html":
        return document_from_html(raw, source=str(path), max_chars=limit, warnings=warnings)
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(f"{path} is empty: there is no article text to translate.")
    lines = _markdown_lines(text) if kind == "markdown" else text.split("\n")
    return document_from_lines(lines, source=str(path), warnings=warnings)


def document_from_html(
    html: str | bytes,
    url: str | None = None,
    *,
    source: str | None = None,
    max_chars: int | None = None,
    warnings: list[str] | None = None,
) -> Document:
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
    return document_from_lines(lines, source=source or url, warnings=warnings, title_hint=title_hint,
                               extra_meta=extra)


def document_from_url(url: str, *, max_chars: int | None = None, **options: Any) -> Document:
    """Fetch an http(s) page (see ``fetch.fetch_page`` for limits) and read it like HTML."""
    from .fetch import fetch_page

    page = fetch_page(url, **options)
    if page.kind == "text":
        return document_from_text(page.text, source=url, max_chars=max_chars)
    return document_from_html(page.text, url=page.url, source=url, max_chars=max_chars)


def _docx_lines(path: Path) -> tuple[list[str], str | None]:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("Reading .docx needs python-docx: pip install python-docx.") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged files
        raise InputError(f"{path} could not be read as a Word document ({exc}). Re-save it as "
                         ".docx, or paste the text.") from exc
    lines: list[str] = []
    title_hint = None
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if text and title_hint is None and not lines and style.lower().startswith(("title", "heading 1")):
            title_hint = text
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(dict.fromkeys(cells)))
    return lines, title_hint


def _pdf_lines(path: Path) -> tuple[list[str], str | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{path} is password-protected. Remove the password, or paste the text.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path} could not be read as a PDF ({exc}). Re-save it, or paste the text.") from exc
    if not any(p.strip() for p in pages):
        raise InputError(f"{path} has no text layer (a scanned image?). Run OCR on it first, "
                         "or paste the text.")
    title = None
    meta = reader.metadata
    if meta is not None and meta.title and len(meta.title.split()) >= 3:
        title = str(meta.title)
    lines: list[str] = []
    for page in pages:
        lines.extend(_reflow(page.split("\n")))
    return lines, title


def _reflow(lines: list[str]) -> list[str]:
    """Join a PDF's visual lines back into paragraphs.

    A line ends its paragraph when it is shorter than the column (the last line of a
    paragraph, a heading) and either ends a sentence or is followed by a capital; a blank line
    always does.  A hyphen at a line end is kept ("anak-anak" is reduplication, not a break).
    """
    stripped = [" ".join(line.split()) for line in lines]
    lengths = sorted(len(s) for s in stripped if len(s) > 20)
    # The column width: most lines of running text fill it; a few long ones may overhang.
    width = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 80
    out: list[str] = []
    current = ""
    for i, line in enumerate(stripped):
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        current = f"{current}{line}" if current.endswith("-") else f"{current} {line}".strip()
        nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
        short = len(line) < 0.9 * width
        ends = bool(re.search(r"[.!?:…\"”’)]$", line))
        if not nxt or (short and (ends or nxt[:1].isupper() or nxt[:1].isdigit())):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out
