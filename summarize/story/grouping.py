"""Which articles report the same event: deterministic, model-free, on the Indonesian text.

Two articles are linked when ``0.7 * cosine(TF-IDF of content words) + 0.3 * overlap(names)``
reaches ``LINK_THRESHOLD``; a story is a connected group of linked articles, and an article
linked to none is a story of one.  Names are runs of capitalised words ("Korea Utara", "Lee
Seong-kweun", "Selat Bali"), outlets' own names and datelines left out (they link an outlet's
articles, not an event's); their overlap is the share of the smaller article's names found in
the other.  The threshold 0.30 sits in the gap between same-story articles (the five samples
and the two multi-outlet stories of the evaluation set: every article's closest sibling is at
0.40 or more) and pairs of different stories (300 IndoSum articles against each other and the
stories: 99.9th percentile 0.23; the few above 0.30 are IndoSum reports of one match or race).
``bench/bench_story.py --calibrate`` prints these figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..numbers import indonesian_numbers, value_key
from ..text import STOPWORDS_ID

__all__ = ["LINK_THRESHOLD", "ArticleText", "similarity_matrix", "group", "shared_reasons"]

LINK_THRESHOLD = 0.30
_WORDS_WEIGHT, _NAMES_WEIGHT = 0.7, 0.3
# "TRIBUNNEWS.COM - ", "Jakarta, IDN Times - ": an outlet's dateline opens its paragraphs.
_DATELINE = re.compile(r"^\s*[^\n]{0,60}?\s[-–—]+\s", re.MULTILINE)
_SITE = re.compile(r"\.|news\b|times\b|\bcnn\b|\btv\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_NAME = re.compile(r"(?<![\w.])([A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|bin|binti|al|de|van))*)")
# Capitalised words that start sentences or label things, not names of this story.
_NOT_NAMES = frozenset("""baca jakarta sementara namun selain kemudian sebelumnya menurut dalam pada
    hal ia dia mereka kami kita para berdasarkan meski meskipun selasa rabu kamis jumat sabtu minggu
    senin ahad foto ilustrasi the ini itu tak tidak sejak hingga saat setelah""".split())


@dataclass
class ArticleText:
    """What grouping reads of an article: its Indonesian title and body."""

    title: str | None
    body: str

    @property
    def text(self) -> str:
        return f"{self.title or ''}\n{_DATELINE.sub('', self.body, count=1)}"


def _content(text: str) -> list[str]:
    return [w for w in (t.lower() for t in _WORD.findall(text)) if len(w) > 2 and w not in STOPWORDS_ID]


def names(text: str) -> set[str]:
    """Multi-word capitalised runs and single capitalised words that are not sentence starters."""
    found = set()
    for m in _NAME.finditer(text):
        name = m.group(1).lower()
        if name.split()[0] in _NOT_NAMES or len(name) < 3 or _SITE.search(name):
            continue
        found.add(name)
    return found


def figures(text: str) -> set[float]:
    """Counts and amounts (not years or days of the month) stated in the text."""
    out = set()
    for span in indonesian_numbers(text):
        if span.kind == "number" and span.value is not None and span.value >= 10 and not (
                1900 <= span.value <= 2100 and span.value.is_integer()):
            out.add(value_key(span.value))
    return out


def _tfidf(docs: list[list[str]]) -> np.ndarray:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(d))
    n = len(docs)
    # Words of a single article cannot link two; dropping them keeps the matrix small.
    vocab = {w: i for i, w in enumerate(w for w, c in df.items() if c >= 2 or n <= 2)}
    mat = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for row, d in enumerate(docs):
        for w, c in Counter(d).items():
            if w in vocab:
                mat[row, vocab[w]] = (1.0 + math.log(c)) * (math.log((n + 1) / (df[w] + 1)) + 1.0)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


def _overlap(sets: list[set[str]]) -> np.ndarray:
    vocab = {w: i for i, w in enumerate(sorted(set().union(*sets)))} if sets else {}
    mat = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
    for row, s in enumerate(sets):
        for w in s:
            mat[row, vocab[w]] = 1.0
    shared = mat @ mat.T
    sizes = mat.sum(axis=1)
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    smaller[smaller == 0] = 1.0
    return shared / smaller


def similarity_matrix(articles: list[ArticleText]) -> np.ndarray:
    """Pairwise similarity of the articles (1 on the diagonal)."""
    if not articles:
        return np.zeros((0, 0), dtype=np.float32)
    words = _tfidf([_content(a.text) for a in articles])
    sim = _WORDS_WEIGHT * (words @ words.T) + _NAMES_WEIGHT * _overlap([names(a.text) for a in articles])
    np.fill_diagonal(sim, 1.0)
    return sim


def group(articles: list[ArticleText], threshold: float = LINK_THRESHOLD) -> list[list[int]]:
    """Connected groups of linked articles, each in input order; groups by their first article."""
    n = len(articles)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if n > 1:
        sim = similarity_matrix(articles)
        rows, cols = np.nonzero(np.triu(sim >= threshold, k=1))
        for i, j in zip(rows.tolist(), cols.tolist()):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def shared_reasons(articles: list[ArticleText], members: list[int]) -> list[str]:
    """Why these articles were grouped: names, figures and dates most of them share."""
    if len(members) < 2:
        return ["a single article: no other article reports this event"]
    need = max(2, math.ceil(len(members) / 2))
    name_counts: Counter[str] = Counter()
    figure_counts: Counter[float] = Counter()
    for i in members:
        name_counts.update(names(articles[i].text))
        figure_counts.update(figures(articles[i].text))
    common_names = [n for n, c in name_counts.most_common() if c >= need][:6]
    common_figures = [f for f, c in figure_counts.most_common() if c >= 2][:5]
    sim = similarity_matrix([articles[i] for i in members])
    pairs = sim[np.triu_indices(len(members), k=1)]
    reasons = [f"shared names: {', '.join(n.title() for n in common_names)}"] if common_names else []
    if common_figures:
        reasons.append("shared figures: " + ", ".join(f"{f:,.0f}" if float(f).is_integer() else f"{f:,}"
                                                       for f in common_figures))
    reasons.append(f"each article shares words and names with another (similarity at least "
                   f"{LINK_THRESHOLD:.2f}; pairs {float(pairs.min()):.2f}-{float(pairs.max()):.2f})")
    return reasons
