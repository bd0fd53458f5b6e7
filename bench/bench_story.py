"""The story stage: figure recall/precision on multi-outlet stories, speed, grouping calibration.

    python bench/bench_story.py                      # all of it, default data paths
    python bench/bench_story.py --stories DIR        # other multi-outlet stories (gold.json each)
    python bench/bench_story.py --calibrate          # similarity of same-story vs other pairs
    python bench/bench_story.py --skip-speed         # only the figure measures
    python bench/bench_story.py --samples-markdown   # the README's story of the five samples

Figures are read on the Indonesian side, so the tiny test model (random translations) is
enough to measure them; speed is the story step's time against translating the same articles
with the tiny model (the smallest translation time there is, so the ratio is an upper bound)
and the time to group 1,000 IndoSum articles.  Evaluation data is read from ../shared/eval and
never copied; missing data is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_STORIES = ROOT / ".." / "shared" / "eval" / "stories"
DEFAULT_INDOSUM = ROOT / ".." / "shared" / "eval" / "summarization"


def _fake_pipeline():  # noqa: ANN202 - a bench helper
    import summarize
    from tests.conftest import FakeTranslator

    return summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive", cache=False)


def _gold_story(folder: Path) -> None:
    from summarize.story import GoldFigure, parse_gold_value, score_figures

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    files = sorted(p for p in folder.glob("*.txt"))
    result = _fake_pipeline().story({p.stem: str(p) for p in files}, grouped=False)
    story = result.stories[0]
    ids = {a.outlet: a.id for a in story.articles}
    numeric, skipped = [], 0
    for f in gold["figures"]:
        parsed = parse_gold_value(f["value"])
        if parsed is None:
            skipped += 1
            continue
        numeric.append(GoldFigure(parsed[0], parsed[1], frozenset(ids[o] for o in f["outlets"] if o in ids), f["what"]))
    score = score_figures(story, numeric)
    found_conflicts = _conflicts_found(gold["conflicts"], story)
    print(f"{folder.name}: {len(files)} articles, {score.rows} figure rows")
    print(f"  figure recall {score.recall:.2f} ({score.found}/{score.gold} numeric gold figures; "
          f"{skipped} times/dates not counted), precision {score.precision:.2f} "
          f"({score.right_rows}/{score.rows} rows stated by every sentence they cite)")
    print(f"  disagreements: {len(story.disagreements)} rows; gold conflicts with two of their values in "
          f"one row: {found_conflicts}/{len(gold['conflicts'])}")
    for g in score.missed:
        print(f"    missed: {g.value:g}{'-' + format(g.value_max, 'g') if g.value_max else ''} {g.what[:70]}")


def _seed_story() -> None:
    """The five samples against the hand-made gold table in tests/fixtures/seeds_story.json."""
    from summarize.story import GoldFigure, score_figures

    gold = json.loads((ROOT / "tests" / "fixtures" / "seeds_story.json").read_text(encoding="utf-8"))
    names = {"000": "Tribunnews", "001": "IDN Times", "002": "Internationalmedia", "003": "TVRI", "004": "Medcom"}
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    story = _fake_pipeline().story({names[p.name[:3]]: str(p) for p in seeds}).stories[0]
    ids = {a.outlet: a.id for a in story.articles}
    figures = [GoldFigure(f["value"], f.get("value_max"), frozenset(ids[o] for o in f["outlets"]), f["what"])
               for f in gold["figures"]]
    score = score_figures(story, figures)
    killed = any({600, 2000} <= {v.value for v in d.values} and "April" in (d.reason or "")
                 and "September" in (d.reason or "") for d in story.disagreements)
    print(f"samples (5 articles): figure recall {score.recall:.2f} ({score.found}/{score.gold}), precision "
          f"{score.precision:.2f} ({score.right_rows}/{score.rows}); 600 vs 2,000 killed with April/September: "
          f"{'found' if killed else 'NOT found'}; disagreement rows {len(story.disagreements)}")


def _conflicts_found(conflicts: list[dict], story) -> int:  # noqa: ANN001
    import re

    found = 0
    for conflict in conflicts:
        wanted = set()
        for text in conflict["values"].values():
            m = re.match(r"\s*(?:Rp\s?)?(\d[\d.,]*)", str(text))
            if m:
                wanted.add(float(m.group(1).replace(",", "")))
        if any(len(wanted & {v.value for v in d.values}) >= 2 for d in story.disagreements):
            found += 1
    return found


def _indosum(path: Path, n: int) -> list[dict]:
    rows = []
    for name in ("indosum-dev02.jsonl", "indosum-train-extra.jsonl"):
        file = path / name
        if not file.is_file():
            continue
        with file.open(encoding="utf-8") as handle:
            for line in handle:
                rows.append(json.loads(line))
                if len(rows) >= n:
                    return rows
    return rows


def _text(row: dict) -> str:
    return "\n".join(" ".join(p) for p in row["paragraphs"])


def _speed(args: argparse.Namespace) -> None:
    import summarize
    from summarize.story import ArticleText, Translated, build_stories, group
    from tests.fixtures.make_tiny_models import build_marian

    work = Path(tempfile.mkdtemp(prefix="bench-story-"))
    model = build_marian(work / "models")
    pipe = summarize.Pipeline(mt_model=str(model), summarizer="extractive", beam_size=1, cache=False)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    docs = [summarize.Document.from_file(p) for p in seeds]
    pipe.run(docs[0])  # load the model outside the timing
    started = time.perf_counter()
    translated = [Translated(d, pipe.run(d), str(p)) for d, p in zip(docs, seeds)]
    translate_s = time.perf_counter() - started
    started = time.perf_counter()
    build_stories(translated)
    story_s = time.perf_counter() - started
    print(f"speed: translating the 5 samples (tiny model, beam 1) {translate_s:.2f} s; story step "
          f"{story_s:.3f} s = {100 * story_s / translate_s:.1f}% of it (target at most 10%)")
    rows = _indosum(args.indosum, 1000)
    if len(rows) < 1000:
        print(f"grouping speed: skipped (IndoSum not found under {args.indosum})")
        return
    texts = [ArticleText(None, _text(r)) for r in rows]
    started = time.perf_counter()
    groups = group(texts)
    print(f"grouping 1,000 IndoSum articles: {time.perf_counter() - started:.2f} s "
          f"({len(groups)} groups; target under 10 s)")


def _calibrate(args: argparse.Namespace) -> None:
    import numpy as np

    from summarize.story import ArticleText, similarity_matrix

    same: list[float] = []
    closest: list[float] = []  # each article's most similar sibling: what single-link grouping needs
    clusters = [sorted((ROOT / "seeds").glob("*.txt"))]
    clusters += [sorted(d.glob("*.txt")) for d in sorted(args.stories.glob("*")) if d.is_dir()]
    story_texts = []
    for files in clusters:
        texts = [ArticleText(None, p.read_text(encoding="utf-8")) for p in files]
        story_texts.append(texts)
        sim = similarity_matrix(texts)
        same += sim[np.triu_indices(len(texts), k=1)].tolist()
        others = sim - np.eye(len(texts))
        closest += others.max(axis=1).tolist()
    rows = _indosum(args.indosum, 400)
    if not rows:
        print(f"calibration: skipped (IndoSum not found under {args.indosum})")
        return
    random.Random(0).shuffle(rows)
    others = [ArticleText(None, _text(r)) for r in rows[:300]]
    mixed = others + [t for texts in story_texts for t in texts[:1]]
    sim = similarity_matrix(mixed)
    different = sim[np.triu_indices(len(mixed), k=1)].tolist()
    print(f"calibration: every same-story article's closest sibling at {min(closest):.3f} or more; "
          f"same-story pairs n={len(same)} min {min(same):.3f} p10 {np.percentile(same, 10):.3f}; "
          f"other pairs n={len(different)} p99 {np.percentile(different, 99):.3f} "
          f"p99.9 {np.percentile(different, 99.9):.3f} max {max(different):.3f}")


def _samples_markdown() -> None:
    """The five samples as one story, translated by the identity translator (README example)."""
    import summarize
    from summarize.mt import IdentityTranslator

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    # The fifth sample's page names no outlet: it is named the way a user would (Medcom=FILE).
    items = [("Medcom" if p.name.startswith("004") else None, str(p.relative_to(ROOT))) for p in seeds]
    pipe = summarize.Pipeline(translator=IdentityTranslator(), summarizer="extractive", cache=False)
    print(pipe.story(items).to_markdown(), end="")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=Path, default=DEFAULT_STORIES)
    parser.add_argument("--indosum", type=Path, default=DEFAULT_INDOSUM)
    parser.add_argument("--calibrate", action="store_true", help="only the grouping calibration")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--samples-markdown", action="store_true", help="print the samples' story")
    args = parser.parse_args()
    if args.samples_markdown:
        _samples_markdown()
        return
    if args.calibrate:
        _calibrate(args)
        return
    _seed_story()
    if args.stories.is_dir():
        for folder in sorted(d for d in args.stories.iterdir() if (d / "gold.json").is_file()):
            _gold_story(folder)
    else:
        print(f"stories: skipped ({args.stories} not found; give --stories DIR)")
    if not args.skip_speed:
        _speed(args)


if __name__ == "__main__":
    main()
