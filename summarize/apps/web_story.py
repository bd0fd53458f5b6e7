"""The web page's Story tab: several outlets' articles about one event, merged into one story.

A thin shell over ``Pipeline.story_stream``, like the Translate tab over ``Pipeline.stream``:
progress per article, one run at a time per process (the same queue as translation, since both
hold the model), library errors as on-page messages naming this tab's controls, Stop polled by
the pipeline itself (web_worker.py).  The Markdown download carries the disagreement
charts as PNG files beside it (charts.py).

Pasted articles become Documents here and uploads are read here, never handed to
``read_items`` as strings: it reads a short one-line string as a server-side path (or fetches it
as a URL), which a web page must not let a visitor do.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .. import settings
from ..document import Document
from ..errors import InputError, SummarizeError
from ..ingest import SUPPORTED_SUFFIXES, looks_like_html
from ..models import reporting_downloads
from ..pipeline import Pipeline
from ..story import FailedItem, StoryResult, split_articles
from .charts import chart_rows, markdown_with_charts, write_chart_pngs
from .render import web_message, web_text
from .render_story import display_source, render_story
from .web_worker import download_status, gradio_cancel_check, run_in_worker

__all__ = ["MAX_CHARTS", "build_story_tab", "story_inputs", "chart_rows", "seed_articles",
           "write_story_downloads", "run_story"]

log = logging.getLogger(__name__)

MAX_CHARTS = 4  # charts beyond this are in the table and the downloads only

_NO_INPUT = ("Paste two or more Indonesian articles into “Articles about one event”, separated by "
             "lines holding only ---, upload files, or press “Load the five samples”; then press "
             "“Build story”.")


def seed_articles() -> str:
    """The checkout's five sample articles, as the Articles box takes them."""
    return "\n---\n".join(p.read_text(encoding="utf-8").strip()
                          for p in sorted(settings.data_file("seeds").glob("*.txt")))


def _pasted(part: str, label: str) -> Document:
    if looks_like_html(part.lstrip()[:4096].encode("utf-8")):
        doc = Document.from_html(part)  # a page's source pasted: read it as the page
        doc.meta["source"] = doc.meta.get("source") or label
        return doc
    return Document.from_text(part, source=label)


def _uploaded(path: Path, max_bytes: int) -> Document:
    if path.stat().st_size > max_bytes:
        raise InputError(f"The file is larger than {max_bytes // 2**20} MB. Upload a smaller one.")
    doc = Document.from_file(path)
    doc.meta["source"] = path.name  # the file's own name, not Gradio's temporary path
    return doc


def story_inputs(text: str | None, uploads: list[str] | None, max_bytes: int
                 ) -> tuple[list[Document], list[FailedItem]]:
    """Every pasted part and upload as a Document, or as the reason it could not be read."""
    docs: list[Document] = []
    failed: list[FailedItem] = []
    jobs: list[tuple[str, Callable[[], Document]]] = []
    for k, part in enumerate(split_articles(text or "")):
        label = f"<pasted article {k + 1}>"
        jobs.append((label, lambda part=part, label=label: _pasted(part, label)))
    names = {str(upload): Path(upload).name for upload in uploads or []}
    for upload in uploads or []:
        jobs.append((Path(upload).name, lambda path=Path(upload): _uploaded(path, max_bytes)))
    for label, read in jobs:
        try:
            docs.append(read())
        except SummarizeError as exc:
            failed.append(FailedItem(label, web_message(exc, names)))
        except OSError as exc:
            failed.append(FailedItem(label, f"cannot read it: {exc.strerror or exc}"))
    return docs, failed


def _chart_update(rows: list[dict[str, Any]], what: str) -> Any:
    import gradio as gr
    import pandas as pd

    frame = pd.DataFrame(rows)
    frame["as of"] = pd.to_datetime(frame["as of"])
    # Padded limits (a date axis's in seconds) keep the points inside the axes; the value axis
    # starts at zero so the gap between the outlets' values is seen at its true size.
    pad = pd.Timedelta(days=20)
    start, end = frame["as of"].min() - pad, frame["as of"].max() + pad
    top = float(frame["value"].max()) * 1.15 or 1.0
    return gr.update(visible=True, value=frame, label=what, title=what, y_lim=[0, top],
                     x_lim=[start.timestamp(), end.timestamp()])


def _chart_updates(result: StoryResult | None) -> list[Any]:
    import gradio as gr

    charts = [(s, d) for s in (result.stories if result else []) for d in s.disagreements]
    updates = []
    for k in range(MAX_CHARTS):
        rows = chart_rows(*charts[k]) if k < len(charts) else []
        updates.append(_chart_update(rows, charts[k][1].what) if rows else gr.update(visible=False, value=None))
    return updates


def write_story_downloads(result: StoryResult, folder: Path) -> list[str]:
    """The story as Markdown (with every disagreement's chart as a PNG beside it, referenced by
    file name) and JSON in ``folder`` (a private one per request)."""
    md = folder / "story.md"
    js = folder / "story.json"
    charts = write_chart_pngs(result, folder)
    md.write_text(markdown_with_charts(result, charts), encoding="utf-8")
    js.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return [str(md), str(js), *(str(path) for story in charts for path, _ in story)]


def _status(text: str) -> str:
    return f'<p class="sz-status">{html.escape(text)}</p>'


def _outputs(status: str, result: StoryResult | None, files: list[str] | None) -> tuple[Any, ...]:
    view = render_story(result) if result is not None else ""
    data = result.to_dict() if result is not None else None
    return (_status(status), view, data, files, *_chart_updates(result))


def _pipeline_events(pipe: Pipeline, docs: list[Document], progress: Any, cancel: Callable[[], bool]
                     ) -> Iterator[tuple[str, Any]]:
    for event in pipe.story_stream(docs, grouped=True, cancel=cancel):
        if event.story is not None:
            yield "done", event.story
        elif event.stage == "article":
            desc = (f"Translating article {event.done + 1} of {event.total}: "
                    f"{display_source(event.source or '')}")
            if progress is not None:
                progress((event.done, event.total), desc=desc, unit="articles")
            yield desc, None
        elif event.stage == "story":
            yield "Comparing the articles: figures, disagreements, timeline…", None


def run_story(text: str | None, uploads: list[str] | None, *, new_folder: Callable[[], Path],
              max_bytes: int, pipeline: Callable[[], Pipeline], progress: Any = None,
              cancel: Callable[[], bool] | None = None) -> Iterator[tuple[Any, ...]]:
    """The Build story event: clear the old story, stream progress, then show the new one.
    ``cancel`` defaults to Gradio's Stop of this event (``gradio_cancel_check``)."""
    import gradio as gr

    cancel = cancel or gradio_cancel_check()
    names = {str(u): Path(u).name for u in uploads or []}
    yield _outputs("Reading the articles…", None, None)  # a failed run must not leave the last story up

    def produce(stopped: Callable[[], bool], emit: Callable[[Any], None]) -> Iterator[tuple[Any, ...]]:
        docs, failed = story_inputs(text, uploads, max_bytes)
        if not docs and not failed:
            raise gr.Error(html.escape(_NO_INPUT), duration=None)
        if not docs:
            reasons = "; ".join(f"{display_source(f.source)}: {f.reason}" for f in failed)
            raise gr.Error(html.escape(f"No article could be read ({reasons}). Fix or remove them in "
                                       "“Articles about one event” or the uploads, then press "
                                       "“Build story”."), duration=None)
        # A model missing on first use downloads inside the stream: its progress is the status.
        with reporting_downloads(download_status(lambda line: emit(_outputs(line, None, None)), progress)):
            for status, result in _pipeline_events(pipeline(), docs, progress, stopped):
                if result is None:
                    yield _outputs(status, None, None)
                    continue
                for item in result.failed:  # articles the pipeline could not translate
                    item.reason = web_text(item.reason, names)
                result.failed[:0] = failed  # the inputs this tab could not read come first, as given
                yield _outputs(_summary(result), result, write_story_downloads(result, new_folder()))

    try:
        for out in run_in_worker(produce, cancel):
            yield out if out is not None else tuple(gr.skip() for _ in range(4 + MAX_CHARTS))
    except gr.Error:
        raise
    except SummarizeError as exc:
        message = web_message(exc, names)
        yield _outputs(f"Stopped: {message}", None, None)
        raise gr.Error(html.escape(message), duration=None) from exc
    except Exception as exc:
        log.exception("story failed")
        yield _outputs("Stopped: something went wrong inside summarize.", None, None)
        raise gr.Error("Something went wrong inside summarize (details are in the server log). "
                       "Press “Build story” again; if it happens again, report it with the articles.",
                       duration=None) from exc


def _summary(result: StoryResult) -> str:
    articles = sum(len(s.articles) for s in result.stories)
    charts = sum(len(s.disagreements) for s in result.stories)
    text = (f"{len(result.stories)} stor{'y' if len(result.stories) == 1 else 'ies'} from {articles} "
            f"article{'s' if articles != 1 else ''}")
    if result.failed:
        text += f"; {len(result.failed)} not read (listed at the end)"
    if charts > MAX_CHARTS:
        text += f"; the first {MAX_CHARTS} of {charts} disagreements are charted"
    return text + "."


def _inputs() -> tuple[Any, Any, Any]:
    import gradio as gr

    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(label="Articles about one event", lines=14, max_lines=40,
                              placeholder="Paste two or more Indonesian articles about the same event "
                              "here, separated by a line holding only ---")
        with gr.Column(scale=1):
            uploads = gr.File(label="…or upload articles", file_count="multiple", type="filepath",
                              file_types=sorted(s for s in SUPPORTED_SUFFIXES if s))
            samples = gr.Button("Load the five samples")
    samples.click(seed_articles, inputs=None, outputs=[text], api_visibility="private")
    return text, uploads, samples


def _outputs_ui() -> list[Any]:
    import gradio as gr

    status = gr.HTML(elem_classes=["sz-story-status"])
    view = gr.HTML(label="Story")
    charts = []
    with gr.Accordion("Where outlets disagree, charted", open=True):
        for _ in range(MAX_CHARTS // 2):
            with gr.Row():
                charts += [gr.ScatterPlot(x="as of", y="value", color="outlet", tooltip="all", height=260,
                                          visible=False) for _ in range(2)]
    with gr.Accordion("Downloads and JSON", open=False):
        files = gr.File(label="Markdown (charts as PNG beside it) and JSON", file_count="multiple",
                        interactive=False)
        as_json = gr.JSON(label="Story JSON")
    return [status, view, as_json, files, *charts]


def build_story_tab(pipeline: Callable[..., Pipeline], settings_inputs: list[Any], *,
                    new_folder: Callable[[], Path], max_bytes: int) -> None:
    """The Story tab's controls and events, inside the caller's ``gr.Tab``.

    ``settings_inputs`` are the Translate tab's model, beam, brief, glossary, "translate
    anyway" and "model check" controls, whose values ``pipeline`` turns into a Pipeline: the
    page has one set of settings.  ``new_folder`` gives a private download folder per request (the page sweeps them).
    """
    import gradio as gr

    gr.Markdown("Several outlets' articles about one event → one story: combined brief, the figures "
                "each outlet gives, where they disagree, a timeline. The translation settings are "
                "those of the Translate tab.")
    text, uploads, _ = _inputs()
    with gr.Row():
        go = gr.Button("Build story", variant="primary")
        stop = gr.Button("Stop", variant="stop")
    outputs = _outputs_ui()

    def run(text, uploads, model, beam, mode, glossary, force, check=False, progress=gr.Progress()):
        yield from run_story(text, uploads, new_folder=new_folder, max_bytes=max_bytes, progress=progress,
                             pipeline=lambda: pipeline(model, beam, mode, glossary, force, check))

    event = go.click(run, inputs=[text, uploads, *settings_inputs], outputs=outputs, api_name="story_ui",
                     api_visibility="undocumented", concurrency_limit=1, concurrency_id="model")
    # The status would otherwise still read "Translating article k of n".  Queued, so it lands
    # after any update the run had sent; once the cancellation is complete, said again (unless
    # the run ended on an error, whose status already begins with "Stopped").
    stop.click(lambda: _status("Stopped."), inputs=None, outputs=[outputs[0]], cancels=[event],
               api_visibility="private")
    event.failure(None, inputs=[outputs[0]], outputs=[outputs[0]], api_visibility="private",
                  js=f"(shown) => (shown || '').includes('Stopped') ? shown : {json.dumps(_status('Stopped.'))}")
