"""Numbers: the one reader of Indonesian numbers, the one reader of English numbers,
quantities with units, and the comparison of a source with its translation.  May import only
errors and settings."""

from __future__ import annotations

from .clock import ClockMismatch, swapped_dates, time_of_day_mismatches, unsure_clock
from .common import MONTHS_EN, RANGE_GAP_ID, NumberSpan, code_key, value_key
from .compare import currency_dropped, indonesian_format_copies, missing_numbers
from .english import (
    EnglishNumbers,
    english_digit_numbers,
    english_number_mentions,
    english_values,
)
from .indonesian import indonesian_numbers, normalise_numbers, with_number_words
from .unit_match import repair_units, stated_in_other_units, unit_findings, unit_mismatches
from .units import Quantity, UnitMismatch, converted_elsewhere, english_quantities, same_size, source_quantities, to_base

__all__ = [
    "ClockMismatch", "swapped_dates", "time_of_day_mismatches", "unsure_clock", "MONTHS_EN", "RANGE_GAP_ID", "NumberSpan",
    "code_key", "value_key", "missing_numbers", "indonesian_format_copies", "currency_dropped", "EnglishNumbers", "english_values",
    "english_digit_numbers", "english_number_mentions", "indonesian_numbers", "normalise_numbers", "with_number_words",
    "Quantity", "UnitMismatch", "converted_elsewhere", "english_quantities", "repair_units", "same_size",
    "source_quantities", "stated_in_other_units", "to_base", "unit_findings", "unit_mismatches",
]
