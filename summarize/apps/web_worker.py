"""Running a web event's work so that Stop really stops it, and showing a download meanwhile.

Shared by the Translate and Story tabs (web.py, web_story.py).  Gradio 6 closes a cancelled
event's generator only when it next resumes, so the work runs in a worker thread and the event's
generator stays at a ``yield`` (run_in_worker); the pipeline polls the cancellation itself
(gradio_cancel_check).  A model missing on first use is downloaded inside the work, and its
progress becomes the page's status line (download_status).
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from ..models import DownloadProgress, ProgressCallback

__all__ = ["gradio_cancel_check", "run_in_worker", "download_status"]

_TICK_S = 0.1  # while the work runs, the event's generator yields "no change" this often
_STATUS_EVERY_S = 0.25  # a download's status line is redrawn at most this often


def gradio_cancel_check() -> Callable[[], bool]:
    """A callable that turns true once Gradio has cancelled the event this code runs for.

    Gradio 6 cancels a running event (Stop's ``cancels=``, a client's ``Job.cancel()``) by
    cancelling the asyncio task that awaits the worker thread, which takes the job off the
    queue's active jobs at once; then ``/cancel`` retries ``generator.close()`` every 50 ms, for
    up to 60 s, until the generator is suspended at a ``yield``.  Nothing interrupts the worker
    thread itself, so a sync generator computing between two yields never hears of it: the
    pipeline polls this callable between batches instead.  It must be made inside the event
    (Gradio's context variables name the event); elsewhere, or should Gradio's queue no longer
    look as expected, it never turns true.
    """
    try:
        from gradio.context import LocalContext
    except ImportError:
        return lambda: False
    blocks, event_id = LocalContext.blocks.get(None), LocalContext.event_id.get(None)
    queue = getattr(blocks, "_queue", None)

    def running() -> bool:
        jobs = list(getattr(queue, "active_jobs", None) or [])
        return any(job and any(getattr(e, "_id", None) == event_id for e in job) for job in jobs)

    try:
        if not event_id or not running():
            return lambda: False
    except Exception:  # Gradio internals changed: never cancel by mistake
        return lambda: False
    return lambda: not running()


def _put(box: queue.Queue, item: tuple[str, Any], stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            box.put(item, timeout=0.2)
            return True
        except queue.Full:
            continue
    return False


def run_in_worker(produce: Callable[[Callable[[], bool], Callable[[Any], None]], Iterator[Any]],
                  cancel: Callable[[], bool]) -> Iterator[Any]:
    """``produce(stopped, emit)``'s items, computed in a worker thread; inside a Gradio event,
    None ("no change") every tenth of a second in between.  ``emit(item)`` hands over an item
    from a callback deep in the work (a model download's progress) that cannot ``yield``.

    So the event's generator is nearly always suspended at a ``yield``: Gradio's Stop closes it
    at once (``/cancel`` returns, the page is idle, a Translate pressed right after is not lost),
    and closing it sets the ``stopped`` flag the work polls between batches (with ``cancel``).
    Errors of the work are raised here; the worker keeps the caller's context (Gradio's
    progress bar works from it).
    """
    from gradio.context import LocalContext

    box: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    ticking = LocalContext.event_id.get(None) is not None

    def emit(item: Any) -> None:
        _put(box, ("item", item), stop)

    def work() -> None:
        try:
            for item in produce(lambda: stop.is_set() or cancel(), emit):
                if not _put(box, ("item", item), stop):
                    return
        except BaseException as exc:  # handed to the event's generator, which words it
            _put(box, ("error", exc), stop)
        else:
            _put(box, ("end", None), stop)

    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(work,), name="summarize-work", daemon=True).start()
    try:
        while True:
            try:
                kind, value = box.get(timeout=_TICK_S if ticking else None)
            except queue.Empty:
                yield None
                continue
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()  # Stop, an error or the end: the work stops at its next batch


def download_status(emit: Callable[[str], None], progress: Any = None) -> ProgressCallback:
    """A model download's events as status lines ("Downloading opus-mt-id-en: 120 / 300 MB")
    handed to ``emit``, and as Gradio's progress bar when given; redrawn at most four times a
    second, since a chunk arrives every few milliseconds."""
    last = {"at": 0.0, "line": ""}

    def report(event: DownloadProgress) -> None:
        now = time.monotonic()
        line = event.message
        if line == last["line"] or (not event.finished and now - last["at"] < _STATUS_EVERY_S):
            return
        last.update(at=now, line=line)
        emit(line)
        if progress is not None and event.total and not event.finished:
            progress((event.done, event.total), desc=f"Downloading {event.model}", unit="bytes")

    return report
