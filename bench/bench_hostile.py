"""Bounded time on hostile input: each text stage on about 1 MB of pathological text.

    python bench/bench_hostile.py            # every stage x every input, seconds each
    python bench/bench_hostile.py --size 200000

Inputs: '. ' repeated (300,000 empty sentences), digits and units (8,000 characters of
"12 km 3,5 kg …" repeated), one 1 MB line without punctuation, nested brackets, and a wall of
"Rp 1.000 triliun - 2.000" ranges.  Target: every stage under 2 s on this machine (2-core VM).
tests/test_hostile.py runs the same stages with a generous bound to catch a quadratic regression.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def inputs(size: int) -> dict[str, str]:
    unit = "12 km 3,5 kg 40 derajat 5.000 orang 7 mil "
    return {
        "dots": ". " * (size // 2),
        "digits+units": (unit * (8000 // len(unit) + 1))[:8000],
        "one long line": ("kata " * (size // 5))[:size],
        "nested brackets": "(" * (size // 4) + "isi" + ")" * (size // 4),
        "ranges": ("Rp 1.000 triliun - 2.000 " * (size // 25))[:size],
    }


def stages() -> dict[str, Callable[[str], object]]:
    import summarize
    from summarize.checks import check_details
    from summarize.numbers import english_values, indonesian_numbers, source_quantities
    from summarize.terms import Terms
    from summarize.text import clean_lines, split_sentences

    terms = Terms()

    return {
        "clean": lambda t: clean_lines(t.split("\n")),
        "split": split_sentences,
        "indonesian numbers": lambda t: indonesian_numbers(t, words=True),
        "english numbers": english_values,
        "units": source_quantities,
        # Two stages, before and after the model; restore is given the source as the model's
        # output, its worst case: every number is there to compare and to rewrite.
        "prepare": terms.prepare,
        "restore": lambda t: terms.restore(t, t),
        "qa check": lambda t: check_details(t, t),
        "document": lambda t: summarize.Document.from_text(t, max_chars=10**7),
    }


def run(size: int, stage_names: list[str] | None = None) -> dict[tuple[str, str], float]:
    import summarize

    times = {}
    for stage, fn in stages().items():
        if stage_names and stage not in stage_names:
            continue
        for name, text in inputs(size).items():
            started = time.perf_counter()
            try:
                fn(text)
            except summarize.InputError:
                pass  # a clear refusal is a fine answer to hostile input
            times[(stage, name)] = time.perf_counter() - started
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per input (default 1 MB)")
    args = parser.parse_args()
    times = run(args.size)
    names = list(inputs(10))
    print(f"seconds per stage, inputs of {args.size:,} characters (digits+units: 8,000); target < 2 s")
    print(f"{'stage':<20}" + "".join(f"{n:>17}" for n in names))
    for stage in dict.fromkeys(s for s, _ in times):
        print(f"{stage:<20}" + "".join(f"{times[(stage, n)]:>17.2f}" for n in names))
    worst = max(times.items(), key=lambda kv: kv[1])
    print(f"slowest: {worst[0][0]} on {worst[0][1]}: {worst[1]:.2f} s")


if __name__ == "__main__":
    main()
