"""Story: several outlets' reports of one event, merged: grouping by event, outlet names, the
figures table read on the Indonesian side, disagreements, a combined brief and a timeline.
May import briefing, checks, mt, terms, document, ingest, text, numbers, models, settings and
errors; the pipeline hands it translated Results."""

from __future__ import annotations

from .build import Translated, build_stories, build_story
from .evaluate import FigureScore, GoldFigure, parse_gold_value, row_is_stated, score_figures
from .grouping import LINK_THRESHOLD, ArticleText, group, similarity_matrix
from .inputs import MAX_STORY_ARTICLES, StoryInput, read_items, split_articles
from .mentions import Mention, according_to, mentions
from .model import (
    STORY_SCHEMA_VERSION,
    Disagreement,
    DisagreementValue,
    Evidence,
    FailedItem,
    Figure,
    Story,
    StoryArticle,
    StoryBullet,
    StoryResult,
    TimelineEvent,
)
from .outlets import outlet_name
from .timeref import TimeRef, article_date, time_refs

__all__ = [
    "Translated", "build_stories", "build_story", "LINK_THRESHOLD", "ArticleText", "group", "similarity_matrix",
    "Mention", "according_to", "mentions", "STORY_SCHEMA_VERSION", "Disagreement", "DisagreementValue",
    "Evidence", "FailedItem", "Figure", "Story", "StoryArticle", "StoryBullet", "StoryResult", "TimelineEvent",
    "outlet_name", "TimeRef", "article_date", "time_refs", "MAX_STORY_ARTICLES", "StoryInput", "read_items",
    "split_articles", "FigureScore", "GoldFigure", "parse_gold_value", "row_is_stated", "score_figures",
]
