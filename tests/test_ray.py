"""Ray: the table batch on a local Ray runtime and on a simulated two-node cluster gives, row for
row, what the local table batch gives; bad rows fail with their reason; a killed actor costs
no row and duplicates none; an interrupted run keeps only complete shards and its rerun
computes only the missing ones; a missing model on a worker is the usual one-paragraph error.

Run alone with ``pytest -m ray``.  Everything stays on 127.0.0.1 (no dashboard, no usage
report); Ray is shut down at the end of the module.  Skips when Ray is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import summarize
from summarize.apps import main
from summarize.jobs import ADDED_COLUMNS, ray_batch, translate_table
from summarize.jobs.ray_batch import fatal_error, require_ray
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.ray
needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed")
# Set before any Ray process starts, and inherited by all: no usage report, and every node,
# worker and driver takes 127.0.0.1 as its address (Ray's switch for a loopback-only machine).
os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"

ROWS = 300
SHARD = 50  # rows translated together, here and by the local reference
BAD = {17: "", 123: None, 250: "en"}  # empty, missing, not Indonesian (250 is filled below)
ENGLISH = ("The government said on Monday that the new bridge will open next year. Officials expect "
           "heavy traffic during the holidays, and the police will close two roads.")
# Retries off and short outputs: the tiny random model flags every sentence, and retrying
# each would make the suite slow without testing anything Ray-specific.
OPTIONS = {"summarizer": "extractive", "beam_size": 1, "max_length_ratio": 0.3, "cache": False,
           "retry": False}
COMPARED = ("title_en", "translation", "brief", "brief_sources", "flags", "status", "error")


def _sentences() -> list[str]:
    return [s for path in SEEDS for _, s in summarize.Document.from_file(path).sentences()]


def _rows(n: int) -> list[dict]:
    sents = _sentences()
    rows = [{"url": f"https://contoh.id/{i}", "judul": f"Berita nomor {i}", "n": i,
             "body": f"{sents[i % len(sents)]} {sents[(7 * i + 3) % len(sents)]}\nSalinan nomor {i}."}
            for i in range(n)]
    for i, body in BAD.items():
        if i < n:
            rows[i]["body"] = ENGLISH if body == "en" else body
    return rows


def _write_jsonl(rows: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _shard_rows(out: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return [row for part in sorted((out / "shards").glob("*.parquet")) for row in pq.read_table(part).to_pylist()]


class _Runtimes:
    """One Ray runtime at a time in this process: a local one, or a simulated cluster."""

    def __init__(self) -> None:
        self.mode: str | None = None
        self.cluster = None

    def local(self) -> None:
        import ray

        if self.mode != "local":
            self.close()
            # "local": a runtime of our own, never a cluster another process left an address of.
            ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
            self.mode = "local"

    def two_nodes(self) -> None:
        from ray.cluster_utils import Cluster

        if self.mode != "cluster":
            self.close()
            node = {"num_cpus": 1, "node_ip_address": "127.0.0.1", "include_dashboard": False}
            self.cluster = Cluster(initialize_head=True, head_node_args=node)
            self.cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
            self.cluster.connect()
            self.mode = "cluster"

    def close(self) -> None:
        import ray

        ray.shutdown()
        if self.cluster is not None:
            self.cluster.shutdown()
            self.cluster = None
        self.mode = None


@pytest.fixture(scope="module")
def runtimes() -> Iterator[_Runtimes]:
    pytest.importorskip("ray.data")
    made = _Runtimes()
    yield made
    made.close()


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_jsonl(_rows(ROWS), tmp_path_factory.mktemp("ray-in") / "in.jsonl")


@pytest.fixture(scope="module")
def model(tiny_models: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The tiny Marian converted for CTranslate2: the fast backend, and an actor starts in a
    second instead of importing torch (int8 results depend on the batch: a strict test)."""
    from summarize.models import convert

    return str(convert(str(tiny_models["marian"]), tmp_path_factory.mktemp("ct2") / "marian-ct2"))


@pytest.fixture(scope="module")
def reference(table: Path, model: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The local table batch of the same table: what every Ray run must reproduce."""
    import datasets

    out = tmp_path_factory.mktemp("ray-ref") / "out.parquet"
    list(translate_table(table, out, mt_model=model, shard_rows=SHARD, **OPTIONS))
    rows = datasets.Dataset.from_parquet(str(out)).to_list()
    assert len(rows) == ROWS
    return {r["url"]: r for r in rows}


def _assert_same(got: list[dict], reference: dict[str, dict]) -> None:
    assert len(got) == ROWS
    assert len({r["url"] for r in got}) == ROWS  # every row once
    for row in got:
        want = reference[row["url"]]
        assert {k: row[k] for k in COMPARED} == {k: want[k] for k in COMPARED}, row["url"]
        assert row["judul"] == want["judul"] and row["n"] == want["n"] and row["body"] == want["body"]
    failed = {r["n"]: r["error"] for r in got if r["status"] == "failed"}
    assert set(failed) == set(BAD)
    assert "empty" in failed[17] and "missing text" in failed[123] and "English" in failed[250]


def _children(pid: int) -> dict[int, str]:
    """Child processes of ``pid`` with their command lines."""
    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(proc.name)] = (proc / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
    return found


def _actor_pids() -> list[int]:
    """The translator actors of this process's own Ray runtime: children of its raylet, which
    is a child of this process (other Ray runtimes on the machine are left alone)."""
    raylets = [pid for pid, cmd in _children(os.getpid()).items() if "raylet" in cmd.split("\0")[0]]
    return [pid for raylet in raylets for pid, cmd in _children(raylet).items()
            if "MapWorker(MapBatches(PackedTranslator))" in cmd]


@needs_ray
def test_local_runtime_matches_the_local_batch_with_an_actor_killed(
        runtimes: _Runtimes, table: Path, reference: dict[str, dict], model: str, tmp_path: Path) -> None:
    import ray

    runtimes.local()
    assert {n["NodeManagerAddress"] for n in ray.nodes()} == {"127.0.0.1"}
    out = tmp_path / "out"
    killed = None
    events = []
    for event in ray_batch(table, out, actors=2, shard_rows=SHARD, mt_model=model, **OPTIONS):
        events.append(event)
        if killed is None and event.rows:
            pids = _actor_pids()
            assert len(pids) == 2, pids
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)  # mid-job: the other batches are still in flight
    assert killed is not None and killed not in _actor_pids()  # Ray started a new actor
    assert events[-1].done == events[-1].total == ROWS and events[-1].failed == len(BAD)
    _assert_same(_shard_rows(out), reference)
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sum(e["rows"] for e in index["shards"].values()) == ROWS
    failures = {f[1]: f[2] for e in index["shards"].values() for f in e["failures"]}
    assert set(failures) == {f"https://contoh.id/{i}" for i in BAD}
    assert "Failed rows" in (out / "index.md").read_text(encoding="utf-8")


@needs_ray
def test_interrupted_cli_run_keeps_complete_shards_and_the_rerun_computes_only_the_rest(
        runtimes: _Runtimes, model: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import ray

    runtimes.local()
    table = _write_jsonl(_rows(80)[:80], tmp_path / "in.jsonl")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env.update({"SUMMARIZE_THREADS": "1", "SUMMARIZE_TABLE_SHARD_ROWS": "10",
                "SUMMARIZE_CACHE_DIR": str(tmp_path / "cache")})
    cli = ["batch", str(table), "-o", str(out), "--ray", "--ray-address",
           ray.get_runtime_context().gcs_address, "--actors", "2", "--mt-model", model,
           "--summarizer", "extractive", "--beam-size", "1", "--max-length-ratio", "0.3", "--no-cache"]
    proc = subprocess.Popen([sys.executable, "-m", "summarize", *cli], env=env, cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list((out / "shards").glob("*.parquet")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    done = sorted(p.name for p in (out / "shards").glob("*.parquet"))
    assert 0 < len(done) < 8, done
    assert not list((out / "shards").glob(".*"))  # no partial shard
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert sorted(f"{name}.parquet" for name in index["shards"]) == done

    monkeypatch.setenv("SUMMARIZE_TABLE_SHARD_ROWS", "10")
    capsys.readouterr()
    assert main(cli) == 1  # row 17 is empty
    err = capsys.readouterr().err
    assert err.count(" reused: ") == len(done)
    assert err.count(" done: ") == 8 - len(done)
    rows = _shard_rows(out)
    assert sorted(r["n"] for r in rows) == list(range(80))
    assert all(r["result_json"] for r in rows if r["status"] == "ok")


@needs_ray
def test_two_node_cluster_translate_ray_matches_the_local_batch(
        runtimes: _Runtimes, table: Path, reference: dict[str, dict], model: str) -> None:
    import pyarrow as pa
    import ray

    runtimes.two_nodes()
    nodes = [n for n in ray.nodes() if n["Alive"]]
    assert len(nodes) == 2 and all(n["Resources"]["CPU"] == 1 for n in nodes)
    assert {n["NodeManagerAddress"] for n in nodes} == {"127.0.0.1"}
    rows = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()]
    # Blocks cut where the local batch cuts its shards: the same rows are translated together.
    ds = ray.data.from_arrow([pa.Table.from_pylist(rows[k:k + SHARD]) for k in range(0, ROWS, SHARD)])
    out = summarize.translate_ray(ds, text_column="body", title_column="judul", id_column="url", actors=2,
                                  batch_size=SHARD, mt_model=model, **OPTIONS)
    got = out.take_all()
    assert list(got[0]) == list(rows[0]) + ADDED_COLUMNS
    _assert_same(got, reference)


@needs_ray
def test_a_folder_of_articles_with_stories(runtimes: _Runtimes, model: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    runtimes.local()
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for seed in SEEDS[:3]:
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "sub" / "copy.md").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kosong.txt").write_text("", encoding="utf-8")
    (folder / "foto.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    code = main(["batch", str(folder), "-o", str(out), "--ray", "--stories", "--mt-model", model,
                 "--summarizer", "extractive", "--beam-size", "1", "--max-length-ratio", "0.3", "--no-cache"])
    assert code == 1, capsys.readouterr().err  # kosong.txt failed
    rows = pq.read_table(out / "shards" / "articles-00000.parquet").to_pylist()
    assert [r["path"] for r in rows] == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*")
                                                if p.suffix != ".png")
    by_path = {r["path"]: r for r in rows}
    assert by_path["kosong.txt"]["status"] == "failed" and "kosong.txt is empty" in by_path["kosong.txt"]["error"]
    ok = [r for r in rows if r["status"] == "ok"]
    assert len(ok) == 4 and all(r["translation"] and r["brief"] and r["result_json"] for r in ok)
    assert json.loads(ok[0]["result_json"])["meta"]["source"] == ok[0]["path"]
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "foto.png" in index and "kosong.txt" in index
    stories = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    assert sum(len(s["articles"]) for s in stories["stories"]) == 4
    assert [f["source"] for f in stories["failed"]] == ["kosong.txt"]
    assert (out / "stories" / "story-001.md").is_file()


@needs_ray
def test_a_model_missing_on_the_workers_is_the_usual_one_paragraph_error(
        runtimes: _Runtimes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    runtimes.local()
    table = _write_jsonl(_rows(4), tmp_path / "in.jsonl")
    # Offline and not downloaded: the driver builds its Pipeline lazily, the actors fail to load.
    code = main(["batch", str(table), "-o", str(tmp_path / "out"), "--ray", "--actors", "1",
                 "--mt-model", "Helsinki-NLP/opus-mt-id-en", "--summarizer", "extractive"])
    err = capsys.readouterr().err
    assert code == 3, err
    message = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(message) == 1 and "summarize models download" in message[0], err
    assert "Traceback" not in err and "summarize-error" not in err and "ray::" not in err
    assert not list((tmp_path / "out" / "shards").glob("*.parquet"))


def test_without_ray_the_entry_points_say_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails as if absent
    with pytest.raises(summarize.InputError, match=r'pip install "summarize\[ray\]"'):
        require_ray()
    table = _write_jsonl(_rows(3), tmp_path / "in.jsonl")
    assert main(["batch", str(table), "-o", str(tmp_path / "out"), "--ray"]) == 2
    assert 'pip install "summarize[ray]"' in capsys.readouterr().err
    assert main(["batch", str(table), "-o", str(tmp_path / "o.parquet"), "--actors", "2"]) == 2
    assert "only apply with --ray" in capsys.readouterr().err


@needs_ray
def test_a_ray_client_address_is_refused_with_what_works_instead() -> None:
    from summarize.jobs.ray_batch import connect

    with pytest.raises(summarize.InputError, match="--ray-address auto"):
        connect("ray://127.0.0.1:10001")


def test_an_actor_error_reaches_the_driver_as_one_paragraph() -> None:
    from summarize.jobs.ray_batch import PackedTranslator

    broken = PackedTranslator(None, 5, 1, {"mt_model": "/nonexistent/model", "summarizer": "nope/nope"})
    with pytest.raises(summarize.SummarizeError) as caught:
        broken.check()
    # What Ray hands the driver: the actor's exception as text inside its own report.
    wall = f"ray::MapWorker(...)\n  File \"x.py\", line 1\n{caught.value}\nUserCodeException: UDF failed"
    found = fatal_error(RuntimeError(wall))
    assert type(found) is type(caught.value) and "\n" not in str(found) and "summarize-error" not in str(found)
