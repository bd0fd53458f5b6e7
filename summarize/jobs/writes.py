"""What every job writes with: atomic files, a manifest of settled inputs, the settings
fingerprint that decides whether an output is still valid, and signal deferral."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..document import SCHEMA_VERSION
from ..pipeline import Pipeline
from ..settings import VERSION

__all__ = ["atomic_write", "Manifest", "settings_fingerprint", "signals_deferred"]

log = logging.getLogger(__name__)


def _umask() -> int:
    """The process's umask, read without changing it (Linux), else by setting it back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, then rename (atomic on POSIX).

    Identical content is not rewritten, so a rerun with nothing to do touches no file.
    """
    try:
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are the user's files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Manifest:
    """Content hash and settings fingerprint per input, saved atomically after every file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, dict[str, Any]] = {}
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = dict(data.get("entries", {}))
            except (ValueError, OSError):
                log.warning("manifest %s is unreadable; every input will be redone", path)

    def save(self) -> None:
        atomic_write(self.path, json.dumps({"version": 1, "entries": self.entries},
                                           ensure_ascii=False, indent=1))


def settings_fingerprint(pipe: Pipeline, bullets: int, formats: Sequence[str]) -> str:
    terms = getattr(pipe, "terms", None)
    fields = {
        "mt": pipe.translator.name,
        # Model files and backend: a re-downloaded or re-converted model redoes the outputs.
        "model": str(getattr(pipe.translator, "fingerprint", "")),
        "terms": repr((terms.abbreviations, terms.glossary)) if terms is not None else "",
        "retry": repr(getattr(pipe, "retry", None)),
        "model_check": repr(getattr(pipe, "model_check", None)),
        "decoding": pipe.decoding.to_dict(),
        "summarizer": pipe.summarizer,
        "bullets": bullets,
        "formats": sorted(formats),
        "version": VERSION,
        "schema": SCHEMA_VERSION,
    }
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while a file's outputs and its manifest entry are written, so an
    interruption never separates an output from the record that lets a rerun skip it.

    The Python-level handlers are swapped rather than the thread's signal mask: with Ray,
    pyarrow or torch threads alive the kernel hands the signal to any unmasked thread, and
    CPython still runs the handler in the main thread, inside the write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(signum)
        if handler is not None:  # None: installed outside Python, which we cannot put back
            previous[signum] = signal.signal(signum, lambda got, _frame: held.append(got))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            # Delivered again now that the write is whole: KeyboardInterrupt, or the default exit.
            signal.raise_signal(held[0])
