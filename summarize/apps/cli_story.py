"""`summarize story FILE|URL|DIR|- ...`: several outlets' articles → one story per event.

An item may be named: ``Medcom=article.txt`` shows the article as "Medcom" (when its page does
not say which outlet it is).  ``-`` reads standard input: articles separated by a line holding
only ``---``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..story import StoryResult, split_articles
from .cli_common import EXIT_FAILED, EXIT_OK, make_pipeline, write_out
from .render_story import STORY_CSS, STORY_HEAD, render_story

__all__ = ["cmd_story", "story_items", "story_page"]

_NAMED = re.compile(r"^(?P<name>[^=/\\\\:]{1,60})=(?P<item>.+)$")


def story_items(sources: list[str]) -> list[tuple[str | None, Any]]:
    """(outlet name or None, item) for each command-line source, stdin split on ``---``."""
    items: list[tuple[str | None, Any]] = []
    for source in sources:
        named = _NAMED.match(source)
        name, item = (named.group("name").strip(), named.group("item")) if named else (None, source)
        if item == "-":
            if sys.stdin is None:
                raise InputError("No standard input to read. Pipe articles in (separated by --- lines).")
            items.extend((name, text) for text in split_articles(sys.stdin.read()))
        else:
            items.append((name, Path(item) if not item.startswith(("http://", "https://")) else item))
    return items


def _progress(event: Any) -> None:
    if event.stage == "article" and sys.stderr.isatty():
        sys.stderr.write(f"\rtranslating article {event.done + 1} of {event.total}: {event.source[:60]:<60}")
        sys.stderr.flush()
    elif event.stage == "story" and sys.stderr.isatty():
        sys.stderr.write("\rbuilding the stories" + " " * 70 + "\n")


def story_page(result: StoryResult) -> str:
    """A standalone HTML page of the stories (the web page's Story view, without the app)."""
    title = html.escape(result.stories[0].title if result.stories else "Stories")
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<style>body {{ font-family: system-ui, sans-serif; max-width: 75rem; margin: 1rem auto; "
            f"padding: 0 1rem; }}{STORY_CSS}</style>{STORY_HEAD}</head><body>{render_story(result)}</body></html>")


def _render(result: StoryResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "html":
        return story_page(result)
    return result.to_markdown()


def cmd_story(args: argparse.Namespace) -> int:
    pipe = make_pipeline(args, summarizer="extractive")
    result = None
    for event in pipe.story_stream(story_items(args.sources), grouped=not args.no_group):
        _progress(event)
        result = event.story or result
    assert result is not None
    text = _render(result, args.format)
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        print(f"story: {len(result.stories)} stories from {sum(len(s.articles) for s in result.stories)} "
              f"articles written to {args.output}", file=sys.stderr)
    else:
        write_out(sys.stdout, text)
    for failed in result.failed:
        print(f"failed: {failed.source}: {failed.reason}", file=sys.stderr)
    return EXIT_FAILED if result.failed else EXIT_OK
