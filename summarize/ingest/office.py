"""Word and PDF files as lines of text (python-docx, pypdf), paragraphs rebuilt for PDFs."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

__all__ = ["docx_lines", "pdf_lines"]


def docx_lines(path: Path) -> tuple[list[str], str | None]:
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


def pdf_lines(path: Path) -> tuple[list[str], str | None]:
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
