"""From translated articles to stories: group, name the outlets, then figures, disagreements,
combined brief and timeline per story.  Nothing here translates: the pipeline hands in Results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..document import Document, Result
from .combined import combined_brief
from .figures import disagreements_of, figures_of, story_mentions
from .grouping import ArticleText, group, shared_reasons
from .model import FailedItem, Story, StoryArticle, StoryResult
from .outlets import outlet_name, unique_names
from .timeline import timeline_of
from .timeref import article_date

__all__ = ["Translated", "build_stories", "build_story"]


@dataclass
class Translated:
    """An article the pipeline has read and translated."""

    doc: Document
    result: Result
    source: str
    outlet: str | None = None  # a name the caller gave ("Medcom=004.txt")


def _articles(items: list[Translated]) -> tuple[list[StoryArticle], dict[str, date | None]]:
    names = unique_names([item.outlet or outlet_name(item.doc.meta, item.source) for item in items])
    articles, dates = [], {}
    for k, (item, name) in enumerate(zip(items, names)):
        day = article_date(item.doc.meta.get("date"), item.doc.paragraphs)
        article_id = f"a{k}"
        dates[article_id] = day
        title = item.result.title.translation if item.result.title else None
        articles.append(StoryArticle(article_id, name, item.source, item.result, title,
                                     day.isoformat() if day else None))
    return articles, dates


def _title(story_articles: list[StoryArticle], texts: list[ArticleText]) -> str:
    titled = [a for a in story_articles if a.title]
    if not titled:
        first = story_articles[0].result
        return next((s.translation for s in first.sentences() if s.translation), "Untitled story")
    # The title closest to the others' words names the shared event best.
    words = [set(t.text.lower().split()) for t in texts]
    def centrality(a: StoryArticle) -> float:
        own = set((a.result.title.source if a.result.title else "").lower().split())
        return sum(len(own & w) / (len(own) or 1) for w in words)
    return max(titled, key=centrality).title or "Untitled story"


def build_story(story_articles: list[StoryArticle], dates: dict[str, date | None], reasons: list[str]) -> Story:
    located = story_mentions(story_articles, dates)
    rows = figures_of(located, dates)
    names = {a.id: a.outlet for a in story_articles}
    article_dates = {a.id: a.date for a in story_articles}
    texts = [ArticleText(a.result.title.source if a.result.title else None,
                         " ".join(s.source for s in a.result.sentences())) for a in story_articles]
    story = Story(title=_title(story_articles, texts), grouped_because=reasons, articles=story_articles,
                  figures=rows, disagreements=disagreements_of(rows, names, article_dates),
                  timeline=timeline_of(story_articles, dates))
    story.brief = combined_brief(story_articles, rows)
    if len(story_articles) == 1:
        story.notes.append("Only one article reports this story: nothing to compare it with.")
    return story


def build_stories(items: list[Translated], failed: list[FailedItem] | None = None, *, grouped: bool = True
                  ) -> StoryResult:
    """One story per group of articles about the same event (all in one story if not ``grouped``)."""
    articles, dates = _articles(items)
    texts = [ArticleText(i.doc.title, i.doc.to_text()) for i in items]
    groups = group(texts) if grouped else [list(range(len(items)))] if items else []
    stories = []
    for members in groups:
        chosen = [articles[i] for i in members]
        reasons = shared_reasons(texts, members) if grouped else ["grouped by the caller"]
        stories.append(build_story(chosen, {a.id: dates[a.id] for a in chosen}, reasons))
    return StoryResult(stories=stories, failed=list(failed or []))
