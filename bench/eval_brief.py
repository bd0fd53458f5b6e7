"""Evaluate the extractive ranker against LEAD-3 on IndoSum dev02.

Run from the repository root:

    . .venv/bin/activate
    pip install rouge-score            # once; pure Python
    python bench/eval_brief.py                       # default data path
    python bench/eval_brief.py --limit 100           # quick run
    python bench/eval_brief.py --title-from-id       # give the ranker a title
    python bench/eval_brief.py path/to/other.jsonl

Default data: ``../shared/eval/summarization/indosum-dev02.jsonl`` relative
to the repository root (IndoSum, Kurniawan & Louvan 2018, CC BY-SA 4.0). If
it is missing, the script says so and exits 0. The ranker's weights are
fitted on indosum-train-extra.jsonl only (bench/fit_ranker.py); this file is
held out.

Protocol: for every article pick n=3 sentences with (a) LEAD-3, the first
three sentences, and (b) ``summarize.briefing.extractive.rank_sentences``; join the
picked sentences with newlines, join the reference summary the same way, and
score with ``rouge_score`` ROUGE-1/2/L F1 (``use_stemmer=False``, default
tokeniser). With rougeL (not rougeLsum) this reproduces the LEAD-3 figures
quoted for this file, R1 65.4 / R2 58.5 / RL 62.4; joining with spaces gives
identical numbers for rouge1/2/L. The last line printed is the ROUGE-1
difference (ranker minus LEAD-3).

By default the ranker gets no title: IndoSum has no title field. With
``--title-from-id`` the headline slug at the end of the article id is passed
as the title (it is a lowercased, possibly truncated headline).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from summarize.briefing import rank_sentences  # noqa: E402

DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "eval" / "summarization" / "indosum-dev02.jsonl"
KEYS = ("rouge1", "rouge2", "rougeL")


def slug_title(article_id: str) -> str:
    """Headline proxy from an IndoSum id: drop the timestamp, de-slug."""
    return re.sub(r"^\d+-", "", article_id).replace("-", " ").strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="evaluation JSONL (IndoSum format)")
    ap.add_argument("--limit", type=int, default=None, help="evaluate only the first N articles")
    ap.add_argument("-n", type=int, default=3, help="sentences to pick (default 3)")
    ap.add_argument("--title-from-id", action="store_true", help="pass the id's headline slug as title")
    args = ap.parse_args(argv)

    path = args.data.resolve()
    if not path.is_file():
        print(f"eval_brief: evaluation data not found at {path}; skipping.")
        return 0
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        print("eval_brief: rouge-score is not installed (pip install rouge-score); skipping.")
        return 0

    rows: list[dict] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if args.limit is not None and len(rows) >= args.limit:
                    break

    scorer = rouge_scorer.RougeScorer(list(KEYS), use_stemmer=False)
    lead_scores: list[list[float]] = []
    rank_scores: list[list[float]] = []
    rank_time = 0.0
    t0 = time.perf_counter()
    for row in rows:
        paragraphs = row["paragraphs"]
        reference = "\n".join(row["summary"])
        flat = [s for para in paragraphs for s in para]
        lead = flat[: args.n]

        title = slug_title(row.get("id", "")) if args.title_from_id else None
        t = time.perf_counter()
        picks = rank_sentences(paragraphs, title=title, n=args.n)
        rank_time += time.perf_counter() - t
        ranked = [paragraphs[p][s] for p, s in picks]

        for sents, acc in ((lead, lead_scores), (ranked, rank_scores)):
            sc = scorer.score(reference, "\n".join(sents))
            acc.append([sc[k].fmeasure for k in KEYS])
    total = time.perf_counter() - t0

    lead_m = np.mean(lead_scores, axis=0) * 100
    rank_m = np.mean(rank_scores, axis=0) * 100
    print(f"data: {path.name}  articles: {len(rows)}  n={args.n}  title={'id-slug' if args.title_from_id else 'none'}")
    print(f"time: ranking {rank_time:.2f}s ({1000 * rank_time / max(len(rows), 1):.1f} ms/article), total {total:.1f}s")
    print(f"LEAD-{args.n}  R1 {lead_m[0]:.2f}  R2 {lead_m[1]:.2f}  RL {lead_m[2]:.2f}")
    print(f"ranker  R1 {rank_m[0]:.2f}  R2 {rank_m[1]:.2f}  RL {rank_m[2]:.2f}")
    print(f"ROUGE-1 difference (ranker - LEAD-{args.n}): {rank_m[0] - lead_m[0]:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
