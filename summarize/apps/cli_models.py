"""`summarize models list | download | convert`."""

from __future__ import annotations

import argparse
import sys

from .. import models
from .cli_common import EXIT_OK, write_out

__all__ = ["cmd_models"]


def cmd_models(args: argparse.Namespace) -> int:
    if args.models_command == "convert":
        return _convert(args)
    if args.models_command == "list":
        return _list()
    return _download(args)


def _convert(args: argparse.Namespace) -> int:
    spec = models.resolve(args.name, "translation")
    path = models.convert(spec, args.out, args.quantization, force=args.force)
    write_out(sys.stdout, f"{spec.id}: converted ({args.quantization}) in {path}")
    if args.out:
        write_out(sys.stderr, f"use it with --mt-model {path} (or SUMMARIZE_MT_MODEL={path})")
    else:
        write_out(sys.stderr, "--backend auto (the default) now uses it")
    return EXIT_OK


def _list() -> int:
    for spec in models.load_registry().values():
        state = "downloaded" if models.is_available(models.resolve(spec.name, spec.task)) else "not downloaded"
        if models.find_converted(models.resolve(spec.name, spec.task)):
            state += ", converted for CTranslate2"
        default = " (default)" if spec.default else ""
        write_out(sys.stdout, f"{spec.name:<16} {spec.task:<14} {spec.id}{default}\n"
                  f"{'':<16} licence: {spec.licence}; {state}. {spec.notes}")
    return EXIT_OK


def _download(args: argparse.Namespace) -> int:
    names = [args.name] if args.name else [
        models.default_model("translation", use_env=False),
        models.default_model("summarization", use_env=False),
    ]
    for name in names:
        spec = models.resolve(name, "translation")
        path = models.download(spec)
        write_out(sys.stdout, f"{spec.id}: ready in {path}")
        if "NC" in spec.licence:
            write_out(sys.stderr, f"note: {spec.id} is licensed {spec.licence}.")
        if models.find_converted(spec):
            continue
        convert = args.convert
        if convert is None and sys.stdin.isatty() and sys.stderr.isatty():
            sys.stderr.write(f"Convert {spec.name} for the fast CPU backend (CTranslate2 int8, "
                             "several times faster)? [Y/n] ")
            sys.stderr.flush()
            convert = sys.stdin.readline().strip().lower() in {"", "y", "yes"}
        if convert:
            out = models.convert(spec, force=True)
            write_out(sys.stdout, f"{spec.id}: converted (int8) in {out}")
        else:
            write_out(sys.stderr, f"tip: `summarize models convert {spec.name}` makes translation "
                      f"several times faster on a CPU (writes {models.converted_dir(spec)}).")
    return EXIT_OK
