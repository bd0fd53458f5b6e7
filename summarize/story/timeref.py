"""Time references in Indonesian sentences, resolved against the article's own date.

"Selasa (4/11/2025)", "17 Juni 2025", "sejak September", "April lalu", "pada tahun 2024",
"bulan lalu", "hingga pukul 11.00 WIB", "saat ini": each becomes an ISO date of the precision
the text gives ("2025-11-04", "2025-09", "2024", "2025-07-03 11:00") with an English label.
Hand-written: date parsers (dateparser, htmldate) read whole dates, not Indonesian relative
phrases inside a sentence, and they guess where news needs "unknown".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..numbers import MONTHS_EN
from ..text import MONTHS_ID as MONTHS

__all__ = ["TimeRef", "time_refs", "article_date", "parse_iso"]

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m in {"mei", "jun", "jul"}), key=len, reverse=True))
_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
_PREFIX = r"(?P<prefix>sejak|hingga|sampai|per|pada|pada\s+bulan|bulan|awal|akhir|pertengahan|tanggal)?\s*"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("dmy", re.compile(rf"{_PREFIX}(?:{_WEEKDAY}\s*,?\s*)?\(?\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})\s*\)?",
                       re.IGNORECASE)),
    ("d_month_y", re.compile(rf"{_PREFIX}(?:{_WEEKDAY}\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\s+(?P<y>\d{{4}})\b",
                             re.IGNORECASE)),
    ("month_y", re.compile(rf"{_PREFIX}(?P<mon>{_MONTH_NAMES})\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("d_month", re.compile(rf"{_PREFIX}(?:{_WEEKDAY}\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\b(?!\s+\d)",
                           re.IGNORECASE)),
    ("month", re.compile(rf"{_PREFIX}(?P<mon>{_MONTH_NAMES})\b(?P<rel>\s+(?:lalu|kemarin|ini|mendatang|depan))?",
                         re.IGNORECASE)),
    ("year", re.compile(r"(?P<prefix>sejak|hingga|sampai|pada|tahun|pada\s+tahun|sejak\s+tahun|selama)\s+"
                        r"(?:tahun\s+)?(?P<y>(?:19|20)\d\d)\b(?!\s*[-–]\s*\d)", re.IGNORECASE)),
    ("relative", re.compile(r"(?P<prefix>sejak|hingga|pada|sampai)?\s*(?P<rel>bulan\s+lalu|pekan\s+lalu|minggu\s+lalu|"
                            r"tahun\s+lalu|kemarin|hari\s+ini|saat\s+ini|kini|sekarang|awal\s+bulan\s+ini)\b",
                            re.IGNORECASE)),
]
_TIME = re.compile(r"pukul\s+(?P<h>\d{1,2})[.:](?P<mi>\d{2})\s*(?P<tz>WIB|WITA|WIT)?", re.IGNORECASE)
_WEEKDAY_ALONE = re.compile(rf"\b(?:pada\s+|hari\s+)?(?P<wd>{_WEEKDAY})\b(?!\s*[,(]?\s*\d)", re.IGNORECASE)
_WEEKDAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]
_PREFIX_EN = {"sejak": "since", "hingga": "as of", "sampai": "as of", "per": "as of", "pada": "in",
              "awal": "early", "akhir": "late", "pertengahan": "mid", "selama": "during"}


@dataclass(frozen=True)
class TimeRef:
    """A resolved time reference: ISO text ("2025-09", "2025-07-03 11:00") and how it was said."""

    iso: str
    label: str  # English: "since September 2025", "as of 3 July 2025, 11:00 WIB"
    start: int
    end: int
    present: bool = False  # "saat ini", "kini": the article's own time

    @property
    def precision(self) -> int:
        return len(self.iso)


def parse_iso(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def article_date(meta_date: str | None, paragraphs: list[list[str]]) -> date | None:
    """The article's own date: its metadata, else the first full date of its first paragraphs."""
    found = parse_iso(meta_date)
    if found:
        return found
    for paragraph in paragraphs[:4]:
        for sentence in paragraph:
            for ref in time_refs(sentence, None):
                if len(ref.iso) == 10:
                    return parse_iso(ref.iso)
    return None


def _month_of(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _label(prefix: str | None, body: str) -> str:
    word = _PREFIX_EN.get((prefix or "").split()[0].lower(), "") if prefix else ""
    return f"{word} {body}".strip()


def _on_day(label: str) -> str:
    return "on " + label[3:] if label.startswith("in ") else label


def _day_label(d: date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


def _resolve_month(month: int, rel: str, today: date | None, year: int | None = None) -> tuple[int, int] | None:
    if year:
        return year, month
    if today is None:
        return None
    rel = rel.strip().lower()
    if rel in {"mendatang", "depan"}:
        return (today.year if month >= today.month else today.year + 1), month
    # "April lalu" or a bare month: the most recent such month, this one included.
    return (today.year if month <= today.month else today.year - 1), month


def _ref(kind: str, m: re.Match[str], today: date | None) -> TimeRef | None:
    g = m.groupdict()
    prefix = g.get("prefix")
    if kind == "dmy":
        try:
            d = date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return TimeRef(d.isoformat(), _on_day(_label(prefix, _day_label(d))), m.start(), m.end())
    if kind in {"d_month_y", "d_month"}:
        month = _month_of(g["mon"])
        year = int(g["y"]) if g.get("y") else None
        resolved = _resolve_month(month, "", today, year)
        if resolved is None:
            return None
        try:
            d = date(resolved[0], month, int(g["d"]))
        except ValueError:
            return None
        return TimeRef(d.isoformat(), _on_day(_label(prefix, _day_label(d))), m.start(), m.end())
    if kind in {"month_y", "month"}:
        month = _month_of(g["mon"])
        resolved = _resolve_month(month, g.get("rel") or "", today, int(g["y"]) if g.get("y") else None)
        if resolved is None:
            return None
        return TimeRef(f"{resolved[0]:04d}-{month:02d}", _label(prefix, f"{MONTHS_EN[month - 1]} {resolved[0]}"),
                       m.start(), m.end())
    if kind == "year":
        return TimeRef(g["y"], _label(prefix if prefix and "tahun" not in prefix.lower() else "pada", g["y"]),
                       m.start(), m.end())
    return _relative(g["rel"].lower(), prefix, m, today)


def _relative(rel: str, prefix: str | None, m: re.Match[str], today: date | None) -> TimeRef | None:
    if today is None:
        return None
    rel = " ".join(rel.split())
    if rel in {"saat ini", "kini", "sekarang", "hari ini"}:
        return TimeRef(today.isoformat()[:7], f"as of {MONTHS_EN[today.month - 1]} {today.year}", m.start(), m.end(),
                       present=True)
    if rel == "kemarin":
        d = today - timedelta(days=1)
        return TimeRef(d.isoformat(), _label(prefix, _day_label(d)), m.start(), m.end())
    if rel in {"pekan lalu", "minggu lalu"}:
        d = today - timedelta(days=7)
        return TimeRef(d.isoformat()[:7], _label(prefix, f"the week of {_day_label(d)}"), m.start(), m.end())
    if rel == "tahun lalu":
        return TimeRef(str(today.year - 1), _label(prefix or "pada", str(today.year - 1)), m.start(), m.end())
    if rel == "awal bulan ini":
        return TimeRef(today.isoformat()[:7], f"early {MONTHS_EN[today.month - 1]} {today.year}", m.start(), m.end())
    first = today.replace(day=1) - timedelta(days=1)  # "bulan lalu": the previous month
    return TimeRef(first.isoformat()[:7], _label(prefix or "pada", f"{MONTHS_EN[first.month - 1]} {first.year}"),
                   m.start(), m.end())


def _with_clock(refs: list[TimeRef], sentence: str, today: date | None) -> list[TimeRef]:
    """"hingga pukul 11.00 WIB, Kamis (3/7/2025)": the hour joins the day it belongs to."""
    clock = _TIME.search(sentence)
    if clock is None:
        return refs
    hhmm = f"{int(clock.group('h')):02d}:{clock.group('mi')}"
    zone = f" {clock.group('tz').upper()}" if clock.group("tz") else ""
    days = [r for r in refs if len(r.iso) == 10]
    if days:
        day = min(days, key=lambda r: abs(r.start - clock.start()))
        joined = TimeRef(f"{day.iso} {hhmm}", f"{day.label}, {hhmm}{zone}", min(day.start, clock.start()),
                         max(day.end, clock.end()))
        return [joined if r is day else r for r in refs]
    if today is not None:
        return [*refs, TimeRef(f"{today.isoformat()} {hhmm}", f"as of {hhmm}{zone}, {_day_label(today)}",
                               clock.start(), clock.end())]
    return refs


def _weekday(sentence: str, today: date | None, taken: list[tuple[int, int]]) -> list[TimeRef]:
    """A bare weekday ("pada Kamis"): the most recent such day up to the article's date."""
    if today is None:
        return []
    out = []
    for m in _WEEKDAY_ALONE.finditer(sentence):
        if any(a <= m.start() < b for a, b in taken):
            continue
        name = m.group("wd").lower().replace("'", "")
        if name == "ahad":
            name = "minggu"
        back = (today.weekday() - _WEEKDAYS.index(name)) % 7
        d = today - timedelta(days=back)
        out.append(TimeRef(d.isoformat(), "on " + _day_label(d), m.start(), m.end()))
    return out


def time_refs(sentence: str, today: date | None) -> list[TimeRef]:
    """Every time reference of an Indonesian sentence, in order, resolved against ``today``."""
    refs: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            ref = _ref(kind, m, today)
            if ref is not None:
                refs.append(ref)
                taken.append((m.start(), m.end()))
    refs += _weekday(sentence, today, taken)
    refs.sort(key=lambda r: r.start)
    return _with_clock(refs, sentence, today)
