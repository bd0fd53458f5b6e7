"""`summarize batch`: a folder of articles or a table, with progress and a summary."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from typing import Any

from ..errors import InputError
from ..jobs import Columns, RayProgress, batch, discover, is_table, ray_batch, translate_table
from .cli_common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, make_pipeline

__all__ = ["cmd_batch"]


def cmd_batch(args: argparse.Namespace) -> int:
    # SIGTERM (a scheduler stopping the job) behaves like Ctrl-C: stop after the current file's
    # atomic writes, keep the manifest, report, exit 130; a rerun resumes.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    ray_only = [f"--{n.replace('_', '-')}" for n in ("ray_address", "actors", "cpus_per_actor")
                if getattr(args, n, None) is not None]
    if getattr(args, "ray", False):
        return _ray(args)
    if ray_only:
        raise InputError(f"{', '.join(ray_only)} only apply with --ray.")
    if is_table(Path(args.in_dir)):
        return _table(args)
    counts: dict[str, int] = {}
    started = time.monotonic()
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        total = len(discover(Path(args.in_dir), Path(args.out_dir), args.glob)) if Path(args.in_dir).is_dir() else 0
        bar = tqdm(total=total, unit="file", desc="batch", file=sys.stderr)
    last_line = time.monotonic()
    interrupted = False
    try:
        outcomes = batch(args.in_dir, args.out_dir, formats=args.format.split(","),
                         bullets=args.bullets, pattern=args.glob, force=args.force,
                         stories=args.stories,
                         pipeline=make_pipeline(args))
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            counts["sentences"] = counts.get("sentences", 0) + outcome.sentences
            if outcome.status == "failed":
                print(f"failed: {outcome.path}: {outcome.reason}", file=sys.stderr)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(sentences=counts["sentences"], failed=counts.get("failed", 0))
            elif not args.quiet and time.monotonic() - last_line > 10:
                done = sum(v for k, v in counts.items() if k != "sentences")
                print(f"batch: {done} files done, {counts['sentences']} sentences", file=sys.stderr)
                last_line = time.monotonic()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        seconds = time.monotonic() - started
        print(f"batch: {counts.get('ok', 0)} translated, {counts.get('unchanged', 0)} unchanged "
              f"(skipped), {counts.get('skipped', 0)} unsupported, {counts.get('failed', 0)} failed "
              f"in {seconds:.1f} s{' (interrupted; rerun to resume)' if interrupted else ''}; "
              f"index: {Path(args.out_dir) / 'index.md'}", file=sys.stderr)
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if counts.get("failed") else EXIT_OK


def _table(args: argparse.Namespace) -> int:
    rows = failed = 0
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="row", desc="rows", file=sys.stderr)
    try:
        for item in translate_table(args.in_dir, args.out_dir, text_column=args.text_column,
                                    title_column=args.title_column, id_column=args.id_column,
                                    bullets=args.bullets, force=args.force, pipeline=make_pipeline(args)):
            if isinstance(item, Columns):
                if not args.quiet:
                    print(f"columns: text={item.text!r} title={item.title!r} id={item.id!r}", file=sys.stderr)
                continue
            rows += item.rows
            failed += item.failed
            if bar is not None:
                bar.update(item.rows)
                bar.set_postfix(failed=failed)
            elif not args.quiet:
                state = "reused" if item.reused else "done"
                print(f"shard {item.shard}: {item.rows} rows {state}, {failed} failed so far", file=sys.stderr)
    except KeyboardInterrupt:
        if not args.quiet:
            print(f"interrupted after {rows} rows; rerun to resume from the finished shards", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        print(f"batch: {rows} rows, {failed} failed; output: {args.out_dir}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _pipeline_options(args: argparse.Namespace) -> dict[str, Any]:
    """make_pipeline's options as keywords: each Ray actor builds its own Pipeline from them."""
    return {
        "mt_model": args.mt_model, "summarizer": args.summarizer, "device": args.device,
        "beam_size": args.beam_size, "max_length_ratio": args.max_length_ratio,
        "repetition_penalty": args.repetition_penalty, "no_repeat_ngram_size": args.no_repeat_ngram_size,
        "max_chars": args.max_chars, "backend": args.backend, "cache": args.cache,
        "translate_anyway": args.force_language, "glossary": args.glossary, "abbreviations": args.abbreviations,
        "model_check": args.model_check,
    }


class _RowsBar:
    """Rows done / total and rows per minute: a bar on a terminal, a line every 10 s otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.started = time.monotonic()
        self.last_line = self.started

    def update(self, item: RayProgress) -> None:
        if self.quiet:
            return
        if item.note:
            print(f"not read: {item.note}", file=sys.stderr)
        minutes = max(time.monotonic() - self.started, 1e-9) / 60
        rate = f"{item.done / minutes:,.0f} rows/min"
        if sys.stderr.isatty():
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=item.total, unit="row", desc="rows", file=sys.stderr,
                                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}{postfix}]")
            self.bar.total = item.total
            self.bar.update(item.rows)
            self.bar.set_postfix_str(f"{rate}, {item.failed} failed")
        elif item.shard or time.monotonic() - self.last_line > 10:
            what = f"shard {item.shard} {'reused' if item.reused else 'done'}: " if item.shard else ""
            print(f"{what}{item.done}/{item.total} rows, {rate}, {item.failed} failed", file=sys.stderr)
            self.last_line = time.monotonic()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _ray(args: argparse.Namespace) -> int:
    bar = _RowsBar(args.quiet)
    last: RayProgress | None = None
    try:
        for item in ray_batch(args.in_dir, args.out_dir, text_column=args.text_column,
                              title_column=args.title_column, id_column=args.id_column, bullets=args.bullets,
                              force=args.force, stories=args.stories, actors=args.actors,
                              cpus_per_actor=args.cpus_per_actor, address=args.ray_address, pattern=args.glob,
                              **_pipeline_options(args)):
            last = item
            bar.update(item)
    except KeyboardInterrupt:
        bar.close()
        if not args.quiet:
            done = last.done if last else 0
            print(f"interrupted after {done} rows; the finished shards are kept, rerun to compute the rest",
                  file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        bar.close()
    if not args.quiet and last is not None:
        minutes = (time.monotonic() - bar.started) / 60
        print(f"batch: {last.done} rows, {last.failed} failed in {minutes * 60:.1f} s "
              f"({last.done / max(minutes, 1e-9):,.0f} rows/min); index: {Path(args.out_dir) / 'index.md'}",
              file=sys.stderr)
    return EXIT_FAILED if last is None or last.failed else EXIT_OK
