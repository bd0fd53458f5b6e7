"""summarize: Indonesian → English news translation with a grounded bullet brief.

The public API lives here and nowhere else; the CLI, the Gradio app and the tests use only
these names (or a subpackage's public names).  Importing the package is cheap and has no side
effects: torch, transformers, ctranslate2 and gradio load on first use, and settings are read
when used.  ``summarize.translate``, ``summarize.brief`` and ``summarize.batch`` are the
convenience functions below.
"""

from __future__ import annotations

from typing import Any

from .briefing import key_sentences
from .document import Bullet, Document, Result, Sentence
from .errors import InputError, ModelUnavailableError, SummarizeError
from .jobs import translate_dataset, translate_ray
from .jobs import batch as _batch
from .pipeline import Pipeline, ProgressEvent
from .settings import VERSION
from .story import StoryResult
from .text import split_sentences

__all__ = [
    "Document",
    "Sentence",
    "Bullet",
    "Result",
    "Pipeline",
    "ProgressEvent",
    "split_sentences",
    "key_sentences",
    "translate",
    "brief",
    "batch",
    "translate_dataset",
    "translate_ray",
    "story",
    "StoryResult",
    "SummarizeError",
    "InputError",
    "ModelUnavailableError",
]

__version__ = VERSION


def translate(text: str | Document, **pipeline_options: Any) -> str:
    """English translation of an article, paragraphs separated by blank lines."""
    pipeline_options.setdefault("summarizer", "extractive")
    pipeline_options.pop("bullets", None)  # no brief is returned, so its length is moot
    return Pipeline(**pipeline_options).run(text, bullets=1).translation_text()


def brief(text: str | Document, bullets: int = 5, **pipeline_options: Any) -> list[str]:
    """The bullet brief of an article, in English."""
    return [b.text for b in Pipeline(**pipeline_options).run(text, bullets=bullets).brief]


def batch(in_dir: Any, out_dir: Any, **options: Any) -> Any:
    """Translate and brief a folder of articles; yields one FileOutcome per input file."""
    return _batch(in_dir, out_dir, **options)


def story(items: Any, *, grouped: bool = True, **pipeline_options: Any) -> StoryResult:
    """Several outlets' articles → stories: figures with their outlets, disagreements, a
    combined brief and a timeline.  ``items``: paths, a folder, URLs, texts, Documents, or
    ``{outlet name: item}``."""
    pipeline_options.setdefault("summarizer", "extractive")
    return Pipeline(**pipeline_options).story(items, grouped=grouped)
