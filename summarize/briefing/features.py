"""Sentence features for the extractive ranker: position, TF-IDF centrality, overlap with the
title and the lead, length, numbers and names, quoted speech.

``bench/fit_ranker.py`` fits the weights on exactly these features (one code path, no
train/serve skew).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..text import STOPWORDS_ID
from .noise import FINAL_PUNCT, NUM_RE, is_noise, mark_split_captions, tokens

__all__ = ["FEATURE_NAMES", "RankDoc", "content_tokens", "tfidf", "build", "sentence_features"]


# Speech-attribution verbs: "..., kata dia." marks a quotation, which makes a
# poor stand-alone bullet even when the quoted words are on topic.
_SPEECH_RE = re.compile(
    r"\b(?:kata|ujar|ucap|ungkap|tutur|jelas|terang|imbuh|tambah|sebut|papar|"
    r"tegas|lanjut|tulis|cuit|beber|klaim|aku)(?:nya)?\b",
    re.IGNORECASE,
)


_QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb"


# ---------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------
FEATURE_NAMES: tuple[str, ...] = (
    # position over usable sentences / paragraphs
    "pos0",
    "pos1",
    "pos2",
    "pos3",
    "pos4",
    "inv_pos",
    "rel_pos",
    "para0",
    "para1",
    "para2",
    "inv_para",
    "first_in_para",
    "sent_in_para",
    # content
    "cent_doc",
    "cent_mean",
    "lead_sim",
    "title_sim",
    "title_recall",
    # surface
    "log_len",
    "short",
    "long",
    "has_num",
    "cap_frac",
    # quotation / noise-ish cues that are soft, not hard rules
    "starts_in_quote",
    "ends_in_quote",
    "quoted_frac",
    "speech_attr",
    "question",
    "no_final_punct",
    "colon_end",
)


_FEATURE_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}


@dataclass
class RankDoc:
    """Flattened view of one document, shared by scoring and selection."""

    positions: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    noise: list[bool] = field(default_factory=list)
    features: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


def content_tokens(toks: Sequence[str]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS_ID and (len(t) > 1 or t.isdigit())]


def _quote_state(text: str, inside: bool) -> tuple[bool, bool, float]:
    """Track quotation across a sentence.

    Returns (starts_inside, ends_inside, fraction of characters inside a
    quotation). ``inside`` is the state carried over from the previous
    sentence of the paragraph, which is how a sentence that *starts* inside
    someone's speech ("...kirim," cuit Snowden) is recognised.
    """
    start = inside
    n_in = 0
    n_all = 0
    for ch in text:
        if ch in _QUOTE_CHARS:
            if ch == "\u201c":
                inside = True
            elif ch == "\u201d":
                inside = False
            else:
                inside = not inside
            continue
        if ch.isspace():
            continue
        n_all += 1
        if inside:
            n_in += 1
    return start, inside, (n_in / n_all if n_all else 0.0)


def tfidf(token_lists: list[list[str]]) -> np.ndarray:
    """L2-normalised TF-IDF rows, IDF estimated over the document's sentences.

    A single article is all we have at runtime, and sentence-level document
    frequency is exactly what separates the story's entities (in a few
    sentences) from filler (everywhere or nowhere).
    """
    vocab: dict[str, int] = {}
    for toks in token_lists:
        for t in toks:
            if t not in vocab:
                vocab[t] = len(vocab)
    n = len(token_lists)
    mat = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, toks in enumerate(token_lists):
        for t, c in Counter(toks).items():
            mat[i, vocab[t]] = 1.0 + math.log(c)
    df = (mat > 0).sum(axis=0)
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    mat *= idf
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return mat / norms


def build(paragraphs: Sequence[Sequence[str]], title: str | None) -> RankDoc:
    """Noise marks, TF-IDF vectors and the feature matrix of one article."""
    doc = RankDoc()
    for pi, para in enumerate(paragraphs):
        for si, sent in enumerate(para):
            text = sent if isinstance(sent, str) else str(sent)
            doc.positions.append((pi, si))
            doc.texts.append(text)
            doc.noise.append(is_noise(text, title))
    mark_split_captions(doc.texts, doc.positions, doc.noise)

    n = len(doc.texts)
    doc.features = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    usable = [i for i in range(n) if not doc.noise[i]]
    if not usable:
        doc.vectors = np.zeros((n, 1))
        return doc
    toks = [tokens(t) for t in doc.texts]
    content = [content_tokens(t) for t in toks]
    title_content = content_tokens(tokens(title)) if title else []
    content_cues = _content_cues(doc, usable, content, title_content)
    para_rank, in_para_rank = _paragraph_ranks(doc, usable)
    quote = _quote_states(doc)
    for k, i in enumerate(usable):
        _fill_row(doc.features[i], k, len(usable), doc.texts[i].strip(), toks[i], content[i],
                  set(title_content), content_cues[k], para_rank[doc.positions[i][0]],
                  in_para_rank[i], quote[i])
    return doc


def _content_cues(doc: RankDoc, usable: list[int], content: list[list[str]],
                  title_content: list[str]) -> list[tuple[float, float, float, float]]:
    """Per usable sentence: centrality to the article, mean similarity, lead and title similarity."""
    n = len(doc.texts)
    # Title goes through the same vectoriser as an extra row so IDF is shared.
    rows = [content[i] for i in usable] + ([title_content] if title_content else [])
    vecs_u = tfidf(rows)
    title_vec = vecs_u[-1] if title_content else None
    if title_content:
        vecs_u = vecs_u[:-1]
    vectors = np.zeros((n, vecs_u.shape[1]))
    vectors[usable] = vecs_u
    doc.vectors = vectors

    centroid = vecs_u.sum(axis=0)
    c_norm = np.linalg.norm(centroid)
    cent_doc = vecs_u @ (centroid / c_norm) if c_norm > 0 else np.zeros(len(usable))
    sims = vecs_u @ vecs_u.T
    m = len(usable)
    cent_mean = (sims.sum(axis=1) - np.diag(sims)) / max(m - 1, 1)
    lead_sim = sims[0].copy()
    lead_sim[0] = 0.0
    title_sim = vecs_u @ title_vec if title_vec is not None else np.zeros(m)
    return [(float(cent_doc[k]), float(cent_mean[k]), float(lead_sim[k]), float(title_sim[k])) for k in range(m)]


def _paragraph_ranks(doc: RankDoc, usable: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    # Positions are counted over usable sentences only (see extractive.py's docstring).
    para_rank: dict[int, int] = {}
    in_para_rank: dict[int, int] = {}
    seen_in_para: Counter[int] = Counter()
    for i in usable:
        pi = doc.positions[i][0]
        if pi not in para_rank:
            para_rank[pi] = len(para_rank)
        in_para_rank[i] = seen_in_para[pi]
        seen_in_para[pi] += 1
    return para_rank, in_para_rank


def _quote_states(doc: RankDoc) -> dict[int, tuple[bool, bool, float]]:
    # Quote state runs over all sentences of a paragraph, noise included.
    quote = {}
    inside = False
    last_para = -1
    for i in range(len(doc.texts)):
        pi = doc.positions[i][0]
        if pi != last_para:
            inside = False
            last_para = pi
        st, inside, frac = _quote_state(doc.texts[i], inside)
        quote[i] = (st, inside, frac)
    return quote


def _fill_row(row: np.ndarray, k: int, m: int, text: str, toks: list[str], content: list[str],
              title_set: set[str], cues: tuple[float, float, float, float], pr: int, sp: int,
              quote: tuple[bool, bool, float]) -> None:
    f = _FEATURE_INDEX
    ntok = len(toks)
    if k < 5:
        row[f[f"pos{k}"]] = 1.0
    row[f["inv_pos"]] = 1.0 / (k + 1.0)
    row[f["rel_pos"]] = k / max(m - 1, 1)
    if pr < 3:
        row[f[f"para{pr}"]] = 1.0
    row[f["inv_para"]] = 1.0 / (pr + 1.0)
    row[f["first_in_para"]] = 1.0 if sp == 0 else 0.0
    row[f["sent_in_para"]] = min(sp, 4) / 4.0
    row[f["cent_doc"]], row[f["cent_mean"]], row[f["lead_sim"]], row[f["title_sim"]] = cues
    if title_set:
        row[f["title_recall"]] = len(title_set & set(content)) / len(title_set)
    row[f["log_len"]] = math.log1p(ntok)
    row[f["short"]] = 1.0 if ntok < 8 else 0.0
    row[f["long"]] = 1.0 if ntok > 40 else 0.0
    row[f["has_num"]] = 1.0 if NUM_RE.search(text) else 0.0
    raw_words = text.split()
    caps = sum(1 for w in raw_words[1:] if w[:1].isupper())
    row[f["cap_frac"]] = caps / max(len(raw_words) - 1, 1)
    st, en, frac = quote
    row[f["starts_in_quote"]] = 1.0 if (st or text[:1] in _QUOTE_CHARS) else 0.0
    row[f["ends_in_quote"]] = 1.0 if en else 0.0
    row[f["quoted_frac"]] = frac
    row[f["speech_attr"]] = 1.0 if _SPEECH_RE.search(text) else 0.0
    row[f["question"]] = 1.0 if text.rstrip("\"'\u201d\u2019 ").endswith("?") else 0.0
    row[f["no_final_punct"]] = 0.0 if text.endswith(FINAL_PUNCT) else 1.0
    row[f["colon_end"]] = 1.0 if text.rstrip("\"'\u201d ").endswith(":") else 0.0


def sentence_features(
    paragraphs: Sequence[Sequence[str]], title: str | None = None
) -> tuple[list[tuple[int, int]], np.ndarray, list[bool]]:
    """Expose the feature matrix so ``bench/fit_ranker.py`` fits exactly what
    runtime computes (one code path, no train/serve skew).

    Returns (positions, features[n_sentences, len(FEATURE_NAMES)], noise mask).
    """
    doc = build(paragraphs, title)
    return doc.positions, doc.features, doc.noise
