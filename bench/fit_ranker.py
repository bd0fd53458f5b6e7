"""Fit the weights of the extractive sentence ranker (summarize/extractive.py).

Run from the repository root:

    . .venv/bin/activate
    python bench/fit_ranker.py                     # default data path
    python bench/fit_ranker.py path/to/train.jsonl --limit 300   # quick run
    python bench/fit_ranker.py --cv 5              # also report 5-fold CV ROUGE

Default data: ``../shared/eval/summarization/indosum-train-extra.jsonl``
relative to the repository root (IndoSum, Kurniawan & Louvan 2018,
CC BY-SA 4.0). If the file is missing the script says so and exits 0, so CI
without the shared data does not fail.

What it does and why:

* Features come from ``summarize.briefing.extractive.sentence_features`` - the very
  code path used at runtime - so there is no train/serve skew.
* Target: the IndoSum extractive oracle labels (``gold_labels``). Tried
  alternatives (per-sentence ROUGE-1/2 precision, ROUGE-1 F1, a mix) all
  ranked worse in cross-validation.
* Model: L2-regularised logistic regression solved by Newton's method on
  standardised features (numpy only), then mapped back to raw feature scale
  so runtime is a plain dot product.
* Sentences the hard noise rules reject are left out of training: they are
  never candidates at runtime.
* IndoSum has no title field, but the article id ends with the URL slug of
  the headline (``1504976700-marquez-pebalap-tercepat-fp1-...``); that slug
  serves as the title. For a seeded half of the articles the title is
  dropped, so the weights work both with and without a title.

Output: a ``_BIAS`` / ``_WEIGHTS`` block on stdout to paste into
``summarize/extractive.py``; progress and timings go to stderr. Never fit
on indosum-dev02.jsonl: that file is the evaluation set of
``bench/eval_brief.py``.
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

from summarize import briefing as extractive  # noqa: E402

DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "eval" / "summarization" / "indosum-train-extra.jsonl"


def slug_title(article_id: str) -> str:
    """Headline proxy from an IndoSum id: drop the timestamp, de-slug."""
    return re.sub(r"^\d+-", "", article_id).replace("-", " ").strip()


def load_jsonl(path: Path, limit: int | None) -> list[dict]:
    rows: list[dict] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit is not None and len(rows) >= limit:
                    break
    return rows


def featurize(rows: list[dict], title_dropout: float, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per article: (features of usable sentences, oracle labels)."""
    rng = np.random.default_rng(seed)
    out = []
    for row in rows:
        title = None if rng.random() < title_dropout else slug_title(row.get("id", ""))
        positions, feats, noise = extractive.sentence_features(row["paragraphs"], title)
        labels = np.array(
            [float(bool(row["gold_labels"][pi][si])) for pi, si in positions], dtype=np.float64
        )
        keep = ~np.asarray(noise, dtype=bool)
        out.append((feats[keep], labels[keep]))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 50) -> tuple[np.ndarray, float]:
    """Newton/IRLS for L2-regularised logistic regression.

    Standardising first makes one L2 strength sensible for features on very
    different scales (one-hots vs. log length); the bias is not penalised.
    Returns weights and bias on the *raw* feature scale.
    """
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    reg = np.eye(z.shape[1]) * l2
    reg[-1, -1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + reg @ w
        hess = (z * (p * (1.0 - p))[:, None]).T @ z + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    raw = w[:-1] / sd
    bias = float(w[-1] - np.sum(mu * raw))
    return raw, bias


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float) -> tuple[dict[str, float], float]:
    x = np.vstack([f for f, _ in data])
    y = np.concatenate([lab for _, lab in data])
    raw, bias = fit_logistic(x, y, l2)
    return {name: float(v) for name, v in zip(extractive.FEATURE_NAMES, raw)}, bias


def cross_validate(rows: list[dict], data, l2: float, folds: int) -> None:
    """k-fold ROUGE of the ranker vs LEAD-3 on the *training* file.

    This is what feature sets and hyper-parameters were chosen on, so the
    dev02 figures of bench/eval_brief.py stay an honest held-out estimate.
    """
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        print("rouge-score not installed; skipping --cv", file=sys.stderr)
        return
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=False)
    keys = ("rouge1", "rouge2", "rougeL")
    ids = np.arange(len(rows))
    ours, lead = [], []
    for k in range(folds):
        weights, bias = fit([data[i] for i in ids[ids % folds != k]], l2)
        for i in ids[ids % folds == k]:
            row = rows[i]
            ref = "\n".join(row["summary"])
            picks = extractive.rank_sentences(
                row["paragraphs"], slug_title(row.get("id", "")), 3, weights=weights, bias=bias
            )
            flat = [s for para in row["paragraphs"] for s in para]
            for sents, acc in (([row["paragraphs"][p][s] for p, s in picks], ours), (flat[:3], lead)):
                sc = scorer.score(ref, "\n".join(sents))
                acc.append([sc[key].fmeasure for key in keys])
    o = np.mean(ours, axis=0) * 100
    l = np.mean(lead, axis=0) * 100
    print(f"{folds}-fold CV  LEAD-3 R1/R2/RL {l[0]:.2f}/{l[1]:.2f}/{l[2]:.2f}", file=sys.stderr)
    print(f"{folds}-fold CV  ranker R1/R2/RL {o[0]:.2f}/{o[1]:.2f}/{o[2]:.2f}", file=sys.stderr)


def format_block(weights: dict[str, float], bias: float, n_docs: int, n_sents: int) -> str:
    lines = [
        f"# Fitted by bench/fit_ranker.py on {n_docs} articles / {n_sents} sentences.",
        f"_BIAS: float = {bias:.4f}",
        "_WEIGHTS: dict[str, float] = {",
    ]
    lines += [f'    "{name}": {weights[name]:.4f},' for name in extractive.FEATURE_NAMES]
    lines.append("}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="training JSONL (IndoSum format)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 strength on standardised features")
    ap.add_argument("--title-dropout", type=float, default=0.5, help="share of articles fitted without a title")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cv", type=int, default=0, help="also report k-fold CV ROUGE on the training file")
    args = ap.parse_args(argv)

    path = args.data.resolve()
    if not path.is_file():
        print(f"fit_ranker: training data not found at {path}; nothing to fit (skipping).")
        return 0
    if "dev02" in path.name:
        print("fit_ranker: refusing to fit on the dev02 evaluation file.", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    rows = load_jsonl(path, args.limit)
    data = featurize(rows, args.title_dropout, args.seed)
    t1 = time.perf_counter()
    weights, bias = fit(data, args.l2)
    t2 = time.perf_counter()
    n_sents = sum(len(lab) for _, lab in data)
    print(
        f"fit_ranker: {len(rows)} articles, {n_sents} usable sentences; "
        f"features {t1 - t0:.1f}s, fit {t2 - t1:.2f}s",
        file=sys.stderr,
    )
    if args.cv > 1:
        cross_validate(rows, data, args.l2, args.cv)
        print(f"fit_ranker: CV done in {time.perf_counter() - t2:.1f}s", file=sys.stderr)
    print(format_block(weights, bias, len(rows), n_sents))
    return 0


if __name__ == "__main__":
    sys.exit(main())
