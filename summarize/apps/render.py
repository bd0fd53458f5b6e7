"""HTML of a result for the web page: three aligned columns (Indonesian, English, brief),
flag marks with their reasons, the page's CSS and highlight script.  All article text is
HTML-escaped here, in one place."""

from __future__ import annotations

import html

from ..checks import NOTES, explain
from ..document import TITLE_ID, Document, Result, Sentence, sentence_id

__all__ = ["CSS", "HEAD", "flag_tip", "sentence_span", "flag_legend", "render_columns"]


CSS = """
.sz-cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 0.8fr); gap: 1rem; }
.sz-col, .sz-title { overflow-wrap: anywhere; }
.sz-col h3 { margin: 0 0 .5rem 0; }
.sz-col:last-child { position: sticky; top: .5rem; align-self: start; max-height: 95vh; overflow: auto; }
.sz-para { margin: 0 0 .8rem 0; line-height: 1.5; }
.sz-s { cursor: pointer; border-radius: 3px; padding: 0 1px; }
.sz-s .sz-n { font-size: .7em; opacity: .55; vertical-align: super; margin-right: 2px; }
.sz-s.sz-hl, .sz-bullet.sz-hl { background: #fff2a8; color: #111; }
.sz-s.sz-flag { text-decoration: underline wavy #d9534f; }
.sz-s.sz-note { text-decoration: underline dotted #888; }
.sz-warn { color: #d9534f; font-size: .75em; vertical-align: super; margin-left: 1px; cursor: help; }
.sz-flags { border-left: 3px solid #d9534f; padding: .2rem .6rem; margin: 0 0 .8rem 0; font-size: .85em; }
.sz-pending { opacity: .45; font-style: italic; }
.sz-bullet { cursor: pointer; margin-bottom: .6rem; }
.sz-src { font-size: .75em; opacity: .7; }
.sz-title { font-size: 1.3em; font-weight: 600; }
@media (max-width: 900px) {
  .sz-cols { grid-template-columns: minmax(0, 1fr); }
  .sz-col:last-child { position: static; max-height: none; }
}
"""


# Event delegation on the document survives Gradio re-rendering the HTML component.
HEAD = """
<script>
(() => {
  const mark = (ids, on) => ids.forEach(id => document.querySelectorAll(`[data-sid="${id}"]`)
      .forEach(el => el.classList.toggle('sz-hl', on)));
  const idsOf = el => (el.dataset.sources || el.dataset.sid || '').split(' ').filter(Boolean);
  document.addEventListener('mouseover', e => {
    const el = e.target.closest('.sz-s, .sz-bullet'); if (el) mark(idsOf(el), true);
  });
  document.addEventListener('mouseout', e => {
    const el = e.target.closest('.sz-s, .sz-bullet'); if (el) mark(idsOf(el), false);
  });
  document.addEventListener('click', e => {
    const el = e.target.closest('.sz-s, .sz-bullet'); if (!el) return;
    document.querySelectorAll('.sz-hl').forEach(x => x.classList.remove('sz-hl'));
    mark(idsOf(el), true);
    const first = document.querySelector(`.sz-col [data-sid="${idsOf(el)[0]}"]`);
    if (first && el.classList.contains('sz-bullet')) first.scrollIntoView({block: 'center', behavior: 'smooth'});
  });
})();
</script>
"""


def flag_tip(s: Sentence, details: dict[str, list[dict[str, str]]] | None = None) -> str:
    """Why a sentence is flagged, in words: the tooltip of the sentence and of its ⚠."""
    found = {d.get("flag"): d.get("detail") for d in (details or {}).get(s.id, [])}
    return "; ".join(f"{explain(f)}" + (f" ({found[f]})" if found.get(f) else "") for f in s.flags)


def sentence_span(s: Sentence, text: str, number: int, tip_text: str = "", warn: bool = False) -> str:
    problems = [f for f in s.flags if f not in NOTES]
    flags = " sz-flag" if problems else " sz-note" if s.flags else ""
    tip_text = tip_text or (flag_tip(s) if s.flags else "")
    tip = f' title="{html.escape(tip_text)}"' if s.flags else ""
    marker = f'<span class="sz-warn"{tip}>⚠</span>' if warn and problems else ""
    return (f'<span class="sz-s{flags}" data-sid="{s.id}"{tip}><span class="sz-n">{number}</span>'
            f"{html.escape(text)}{marker}</span>")


def flag_legend(flagged: list[Sentence]) -> str:
    # Notes ("already English in the original") are not problems: no warning for them.
    flagged = [s for s in flagged if any(f not in NOTES for f in s.flags)]
    if not flagged:
        return ""
    kinds = dict.fromkeys(f for s in flagged for f in s.flags if f not in NOTES)
    items = "".join(f"<li><b>{html.escape(k.replace('_', ' '))}</b>: {html.escape(explain(k))}</li>"
                    for k in kinds)
    n = len(flagged)
    return (f'<div class="sz-flags">⚠ {n} sentence{"s" if n != 1 else ""} flagged by the automatic '
            f"checks (wavy underline; hover for why). Compare with the original:<ul>{items}</ul></div>")


def render_columns(
    doc: Document, sentences: dict[str, Sentence], result: Result | None = None
) -> str:
    """The three columns as HTML; sentences not translated yet are shown as pending."""
    numbers = {sid: k + 1 for k, (sid, _) in enumerate(doc.sentences())}
    details = ((result.meta.get("qa") or {}).get("details") if result is not None else None) or {}
    source_col, target_col = [], []
    for i, paragraph in enumerate(doc.paragraphs):
        src, tgt = [], []
        for j, _ in enumerate(paragraph):
            s = sentences[sentence_id(i, j)]
            tip = flag_tip(s, details) if s.flags else ""
            src.append(sentence_span(s, s.source, numbers[s.id], tip))
            if s.translation:
                tgt.append(sentence_span(s, s.translation, numbers[s.id], tip, warn=True))
            else:
                tgt.append(f'<span class="sz-s sz-pending" data-sid="{s.id}">…</span>')
        source_col.append(f'<p class="sz-para">{" ".join(src)}</p>')
        target_col.append(f'<p class="sz-para">{" ".join(tgt)}</p>')
    if result is None:
        brief = '<p class="sz-pending">The brief appears when the translation is complete.</p>'
    else:
        items = []
        for b in result.brief:
            refs = ", ".join(f"#{numbers.get(s, s)}" for s in b.sources)
            items.append(f'<li class="sz-bullet" data-sources="{" ".join(b.sources)}">'
                         f'{html.escape(b.text)} <span class="sz-src">({refs})</span></li>')
        used = (result.meta.get("summarizer") or {}).get("used", "")
        brief = f'<p class="sz-src">{html.escape(used)} brief</p><ul>{"".join(items)}</ul>'
    title = ""
    if doc.title:
        t = sentences[TITLE_ID]
        english = html.escape(t.translation) if t.translation else "…"
        if t.flags and t.translation:
            tip = html.escape(flag_tip(t, details))
            english += f'<span class="sz-warn" title="{tip}">⚠</span>'
        title = (f'<div class="sz-title" data-sid="t">{english}</div>'
                 f'<div class="sz-src">{html.escape(t.source)}</div>')
    legend = flag_legend([s for s in sentences.values() if s.flags and s.translation])
    return (f"{title}<div class='sz-cols'>"
            f"<div class='sz-col'><h3>Indonesian</h3>{''.join(source_col)}</div>"
            f"<div class='sz-col'><h3>English</h3>{legend}{''.join(target_col)}</div>"
            f"<div class='sz-col'><h3>Brief</h3>{brief}</div></div>")
