"""What the web page shows: three aligned columns (Indonesian, English, brief), flag marks
with their reasons, status lines and messages, the page's CSS and highlight script.  All article
text is HTML-escaped here, in one place.

``web_message`` words a library error for a person at the page: the file's own name instead of
the server's temporary upload path, the page's controls instead of command-line flags, and for
a missing model what is missing and what the person running the server must do."""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..checks import NOTES, explain
from ..document import TITLE_ID, Document, Result, Sentence, sentence_id
from ..errors import ModelUnavailableError

__all__ = ["CSS", "HEAD", "flag_tip", "sentence_span", "flag_legend", "render_columns", "status_html",
           "message_html", "web_message", "web_text"]


CSS = """
.sz-cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 0.8fr); gap: 1rem; }
.sz-col, .sz-title { overflow-wrap: anywhere; }
.sz-col h3 { margin: 0 0 .5rem 0; }
.sz-col:last-child { position: sticky; top: .5rem; align-self: start; max-height: 95vh; overflow: auto; }
.sz-para { margin: 0 0 .8rem 0; line-height: 1.5; }
.sz-s { cursor: pointer; border-radius: 3px; padding: 0 1px; }
.sz-s .sz-n { font-size: .7em; opacity: .55; vertical-align: super; margin-right: 2px; }
.sz-s.sz-hover { background: #fff8d6; color: #111; }
.sz-s.sz-hl, .sz-title.sz-hl, .sz-bullet.sz-pin { background: #fff2a8; color: #111; }
.sz-view { min-height: 7rem; }
.sz-status { margin: .2rem 0 .6rem 0; font-style: italic; opacity: .8; }
.sz-message { border-left: 3px solid #d9534f; padding: .5rem .8rem; margin: 2.2rem 0 .4rem 0; }
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


# Event delegation on the document survives Gradio re-rendering the HTML component.  A click
# pins its sentences (sz-hl) until the next click; hovering lights others with its own class
# (sz-hover), so the pointer passing over sentences never takes the pinned highlight away.  While
# the page scrolls under a still pointer (the bullet's scrollIntoView, the wheel) hover is ignored.
HEAD = """
<script>
(() => {
  let scrolledAt = 0;
  const mark = (ids, cls, on) => ids.forEach(id => document.querySelectorAll(`[data-sid="${id}"]`)
      .forEach(el => el.classList.toggle(cls, on)));
  const idsOf = el => (el.dataset.sources || el.dataset.sid || '').split(' ').filter(Boolean);
  const target = e => e.target.closest && e.target.closest('.sz-s, .sz-bullet');
  document.addEventListener('scroll', () => { scrolledAt = Date.now(); }, true);
  document.addEventListener('mouseover', e => {
    const el = target(e); if (el && Date.now() - scrolledAt > 250) mark(idsOf(el), 'sz-hover', true);
  });
  document.addEventListener('mouseout', e => { const el = target(e); if (el) mark(idsOf(el), 'sz-hover', false); });
  document.addEventListener('click', e => {
    const el = target(e); if (!el) return;
    document.querySelectorAll('.sz-hl, .sz-pin').forEach(x => x.classList.remove('sz-hl', 'sz-pin'));
    mark(idsOf(el), 'sz-hl', true);
    if (!el.classList.contains('sz-bullet')) return;
    el.classList.add('sz-pin');
    const first = document.querySelector(`.sz-col [data-sid="${idsOf(el)[0]}"]`);
    if (first) { scrolledAt = Date.now(); first.scrollIntoView({block: 'center', behavior: 'smooth'}); }
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


def status_html(text: str) -> str:
    """A one-line status above the result ("Translating: 12 of 40 sentences…")."""
    return f'<p class="sz-status">{html.escape(text)}</p>'


def message_html(text: str) -> str:
    """A message in place of the result: the only thing shown after a failed run."""
    return f'<div class="sz-message" role="alert">{html.escape(text)}</div>'


_SETTINGS = "under Settings"
# Library messages name command-line flags; the page has a control for each of these.
_CONTROLS = [
    (r'translate anyway: --force-language \(CLI\), Pipeline\(translate_anyway=True\) \(Python\), or tick '
     r'"Translate anyway" \(web page\)', f"tick “Translate anyway” {_SETTINGS} and press Translate again"),
    (r"--force-language(?: \(CLI\))?", f"“Translate anyway” {_SETTINGS}"),
    (r"(?:use )?--summarizer extractive", f"choose “extractive” for Brief {_SETTINGS}"),
    (r"--summarizer(?: \w+)?", f"the Brief choice {_SETTINGS}"),
    (r"--mt-model", f"“Translation model” {_SETTINGS}"),
    (r"--beam-size(?: \d+)?", f"“Beam size” {_SETTINGS}"),
    (r"--bullets(?: \d+)?", f"“Bullets” {_SETTINGS}"),
    (r"--glossary(?: FILE)?", f"the Glossary file {_SETTINGS}"),
    (r"\(`summarize models list`\)", f"(the list {_SETTINGS} → “Translation model”)"),
    (r"`summarize models list`", f"the list {_SETTINGS} → “Translation model”"),
    (r",? or run `summarize clean FILE` to see what was removed and why", ""),
]
_CLI = re.compile(r"(?<![\w-])--[a-z][\w-]*|`summarize [^`]*`")


def _hide_paths(text: str, names: Mapping[str, str]) -> str:
    for path in sorted(names, key=len, reverse=True):
        text = text.replace(path, names[path])
    # Any other file in Gradio's upload folder (<root>/<hash>/<file name>): its name only.
    root = os.environ.get("GRADIO_TEMP_DIR") or str(Path(tempfile.gettempdir()) / "gradio")
    return re.sub(re.escape(root.rstrip("/\\")) + r"[/\\][^/\\\s]+[/\\]", "", text)


def _mapped(text: str, names: Mapping[str, str]) -> str:
    text = _hide_paths(text, names)
    for pattern, control in _CONTROLS:
        text = re.sub(pattern, control, text)
    return text.strip()


def _split_admin(text: str) -> tuple[str, str]:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(“\"`])", text)
    user = " ".join(s for s in sentences if not _CLI.search(s))
    return user, " ".join(s for s in sentences if _CLI.search(s))


def _for_admin(user: str, admin: str) -> str:
    return f"{user} For the person who runs this server: {admin}".strip() if admin else user


def web_text(text: str, names: Mapping[str, str] | None = None) -> str:
    """A library message as a web user reads it: file names, the page's controls; whatever is
    left for the command line is addressed to the person who runs the server."""
    return _for_admin(*_split_admin(_mapped(text, names or {})))


def _model_message(exc: ModelUnavailableError, text: str) -> str:
    brief = text.startswith("Summarisation model")
    kind, verb = ("summarisation model", "brief") if brief else ("translation model", "translate")
    model = exc.model or "that was chosen"
    you = (f"To brief without it, choose “extractive” for Brief {_SETTINGS}." if brief else
           f"Choose another one {_SETTINGS} → “Translation model” if this server has one, or try again later.")
    if "not downloaded" not in text:
        user, admin = _split_admin(text)
        return _for_admin(f"This page cannot {verb} with the {kind} {model}: {user} {you}", admin)
    why = ("the server works offline, so it cannot download it" if "offline" in text else
           "the server cannot reach the Hugging Face Hub to download it" if "cannot be reached" in text
           else "the server cannot download it")
    admin = re.sub(r"^.*? is not downloaded and [^.]*\.\s*", "", text)
    admin = re.sub(rf",? or choose “extractive” for Brief {_SETTINGS}", "", admin)
    admin = admin[:1].lower() + admin[1:]
    return (f"This page cannot {verb} yet: the {kind} {model} is not on this server, and {why}. {you} "
            f"The person who runs this server has to install it; then try again. "
            f"What they must do: {admin}")


def web_message(exc: BaseException, names: Mapping[str, str] | None = None) -> str:
    """The message a web user sees for a library error (``names``: server paths → file names)."""
    if isinstance(exc, ModelUnavailableError):
        return _model_message(exc, _mapped(str(exc), names or {}))
    return web_text(str(exc), names)
