"""Quantities with units: a number is only right in English if its unit is right too.

MT models render "4.800 km" as "4,800 miles" often enough that a digit comparison is not a
number check: the digits survive, the distance changes by 60%.  And a translator (or Google)
may write "less than a mile" for "kurang dari 1,6 km", which is right although 1.6 is gone.
This module reads number + unit pairs on both sides, converts them to one base unit per
dimension, and tells the QA (a) which source quantities are stated in other units, so that a
conversion is not reported as a missing number, and (b) which source quantities came out with
the same digits but a unit of a different size.

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
from .unit_tables import ENGLISH_UNIT, UNITS_EN, UNITS_ID

__all__ = ["Quantity", "UnitMismatch", "source_quantities", "english_quantities",
           "converted_elsewhere", "same_size", "stated_in_other_units", "unit_mismatches",
           "unit_findings", "repair_units", "to_base"]

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
_EN_AMOUNT = re.compile(
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
_TOLERANCE = 0.1
_TEMPERATURE_TOLERANCE = 1.5  # °C: "about 90 °F" for 32 °C; relative tolerance fails near 0


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


def _dimension_family(dimension: str) -> str:
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
    matches = list(_EN_AMOUNT.finditer(text))
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


def _close(a: float, b: float, tolerance: float = _TOLERANCE) -> bool:
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _comparable(a: Quantity, b: Quantity) -> bool:
    return _dimension_family(a.dimension) == _dimension_family(b.dimension)


def same_size(a: Quantity, b: Quantity) -> bool:
    """The same quantity, within the rounding of a conversion."""
    if not _comparable(a, b):
        return False
    if "temperature_any" in (a.dimension, b.dimension):
        return a.value == b.value  # a bare "degrees" is in the other side's scale
    if a.dimension.startswith("temperature"):
        return abs(a.base - b.base) <= _TEMPERATURE_TOLERANCE
    return _close(a.base, b.base)


def converted_elsewhere(source_quantity: Quantity, english: list[Quantity]) -> Quantity | None:
    """An English quantity of the same dimension and (within rounding) the same size."""
    return next((q for q in english if same_size(source_quantity, q)), None)


def _by_span(source: str, spans: list[NumberSpan] | None) -> dict[NumberSpan, list[Quantity]]:
    grouped: dict[NumberSpan, list[Quantity]] = {}
    for span, q in source_quantities(source, spans):
        grouped.setdefault(span, []).append(q)
    return grouped


def _conversions(english: list[Quantity], source: list[Quantity]) -> list[Quantity]:
    """English quantities that may be conversions of a source quantity.

    One that renders another source quantity is not: "105 mil per jam (165 km/jam)" →
    "105 miles per hour" has dropped the 165, although 105 mph is 169 km/h.
    """
    return [e for e in english
            if not any(value_key(abs(e.value)) == value_key(abs(q.value)) and _comparable(e, q)
                       for q in source)]


def stated_in_other_units(source: str, translation: str,
                          spans: list[NumberSpan] | None = None) -> set[NumberSpan]:
    """Source number spans the English states as a converted quantity ("a mile" for 1,6 km)."""
    grouped = _by_span(source, spans)
    if not grouped:
        return set()  # no source quantity: the English ones need not be read
    return _stated(grouped, english_quantities(translation))


def unit_mismatches(source: str, translation: str,
                    spans: list[NumberSpan] | None = None) -> list[UnitMismatch]:
    """Source quantities whose number reappears in the English with a unit of another size,
    and which the English does not also state correctly (in any unit)."""
    spans = indonesian_numbers(source) if spans is None else spans
    grouped = _by_span(source, spans)
    if not grouped:
        return []
    return _mismatches(source, translation, spans, grouped, english_quantities(translation))


def unit_findings(source: str, translation: str,
                  spans: list[NumberSpan] | None = None) -> tuple[set[NumberSpan], list[UnitMismatch]]:
    """``stated_in_other_units`` and ``unit_mismatches`` of one sentence pair, each side's
    quantities read once (the QA asks both)."""
    spans = indonesian_numbers(source) if spans is None else spans
    grouped = _by_span(source, spans)
    if not grouped:
        return set(), []
    english = english_quantities(translation)
    return _stated(grouped, english), _mismatches(source, translation, spans, grouped, english)


def _stated(grouped: dict[NumberSpan, list[Quantity]], english: list[Quantity]) -> set[NumberSpan]:
    conversions = _conversions(english, [q for quantities in grouped.values() for q in quantities])
    return {span for span, quantities in grouped.items()
            if any(converted_elsewhere(q, conversions) is not None for q in quantities)}


def _mismatches(source: str, translation: str, spans: list[NumberSpan],
                grouped: dict[NumberSpan, list[Quantity]], english: list[Quantity]) -> list[UnitMismatch]:
    every_source = [q for quantities in grouped.values() for q in quantities]
    conversions = _conversions(english, every_source)
    # An English quantity that is right for some source quantity ("2 km" for "2 km") is not
    # the wrong rendering of another with the same digits ("2 m").
    suspects = [e for e in english if not any(same_size(q, e) for q in every_source)]
    source_values = {value_key(v) for span in spans for alternatives in span.required for v in alternatives}
    # Quantities the English states rightly come last: a suspect with their digits is first
    # the wrong rendering of a quantity that is missing ("2 feet" is the 2 m, not the 2 km).
    stated = {span: any(converted_elsewhere(q, conversions + [e for e in english if e.value == q.value])
                        is not None for q in quantities) for span, quantities in grouped.items()}
    mismatches: list[UnitMismatch] = []
    taken: set[int] = set()
    for span in sorted(grouped, key=lambda s: stated[s]):
        quantities = grouped[span]
        # The same digits with a unit of another size, even beside the right one: "17 miles
        # [17 km]" for 17 km gives the reader two distances.  Or the square dropped:
        # "2.2 million kilometres" for 2,2 juta km².
        found = next(
            (UnitMismatch(q, e) for q in quantities for e in suspects
             if id(e) not in taken and value_key(e.value) == value_key(q.value)
             and "temperature_any" not in (e.dimension, q.dimension)
             and (_comparable(e, q) or _power_dropped(q, e))),
            None,
        )
        if found is None:
            free = [e for e in suspects if id(e) not in taken and not _part_of_longer_number(translation, e)]
            found = _stray(quantities, free, every_source, source_values)
        if found is not None:
            taken.add(id(found.english))
            mismatches.append(found)
    return sorted(mismatches, key=lambda m: source.find(m.source.text.split()[0]))


_NUMBER_WORD_BEFORE = re.compile(r"(?:\b(?:and|hundred|thousand|one|two|three|four|five|six|seven|eight|nine)[\s-]+|-)$",
                                 re.IGNORECASE)


def _part_of_longer_number(translation: str, quantity: Quantity) -> bool:
    """The amount read is the tail of a longer spelled-out number ("one-hundred-and-sixty-five
    tons" is read from "sixty"): not a measure of its own."""
    return bool(_NUMBER_WORD_BEFORE.search(translation[max(0, quantity.start - 20):quantity.start]))


def _power_dropped(source: Quantity, english: Quantity) -> bool:
    """A square or cubic unit come out as the plain length (km² → km, m³ → metres)."""
    if english.dimension != "length":
        return False
    if source.dimension == "area":
        return abs(english.size ** 2 - source.size) <= 1e-6 * source.size
    if source.dimension == "volume":  # base unit: the litre, 1 m³ = 1000 l
        return abs(english.size ** 3 * 1000.0 - source.size) <= 1e-6 * source.size
    return False


def _stray(quantities: list[Quantity], suspects: list[Quantity], every_source: list[Quantity],
           source_values: set[float]) -> UnitMismatch | None:
    """An English measure of the kind the source measures, whose number the source states
    nowhere and which is no source quantity in any unit ("less than six miles [1.6 km]" for
    kurang dari 1,6 km).  "a meter" (a gauge) is not a measure."""
    for q in quantities:
        for e in suspects:
            if (_comparable(e, q) and "temperature_any" not in (e.dimension, q.dimension)
                    and e.text.split()[0].lower() not in ("a", "an", "one", "half", "quarter")
                    and value_key(abs(e.value)) not in source_values
                    and not any(same_size(other, e) for other in every_source)):
                return UnitMismatch(q, e)
    return None




def repair_units(source: str, translation: str, spans: list[NumberSpan] | None = None) -> str:
    """Write the source's unit back where the English kept the digits but changed the unit
    ("4,800 miles" for "4.800 km" → "4,800 km"); the number itself is left as written."""
    edits = []
    for mismatch in unit_mismatches(source, translation, spans):
        english, wanted = mismatch.english, mismatch.source
        unit = ENGLISH_UNIT.get((wanted.dimension, wanted.size))
        if unit is None or english.end <= english.start:
            continue
        if value_key(english.value) != value_key(wanted.value):
            continue  # another number ("six miles" for 1,6 km): not a unit to write back
        written = translation[english.start:english.end]
        number = _EN_AMOUNT.match(written)
        if number is None:
            continue
        edits.append((english.start, english.end, f"{number.group('amount')} {unit}"))
    for start, end, text in sorted(set(edits), reverse=True):
        translation = translation[:start] + text + translation[end:]
    return translation
