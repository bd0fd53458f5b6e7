"""Measuring a story's figures table against a gold table (the tests' and bench_story's one rule).

A gold figure is found when a row has its value (both ends of a range) and names at least its
outlets.  A row is right when every sentence it cites states its value (read again with the
Indonesian number reader), which is what a reader checking the table would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..numbers import indonesian_numbers, value_key
from .model import Figure, Story

__all__ = ["GoldFigure", "FigureScore", "parse_gold_value", "score_figures", "row_is_stated"]


@dataclass(frozen=True)
class GoldFigure:
    value: float
    value_max: float | None
    outlets: frozenset[str]  # article ids
    what: str = ""


@dataclass
class FigureScore:
    found: int
    gold: int
    right_rows: int
    rows: int
    missed: list[GoldFigure] = field(default_factory=list)
    wrong: list[Figure] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right_rows / self.rows if self.rows else 1.0


def parse_gold_value(value: Any) -> tuple[float, float | None] | None:
    """A number, or a range "a-b"; times ("22:56") and dates are not counts: None."""
    if isinstance(value, (int, float)):
        return float(value), None
    if isinstance(value, str) and ":" not in value and value.count("-") == 1:
        low, high = value.split("-")
        try:
            return float(low), float(high)
        except ValueError:
            return None
    return None


def _matches(row: Figure, gold: GoldFigure) -> bool:
    if value_key(row.value) != value_key(gold.value):
        return False
    if gold.value_max is not None and (row.value_max is None or value_key(row.value_max) != value_key(gold.value_max)):
        return False
    return gold.outlets <= set(row.outlets)


def row_is_stated(row: Figure, story: Story) -> bool:
    """Every cited sentence states the row's value (and, for a range, its upper end)."""
    by_id = {a.id: a for a in story.articles}
    wanted = {value_key(row.value)} | ({value_key(row.value_max)} if row.value_max is not None else set())
    for reference in row.sources:
        article_id, _, sentence_id = reference.partition(":")
        article = by_id.get(article_id)
        sentence = article.result.sentence(sentence_id) if article else None
        if sentence is None:
            return False
        stated = set()
        for span in indonesian_numbers(sentence.source, words=True):
            stated.update(span.required[0] if span.required else ())
            if span.value is not None:
                stated.add(value_key(span.value))
            if span.value_max is not None:
                stated.add(value_key(span.value_max))
        if not wanted <= stated:
            return False
    return set(row.outlets) == {r.partition(":")[0] for r in row.sources}


def score_figures(story: Story, gold: list[GoldFigure]) -> FigureScore:
    missed = [g for g in gold if not any(_matches(row, g) for row in story.figures)]
    wrong = [row for row in story.figures if not row_is_stated(row, story)]
    return FigureScore(found=len(gold) - len(missed), gold=len(gold), right_rows=len(story.figures) - len(wrong),
                       rows=len(story.figures), missed=missed, wrong=wrong)
