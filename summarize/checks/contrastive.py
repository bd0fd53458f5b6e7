"""Which part of the source did the model leave out?  Asked of the translation model itself.

The text checks (``coverage.py``) see a dropped clause only when it changes the length or takes
a number or a name with it; most in-sentence omissions do neither.  Contrastive conditioning
(Vamvas & Sennrich, "As Little as Possible, as Much as Necessary", ACL 2022) asks the model:
score the English given the whole source, and given the source with one part deleted.  If the
English is *at least as likely without that part*, nothing in it depends on the part: the part
is probably not rendered.  If the part is there, deleting it from the source makes the English
less likely (the model no longer expects those words).

The parts tried are the sentence's clauses (``text.clauses``, a few words at least) and its
bracketed asides, the spans a translation drops most.  Each sentence costs one scoring pass
per part plus one, teacher-forced (no search), in batches.

How often the finding is right cannot be measured on this machine (it needs the real weights:
``bench/eval_qa.py --model DIR`` measures it on the annotated FLORES lines), so it is the note
``omission_note``, never a flag: the reader is pointed at the clause, nothing is retried.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..text import clauses, split_sentences

__all__ = ["Scorer", "Unrendered", "find_scorer", "omitted_parts", "source_parts", "without_part"]

log = logging.getLogger(__name__)

Scorer = Callable[[Sequence[str], Sequence[str]], list]
# log P(English | source without the part) - log P(English | source) at least this: the English
# is as likely without the part.  0 is the paper's criterion (no threshold was fitted here).
MARGIN = 0.0
_MIN_PART_WORDS = 2
_MIN_SOURCE_WORDS = 6
_BRACKETED = re.compile(r"\s*\([^()]{2,}\)")
_EDGE_PUNCT = re.compile(r"^[\s,;:—–-]+|[\s,;:—–-]+$")
_QUOTES = "\"“”‘’"
_NO_SPACE_BEFORE = ".,;:!?)]”’"
# A sentence of many commas (a list) would cost one scoring pass per item: the first few parts
# are asked about, so the work stays linear in the sentence.
MAX_PARTS = 12
_CLOSERS = "\"”’')]"
_FINAL_STOP = re.compile(r"[.!?][\"”’')\]]*$")


@dataclass(frozen=True)
class Unrendered:
    """A part of the source the model finds the English as likely without."""

    part: str
    gain: float  # log-probability the English gains when the part is deleted (>= MARGIN)

    def detail(self) -> str:
        short = self.part if len(self.part) <= 80 else self.part[:77].rstrip() + "…"
        return f"the model finds the English as likely without “{short}”: it may be missing"


def source_parts(source: str) -> list[str]:
    """The spans of a source whose loss is worth asking about: its sentences (when it has
    several), their clauses and bracketed asides, each of a few words, none the whole text."""
    text = " ".join(source.split())
    if len(text.split()) < _MIN_SOURCE_WORDS:
        return []
    parts = [m.group().strip() for m in _BRACKETED.finditer(text)]
    sentences = split_sentences(text)
    if len(sentences) > 1:
        parts += sentences
    for sentence in sentences:
        pieces = clauses(sentence)
        if len(pieces) > 1:
            parts += pieces
    seen: set[str] = set()
    out = []
    for part in parts:
        words = len(part.split())
        if words >= _MIN_PART_WORDS and part != text and part not in seen:
            seen.add(part)
            out.append(part)
            if len(out) == MAX_PARTS:
                break
    return out


def without_part(source: str, part: str) -> str:
    """The source with one span deleted and its joints tidied: no doubled or leading commas, a
    capital where a sentence now starts, quotation marks kept (a clause carries the quote that
    opens or closes it) and the final stop kept."""
    text = " ".join(source.split())
    core = part.strip(_QUOTES)
    start = text.find(core) if core else -1
    if start < 0:
        return text
    before = _EDGE_PUNCT.sub("", text[:start])
    after = _EDGE_PUNCT.sub("", text[start + len(core):])
    if after and (not before or before[-1] in ".!?" or before[-1] in _QUOTES):
        after = after[0].upper() + after[1:]
    if before and after and after[0] in _NO_SPACE_BEFORE:
        joined = before + after
    else:
        joined = f"{before} {after}".strip()
    stop = _FINAL_STOP.search(text)
    if stop and joined and not _FINAL_STOP.search(joined):
        closing = len(joined) - len(joined.rstrip(_CLOSERS))
        head, tail = joined[: len(joined) - closing], joined[len(joined) - closing:]
        joined = head.rstrip(",;: ") + stop.group()[0] + tail
    return joined


def omitted_parts(score: Scorer, pairs: Sequence[tuple[str, str]],
                  margin: float = MARGIN) -> list[Unrendered | None]:
    """For each (source, English) pair, the part the English most clearly lacks, or None.

    ``score(sources, targets)`` returns the log-probability of each target given its source
    (None where it cannot score); every pair's variants go to it in one call, so it batches.
    """
    sources: list[str] = []
    targets: list[str] = []
    owners: list[tuple[int, str | None]] = []
    for k, (source, english) in enumerate(pairs):
        parts = source_parts(source) if english.strip() else []
        if not parts:
            continue
        sources.append(" ".join(source.split()))
        targets.append(english)
        owners.append((k, None))
        for part in parts:
            sources.append(without_part(source, part))
            targets.append(english)
            owners.append((k, part))
    found: list[Unrendered | None] = [None] * len(pairs)
    if not sources:
        return found
    scores = score(sources, targets)
    full: dict[int, float] = {}
    for (k, part), value in zip(owners, scores):
        if value is None:
            continue
        if part is None:
            full[k] = value
        elif k in full and value - full[k] >= margin:
            gain = value - full[k]
            best = found[k]
            if best is None or gain > best.gain:
                found[k] = Unrendered(part, gain)
    log.debug("contrastive check: %d pairs, %d scored inputs, %d with a part missing",
              len(pairs), len(sources), sum(f is not None for f in found))
    return found


def find_scorer(translator: object) -> Scorer | None:
    """The translator's ``score`` (through cache and prefetch wrappers), or None if it has none."""
    seen = 0
    while translator is not None and seen < 8:
        score = getattr(translator, "score", None)
        if callable(score):
            return score  # type: ignore[no-any-return]
        translator = getattr(translator, "inner", None)
        seen += 1
    return None
