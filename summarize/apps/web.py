"""Gradio page: paste, upload or fetch an article; read original, English and brief side by side
(the Translate tab), or merge several outlets' articles about one event (the Story tab,
web_story.py).

The Translate tab is a thin shell over ``Pipeline.stream``: translation appears as batches finish
(then the re-check of flagged sentences, with its own progress), one translation runs at a time
per process (others queue and see their position), library errors become on-page messages
worded for a web user (render.web_message), and Stop really stops: the work runs in a worker
thread while the event's generator stays closable (web_worker.run_in_worker), and the pipeline
polls the cancellation between batches.  A failed or stopped run leaves nothing of the previous
article on the page.  All article text is HTML-escaped.
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePath
from typing import Any

from .. import settings
from ..document import Document, Result, Sentence
from ..errors import InputError, SummarizeError
from ..ingest import SUPPORTED_SUFFIXES, looks_like_html
from ..models import default_model, load_registry, reporting_downloads
from ..pipeline import MAX_BULLETS, Pipeline, ProgressEvent
from ..story import outlet_name
from .render import CSS, HEAD, message_html, render_columns, status_html, web_message
from .render_story import STORY_CSS, STORY_HEAD
from .web_story import build_story_tab
from .web_worker import download_status, gradio_cancel_check, run_in_worker

__all__ = ["build_app", "launch", "launch_options", "read_input", "sample_label", "MAX_UPLOAD_BYTES"]

log = logging.getLogger(__name__)


MAX_UPLOAD_BYTES = 10 * 1024 * 1024


_QUEUE_SIZE = 32


_WAITING = ("Waiting for the translator: this server translates one article at a time, so yours "
            "starts when the one before it is done (your place in the queue is shown here).")
_STOPPED = "Stopped. Nothing more is translated; press Translate to start again."
_LABEL_CHARS = 59  # Gradio cuts an example's label after 60 characters, mid-word


def _shorten(text: str, limit: int = _LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-") + "…"


def sample_label(path: Path) -> str:
    """A sample article as a reader names it: "Outlet — headline" (the first sentence when it
    has no headline; the headline alone when its text names no outlet)."""
    try:
        doc = Document.from_file(path)
    except SummarizeError:
        return _shorten(path.read_text(encoding="utf-8", errors="replace").strip().split("\n")[0])
    headline = doc.title or (doc.paragraphs[0][0] if doc.paragraphs else path.stem)
    dateline = doc.meta.get("dateline")
    if dateline and headline.startswith(dateline):  # "Pyongyang: Korea Utara …" → "Korea Utara …"
        headline = headline[len(dateline):].lstrip(" :–—-")
    outlet = outlet_name(doc.meta, str(path))
    named = outlet != PurePath(path).stem  # outlet_name falls back to the file name
    return f"{outlet} — {_shorten(headline, _LABEL_CHARS - len(outlet) - 3)}" if named else _shorten(headline)


def _seed_examples() -> tuple[list[list[str]], list[str]]:
    paths = sorted(settings.data_file("seeds").glob("*.txt"))
    return [[p.read_text(encoding="utf-8")] for p in paths], [sample_label(p) for p in paths]


def read_input(text: str | None, upload: str | None, url: str | None) -> Document:
    given = [name for name, value in (("a file", upload), ("a URL", url and url.strip()),
                                      ("pasted text", text and text.strip())) if value]
    if len(given) > 1:
        # Guessing which one the user meant would silently translate the wrong article.
        raise InputError(f"Both {' and '.join(given)} are given. Clear all but the one to "
                         "translate (the × on the file, or empty the box), then press Translate.")
    if upload:
        path = Path(upload)
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise InputError(f"The file is larger than {MAX_UPLOAD_BYTES // 2**20} MB. Upload a smaller one.")
        doc = Document.from_file(path)
        doc.meta["source"] = path.name  # the file's own name, not Gradio's temporary path
        return doc
    if url and url.strip():
        url = url.strip()
        if not re.match(r"^https?://", url):
            raise InputError("The URL must start with http:// or https://.")
        return Document.from_url(url)
    if not text or not text.strip():
        raise InputError("Paste an Indonesian article, upload a file or give a URL, then press Translate.")
    if looks_like_html(text.lstrip()[:4096].encode("utf-8")):
        return Document.from_html(text)  # a page's source pasted: read it as the page
    return Document.from_text(text)


_DOWNLOAD_ROOT = Path(tempfile.gettempdir()) / "summarize-downloads"


_DOWNLOAD_MAX_AGE_S = 3600


def _download_folder() -> Path:
    # One private, randomly named directory per request, so no user's files are reachable from
    # another's; directories older than an hour are removed as new requests come in.
    _DOWNLOAD_ROOT.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - _DOWNLOAD_MAX_AGE_S
    for old in _DOWNLOAD_ROOT.iterdir():
        if old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(dir=_DOWNLOAD_ROOT))


def _write_downloads(result: Result) -> list[str]:
    folder = _download_folder()
    md = folder / "translation.md"
    js = folder / "translation.json"
    md.write_text(result.to_markdown(side_by_side=True), encoding="utf-8")
    js.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return [str(md), str(js)]


def model_choices(default_mt: str) -> list[tuple[str, str]]:
    """The translation presets as (label, value) for the model setting: what a user needs to
    choose — size, licence (non-commercial marked) and the published FLORES id→en BLEU."""
    choices = []
    for name, spec in load_registry().items():
        if spec.task != "translation":
            continue
        licence = f"{spec.licence}: non-commercial only" if spec.non_commercial else spec.licence
        score = f"published BLEU {spec.bleu:g}" if spec.bleu is not None else "no published score"
        size = f", {spec.params}" if spec.params else ""
        choices.append((f"{name}{size} · {licence} · {score}", name))
    if default_mt not in {value for _, value in choices}:
        choices.append((default_mt, default_mt))
    return choices


def _run(
    text: str | None,
    upload: str | None = None,
    url: str | None = None,
    bullets: float = 5,
    mode: str = "auto",
    mt_model: str | None = None,
    beam_size: float = 4,
    progress: Any = None,
    force_language: bool = False,
    glossary: str | None = None,
    cancel: Callable[[], bool] | None = None,
    model_check: bool = False,
) -> Iterator[tuple[str, str, dict[str, Any] | None, list[str] | None]]:
    """The Translate event: clear the page, stream progress and sentences, then the result.
    ``cancel`` defaults to Gradio's Stop of this event; once it is true the work stops."""
    import gradio as gr

    cancel = cancel or gradio_cancel_check()
    names = {p: Path(p).name for p in (upload, glossary) if p}  # server paths → the files' own names
    yield status_html("Reading the article…"), "", None, None  # nothing of the last article stays

    def produce(stopped: Callable[[], bool], emit: Callable[[Any], None]
                ) -> Iterator[tuple[str, str, dict[str, Any] | None, list[str] | None]]:
        doc = read_input(text, upload, url)
        pipe = Pipeline(mt_model=mt_model or None, summarizer=mode or "auto", beam_size=int(beam_size),
                        translate_anyway=bool(force_language), glossary=glossary or None,
                        model_check=bool(model_check))
        # A model missing on first use downloads inside the stream: its progress is the status.
        shown = download_status(lambda line: emit((status_html(line), gr.skip(), None, None)), progress)
        with reporting_downloads(shown):
            yield from _stream(pipe, doc, int(bullets), progress, stopped)

    try:
        for out in run_in_worker(produce, cancel):
            yield out if out is not None else (gr.skip(), gr.skip(), gr.skip(), gr.skip())
    except SummarizeError as exc:
        message = web_message(exc, names)
        yield message_html(message), "", None, None  # the message, and nothing else
        # Toasts render HTML: "source<TAB>English" would lose everything after "<".
        raise gr.Error(html.escape(message), duration=None) from exc
    except Exception as exc:
        log.exception("translation failed")
        message = ("Something went wrong inside summarize (details are in the server log). Press "
                   "Translate again; if it happens again, report it with the article.")
        yield message_html(message), "", None, None
        raise gr.Error(message, duration=None) from exc


def _removed_text(doc: Document) -> str:
    reasons = doc.meta.get("removed_reasons") or []
    return "\n".join(f"[{why}] {line}" for line, why in zip(doc.removed, reasons)) or (
        "\n".join(doc.removed) or "(nothing was removed)")


def _progress(event: ProgressEvent) -> tuple[str, str] | None:
    """The status line and progress-bar label of an event; None for events not shown."""
    if event.stage == "translate":
        return f"Translating: {event.done} of {event.total} sentences…", "Translating"
    if event.stage == "check":
        return (f"Re-checking flagged sentences: {event.done} of {event.total} translated again with "
                "safer settings…", "Re-checking flagged sentences")
    if event.stage == "model_check":
        return ("Model check: asking the translation model which part of each sentence its English "
                "lacks…", "Model check")
    if event.stage == "brief":
        return "Writing the brief…", "Writing the brief"
    return None


def _stream(pipe: Pipeline, doc: Document, bullets: int, progress: Any, cancel: Callable[[], bool]
            ) -> Iterator[tuple[str, str, dict[str, Any] | None, list[str] | None]]:
    removed = _removed_text(doc)
    finished: dict[str, Sentence] = {}
    for event in pipe.stream(doc, bullets=bullets, cancel=cancel):
        if event.result is not None:
            result = event.result
            final = {s.id: s for s in ([result.title] if result.title else []) + result.sentences()}
            yield render_columns(doc, final, result), removed, result.to_dict(), _write_downloads(result)
            continue
        finished.update((s.id, s) for s in event.sentences)
        shown = _progress(event)
        if shown is None:
            continue
        if progress is not None and event.total:
            progress((event.done, event.total), desc=shown[1], unit="sentences")
        view = {sid: finished.get(sid) or Sentence(id=sid, source=src) for sid, src in _units(doc)}
        yield status_html(shown[0]) + render_columns(doc, view), removed, None, None


def _units(doc: Document) -> list[tuple[str, str]]:
    return ([("t", doc.title)] if doc.title else []) + doc.sentences()


def _pipeline_for(default_mt: str) -> Callable[..., Pipeline]:
    def make(model: str | None, beam: float, mode: str | None, glossary: str | None,
             force: bool = False, check: bool = False) -> Pipeline:
        return Pipeline(mt_model=model or default_mt, summarizer=mode or "auto", beam_size=int(beam),
                        translate_anyway=bool(force), glossary=glossary or None, model_check=bool(check))
    return make


def _settings_ui(choices: list[tuple[str, str]], default_mt: str, default_mode: str) -> dict[str, Any]:
    import gradio as gr

    with gr.Accordion("Settings", open=False):
        with gr.Row():
            bullets = gr.Slider(1, MAX_BULLETS, value=5, step=1, label="Bullets")
            modes = ["auto", "extractive", "abstractive"]
            mode = gr.Radio(modes + ([default_mode] if default_mode not in modes else []),
                            value=default_mode, label="Brief")
            model_box = gr.Dropdown(choices, value=default_mt, label="Translation model",
                                    info="licence and published FLORES id→en BLEU of each preset "
                                    "(sources: `summarize models list`); a Hub id or folder also works",
                                    allow_custom_value=True)
            beam = gr.Slider(1, 8, value=4, step=1, label="Beam size")
            force = gr.Checkbox(False, label="Translate anyway",
                                info="even if the text does not look Indonesian")
            check = gr.Checkbox(False, label="Model check",
                                info="also ask the translation model which clause a sentence's "
                                "English lacks (a note; slower)")
        glossary_file = gr.File(label="Glossary: required English for names and terms "
                                "(TSV: source<TAB>English per line, or YAML)", type="filepath",
                                file_types=[".tsv", ".txt", ".yaml", ".yml", ".json"])
    return {"bullets": bullets, "mode": mode, "model": model_box, "beam": beam, "force": force,
            "glossary": glossary_file, "check": check}


def _translate_tab(choices: list[tuple[str, str]], default_mt: str, default_mode: str) -> dict[str, Any]:
    """The Translate tab: one article side by side; returns its settings for the Story tab."""
    import gradio as gr

    gr.Markdown("## Indonesian news → English translation and brief")
    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(label="Indonesian article", lines=12, max_lines=30,
                              placeholder="Paste the article here (boilerplate and all)…")
        with gr.Column(scale=1):
            upload = gr.File(label="…or upload a file", type="filepath",
                             file_types=sorted(s for s in SUPPORTED_SUFFIXES if s))
            url = gr.Textbox(label="…or an article URL", placeholder="https://")
    opts = _settings_ui(choices, default_mt, default_mode)
    with gr.Row():
        go = gr.Button("Translate", variant="primary")
        stop = gr.Button("Stop", variant="stop")
    examples, labels = _seed_examples()
    gr.Examples(examples, inputs=[text], label="Sample articles", example_labels=labels)
    view = gr.HTML(label="Result", elem_classes=["sz-view"])
    with gr.Accordion("Removed by the cleaner", open=False):
        removed = gr.Textbox(show_label=False, lines=6, interactive=False)
    with gr.Accordion("Downloads and JSON", open=False):
        files = gr.File(label="Markdown and JSON", file_count="multiple", interactive=False)
        as_json = gr.JSON(label="Result JSON")

    def run(text, upload, url, bullets, mode, model, beam, force, glossary_path, check=False,
            progress=gr.Progress()):
        yield from _run(text, upload, url, bullets, mode, model or default_mt, beam, progress,
                        force_language=force, glossary=glossary_path, model_check=check)

    outputs = [view, removed, as_json, files]
    # At once, before the queue: the last article's result goes, and a queued run says it waits
    # (Gradio's tracker on the view shows the place in the queue).
    waiting = go.click(lambda: (status_html(_WAITING), "", None, None), inputs=None, outputs=outputs,
                       queue=False, api_visibility="private")
    event = waiting.then(
        run,
        inputs=[text, upload, url, *(opts[k] for k in ("bullets", "mode", "model", "beam", "force", "glossary", "check"))],
        outputs=outputs,
        api_name="run_ui",
        api_visibility="undocumented",
        concurrency_limit=1,
        concurrency_id="model",
    )
    stopped = (status_html(_STOPPED), "", None, None)
    # Queued, so it lands after any update the run had already sent; and once the cancellation
    # is complete (the run's "failure" follow-up) the page says so again, unless it holds an error.
    stop.click(lambda: stopped, inputs=None, outputs=outputs, cancels=[event], api_visibility="private")
    # A message, or a finished result (it has bullets: a Translate pressed right after Stop may
    # already have shown its own), is never overwritten.
    event.failure(None, inputs=[view], outputs=[view], api_visibility="private",  # in the browser
                  js="(shown) => /sz-message|sz-bullet/.test(shown || '') ? shown : "
                     f"{json.dumps(stopped[0])}")
    return opts


def _api(default_mt: str, default_mode: str) -> None:
    import gradio as gr

    def api_run(text: str, bullets: int = 5, summarizer: str = "", mt_model: str = "",
                beam_size: int = 4) -> dict:
        """Translate and brief an Indonesian article; returns ``Result.to_dict()``.

        The scripting entry point: ``Client(url).predict(text, api_name="/run")``.
        """
        try:
            pipe = Pipeline(mt_model=mt_model or default_mt, summarizer=summarizer or default_mode,
                            beam_size=int(beam_size))
            return pipe.run(read_input(text, None, None), bullets=int(bullets)).to_dict()
        except SummarizeError as exc:
            raise gr.Error(html.escape(web_message(exc))) from exc

    gr.api(api_run, api_name="run", concurrency_limit=1, concurrency_id="model")


def build_app(mt_model: str | None = None, summarizer: str | None = None) -> Any:
    """The Blocks app; models default to SUMMARIZE_MT_MODEL / SUMMARIZE_SUMMARIZER, read now."""
    import gradio as gr

    default_mt = mt_model or default_model("translation")
    default_mode = summarizer or settings.summarizer() or "auto"
    choices = model_choices(default_mt)
    # Gradio's own cache (uploads, copies of downloads) is swept hourly too.
    with gr.Blocks(title="summarize: Indonesian news in English",
                   delete_cache=(_DOWNLOAD_MAX_AGE_S, _DOWNLOAD_MAX_AGE_S)) as demo:
        with gr.Tabs():
            with gr.Tab("Translate", id="translate"):
                opts = _translate_tab(choices, default_mt, default_mode)
            with gr.Tab("Story", id="story"):
                build_story_tab(_pipeline_for(default_mt),
                                [opts[k] for k in ("model", "beam", "mode", "glossary", "force", "check")],
                                new_folder=_download_folder, max_bytes=MAX_UPLOAD_BYTES)
        _api(default_mt, default_mode)
    demo.queue(max_size=_QUEUE_SIZE)
    return demo


def launch_options() -> dict[str, Any]:
    """Page-level settings Gradio 6 takes at launch: both tabs' styling and highlight scripts, upload cap."""
    return {"css": CSS + STORY_CSS, "head": HEAD + STORY_HEAD, "max_file_size": MAX_UPLOAD_BYTES}


def launch(host: str | None = None, port: int | None = None, share: bool = False, **kwargs: Any) -> Any:
    """Start the app; Gradio's GRADIO_SERVER_NAME / GRADIO_SERVER_PORT apply when no flag is given."""
    demo = build_app()
    host = host or settings.text_setting("GRADIO_SERVER_NAME") or "127.0.0.1"
    port = port or settings.int_setting("GRADIO_SERVER_PORT", 7860, minimum=1)
    return demo.launch(server_name=host, server_port=port, share=share, **launch_options(), **kwargs)
