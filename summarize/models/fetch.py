"""Fetching a model's files from the Hub: visible progress, resumable, verified.

The real ``huggingface_hub`` client does the talking (``HfApi.model_info`` for the file list,
``get_hf_file_metadata`` for each file's ETag/size, ``http_get`` for the bytes with ``Range``,
``hf_hub_download`` to place the finished blob in the standard cache layout).  What this module
adds:

* **Resume across runs.**  huggingface_hub writes each transfer to a process-unique temporary
  file and deletes it on failure, so an interrupted 3 GB download starts again from zero.  Here
  the bytes go to ``blobs/<etag>.incomplete`` and the next run continues from its size.
* **Verification.**  A finished file is hashed against its ETag (SHA-256 for LFS files, the git
  blob SHA-1 otherwise) before it enters the cache; a corrupt transfer is discarded with a
  message naming the command that fixes it.
* **Progress.**  A ``DownloadProgress`` event after every chunk, to a callback (the CLI draws
  tqdm bars from it, the web page can show ``Downloading opus-mt-id-en: 120 / 300 MB``).
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError
from .registry import ModelSpec

__all__ = ["DownloadProgress", "ProgressCallback", "RemoteFile", "select_files", "fetch_snapshot",
           "set_download_reporter", "download_reporter", "reporting_downloads", "iter_events"]

log = logging.getLogger(__name__)

_MB = 1_000_000
_KEEP = ["*.json", "*.spm", "*.model", "*.txt", "*.tiktoken"]
_SKIP = ["*.h5", "*.msgpack", "*.ot", "*.onnx", "*.gguf", "*.tflite", "rust_model*", "training_args.bin",
         "README*", ".gitattributes"]


@dataclass(frozen=True)
class DownloadProgress:
    """Where a model download stands; ``message`` is the line a user interface shows."""

    model: str  # the name the user gave (preset or Hub id)
    file: str = ""  # the file being fetched now
    done: int = 0  # bytes of the whole model on disk (cached files and resumed parts included)
    total: int = 0  # bytes of the whole model
    file_done: int = 0
    file_total: int = 0
    resumed_from: int = 0  # bytes of ``file`` already on disk from an earlier, interrupted run
    finished: bool = False
    path: str | None = None  # the snapshot folder, once finished

    @property
    def message(self) -> str:
        if self.finished:
            return f"Downloaded {self.model}: {self.total / _MB:,.0f} MB"
        return f"Downloading {self.model}: {self.done / _MB:,.0f} / {self.total / _MB:,.0f} MB"


ProgressCallback = Callable[[DownloadProgress], None]

_reporter: list[ProgressCallback | None] = [None]
_reporter_lock = threading.Lock()


def set_download_reporter(callback: ProgressCallback | None) -> ProgressCallback | None:
    """Where downloads started without an explicit callback report (e.g. the first ``run`` of a
    missing model); returns the previous one.  The CLI installs tqdm bars, a web app its status."""
    with _reporter_lock:
        previous, _reporter[0] = _reporter[0], callback
    return previous


# One run's own reporter (a web page's status line): it follows that run's thread and context,
# so two pages translating at once each see only their own download.
_scoped: contextvars.ContextVar[ProgressCallback | None] = contextvars.ContextVar(
    "summarize_download_reporter", default=None)


@contextmanager
def reporting_downloads(callback: ProgressCallback) -> Iterator[None]:
    """Downloads started inside the block (in this thread or context) report to ``callback``
    instead of the process-wide reporter."""
    token = _scoped.set(callback)
    try:
        yield
    finally:
        _scoped.reset(token)


def download_reporter() -> ProgressCallback | None:
    return _scoped.get() or _reporter[0]


@dataclass(frozen=True)
class RemoteFile:
    name: str
    size: int | None
    sha256: str | None  # LFS files
    blob_id: str | None  # git blob SHA-1


def select_files(files: list[RemoteFile]) -> list[RemoteFile]:
    """Configs, tokenizers and one weight format (safetensors preferred), top level only."""
    top = [f for f in files if "/" not in f.name and not any(fnmatch(f.name, p) for p in _SKIP)]
    safetensors = [f for f in top if f.name.endswith(".safetensors")]
    weights = safetensors or [f for f in top if fnmatch(f.name, "pytorch_model*.bin")]
    keep = [f for f in top if any(fnmatch(f.name, p) for p in _KEEP)]
    if not safetensors:
        keep = [f for f in keep if f.name != "model.safetensors.index.json"]
    # Small files first: a run cut short still leaves a loadable config and tokenizer behind.
    return sorted(keep, key=lambda f: f.name) + sorted(weights, key=lambda f: f.name)


class _Tracker:
    """Counts bytes for one model download and turns them into ``DownloadProgress`` events."""

    def __init__(self, model: str, total: int, callback: ProgressCallback | None) -> None:
        self.event = DownloadProgress(model=model, total=total)
        self.callback = callback

    def _emit(self, **changes: Any) -> None:
        self.event = replace(self.event, **changes)
        if self.callback is not None:
            self.callback(self.event)

    def start(self) -> None:
        self._emit()

    def skip(self, size: int) -> None:
        self._emit(done=self.event.done + size)

    def start_file(self, name: str, size: int | None, have: int) -> None:
        self._emit(file=name, file_total=size or 0, file_done=have, resumed_from=have,
                   done=self.event.done + have)

    def advance(self, n: int) -> None:
        self._emit(file_done=self.event.file_done + n, done=self.event.done + n)

    def rewind(self) -> None:  # a discarded partial file
        self._emit(done=self.event.done - self.event.file_done, file_done=0)

    def finish(self, path: Path) -> None:
        self._emit(file="", finished=True, done=self.event.total, path=str(path))


class _Bar:
    """What ``http_get`` takes for a tqdm class: forwards each chunk to the tracker."""

    def __init__(self, tracker: _Tracker, **_: Any) -> None:
        self.tracker = tracker

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *_: Any) -> None:
        return None

    def update(self, n: float | None = 1) -> None:
        self.tracker.advance(int(n or 0))

    def close(self) -> None:
        return None


def _digest_ok(path: Path, etag: str) -> bool:
    """SHA-256 for LFS ETags (64 hex digits), the git blob SHA-1 for others (40)."""
    if len(etag) == 64:
        digest = hashlib.sha256()
    elif len(etag) == 40:
        digest = hashlib.sha1()
        digest.update(f"blob {path.stat().st_size}\0".encode())
    else:
        return True  # an ETag that is not a content hash: nothing to compare with
    with path.open("rb") as f:
        for block in iter(functools.partial(f.read, 1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == etag.lower()


def _corrupt(spec: ModelSpec, name: str) -> ModelUnavailableError:
    from huggingface_hub import constants

    return ModelUnavailableError(
        f"{name} of {spec.id} arrived corrupted (its checksum does not match the one the Hub "
        f"lists), so it was discarded. Run `summarize models download {spec.name}` again; if it "
        f"keeps failing, the server or proxy at {constants.ENDPOINT} is serving a broken file.",
        model=spec.id,
    )


def _interrupted(spec: ModelSpec, name: str, exc: BaseException) -> ModelUnavailableError:
    return ModelUnavailableError(
        f"The download of {name} for {spec.id} was interrupted ({type(exc).__name__}: "
        f"{str(exc).splitlines()[0] if str(exc) else 'no details'}). Run `summarize models download "
        f"{spec.name}` again: it continues where it stopped.",
        model=spec.id,
    )


def _transfer(spec: ModelSpec, url: str, blob: Path, size: int | None, etag: str,
              name: str, tracker: _Tracker) -> None:
    """Fetch ``url`` into ``blob`` through ``blob.incomplete``, resuming what is there."""
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import WeakFileLock, build_hf_headers

    partial = blob.with_name(blob.name + ".incomplete")
    blob.parent.mkdir(parents=True, exist_ok=True)
    locks = blob.parent.parent.parent / ".locks" / blob.parent.parent.name
    locks.mkdir(parents=True, exist_ok=True)
    with WeakFileLock(str(locks / f"{blob.name}.summarize.lock")):  # one writer per partial file
        for attempt in range(2):
            have = partial.stat().st_size if partial.exists() else 0
            if size is not None and have > size:
                partial.unlink()
                have = 0
            tracker.start_file(name, size, have)
            try:
                with partial.open("ab") as f:
                    http_get(url, f, resume_size=have, headers=build_hf_headers(), expected_size=size,
                             displayed_filename=name, tqdm_class=functools.partial(_Bar, tracker))  # type: ignore[arg-type]
            except OSError as exc:
                if "Consistency check failed" in str(exc):  # the server sent a different size
                    partial.unlink(missing_ok=True)
                    raise _corrupt(spec, name) from None
                raise _interrupted(spec, name, exc) from None
            except Exception as exc:  # network errors after huggingface_hub's own retries
                raise _interrupted(spec, name, exc) from None
            if _digest_ok(partial, etag):
                os.replace(partial, blob)
                return
            partial.unlink()
            tracker.rewind()
            if attempt or not have:
                raise _corrupt(spec, name)
            log.info("%s: resumed data did not verify; downloading it again from the start", name)


def _fetch_one(spec: ModelSpec, commit: str, entry: RemoteFile, storage: Path, tracker: _Tracker,
               force: bool) -> None:
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url

    pointer = storage / "snapshots" / commit / entry.name
    if not force and pointer.is_file() and (entry.size is None or pointer.stat().st_size == entry.size):
        tracker.skip(entry.size or pointer.stat().st_size)
        return
    meta = get_hf_file_metadata(hf_hub_url(spec.id, entry.name, revision=commit))
    etag = str(meta.etag or entry.sha256 or entry.blob_id or "")
    size = meta.size if meta.size is not None else entry.size
    blob = storage / "blobs" / etag
    if force or not blob.is_file() or (size is not None and blob.stat().st_size != size):
        _transfer(spec, meta.location, blob, size, etag, entry.name, tracker)
    else:
        tracker.skip(size or 0)
    # The real client puts the verified blob in place (a symlink, or a copy where there are none).
    placed = Path(hf_hub_download(spec.id, entry.name, revision=commit))
    if force and not placed.is_symlink() and placed.resolve() != blob.resolve():
        placed.write_bytes(blob.read_bytes())  # --force over a copy-based cache (no symlinks)


def _remote_files(spec: ModelSpec, revision: str) -> tuple[str, list[RemoteFile]]:
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import (
        GatedRepoError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    try:
        info = HfApi().model_info(spec.id, revision=revision, files_metadata=True)
    except (RepositoryNotFoundError, GatedRepoError, RevisionNotFoundError):
        raise ModelUnavailableError(
            f"There is no model {spec.id} (revision {revision}) on the Hub at {constants.ENDPOINT}, "
            "or it is private or gated. Check the name: the presets are listed by `summarize "
            "models list`.",
            model=spec.id,
        ) from None
    except Exception as exc:  # HTTP errors, timeouts, a proxy that is not a Hub
        raise ModelUnavailableError(
            f"Model {spec.id} is not downloaded and the Hub at {constants.ENDPOINT} did not answer "
            f"properly ({type(exc).__name__}). Try again later, or run `summarize models download "
            f"{spec.name}` on another machine and copy the Hugging Face cache (HF_HOME).",
            model=spec.id,
        ) from None
    files = [
        RemoteFile(s.rfilename, s.size, s.lfs.sha256 if s.lfs else None, s.blob_id)
        for s in info.siblings or []
    ]
    if not info.sha or not files:
        raise ModelUnavailableError(f"The Hub lists no files for {spec.id}.", model=spec.id)
    return str(info.sha), files


def fetch_snapshot(spec: ModelSpec, progress: ProgressCallback | None = None, *, force: bool = False,
                   revision: str = "main") -> Path:
    """Download ``spec`` into the Hugging Face cache and return its snapshot folder."""
    from huggingface_hub import constants
    from huggingface_hub.file_download import repo_folder_name

    commit, files = _remote_files(spec, revision)
    chosen = select_files(files)
    storage = Path(constants.HF_HUB_CACHE) / repo_folder_name(repo_id=spec.id, repo_type="model")
    tracker = _Tracker(spec.name, sum(f.size or 0 for f in chosen), progress)
    tracker.start()
    for entry in chosen:
        _fetch_one(spec, commit, entry, storage, tracker, force)
    refs = storage / "refs"
    refs.mkdir(parents=True, exist_ok=True)
    (refs / revision).write_text(commit, encoding="utf-8")
    snapshot = storage / "snapshots" / commit
    tracker.finish(snapshot)
    return snapshot


def iter_events(run: Callable[[ProgressCallback], Path]) -> Iterator[DownloadProgress]:
    """Run ``run(callback)`` in a thread and yield its events as they come (for generators)."""
    import queue

    events: queue.Queue[DownloadProgress | None] = queue.Queue()
    outcome: dict[str, BaseException] = {}

    def work() -> None:
        try:
            run(events.put)
        except BaseException as exc:  # handed to the consumer below
            outcome["error"] = exc
        finally:
            events.put(None)

    thread = threading.Thread(target=work, name="summarize-download", daemon=True)
    thread.start()
    while (event := events.get()) is not None:
        yield event
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
