"""Batch processing of a folder: resumable, atomic, and honest about every file that fails.

Inputs are read a window at a time; the sentences of all files in a window are translated
together in length-sorted batches (so the cores stay busy on short articles), then each file is
briefed and written the moment it is complete.  A manifest in OUT_DIR records each input's
content hash and the settings fingerprint, so a rerun redoes only what changed.  Every file is
written to a temporary file in its own directory and renamed: an interrupted run never leaves a
partial output behind.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import io
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document, Result
from ..errors import InputError, ModelUnavailableError, SummarizeError
from ..ingest import SUPPORTED_SUFFIXES
from ..mt import PrefetchingTranslator
from ..pipeline import MAX_BULLETS, Pipeline
from .stories import write_stories
from .writes import Manifest, atomic_write, settings_fingerprint, signals_deferred

__all__ = ["MANIFEST_NAME", "FileOutcome", "batch", "discover"]

log = logging.getLogger(__name__)


MANIFEST_NAME = ".summarize-manifest.json"


INDEX_COLUMNS = ["path", "status", "reason", "title", "site", "date", "first_bullet",
                 "sentences", "flags", "seconds"]


_WINDOW_FILES = 16


_WINDOW_SENTENCES = 400


@dataclass
class FileOutcome:
    """What happened to one input file; also a row of index.csv."""

    path: str  # relative to IN_DIR, with forward slashes
    status: str  # ok | unchanged | skipped | failed
    reason: str = ""
    outputs: list[str] = field(default_factory=list)
    title: str = ""
    site: str = ""
    date: str = ""
    first_bullet: str = ""
    sentences: int = 0
    flags: int = 0
    seconds: float = 0.0

    @property
    def index_status(self) -> str:
        # An unchanged input still has valid outputs: the index shows the same row as the run
        # that made them, so a rerun with nothing to do leaves the index byte-identical.
        return "ok" if self.status == "unchanged" else self.status

    def row(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("outputs")
        data["status"] = self.index_status
        return data


def discover(in_dir: Path, out_dir: Path | None = None, pattern: str | None = None) -> list[Path]:
    """Every file under IN_DIR in a stable order, skipping OUT_DIR and symlink loops."""
    in_dir = in_dir.resolve()
    skip = out_dir.resolve() if out_dir else None
    seen: set[tuple[int, int]] = set()
    found: list[Path] = []
    for root, dirs, files in os.walk(in_dir, followlinks=True):
        here = Path(root)
        stat = here.stat()
        if (stat.st_dev, stat.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if skip is None or (here / d).resolve() != skip)
        for name in sorted(files):
            path = here / name
            rel = path.relative_to(in_dir).as_posix()
            if name.startswith(".") or not path.is_file():
                continue
            if pattern and not (fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern)):
                continue
            found.append(path)
    return found


def _output_stems(files: list[Path], in_dir: Path) -> dict[Path, str]:
    """``dir/name`` without suffix, unless two inputs would collide (a.txt and a.html)."""
    stems: dict[Path, str] = {}
    taken: dict[str, int] = {}
    for path in files:
        stem = path.relative_to(in_dir).with_suffix("").as_posix()
        taken[stem] = taken.get(stem, 0) + 1
    for path in files:
        rel = path.relative_to(in_dir)
        stem = rel.with_suffix("").as_posix()
        # "index" is the batch index's own name: index.txt becomes index.txt.md, not index.md.
        stems[path] = stem if taken[stem] == 1 and stem != "index" else rel.as_posix()
    return stems


def _outcome_from(rel: str, result: Result, outputs: list[str], seconds: float) -> FileOutcome:
    meta = result.meta
    return FileOutcome(
        path=rel,
        status="ok",
        outputs=outputs,
        title=result.title.translation if result.title else "",
        site=str(meta.get("site") or meta.get("sitename") or ""),
        date=str(meta.get("date") or ""),
        first_bullet=result.brief[0].text if result.brief else "",
        sentences=len(result.sentences()),
        flags=sum(len(s.flags) for s in result.sentences()),
        seconds=round(seconds, 2),
    )


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _write_index(out_dir: Path, rows: list[FileOutcome]) -> None:
    rows = sorted(rows, key=lambda r: r.path)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=INDEX_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row.row())
    atomic_write(out_dir / "index.csv", buffer.getvalue())
    lines = ["# Batch index", "", "| file | status | title | site | date | first bullet | sentences | flags | s |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        status = r.index_status if not r.reason else f"{r.status}: {r.reason}"
        cells = [r.path, status, _short(r.title), r.site, r.date, _short(r.first_bullet), str(r.sentences),
                 str(r.flags), f"{r.seconds:.1f}"]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    atomic_write(out_dir / "index.md", "\n".join(lines) + "\n")


def _check_dirs(in_dir: Path, out_dir: Path) -> None:
    if not in_dir.is_dir():
        raise InputError(f"Input folder not found: {in_dir}. Give an existing directory.")
    if out_dir.resolve() == in_dir.resolve():
        # Outputs would overwrite articles (b.md) and be read back as inputs on the next run.
        raise InputError(f"The output folder is the input folder ({in_dir}); the translations "
                         "would overwrite the articles. Give another folder with -o.")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=out_dir, prefix=".probe-", delete=True)
        probe.close()
    except OSError as exc:
        raise InputError(f"Cannot write to the output folder {out_dir}: {exc.strerror}. "
                         "Choose a writable directory.") from exc


def batch(
    in_dir: str | Path,
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("md", "json"),
    bullets: int = 5,
    pattern: str | None = None,
    force: bool = False,
    stories: bool = False,
    pipeline: Pipeline | None = None,
    **pipeline_options: Any,
) -> Iterator[FileOutcome]:
    """Translate and brief every supported file under ``in_dir`` into ``out_dir``.

    With ``stories`` the translated articles are then grouped into stories (stories.md,
    stories.json and stories/story-NNN.*; see jobs/stories.py); that needs the JSON outputs.

    Yields one FileOutcome per input as soon as it is settled.  Raises InputError for unusable
    folders and ModelUnavailableError when no model can be loaded (nothing could succeed);
    per-file problems become ``failed`` outcomes and the batch goes on.
    """
    in_path, out_path = Path(in_dir), Path(out_dir)
    _check_dirs(in_path, out_path)
    if not 1 <= bullets <= MAX_BULLETS:
        raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets}.")
    formats = [f for f in formats if f]
    if stories and "json" not in formats:
        formats.append("json")  # the stories are built from the articles' JSON outputs
    unknown = set(formats) - {"md", "json"}
    if unknown or not formats:
        raise InputError(f"Unknown output format(s) {sorted(unknown)}; use md, json or md,json.")
    pipe = pipeline or Pipeline(**pipeline_options)
    inner = pipe.translator
    prefetched = PrefetchingTranslator(inner)
    pipe.translator = prefetched
    job = _Job(pipe, prefetched, Manifest(out_path / MANIFEST_NAME), out_path,
               settings_fingerprint(pipe, bullets, formats), formats, bullets, force)
    files = discover(in_path, out_path, pattern)
    if not any(f.suffix.lower() in SUPPORTED_SUFFIXES for f in files):
        # Nothing to do is a mistake (a wrong folder or glob), not an empty success.
        matching = f" matching {pattern!r}" if pattern else ""
        raise InputError(f"{in_path} has no readable articles{matching} ({len(files)} other files). Give a "
                         "folder of .txt, .md, .html, .docx or .pdf files" + (", or another --glob." if pattern else "."))
    job.stems = _output_stems(files, in_path.resolve())
    try:
        window: list[tuple[Path, str, str, Document]] = []
        window_sentences = 0
        for path in files:
            rel = path.relative_to(in_path.resolve()).as_posix()
            settled = job.settle(path, rel)
            if isinstance(settled, FileOutcome):
                job.rows.append(settled)
                yield settled
                continue
            window.append(settled)
            window_sentences += len(settled[3].sentences())
            if len(window) >= _WINDOW_FILES or window_sentences >= _WINDOW_SENTENCES:
                yield from job.process_window(window)
                window, window_sentences = [], 0
        if window:
            yield from job.process_window(window)
        if stories:
            write_stories(out_path, [(r.path, o) for r in sorted(job.rows, key=lambda r: r.path)
                                     if r.status in {"ok", "unchanged"} for o in r.outputs if o.endswith(".json")])
    finally:
        pipe.translator = inner
        _write_index(out_path, job.rows)


@dataclass
class _Job:
    """One batch run: what every file of it is settled against."""

    pipe: Pipeline
    prefetched: PrefetchingTranslator
    manifest: Manifest
    out_dir: Path
    fingerprint: str
    formats: Sequence[str]
    bullets: int
    force: bool
    stems: dict[Path, str] = field(default_factory=dict)
    rows: list[FileOutcome] = field(default_factory=list)

    def settle(self, path: Path, rel: str) -> FileOutcome | tuple[Path, str, str, Document]:
        """An outcome for a file that needs no translation, else the file read and ready."""
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            return FileOutcome(rel, "skipped", f"unsupported file type {path.suffix or '(none)'}")
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            return FileOutcome(rel, "failed", f"cannot read the file: {exc.strerror}")
        entry = self.manifest.entries.get(rel)
        if (not self.force and entry and entry.get("status") == "ok"
                and entry.get("hash") == digest and entry.get("fingerprint") == self.fingerprint
                and all((self.out_dir / o).is_file() for o in entry.get("outputs", []))):
            return FileOutcome(**{**entry["row"], "status": "unchanged", "outputs": entry["outputs"]})
        try:
            return path, rel, digest, Document.from_file(path)
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop the batch
            reason = str(exc) if isinstance(exc, SummarizeError) else (
                f"cannot read the file ({type(exc).__name__}: {exc})")
            if not isinstance(exc, SummarizeError):
                log.warning("reading %s failed", rel, exc_info=True)
            outcome = FileOutcome(rel, "failed", reason)
            self.record(rel, digest, outcome)
            return outcome

    def record(self, rel: str, digest: str, outcome: FileOutcome) -> None:
        self.manifest.entries[rel] = {"hash": digest, "fingerprint": self.fingerprint,
                                      "status": outcome.status, "outputs": outcome.outputs,
                                      "row": outcome.row()}
        self.manifest.save()

    def process_window(self, window: list[tuple[Path, str, str, Document]]) -> Iterator[FileOutcome]:
        started = time.perf_counter()
        self.prefetched.memo.clear()  # memory stays flat: only this window's sentences are held
        self.prefetched.prefetch(t for _, _, _, doc in window for t in self.pipe.model_inputs(doc))
        shared = (time.perf_counter() - started) / max(1, len(window))
        for path, rel, digest, doc in window:
            t0 = time.perf_counter()
            outcome: FileOutcome | None = None
            try:
                result = self.pipe.run(doc, bullets=self.bullets)
            except ModelUnavailableError:
                raise
            except SummarizeError as exc:
                outcome = FileOutcome(rel, "failed", str(exc))
            except Exception as exc:  # one broken article must not stop an overnight batch
                log.debug("unexpected failure on %s", rel, exc_info=True)
                outcome = FileOutcome(rel, "failed", f"{type(exc).__name__}: {exc}")
            with signals_deferred():
                if outcome is None:
                    outputs = _write_outputs(result, self.out_dir, self.stems[path], self.formats)
                    outcome = _outcome_from(rel, result, outputs, shared + time.perf_counter() - t0)
                self.record(rel, digest, outcome)
            self.rows.append(outcome)
            yield outcome


def _write_outputs(result: Result, out_dir: Path, stem: str, formats: Sequence[str]) -> list[str]:
    outputs = []
    if "md" in formats:
        atomic_write(out_dir / f"{stem}.md", result.to_markdown())
        outputs.append(f"{stem}.md")
    if "json" in formats:
        atomic_write(out_dir / f"{stem}.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        outputs.append(f"{stem}.json")
    return outputs
