"""Cleaning quality: token F1 of the kept article body against what a reader wants.

Run from the repository root:

    . .venv/bin/activate
    python bench/eval_clean.py                      # default data directory
    python bench/eval_clean.py path/to/cleaning --show liputan6

Default data: ``../shared/eval/cleaning/`` relative to the repository root: for each page NAME,
``NAME.pasted.txt`` (a select-all paste of the page), ``NAME.html`` (the saved page) and
``NAME.expected.txt`` (the article body).  If the directory is missing, the script says so and
exits 0.

Protocol: the paste goes through ``Document.from_text`` and the HTML through
``Document.from_html`` (trafilatura, then the same cleaning); the kept body is the paragraphs'
sentences, *title excluded*.  Both sides are lower-cased and cut into word tokens (``\\w+``, so
punctuation and the expected files' missing spaces between paragraphs do not matter), and
precision / recall / F1 are computed on the token multisets.  For reference: jusText with its
Indonesian stoplist reaches about 0.88 on such pastes, plain trafilatura about 0.95 on such HTML.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from summarize.document import Document  # noqa: E402

DEFAULT_DIR = REPO_ROOT / ".." / "shared" / "eval" / "cleaning"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def f1(kept: str, expected: str) -> tuple[float, float, float]:
    got, want = tokens(kept), tokens(expected)
    hit = sum((got & want).values())
    p = hit / sum(got.values()) if got else 0.0
    r = hit / sum(want.values()) if want else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def body_text(doc: Document) -> str:
    return "\n".join(" ".join(p) for p in doc.paragraphs)


def baseline(kind: str, raw: str) -> str:
    """jusText with its Indonesian stoplist on a paste (one <p> per line); trafilatura on HTML."""
    if kind == "html":
        import trafilatura

        return trafilatura.extract(raw) or ""
    import html

    import justext

    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in raw.splitlines()) + "</body></html>"
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("Indonesian"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DIR, help="directory of pages")
    ap.add_argument("--show", action="append", default=[], help="print the cleaned body of NAME")
    ap.add_argument("--baselines", action="store_true",
                    help="also score jusText (Indonesian stoplist) on pastes and plain trafilatura on HTML")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} not found (the cleaning pages live in ../shared/eval/cleaning/).")
        return 0
    names = sorted(p.name[: -len(".expected.txt")] for p in args.data.glob("*.expected.txt"))
    if not names:
        print(f"skipped: no *.expected.txt in {args.data}.")
        return 0
    scores: dict[str, list[float]] = {"paste": [], "html": [], "paste baseline": [], "html baseline": []}
    print(f"{'page':<14}{'input':<7}{'P':>7}{'R':>7}{'F1':>7}{'ms':>7}")
    for name in names:
        expected = (args.data / f"{name}.expected.txt").read_text(encoding="utf-8")
        for kind, suffix in (("paste", ".pasted.txt"), ("html", ".html")):
            path = args.data / f"{name}{suffix}"
            if not path.exists():
                continue
            raw = path.read_text(encoding="utf-8", errors="replace")
            t0 = time.perf_counter()
            doc = Document.from_text(raw) if kind == "paste" else Document.from_html(raw)
            ms = (time.perf_counter() - t0) * 1000
            p, r, f = f1(body_text(doc), expected)
            scores[kind].append(f)
            line = f"{name:<14}{kind:<7}{p:7.3f}{r:7.3f}{f:7.3f}{ms:7.0f}"
            if args.baselines:
                base = f1(baseline(kind, raw), expected)[2]
                scores[f"{kind} baseline"].append(base)
                line += f"   baseline F1 {base:.3f}"
            print(line)
            if name in args.show:
                print(f"  title: {doc.title!r}\n  meta: { {k: v for k, v in doc.meta.items() if k != 'removed_reasons'} }")
                for para in doc.paragraphs:
                    print("  |", " ".join(para))
                for line, why in zip(doc.removed, doc.meta.get("removed_reasons", [])):
                    print(f"  - [{why}] {line[:100]}")
    for kind, values in scores.items():
        if values:
            print(f"mean {kind:<15} F1 {sum(values) / len(values):.3f} over {len(values)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
