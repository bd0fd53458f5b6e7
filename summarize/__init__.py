"""summarize: Indonesian → English news translation with a grounded bullet brief.

The public API lives here and nowhere else; the CLI, the Gradio app and the tests use only
these names.  Importing the package is cheap: torch and transformers load on first use.

Note that ``summarize.translate``, ``summarize.brief`` and ``summarize.batch`` are the
convenience *functions* below; the modules of the same names are reached with
``from summarize.translate import ...`` (they are imported before the functions are defined, so
the functions keep the names).
"""

from __future__ import annotations

from typing import Any

from . import batch as _batch_module
from .brief import key_sentences
from .document import Bullet, Document, Result, Sentence
from .errors import InputError, ModelUnavailableError, SummarizeError
from .pipeline import Pipeline, ProgressEvent
from .segment import split_sentences
from .tables import translate_dataset

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
    "SummarizeError",
    "InputError",
    "ModelUnavailableError",
]

__version__ = "0.1.0"


def translate(text: str | Document, **pipeline_options: Any) -> str:
    """English translation of an article, paragraphs separated by blank lines."""
    pipeline_options.setdefault("summarizer", "extractive")
    pipeline_options.pop("bullets", None)  # no brief is returned, so its length is moot
    return Pipeline(**pipeline_options).run(text, bullets=1).translation_text()


def brief(text: str | Document, bullets: int = 5, **pipeline_options: Any) -> list[str]:
    """The bullet brief of an article, in English."""
    return [b.text for b in Pipeline(**pipeline_options).run(text, bullets=bullets).brief]


def batch(in_dir: Any, out_dir: Any, **options: Any) -> Any:
    """Translate and brief a folder of articles; yields one outcome per input file."""
    return _batch_module.batch(in_dir, out_dir, **options)
