"""Quantities stated by one Indonesian sentence: value, unit, what is counted, when, who says it.

The numbers come from the project's one Indonesian number reader (digits and number words), so
a mistranslated number cannot reach the figures table; what a number counts is read from the
words around it with the story lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..numbers import RANGE_GAP_ID, NumberSpan, indonesian_numbers, source_quantities
from .lexicon import (
    ADJECTIVES,
    EVENTS,
    HEADS,
    NOT_A_FIGURE_BEFORE,
    PERSON_CLASSES,
    QUALIFIERS,
    SCOPES,
    UNITS,
)
from .timeref import TimeRef, time_refs

__all__ = ["Mention", "mentions", "according_to"]

_WORD = re.compile(r"[A-Za-z][\w'’-]*|%")
# The after-window of a number ends at a clause break or a word that starts a new clause.
_CLAUSE_END = re.compile(r"[.;:!?\"“”]|,\s|\s(?:sementara|sedangkan|namun|tetapi|yang\s+(?:kemudian|lalu))\s",
                         re.IGNORECASE)
_STOP = frozenset("""yang di ke dari untuk dalam pada dengan sejak telah sudah akan oleh bagi
    hingga sampai atau serta bahwa itu ini tersebut sebagai secara karena agar""".split())
_SPEECH = r"(?:mengatakan|menyatakan|mengungkapkan|melaporkan|menyebut(?:kan)?|memperkirakan|mengklaim|mencatat|menduga|meyakini|menaksir|menegaskan|menjelaskan)"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|\([A-Z]{2,}\)))*"
_ACCORDING = [
    re.compile(rf"\bmenurut\s+(?:(?:perkiraan|penilaian|data|laporan|keterangan|catatan|analisis)\s+)?(?P<who>{_NAME}(?:,?\s+(?:dan\s+)?{_NAME})*)"),
    re.compile(rf"\b(?:kata|ujar|ucap|jelas|terang|ungkap|tutur|sebut|imbuh|tambah)\s+(?P<who>{_NAME})"),
    re.compile(rf"\b(?:[Mm]engutip|dikutip\s+dari)\s+(?:kantor\s+berita\s+)?(?P<who>{_NAME})"),
    # "NIS melaporkan …": only a name that opens its clause is the one speaking.
    re.compile(rf"(?:^|[,;:]\s+|\bbahwa\s+)(?P<who>{_NAME})\s+(?:juga\s+|pun\s+|telah\s+|bahkan\s+)?"
               rf"(?:pada\s+\S+\s+(?:lalu\s+)?(?:bahkan\s+)?)?{_SPEECH}\b"),
]
_COUNTRIES = {"Korea Selatan": "South Korea", "Korea Utara": "North Korea", "Korsel": "South Korea",
              "Korut": "North Korea", "Rusia": "Russia", "Amerika Serikat": "the US", "Ukraina": "Ukraine"}
_OUTCOMES = frozenset({"killed", "survived", "missing", "injured", "arrested", "charged"})
_DURATIONS = frozenset({"day", "week", "month", "year", "hour", "minute", "second"})
_AFTER_SCOPES = frozenset({"near the border", "front line"})
_NOT_WHO = frozenset({"Ia", "Dia", "Mereka", "Hal", "Sementara", "Namun", "Sebelumnya", "Kemudian"})


@dataclass
class Mention:
    """One quantity of one sentence."""

    value: float
    value_max: float | None
    english: str  # the number in English form: "5,000", "Rp 193.7 trillion"
    unit: str | None
    head: str | None  # counted class ("troops") and its English
    head_en: str | None
    event: str | None
    event_en: str | None
    scope: frozenset[str] = field(default_factory=frozenset)
    adjectives: tuple[str, ...] = ()
    qualifier: str = ""
    as_of: TimeRef | None = None
    according_to: str | None = None
    phrase: str = ""  # the Indonesian words around the number, for the reader

    @property
    def person(self) -> bool:
        return self.head in PERSON_CLASSES

    def what(self) -> str:
        """What is counted, in English: "North Korean construction troops sent"."""
        before = [*self.adjectives, *sorted(s for s in self.scope if s not in _AFTER_SCOPES | {"planned"})]
        after = sorted(s for s in self.scope if s in _AFTER_SCOPES)
        noun = self.head_en or ""
        event = "" if self.head in {"dead", "survivors"} and self.event in {"killed", "survived"} else (self.event_en or "")
        text = " ".join(w for w in [*before, noun, event, *after] if w)
        if "planned" in self.scope:
            text = f"{text} (planned)" if text else "planned"
        return text or (self.unit or "count")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _lookup(words: list[str], table: dict[str, tuple[str, str]], start: int = 0,
            stop_at_function_word: bool = False) -> tuple[int, str, str] | None:
    """The first entry of ``table`` in ``words`` (two-word entries first): index, class, English."""
    for i in range(start, len(words)):
        if stop_at_function_word and words[i] in _STOP:
            return None
        for size in (3, 2, 1):
            key = " ".join(words[i:i + size])
            if len(words[i:i + size]) == size and key in table:
                klass, english = table[key]
                return i, klass, english
    return None


def _scope(words: list[str]) -> set[str]:
    found = set()
    for i in range(len(words)):
        for size in (2, 1):
            key = " ".join(words[i:i + size])
            if key in SCOPES:
                found.add(SCOPES[key])
    return found


def _adjectives(words: list[str]) -> tuple[str, ...]:
    """A nationality right after the counted noun ("tentara Korea Utara"), not a destination."""
    for i in range(min(len(words), 2)):
        if words[i] in _STOP:
            return ()
        for size in (2, 1):
            key = " ".join(words[i:i + size])
            if key in ADJECTIVES:
                return (ADJECTIVES[key],)
    return ()


def _qualifier(before: str) -> str:
    words = _words(before)[-2:]
    for size in (2, 1):
        key = " ".join(words[-size:])
        if key in QUALIFIERS:
            return QUALIFIERS[key]
    return ""


def according_to(sentence: str) -> str | None:
    """Who the sentence says gives the figures ("South Korea's NIS", "Sergei Shoigu")."""
    for pattern in _ACCORDING:
        for m in pattern.finditer(sentence):
            who = m.group("who").strip(" ,.")
            if who.split()[0] in _NOT_WHO or len(who) < 2:
                continue
            for indonesian, english in _COUNTRIES.items():
                who = re.sub(rf"\b{indonesian}\b", english, who)
            return " ".join(who.split()[:8])
    return None


def _english_number(span: NumberSpan, value: float) -> str:
    if span.english[:1] in "R$" or span.english.startswith("US"):
        return span.english
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _unit(span: NumberSpan, after_words: list[str], quantities: dict[int, str]) -> str | None:
    if span.english.startswith("Rp"):
        return "Rp"
    if span.english[:1] == "$" or span.english.startswith(("US", "USD")):
        return "USD"
    if span.start in quantities:
        return quantities[span.start]
    if after_words and after_words[0] in UNITS:
        return UNITS[after_words[0]]
    return None


def _is_label(span: NumberSpan, text: str, before: str, after: str, refs: list[TimeRef]) -> bool:
    """Years, dates, list numbers and labels ("Pasal 2", "RON 92") are not quantities."""
    if any(r.start <= span.start < r.end for r in refs):
        return True
    if text[max(0, span.start - 3):span.start].lower().endswith(("ke-", "ke ")):
        return True
    previous = _words(before)[-1:] or [""]
    if previous[0] in NOT_A_FIGURE_BEFORE:
        return True
    if not before.strip() and text[span.end:span.end + 1] in {".", ")"}:
        return True  # "1. Sudah ada …": a list number
    value = span.value or 0
    return 1900 <= value <= 2100 and value == int(value) and re.fullmatch(r"\d{4}", span.text) is not None


def _is_year(span: NumberSpan) -> bool:
    return re.fullmatch(r"(?:19|20)\d\d", span.text) is not None


def _period(first: NumberSpan, last: NumberSpan) -> Mention:
    return Mention(value=float(first.value or 0), value_max=float(last.value or 0),
                   english=f"{first.text}-{last.text}", unit="years", head=None, head_en="period",
                   event=None, event_en=None)


def _ranges(spans: list[NumberSpan], text: str) -> list[tuple[NumberSpan, NumberSpan | None]]:
    out: list[tuple[NumberSpan, NumberSpan | None]] = []
    i = 0
    while i < len(spans):
        first = spans[i]
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        gap = text[first.end:nxt.start] if nxt is not None else ""
        # "13%-15%": the first end's percent sign sits in the gap.
        if nxt is not None and RANGE_GAP_ID.match(re.sub(r"^\s*%", "", gap)):
            out.append((first, nxt))
            i += 2
            continue
        out.append((first, None))
        i += 1
    return out


def mentions(sentence: str, today: date | None = None) -> list[Mention]:
    """The quantities of one Indonesian sentence, in order."""
    spans = [s for s in indonesian_numbers(sentence, words=True) if s.kind == "number" and s.value is not None]
    if not spans:
        return []
    refs = time_refs(sentence, today)
    quantities = {span.start: q.unit for span, q in source_quantities(sentence, spans)}
    who = according_to(sentence)
    pairs = _ranges(spans, sentence)
    found: list[Mention] = []
    for k, (span, upper) in enumerate(pairs):
        last = upper or span
        prev_end = pairs[k - 1][1].end if k and pairs[k - 1][1] else (pairs[k - 1][0].end if k else 0)
        next_start = pairs[k + 1][0].start if k + 1 < len(pairs) else len(sentence)
        before = sentence[max(prev_end, span.start - 80):span.start]
        after = sentence[last.end:min(next_start, last.end + 90)]
        cut = _CLAUSE_END.search(after)
        after = after[:cut.start()] if cut else after
        if upper is not None and _is_year(span) and _is_year(upper):
            mention = _period(span, upper)  # "2018-2023", "dari 2018 hingga 2023": a period
        elif _is_label(span, sentence, before, after, refs):
            continue
        else:
            mention = _mention(span, upper, before, after, quantities)
        if mention is None:
            continue
        if found and re.search(r"\b(?:dan|serta)\s*$|,\s*$", before):
            # "mengirim 1.000 penjinak ranjau dan 5.000 pekerja": the verb is shared.
            if mention.event is None and found[-1].event:
                mention.event, mention.event_en = found[-1].event, found[-1].event_en
            mention.scope |= found[-1].scope & {"planned"}
        # A duration or a period is not "as of" a time: the sentence's dates are its own.
        mention.as_of = None if mention.unit in _DURATIONS | {"years"} else _as_of(refs, span.start)
        mention.according_to = who
        found.append(mention)
    return found


def _as_of(refs: list[TimeRef], at: int) -> TimeRef | None:
    """The time a number refers to: a "sejak"/"hingga"/"per" reference first (the date a
    statement was made is often in the same sentence), else the nearest one."""
    if not refs:
        return None
    framed = [r for r in refs if r.label.startswith(("since", "as of"))]
    return min(framed or refs, key=lambda r: abs(r.start - at))


def _mention(span: NumberSpan, upper: NumberSpan | None, before: str, after: str,
             quantities: dict[int, str]) -> Mention | None:
    value = float(span.value or 0)
    value_max = float(upper.value) if upper is not None and upper.value is not None else span.value_max
    clause = _CLAUSE_END.split(before)[-1]  # the before-window stops at the clause's start
    after_words, before_words, clause_words = _words(after), _words(before), _words(clause)
    unit = _unit(upper or span, after_words, quantities) or _unit(span, after_words, quantities)
    if before_words[-1:] == ["ron"]:
        unit = "RON"  # "RON 92": an octane rating
    head = None if unit else _head(after_words, clause_words)
    event = _event(head[1] if head else None, after_words, clause_words) if unit not in _DURATIONS else None
    scope = _scope(before_words[-8:]) | _scope(after_words[:6])
    adjectives = _adjectives(after_words[(head[0] + 1) if head else 0:][:4])
    english = _english_number(span, value)
    if upper is not None:
        english = f"{english}-{_english_number(upper, value_max or 0)}"
    elif value_max is not None:  # "belasan": a dozen or more
        english = f"{english}-{_english_number(span, value_max)} ({span.text})"
    return Mention(
        value=value, value_max=value_max, english=english, unit=unit,
        head=head[1] if head else None, head_en=head[2] if head else None,
        event=event[0] if event else None, event_en=event[1] if event else None,
        scope=frozenset(scope), adjectives=adjectives, qualifier=_qualifier(before),
        phrase=" ".join((before.split()[-4:]) + [span.text] + after.split()[:5]),
    )


def _head(after_words: list[str], before_words: list[str]) -> tuple[int, str, str] | None:
    """The counted noun: right after the number ("5.000 pasukan", "9 unit kapal"), else just
    before it in the same clause ("jumlah korban selamat menjadi 30 orang")."""
    head = _lookup(after_words[:3], HEADS, stop_at_function_word=True)
    if head is not None and head[0] > 1:
        head = None
    if head is not None and head[1] == "units":  # a classifier: "9 unit kapal" counts ships
        named = _lookup(after_words[head[0] + 1:head[0] + 2], HEADS)
        if named is not None:
            head = (head[0] + 1 + named[0], named[1], named[2])
    if head is None or head[1] in {"people", "units"}:
        earlier = _lookup(before_words[-5:], HEADS)
        if earlier is not None and (head is None or earlier[1] in PERSON_CLASSES):
            head = earlier
    return head


def _event(head: str | None, after_words: list[str], clause_words: list[str]) -> tuple[str, str] | None:
    """What happened to what is counted; an outcome (dead, alive, missing) outranks "found"."""
    if head == "dead":
        return ("killed", "")
    if head == "survivors":
        return ("survived", "")
    found = [_lookup(after_words[:8], EVENTS, start=i) for i in range(len(after_words[:8]))]
    events = list(dict.fromkeys((e[0], e[1], e[2]) for e in found if e is not None))
    if not events:
        earlier = [e for e in (_lookup(clause_words[-6:], EVENTS, start=i) for i in range(len(clause_words[-6:])))
                   if e is not None]
        events = earlier[-1:]
    if head is not None and head not in PERSON_CLASSES:
        events = [e for e in events if e[1] not in _OUTCOMES]  # ships are not killed
    if not events:
        return None
    best = min(events, key=lambda e: (e[1] not in _OUTCOMES, e[0]))
    return best[1], best[2]
