"""The disagreement charts of a story: the points (for the page's interactive plot) and the same
chart as a PNG (for the Markdown download), value against the date the figure refers to, one
labelled mark per outlet.

matplotlib is imported inside ``chart_png`` only, with its non-interactive Agg canvas and no
pyplot (no global figure state, safe in the web server's worker threads).
"""

from __future__ import annotations

import re
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..story import Disagreement, Story, StoryResult

__all__ = ["chart_rows", "chart_png", "write_chart_pngs", "markdown_with_charts"]

_MARKERS = "osD^vP*Xph"
_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]


def _day(iso: str | None) -> date | None:
    found = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not found:
        return None
    year, month, day = (int(g) if g else 1 for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def chart_rows(story: Story, d: Disagreement) -> list[dict[str, Any]]:
    """One point per value and outlet: the date the figure refers to (the outlet's article date
    when the figure gives none), the value, the outlet."""
    dates = {a.id: a.date for a in story.articles}
    rows = []
    for v in d.values:
        for outlet in v.outlets:
            when = _day(v.as_of_iso) or _day(dates.get(outlet))
            if when is None:
                continue
            rows.append({"as of": when, "value": v.value, "outlet": story.outlet(outlet), "figure": v.text,
                         "date given": v.as_of or f"undated (article of {dates.get(outlet)})"})
    return rows


def _spread(rows: list[dict[str, Any]]) -> list[date]:
    """Outlets that give the same value for the same date sit side by side, a few days apart,
    so every outlet's mark is seen."""
    span = max((max(r["as of"] for r in rows) - min(r["as of"] for r in rows)).days, 60)
    step = max(1, span // 40)
    seen: dict[tuple[date, float], int] = {}
    groups: dict[tuple[date, float], int] = {}
    for r in rows:
        groups[(r["as of"], r["value"])] = groups.get((r["as of"], r["value"]), 0) + 1
    out = []
    for r in rows:
        key = (r["as of"], r["value"])
        k = seen[key] = seen.get(key, -1) + 1
        out.append(r["as of"] + timedelta(days=round((k - (groups[key] - 1) / 2) * step)))
    return out


def _groups(rows: list[dict[str, Any]]) -> dict[tuple[date, float], list[dict[str, Any]]]:
    groups: dict[tuple[date, float], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["as of"], r["value"]), []).append(r)
    return groups


def _draw(ax: Any, rows: list[dict[str, Any]]) -> None:
    """One mark per outlet (its own colour and shape, named in the legend; hollow when the
    figure is undated), one label per point: the figure and the outlets that give it."""
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    labelled: set[str] = set()
    for r, x in zip(rows, _spread(rows)):
        k = outlets.index(r["outlet"])
        colour = _COLOURS[k % len(_COLOURS)]
        hollow = r["date given"].startswith("undated")
        ax.scatter([x], [r["value"]], s=60, marker=_MARKERS[k % len(_MARKERS)], zorder=3,
                   facecolors="white" if hollow else colour, edgecolors=colour, linewidths=1.5,
                   label=None if r["outlet"] in labelled else r["outlet"])
        labelled.add(r["outlet"])
    for (when, value), group in _groups(rows).items():
        names = textwrap.fill(", ".join(dict.fromkeys(r["outlet"] for r in group)), 38)
        ax.annotate(f"{group[0]['figure']}\n{names}", (when, value), xytext=(0, 10), ha="center",
                    textcoords="offset points", fontsize=7.5, va="bottom")


def chart_png(story: Story, d: Disagreement, path: Path) -> Path | None:
    """The disagreement's chart as a PNG at ``path``; None when no value can be dated."""
    rows = chart_rows(story, d)
    if not rows:
        return None
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import StrMethodFormatter

    fig = Figure(figsize=(8, 4), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    _draw(ax, rows)
    ax.set_ylim(0, max(r["value"] for r in rows) * 1.35 or 1.0)  # from zero: gaps at their true size
    low, high = min(r["as of"] for r in rows), max(r["as of"] for r in rows)
    pad = timedelta(days=max(30, (high - low).days // 4))
    ax.set_xlim(low - pad, high + pad)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_title(d.what, fontsize=11)
    ax.set_xlabel("date the figure refers to (hollow mark: undated, placed at the article's date)", fontsize=8)
    ax.set_ylabel("value", fontsize=8)
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="outlet",
              title_fontsize=8)
    fig.savefig(path, format="png", bbox_inches="tight")
    return path


def write_chart_pngs(result: StoryResult, folder: Path) -> list[list[tuple[Path, str]]]:
    """Every disagreement's chart as ``chart-S-D.png`` in ``folder``: per story, (file, what it
    shows) in the order of its disagreements (one without a datable value has none)."""
    charts = []
    for s, story in enumerate(result.stories, start=1):
        made = [(chart_png(story, d, folder / f"chart-{s}-{k}.png"), d.what)
                for k, d in enumerate(story.disagreements, start=1)]
        charts.append([(path, what) for path, what in made if path is not None])
    return charts


def _alt(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", text.replace("\n", " "))


def markdown_with_charts(result: StoryResult, charts: list[list[tuple[Path, str]]]) -> str:
    """The story's Markdown with each story's charts after its "Where outlets disagree" list,
    referenced by file name (the PNGs sit beside the Markdown file)."""
    out: list[str] = []
    story = 0
    for line in result.to_markdown().split("\n"):
        if line == "## Timeline" and story < len(charts):  # the section after the disagreements
            for path, what in charts[story]:
                out += [f"![Chart: {_alt(what)}]({path.name})", ""]
            story += 1
        out.append(line)
    return "\n".join(out)
