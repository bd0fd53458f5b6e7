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
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .batch import PrefetchingTranslator, atomic_write, settings_fingerprint
from .document import Document, Result
from .errors import InputError, ModelUnavailableError, SummarizeError
from .ingest import document_from_text
from .pipeline import MAX_BULLETS, Pipeline

__all__ = [
    "TABLE_SUFFIXES",
    "ADDED_COLUMNS",
    "Columns",
    "ShardProgress",
    "is_table",
    "guess_columns",
    "translate_rows",
    "translate_dataset",
    "translate_table",
]

log = logging.getLogger(__name__)

TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".json", ".parquet"})
ADDED_COLUMNS = ["title_en", "translation", "brief", "brief_sources", "flags", "status", "error", "model"]
_TEXT_NAMES = ("body", "text", "content", "isi", "artikel", "article", "berita", "konten")
_TITLE_NAMES = ("title", "judul", "headline", "heading")
_ID_NAMES = ("url", "id", "link", "uri", "guid")
_GUESS_ROWS = 50
# Rows per shard: the unit of resumption. SUMMARIZE_TABLE_SHARD_ROWS overrides (tests use 5).
_SHARD_ROWS = int(os.environ.get("SUMMARIZE_TABLE_SHARD_ROWS", "") or 200)


@dataclass(frozen=True)
class Columns:
    text: str
    title: str | None = None
    id: str | None = None


@dataclass
class ShardProgress:
    """One finished (or reused) shard; the CLI turns these into a progress display."""

    shard: int
    rows: int
    failed: int
    reused: bool


def is_table(path: Path) -> bool:
    """A table file, or a directory written by ``Dataset.save_to_disk``."""
    if path.is_dir():
        return (path / "dataset_info.json").is_file() or (path / "state.json").is_file()
    return path.suffix.lower() in TABLE_SUFFIXES


def _format_of(path: Path) -> str:
    if path.is_dir() or not path.suffix:
        return "disk"
    suffix = path.suffix.lower()
    return {".csv": "csv", ".jsonl": "json", ".json": "json", ".parquet": "parquet"}.get(suffix, "")


def _open_rows(path: Path) -> Iterable[dict[str, Any]]:
    """Rows as dicts without loading the whole table (streaming / memory-mapped)."""
    import datasets

    fmt = _format_of(path)
    if fmt == "disk":
        ds = datasets.load_from_disk(str(path))
        if isinstance(ds, datasets.DatasetDict):
            raise InputError(f"{path} holds several splits ({', '.join(ds)}); save one split.")
        return ds
    if fmt == "json":
        return _json_rows(path)
    if not fmt:
        raise InputError(f"{path}: unsupported table type. Use .csv, .jsonl, .parquet or a "
                         "directory written by Dataset.save_to_disk.")
    try:
        return datasets.load_dataset(fmt, data_files=str(path), split="train", streaming=True)
    except Exception as exc:  # malformed CSV/JSON surfaces as assorted pyarrow/datasets errors
        raise InputError(f"{path} could not be read as {fmt}: {exc}") from exc


def _json_rows(path: Path) -> Iterator[dict[str, Any]]:
    # Read JSON ourselves: pyarrow's reader turns date-like strings into timestamps, and the
    # output must keep every input column exactly as it was.
    with path.open(encoding="utf-8-sig") as handle:
        first = handle.read(1)
        while first.isspace():
            first = handle.read(1)
        handle.seek(0)
        if first == "[":  # a JSON array: small enough to be one document by construction
            data = json.load(handle)
            yield from (row for row in data if isinstance(row, dict))
            return
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path} line {number} is not valid JSON: {exc}") from exc
            if isinstance(row, dict):
                yield row


def guess_columns(rows: list[dict[str, Any]], text: str | None = None, title: str | None = None,
                  id: str | None = None) -> Columns:
    """Body = a known name or the string column with the longest values; title/id by name."""
    if not rows:
        raise InputError("The table has no rows.")
    names = list(rows[0])
    for given in (text, title, id):
        if given and given not in names:
            raise InputError(f"Column {given!r} not found; the table has: {', '.join(names)}.")
    lower = {n.lower(): n for n in names}

    def by_name(candidates: tuple[str, ...]) -> str | None:
        return next((lower[c] for c in candidates if c in lower), None)

    if text is None:
        text = by_name(_TEXT_NAMES)
    if text is None:
        lengths = {n: sum(len(r[n]) for r in rows if isinstance(r.get(n), str)) for n in names}
        text = max(lengths, key=lambda n: lengths[n]) if any(lengths.values()) else None
    if text is None:
        raise InputError("No text column found; name it with --text-column.")
    title = title or by_name(_TITLE_NAMES)
    id = id or by_name(_ID_NAMES)
    return Columns(text=text, title=title if title != text else None, id=id)


def _document(row: dict[str, Any], columns: Columns) -> Document:
    body = row.get(columns.text)
    if body is None:
        raise InputError(f"missing text in column {columns.text!r}")
    if not isinstance(body, str):
        raise InputError(f"column {columns.text!r} holds {type(body).__name__}, not text")
    doc = document_from_text(body)
    title = row.get(columns.title) if columns.title else None
    if isinstance(title, str) and title.strip():
        if doc.title:  # the body's own first line was a headline: keep it as body text
            doc.paragraphs.insert(0, [doc.title])
        doc.title = " ".join(title.split())
    return doc


def _added(result: Result | None, model: str, error: str = "") -> dict[str, Any]:
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
            added.append(_added(None, prefetched.name, str(doc)))
            continue
        try:
            added.append(_added(pipe.run(doc, bullets=bullets), prefetched.name))
        except ModelUnavailableError:
            raise
        except SummarizeError as exc:
            added.append(_added(None, prefetched.name, str(exc)))
        except Exception as exc:  # one odd row must not end a run over thousands
            log.debug("unexpected failure on a row", exc_info=True)
            added.append(_added(None, prefetched.name, f"{type(exc).__name__}: {exc}"))
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
    sample = [ds[i] for i in range(min(len(ds), _GUESS_ROWS))]
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


def _added_features() -> Any:
    from datasets import Features, List, Value

    return Features({
        "title_en": Value("string"), "translation": Value("string"),
        "brief": List(Value("string")), "brief_sources": List(List(Value("string"))),
        "flags": List(Value("string")), "status": Value("string"), "error": Value("string"),
        "model": Value("string"),
    })


def _shards(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    shard: list[dict[str, Any]] = []
    for row in rows:
        shard.append(dict(row))
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


def _rows_hash(rows: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


def _write_output(parts: list[Path], out: Path) -> None:
    """Assemble the shards into OUT's format, atomically (temporary sibling, then rename)."""
    import datasets

    full = datasets.load_dataset("parquet", data_files=[str(p) for p in parts], split="train")
    fmt = _format_of(out) if out.suffix else "disk"
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "disk":
        tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
        full.save_to_disk(str(tmp))
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
        return
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        if fmt == "parquet":
            full.to_parquet(tmp_name)
        elif fmt == "json":
            full.to_json(tmp_name, lines=True, force_ascii=False)
        elif fmt == "csv":
            # Spreadsheets cannot hold lists: list columns become JSON text.
            lists = [c for c in ("brief", "brief_sources", "flags") if c in full.column_names]
            full = full.map(lambda r: {c: json.dumps(r[c], ensure_ascii=False) for c in lists})
            full.to_csv(tmp_name, index=False)
        else:
            raise InputError(f"{out}: unsupported output type; use .parquet, .jsonl, .csv or a directory.")
        os.replace(tmp_name, out)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def translate_table(
    table: str | Path,
    out: str | Path,
    *,
    text_column: str | None = None,
    title_column: str | None = None,
    id_column: str | None = None,
    bullets: int = 5,
    force: bool = False,
    shard_rows: int = _SHARD_ROWS,
    pipeline: Pipeline | None = None,
    **pipeline_options: Any,
) -> Iterator[Columns | ShardProgress]:
    """Translate a table into OUT; yields the columns used, then one ShardProgress per shard."""
    import datasets

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
        rows = iter(_open_rows(table))
        head = [dict(r) for _, r in zip(range(_GUESS_ROWS), rows)]
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
        import datasets

        for index, shard in enumerate(_shards(itertools.chain(head, rows), shard_rows)):
            part = parts_dir / f"shard-{index:05d}.parquet"
            digest = _rows_hash(shard)
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
            features.update(_added_features())
            tmp = part.with_suffix(".tmp")
            datasets.Dataset.from_list(merged, features=features).to_parquet(str(tmp))
            os.replace(tmp, part)
            failed = sum(a["status"] == "failed" for a in added)
            manifest[str(index)] = {"hash": digest, "fingerprint": fingerprint, "rows": len(shard),
                                    "failed": failed}
            atomic_write(manifest_path, json.dumps(manifest, indent=1))
            parts.append(part)
            yield ShardProgress(index, len(shard), failed, reused=False)
        if not parts:
            raise InputError(f"{table} has no rows.")
        _write_output(parts, out)
    finally:
        pipe.translator = original
