"""What a story call is given: paths, folders, URLs, pasted texts, Documents, or any of them
under an outlet name ({"Medcom": path} or ("Medcom", path)); each becomes a Document or the
reason it could not be read, so one bad item never stops the rest."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import InputError, SummarizeError
from ..ingest import SUPPORTED_SUFFIXES

__all__ = ["MAX_STORY_ARTICLES", "StoryInput", "read_items", "split_articles"]

# More articles than this in one call are a batch job: `summarize batch DIR -o OUT --stories`.
MAX_STORY_ARTICLES = 200


@dataclass
class StoryInput:
    source: str
    outlet: str | None = None
    doc: Document | None = None
    error: str | None = None


def split_articles(text: str) -> list[str]:
    """Several pasted articles separated by a line holding only ``---``."""
    parts, current = [], []
    for line in text.splitlines():
        if line.strip() == "---":
            parts.append("\n".join(current))
            current = []
        else:
            current.append(line)
    parts.append("\n".join(current))
    return [p for p in parts if p.strip()]


def _folder(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in SUPPORTED_SUFFIXES)


def _looks_like_path(text: str) -> bool:
    """An existing file or folder, or one word ending in a readable suffix ("a.txt"); a
    sentence ("… Selasa (4/11/2025).") is article text even when it has a slash in it."""
    if "\n" in text or len(text) > 500 or text.startswith(("http://", "https://")):
        return False
    if Path(text).exists():
        return True
    return " " not in text.strip() and Path(text).suffix.lower() in SUPPORTED_SUFFIXES - {""}


def _one(item: Any, index: int, outlet: str | None) -> list[StoryInput]:
    if isinstance(item, Document):
        return [StoryInput(str(item.meta.get("source") or f"<article {index + 1}>"), outlet, item)]
    if isinstance(item, Path) or (isinstance(item, str) and _looks_like_path(item)):
        path = Path(item)
        if path.is_dir():
            files = _folder(path)
            if not files:
                return [StoryInput(str(path), outlet, error="the folder holds no readable articles "
                                   "(.txt .md .html .docx .pdf)")]
            return [_read(str(f), outlet, lambda f=f: Document.from_file(f)) for f in files]
        return [_read(str(path), outlet, lambda: Document.from_file(path))]
    if isinstance(item, str) and item.startswith(("http://", "https://")):
        return [_read(item, outlet, lambda: Document.from_url(item))]
    if isinstance(item, str):
        label = f"<pasted article {index + 1}>"
        return [_read(label, outlet, lambda: Document.from_text(item, source=label))]
    return [StoryInput(f"<item {index + 1}>", outlet, error=f"cannot read a {type(item).__name__}; give a path, "
                       "a URL, article text or a Document")]


def _read(source: str, outlet: str | None, read: Any) -> StoryInput:
    try:
        return StoryInput(source, outlet, read())
    except SummarizeError as exc:
        return StoryInput(source, outlet, error=str(exc))
    except OSError as exc:
        return StoryInput(source, outlet, error=f"cannot read it: {exc.strerror or exc}")


def read_items(items: Any) -> list[StoryInput]:
    """Every article of ``items``, in order; unreadable ones carry their reason."""
    if isinstance(items, (str, Path, Document)):
        items = [items]
    pairs: Iterable[tuple[str | None, Any]]
    if isinstance(items, Mapping):
        pairs = ((str(k), v) for k, v in items.items())
    else:
        pairs = ((x[0], x[1]) if isinstance(x, tuple) and len(x) == 2 else (None, x) for x in items)
    out: list[StoryInput] = []
    for index, (outlet, item) in enumerate(pairs):
        out.extend(_one(item, index, outlet))
    if not out:
        raise InputError("No articles were given. Give two or more files, URLs or texts about one story.")
    if len(out) > MAX_STORY_ARTICLES:
        raise InputError(f"{len(out)} articles is more than one story call takes ({MAX_STORY_ARTICLES}). "
                         "Group and brief a large collection with `summarize batch DIR -o OUT --stories`.")
    return out
