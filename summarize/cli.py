"""Command line: argument parsing, output formats and exit codes; the work is in the API.

Exit codes: 0 ok · 1 some batch items failed · 2 bad input/usage · 3 model unavailable ·
130 interrupted.  Errors from the library are printed as one paragraph, never a traceback.
``summarize check`` exits 1 when some lines are flagged, like a linter.
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
from .errors import InputError, SummarizeError

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
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"], help="auto, cpu or cuda")
    p.add_argument("--backend", choices=["auto", "transformers", "ctranslate2"], default="auto",
                   help="auto (default: CTranslate2 when `summarize models convert` made a copy, "
                   "else transformers; SUMMARIZE_BACKEND)")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="do not read or write the persistent translation cache")
    p.add_argument("--max-chars", type=int, help="refuse inputs longer than this "
                   "(default: SUMMARIZE_MAX_CHARS or 1,000,000)")
    p.add_argument("--force-language", action="store_true",
                   help="translate even when the text does not look Indonesian")
    p.add_argument("--glossary", metavar="FILE", help="required English for source terms: a TSV "
                   "(source<TAB>English per line) or YAML file; enforced and verified")
    p.add_argument("--abbreviations", metavar="FILE", help="extra or overriding abbreviation "
                   "expansions (TSV or YAML; an empty expansion switches a built-in one off)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="summarize", description="Indonesian → English news translator and briefer.")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log to stderr (-vv: debug)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="translate and brief an article")
    run.add_argument("source", help="a .txt .md .html .docx .pdf file, an http(s) URL, or - for "
                     "standard input")
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
    dl.add_argument("--convert", action=argparse.BooleanOptionalAction, default=None,
                    help="also convert for the fast CTranslate2 backend (default: ask when "
                    "interactive, else print the command)")
    cv = msub.add_parser("convert", help="convert a model for the fast CTranslate2 backend")
    cv.add_argument("name", help="preset, Hub id or Hugging Face model directory")
    cv.add_argument("--out", help="output directory (default: models/NAME-ct2, used by --backend auto)")
    cv.add_argument("--quantization", default="int8",
                    help="int8 (default, fastest on CPU), int8_float32, float16, float32, ...")
    cv.add_argument("--force", action="store_true", help="replace an existing output directory")
    bt = sub.add_parser("batch", help="translate and brief every article in a folder or a table")
    bt.add_argument("in_dir", help="folder of .txt .md .html .docx .pdf articles (walked "
                    "recursively), or a table: .csv .jsonl .parquet or a save_to_disk directory")
    bt.add_argument("-o", "--out", dest="out_dir", required=True,
                    help="output folder; for a table, the output table (.parquet .jsonl .csv or a directory)")
    bt.add_argument("--text-column", help="table: column holding the article body (guessed if omitted)")
    bt.add_argument("--title-column", help="table: column holding the title (guessed: title/judul)")
    bt.add_argument("--id-column", help="table: column identifying rows (guessed: url/id)")
    bt.add_argument("--format", default="md,json", help="md, json or md,json (default)")
    bt.add_argument("--bullets", type=int, default=5)
    bt.add_argument("--glob", help="only inputs whose relative path or name matches, e.g. '*.txt'")
    bt.add_argument("--force", action="store_true", help="redo every input, even unchanged ones")
    bt.add_argument("--quiet", action="store_true", help="no progress and no summary")
    _add_model_options(bt)

    ck = sub.add_parser("check", help="QA flags for existing translations (line-aligned files)")
    ck.add_argument("source_file", help="Indonesian source, one sentence per line")
    ck.add_argument("translation_file", help="English translation, line-aligned with the source")
    ck.add_argument("--glossary", metavar="FILE", help="also check these required terms (TSV/YAML)")
    ck.add_argument("--format", choices=["text", "json"], default="text")

    serve = sub.add_parser("serve", help="start the web app (same as python app.py)")
    serve.add_argument("--host", help="interface to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 7860)")
    serve.add_argument("--share", action="store_true", help="create a public Gradio share link")
    return parser


def _read_document(source: str, max_chars: int | None) -> Document:
    if source == "-":
        from .ingest import decode_bytes, document_from_text

        if sys.stdin is None:
            raise InputError("No standard input to read. Pipe an article in, or give a FILE.")
        # Bytes, so a latin-1 or UTF-16 pipe gets the same decoding as a file.
        buffer = getattr(sys.stdin, "buffer", None)  # absent when stdin was replaced by text
        text, warnings = (decode_bytes(buffer.read(), name="standard input") if buffer is not None
                          else (sys.stdin.read(), []))
        return document_from_text(text, source="<stdin>", max_chars=max_chars, warnings=warnings)
    if source.startswith(("http://", "https://")):
        return Document.from_url(source, max_chars=max_chars)
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
        backend=args.backend,
        cache=args.cache,
        translate_anyway=getattr(args, "force_language", False),
        glossary=getattr(args, "glossary", None),
        abbreviations=getattr(args, "abbreviations", None),
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
        _write(sys.stdout, _clean_report(doc))
    return EXIT_OK


def _clean_report(doc: Document) -> str:
    """Title and body as the translator will see them, then metadata and what was dropped."""
    meta = {k: v for k, v in doc.meta.items() if k not in {"removed_reasons", "paragraph_languages"}}
    languages = doc.meta.get("paragraph_languages") or []
    english = [str(i) for i, code in enumerate(languages) if code == "en"]
    if english and doc.meta.get("language") == "id":
        meta["english_paragraphs"] = ", ".join(english)
    parts = [doc.to_text(), "", "-- meta --"]
    parts += [f"{k}: {v}" for k, v in meta.items() if v not in (None, "", [])]
    reasons = doc.meta.get("removed_reasons") or []
    parts.append(f"-- removed ({len(doc.removed)}) --")
    for i, line in enumerate(doc.removed):
        why = reasons[i] if i < len(reasons) else "removed"
        parts.append(f"[{why}] {line}")
    return "\n".join(parts)


def _cmd_models(args: argparse.Namespace) -> int:
    from . import models
    from .ct2 import converted_dir, find_converted

    if args.models_command == "convert":
        spec = models.resolve(args.name, "translation")
        path = models.convert(spec, args.out, args.quantization, force=args.force)
        _write(sys.stdout, f"{spec.id}: converted ({args.quantization}) in {path}")
        if args.out:
            _write(sys.stderr, f"use it with --mt-model {path} (or SUMMARIZE_MT_MODEL={path})")
        else:
            _write(sys.stderr, "--backend auto (the default) now uses it")
        return EXIT_OK
    if args.models_command == "list":
        for spec in models.load_registry().values():
            state = "downloaded" if models.is_available(models.resolve(spec.name, spec.task)) else "not downloaded"
            if find_converted(models.resolve(spec.name, spec.task)):
                state += ", converted for CTranslate2"
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
        if find_converted(spec):
            continue
        convert = args.convert
        if convert is None and sys.stdin.isatty() and sys.stderr.isatty():
            sys.stderr.write(f"Convert {spec.name} for the fast CPU backend (CTranslate2 int8, "
                             "several times faster)? [Y/n] ")
            sys.stderr.flush()
            convert = sys.stdin.readline().strip().lower() in {"", "y", "yes"}
        if convert:
            out = models.convert(spec, force=True)
            _write(sys.stdout, f"{spec.id}: converted (int8) in {out}")
        else:
            _write(sys.stderr, f"tip: `summarize models convert {spec.name}` makes translation "
                   f"several times faster on a CPU (writes {converted_dir(spec)}).")
    return EXIT_OK


def _cmd_table(args: argparse.Namespace) -> int:
    from .tables import Columns, translate_table

    rows = failed = 0
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="row", desc="rows", file=sys.stderr)
    try:
        for item in translate_table(args.in_dir, args.out_dir, text_column=args.text_column,
                                    title_column=args.title_column, id_column=args.id_column,
                                    bullets=args.bullets, force=args.force, pipeline=_pipeline(args)):
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


def _cmd_batch(args: argparse.Namespace) -> int:
    import signal
    import time

    from .batch import batch, discover
    from .tables import is_table

    # SIGTERM (a scheduler stopping the job) behaves like Ctrl-C: stop after the current file's
    # atomic writes, keep the manifest, report, exit 130; a rerun resumes.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if is_table(Path(args.in_dir)):
        return _cmd_table(args)
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


def _read_lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror or exc}. Check the path.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text. Convert it to UTF-8 first.") from exc


def _cmd_check(args: argparse.Namespace) -> int:
    from collections import Counter

    from .qa import check_details
    from .terms import load_glossary

    sources, translations = _read_lines(args.source_file), _read_lines(args.translation_file)
    if len(sources) != len(translations):
        raise InputError(
            f"{args.source_file} has {len(sources)} lines but {args.translation_file} has "
            f"{len(translations)}: the files must be line-aligned (one sentence per line in both)."
        )
    glossary = load_glossary(args.glossary)[0] if args.glossary else None
    counts: Counter[str] = Counter()
    rows = []
    for number, (source, translation) in enumerate(zip(sources, translations), 1):
        if not source.strip() and not translation.strip():
            continue
        issues = check_details(source, translation, glossary=glossary)
        counts.update(i.flag for i in issues)
        if issues:
            rows.append({"line": number, "flags": [i.flag for i in issues],
                         "details": [i.detail for i in issues]})
    checked = sum(1 for s, t in zip(sources, translations) if s.strip() or t.strip())
    summary = {"lines": checked, "flagged": len(rows), "flags": dict(counts)}
    if args.format == "json":
        _write(sys.stdout, json.dumps({"lines": rows, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            for flag, detail in zip(row["flags"], row["details"]):
                _write(sys.stdout, f"{row['line']}: {flag}: {detail}")
        share = f" ({len(rows) / checked:.1%})" if checked else ""
        per_flag = ", ".join(f"{flag} {n}" for flag, n in counts.most_common())
        _write(sys.stdout, f"{checked} lines checked, {len(rows)} flagged{share}"
               + (f": {per_flag}" if per_flag else ""))
    return EXIT_FAILED if rows else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .ui import launch

    if args.port is not None and not 0 < args.port < 65536:
        raise InputError(f"--port {args.port} is not a port number; give one from 1 to 65535.")
    try:
        launch(host=args.host, port=args.port, share=args.share)
    except OSError as exc:
        raise InputError(f"Cannot start the server: {exc}. Another program may use the port; "
                         "pick another with --port N.") from None
    return EXIT_OK


_COMMANDS = {
    "batch": _cmd_batch,
    "serve": _cmd_serve,
    "run": _cmd_run,
    "translate": _cmd_translate,
    "brief": _cmd_brief,
    "clean": _cmd_clean,
    "models": _cmd_models,
    "check": _cmd_check,
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
    except OSError as exc:
        # Writing the result failed (a full disk, a closed terminal): say so without a traceback.
        where = f" {exc.filename}" if exc.filename else " the output"
        print(f"error: cannot write{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
