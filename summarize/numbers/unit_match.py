"""Matching the quantities of a source with those of its English, in near-linear time.

``units.py`` reads the quantities of each side; this module decides which source quantity the
English states in another unit (a conversion) and which came out with the same digits but a
unit of another size.  Every question "is there an English quantity like this one?" is asked
of an index (quantities by dimension family and size, or by value) instead of a scan of every
quantity: a table pasted as one line has thousands of quantities on each side, and comparing
every pair made the QA of 100,000 characters of "12 km 3,5 kg …" take seconds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .common import NumberSpan, value_key
from .indonesian import indonesian_numbers
from .unit_tables import ENGLISH_UNIT
from .units import (
    ENGLISH_AMOUNT,
    SIZE_TOLERANCE,
    TEMPERATURE_TOLERANCE,
    Quantity,
    UnitMismatch,
    dimension_family,
    english_quantities,
    same_size,
    source_quantities,
)

__all__ = ["SizeIndex", "stated_in_other_units", "unit_mismatches", "unit_findings", "repair_units"]


def _by_span(source: str, spans: list[NumberSpan] | None) -> dict[NumberSpan, list[Quantity]]:
    grouped: dict[NumberSpan, list[Quantity]] = {}
    for span, q in source_quantities(source, spans):
        grouped.setdefault(span, []).append(q)
    return grouped


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
        number = ENGLISH_AMOUNT.match(written)
        if number is None:
            continue
        edits.append((english.start, english.end, f"{number.group('amount')} {unit}"))
    for start, end, text in sorted(set(edits), reverse=True):
        translation = translation[:start] + text + translation[end:]
    return translation


class SizeIndex:
    """Quantities by dimension family, sorted by size in the base unit: ``find(q)`` returns one
    that ``same_size`` takes for ``q`` (or None) after a bisection, not a scan."""

    def __init__(self, quantities: Iterable[Quantity]) -> None:
        by_family: dict[str, list[tuple[float, int, Quantity]]] = {}
        # A bare "degrees" matches by its value, whatever the other side's scale: kept apart.
        self._any_temperature: dict[float, list[Quantity]] = {}
        self._temperature_values: dict[float, list[Quantity]] = {}
        for i, q in enumerate(quantities):
            family = dimension_family(q.dimension)
            if q.dimension == "temperature_any":
                self._any_temperature.setdefault(q.value, []).append(q)
                continue
            if family == "temperature":
                self._temperature_values.setdefault(q.value, []).append(q)
            by_family.setdefault(family, []).append((q.base, i, q))
        self._sorted = {f: sorted(items, key=lambda t: (t[0], t[1])) for f, items in by_family.items()}
        self._bases = {f: [t[0] for t in items] for f, items in self._sorted.items()}

    def find(self, q: Quantity) -> Quantity | None:
        family = dimension_family(q.dimension)
        if family == "temperature":
            if q.dimension == "temperature_any":  # matches any temperature of the same value
                candidates = self._temperature_values.get(q.value, []) + self._any_temperature.get(q.value, [])
                return candidates[0] if candidates else None
            if q.value in self._any_temperature:
                return self._any_temperature[q.value][0]
        items = self._sorted.get(family)
        if not items:
            return None
        base = q.base
        # Every size ``same_size`` can accept lies in this window (relative tolerance against the
        # larger of the two, or the temperatures' absolute one); the test itself decides.
        width = SIZE_TOLERANCE * abs(base) / (1 - SIZE_TOLERANCE) + TEMPERATURE_TOLERANCE + 1e-9
        bases = self._bases[family]
        # By index, not a slice: a table repeats one quantity thousands of times, and copying
        # the window would make each question cost as much as the repeats.
        for i in range(bisect_left(bases, base - width), bisect_right(bases, base + width)):
            if same_size(q, items[i][2]):
                return items[i][2]
        return None


def _conversions(english: list[Quantity], source: list[Quantity]) -> list[Quantity]:
    """English quantities that may be conversions of a source quantity.

    One that renders another source quantity is not: "105 mil per jam (165 km/jam)" →
    "105 miles per hour" has dropped the 165, although 105 mph is 169 km/h.
    """
    rendered = {(value_key(abs(q.value)), dimension_family(q.dimension)) for q in source}
    return [e for e in english if (value_key(abs(e.value)), dimension_family(e.dimension)) not in rendered]


def _stated(grouped: dict[NumberSpan, list[Quantity]], english: list[Quantity]) -> set[NumberSpan]:
    """The source spans whose quantity the English states in another unit."""
    index = SizeIndex(_conversions(english, [q for quantities in grouped.values() for q in quantities]))
    return {span for span, quantities in grouped.items() if any(index.find(q) is not None for q in quantities)}


class _Pool:
    """Free English suspects in their order, by a key; taking one removes it everywhere."""

    def __init__(self) -> None:
        self._by_key: dict[object, dict[int, Quantity]] = {}

    def add(self, key: object, e: Quantity) -> None:
        self._by_key.setdefault(key, {})[id(e)] = e

    def get(self, key: object) -> dict[int, Quantity]:
        return self._by_key.get(key, {})

    def remove(self, e: Quantity, keys: Iterable[object]) -> None:
        for key in keys:
            self._by_key.get(key, {}).pop(id(e), None)


def _mismatches(source: str, translation: str, spans: list[NumberSpan],
               grouped: dict[NumberSpan, list[Quantity]], english: list[Quantity]) -> list[UnitMismatch]:
    """Source quantities whose digits came through with a unit of another size ("4,800 miles"
    for 4.800 km), or whose place an English measure of the same kind takes whose number the
    source states nowhere ("less than six miles" for 1,6 km)."""
    every_source = [q for quantities in grouped.values() for q in quantities]
    source_index = SizeIndex(every_source)
    converted = SizeIndex(_conversions(english, every_source))
    # An English quantity that is right for some source quantity ("2 km" for "2 km") is not
    # the wrong rendering of another with the same digits ("2 m").
    suspects = [e for e in english if source_index.find(e) is None]
    by_value: dict[float, list[Quantity]] = {}
    for e in english:
        by_value.setdefault(e.value, []).append(e)
    source_values = {value_key(v) for span in spans for alternatives in span.required for v in alternatives}
    # Quantities the English states rightly come last: a suspect with their digits is first
    # the wrong rendering of a quantity that is missing ("2 feet" is the 2 m, not the 2 km).
    is_stated = {span: any(converted.find(q) is not None
                           or any(same_size(q, e) for e in by_value.get(q.value, ())) for q in quantities)
                 for span, quantities in grouped.items()}
    # One pool, two kinds of key: ("digits", value, family) and ("stray", family).
    pool = _Pool()
    keys: dict[int, list[object]] = {}
    for e in suspects:
        if e.dimension == "temperature_any":
            continue  # a bare "degrees" is in whatever scale the source uses: never a mismatch
        family = dimension_family(e.dimension)
        keys[id(e)] = [("digits", value_key(e.value), family)]
        if (e.text.split()[0].lower() not in ("a", "an", "one", "half", "quarter")
                and value_key(abs(e.value)) not in source_values and not _part_of_longer_number(translation, e)):
            keys[id(e)].append(("stray", family))
        for key in keys[id(e)]:
            pool.add(key, e)
    found: list[tuple[int, UnitMismatch]] = []
    for span in sorted(grouped, key=lambda s: is_stated[s]):
        match = _same_digits(grouped[span], pool) or _stray(grouped[span], pool)
        if match is not None:
            pool.remove(match.english, keys[id(match.english)])
            found.append((span.start, match))
    return [m for _, m in sorted(found, key=lambda t: t[0])]


def _same_digits(quantities: list[Quantity], pool: _Pool) -> UnitMismatch | None:
    """The same digits with a unit of another size, even beside the right one: "17 miles
    [17 km]" for 17 km gives the reader two distances.  Or the square dropped: "2.2 million
    kilometres" for 2,2 juta km²."""
    for q in quantities:
        if q.dimension == "temperature_any":
            continue
        candidates = list(pool.get(("digits", value_key(q.value), dimension_family(q.dimension))).values())
        if q.dimension in ("area", "volume"):
            candidates += [e for e in pool.get(("digits", value_key(q.value), "length")).values()
                           if _power_dropped(q, e)]
        if candidates:
            # The first in the English (min keeps the first of equal starts).
            return UnitMismatch(q, min(candidates, key=lambda e: e.start))
    return None


def _stray(quantities: list[Quantity], pool: _Pool) -> UnitMismatch | None:
    """An English measure of the kind the source measures, whose number the source states
    nowhere and which is no source quantity in any unit ("less than six miles [1.6 km]" for
    kurang dari 1,6 km).  "a meter" (a gauge) is not a measure.  (The pool holds suspects only,
    which are the same size as no source quantity.)"""
    for q in quantities:
        if q.dimension == "temperature_any":
            continue
        free = pool.get(("stray", dimension_family(q.dimension)))
        if free:
            return UnitMismatch(q, next(iter(free.values())))
    return None


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
