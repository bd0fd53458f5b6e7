"""`summarize models list | recommend | download | convert`, and the download progress bars."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import models
from .cli_common import EXIT_OK, write_out

__all__ = ["cmd_models", "add_models_parser", "DownloadBars", "install_download_progress"]


# -- progress -----------------------------------------------------------------------------
class DownloadBars:
    """Draws ``models.DownloadProgress`` events: a tqdm bar on a terminal, a few plain lines
    (start, resumed files, end) anywhere else, so logs still show what happened."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream
        self.bar: Any = None
        self.model = ""
        self.file = ""

    @property
    def stream(self) -> Any:
        # Looked up when drawing: stderr may have been replaced since (tests, a redirect).
        return self._stream or sys.stderr

    def __call__(self, event: models.DownloadProgress) -> None:
        if event.model != self.model:
            self.close()
            self.model, self.file = event.model, ""
            if self.stream.isatty():
                from tqdm.auto import tqdm

                self.bar = tqdm(total=event.total, initial=event.done, unit="B", unit_scale=True,
                                desc=f"Downloading {event.model}", file=self.stream, leave=True)
            else:
                self._line(event.message)
        if event.file != self.file:
            self.file = event.file
            if event.resumed_from:
                self._line(f"resuming {event.file} of {event.model} at "
                           f"{event.resumed_from / 1e6:,.1f} of {event.file_total / 1e6:,.1f} MB")
        if self.bar is not None:
            self.bar.update(event.done - self.bar.n)
            if event.file:
                self.bar.set_postfix_str(event.file, refresh=False)
        if event.finished:
            if self.bar is None:
                self._line(event.message)
            self.close()

    def _line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            write_out(self.stream, text)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar, self.model = None, ""


def install_download_progress() -> Any:
    """Show any download the library starts (the first `run` of a missing model) as bars on
    stderr; returns the previous reporter."""
    return models.set_download_reporter(DownloadBars())


# -- parser --------------------------------------------------------------------------------
def add_models_parser(sub: Any) -> None:
    """The `models` subcommand and its four verbs (called by ``cli.build_parser``)."""
    parser = sub.add_parser("models", help="list, choose, download or convert models")
    msub = parser.add_subparsers(dest="models_command", required=True, parser_class=type(parser))
    msub.add_parser("list", help="presets: what, licence, size, published scores, downloaded?")
    rec = msub.add_parser("recommend", help="which preset fits this machine and your licence")
    rec.add_argument("--commercial", action="store_true", help="only presets that allow commercial use")
    rec.add_argument("--ram-mb", type=int, help="judge for this much free memory instead of this machine's")
    rec.add_argument("--cores", type=int, help="judge for this many cores instead of this machine's")
    dl = msub.add_parser("download", help="download a model into the Hugging Face cache (resumable)")
    dl.add_argument("name", nargs="?", help="preset or Hub id (default: the default models)")
    dl.add_argument("--convert", action=argparse.BooleanOptionalAction, default=None,
                    help="also convert for the fast CTranslate2 backend (default: ask when "
                    "interactive, else print the command)")
    dl.add_argument("--force", action="store_true", help="download every file again (a corrupt copy)")
    cv = msub.add_parser("convert", help="convert a model for the fast CTranslate2 backend")
    cv.add_argument("name", help="preset, Hub id or Hugging Face model directory")
    cv.add_argument("--out", help="output directory (default: models/NAME-ct2, used by --backend auto)")
    cv.add_argument("--quantization", default="int8",
                    help="int8 (default, fastest on CPU), int8_float32, float16, float32, ...")
    cv.add_argument("--force", action="store_true", help="replace an existing output directory")


def cmd_models(args: argparse.Namespace) -> int:
    if args.models_command == "convert":
        return _convert(args)
    if args.models_command == "list":
        return _list()
    if args.models_command == "recommend":
        return _recommend(args)
    return _download(args)


# -- list ----------------------------------------------------------------------------------
def _size(spec: models.ModelSpec) -> str:
    down = f"{spec.download_mb:,} MB" if spec.download_mb else "?"
    int8 = f"{spec.int8_mb:,} MB" if spec.int8_mb else "?"
    return f"{down} / {int8}"


def _row(spec: models.ModelSpec) -> list[str]:
    resolved = models.resolve(spec.name, spec.task)
    downloaded = "yes" if models.is_available(resolved) else "no"
    converted = "yes" if models.find_converted(resolved) else "no"
    scores = spec.scores_label if spec.task == "translation" else "n/a (summariser)"
    name = spec.name + (" *" if spec.default else "")
    return [name, spec.what or spec.id, spec.licence_label, _size(spec), scores, downloaded, converted]


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def _list() -> int:
    specs = list(models.load_registry().values())
    header = ["preset", "what", "licence", "download / int8", "FLORES id→en (published)",
              "downloaded", "converted"]
    write_out(sys.stdout, _table(header, [_row(s) for s in specs]))
    lines = ["", "* default for its task. Sizes: what `models download` fetches / the CTranslate2 int8 "
             "copy `models convert` writes.",
             "Scores are published FLORES devtest figures (BLEU / chrF x 100), not measured by "
             "summarize; 'unverified' = none published. Sources:"]
    lines += [f"  {s.name}: {s.score_source}" for s in specs if s.task == "translation" and s.score_source]
    lines += ["Which one fits this machine: `summarize models recommend`."]
    write_out(sys.stdout, "\n".join(lines))
    return EXIT_OK


# -- recommend -----------------------------------------------------------------------------
def _recommend(args: argparse.Namespace) -> int:
    box = models.machine()
    if args.ram_mb is not None or args.cores is not None:
        box = models.Machine(args.ram_mb or box.ram_total_mb, args.ram_mb or box.ram_available_mb,
                             args.cores or box.cores, box.ct2)
    write_out(sys.stdout, f"This machine: {box.ram_total_mb:,} MB RAM ({box.ram_available_mb:,} MB "
              f"available), {box.cores} usable cores, CTranslate2 "
              f"{'installed' if box.ct2 else 'not installed (memory figures assume float32 torch)'}.")
    needs = [(True, "For commercial use")] if args.commercial else [(False, "Any use"),
                                                                   (True, "For commercial use")]
    for commercial, label in needs:
        recs = models.recommend(box, commercial=commercial)
        best = next((r for r in recs if r.chosen), None)
        if best is None:
            continue
        verdict = "" if best.fits else " (it does not fit either; free memory first)"
        write_out(sys.stdout, f"{label}: {best.spec.name} — {best.spec.licence_label}; {best.reason}{verdict}")
        others = [r for r in recs if r.fits and not r.chosen]
        for r in others:
            write_out(sys.stdout, f"  also fits: {r.spec.name} — {r.reason}")
    write_out(sys.stdout, "\nEvery preset:")
    rows = [[r.spec.name, r.spec.licence_label, f"{r.ram_needed_mb:,} MB", "yes" if r.fits else "no",
             r.spec.scores_label] for r in models.recommend(box, commercial=args.commercial)]
    write_out(sys.stdout, _table(["preset", "licence", "RAM needed (est.)", "fits", "published id→en"], rows))
    write_out(sys.stdout, "\nThen: `summarize models download NAME --convert`, and translate with "
              "--mt-model NAME (or SUMMARIZE_MT_MODEL=NAME). Quality figures are published ones; "
              "check a model on your own articles before relying on it.")
    return EXIT_OK


# -- download / convert --------------------------------------------------------------------
def _convert(args: argparse.Namespace) -> int:
    spec = models.resolve(args.name, "translation")
    path = models.convert(spec, args.out, args.quantization, force=args.force)
    write_out(sys.stdout, f"{spec.id}: converted ({args.quantization}) in {path}")
    if args.out:
        write_out(sys.stderr, f"use it with --mt-model {path} (or SUMMARIZE_MT_MODEL={path})")
    else:
        write_out(sys.stderr, "--backend auto (the default) now uses it")
    return EXIT_OK


def _offer_conversion(spec: models.ModelSpec, convert: bool | None) -> None:
    if models.find_converted(spec):
        return
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


def _download(args: argparse.Namespace) -> int:
    names = [args.name] if args.name else [
        models.default_model("translation", use_env=False),
        models.default_model("summarization", use_env=False),
    ]
    bars = DownloadBars()
    for name in names:
        spec = models.resolve(name, "translation")
        try:
            path = models.download(spec, progress=bars, force=args.force)
        except KeyboardInterrupt:
            bars.close()
            write_out(sys.stderr, f"The download of {spec.name} was interrupted; run the same "
                      "command again to continue where it stopped.")
            raise
        finally:
            bars.close()
        models.check_model_dir(path, spec, "any")  # a corrupt or non-model repo: say so now
        write_out(sys.stdout, f"{spec.id}: ready in {path}")
        if spec.non_commercial:
            write_out(sys.stderr, f"note: {spec.id} is licensed {spec.licence_label}.")
        _offer_conversion(spec, args.convert)
    return EXIT_OK
