"""The figures table: every quantity the articles state, merged across outlets, and where the
outlets disagree.

Two mentions state the same fact when they have the same value and unit and their counted
noun, event, scope and time do not conflict ("5.000 pasukan konstruksi" and "5 ribu tentara";
"600 tentara tewas" and "600 kematian").  Rows with the same counted noun, event and scope but
different values are a disagreement, with the reason when the times or sources differ; counts
of different things (another noun, event or scope) are separate rows, never a disagreement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from ..document import TITLE_ID
from ..numbers import value_key
from .lexicon import GENERIC_HEADS, PERSON_CLASSES

_DURATIONS = frozenset({"day", "week", "month", "year", "hour", "minute", "second"})
from .mentions import Mention, mentions
from .model import Disagreement, DisagreementValue, Evidence, Figure, StoryArticle, ref

__all__ = ["Located", "story_mentions", "figures_of", "disagreements_of"]


@dataclass
class Located:
    """A mention and the article sentence it comes from."""

    mention: Mention
    article: StoryArticle
    sentence_id: str
    order: int

    @property
    def ref(self) -> str:
        return ref(self.article.id, self.sentence_id)


def story_mentions(articles: list[StoryArticle], dates: dict[str, date | None]) -> list[Located]:
    """Every quantity of every article's title and body (removed boilerplate is not read)."""
    found: list[Located] = []
    for article in articles:
        result = article.result
        units = ([result.title] if result.title else []) + result.sentences()
        for sentence in units:
            for m in mentions(sentence.source, dates.get(article.id)):
                if m.head is None and m.unit is None and m.event is None:
                    continue  # a bare number: nothing says what it counts
                found.append(Located(m, article, sentence.id, len(found)))
    return found


def _heads_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    generic = {a, b} & GENERIC_HEADS
    return bool(generic) and {a, b} <= PERSON_CLASSES | GENERIC_HEADS


def _specific(value: float) -> bool:
    """193.7 trillion or 4,700 is one report copied; 10,000 may be two different counts."""
    digits = f"{value:.6g}".replace(".", "").lstrip("0").rstrip("0")
    return len(digits) >= 3


def _times_agree(a: Mention, b: Mention) -> bool:
    if a.as_of is None or b.as_of is None or a.unit in _DURATIONS or a.unit == "years":
        return True
    n = min(len(a.as_of.iso), len(b.as_of.iso), 7)  # a day and its month agree
    return a.as_of.iso[:n] == b.as_of.iso[:n]


def _same_fact(a: Mention, b: Mention) -> bool:
    if (value_key(a.value), a.value_max and value_key(a.value_max), a.unit) != (
            value_key(b.value), b.value_max and value_key(b.value_max), b.unit):
        return False
    if not _heads_agree(a.head, b.head):
        return False
    if a.event and b.event and a.event != b.event:
        return False
    if not (a.scope <= b.scope or b.scope <= a.scope):
        return False
    if a.head is None and b.head is None and not (a.event and a.event == b.event) and not a.unit:
        return False
    # The same exact, unusual amount is one figure even when outlets tie it to different times
    # (that is a disagreement about its period, reported as such).
    return _specific(a.value) or _times_agree(a, b)


def _fit(cluster: list[Located], item: Located, today: str | None) -> int:
    """How well a mention fits a cluster (-1: it conflicts with a member)."""
    if not all(_same_fact(member.mention, item.mention) for member in cluster):
        return -1
    score = sum(1 for m in cluster if m.mention.head == item.mention.head and m.mention.head)
    score += sum(1 for m in cluster if m.mention.event == item.mention.event and m.mention.event)
    # An undated statement speaks of the article's own time: prefer rows of that time.
    if item.mention.as_of is None and today:
        score += sum(2 for m in cluster if m.mention.as_of and m.mention.as_of.iso[:7] == today[:7])
    return score


def _clusters(items: list[Located], dates: dict[str, date | None]) -> list[list[Located]]:
    # Most specific first, so an undated or generic mention joins the row it fits best.
    ranked = sorted(items, key=lambda x: (-(x.mention.as_of is not None), -(x.mention.head not in GENERIC_HEADS
                                                                              and x.mention.head is not None),
                                          -len(x.mention.scope), x.order))
    clusters: list[list[Located]] = []
    for item in ranked:
        today = dates.get(item.article.id)
        scores = [_fit(c, item, today.isoformat() if today else None) for c in clusters]
        best = max(range(len(clusters)), key=lambda i: scores[i], default=None)
        if best is not None and scores[best] >= 0:
            clusters[best].append(item)
        else:
            clusters.append([item])
    return clusters


def _most_specific(cluster: list[Located]) -> Mention:
    def weight(m: Mention) -> tuple[int, int, int, int]:
        return (m.head is not None and m.head not in GENERIC_HEADS, m.event is not None, len(m.scope),
                len(m.adjectives))
    return max((c.mention for c in cluster), key=weight)


def _figure(cluster: list[Located]) -> Figure:
    cluster.sort(key=lambda c: c.order)
    best = _most_specific(cluster)
    times = Counter(c.mention.as_of.iso for c in cluster if c.mention.as_of)
    as_of_iso = times.most_common(1)[0][0] if times else None
    label = next((c.mention.as_of.label for c in cluster if c.mention.as_of and c.mention.as_of.iso == as_of_iso), None)
    qualifier = Counter(c.mention.qualifier for c in cluster).most_common(1)[0][0]
    who = next((c.mention.according_to for c in cluster if c.mention.according_to), None)
    outlets = list(dict.fromkeys(c.article.id for c in cluster))
    refs = list(dict.fromkeys(c.ref for c in cluster))
    evidence = []
    for c in cluster:
        if c.ref in {e.ref for e in evidence}:
            continue
        s = c.article.result.title if c.sentence_id == TITLE_ID else c.article.result.sentence(c.sentence_id)
        if s is not None:
            evidence.append(Evidence(c.ref, c.article.outlet, s.source, s.translation, list(s.flags)))
    heads = [c.mention.head for c in cluster if c.mention.head and c.mention.head not in GENERIC_HEADS] or [
        "people" for c in cluster if c.mention.head in GENERIC_HEADS and c.mention.head != "units"]
    events = [c.mention.event for c in cluster if c.mention.event]
    scope = frozenset().union(*(c.mention.scope for c in cluster))
    best = replace(best, scope=scope)  # "near the border" from one outlet describes the row
    periods: dict[str, list[str]] = {}
    for c in cluster:
        if c.mention.as_of is not None:
            periods.setdefault(c.mention.as_of.label, []).append(c.article.id)
    return Figure(
        periods={k: list(dict.fromkeys(v)) for k, v in periods.items()},
        value=best.value, value_max=best.value_max, text=f"{qualifier} {best.english}".strip(), unit=best.unit,
        what=best.what(), as_of=label, according_to=who, outlets=outlets, sources=refs, evidence=evidence,
        as_of_iso=as_of_iso,
        concept=(Counter(heads).most_common(1)[0][0] if heads else None,
                 Counter(events).most_common(1)[0][0] if events else None, scope),
    )


def figures_of(located: list[Located], dates: dict[str, date | None]) -> list[Figure]:
    """Rows of the figures table: most outlets first, then in the order the articles state them."""
    rows = [_figure(c) for c in _clusters(located, dates)]
    first = {id(r): min(_order(r, located)) for r in rows}
    return sorted(rows, key=lambda r: (-len(r.outlets), first[id(r)]))


def _order(row: Figure, located: list[Located]) -> list[int]:
    refs = set(row.sources)
    return [x.order for x in located if x.ref in refs] or [0]


def disagreements_of(rows: list[Figure], outlet_names: dict[str, str], article_dates: dict[str, str | None]
                     ) -> list[Disagreement]:
    """Counts of the same thing with different values, never counts of different things."""
    groups: dict[tuple[str | None, str | None, frozenset[str], str | None], list[Figure]] = {}
    for row in rows:
        head, event, scope = row.concept
        if head is None or event is None:
            continue  # without both a counted noun and an event, "the same thing" is a guess
        groups.setdefault((head, event, scope, row.unit), []).append(row)
    found = [d for d in (_period_conflict(r, outlet_names) for r in rows) if d is not None]
    for group in groups.values():
        if len({(value_key(r.value), r.value_max) for r in group}) < 2:
            continue
        group.sort(key=lambda r: (r.as_of_iso or "9999", r.value))
        values = [DisagreementValue(r.value, r.text, r.outlets, r.sources, r.as_of, r.as_of_iso, r.value_max)
                  for r in group]
        found.append(Disagreement(what=_shared_what(group), values=values,
                                  reason=_reason(group, outlet_names, article_dates)))
    return found


def _shared_what(group: list[Figure]) -> str:
    """The label of the most widely reported row: the one a reader knows the count by."""
    return max(group, key=lambda r: (len(r.outlets), -len(r.what))).what


def _reason(group: list[Figure], outlet_names: dict[str, str], article_dates: dict[str, str | None]) -> str:
    """Why the values differ, when the articles say: their dates, or who gives them."""
    def who(row: Figure) -> str:
        return ", ".join(outlet_names.get(o, o) for o in row.outlets)

    times = [r.as_of_iso for r in group]
    if all(times) and len(set(times)) == len(times):
        parts = [f"{r.text} {r.as_of} ({who(r)})" for r in group]
        return "different dates: " + " vs ".join(parts)
    if all(times) and len(set(times)) < len(times):
        return "unexplained: the outlets give different values for the same time"
    sources = [r.according_to for r in group]
    if all(sources) and len(set(sources)) == len(sources):
        return "different sources: " + " vs ".join(f"{r.text} according to {r.according_to}" for r in group)
    undated = [r for r in group if not r.as_of_iso]
    parts = []
    for r in group:
        when = r.as_of or "undated, reported " + ", ".join(
            article_dates.get(o) or "on an unknown date" for o in r.outlets)
        parts.append(f"{r.text} ({when}; {who(r)})")
    prefix = "possibly different dates" if undated and len(undated) < len(group) else "unexplained"
    return f"{prefix}: " + " vs ".join(parts)


def _period_conflict(row: Figure, outlet_names: dict[str, str]) -> Disagreement | None:
    """One figure that outlets tie to different times ("Rp193.7 trillion" in 2023 vs in 2018)."""
    years = {label[-4:] for label in row.periods if label[-4:].isdigit()}
    if len(row.periods) < 2 or len(years) < 2:
        return None
    values = []
    for label, outlets in row.periods.items():
        refs = [s for s in row.sources if s.partition(":")[0] in outlets]
        values.append(DisagreementValue(row.value, row.text, outlets, refs, label, None, row.value_max))
    names = "; ".join(f"{label} ({', '.join(outlet_names.get(o, o) for o in outlets)})"
                      for label, outlets in row.periods.items())
    return Disagreement(what=f"the time {row.text} {row.what} refers to", values=values,
                        reason=f"the outlets tie the same figure to different times: {names}")
