"""Article tables as datasets: CSV / JSONL / Parquet / ``save_to_disk`` in, the same table out
with English columns added (translation, brief, QA flags, status).

Rows are streamed in shards, so memory stays flat on large tables; each finished shard is a
Parquet file in ``OUT.parts/`` recorded in a manifest (content hash + settings fingerprint), so
an interrupted run resumes from the finished shards; the output is assembled at the end and
moved into place atomically.  Sentences of all rows of a shard share length-sorted batches.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import settings
from ..document import Document, Result
from ..errors import InputError, ModelUnavailableError, SummarizeError
from ..mt import PrefetchingTranslator
from ..pipeline import MAX_BULLETS, Pipeline
from .table_io import (
    GUESS_ROWS,
    TABLE_SUFFIXES,
    Columns,
    added_features,
    guess_columns,
    is_table,
    open_rows,
    rows_hash,
    shards,
    write_output,
)
from .writes import atomic_write, settings_fingerprint, signals_deferred

__all__ = [
    "TABLE_SUFFIXES",
    "ADDED_COLUMNS",
    "added_columns",
    "Columns",
    "ShardProgress",
    "is_table",
    "guess_columns",
    "translate_rows",
    "translate_dataset",
    "translate_table",
]

log = logging.getLogger(__name__)


ADDED_COLUMNS = ["title_en", "translation", "brief", "brief_sources", "flags", "status", "error", "model"]


@dataclass
class ShardProgress:
    """One finished (or reused) shard; the CLI turns these into a progress display."""

    shard: int
    rows: int
    failed: int
    reused: bool


def _document(row: dict[str, Any], columns: Columns) -> Document:
    body = row.get(columns.text)
    if body is None:
        raise InputError(f"missing text in column {columns.text!r}")
    if not isinstance(body, str):
        raise InputError(f"column {columns.text!r} holds {type(body).__name__}, not text")
    doc = Document.from_text(body)
    title = row.get(columns.title) if columns.title else None
    if isinstance(title, str) and title.strip():
        if doc.title:  # the body's own first line was a headline: keep it as body text
            doc.paragraphs.insert(0, [doc.title])
        doc.title = " ".join(title.split())
    return doc


def added_columns(result: Result | None, model: str, error: str = "") -> dict[str, Any]:
    """The English columns a row gets (the one form, for the table batch and for Ray)."""
    if result is None:
        return {"title_en": None, "translation": None, "brief": [], "brief_sources": [],
                "flags": [], "status": "failed", "error": error, "model": model}
    return {
        "title_en": result.title.translation if result.title else None,
        "translation": "\n\n".join(" ".join(s.translation for s in p) for p in result.paragraphs),
        "brief": [b.text for b in result.brief],
        "brief_sources": [list(b.sources) for b in result.brief],
        "flags": [f"{s.id}:{flag}" for s in result.sentences() for flag in s.flags],
        "status": "ok",
        "error": "",
        "model": model,
    }


def translate_rows(rows: list[dict[str, Any]], columns: Columns, pipe: Pipeline,
                   prefetched: PrefetchingTranslator, bullets: int = 5) -> list[dict[str, Any]]:
    """The added columns for each row; the rows' sentences are translated together first."""
    docs: list[Document | SummarizeError] = []
    for row in rows:
        try:
            docs.append(_document(row, columns))
        except SummarizeError as exc:
            docs.append(exc)
    prefetched.memo.clear()
    prefetched.prefetch(t for d in docs if isinstance(d, Document) for t in pipe.model_inputs(d))
    added = []
    for doc in docs:
        if isinstance(doc, SummarizeError):
            added.append(added_columns(None, prefetched.name, str(doc)))
            continue
        try:
            added.append(added_columns(pipe.run(doc, bullets=bullets), prefetched.name))
        except ModelUnavailableError:
            raise
        except SummarizeError as exc:
            added.append(added_columns(None, prefetched.name, str(exc)))
        except Exception as exc:  # one odd row must not end a run over thousands
            log.debug("unexpected failure on a row", exc_info=True)
            added.append(added_columns(None, prefetched.name, f"{type(exc).__name__}: {exc}"))
    return added


def _with_prefetch(pipe: Pipeline) -> PrefetchingTranslator:
    if isinstance(pipe.translator, PrefetchingTranslator):
        return pipe.translator
    prefetched = PrefetchingTranslator(pipe.translator)
    pipe.translator = prefetched
    return prefetched


def translate_dataset(ds: Any, text_column: str | None = None, *, title_column: str | None = None,
                      bullets: int = 5, batch_size: int = 32, pipeline: Pipeline | None = None,
                      **pipeline_options: Any) -> Any:
    """``datasets.Dataset`` in, the same dataset with the added English columns out."""
    pipe = pipeline or Pipeline(**pipeline_options)
    original = pipe.translator
    prefetched = _with_prefetch(pipe)
    try:
        return _map_dataset(ds, pipe, prefetched, text_column, title_column, bullets, batch_size)
    finally:
        pipe.translator = original


def _map_dataset(ds: Any, pipe: Pipeline, prefetched: PrefetchingTranslator, text_column: str | None,
                 title_column: str | None, bullets: int, batch_size: int) -> Any:
    sample = [ds[i] for i in range(min(len(ds), GUESS_ROWS))]
    columns = guess_columns(sample, text_column, title_column)
    clash = set(ADDED_COLUMNS) & set(ds.column_names)
    if clash:
        raise InputError(f"The dataset already has column(s) {sorted(clash)}; rename them first.")

    def add(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        rows = [dict(zip(batch, values)) for values in zip(*batch.values())]
        added = translate_rows(rows, columns, pipe, prefetched, bullets)
        return {name: [a[name] for a in added] for name in ADDED_COLUMNS}

    fingerprint = hashlib.sha256(
        f"{ds._fingerprint}:{settings_fingerprint(pipe, bullets, [])}:{columns}".encode()
    ).hexdigest()[:16]
    return ds.map(add, batched=True, batch_size=batch_size, new_fingerprint=fingerprint,
                  desc="Translating")


def translate_table(
    table: str | Path,
    out: str | Path,
    *,
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
    bullets: int = 5,
    force: bool = False,
    shard_rows: int | None = None,
    pipeline: Pipeline | None = None,
    **pipeline_options: Any,
) -> Iterator[Columns | ShardProgress]:
    """Translate a table into OUT; yields the columns used, then one ShardProgress per shard."""
    import datasets

    shard_rows = shard_rows or settings.table_shard_rows()
    # datasets' per-step bars ("Creating parquet…") would drown the row progress the CLI shows.
    bars_were_on = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        yield from _translate_table(Path(table), Path(out), text_column, title_column, id_column,
                                    bullets, force, shard_rows, pipeline, pipeline_options)
    finally:
        if bars_were_on:
            datasets.enable_progress_bars()


def _translate_table(table: Path, out: Path, text_column: str | None, title_column: str | None,
                     id_column: str | None, bullets: int, force: bool, shard_rows: int,
                     pipeline: Pipeline | None, pipeline_options: dict[str, Any]
                     ) -> Iterator[Columns | ShardProgress]:
    if not table.exists():
        raise InputError(f"Table not found: {table}.")
    if out.suffix and out.suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(f"{out}: unsupported output type; use .parquet, .jsonl, .csv or a directory.")
    if not 1 <= bullets <= MAX_BULLETS:
        raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets}.")
    try:
        rows = iter(open_rows(table))
        head = [dict(r) for _, r in zip(range(GUESS_ROWS), rows)]
    except SummarizeError:
        raise
    except Exception as exc:  # empty or malformed files fail on the first read, in pandas/pyarrow
        raise InputError(f"{table} could not be read as a table: {exc}") from exc
    columns = guess_columns(head, text_column, title_column, id_column)
    clash = set(ADDED_COLUMNS) & set(head[0])
    if clash:
        raise InputError(f"The table already has column(s) {sorted(clash)}; rename them first.")
    yield columns
    pipe = pipeline or Pipeline(**pipeline_options)
    original = pipe.translator
    prefetched = _with_prefetch(pipe)
    try:
        yield from _run_shards(itertools.chain(head, rows), table, out, columns, pipe, prefetched,
                               bullets, force, shard_rows)
    finally:
        pipe.translator = original


def _run_shards(rows: Iterator[dict[str, Any]], table: Path, out: Path, columns: Columns, pipe: Pipeline,
                prefetched: PrefetchingTranslator, bullets: int, force: bool, shard_rows: int
                ) -> Iterator[ShardProgress]:
    import datasets

    fingerprint = settings_fingerprint(pipe, bullets, [str(columns)])
    # Finished shards are kept beside the output: they let a rerun skip unchanged rows.
    parts_dir = out.parent / f".{out.name}.parts"
    parts_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = parts_dir / "manifest.json"
    manifest: dict[str, Any] = {}
    if manifest_path.is_file() and not force:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            log.warning("shard manifest %s is unreadable; every shard will be redone", manifest_path)
    parts: list[Path] = []
    for index, shard in enumerate(shards(rows, shard_rows)):
        part = parts_dir / f"shard-{index:05d}.parquet"
        digest = rows_hash(shard)
        entry = manifest.get(str(index))
        if entry and entry["hash"] == digest and entry["fingerprint"] == fingerprint and part.is_file():
            parts.append(part)
            yield ShardProgress(index, entry["rows"], entry["failed"], reused=True)
            continue
        added = translate_rows(shard, columns, pipe, prefetched, bullets)
        merged = [{**row, **extra} for row, extra in zip(shard, added)]
        # Explicit types for the added columns: a shard whose rows all failed would otherwise
        # infer "null" columns that cannot be concatenated with the others.
        features = datasets.Dataset.from_list(shard).features.copy()
        features.update(added_features())
        tmp = part.with_suffix(".tmp")
        failed = sum(a["status"] == "failed" for a in added)
        manifest[str(index)] = {"hash": digest, "fingerprint": fingerprint, "rows": len(shard),
                                "failed": failed}
        # A shard without its manifest entry would be redone on the rerun: write both or neither.
        with signals_deferred():
            datasets.Dataset.from_list(merged, features=features).to_parquet(str(tmp))
            os.replace(tmp, part)
            atomic_write(manifest_path, json.dumps(manifest, indent=1))
        parts.append(part)
        yield ShardProgress(index, len(shard), failed, reused=False)
    if not parts:
        raise InputError(f"{table} has no rows.")
    write_output(parts, out)
