"""The table batch on a Ray cluster: ``translate_ray`` maps a ``ray.data.Dataset`` through a
pool of actors, each holding one Pipeline built once (Ray Data's ``map_batches`` with a callable
class).  Rows of one batch share length-sorted translation batches (``translate_rows`` with the
``PrefetchingTranslator``), exactly as a shard of the local table batch does.

Ray is an optional dependency (``pip install "summarize[ray]"``) and is imported only inside
functions.  A killed actor is restarted by Ray and the batch it held is run again (Ray Data's
actor fault tolerance, set explicitly below); an error the user must fix (a missing model on a
worker) comes back to the driver as the usual one-paragraph SummarizeError.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import tempfile
from pathlib import Path
from typing import Any

from .. import settings
from ..document import Document, Result
from ..errors import InputError, ModelUnavailableError, SummarizeError
from ..models import default_model
from ..mt import PrefetchingTranslator
from ..pipeline import MAX_BULLETS, Pipeline
from .table_io import GUESS_ROWS, Columns, added_features, guess_columns
from .tables import ADDED_COLUMNS, added_columns, translate_rows

__all__ = [
    "RAY_INSTALL_HINT", "RESULT_COLUMN", "PACKED_COLUMNS",
    "require_ray", "connect", "default_actors", "driver_pipeline", "RecordingPipeline",
    "RowTranslator", "PackedTranslator", "translate_ray", "map_translate", "fatal_error",
]

log = logging.getLogger(__name__)

RAY_INSTALL_HINT = 'pip install "summarize[ray]"'

# The full Result JSON of a row (what `summarize run --format json` prints); the CLI's shards
# keep it so `--stories` can group the articles without translating them again.
RESULT_COLUMN = "result_json"

# What the CLI sends to the actors: one block per batch, every block of this one schema.
PACKED_COLUMNS = ("__key", "__kind", "__meta", "__name", "__payload", "__shard")


def require_ray() -> Any:
    """The ``ray`` module with Ray Data, or an InputError that says what to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise InputError(
            "Running on Ray needs Ray Data, which is not installed. Install it with "
            f"`{RAY_INSTALL_HINT}` (or `pip install \"ray[data]\"`) on the driver and on every "
            "node of the cluster, then run the command again."
        ) from None
    return ray


def connect(address: str | None = None) -> Any:
    """Join the Ray cluster at ``address`` (``auto`` or the head's ``HOST:PORT``), or start a local
    Ray runtime on this machine when None.  Reuses a runtime already started.  A Ray Client
    address (``ray://``) is refused with what to do instead: Ray Data cannot run through it."""
    ray = require_ray()
    if address and address.startswith("ray://"):
        # Ray Data's executor needs a driver inside the cluster (Ray 2.60 fails on a client:
        # "'Worker' object has no attribute 'core_worker'"); say what works instead.
        raise InputError(
            f"Ray Data jobs cannot be driven through Ray Client ({address}). Run the command on a node "
            "of the cluster with --ray-address auto, join from outside with the head's address "
            "(--ray-address HEAD:6379, the nodes' ports reachable from here), or submit it: "
            "`ray job submit --address http://HEAD:8265 --working-dir . -- summarize batch ... --ray "
            "--ray-address auto`."
        )
    if ray.is_initialized():
        return ray
    # A library that starts Ray on the user's behalf does not report usage for them.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if address is None:
        # "local": a new runtime, never a cluster some earlier `ray start` left an address of.
        options["include_dashboard"] = False
    try:
        ray.init(address=address or "local", **options)
    except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray runtime"
        raise InputError(
            f"Could not connect to {where}: {_first_line(exc)}. Start the head node with "
            "`ray start --head` (and `ray start --address=HEAD:6379` on the others), then pass "
            "--ray-address auto on a node of the cluster (or the head's HOST:6379)."
        ) from None
    return ray


def default_actors(cpus_per_actor: float) -> int:
    """As many actors as the cluster's nodes can hold at ``cpus_per_actor`` CPUs each."""
    ray = require_ray()
    nodes = [n for n in ray.nodes() if n.get("Alive")]
    per_node = [int(n.get("Resources", {}).get("CPU", 0) // cpus_per_actor) for n in nodes]
    if not any(per_node):
        largest = max((n.get("Resources", {}).get("CPU", 0) for n in nodes), default=0)
        raise InputError(f"No node of the Ray cluster has {cpus_per_actor:g} CPUs for one actor (the largest "
                         f"has {largest:g}); lower --cpus-per-actor.")
    return sum(per_node)


def driver_pipeline(pipeline_options: dict[str, Any]) -> tuple[Pipeline, dict[str, Any]]:
    """The driver's Pipeline (checks the options, gives the settings fingerprint; loads no
    model) and the options every actor builds its own from: models and summariser as the
    driver's settings name them, so a worker's environment cannot change what runs."""
    pipe = Pipeline(**pipeline_options)
    options = dict(pipeline_options)
    model = options.get("mt_model") or default_model("translation")
    # A directory named relative to the driver's folder means the same folder on every node.
    options["mt_model"] = str(Path(model).resolve()) if Path(model).exists() else model
    options["summarizer"] = pipe.summarizer
    if options.get("backend", "auto") == "auto" and settings.backend():
        options["backend"] = settings.backend()
    # Glossary and abbreviations are read here and shipped as the loaded terms, so their
    # files need to exist on the driver only.
    options.pop("glossary", None)
    options.pop("abbreviations", None)
    return pipe, options


class RecordingPipeline(Pipeline):
    """A Pipeline that keeps every Result it returns (the CLI stores them as JSON)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recorded: list[Result] = []

    def run(self, doc_or_text: Document | str, bullets: int = 5) -> Result:
        result = super().run(doc_or_text, bullets=bullets)
        self.recorded.append(result)
        return result


class RowTranslator:
    """The callable class of ``map_batches``: one Pipeline per actor, built once, with as many
    compute threads as the actor has CPUs.  A batch (a ``pyarrow.Table``) comes back with every
    column it had plus the table batch's added columns."""

    pipeline_class: type[Pipeline] = Pipeline

    def __init__(self, columns: Columns | None, bullets: int, cpus: float, options: dict[str, Any],
                 terms: Any = None) -> None:
        # Read by usable_cores(): CTranslate2 (or torch) threads match the actor's CPUs.
        os.environ["SUMMARIZE_THREADS"] = str(max(1, int(cpus)))
        self.columns = columns
        self.bullets = bullets
        self.error: SummarizeError | None = None
        try:
            self.pipe = self.pipeline_class(**options)
        except SummarizeError as exc:  # raised with the first batch, not as an actor death
            self.error = exc
            return
        if terms is not None:
            self.pipe.terms = terms
        self.prefetched = PrefetchingTranslator(self.pipe.translator)
        self.pipe.translator = self.prefetched

    def __call__(self, batch: Any) -> Any:
        self.check()
        added = self.translate(batch.to_pylist(), self.columns)
        return _append(batch, added, ADDED_COLUMNS)

    def check(self) -> None:
        if self.error is not None:
            raise _marked(self.error)

    def translate(self, rows: list[dict[str, Any]], columns: Columns | None) -> list[dict[str, Any]]:
        assert columns is not None
        try:
            return translate_rows(rows, columns, self.pipe, self.prefetched, self.bullets)
        except SummarizeError as exc:  # only what no row can survive (a missing model)
            raise _marked(exc) from None


class PackedTranslator(RowTranslator):
    """What the CLI's actors run: a block is one batch of table rows (pickled, so every value
    reaches ``translate_rows`` exactly as the local batch sees it) or of article files (their
    bytes, read with ``Document.from_file``); only the key, the added columns and the Result
    JSON go back."""

    pipeline_class = RecordingPipeline

    def __call__(self, batch: Any) -> Any:
        self.check()
        assert isinstance(self.pipe, RecordingPipeline)
        data = batch.to_pydict()
        self.pipe.recorded.clear()
        if data["__kind"] and data["__kind"][0] == "file":
            errors = [json.loads(m).get("error", "") for m in data["__meta"]]
            added = self.translate_files(data["__name"], data["__payload"], errors)
        else:
            columns = Columns(**json.loads(data["__meta"][0])) if data["__meta"] else None
            added = self.translate([pickle.loads(p) for p in data["__payload"]], columns)
        results = iter(self.pipe.recorded)
        for row in added:
            result = next(results, None) if row["status"] == "ok" else None
            row[RESULT_COLUMN] = json.dumps(result.to_dict(), ensure_ascii=False) if result else None
        return _append(batch.select(["__shard", "__key"]), added, [*ADDED_COLUMNS, RESULT_COLUMN])

    def translate_files(self, names: list[str], contents: list[bytes], errors: list[str]) -> list[dict[str, Any]]:
        docs: list[Document | SummarizeError] = [
            InputError(e) if e else _read_article(n, c, self.pipe.max_chars) for n, c, e in zip(names, contents, errors)]
        self.prefetched.memo.clear()
        self.prefetched.prefetch(t for d in docs if isinstance(d, Document) for t in self.pipe.model_inputs(d))
        added = []
        for doc in docs:
            try:
                if isinstance(doc, SummarizeError):
                    raise doc
                added.append(added_columns(self.pipe.run(doc, bullets=self.bullets), self.prefetched.name))
            except ModelUnavailableError as exc:
                raise _marked(exc) from None
            except Exception as exc:  # noqa: BLE001 - one unreadable article must not end the job
                reason = str(exc) if isinstance(exc, SummarizeError) else f"{type(exc).__name__}: {exc}"
                added.append(added_columns(None, self.prefetched.name, reason))
        return added


def _read_article(name: str, content: bytes, max_chars: int | None) -> Document | SummarizeError:
    """``Document.from_file`` on a worker that may not see the driver's disk: the bytes are
    written under the file's own name in a private folder, and the name is put back after."""
    with tempfile.TemporaryDirectory(prefix="summarize-ray-") as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(content)
        try:
            doc = Document.from_file(path, max_chars=max_chars)
        except SummarizeError as exc:
            return type(exc)(str(exc).replace(str(path), name))
        except Exception as exc:  # noqa: BLE001 - a reader library choking on a broken file
            return InputError(f"{name}: cannot read the file ({type(exc).__name__}: {exc})")
    doc.meta["source"] = name
    return doc


def _append(table: Any, added: list[dict[str, Any]], names: list[str]) -> Any:
    import pyarrow as pa

    schema = added_features().arrow_schema
    for name in names:
        kind = schema.field(name).type if name in schema.names else pa.string()
        table = table.append_column(name, pa.array([row[name] for row in added], type=kind))
    return table


# Ray carries an exception's text to the driver, not always the exception: the marker lets the
# driver find the one-paragraph message inside whatever Ray wrapped around it.
_MARK = "summarize-error"
_MARKED = re.compile(_MARK + r"\[(\w+)\]\[(.*?)\]\[/" + _MARK + r"\]", re.S)


def _marked(exc: SummarizeError) -> SummarizeError:
    marked = type(exc)(f"{_MARK}[{type(exc).__name__}][{exc}][/{_MARK}]")
    marked.__dict__.update(exc.__dict__)
    return marked


def fatal_error(exc: BaseException) -> SummarizeError | None:
    """The SummarizeError an actor raised, found in the exception Ray gave the driver."""
    found = _MARKED.search(str(exc))
    if found is None:
        return None
    kinds = {cls.__name__: cls for cls in (SummarizeError, InputError, ModelUnavailableError)}
    return kinds.get(found.group(1), SummarizeError)(found.group(2))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def map_translate(ds: Any, cls: type[RowTranslator], constructor: dict[str, Any], *, actors: int | None,
                  cpus_per_actor: float | None, batch_size: int | None) -> Any:
    """``ds.map_batches`` through a fixed pool of ``cls`` actors (lazy: nothing runs yet)."""
    ray = require_ray()
    cpus = float(cpus_per_actor or 1)
    if cpus <= 0 or (actors is not None and actors < 1):
        raise InputError("actors and cpus_per_actor must be positive.")
    if actors is None:
        if not ray.is_initialized():
            connect(None)
        actors = default_actors(cpus)
    return ds.map_batches(
        cls, fn_constructor_kwargs={**constructor, "cpus": cpus}, batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=2),
        num_cpus=cpus,
    )


def translate_ray(ds: Any, text_column: str | None = None, title_column: str | None = None,
                  id_column: str | None = None, bullets: int = 5, actors: int | None = None,
                  cpus_per_actor: float | None = None, *, batch_size: int | None = None,
                  **pipeline_options: Any) -> Any:
    """``ray.data.Dataset`` in, the same dataset with the table batch's added columns out
    (lazy; nothing is translated until it is consumed).

    ``actors``: size of the actor pool (default: as many as the cluster's CPUs hold);
    ``cpus_per_actor``: CPUs reserved per actor, also its compute threads (default 1).
    ``batch_size``: rows translated together (default ``SUMMARIZE_TABLE_SHARD_ROWS``, the
    local table batch's shard); with blocks cut at the same rows the output is the local
    batch's, row for row.  Parallelism follows the blocks: one is never split across actors.
    """
    require_ray()
    if not 1 <= bullets <= MAX_BULLETS:
        raise InputError(f"bullets must be between 1 and {MAX_BULLETS}, not {bullets}.")
    names = list(ds.columns())
    rows = ds.take(GUESS_ROWS) if text_column is None else [dict.fromkeys(names)]
    columns = guess_columns(rows or [dict.fromkeys(names)], text_column, title_column, id_column)
    clash = set(ADDED_COLUMNS) & set(names)
    if clash:
        raise InputError(f"The dataset already has column(s) {sorted(clash)}; rename them first.")
    pipe, options = driver_pipeline(pipeline_options)
    constructor = {"columns": columns, "bullets": bullets, "options": options, "terms": pipe.terms}
    return map_translate(ds, RowTranslator, constructor, actors=actors, cpus_per_actor=cpus_per_actor,
                         batch_size=batch_size or settings.table_shard_rows())
