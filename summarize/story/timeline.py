"""The story's timeline: dated events in date order, resolved against each article's own date.

A sentence with a time reference ("Selasa (17/6/2025)", "April lalu", "pada tahun 2024") is an
event of that date.  Sentences of different outlets about the same date that say the same
thing (TF-IDF cosine of Indonesian content words) are one event with several outlets.  The
article's own publication date is not an event unless a sentence says something happened then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..briefing import content_tokens, tfidf, word_tokens
from ..document import TITLE_ID
from .model import StoryArticle, TimelineEvent, ref
from .timeref import time_refs

__all__ = ["timeline_of"]

_SAME_EVENT_COSINE = 0.3
_MAX_EVENTS = 40


@dataclass
class _Dated:
    iso: str
    label: str
    article: StoryArticle
    sentence_id: str
    tokens: list[str]


def _dated(articles: list[StoryArticle], dates: dict[str, date | None]) -> list[_Dated]:
    found = []
    for article in articles:
        today = dates.get(article.id)
        for s in article.result.sentences():
            if s.id == TITLE_ID:
                continue
            refs = [r for r in time_refs(s.source, today) if not r.present]
            if not refs:
                continue
            first = refs[0]  # the sentence's main time: the first one it gives
            found.append(_Dated(first.iso[:10], first.label, article, s.id, content_tokens(word_tokens(s.source))))
    return found


def timeline_of(articles: list[StoryArticle], dates: dict[str, date | None]) -> list[TimelineEvent]:
    items = _dated(articles, dates)
    if not items:
        return []
    vectors = tfidf([i.tokens for i in items])
    events: list[list[int]] = []
    for k, item in enumerate(items):
        for members in events:
            first = items[members[0]]
            if first.iso == item.iso and all(items[m].article.id != item.article.id for m in members) and max(
                    float(vectors[k] @ vectors[m]) for m in members) >= _SAME_EVENT_COSINE:
                members.append(k)
                break
        else:
            events.append([k])
    out = []
    for members in events:
        lead = items[members[0]]
        sentence = lead.article.result.sentence(lead.sentence_id)
        out.append(TimelineEvent(
            date=lead.iso, label=lead.label, text=sentence.translation if sentence else "",
            outlets=list(dict.fromkeys(items[m].article.id for m in members)),
            sources=[ref(items[m].article.id, items[m].sentence_id) for m in members]))
    out.sort(key=lambda e: (e.date, -len(e.outlets)))
    if len(out) > _MAX_EVENTS:  # keep the events most outlets report, in date order
        keep = sorted(out, key=lambda e: -len(e.outlets))[:_MAX_EVENTS]
        out = [e for e in out if e in keep]
    return out
