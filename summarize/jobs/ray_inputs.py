"""What `summarize batch INPUT --ray` reads: a table, a folder of tables, or a folder of articles,
cut into shards of rows (a shard is the unit that is written, and skipped on a rerun), and the
blocks that carry a shard's rows to the Ray actors."""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, SummarizeError
from ..ingest import SUPPORTED_SUFFIXES
from .folder import discover
from .table_io import GUESS_ROWS, TABLE_SUFFIXES, Columns, format_of, guess_columns, is_table, open_rows, rows_hash, shards
from .tables import ADDED_COLUMNS

__all__ = ["Source", "Shard", "plan_sources", "count_rows", "source_shards", "packed_block", "FILES_LABEL"]

FILES_LABEL = "articles"


@dataclass
class Source:
    """One input of the job: a table (file or ``save_to_disk`` folder) or the folder's articles."""

    label: str  # as shown in the index: the path relative to INPUT
    kind: str  # "table" | "files"
    path: Path
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files of no readable kind (articles source)

    @property
    def prefix(self) -> str:
        """The shard files' name stem: the label with anything but letters, digits, . - _ as _."""
        return re.sub(r"[^\w.-]+", "_", self.label).strip("_") or "input"


@dataclass
class Shard:
    source: Source
    index: int
    first_row: int
    rows: list[dict[str, Any]]  # table rows, or {"path", "__content", "__error"} per article
    digest: str
    columns: Columns | None

    @property
    def name(self) -> str:
        return f"{self.source.prefix}-{self.index:05d}"


def _dataset_folder(root: Path, rel: Path) -> Path | None:
    """The ``save_to_disk`` folder a file belongs to, if any (outermost first)."""
    for k in range(1, len(rel.parts)):
        folder = root.joinpath(*rel.parts[:k])
        if is_table(folder):
            return folder
    return None


def plan_sources(in_path: Path, out_dir: Path, pattern: str | None = None) -> list[Source]:
    if not in_path.exists():
        raise InputError(f"Input not found: {in_path}. Give a table or a folder of tables or articles.")
    if is_table(in_path):
        return [Source(in_path.name, "table", in_path)]
    if not in_path.is_dir():
        raise InputError(f"{in_path} is neither a table (.csv .jsonl .json .parquet or a save_to_disk "
                         "folder) nor a folder of tables or articles.")
    root = in_path.resolve()
    tables: dict[Path, Source] = {}
    articles = Source(FILES_LABEL, "files", root)
    for path in discover(root, out_dir, pattern):
        rel = path.relative_to(root)
        folder = _dataset_folder(root, rel)
        if folder is not None:
            tables.setdefault(folder, Source(folder.relative_to(root).as_posix(), "table", folder))
        elif path.suffix.lower() in TABLE_SUFFIXES:
            tables[path] = Source(rel.as_posix(), "table", path)
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            articles.files.append(path)
        else:
            articles.skipped.append(rel.as_posix())
    sources = sorted(tables.values(), key=lambda s: s.label)
    if articles.files:
        sources.append(articles)
    if not sources:
        raise InputError(f"{in_path} holds no tables (.csv .jsonl .json .parquet) and no articles "
                         f"({' '.join(sorted(SUPPORTED_SUFFIXES))}).")
    return sources


def count_rows(source: Source) -> int:
    """Rows of a source, for the progress bar (metadata where the format has it)."""
    if source.kind == "files":
        return len(source.files)
    fmt = format_of(source.path)
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(source.path).metadata.num_rows)
        rows = open_rows(source.path)
        return len(rows) if hasattr(rows, "__len__") else sum(1 for _ in rows)
    except SummarizeError:
        raise
    except Exception as exc:  # malformed files fail on the first read, in pandas/pyarrow
        raise InputError(f"{source.path} could not be read as a table: {exc}") from exc


def source_shards(source: Source, shard_rows: int, text: str | None, title: str | None,
                  id: str | None) -> Iterator[Shard]:
    """The source's shards in order; each with its content hash (the rerun test)."""
    if source.kind == "files":
        yield from _file_shards(source, shard_rows)
        return
    try:
        rows = iter(open_rows(source.path))
        head = [dict(r) for r in itertools.islice(rows, GUESS_ROWS)]
    except SummarizeError:
        raise
    except Exception as exc:
        raise InputError(f"{source.path} could not be read as a table: {exc}") from exc
    columns = guess_columns(head, text, title, id)
    clash = set(ADDED_COLUMNS) & set(head[0])
    if clash:
        raise InputError(f"{source.label} already has column(s) {sorted(clash)}; rename them first.")
    first = 0
    for index, shard in enumerate(shards(itertools.chain(head, rows), shard_rows)):
        yield Shard(source, index, first, shard, rows_hash(shard), columns)
        first += len(shard)


def _file_shards(source: Source, shard_rows: int) -> Iterator[Shard]:
    for index, start in enumerate(range(0, len(source.files), shard_rows)):
        rows, hashed = [], []
        for path in source.files[start:start + shard_rows]:
            rel = path.relative_to(source.path).as_posix()
            try:
                content, error = path.read_bytes(), ""
            except OSError as exc:
                content, error = b"", f"{rel}: cannot read the file: {exc.strerror}"
            rows.append({"path": rel, "__content": content, "__error": error})
            hashed.append({"path": rel, "sha256": hashlib.sha256(content).hexdigest(), "error": error})
        yield Shard(source, index, start, rows, rows_hash(hashed), None)


def packed_block(shard: Shard) -> Any:
    """A shard as one Arrow block in the actors' one schema: the shard is translated as one
    batch, exactly the window the local table batch translates together, so the output is the
    same row for row whatever the backend (int8 CTranslate2 results depend on the batch)."""
    import pyarrow as pa

    rows = shard.rows
    if shard.source.kind == "files":
        data = {"__kind": ["file"] * len(rows), "__meta": [json.dumps({"error": r["__error"]}) for r in rows],
                "__name": [r["path"] for r in rows], "__payload": [r["__content"] for r in rows]}
    else:
        meta = json.dumps(vars(shard.columns)) if shard.columns else ""
        data = {"__kind": ["table"] * len(rows), "__meta": [meta] * len(rows), "__name": [""] * len(rows),
                "__payload": [pickle.dumps(r) for r in rows]}
    return pa.table({"__key": pa.array(range(len(rows)), pa.int64()),
                     **{k: pa.array(v, pa.binary() if k == "__payload" else pa.string()) for k, v in data.items()},
                     "__shard": pa.array([shard.name] * len(rows), pa.string())})
