"""Command line: argument parsing, output formats and exit codes; the work is in the API.

Exit codes: 0 ok · 1 some batch items failed · 2 bad input/usage · 3 model unavailable ·
130 interrupted.  Errors from the library are printed as one paragraph, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .document import Document, Result
from .errors import SummarizeError

__all__ = ["main", "build_parser"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
# Progress bars only pay off when translation takes a while.
_PROGRESS_MIN_SENTENCES = 8


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we want
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"error: {message}\n")


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mt-model", help="translation model: preset, Hub id or directory "
                   "(default: SUMMARIZE_MT_MODEL or opus-mt-id-en)")
    p.add_argument("--summarizer", help="auto (default), extractive, abstractive, or a model "
                   "(default: SUMMARIZE_SUMMARIZER or auto)")
    p.add_argument("--beam-size", type=int, default=4, help="beam size for translation (1 = greedy)")
    p.add_argument("--max-length-ratio", type=float, default=2.0,
                   help="longest output per sentence, as a multiple of the input's tokens")
    p.add_argument("--repetition-penalty", type=float, default=1.0)
    p.add_argument("--no-repeat-ngram-size", type=int, default=0)
    p.add_argument("--device", default="auto", help="auto, cpu or cuda")
    p.add_argument("--max-chars", type=int, help="refuse inputs longer than this "
                   "(default: SUMMARIZE_MAX_CHARS or 1,000,000)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summarize", description="Indonesian → English news translator and briefer.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log to stderr (-vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="translate and brief an article")
    run.add_argument("source", help="a .txt/.md file, or - for standard input")
    run.add_argument("--format", choices=["md", "json", "text"], default="md")
    run.add_argument("--bullets", type=int, default=5, help="number of brief bullets (1-10)")
    run.add_argument("--side-by-side", action="store_true", help="Markdown: add a source/English table")
    _add_model_options(run)

    tr = sub.add_parser("translate", help="English text only, paragraphs kept")
    tr.add_argument("source")
    _add_model_options(tr)

    br = sub.add_parser("brief", help="the bullet brief only")
    br.add_argument("source")
    br.add_argument("--bullets", type=int, default=5)
    _add_model_options(br)

    cl = sub.add_parser("clean", help="the article as the pipeline sees it (no model needed)")
    cl.add_argument("source")
    cl.add_argument("--format", choices=["text", "json"], default="text")
    cl.add_argument("--max-chars", type=int)

    models = sub.add_parser("models", help="list or download models")
    msub = models.add_subparsers(dest="models_command", required=True, parser_class=_Parser)
    msub.add_parser("list", help="presets, licences and whether they are downloaded")
    dl = msub.add_parser("download", help="download a model into the Hugging Face cache")
    dl.add_argument("name", nargs="?", help="preset or Hub id (default: the default models)")
    bt = sub.add_parser("batch", help="translate and brief every article in a folder")
    bt.add_argument("in_dir", help="folder of .txt .md .html .docx .pdf articles (walked recursively)")
    bt.add_argument("-o", "--out", dest="out_dir", required=True, help="output folder")
    bt.add_argument("--format", default="md,json", help="md, json or md,json (default)")
    bt.add_argument("--bullets", type=int, default=5)
    bt.add_argument("--glob", help="only inputs whose relative path or name matches, e.g. '*.txt'")
    bt.add_argument("--force", action="store_true", help="redo every input, even unchanged ones")
    bt.add_argument("--quiet", action="store_true", help="no progress and no summary")
    _add_model_options(bt)

    serve = sub.add_parser("serve", help="start the web app (same as python app.py)")
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 7860)")
    serve.add_argument("--share", action="store_true", help="create a public Gradio share link")
    return parser


def _read_document(source: str, max_chars: int | None) -> Document:
    if source == "-":
        from .ingest import document_from_text

        return document_from_text(sys.stdin.read(), source="<stdin>", max_chars=max_chars)
    if source.startswith(("http://", "https://")):
        return Document.from_url(source)
    return Document.from_file(source, max_chars=max_chars)


def _pipeline(args: argparse.Namespace, summarizer: str | None = None) -> Any:
    from .pipeline import Pipeline

    return Pipeline(
        mt_model=args.mt_model,
        summarizer=summarizer or args.summarizer,
        device=args.device,
        beam_size=args.beam_size,
        max_length_ratio=args.max_length_ratio,
        repetition_penalty=args.repetition_penalty,
        no_repeat_ngram_size=args.no_repeat_ngram_size,
        max_chars=args.max_chars,
    )


def _run_with_progress(pipe: Any, doc: Document, bullets: int) -> Result:
    show = sys.stderr.isatty() and len(doc.sentences()) >= _PROGRESS_MIN_SENTENCES
    bar = None
    result = None
    try:
        for event in pipe.stream(doc, bullets=bullets):
            if event.stage == "translate" and show:
                if bar is None:
                    from tqdm import tqdm

                    bar = tqdm(total=event.total, unit="sent", desc="translating", file=sys.stderr)
                bar.n = event.done
                bar.refresh()
            result = event.result or result
    finally:
        if bar is not None:
            bar.close()
    assert result is not None
    return result


def _write(out: TextIO, text: str) -> None:
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()


def _cmd_run(args: argparse.Namespace) -> int:
    doc = _read_document(args.source, args.max_chars)
    result = _run_with_progress(_pipeline(args), doc, args.bullets)
    if args.format == "json":
        _write(sys.stdout, json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif args.format == "text":
        _write(sys.stdout, result.to_text())
    else:
        _write(sys.stdout, result.to_markdown(side_by_side=args.side_by_side))
    return EXIT_OK


def _cmd_translate(args: argparse.Namespace) -> int:
    doc = _read_document(args.source, args.max_chars)
    result = _run_with_progress(_pipeline(args, summarizer="extractive"), doc, 1)
    _write(sys.stdout, result.translation_text())
    return EXIT_OK


def _cmd_brief(args: argparse.Namespace) -> int:
    doc = _read_document(args.source, args.max_chars)
    result = _run_with_progress(_pipeline(args), doc, args.bullets)
    _write(sys.stdout, "\n".join(f"- {b.text}" for b in result.brief))
    return EXIT_OK


def _cmd_clean(args: argparse.Namespace) -> int:
    doc = _read_document(args.source, args.max_chars)
    if args.format == "json":
        _write(sys.stdout, json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        _write(sys.stdout, doc.to_text())
    return EXIT_OK


def _cmd_models(args: argparse.Namespace) -> int:
    from . import models

    if args.models_command == "list":
        for spec in models.load_registry().values():
            state = "downloaded" if models.is_available(models.resolve(spec.name, spec.task)) else "not downloaded"
            default = " (default)" if spec.default else ""
            _write(sys.stdout, f"{spec.name:<16} {spec.task:<14} {spec.id}{default}\n"
                   f"{'':<16} licence: {spec.licence}; {state}. {spec.notes}")
        return EXIT_OK
    names = [args.name] if args.name else [
        models.default_model("translation", use_env=False),
        models.default_model("summarization", use_env=False),
    ]
    for name in names:
        spec = models.resolve(name, "translation")
        path = models.download(spec)
        _write(sys.stdout, f"{spec.id}: ready in {path}")
        if "NC" in spec.licence:
            _write(sys.stderr, f"note: {spec.id} is licensed {spec.licence}.")
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    import signal
    import time

    from .batch import batch, discover

    # SIGTERM (a scheduler stopping the job) behaves like Ctrl-C: stop after the current file's
    # atomic writes, keep the manifest, report, exit 130; a rerun resumes.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
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
                         pipeline=_pipeline(args))
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


def _cmd_serve(args: argparse.Namespace) -> int:
    from .ui import launch

    launch(host=args.host, port=args.port, share=args.share)
    return EXIT_OK


_COMMANDS = {
    "batch": _cmd_batch,
    "serve": _cmd_serve,
    "run": _cmd_run,
    "translate": _cmd_translate,
    "brief": _cmd_brief,
    "clean": _cmd_clean,
    "models": _cmd_models,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")
    # transformers' own warnings are for developers; our errors already say what to do.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        return _COMMANDS[args.command](args)
    except SummarizeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_FAILED)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `summarize run x | head`: the reader left; nothing to report.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
