"""What every CLI command shares: exit codes, reading the input, building the pipeline from
the model options, progress on stderr, writing results."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..document import Document, Result
from ..errors import InputError
from ..pipeline import Pipeline
from ..text import decode_bytes

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_MODEL", "EXIT_INTERRUPTED", "read_document",
           "make_pipeline", "run_with_progress", "write_out"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


# Progress bars only pay off when translation takes a while.
PROGRESS_MIN_SENTENCES = 8


def read_document(source: str, max_chars: int | None) -> Document:
    if source == "-":
        if sys.stdin is None:
            raise InputError("No standard input to read. Pipe an article in, or give a FILE.")
        # Bytes, so a latin-1 or UTF-16 pipe gets the same decoding as a file.
        buffer = getattr(sys.stdin, "buffer", None)  # absent when stdin was replaced by text
        text, warnings = (decode_bytes(buffer.read(), name="standard input") if buffer is not None
                          else (sys.stdin.read(), []))
        return Document.from_text(text, source="<stdin>", max_chars=max_chars, warnings=warnings)
    if source.startswith(("http://", "https://")):
        return Document.from_url(source, max_chars=max_chars)
    return Document.from_file(source, max_chars=max_chars)


def make_pipeline(args: argparse.Namespace, summarizer: str | None = None) -> Pipeline:
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
        model_check=getattr(args, "model_check", False),
    )


def run_with_progress(pipe: Pipeline, doc: Document, bullets: int) -> Result:
    show = sys.stderr.isatty() and len(doc.sentences()) >= PROGRESS_MIN_SENTENCES
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


def write_out(out: TextIO, text: str) -> None:
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()
