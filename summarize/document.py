"""The dataclasses every stage passes along: Document in, Result out.

A Document is made from what a reader of ``ingest`` found, cleaned and split into sentences
by ``text``; so this module sits above both (its constructors are the clean and segment
stages) and below everything that works on articles.

Stages never share globals; they hand these objects to each other, so a test can build any of
them in memory and a UI can render them without knowing how they were made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest import RawArticle, read_file, read_html, read_text, read_url
from .text import INDONESIAN, clean_lines, detect_language, paragraph_languages, split_sentences

__all__ = ["Document", "Sentence", "Bullet", "Result", "SCHEMA_VERSION", "TITLE_ID", "sentence_id"]

SCHEMA_VERSION = 1
TITLE_ID = "t"


def sentence_id(paragraph: int, sentence: int) -> str:
    """Stable id of a sentence: ``p{paragraph}s{sentence}``, both zero-based."""
    return f"p{paragraph}s{sentence}"


@dataclass
class Document:
    """An article as the pipeline sees it: title, paragraphs of sentences, metadata.

    ``removed`` keeps, in order, every line the cleaner dropped, so a user can check that no
    part of the article was lost.
    """

    title: str | None
    paragraphs: list[list[str]]
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def from_raw(cls, raw: RawArticle) -> Document:
        """Clean, split and language-check what a reader found (every constructor ends here)."""
        return _from_lines(raw.lines, source=raw.source, warnings=raw.warnings,
                           title_hint=raw.title_hint, extra_meta=raw.extra_meta)

    @classmethod
    def from_text(cls, raw: str, *, source: str | None = None, max_chars: int | None = None,
                  warnings: list[str] | None = None) -> Document:
        """Pasted text: one paragraph per line (blank lines are ignored)."""
        return cls.from_raw(read_text(raw, source=source, max_chars=max_chars, warnings=warnings))

    @classmethod
    def from_file(cls, path: str | Path, *, max_chars: int | None = None) -> Document:
        """A .txt, .md, .html, .docx or .pdf file (the kind is read from its first bytes)."""
        return cls.from_raw(read_file(path, max_chars=max_chars))

    @classmethod
    def from_html(cls, html: str | bytes, url: str | None = None, **options: Any) -> Document:
        """A saved page: trafilatura finds the article, then the same cleaning as a paste."""
        return cls.from_raw(read_html(html, url=url, **options))

    @classmethod
    def from_url(cls, url: str, **options: Any) -> Document:
        """Fetch and clean a page; options: max_chars, timeout, max_bytes, allow_private (ingest/http.py)."""
        return cls.from_raw(read_url(url, **options))

    def sentences(self) -> list[tuple[str, str]]:
        """All body sentences as ``(id, text)`` in document order."""
        return [
            (sentence_id(i, j), text)
            for i, paragraph in enumerate(self.paragraphs)
            for j, text in enumerate(paragraph)
        ]

    def to_dict(self) -> dict[str, Any]:
        """The shape printed by ``summarize clean --format json``."""
        return {
            "title": self.title,
            "paragraphs": [list(p) for p in self.paragraphs],
            "meta": dict(self.meta),
            "removed": list(self.removed),
        }

    def to_text(self) -> str:
        parts = [self.title] if self.title else []
        parts.extend(" ".join(p) for p in self.paragraphs)
        return "\n\n".join(parts)


@dataclass
class Sentence:
    """One source sentence and its English, aligned one to one."""

    id: str
    source: str
    translation: str = ""
    mt_input: str | None = None
    flags: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(id=data["id"], source=data["source"], translation=data.get("translation", ""),
                   mt_input=data.get("mt_input"), flags=list(data.get("flags", [])))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "source": self.source}
        if self.mt_input is not None and self.mt_input != self.source:
            out["mt_input"] = self.mt_input
        out["translation"] = self.translation
        out["flags"] = list(self.flags)
        return out


@dataclass
class Bullet:
    """A brief bullet and the ids of the source sentences it is grounded in."""

    text: str
    sources: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bullet:
        return cls(text=data["text"], sources=list(data.get("sources", [])))


@dataclass
class Result:
    """What the pipeline returns: aligned translation, grounded brief, metadata."""

    title: Sentence | None
    paragraphs: list[list[Sentence]]
    brief: list[Bullet]
    meta: dict[str, Any] = field(default_factory=dict)

    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p]

    def sentence(self, sid: str) -> Sentence | None:
        if self.title is not None and sid == self.title.id:
            return self.title
        return next((s for s in self.sentences() if s.id == sid), None)

    def translation_text(self) -> str:
        """The English article: paragraphs joined by blank lines, title first when present."""
        parts = [self.title.translation] if self.title else []
        parts.extend(" ".join(s.translation for s in p) for p in self.paragraphs)
        return "\n\n".join(x for x in parts if x)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """The inverse of ``to_dict`` (a batch's JSON output read back, e.g. for stories)."""
        title = data.get("title")
        return cls(title=Sentence.from_dict(title) if title else None,
                   paragraphs=[[Sentence.from_dict(s) for s in p["sentences"]] for p in data.get("paragraphs", [])],
                   brief=[Bullet.from_dict(b) for b in data.get("brief", [])], meta=dict(data.get("meta", {})))

    def to_document(self) -> Document:
        """The Indonesian article this Result translates (title, paragraphs, metadata)."""
        return Document(title=self.title.source if self.title else None,
                        paragraphs=[[s.source for s in p] for p in self.paragraphs], meta=dict(self.meta))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title.to_dict() if self.title else None,
            "paragraphs": [{"sentences": [s.to_dict() for s in p]} for p in self.paragraphs],
            "brief": [b.to_dict() for b in self.brief],
            "meta": dict(self.meta),
            "version": SCHEMA_VERSION,
        }

    def to_text(self) -> str:
        """Plain text: English title, bullets, then the translation."""
        lines: list[str] = []
        if self.title:
            lines += [self.title.translation, ""]
        lines += [f"* {b.text}" for b in self.brief]
        if self.brief:
            lines.append("")
        lines.append("\n\n".join(" ".join(s.translation for s in p) for p in self.paragraphs))
        return "\n".join(lines).rstrip() + "\n"

    def to_markdown(self, *, side_by_side: bool = False) -> str:
        """Markdown: English title, brief with source ids, translation; optionally a table."""
        out: list[str] = []
        notes, footnotes = self._flag_footnotes()
        mark = lambda s: f"[^{notes[s.id]}]" if s.id in notes else ""  # noqa: E731
        out.append(f"# {_md_inline(self.title.translation)}{mark(self.title)}" if self.title else "# (untitled)")
        if self.title:
            out.append(f"\n*{_md_inline(self.title.source)}*")
        summarizer = (self.meta.get("summarizer") or {}).get("used")
        out.append("\n## Brief" + (f" ({summarizer})" if summarizer else "") + "\n")
        for bullet in self.brief:
            refs = ", ".join(bullet.sources)
            out.append(f"- {_md_inline(bullet.text)} [{refs}]")
        out.append("\n## Translation\n")
        for paragraph in self.paragraphs:
            out.append(" ".join(_md_inline(s.translation) + mark(s) for s in paragraph) + "\n")
        if side_by_side:
            out.append("## Side by side\n")
            out.append("| id | Indonesian | English |")
            out.append("|---|---|---|")
            rows = ([self.title] if self.title else []) + self.sentences()
            for s in rows:
                out.append(f"| {s.id} | {_md_cell(s.source)} | {_md_cell(s.translation)}{mark(s)} |")
            out.append("")
        if footnotes:
            out.append("## Flags\n")
            out.append("Automatic checks flagged these sentences: compare them with the original.\n")
            out.extend(footnotes)
        return "\n".join(out).rstrip() + "\n"

    def _flag_footnotes(self) -> tuple[dict[str, int], list[str]]:
        """Footnote number per flagged sentence, and one footnote each saying why."""
        qa = self.meta.get("qa") or {}
        details = qa.get("details") or {}
        legend = qa.get("legend") or {}
        numbers: dict[str, int] = {}
        lines: list[str] = []
        for s in ([self.title] if self.title else []) + self.sentences():
            if not s.flags:
                continue
            numbers[s.id] = len(numbers) + 1
            found = {d.get("flag"): d.get("detail") for d in details.get(s.id, [])}
            parts = []
            for flag in s.flags:
                text = flag.replace("_", " ")
                if legend.get(flag):
                    text += f": {legend[flag]}"
                if found.get(flag):
                    text += f" ({found[flag]})"
                parts.append(_md_inline(text))
            lines.append(f"[^{numbers[s.id]}]: {s.id}: " + "; ".join(parts) + ".")
        return numbers, lines


def _md_inline(text: str) -> str:
    # Article text must never be read as Markdown structure (a leading "#" or "1." would).
    text = text.replace("\\", "\\\\")
    for ch in "*_`[]<>":
        text = text.replace(ch, "\\" + ch)
    if text and text[0] in "#+-":
        text = "\\" + text
    return re.sub(r"^(\d+)\. ", r"\1\\. ", text)


def _md_cell(text: str) -> str:
    return _md_inline(text).replace("|", "\\|").replace("\n", " ")


def _from_lines(
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
            "Indonesian. To translate it anyway: --force-language (command line), "
            "translate_anyway=True (Python) or “Translate anyway” (web page)."
        )
    meta: dict[str, Any] = {"language": guess.code, "paragraph_languages": per_paragraph}
    if guess.confidence:
        meta["language_confidence"] = round(guess.confidence, 3)
    return meta
