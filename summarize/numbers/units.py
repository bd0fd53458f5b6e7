"""Quantities with units: a number is only right in English if its unit is right too.

MT models render "4.800 km" as "4,800 miles" often enough that a digit comparison is not a
number check: the digits survive, the distance changes by 60%.  And a translator (or Google)
may write "less than a mile" for "kurang dari 1,6 km", which is right although 1.6 is gone.
This module reads number + unit pairs on both sides, converts them to one base unit per
dimension and compares two of them (``same_size``); ``unit_match.py`` uses that to tell the QA
(a) which source quantities are stated in other units, so that a conversion is not reported as
a missing number, and (b) which came out with the same digits but a unit of another size.

The unit tables are hand-written: no maintained library reads Indonesian unit words, and the
English side must match the Indonesian side's coverage exactly (pint/quantities parse units
but not "km per jam" or "a mile" in running text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .common import RANGE_GAP_ANY, SCALES_EN, NumberSpan, value_key
from .english import english_values
from .indonesian import indonesian_numbers
from .unit_tables import UNITS_EN, UNITS_ID

__all__ = ["Quantity", "UnitMismatch", "source_quantities", "english_quantities", "converted_elsewhere",
           "same_size", "to_base", "dimension_family", "ENGLISH_AMOUNT", "SIZE_TOLERANCE",
           "TEMPERATURE_TOLERANCE"]

class _UnitTable:
    """A unit table as one pattern: the alternatives in table order, so the first unit that
    matches wins as it would trying each in turn, at the cost of one match per number."""

    def __init__(self, units: list[tuple[str, str, float]]) -> None:
        self.units = [(dim, size) for _, dim, size in units]
        alternatives = "|".join(rf"(?P<u{i}>[\s-]?(?:{pattern})(?![\w/²]))" for i, (pattern, _, _) in enumerate(units))
        self.pattern = re.compile(alternatives, re.IGNORECASE)

    def after(self, text: str) -> tuple[str, str, float, int] | None:
        """The unit ``text`` starts with: as written, dimension, size, and where it ends."""
        m = self.pattern.match(text)
        if m is None:
            return None
        dim, size = self.units[int(m.lastgroup[1:])]
        return m.group(0).strip(" -"), dim, size, m.end()


_ID_UNITS = _UnitTable(UNITS_ID)
_EN_UNITS = _UnitTable(UNITS_EN)
# English numbers followed by a unit: digits (5,000 / 2.5), spelled-out words, or "a"/"an".
ENGLISH_AMOUNT = re.compile(
    r"(?<![\w.,/])(?P<amount>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"  # 90kg too
    r"(?:\s(?:thousand|million|billion)\b)?"
    r"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half a|a half|quarter of an?)\b)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[$£€¥]|\bRp\.?|\bUSD|\bIDR)\s?$", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"(?:(?<![\w.,])[-−–]|\bminus\s)$", re.IGNORECASE)
# Relative tolerance for "the same quantity in another unit": conversions in news are
# rounded ("about 3,000 miles" for 4.800 km is 0.6% off, "200 pounds" for 90 kg 0.8%); a
# different unit with the same digits is off by 38% (km/miles) or more.
SIZE_TOLERANCE = 0.1
TEMPERATURE_TOLERANCE = 1.5  # °C: "about 90 °F" for 32 °C; relative tolerance fails near 0


@dataclass(frozen=True)
class Quantity:
    """A number with a unit: ``value`` in ``unit`` (as written), ``base`` in the base unit."""

    text: str
    value: float
    unit: str
    dimension: str
    size: float
    start: int = 0  # where the English quantity stands in its sentence (source side: unused)
    end: int = 0

    @property
    def base(self) -> float:
        return to_base(self.value, self.dimension, self.size)


@dataclass(frozen=True)
class UnitMismatch:
    """A source quantity whose digits came through with a unit of another size."""

    source: Quantity
    english: Quantity

    def describe(self) -> str:
        return f"{self.source.text} became “{self.english.text}”"


def to_base(value: float, dimension: str, size: float) -> float:
    if dimension == "temperature_f":
        return (value - 32.0) * 5.0 / 9.0
    return value * size


def dimension_family(dimension: str) -> str:
    return "temperature" if dimension.startswith("temperature") else dimension


# The unit follows its number within a few words; reading only that far keeps long texts linear.
_UNIT_WINDOW = 60


def source_quantities(text: str, spans: list[NumberSpan] | None = None) -> list[tuple[NumberSpan, Quantity]]:
    """Indonesian number spans followed by a unit; "160-320 km/jam" gives both numbers the unit."""
    spans = indonesian_numbers(text) if spans is None else spans
    found: list[tuple[NumberSpan, Quantity]] = []
    pending: list[NumberSpan] = []  # the first number of a range waits for the unit
    for i, span in enumerate(spans):
        if span.kind != "number" or len(span.required) != 1:
            pending = []
            continue
        unit = _ID_UNITS.after(text[span.end:span.end + _UNIT_WINDOW])
        if unit is None:
            following = spans[i + 1] if i + 1 < len(spans) else None
            if following is not None and RANGE_GAP_ANY.match(text[span.end:following.start]):
                pending.append(span)
            else:
                pending = []
            continue
        written, dim, size, _ = unit
        if span.english[:1] in "R$" or span.english.startswith("US"):
            pending = []  # "Rp 2 M" is two billion rupiah, not two metres
            continue
        for member in [*pending, span]:
            sign = _sign(text[max(0, member.start - 8):member.start], dim)
            # An ambiguous "1,200" gives one quantity per reading.
            for value in sorted(member.required[0]):
                found.append((member, Quantity(f"{member.text} {written}", sign * value, written,
                                               dim, size)))
        pending = []
    return found


def _sign(before: str, dimension: str) -> float:
    """-1 for "-5 derajat" / "minus 5 degrees"; only temperatures go below zero in news."""
    return -1.0 if dimension.startswith("temperature") and _MINUS_BEFORE.search(before) else 1.0


def _amount_value(amount: str) -> float | None:
    low = amount.lower()
    if low in ("a", "an", "one"):
        return 1.0
    if low in ("half a", "a half"):
        return 0.5
    if low.startswith("quarter"):
        return 0.25
    if low[0].isdigit():
        number, *scale = low.split(None, 1)  # any space: "2\tbillion" is two billion too
        return value_key(float(number.replace(",", "")) * SCALES_EN.get(scale[0] if scale else "", 1))
    values = english_values(low).values
    return min(values) if values else None


def english_quantities(text: str) -> list[Quantity]:
    """English number + unit pairs, ranges included ("100-200 miles/hour")."""
    found: list[Quantity] = []
    matches = list(ENGLISH_AMOUNT.finditer(text))
    pending: list[tuple[re.Match[str], float]] = []
    for i, m in enumerate(matches):
        value = _amount_value(m.group("amount"))
        if value is None or _CURRENCY_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            pending = []
            continue
        unit = _EN_UNITS.after(text[m.end():m.end() + _UNIT_WINDOW])
        if unit is None:
            following = matches[i + 1] if i + 1 < len(matches) else None
            if following is not None and RANGE_GAP_ANY.match(text[m.end():following.start()]):
                pending.append((m, value))
            else:
                pending = []
            continue
        written, dim, size, unit_end = unit
        if m.group("amount").lower() in ("a", "an") and dim.startswith("temperature"):
            continue  # "a degree" of anything is not a measurement
        for member, val in [*pending, (m, value)]:
            sign = _sign(text[max(0, member.start() - 8):member.start()], dim)
            found.append(Quantity(f"{member.group('amount')} {written}", sign * val, written, dim, size,
                                  member.start(), m.end() + unit_end))
        pending = []
    return found


def _close(a: float, b: float, tolerance: float = SIZE_TOLERANCE) -> bool:
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _comparable(a: Quantity, b: Quantity) -> bool:
    return dimension_family(a.dimension) == dimension_family(b.dimension)


def same_size(a: Quantity, b: Quantity) -> bool:
    """The same quantity, within the rounding of a conversion."""
    if not _comparable(a, b):
        return False
    if "temperature_any" in (a.dimension, b.dimension):
        return a.value == b.value  # a bare "degrees" is in the other side's scale
    if a.dimension.startswith("temperature"):
        return abs(a.base - b.base) <= TEMPERATURE_TOLERANCE
    return _close(a.base, b.base)


def converted_elsewhere(source_quantity: Quantity, english: list[Quantity]) -> Quantity | None:
    """An English quantity of the same dimension and (within rounding) the same size."""
    return next((q for q in english if same_size(source_quantity, q)), None)
