"""Rows per minute: the local table batch vs `--ray` with 1 and 2 actors on this machine, and
2 actors on a simulated two-node Ray cluster (1 CPU per node) — the same table, the same model.

    python bench/bench_ray.py                    # tiny Marian (its CTranslate2 int8 copy), 600 rows
    python bench/bench_ray.py --rows 1200 --opus # also the random-weight opus-mt-id-en-architecture
                                                 # model of bench/bench_speed.py (CTranslate2 int8);
                                                 # slow: its outputs run to their length bound and
                                                 # every sentence is flagged and retried

Every variant is the real command line, run as its own process and timed from launch to exit
(Python start, Ray start or connection, actor start and model load included), with the
translation cache off and every row's sentences unique, so nothing is answered from memory.
Local: `summarize batch TABLE -o OUT.parquet`; Ray: `summarize batch TABLE -o DIR --ray
--actors N` (1 actor gets every CPU; 2 actors get one each); cluster: the same with
`--ray-address` of a `ray.cluster_utils.Cluster` started here, everything on 127.0.0.1.
Both paths translate the same shards (SUMMARIZE_TABLE_SHARD_ROWS), so they do the same work.
Prints each variant's fixed start-up cost (a 10-row table: Ray's start, actor start and model
load, Ray's shutdown), the figures, the ratios to the local batch (targets: >= 0.85 on one
machine, >= 0.8 on the simulated cluster) and the machine.  The ratios depend on the table's
size, since the start-up cost is fixed: state the rows with every ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"ray, 1 actor": 0.85, "ray, 2 actors": 0.85, "2-node cluster, 2 actors": 0.8}


def _rows(n: int) -> list[dict]:
    """Articles of 6 to 12 lines cut from the seeds, every line made unique by its row number."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rows = []
    for k in range(n):
        lines = [ln.strip() for ln in seeds[k % len(seeds)].splitlines() if ln.strip()]
        start = (k // len(seeds)) % max(1, len(lines) - 12)
        body = [f"{ln[:-1]} (salinan {k})." if ln.endswith(".") else ln for ln in lines[start:start + 6 + k % 7]]
        rows.append({"url": f"https://contoh.id/{k}", "judul": f"Berita nomor {k}", "body": "\n".join(body)})
    return rows


def _models(work: Path, opus: bool) -> dict[str, str]:
    from summarize.models import convert
    from tests.fixtures.make_tiny_models import build_marian

    tiny = work / "tiny-marian"
    if not (tiny / "config.json").is_file():
        build_marian(work)
        (work / "marian").rename(tiny)
    chosen = {"tiny Marian (CTranslate2 int8)": str(work / "tiny-marian-ct2")}
    if not Path(chosen["tiny Marian (CTranslate2 int8)"], "model.bin").is_file():
        convert(str(tiny), work / "tiny-marian-ct2", force=True)
    if opus:
        from bench.bench_speed import ensure_models
        from summarize.models import find_converted, resolve

        folder = ensure_models(work, summarizer=False, rebuild=False)["opus-arch"]
        chosen["opus-mt-id-en architecture, random weights (CTranslate2 int8)"] = str(find_converted(resolve(str(folder))))
    return chosen


def _run(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return seconds


def _variants(table: Path, model: str, work: Path, args: argparse.Namespace, env: dict[str, str],
              cluster_address: str | None) -> dict[str, float]:
    """Best of ``--repeat`` rounds; each round runs every variant once, so a neighbour's load on
    a shared machine falls on all of them alike, and the slower rounds measure the neighbours."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    base = [sys.executable, "-m", "summarize", "batch", str(table), "--mt-model", model, "--summarizer",
            "extractive", "--beam-size", str(args.beam_size), "--no-cache", "--quiet", "--force"]
    commands = {
        "local batch": ["-o", str(work / "local.parquet")],
        "ray, 1 actor": ["-o", str(work / "ray1"), "--ray", "--actors", "1", "--cpus-per-actor", str(cpus)],
        "ray, 2 actors": ["-o", str(work / "ray2"), "--ray", "--actors", "2", "--cpus-per-actor",
                          str(max(1, cpus // 2))],
    }
    if cluster_address:
        commands["2-node cluster, 2 actors"] = ["-o", str(work / "cluster"), "--ray", "--ray-address",
                                                cluster_address, "--actors", "2"]
    best = {name: float("inf") for name in commands}
    for _ in range(max(1, args.repeat)):
        for name, extra in commands.items():
            best[name] = min(best[name], _run([*base, *extra], env))
    return best


def _startup(args: argparse.Namespace, env: dict[str, str], cluster_address: str | None) -> None:
    """The fixed cost of each variant: a table so small that start-up is nearly all of it."""
    model = next(iter(_models(args.work, False).values()))
    table = args.work / f"table-{args.startup_rows}.jsonl"
    table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _rows(args.startup_rows)),
                     encoding="utf-8")
    seconds = _variants(table, model, args.work, args, env, cluster_address)
    local = seconds["local batch"]
    print(f"\nstart-up ({args.startup_rows} rows, tiny model): " + "; ".join(
        f"{run} {s:.1f} s" + (f" (+{s - local:.1f} s)" if run != "local batch" else "")
        for run, s in seconds.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=600)
    parser.add_argument("--shard-rows", type=int, default=25, help="rows per shard, both paths (default 25)")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--opus", action="store_true", help="also the opus-mt-architecture model (builds it once)")
    parser.add_argument("--opus-rows", type=int, default=150, help="rows of the table for that model (default 150)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per variant (default 1)")
    parser.add_argument("--startup-rows", type=int, default=10,
                        help="first measure each variant's fixed start-up cost on this many rows (0: skip)")
    parser.add_argument("--no-cluster", action="store_true", help="skip the simulated two-node cluster")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "summarize-bench-ray")
    args = parser.parse_args()
    # Everything on 127.0.0.1, nothing reported; the children inherit this environment.
    os.environ.update({"RAY_USAGE_STATS_ENABLED": "0", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
                       "HF_HUB_OFFLINE": "1", "SUMMARIZE_TABLE_SHARD_ROWS": str(args.shard_rows)})
    args.work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "SUMMARIZE_THREADS"}
    env["SUMMARIZE_CACHE_DIR"] = str(args.work / "cache")
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    print(f"machine: {len(os.sched_getaffinity(0))} usable cores ({os.cpu_count()} logical), {cpu}; "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    import ray

    print(f"tables: {args.rows} rows (tiny model), {args.opus_rows} (opus architecture); shards of "
          f"{args.shard_rows}; beam {args.beam_size}; ray {ray.__version__}; best of {args.repeat}; load average before: {os.getloadavg()[0]:.1f}")
    cluster = None
    if not args.no_cluster:
        from ray.cluster_utils import Cluster

        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
        cluster.add_node(num_cpus=1)
    try:
        if args.startup_rows:
            _startup(args, env, cluster.address if cluster else None)
        for k, (name, model) in enumerate(_models(args.work, args.opus).items()):
            rows = args.rows if k == 0 else args.opus_rows
            table = args.work / f"table-{rows}.jsonl"
            table.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _rows(rows)), encoding="utf-8")
            seconds = _variants(table, model, args.work, args, env, cluster.address if cluster else None)
            local = rows / seconds["local batch"] * 60
            print(f"\nmodel: {name}; {rows} rows")
            print("| run | seconds | rows/min | vs local | target |")
            print("|---|---|---|---|---|")
            for run, s in seconds.items():
                rate = rows / s * 60
                target = f">= {TARGETS[run]:.2f}" if run in TARGETS else ""
                print(f"| {run} | {s:.1f} | {rate:.0f} | {rate / local:.2f}x | {target} |", flush=True)
    finally:
        if cluster is not None:
            cluster.shutdown()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
