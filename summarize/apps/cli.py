"""Command line: argument parsing, output formats and exit codes; the work is in the API.

Exit codes: 0 ok · 1 some batch items failed · 2 bad input/usage · 3 model unavailable ·
130 interrupted.  Errors from the library are printed as one paragraph, never a traceback.
``summarize check`` exits 1 when some lines are flagged, like a linter.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from ..errors import InputError, SummarizeError
from ..models import set_download_reporter
from .cli_article import cmd_brief, cmd_check, cmd_clean, cmd_run, cmd_translate
from .cli_batch import cmd_batch
from .cli_common import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from .cli_models import add_models_parser, cmd_models, install_download_progress
from .cli_story import cmd_story
from .web import launch

__all__ = ["main", "build_parser"]


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
    p.add_argument("--model-check", action="store_true", help="also ask the translation model "
                   "which clause of a sentence its English lacks (note omission_note; slower)")


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

    add_models_parser(sub)  # list | recommend | download | convert (cli_models.py)
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
    bt.add_argument("--stories", action="store_true", help="folder: also group the articles into stories "
                    "(stories.md, stories.json, stories/story-NNN.md)")
    bt.add_argument("--ray", action="store_true", help="run on Ray (pip install \"summarize[ray]\"): OUT_DIR "
                    "gets Parquet shards plus an index; a rerun skips finished shards")
    bt.add_argument("--ray-address", metavar="ADDRESS", help="with --ray: the cluster to join (auto on a node "
                    "of it, or the head's HOST:6379); default: a local Ray runtime on this machine")
    bt.add_argument("--actors", type=int, help="with --ray: translator actors, each with its own model "
                    "(default: as many as the cluster's CPUs hold)")
    bt.add_argument("--cpus-per-actor", type=float, help="with --ray: CPUs (and compute threads) per actor "
                    "(default 1)")
    _add_model_options(bt)

    st = sub.add_parser("story", help="several outlets' articles about one event: figures, "
                        "disagreements, combined brief, timeline")
    st.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, URLs, or - (standard input, "
                    "articles separated by --- lines); NAME=SOURCE names the outlet")
    st.add_argument("--format", choices=["md", "json", "html"], default="md")
    st.add_argument("-o", "--output", help="write to this file instead of standard output")
    st.add_argument("--no-group", action="store_true", help="one story of all articles (no grouping by event)")
    _add_model_options(st)

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


def cmd_serve(args: argparse.Namespace) -> int:
    if args.port is not None and not 0 < args.port < 65536:
        raise InputError(f"--port {args.port} is not a port number; give one from 1 to 65535.")
    try:
        launch(host=args.host, port=args.port, share=args.share)
    except OSError as exc:
        raise InputError(f"Cannot start the server: {exc}. Another program may use the port; "
                         "pick another with --port N.") from None
    return EXIT_OK


_COMMANDS = {
    "batch": cmd_batch,
    "serve": cmd_serve,
    "run": cmd_run,
    "translate": cmd_translate,
    "brief": cmd_brief,
    "clean": cmd_clean,
    "models": cmd_models,
    "check": cmd_check,
    "story": cmd_story,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG if args.verbose > 1 else logging.INFO,
                            format="%(levelname)s %(name)s: %(message)s")
    # transformers' own warnings are for developers; our errors already say what to do.
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    previous = install_download_progress()  # a first `run` of a missing model shows its download
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
    finally:
        set_download_reporter(previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
