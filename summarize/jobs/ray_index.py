"""OUT_DIR of a Ray batch: the shards, ``index.json`` (what each shard holds, its content hash
and settings fingerprint, its failed rows: the record a rerun skips finished shards by),
``index.md`` / ``index.csv`` for people, and the stories built from the shards' Results."""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path
from typing import Any

from ..document import Result
from ..errors import InputError
from ..story import FailedItem, StoryResult, Translated, build_stories
from .ray_batch import RESULT_COLUMN
from .ray_inputs import Shard, Source
from .stories import STORIES_DIR
from .writes import atomic_write

__all__ = ["INDEX_NAME", "SHARDS_DIR", "RayIndex"]

log = logging.getLogger(__name__)

INDEX_NAME = "index.json"
SHARDS_DIR = "shards"
INDEX_FIELDS = ["shard", "source", "first_row", "rows", "failed", "state", "file"]
_LISTED_FAILURES = 1000


class RayIndex:
    def __init__(self, out: Path, force: bool) -> None:
        self.out = out
        self.shards_dir = out / SHARDS_DIR
        try:
            self.shards_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"Cannot write to the output folder {out}: {exc.strerror}. "
                             "Choose a writable directory.") from exc
        for stale in self.shards_dir.glob(".*.tmp"):  # a shard being written when a run died
            stale.unlink(missing_ok=True)
        self.path = out / INDEX_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.is_file() and not force:
            try:
                self.entries = dict(json.loads(self.path.read_text(encoding="utf-8")).get("shards", {}))
            except (ValueError, OSError, AttributeError):
                log.warning("%s is unreadable; every shard will be redone", self.path)
        self.seen: list[str] = []
        self.reused: set[str] = set()
        self.problems: list[tuple[str, str]] = []

    def shard_path(self, name: str) -> Path:
        return self.shards_dir / f"{name}.parquet"

    def reusable(self, shard: Shard, fingerprint: str) -> dict[str, Any] | None:
        """The entry of a finished shard with the same rows and settings, else None."""
        self.seen.append(shard.name)
        entry = self.entries.get(shard.name)
        if (entry and entry.get("hash") == shard.digest and entry.get("fingerprint") == fingerprint
                and self.shard_path(shard.name).is_file()):
            self.reused.add(shard.name)
            return entry
        return None

    def record(self, shard: Shard, fingerprint: str, added: list[dict[str, Any]]) -> None:
        id_column = shard.columns.id if shard.columns else "path"
        failures = [[shard.first_row + i, _row_id(shard, i, id_column), a["error"]]
                    for i, a in enumerate(added) if a["status"] == "failed"]
        self.entries[shard.name] = {
            "source": shard.source.label, "first_row": shard.first_row, "rows": len(added),
            "failed": len(failures), "hash": shard.digest, "fingerprint": fingerprint,
            "file": f"{self.shards_dir.name}/{shard.name}.parquet", "id_column": id_column,
            "failures": failures,
        }
        self.save()

    def save(self) -> None:
        atomic_write(self.path, json.dumps({"version": 1, "shards": self.entries}, ensure_ascii=False, indent=1))

    def unreadable(self, label: str, reason: str) -> None:
        self.problems.append((label, reason))

    def finish(self, complete: bool, article_sources: list[Source]) -> None:
        """index.md and index.csv; after a complete run, shards the input no longer has go."""
        if complete:
            for name in [n for n in self.entries if n not in set(self.seen)]:
                self.shard_path(name).unlink(missing_ok=True)
                del self.entries[name]
            self.save()
        for source in article_sources:
            self.problems += [(rel, "skipped: not a readable article type") for rel in source.skipped]
        rows = [self._row(name) for name in self.seen]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=INDEX_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        atomic_write(self.out / "index.csv", buffer.getvalue())
        atomic_write(self.out / "index.md", self._markdown(rows, complete))

    def _row(self, name: str) -> dict[str, Any]:
        entry = self.entries.get(name)
        if entry is None:
            return {"shard": name, "source": "", "first_row": "", "rows": 0, "failed": 0, "state": "missing",
                    "file": ""}
        state = "reused" if name in self.reused else "written"
        return {"shard": name, **{k: entry[k] for k in ("source", "first_row", "rows", "failed", "file")},
                "state": state}

    def _markdown(self, rows: list[dict[str, Any]], complete: bool) -> str:
        total = sum(int(r["rows"]) for r in rows)
        failed = sum(int(r["failed"]) for r in rows)
        missing = sum(r["state"] == "missing" for r in rows)
        lines = ["# Ray batch index", "",
                 f"{total} rows in {len(rows) - missing} shards, {failed} failed"
                 + ("" if complete else f"; interrupted: {missing} shard(s) missing, rerun to compute them") + ".",
                 "", "| shard | source | first row | rows | failed | state |", "|---|---|---|---|---|---|"]
        lines += [f"| {r['shard']} | {_cell(r['source'])} | {r['first_row']} | {r['rows']} | {r['failed']} | "
                  f"{r['state']} |" for r in rows]
        failures = [(e["source"], *f) for n in self.seen if (e := self.entries.get(n)) for f in e["failures"]]
        if failures:
            lines += ["", "## Failed rows", "", "| source | row | id | reason |", "|---|---|---|---|"]
            lines += [f"| {_cell(s)} | {row} | {_cell(str(rid or ''))} | {_cell(reason)} |"
                      for s, row, rid, reason in failures[:_LISTED_FAILURES]]
            if len(failures) > _LISTED_FAILURES:
                lines.append(f"\n… and {len(failures) - _LISTED_FAILURES} more (all are in {INDEX_NAME}).")
        if self.problems:
            lines += ["", "## Not read", ""] + [f"- {_cell(label)}: {_cell(reason)}" for label, reason in self.problems]
        return "\n".join(lines) + "\n"

    def write_stories(self) -> StoryResult:
        """Group every translated row of this run's shards into stories (as `batch --stories`)."""
        import pyarrow.parquet as pq

        items: list[Translated] = []
        failed: list[FailedItem] = []
        for name in self.seen:
            entry = self.entries.get(name)
            if entry is None:
                continue
            id_column = entry.get("id_column")
            wanted = [RESULT_COLUMN, "status", "error"] + ([id_column] if id_column else [])
            table = pq.read_table(self.shard_path(name), columns=wanted).to_pylist()
            for k, row in enumerate(table):
                label = str(row.get(id_column) or "") if id_column else ""
                label = label or f"{entry['source']}#{entry['first_row'] + k}"
                if row["status"] != "ok" or not row[RESULT_COLUMN]:
                    failed.append(FailedItem(label, row["error"] or "not translated"))
                    continue
                result = Result.from_dict(json.loads(row[RESULT_COLUMN]))
                items.append(Translated(result.to_document(), result, label))
        result = build_stories(items, failed)
        folder = self.out / STORIES_DIR
        for k, story in enumerate(result.stories, 1):
            one = StoryResult(stories=[story])
            atomic_write(folder / f"story-{k:03d}.md", one.to_markdown())
            atomic_write(folder / f"story-{k:03d}.json", json.dumps(one.to_dict(), ensure_ascii=False, indent=2))
        atomic_write(self.out / "stories.md", result.to_markdown())
        atomic_write(self.out / "stories.json", json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return result


def _row_id(shard: Shard, i: int, id_column: str | None) -> Any:
    value = shard.rows[i].get(id_column) if id_column else None
    return value if isinstance(value, (str, int, float)) or value is None else str(value)


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
