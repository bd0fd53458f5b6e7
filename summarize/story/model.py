"""The story's dataclasses: articles, figures, disagreements, bullets, timeline, and the JSON.

Sentence references are ``<article id>:<sentence id>`` ("a0:p1s2"); every one resolves to a
sentence of that article's Result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Result
from .markdown import story_markdown

__all__ = ["StoryArticle", "Evidence", "Figure", "DisagreementValue", "Disagreement", "StoryBullet",
           "TimelineEvent", "Story", "FailedItem", "StoryResult", "STORY_SCHEMA_VERSION", "ref"]

STORY_SCHEMA_VERSION = 1


def ref(article_id: str, sentence_id: str) -> str:
    """The one spelling of a sentence reference across articles."""
    return f"{article_id}:{sentence_id}"


@dataclass
class StoryArticle:
    """One outlet's article, translated."""

    id: str
    outlet: str
    source: str
    result: Result
    title: str | None = None  # the English title (the Indonesian is in result.title.source)
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "source": self.source, "title": self.title,
                "title_source": self.result.title.source if self.result.title else None, "date": self.date}


@dataclass
class Evidence:
    """A sentence that states a figure: where, in Indonesian and in English, with its QA flags."""

    ref: str
    outlet: str
    source: str
    translation: str
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "outlet": self.outlet, "source": self.source,
                "translation": self.translation, "flags": list(self.flags)}


@dataclass
class Figure:
    value: float
    value_max: float | None
    text: str
    unit: str | None
    what: str
    as_of: str | None
    according_to: str | None
    outlets: list[str]
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    as_of_iso: str | None = None
    concept: tuple[str | None, str | None, frozenset[str]] = (None, None, frozenset())
    periods: dict[str, list[str]] = field(default_factory=dict)  # time label -> article ids

    def to_dict(self) -> dict[str, Any]:
        return {"value": _number(self.value), "value_max": _number(self.value_max), "text": self.text,
                "unit": self.unit, "what": self.what, "as_of": self.as_of, "as_of_iso": self.as_of_iso,
                "according_to": self.according_to, "outlets": list(self.outlets),
                "sources": list(self.sources), "evidence": [e.to_dict() for e in self.evidence]}


@dataclass
class DisagreementValue:
    value: float
    text: str
    outlets: list[str]
    sources: list[str]
    as_of: str | None
    as_of_iso: str | None = None
    value_max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": _number(self.value), "value_max": _number(self.value_max), "text": self.text,
                "outlets": list(self.outlets), "sources": list(self.sources), "as_of": self.as_of,
                "as_of_iso": self.as_of_iso}


@dataclass
class Disagreement:
    what: str
    values: list[DisagreementValue]
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "values": [v.to_dict() for v in self.values], "reason": self.reason}


@dataclass
class StoryBullet:
    text: str
    outlets: list[str]
    sources: list[str]
    only: str | None = None  # the one outlet that reports it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "outlets": list(self.outlets), "sources": list(self.sources)}


@dataclass
class TimelineEvent:
    date: str
    text: str
    outlets: list[str]
    sources: list[str]
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "label": self.label, "text": self.text, "outlets": list(self.outlets),
                "sources": list(self.sources)}


@dataclass
class Story:
    title: str
    grouped_because: list[str]
    articles: list[StoryArticle]
    brief: list[StoryBullet] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def outlet(self, article_id: str) -> str:
        return next((a.outlet for a in self.articles if a.id == article_id), article_id)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "grouped_because": list(self.grouped_because),
                "articles": [a.to_dict() for a in self.articles], "brief": [b.to_dict() for b in self.brief],
                "figures": [f.to_dict() for f in self.figures],
                "disagreements": [d.to_dict() for d in self.disagreements],
                "timeline": [t.to_dict() for t in self.timeline], "notes": list(self.notes)}


@dataclass
class FailedItem:
    """An input that could not be read or translated, and why."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}


@dataclass
class StoryResult:
    stories: list[Story]
    failed: list[FailedItem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"version": STORY_SCHEMA_VERSION, "stories": [s.to_dict() for s in self.stories],
                "failed": [f.to_dict() for f in self.failed]}

    def to_markdown(self) -> str:
        return story_markdown(self)


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)
