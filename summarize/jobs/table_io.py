"""Reading and writing article tables (CSV, JSONL, Parquet, ``save_to_disk`` folders) with
``datasets``: streamed rows in, shards and the assembled output out, columns guessed by name."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["TABLE_SUFFIXES", "GUESS_ROWS", "Columns", "is_table", "format_of", "open_rows", "guess_columns",
           "added_features", "shards", "rows_hash", "write_output"]


TABLE_SUFFIXES = frozenset({".csv", ".jsonl", ".json", ".parquet"})


_TEXT_NAMES = ("body", "text", "content", "isi", "artikel", "article", "berita", "konten")


_TITLE_NAMES = ("title", "judul", "headline", "heading")


_ID_NAMES = ("url", "id", "link", "uri", "guid")


GUESS_ROWS = 50


@dataclass(frozen=True)
class Columns:
    text: str
    title: str | None = None
    id: str | None = None


def is_table(path: Path) -> bool:
    """A table file, or a directory written by ``Dataset.save_to_disk``."""
    if path.is_dir():
        return (path / "dataset_info.json").is_file() or (path / "state.json").is_file()
    return path.suffix.lower() in TABLE_SUFFIXES


def format_of(path: Path) -> str:
    if path.is_dir() or not path.suffix:
        return "disk"
    suffix = path.suffix.lower()
    return {".csv": "csv", ".jsonl": "json", ".json": "json", ".parquet": "parquet"}.get(suffix, "")


def open_rows(path: Path) -> Iterable[dict[str, Any]]:
    """Rows as dicts without loading the whole table (streaming / memory-mapped)."""
    import datasets

    fmt = format_of(path)
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


def added_features() -> Any:
    from datasets import Features, List, Value

    return Features({
        "title_en": Value("string"), "translation": Value("string"),
        "brief": List(Value("string")), "brief_sources": List(List(Value("string"))),
        "flags": List(Value("string")), "status": Value("string"), "error": Value("string"),
        "model": Value("string"),
    })


def shards(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    shard: list[dict[str, Any]] = []
    for row in rows:
        shard.append(dict(row))
        if len(shard) >= size:
            yield shard
            shard = []
    if shard:
        yield shard


def rows_hash(rows: list[dict[str, Any]]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


def write_output(parts: list[Path], out: Path) -> None:
    """Assemble the shards into OUT's format, atomically (temporary sibling, then rename)."""
    import datasets

    full = datasets.load_dataset("parquet", data_files=[str(p) for p in parts], split="train")
    fmt = format_of(out) if out.suffix else "disk"
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
