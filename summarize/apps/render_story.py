"""HTML of a StoryResult for the web page's Story tab: title, combined brief, the figures table
(each row opens onto the outlets' sentences, Indonesian beside English, QA flags marked),
where outlets disagree, a timeline and the sources.

Like render.py for the Translate tab, every piece of article text is HTML-escaped here, in one
place, so the web wiring never builds markup from article text.  Every element that stands for
sentences carries their references (``data-ref`` on a sentence, ``data-refs`` on a row, bullet
or event), so STORY_HEAD's script can light up everything that cites what the pointer is on.
"""

from __future__ import annotations

import html
from pathlib import PurePath

from ..checks import NOTES, explain
from ..story import Disagreement, Evidence, Figure, Story, StoryResult

__all__ = ["STORY_CSS", "STORY_HEAD", "render_story", "display_source", "figure_text"]


STORY_CSS = """
.sz-story { overflow-wrap: anywhere; }
.sz-story h2 { margin: .2rem 0 .3rem 0; }
.sz-story h3 { margin: 1.2rem 0 .4rem 0; }
.sz-story .sz-why { font-size: .8em; opacity: .7; margin: 0 0 .6rem 0; }
.sz-story .sz-tag { font-size: .75em; opacity: .75; white-space: nowrap; }
.sz-story .sz-only { font-size: .72em; border: 1px solid #c9a227; border-radius: 3px; padding: 0 3px; }
.sz-story .sz-shl { background: #fff2a8; color: #111; }
.sz-figs { border: 1px solid #8884; border-radius: 4px; }
.sz-fhead, .sz-fig > summary { display: grid; gap: .6rem; padding: .3rem .5rem;
  grid-template-columns: 1.2rem minmax(6rem, .8fr) minmax(0, 1.6fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.3fr); }
.sz-fhead { font-weight: 600; border-bottom: 1px solid #8886; }
.sz-fig > summary { cursor: pointer; list-style: none; border-top: 1px solid #8882; }
.sz-fig > summary::-webkit-details-marker { display: none; }
.sz-fig > summary::before { content: "▸"; opacity: .6; }
.sz-fig[open] > summary::before { content: "▾"; }
.sz-fig > summary:hover { background: #8881; }
.sz-ev { display: grid; grid-template-columns: minmax(6rem, .5fr) minmax(0, 1fr) minmax(0, 1fr); gap: .3rem .8rem;
  padding: .3rem .5rem .6rem 2.2rem; font-size: .9em; }
.sz-ev .sz-evh { font-weight: 600; font-size: .85em; opacity: .7; }
.sz-ref { border-radius: 3px; padding: 0 1px; }
.sz-ref.sz-flag { text-decoration: underline wavy #d9534f; }
.sz-ref.sz-note { text-decoration: underline dotted #888; }
.sz-story .sz-warn { color: #d9534f; font-size: .75em; vertical-align: super; margin-left: 1px; cursor: help; }
.sz-dis { border-collapse: collapse; width: 100%; }
.sz-dis td, .sz-dis th, .sz-sources td, .sz-sources th { text-align: left; vertical-align: top;
  padding: .3rem .5rem; border-top: 1px solid #8883; }
.sz-dis ul { margin: 0; padding-left: 1.1rem; }
.sz-sources { border-collapse: collapse; width: 100%; font-size: .9em; }
.sz-timeline { list-style: none; margin: 0; padding: 0 0 0 1.2rem; border-left: 2px solid #8886; }
.sz-timeline li { position: relative; margin: 0 0 .7rem 0; }
.sz-timeline li::before { content: ""; position: absolute; left: -1.62rem; top: .35rem; width: .7rem;
  height: .7rem; border-radius: 50%; background: #6c8ebf; }
.sz-timeline time { font-weight: 600; margin-right: .4rem; }
@media (max-width: 900px) {
  .sz-fhead { display: none; }
  .sz-fig > summary { grid-template-columns: 1.2rem minmax(0, 1fr) minmax(0, 1fr); }
  .sz-ev { grid-template-columns: minmax(0, 1fr); padding-left: .5rem; }
}
"""


# Delegated to the document, as in render.py's HEAD, so it survives Gradio re-rendering the HTML.
# Its own class (sz-shl) keeps it apart from the Translate tab's highlight and click handling.
STORY_HEAD = """
<script>
(() => {
  const refsOf = el => (el.dataset.refs || el.dataset.ref || '').split(' ').filter(Boolean);
  const mark = (el, on) => {
    const root = el.closest('.sz-story'); if (!root) return;
    refsOf(el).forEach(r => root.querySelectorAll(`[data-ref="${r}"], [data-refs~="${r}"]`)
        .forEach(x => x.classList.toggle('sz-shl', on)));
  };
  const target = e => e.target.closest && e.target.closest('.sz-story [data-ref], .sz-story [data-refs]');
  document.addEventListener('mouseover', e => { const el = target(e); if (el) mark(el, true); });
  document.addEventListener('mouseout', e => { const el = target(e); if (el) mark(el, false); });
})();
</script>
"""

_ESC = html.escape


def display_source(source: str) -> str:
    """An upload's server-side temporary path shown as its file name; labels and URLs as given."""
    if source.startswith(("<", "http://", "https://")) or ("/" not in source and "\\" not in source):
        return source
    return PurePath(source.replace("\\", "/")).name


def _outlets(story: Story, ids: list[str]) -> str:
    return ", ".join(story.outlet(i) for i in ids)


def _refs(sources: list[str]) -> str:
    return _ESC(" ".join(dict.fromkeys(sources)))


def figure_text(f: Figure) -> str:
    """The figure as the table shows it: "at least 600", "3,000-5,000 tonnes"."""
    unit = f" {f.unit}" if f.unit and f.unit not in {"Rp", "USD"} else ""
    return f"{f.text}{unit}"


def _sentence(e: Evidence, text: str) -> str:
    problems = [flag for flag in e.flags if flag not in NOTES]
    kind = " sz-flag" if problems else " sz-note" if e.flags else ""
    tip = "; ".join(explain(flag) for flag in e.flags)
    title = f' title="{_ESC(tip)}"' if tip else ""
    warn = f'<span class="sz-warn"{title}>⚠</span>' if problems else ""
    return f'<span class="sz-ref{kind}" data-ref="{_ESC(e.ref)}"{title}>{_ESC(text)}</span>{warn}'


def _evidence(f: Figure) -> str:
    cells = [('<div class="sz-evh">outlet</div><div class="sz-evh">Indonesian</div>'
              '<div class="sz-evh">English</div>')]
    for e in f.evidence:
        cells.append(f'<div>{_ESC(e.outlet)} <span class="sz-tag">{_ESC(e.ref)}</span></div>'
                     f"<div>{_sentence(e, e.source)}</div><div>{_sentence(e, e.translation)}</div>")
    return f'<div class="sz-ev">{"".join(cells)}</div>'


def _figure_row(story: Story, f: Figure) -> str:
    flagged = sum(1 for e in f.evidence if any(flag not in NOTES for flag in e.flags))
    warn = (f' <span class="sz-warn" title="{flagged} of the sentences flagged by the automatic checks">'
            f"⚠</span>" if flagged else "")
    cells = [figure_text(f), f.what, f.as_of or "–", f.according_to or "–", _outlets(story, f.outlets)]
    summary = "".join(f"<span>{_ESC(c)}{warn if k == 1 else ''}</span>" for k, c in enumerate(cells))
    return (f'<details class="sz-fig" data-refs="{_refs(f.sources)}"><summary>{summary}</summary>'
            f"{_evidence(f)}</details>")


def _figures(story: Story) -> str:
    if not story.figures:
        return "<h3>Figures</h3><p>No figures found.</p>"
    head = "".join(f"<span>{h}</span>" for h in ("", "figure", "what", "as of", "according to", "outlets"))
    rows = "".join(_figure_row(story, f) for f in story.figures)
    return (f'<h3>Figures</h3><p class="sz-why">Open a row for the sentences that state it, Indonesian '
            f'beside English; ⚠ marks sentences the automatic checks flagged.</p>'
            f'<div class="sz-figs" aria-label="Figures"><div class="sz-fhead">{head}</div>{rows}</div>')


def _disagreement_row(story: Story, d: Disagreement) -> str:
    values = []
    for v in d.values:
        when = v.as_of or "undated"
        values.append(f'<li data-refs="{_refs(v.sources)}"><b>{_ESC(v.text)}</b> '
                      f"<span class='sz-tag'>({_ESC(when)})</span>: {_ESC(_outlets(story, v.outlets))}</li>")
    refs = [s for v in d.values for s in v.sources]
    return (f'<tr class="sz-dis-row" data-refs="{_refs(refs)}"><td>{_ESC(d.what)}</td>'
            f'<td><ul>{"".join(values)}</ul></td><td>{_ESC(d.reason or "–")}</td></tr>')


def _disagreements(story: Story) -> str:
    if not story.disagreements:
        return "<h3>Where outlets disagree</h3><p>No two outlets give different values for the same count.</p>"
    rows = "".join(_disagreement_row(story, d) for d in story.disagreements)
    return ('<h3>Where outlets disagree</h3><table class="sz-dis"><thead><tr><th>what</th><th>values '
            f"(as of: outlets)</th><th>why they may differ</th></tr></thead><tbody>{rows}</tbody></table>")


def _brief(story: Story) -> str:
    items = []
    for b in story.brief:
        text = b.text
        only = ""
        if b.only and text.startswith(f"only {b.only}: "):
            text, only = text[len(f"only {b.only}: "):], f' <span class="sz-only">only {_ESC(b.only)}</span>'
        items.append(f'<li class="sz-sbullet" data-refs="{_refs(b.sources)}">{_ESC(text)}{only} '
                     f'<span class="sz-tag">({_ESC(_outlets(story, b.outlets))})</span></li>')
    return f"<h3>Brief</h3><ul>{''.join(items)}</ul>" if items else "<h3>Brief</h3><p>No brief.</p>"


def _timeline(story: Story) -> str:
    if not story.timeline:
        return "<h3>Timeline</h3><p>No dated events.</p>"
    items = "".join(
        f'<li data-refs="{_refs(e.sources)}"><time datetime="{_ESC(e.date[:10])}">{_ESC(e.date)}</time>'
        f'<span class="sz-tag">{_ESC(e.label)}</span><div>{_ESC(e.text)} '
        f'<span class="sz-tag">({_ESC(_outlets(story, e.outlets))})</span></div></li>'
        for e in story.timeline)
    return f'<h3>Timeline</h3><ol class="sz-timeline">{items}</ol>'


def _sources(story: Story) -> str:
    rows = []
    for a in story.articles:
        original = a.result.title.source if a.result.title else ""
        title = _ESC(a.title or original or "(no title)")
        if original and a.title and original != a.title:
            title += f'<div class="sz-tag">{_ESC(original)}</div>'
        rows.append(f'<tr data-refs="{_ESC(a.id)}:t"><td>{_ESC(a.outlet)}</td><td>{title}</td>'
                    f"<td>{_ESC(a.date or '–')}</td><td>{_ESC(display_source(a.source))}</td></tr>")
    return ('<h3>Sources</h3><table class="sz-sources"><thead><tr><th>outlet</th><th>title</th>'
            f'<th>date</th><th>source</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _story(story: Story) -> str:
    notes = "".join(f'<p class="sz-why">{_ESC(n)}</p>' for n in story.notes)
    return (f'<section class="sz-one-story"><h2 class="sz-story-title">{_ESC(story.title)}</h2>'
            f'<p class="sz-why">Grouped because: {_ESC("; ".join(story.grouped_because))}</p>{notes}'
            f"{_brief(story)}{_figures(story)}{_disagreements(story)}{_timeline(story)}{_sources(story)}"
            "</section>")


def render_story(result: StoryResult) -> str:
    """The whole Story tab output: one section per story, then the inputs that were not read."""
    parts = [_story(s) for s in result.stories]
    if len(result.stories) > 1:
        parts.insert(0, f'<p class="sz-why">These articles are about {len(result.stories)} different '
                        "events: one story each.</p>")
    if result.failed:
        items = "".join(f"<li><b>{_ESC(display_source(f.source))}</b>: {_ESC(f.reason)}</li>"
                        for f in result.failed)
        parts.append(f'<h3>Not read</h3><ul class="sz-failed">{items}</ul>')
    return f'<div class="sz-story">{"".join(parts)}</div>'
