"""A story as Markdown: title, brief, figures, where outlets disagree, timeline, sources."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Story, StoryResult

__all__ = ["story_markdown"]


def _md(text: str | None) -> str:
    # Article text must never be read as Markdown structure or break a table.
    text = (text or "").replace("\\", "\\\\")
    for ch in "*_`[]<>|":
        text = text.replace(ch, "\\" + ch)
    return re.sub(r"^([#+-])", r"\\\1", text.replace("\n", " "))


def _outlets(story: Story, ids: list[str]) -> str:
    return ", ".join(story.outlet(i) for i in ids)


def _one(story: Story) -> list[str]:
    out = [f"# {_md(story.title)}", ""]
    out += [f"*Grouped because: {_md('; '.join(story.grouped_because))}*", ""]
    out += [f"> {_md(note)}" for note in story.notes] + ([""] if story.notes else [])
    out += ["## Brief", ""]
    out += [f"- {_md(b.text)} ({_md(_outlets(story, b.outlets))}; {', '.join(b.sources)})" for b in story.brief]
    out += ["", "## Figures", "", "| figure | what | as of | according to | outlets | sentences |",
            "|---|---|---|---|---|---|"]
    for f in story.figures:
        flags = sorted({flag for e in f.evidence for flag in e.flags})
        mark = f" ⚠ {', '.join(flags)}" if flags else ""
        unit = f" {f.unit}" if f.unit and f.unit not in {"Rp", "USD"} else ""
        out.append(f"| {_md(f.text)}{_md(unit)} | {_md(f.what)}{mark} | {_md(f.as_of) or '-'} | "
                   f"{_md(f.according_to) or '-'} | {_md(_outlets(story, f.outlets))} | {', '.join(f.sources)} |")
    out += ["", "## Where outlets disagree", ""]
    if not story.disagreements:
        out.append("No two outlets give different values for the same count.")
    for d in story.disagreements:
        values = "; ".join(f"{_md(v.text)} ({_md(v.as_of) if v.as_of else 'undated'}: "
                           f"{_md(_outlets(story, v.outlets))}, {', '.join(v.sources)})" for v in d.values)
        out.append(f"- **{_md(d.what)}**: {values}." + (f" Why: {_md(d.reason)}." if d.reason else ""))
    out += ["", "## Timeline", ""]
    out += [f"- {e.date}: {_md(e.text)} ({_md(_outlets(story, e.outlets))}; {', '.join(e.sources)})"
            for e in story.timeline] or ["No dated events."]
    out += ["", "## Sources", "", "| id | outlet | title | date | source |", "|---|---|---|---|---|"]
    for a in story.articles:
        title = a.title or (a.result.title.source if a.result.title else "")
        out.append(f"| {a.id} | {_md(a.outlet)} | {_md(title)} | {a.date or '-'} | {_md(a.source)} |")
    return out


def story_markdown(result: StoryResult) -> str:
    parts: list[str] = []
    for k, story in enumerate(result.stories):
        if k:
            parts += ["", "---", ""]
        parts += _one(story)
    if result.failed:
        parts += ["", "## Not read", ""] + [f"- {_md(f.source)}: {_md(f.reason)}" for f in result.failed]
    return "\n".join(parts).rstrip() + "\n"
