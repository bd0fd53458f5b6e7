"""Extractive sentence ranker for Indonesian news articles.

The brief shows 3-5 bullets per article, and those bullets come from here:
we pick the sentences of the *Indonesian* source that carry the story, and
the translator turns them into English afterwards. Picking before translating
keeps the expensive MT step down to a handful of sentences and keeps the
bullets faithful, because they are the reporter's own sentences.

Why a small linear model rather than a heuristic or a neural net:

* Indonesian news is strongly lead-heavy (LEAD-3 is a very strong baseline on
  IndoSum), so position has to dominate. Hand-tuned position rules lose to
  a model that learns *how much* position matters relative to content cues.
* The weights are a few dozen floats fitted offline by ``bench/fit_ranker.py``
  and pasted below, so runtime needs only ``re`` and ``numpy``: no model
  files, no torch, sub-second on long articles.

Pipeline for one document:

1. Every sentence is checked against hard noise rules (``Baca juga:`` links,
   reporter initials such as ``(ptr)`` or ``(oln/tmt/*)``, photo credits,
   copies of the headline, bare headline-like lines). Noise is *unusable*:
   it is never returned, and it does not count for position features, so
   a pasted page header does not push the real lead out of the lead slot.
2. Usable sentences get a feature vector (position, TF-IDF centrality,
   overlap with the title and the lead, length, numbers/named entities,
   quoted-speech cues); the score is ``bias + w . x`` (a logistic model's
   logit, trained on the IndoSum extractive oracle labels).
3. Selection is greedy by score with redundancy control: a sentence whose
   TF-IDF cosine to an already picked one is above ``_REDUNDANCY_COSINE``
   is skipped, because news pastes often repeat the headline or the lead.
   The picked positions are returned in document order, which is the order a
   reader expects bullets in.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "FEATURE_NAMES",
    "rank_sentences",
    "score_sentences",
    "sentence_features",
    "is_noise",
]

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Fitted weights
# ---------------------------------------------------------------------------
# Logistic-regression weights over FEATURE_NAMES (raw, un-standardised
# feature scale), fitted by ``bench/fit_ranker.py`` on
# ``indosum-train-extra.jsonl`` against the extractive oracle labels.
# Training data: IndoSum (Kurniawan & Louvan 2018), CC BY-SA 4.0.
# Only these numbers are derived from the data; no text from it is stored.
# Re-generate with: python bench/fit_ranker.py  (prints this block).
# Fitted by bench/fit_ranker.py on 1998 articles / 34418 usable sentences
# (L2 = 1.0 on standardised features, title dropped for half the articles).
# 5-fold CV on that file: ROUGE-1 68.2 vs LEAD-3 65.9.
# Read correlated groups together, not weight by weight: e.g. the first
# paragraph gets para0 + inv_para = +3.6, the second para1 + inv_para/2 = +3.5,
# the third +2.8, later ones fade as 8.4/(p+1); cent_doc and cent_mean
# together reward sentences close to the article's overall topic rather than
# to one cluster of similar sentences; quoted speech (starts_in_quote,
# quoted_frac, speech_attr) and questions are what the model learned to skip
# inside the lead, which is where it beats LEAD-3.
_BIAS: float = -4.8922
_WEIGHTS: dict[str, float] = {
    "pos0": -0.4958,
    "pos1": 0.2096,
    "pos2": 0.3309,
    "pos3": 0.2198,
    "pos4": 0.0948,
    "inv_pos": 1.7124,
    "rel_pos": -1.1002,
    "para0": -4.6647,
    "para1": -0.6617,
    "para2": 0.0344,
    "inv_para": 8.2661,
    "first_in_para": -0.2393,
    "sent_in_para": -1.6257,
    "cent_doc": 7.2901,
    "cent_mean": -10.2568,
    "lead_sim": -1.2063,
    "title_sim": 3.0623,
    "title_recall": -0.4178,
    "log_len": -0.1229,
    "short": -0.2546,
    "long": -0.2968,
    "has_num": 0.1396,
    "cap_frac": 0.4155,
    "starts_in_quote": -1.4138,
    "ends_in_quote": 0.0277,
    "quoted_frac": -0.3836,
    "speech_attr": -0.1300,
    "question": -1.8655,
    "no_final_punct": -0.5762,
    "colon_end": -0.3359,
}

# Two picked sentences may not be closer than this (TF-IDF cosine). A pasted
# headline and a lead that restates it verbatim collide, two sentences that
# merely share the main entities do not. Thresholds >= 0.7 cost nothing in
# CV on IndoSum (which has few duplicates); 0.4-0.6 cost 0.02-0.06 ROUGE-1.
_REDUNDANCY_COSINE: float = 0.7

# Score assigned to sentences the hard rules mark as noise. They are never
# returned by rank_sentences; the value only makes score_sentences honest.
_NOISE_SCORE: float = -1e6

# ---------------------------------------------------------------------------
# Lexical resources
# ---------------------------------------------------------------------------
# Indonesian function words. TF-IDF centrality has to be computed on content
# words, otherwise "yang", "dan", "di" make every sentence look central.
_STOPWORDS: frozenset[str] = frozenset(
    """
    ada adalah adanya agar akan akhirnya aku anda antara apa apabila
    apakah atas atau bagaimana bagi bahkan bahwa banyak baru beberapa begitu
    belum berbagai bersama beliau bisa boleh bukan cukup dalam dan dapat dari
    daripada demikian dengan di dia diri dirinya dua ekor engkau hal hanya
    harus hingga ia ialah ini itu jadi jangan jika juga justru kalau kali
    kami kamu kan kapan karena ke kecuali kemudian kenapa kepada ketika
    kini kita lagi lain lalu lebih maka mana masih mau melalui memang mereka
    meski meskipun mungkin nya nanti namun oleh pada padahal para pernah
    per pula pun saat saja salah sambil sampai sang sangat satu saya se
    sebab sebagai sebelum sebuah secara sedang sehingga sejak sekali
    sekitar selain selama seluruh semua sementara sendiri seorang seperti
    serta setelah setiap sudah supaya tak tanpa tapi telah tentang tersebut
    tetapi tidak tiga untuk walau walaupun yaitu yakni yang
    kata ujar ucap ungkap tutur jelas katanya ujarnya ungkapnya tuturnya
    jelasnya lanjutnya imbuhnya tambahnya sebutnya
    pak bu bapak ibu sih dong kok lho ya tak nggak gak
    """.split()
)

# Speech-attribution verbs: "..., kata dia." marks a quotation, which makes a
# poor stand-alone bullet even when the quoted words are on topic.
_SPEECH_RE = re.compile(
    r"\b(?:kata|ujar|ucap|ungkap|tutur|jelas|terang|imbuh|tambah|sebut|papar|"
    r"tegas|lanjut|tulis|cuit|beber|klaim|aku)(?:nya)?\b",
    re.IGNORECASE,
)

_QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb"

_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_NUM_RE = re.compile(r"\d")
_FINAL_PUNCT = tuple(".!?\"'\u201d\u2019)\u2026:;")

# "(ptr)", "(oln/tmt/*)", "( evn )", "(Antara)": reporter/editor initials
# or wire credits that close an article.
_INITIALS_RE = re.compile(
    r"^[\[(]\s*[\w*.]{1,12}(?:\s*[/,]\s*[\w*.]{1,12}){0,4}\s*[\])]\s*\.?$",
    re.UNICODE,
)
# Related-article links and other site furniture.
_BOILERPLATE_RE = re.compile(
    # Always furniture, colon or not.
    r"^\W*(?:(?:baca|simak|lihat|tonton|saksikan)\s+(?:juga|pula|selengkapnya|artikel|berita|video)|"
    r"berita\s+terkait|artikel\s+terkait|advertisement|scroll\s+to\s+continue|"
    r"isi\s+komentar|klik\s+(?:di\s*sini|link|tautan)|"
    # Furniture only as a "Label:" (so "Sumber di kepolisian mengatakan..."
    # or "Editor senior itu..." stay real sentences).
    r"(?:baca|simak|lihat|tonton|link(?:\s+berita)?|editor|penulis|reporter|"
    r"pewarta|sumber|disclaimer|kontributor|redaktur|penyunting)\s*:)",
    re.IGNORECASE | re.UNICODE,
)
# Photo captions / credits: "Foto: ...", "(Foto: Reuters)",
# "... (pixabay.com/outsideclick)", "Ilustrasi ...".
_CAPTION_START_RE = re.compile(
    r"^\W*(?:foto|ilustrasi|dok(?:umentasi)?|gambar|video|infografis)\s*[:.|\-]",
    re.IGNORECASE,
)
_CAPTION_CREDIT_RE = re.compile(
    r"\(\s*(?:(?:foto|dok|dokumentasi|ist|istimewa|ilustrasi|credit|kredit|"
    r"photo|image)\b[^()]*|[^()\s]*\w\.(?:com|id|net|org|co)\b[^()\s]*)\)\s*\.?\s*$",
    re.IGNORECASE,
)
# A sentence that is nothing but a bracketed credit or sign-off.
_CREDIT_LINE_RE = re.compile(r"^[\[(][^()\[\]]{1,60}[\])]\s*\.?$")
# "... di Pyongyang, 25 Februari 2025. (KCNA)": an all-caps credit *after* the
# sentence's own full stop. Acronym expansions ("... Kartu Jakarta Pintar
# (KJP).") end with the stop after the bracket and are left alone.
_ALLCAPS_CREDIT_RE = re.compile(r"[.!?]\s*\(\s*[A-Z][A-Z .&/]{1,30}\)\s*$")


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
class _Doc:
    """Flattened view of one document, shared by scoring and selection."""

    positions: list[tuple[int, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    noise: list[bool] = field(default_factory=list)
    features: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


def _tokens(text: str) -> list[str]:
    return [t for t in _WORD_RE.findall(text.lower()) if t != "_"]


def _content(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if t not in _STOPWORDS and (len(t) > 1 or t.isdigit())]


def is_noise(sentence: str, title: str | None = None) -> bool:
    """Return True for lines that must never become a bullet.

    These are rules, not learned weights, because the failure is categorical:
    a "Baca juga:" link or a "(oln/tmt/*)" sign-off in a brief is a visible
    bug however rare it is in the training data.
    """
    s = sentence.strip()
    if not s:
        return True
    toks = _tokens(s)
    if not toks:
        return True
    if _INITIALS_RE.match(s):
        return True
    if _BOILERPLATE_RE.match(s):
        return True
    if _CAPTION_START_RE.match(s):
        return True
    if _CAPTION_CREDIT_RE.search(s) and not _NUM_RE.search(s[s.rfind("(") :]):
        return True
    if _ALLCAPS_CREDIT_RE.search(s):
        # "(KCNA)", "(ANTARA FOTO)": a wire/photo credit closing a caption.
        return True
    if len(_tokens(_URL_RE.sub(" ", s))) <= 2:
        # "Intinya sih...", "1.", "For", a bare URL: teasers, list numbers,
        # menu words, links.
        return True
    if s.startswith("|") or s.count("|") >= 2:
        # Table rows of "related articles" widgets.
        return True
    if not s.endswith(_FINAL_PUNCT):
        # Headline-, menu- or list-item-like line: no sentence punctuation and
        # either very short or Title Cased like a headline.
        words = s.split()
        caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        if len(toks) <= 8 or (len(toks) <= 25 and caps >= 0.5 * len(words)):
            return True
    if title:
        t_toks = _tokens(title)
        if t_toks and toks == t_toks:
            # A pasted copy of the headline; the brief shows the title anyway.
            return True
    return False


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


def _tfidf(token_lists: list[list[str]]) -> np.ndarray:
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


def _mark_split_captions(doc: _Doc) -> None:
    """Mark a photo caption whose credit the sentence splitter cut off.

    "Bendera Korea Utara. (pixabay.com/outsideclick)" arrives as two
    sentences; the credit alone is noise already, and the sentence before it
    is the caption. A photo/URL credit marks it wherever it is. A bare
    capitalised source ("(KCNA)", "(AFP)") only counts when real text follows
    in later paragraphs: at the end of an article it is the wire's sign-off
    and the sentence before it is the real last sentence. Lower-case
    reporter initials ("(ptr)", "(oln/tmt/*)") are always sign-offs.
    """
    n = len(doc.texts)
    last_usable_para = max((doc.positions[i][0] for i in range(n) if not doc.noise[i]), default=-1)
    for i in range(n - 1):
        if doc.noise[i] or doc.positions[i + 1][0] != doc.positions[i][0]:
            continue
        nxt = doc.texts[i + 1].strip()
        if not _CREDIT_LINE_RE.match(nxt) or _NUM_RE.search(nxt):
            continue
        if _CAPTION_CREDIT_RE.search(nxt):
            doc.noise[i] = True
        elif (
            doc.positions[i][0] < last_usable_para
            and any(ch.isupper() for ch in nxt)
            and not any(ch in nxt for ch in "/*")
        ):
            doc.noise[i] = True


def _build(paragraphs: Sequence[Sequence[str]], title: str | None) -> _Doc:
    doc = _Doc()
    for pi, para in enumerate(paragraphs):
        for si, sent in enumerate(para):
            text = sent if isinstance(sent, str) else str(sent)
            doc.positions.append((pi, si))
            doc.texts.append(text)
            doc.noise.append(is_noise(text, title))
    _mark_split_captions(doc)

    n = len(doc.texts)
    feats = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float64)
    usable = [i for i in range(n) if not doc.noise[i]]
    if not usable:
        doc.features = feats
        doc.vectors = np.zeros((n, 1))
        return doc

    tokens = [_tokens(t) for t in doc.texts]
    content = [_content(t) for t in tokens]
    # Title goes through the same vectoriser as an extra row so IDF is shared.
    title_content = _content(_tokens(title)) if title else []
    rows = [content[i] for i in usable] + ([title_content] if title_content else [])
    vecs_u = _tfidf(rows)
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
    title_set = set(title_content)

    # Positions are counted over usable sentences only (see module docstring).
    para_rank: dict[int, int] = {}
    in_para_rank: dict[int, int] = {}
    seen_in_para: Counter[int] = Counter()
    for i in usable:
        pi = doc.positions[i][0]
        if pi not in para_rank:
            para_rank[pi] = len(para_rank)
        in_para_rank[i] = seen_in_para[pi]
        seen_in_para[pi] += 1

    # Quote state runs over all sentences of a paragraph, noise included.
    quote = {}
    inside = False
    last_para = -1
    for i in range(n):
        pi = doc.positions[i][0]
        if pi != last_para:
            inside = False
            last_para = pi
        st, inside, frac = _quote_state(doc.texts[i], inside)
        quote[i] = (st, inside, frac)

    f = _FEATURE_INDEX
    for k, i in enumerate(usable):
        row = feats[i]
        text = doc.texts[i].strip()
        toks = tokens[i]
        ntok = len(toks)
        if k < 5:
            row[f[f"pos{k}"]] = 1.0
        row[f["inv_pos"]] = 1.0 / (k + 1.0)
        row[f["rel_pos"]] = k / max(m - 1, 1)
        pr = para_rank[doc.positions[i][0]]
        if pr < 3:
            row[f[f"para{pr}"]] = 1.0
        row[f["inv_para"]] = 1.0 / (pr + 1.0)
        sp = in_para_rank[i]
        row[f["first_in_para"]] = 1.0 if sp == 0 else 0.0
        row[f["sent_in_para"]] = min(sp, 4) / 4.0
        row[f["cent_doc"]] = cent_doc[k]
        row[f["cent_mean"]] = cent_mean[k]
        row[f["lead_sim"]] = lead_sim[k]
        row[f["title_sim"]] = title_sim[k]
        if title_set:
            row[f["title_recall"]] = len(title_set & set(content[i])) / len(title_set)
        row[f["log_len"]] = math.log1p(ntok)
        row[f["short"]] = 1.0 if ntok < 8 else 0.0
        row[f["long"]] = 1.0 if ntok > 40 else 0.0
        row[f["has_num"]] = 1.0 if _NUM_RE.search(text) else 0.0
        raw_words = text.split()
        caps = sum(1 for w in raw_words[1:] if w[:1].isupper())
        row[f["cap_frac"]] = caps / max(len(raw_words) - 1, 1)
        st, en, frac = quote[i]
        row[f["starts_in_quote"]] = 1.0 if (st or text[:1] in _QUOTE_CHARS) else 0.0
        row[f["ends_in_quote"]] = 1.0 if en else 0.0
        row[f["quoted_frac"]] = frac
        row[f["speech_attr"]] = 1.0 if _SPEECH_RE.search(text) else 0.0
        row[f["question"]] = 1.0 if text.rstrip("\"'\u201d\u2019 ").endswith("?") else 0.0
        row[f["no_final_punct"]] = 0.0 if text.endswith(_FINAL_PUNCT) else 1.0
        row[f["colon_end"]] = 1.0 if text.rstrip("\"'\u201d ").endswith(":") else 0.0
    doc.features = feats
    return doc


def sentence_features(
    paragraphs: Sequence[Sequence[str]], title: str | None = None
) -> tuple[list[tuple[int, int]], np.ndarray, list[bool]]:
    """Expose the feature matrix so ``bench/fit_ranker.py`` fits exactly what
    runtime computes (one code path, no train/serve skew).

    Returns (positions, features[n_sentences, len(FEATURE_NAMES)], noise mask).
    """
    doc = _build(paragraphs, title)
    return doc.positions, doc.features, doc.noise


def _weight_vector(weights: dict[str, float] | None) -> np.ndarray:
    w = _WEIGHTS if weights is None else weights
    return np.array([w.get(name, 0.0) for name in FEATURE_NAMES], dtype=np.float64)


def _scores(doc: _Doc, weights: dict[str, float] | None, bias: float | None) -> np.ndarray:
    b = _BIAS if bias is None else bias
    if not doc.texts:
        return np.zeros(0)
    s = doc.features @ _weight_vector(weights) + b
    s[np.asarray(doc.noise, dtype=bool)] = _NOISE_SCORE
    return s


def score_sentences(
    paragraphs: list[list[str]],
    title: str | None = None,
    *,
    weights: dict[str, float] | None = None,
    bias: float | None = None,
) -> list[list[float]]:
    """Score every sentence (higher = more summary-worthy), same shape as input.

    Scores are logits of the fitted model; noise lines get a large negative
    score. ``weights``/``bias`` override the fitted constants, which is how
    the fitting and evaluation scripts try candidate models.
    """
    doc = _build(paragraphs, title)
    flat = _scores(doc, weights, bias)
    out: list[list[float]] = [[0.0] * len(p) for p in paragraphs]
    for (pi, si), v in zip(doc.positions, flat):
        out[pi][si] = float(v)
    return out


def rank_sentences(
    paragraphs: list[list[str]],
    title: str | None = None,
    n: int = 3,
    *,
    weights: dict[str, float] | None = None,
    bias: float | None = None,
    redundancy: float | None = None,
) -> list[tuple[int, int]]:
    """Pick the ``n`` best sentences and return their (paragraph, sentence)
    positions in document order.

    Fewer than ``n`` come back when the document has fewer usable
    (non-noise, non-redundant) sentences; ``[]`` for empty input or n <= 0.
    """
    if n <= 0 or not paragraphs:
        return []
    doc = _build(paragraphs, title)
    if not doc.texts:
        return []
    scores = _scores(doc, weights, bias)
    thr = _REDUNDANCY_COSINE if redundancy is None else redundancy
    order = sorted(
        (i for i in range(len(scores)) if not doc.noise[i]),
        key=lambda i: (-scores[i], i),
    )
    picked: list[int] = []
    for i in order:
        if len(picked) >= n:
            break
        v = doc.vectors[i]
        if picked and float(np.max(doc.vectors[picked] @ v)) > thr:
            continue
        picked.append(i)
    logger.debug("picked %d of %d sentences", len(picked), len(scores))
    return sorted(doc.positions[i] for i in picked)
