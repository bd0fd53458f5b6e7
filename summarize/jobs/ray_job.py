"""`summarize batch INPUT -o OUT_DIR --ray`: the table batch on a Ray cluster, resumable.

The driver reads the input (a table, a folder of tables, a folder of articles) and cuts it into
shards of ``SUMMARIZE_TABLE_SHARD_ROWS`` rows.  A shard whose rows and settings are unchanged
since a finished earlier run is skipped; the others go to the actors in waves (one Ray Dataset
each, so memory on the driver stays bounded; see WAVE_BYTES), one shard per batch: the rows the local table
batch translates together, so the output is the same row for row.  A shard is
written to ``OUT_DIR/shards/`` the moment its last row is back, under a temporary name then
renamed, and recorded in ``OUT_DIR/index.json`` (content hash + settings fingerprint).  An
interrupted run leaves only complete shards; the rerun recomputes the missing ones.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import InputError, SummarizeError
from ..pipeline import MAX_BULLETS, Pipeline
from .ray_batch import RESULT_COLUMN, PackedTranslator, connect, default_actors, driver_pipeline, fatal_error, map_translate
from .ray_index import SHARDS_DIR, RayIndex
from .ray_inputs import Shard, Source, count_rows, packed_block, plan_sources, source_shards
from .table_io import TABLE_SUFFIXES, added_features
from .writes import settings_fingerprint, signals_deferred

__all__ = ["RayProgress", "SHARDS_DIR", "ray_batch"]

log = logging.getLogger(__name__)


@dataclass
class RayProgress:
    """Rows settled so far (done / total); ``shard`` names a shard just written or reused."""

    done: int
    total: int
    failed: int
    rows: int = 0  # rows settled by this event
    shard: str | None = None
    reused: bool = False
    note: str | None = None  # an input that could not be read at all


# A wave is one Ray Dataset, and each Dataset starts its actors afresh (process start, model
# load: seconds each time), so waves are as large as the driver's memory allows: it holds a
# wave's rows until they are written, and their packed copy until the actors have them.  News
# rows are a few KB, so the row bound is tens of MB; the byte bound stops a wave of large files.
WAVE_SHARDS_PER_ACTOR = 32
WAVE_MIN_SHARDS = 64
WAVE_BYTES = 256 * 2**20


@dataclass
class _Wave:
    shards: list[Shard] = field(default_factory=list)
    blocks: list[Any] = field(default_factory=list)  # packed_block of each shard
    rows: int = 0
    bytes: int = 0

    def add(self, shard: Shard) -> None:
        block = packed_block(shard)
        self.shards.append(shard)
        self.blocks.append(block)
        self.rows += len(shard.rows)
        self.bytes += block.nbytes

    def full(self, limit_rows: int) -> bool:
        return self.rows >= limit_rows or self.bytes >= WAVE_BYTES


def ray_batch(in_path: str | Path, out_dir: str | Path, *, text_column: str | None = None,
              title_column: str | None = None, id_column: str | None = None, bullets: int = 5,
              force: bool = False, stories: bool = False, actors: int | None = None,
              cpus_per_actor: float | None = None, address: str | None = None,
              shard_rows: int | None = None, pattern: str | None = None,
              **pipeline_options: Any) -> Iterator[RayProgress]:
    """Translate INPUT into OUT_DIR on Ray; yields progress.  ``address``: the cluster to join
    (``auto``, the head's ``HOST:PORT``); None starts a local Ray runtime unless one is running."""
    if not 1 <= bullets <= MAX_BULLETS:
        raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets}.")
    in_path, out = Path(in_path), Path(out_dir)
    if out.suffix.lower() in TABLE_SUFFIXES:
        raise InputError(f"With --ray the output is a folder of Parquet shards, not {out.name}; give a "
                         "folder with -o.")
    sources = plan_sources(in_path, out, pattern)
    pipe, options = driver_pipeline(pipeline_options)
    connect(address)
    cpus = float(cpus_per_actor or 1)
    job = _RayJob(out, pipe, options, bullets, actors or default_actors(cpus), cpus,
                  shard_rows or settings.table_shard_rows(),
                  (text_column, title_column, id_column), RayIndex(out, force))
    with _quiet_libraries():
        yield from job.run(sources, stories)


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """The job reports its own progress and errors: Ray Data's bars and logs, and datasets'
    bars, would drown them (kept with -vv, i.e. debug logging)."""
    import datasets
    import ray.data

    context = ray.data.DataContext.get_current()
    ray_bars = context.enable_progress_bars
    context.enable_progress_bars = False
    ray_log = logging.getLogger("ray.data")
    level = ray_log.level
    if not log.isEnabledFor(logging.DEBUG):
        ray_log.setLevel(logging.CRITICAL)
    bars_were_on = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        yield
    finally:
        context.enable_progress_bars = ray_bars
        ray_log.setLevel(level)
        if bars_were_on:
            datasets.enable_progress_bars()


@dataclass
class _RayJob:
    out: Path
    pipe: Pipeline
    options: dict[str, Any]
    bullets: int
    actors: int
    cpus: float
    shard_rows: int
    column_names: tuple[str | None, str | None, str | None]
    index: RayIndex
    done: int = 0
    failed: int = 0
    total: int = 0

    def fingerprint(self, shard: Shard) -> str:
        return settings_fingerprint(self.pipe, self.bullets, ["ray", str(shard.columns) if shard.columns else "files"])

    def run(self, sources: list[Source], stories: bool) -> Iterator[RayProgress]:
        readable = []
        for source in sources:
            try:
                self.total += count_rows(source)
                readable.append(source)
            except InputError as exc:
                if len(sources) == 1:
                    raise
                self.index.unreadable(source.label, str(exc))
                yield RayProgress(self.done, self.total, self.failed, note=str(exc))
        yield RayProgress(self.done, self.total, self.failed)
        complete = False
        try:
            yield from self._waves(readable)
            complete = True
        finally:
            self.index.finish(complete, [s for s in sources if s.kind == "files"])
        if stories:
            self.index.write_stories()

    def _waves(self, sources: list[Source]) -> Iterator[RayProgress]:
        wave = _Wave()
        limit = max(WAVE_MIN_SHARDS, WAVE_SHARDS_PER_ACTOR * self.actors) * self.shard_rows
        for source in sources:
            try:
                for shard in source_shards(source, self.shard_rows, *self.column_names):
                    fingerprint = self.fingerprint(shard)
                    entry = self.index.reusable(shard, fingerprint)
                    if entry is not None:
                        self.done += entry["rows"]
                        self.failed += entry["failed"]
                        yield RayProgress(self.done, self.total, self.failed, entry["rows"], shard.name, True)
                        continue
                    wave.add(shard)
                    if wave.full(limit):
                        yield from self._run_wave(wave)
                        wave = _Wave()
            except InputError as exc:
                if len(sources) == 1:
                    raise
                self.index.unreadable(source.label, str(exc))
                yield RayProgress(self.done, self.total, self.failed, note=str(exc))
        if wave.shards:
            yield from self._run_wave(wave)

    def _run_wave(self, wave: _Wave) -> Iterator[RayProgress]:
        import ray

        shards = wave.shards
        constructor = {"columns": None, "bullets": self.bullets, "options": self.options, "terms": self.pipe.terms}
        # One shard is one batch: a wave of fewer shards than actors needs no more actors.
        ds = map_translate(ray.data.from_arrow(wave.blocks), PackedTranslator, constructor,
                           actors=min(self.actors, len(shards)), cpus_per_actor=self.cpus, batch_size=None)
        pending = {s.name: s for s in shards}
        got: dict[str, dict[int, dict[str, Any]]] = {s.name: {} for s in shards}
        batches = iter(ds.iter_batches(batch_format="pyarrow", batch_size=None))
        try:
            for batch in _ray_errors(batches):
                for name in self._settle(batch.to_pylist(), pending, got):
                    yield RayProgress(self.done, self.total, self.failed, len(got.pop(name)), name)
        finally:
            getattr(batches, "close", lambda: None)()
        if pending:
            raise SummarizeError(f"The Ray job ended without shard(s) {', '.join(pending)}; rerun the same "
                                 "command to compute them.")

    def _settle(self, rows: list[dict[str, Any]], pending: dict[str, Shard],
                got: dict[str, dict[int, dict[str, Any]]]) -> list[str]:
        """File the rows of a batch under their shard; write and return the shards now complete."""
        complete = []
        for row in rows:
            name, key = row.pop("__shard"), row.pop("__key")
            if name not in pending or key in got[name]:  # a batch Ray ran twice: keep the first copy
                log.warning("row %d of shard %s came back twice; the copy is dropped", key, name)
                continue
            got[name][key] = row
            if len(got[name]) == len(pending[name].rows):
                shard = pending.pop(name)
                added = [got[name][k] for k in range(len(shard.rows))]
                self._write(shard, added)
                self.done += len(added)
                self.failed += sum(a["status"] == "failed" for a in added)
                complete.append(name)
        return complete

    def _write(self, shard: Shard, added: list[dict[str, Any]]) -> None:
        import datasets

        if shard.source.kind == "files":
            rows = [{"path": r["path"], **extra} for r, extra in zip(shard.rows, added)]
            features = datasets.Features({"path": datasets.Value("string")})
        else:
            rows = [{**r, **extra} for r, extra in zip(shard.rows, added)]
            # Explicit types for the added columns, as the local table batch writes them.
            features = datasets.Dataset.from_list(shard.rows).features.copy()
        features.update(added_features())
        features[RESULT_COLUMN] = datasets.Value("string")
        part = self.index.shard_path(shard.name)
        tmp = part.with_name(f".{part.name}.tmp")
        with signals_deferred():
            datasets.Dataset.from_list(rows, features=features).to_parquet(str(tmp))
            os.replace(tmp, part)
            self.index.record(shard, self.fingerprint(shard), added)


def _ray_errors(batches: Iterator[Any]) -> Iterator[Any]:
    """Ray's exceptions as one paragraph: the actor's own SummarizeError when it raised one."""
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (KeyboardInterrupt, SummarizeError):
            raise
        except Exception as exc:  # RayTaskError and friends: a wall of traceback text
            fatal = fatal_error(exc)
            if fatal is not None:
                raise fatal from None
            lines = [ln for ln in str(exc).strip().splitlines() if ln.strip()]
            raise SummarizeError(
                f"The Ray job stopped: {lines[-1] if lines else type(exc).__name__}. Finished shards are "
                "kept; rerun the same command to resume (with -vv for Ray's own logs)."
            ) from None
        yield batch

