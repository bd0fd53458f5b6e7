"""Batch throughput: articles per minute for `summarize batch` on N copies of the seed articles.

    python bench/bench_batch.py                 # tiny test models, 50 articles
    python bench/bench_batch.py --table-rows 1000   # rows/min for a 1,000-row table of the seeds
    python bench/bench_batch.py --memory 1000   # peak RSS after 100 and after 1,000 files
    python bench/bench_batch.py --copies 20 --model DIR   # any model directory (e.g. a random-
                                                # weight model of opus-mt-id-en's architecture
                                                # built by bench/bench_speed.py, or a real one)

Every sentence of every copy is made unique (a copy number is woven into each line) and the
translation cache is off, so nothing is answered from memory: the figure is real throughput.  Prints files, sentences, seconds and articles per minute.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=50, help="number of articles (seeds repeated)")
    parser.add_argument("--model", help="translation model directory (default: build the tiny one)")
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--table-rows", type=int, default=0,
                        help="instead of a folder, translate a JSONL table with this many rows")
    parser.add_argument("--memory", type=int, default=0, metavar="N",
                        help="memory mode: N unique files, peak RSS after 100 and after N")
    parser.add_argument("--fake", action="store_true",
                        help="no model (the identity translator): the pipeline's own memory and speed")
    args = parser.parse_args()
    if args.memory:
        args.copies = args.memory

    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    os.environ["SUMMARIZE_CACHE_DIR"] = str(work / "cache")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model = args.model
    if model is None and not args.fake:
        from tests.fixtures.make_tiny_models import build_marian

        model = str(build_marian(work / "models"))
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if args.table_rows:
        _bench_table(args, model, seeds, work)
        return
    in_dir = work / "in"
    in_dir.mkdir()
    for k in range(args.copies):
        seed = seeds[k % len(seeds)]
        text = _unique_copy(seed.read_text(encoding="utf-8"), k)
        (in_dir / f"{k:04d}-{seed.name}").write_text(text, encoding="utf-8")

    import summarize
    from summarize.jobs import batch

    import resource

    from summarize.mt import IdentityTranslator

    started = time.perf_counter()
    pipe = summarize.Pipeline(mt_model=model, summarizer="extractive", beam_size=args.beam_size, cache=False,
                              translator=IdentityTranslator() if args.fake else None)
    load_s = time.perf_counter() - started
    files = sentences = failed = 0
    rss_at: dict[int, float] = {}
    for outcome in batch(in_dir, work / "out", pipeline=pipe):
        files += outcome.status == "ok"
        failed += outcome.status == "failed"
        sentences += outcome.sentences
        done = files + failed
        if done in (100, args.copies):
            rss_at[done] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    seconds = time.perf_counter() - started
    print(f"model: {model}")
    print(f"machine: {os.cpu_count()} cores; beam {args.beam_size}; threads {os.environ.get('SUMMARIZE_THREADS', 'all')}")
    print(f"articles: {files} ok, {failed} failed; sentences: {sentences}; setup {load_s:.1f} s")
    print(f"total {seconds:.1f} s -> {files / seconds * 60:.1f} articles/min, {sentences / seconds:.1f} sentences/s")
    if args.memory and 100 in rss_at:
        growth = rss_at[args.copies] / rss_at[100] - 1
        print(f"peak RSS after 100 files {rss_at[100]:.0f} MiB, after {args.copies} files "
              f"{rss_at[args.copies]:.0f} MiB ({growth:+.1%}; target within 10%)")


def _unique_copy(text: str, k: int) -> str:
    # "... ke Rusia." -> "... ke Rusia (salinan 7)." on every line: no sentence repeats.
    return "\n".join(f"{line.rstrip()[:-1]} (salinan {k})." if line.rstrip().endswith(".") else line
                     for line in text.splitlines()) + "\n"


def _bench_table(args: argparse.Namespace, model: str, seeds: list[Path], work: Path) -> None:
    import json

    import summarize
    from summarize.jobs import Columns, translate_table

    table = work / "articles.jsonl"
    with table.open("w", encoding="utf-8") as handle:
        for k in range(args.table_rows):
            body = _unique_copy(seeds[k % len(seeds)].read_text(encoding="utf-8"), k)
            handle.write(json.dumps({"url": f"https://contoh.id/{k}", "body": body}) + "\n")
    started = time.perf_counter()
    pipe = summarize.Pipeline(mt_model=model, summarizer="extractive", beam_size=args.beam_size,
                              cache=False)
    rows = failed = 0
    for item in translate_table(table, work / "out.parquet", pipeline=pipe):
        if not isinstance(item, Columns):
            rows += item.rows
            failed += item.failed
    seconds = time.perf_counter() - started
    print(f"model: {model}")
    print(f"machine: {os.cpu_count()} cores; beam {args.beam_size}")
    print(f"table rows: {rows} ({failed} failed) in {seconds:.1f} s -> {rows / seconds * 60:.1f} rows/min")


if __name__ == "__main__":
    main()
