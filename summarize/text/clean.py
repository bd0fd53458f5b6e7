"""Turn the lines of a pasted article into title, body paragraphs, metadata and removed lines.

Users paste whatever they selected on a news site, often the whole page: menus, tickers, share
bars, captions, related-article lists, comment rules, footers.  The article body is found by its
*structure*, not by a phrase list alone:

1. every line is measured (``boilerplate.analyse``): prose (sentence punctuation, lower-case
   words) versus page furniture (widgets, labels, credits, HTML, tables, link boxes) versus
   neutral short lines (headlines, subheadings, menu items);
2. prose lines weigh their word count, the others a penalty, and the body is the maximum-sum run
   of lines (the idea of Finn et al.'s Body Text Extraction, applied to lines): a long related
   list or footer outweighs a stray prose line after it, a subheading or a "Baca juga" line between
   paragraphs does not break the article;
3. a dateline ("TRIBUNNEWS.COM -", "Jakarta, IDN Times -", "Pyongyang:") near the top of that run
   marks where the article really starts, so a teaser or caption just above it stays out;
4. inside the body, furniture lines are dropped by rule, and runs of headline-like lines (an
   unlabelled related list) too; subheadings ("1. Sudah ada ...", "Kekhawatiran Global :") stay;
5. the headline is chosen among the lines above the body; bylines, dates and the dateline go to
   ``meta``.

Every dropped line or fragment is kept, in document order, in ``removed`` (with a reason in
``meta["removed_reasons"]``), so together title, body and removed hold every word of the input.
Cleaning its own output changes nothing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import boilerplate as bp

__all__ = ["Cleaned", "clean_lines", "looks_like_headline", "clean_title_hint"]

log = logging.getLogger(__name__)

_MAX_HEADLINE_CHARS = 200
_MAX_HEADLINE_WORDS = 30
# A dateline ("TRIBUNNEWS.COM - ...", "Jakarta, IDN Times - ...") opens the body, not a title.
_DATELINE = re.compile(r"^[\w .,()]{2,40}\s[-–—]\s|^[A-Z]\w+:\s")
# How much article may stand above a dateline before we stop believing it marks the start:
# a teaser or a caption (one or two lines), not paragraphs.
_MAX_PROSE_ABOVE_DATELINE = 60
# Runs of this many headline-like lines inside the body are a related-articles list.
_LINK_RUN = 3
_LABEL_ONLY = frozenset({"author", "penulis", "reporter", "editor", "jurnalis", "pewarta"})
_NAME_LINE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}$")
_SITE_SUFFIX = re.compile(r"\s+(?:[|@»]|::|[-–—])\s+[^|@»:–—-]{2,40}$")


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def looks_like_headline(line: str) -> bool:
    """A headline is short, has no sentence-final period and is not a dateline-led lead."""
    text = line.strip()
    if not text or len(text) > _MAX_HEADLINE_CHARS or len(text.split()) > _MAX_HEADLINE_WORDS:
        return False
    if text.endswith((".", ",", ";")) or _DATELINE.match(text):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3


def clean_title_hint(title: str | None) -> str | None:
    """A page's <title> without the site name ("... - Tribunnews.com", "... | merdeka.com")."""
    if not title:
        return None
    text = " ".join(title.split())
    while True:
        stripped = _SITE_SUFFIX.sub("", text)
        if stripped == text or len(stripped.split()) < 3:
            break
        text = stripped
    return text or None


class _Removals:
    """Removed lines and fragments, kept in document order with why they went."""

    def __init__(self) -> None:
        self._items: list[tuple[float, str, str]] = []

    def add(self, position: float, text: str, reason: str) -> None:
        self._items.append((position, text, reason))

    def ordered(self) -> tuple[list[str], list[str]]:
        items = sorted(self._items, key=lambda x: x[0])
        return [t for _, t, _ in items], [r for _, _, r in items]


def _max_run(weights: list[float]) -> tuple[int, int] | None:
    """Indices (start, end) of the maximum-sum contiguous run; None when nothing is positive."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _weight(info: bp.LineInfo, reason: str | None) -> float:
    if info.prose:
        return float(max(info.letters_words, 1))
    if reason is not None:
        return -(2.0 + min(info.words, 12) / 3)
    return -(1.0 + min(info.words, 10) / 2)


def _mark_boxes(infos: list[bp.LineInfo], reasons: list[str | None]) -> None:
    """Lines under a "Baca juga:" / "Intinya sih..." heading are links or summary points.

    The box runs over bullets and short unpunctuated lines and ends at the first ordinary
    paragraph, so an article paragraph after a related list is never swallowed.  Lines already
    dropped for another reason neither end a box nor belong to it.
    """
    i = 0
    while i < len(infos):
        if not bp.is_box_start(infos[i].text):
            i += 1
            continue
        kind = reasons[i] or "related link"
        reasons[i] = kind
        j = i + 1
        while j < len(infos):
            info = infos[j]
            if reasons[j] is None:
                if info.prose and not info.bullet:
                    break
                reasons[j] = kind
            j += 1
        i = j


def _is_link_like(info: bp.LineInfo) -> bool:
    return info.neutral and 4 <= info.words <= 20 and not info.bullet and not re.match(r"^\d", info.text)


def _pick_title(
    header: list[int], infos: list[bp.LineInfo], reasons: list[str | None], tail_keys: set[str]
) -> int | None:
    candidates = [
        i
        for i in header
        if reasons[i] is None
        and not infos[i].prose
        and not infos[i].bullet
        and looks_like_headline(infos[i].text)
        and bp.split_dateline(infos[i].text) is None
    ]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    keys = Counter(bp.normalise_key(infos[i].text) for i in header)
    best, best_score = None, float("-inf")
    for i in candidates:
        info = infos[i]
        if info.words < 3:
            continue
        key = bp.normalise_key(info.text)
        score = min(info.words, 12) / 4 + 2 * bp.titlecase_ratio(info.text)
        if keys[key] > 1:
            score += 3  # The headline is often pasted twice (page title and article title).
        if key in tail_keys:
            score -= 1  # Section tags repeat at the foot of the page; headlines rarely do.
        if score > best_score:
            best, best_score = i, score
    return best


def _meta_from(lines: list[str], header_end: int) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for i, text in enumerate(lines):
        bylines = bp.parse_byline(text)
        label = text.strip().lower().rstrip(":")
        if not bylines and label in _LABEL_ONLY:
            # "Author" / "Jurnalis" on its own line: the name is next to it, below or above.
            for j in (i + 1, i - 1):
                near = lines[j].strip() if 0 <= j < len(lines) else ""
                if _NAME_LINE.match(near) and len(near.split()) >= 2 and bp.boilerplate_reason(near) is None:
                    bylines = [("editor" if label == "editor" else "author", near)]
                    break
        for kind, name in bylines:
            meta.setdefault(kind, name)
        if i < header_end and "date" not in meta and (bp.is_date_line(text) or bylines):
            date = bp.parse_date(text)
            if date:
                meta["date"] = date
    return meta


@dataclass
class _Page:
    """The measured lines of one paste and the reason each is dropped (None: kept so far)."""

    lines: list[str]
    infos: list[bp.LineInfo]
    reasons: list[str | None]
    sentence_like: list[bool]  # prose before any rule applied
    first_copy: dict[str, int]


def _measure(lines: list[str]) -> _Page:
    infos = [bp.analyse(line) for line in lines]
    reasons: list[str | None] = [info.reason for info in infos]
    sentence_like = [info.prose for info in infos]
    first_copy: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = bp.normalise_key(line)
        if key and key in first_copy and reasons[i] is None:
            reasons[i] = "repeated line"
        first_copy.setdefault(key, i)
    _mark_boxes(infos, reasons)
    for info, reason in zip(infos, reasons):
        if reason:
            info.prose = False
    return _Page(lines, infos, reasons, sentence_like, first_copy)


def _article_start(page: _Page, start: int, end: int, meta: dict[str, Any]) -> int:
    """Move the start to a dateline near the top of the run; note a standalone one above it."""
    prose_above = prose_lines_above = 0
    for i in range(start, end + 1):
        dateline = bp.split_dateline(page.lines[i]) if page.infos[i].prose else None
        if dateline:
            if prose_above <= _MAX_PROSE_ABOVE_DATELINE and prose_lines_above <= 2:
                start = i
                meta["dateline"] = dateline
            break
        if page.infos[i].prose:
            prose_above += page.infos[i].letters_words
            prose_lines_above += 1
    if "dateline" not in meta:
        for i in range(start - 1, max(start - 4, -1), -1):
            standalone = bp.split_dateline(page.lines[i])
            if standalone and not page.infos[i].prose:
                meta["dateline"] = standalone
                page.reasons[i] = page.reasons[i] or "dateline"
                break
    return start


def _keep_copies_in_article(page: _Page, start: int, end: int) -> None:
    """A paragraph pasted twice, once above the article (a teaser, a summary bullet) and once in
    it, is kept where it belongs: in the article.  A headline repeated below is not moved."""
    moved: set[str] = set()
    for i in range(start, end + 1):
        key = bp.normalise_key(page.lines[i])
        original = page.first_copy.get(key, i)
        copied = page.sentence_like[i] or page.infos[original].bullet
        if page.reasons[i] == "repeated line" and original < start and copied and key not in moved:
            page.reasons[i], page.reasons[original] = None, "repeated line"
            page.infos[i].prose = page.sentence_like[i]
            moved.add(key)


def _body(page: _Page, start: int, end: int, title_key: str | None, hinted: bool) -> list[int]:
    body: list[int] = []
    for i in range(start, end + 1):
        if page.reasons[i] is not None:
            continue
        key = bp.normalise_key(page.lines[i])
        if title_key and (key == title_key or (hinted and title_key.startswith(key) and len(key) > 20)):
            page.reasons[i] = "title repeated"
        else:
            body.append(i)
    # An unlabelled related list: several headline-like lines in a row with no paragraph between.
    run: list[int] = []
    for i in [*body, -1]:
        if i >= 0 and _is_link_like(page.infos[i]):
            run.append(i)
            continue
        if len(run) >= _LINK_RUN:
            for k in run:
                page.reasons[k] = "list of links"
        run = []
    return [i for i in body if page.reasons[i] is None]


def clean_lines(lines: list[str], *, title_hint: str | None = None) -> Cleaned:
    """Split a pasted page into headline, article paragraphs, metadata and removed lines.

    ``title_hint`` is a headline known from elsewhere (an HTML page's title); lines repeating
    it are dropped.
    """
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    removals = _Removals()
    meta: dict[str, Any] = {}
    for i, line in enumerate(lines):
        rest, stamp = bp.strip_date_prefix(line)
        if stamp:
            removals.add(i - 0.5, stamp, "date")
            meta.setdefault("date", bp.parse_date(stamp))
            lines[i] = rest
    page = _measure(lines)
    span = _max_run([_weight(info, reason) for info, reason in zip(page.infos, page.reasons)])

    if span is None:
        # No line reads as a sentence: a headline list, a bare title, a one-liner.  Keep every
        # line that is not furniture, as the user clearly meant to translate it.
        kept = [i for i in range(len(lines)) if page.reasons[i] is None]
        title = None
        if len(kept) >= 2 and looks_like_headline(lines[kept[0]]):
            title, kept = lines[kept[0]], kept[1:]
        for i, reason in enumerate(page.reasons):
            if reason is not None:
                removals.add(i, lines[i], reason)
        meta.update(_meta_from(lines, len(lines)))
        return _cleaned(title, [lines[i] for i in kept], meta, removals)

    start = _article_start(page, span[0], span[1], meta)
    end = span[1]
    _keep_copies_in_article(page, start, end)
    title_index = None
    if title_hint:
        title = clean_title_hint(title_hint)
    else:
        tail_keys = {bp.normalise_key(lines[i]) for i in range(end + 1, len(lines))}
        title_index = _pick_title(list(range(start)), page.infos, page.reasons, tail_keys)
        title = lines[title_index] if title_index is not None else None
    title_key = bp.normalise_key(title) if title else None
    body = _body(page, start, end, title_key, hinted=bool(title_hint))

    paragraphs: list[str] = []
    for i in body:
        text, initials = bp.strip_trailing_initials(lines[i])
        if initials:
            removals.add(i + 0.5, initials, "reporter initials")
        paragraphs.append(text)
    kept_set = set(body) | ({title_index} if title_index is not None else set())
    for i, line in enumerate(lines):
        if i in kept_set:
            continue
        where = "before the article" if i < start else "after the article" if i > end else "boilerplate"
        why = page.reasons[i] or where
        if title_key and bp.normalise_key(line) == title_key:
            why = "title repeated"
        removals.add(i, line, why)
    meta.update({k: v for k, v in _meta_from(lines, start).items() if not meta.get(k)})
    log.debug("cleaned %d lines: body %d-%d, %d kept", len(lines), start, end, len(paragraphs))
    return _cleaned(title, paragraphs, meta, removals)


def _cleaned(title: str | None, paragraphs: list[str], meta: dict[str, Any], removals: _Removals) -> Cleaned:
    removed, why = removals.ordered()
    meta["removed_reasons"] = why
    return Cleaned(title=title, paragraphs=paragraphs, meta=_tidy(meta), removed=removed)


def _tidy(meta: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if v is not None and (v != "" or k == "removed_reasons")}
