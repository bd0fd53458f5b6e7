"""`summarize batch DIR -o OUT --stories`: after the articles are translated, group them into
stories and write one story file per group plus stories.md and stories.json.

The stories are built from the batch's own JSON outputs, so a rerun that translates nothing
(every article unchanged) still groups every article, and memory holds one Result per article
only while the stories are built.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..document import Result
from ..story import FailedItem, StoryResult, Translated, build_stories
from .writes import atomic_write

__all__ = ["STORIES_DIR", "write_stories"]

log = logging.getLogger(__name__)

STORIES_DIR = "stories"


def _load(out_dir: Path, rel: str, json_name: str) -> Translated | FailedItem:
    try:
        data = json.loads((out_dir / json_name).read_text(encoding="utf-8"))
        result = Result.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return FailedItem(rel, f"its JSON output {json_name} could not be read back ({exc})")
    return Translated(result.to_document(), result, rel)


def write_stories(out_dir: Path, settled: list[tuple[str, str]]) -> StoryResult:
    """``settled``: (input path, its JSON output) of every translated article, in input order."""
    items: list[Translated] = []
    failed: list[FailedItem] = []
    for rel, json_name in settled:
        loaded = _load(out_dir, rel, json_name)
        (failed if isinstance(loaded, FailedItem) else items).append(loaded)  # type: ignore[arg-type]
    result = build_stories(items, failed)
    folder = out_dir / STORIES_DIR
    for k, story in enumerate(result.stories, 1):
        one = StoryResult(stories=[story])
        atomic_write(folder / f"story-{k:03d}.md", one.to_markdown())
        atomic_write(folder / f"story-{k:03d}.json", json.dumps(one.to_dict(), ensure_ascii=False, indent=2))
    atomic_write(out_dir / "stories.md", result.to_markdown())
    atomic_write(out_dir / "stories.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    log.info("wrote %d stories", len(result.stories))
    return result
