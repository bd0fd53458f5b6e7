"""Hard rules: sentences that must never become a bullet (links, credits, captions, menus).

Rules, not learned weights, because the failure is categorical: a "Baca juga:" link or a
"(oln/tmt/*)" sign-off in a brief is a visible bug however rare it is in the training data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["NUM_RE", "FINAL_PUNCT", "tokens", "is_noise", "mark_split_captions"]


_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


_WORD_RE = re.compile(r"\w+", re.UNICODE)


NUM_RE = re.compile(r"\d")


FINAL_PUNCT = tuple(".!?\"'\u201d\u2019)\u2026:;")


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


def tokens(text: str) -> list[str]:
    return [t for t in _WORD_RE.findall(text.lower()) if t != "_"]


def is_noise(sentence: str, title: str | None = None) -> bool:
    """Return True for lines that must never become a bullet.

    These are rules, not learned weights, because the failure is categorical:
    a "Baca juga:" link or a "(oln/tmt/*)" sign-off in a brief is a visible
    bug however rare it is in the training data.
    """
    s = sentence.strip()
    if not s:
        return True
    toks = tokens(s)
    if not toks:
        return True
    if _INITIALS_RE.match(s):
        return True
    if _BOILERPLATE_RE.match(s):
        return True
    if _CAPTION_START_RE.match(s):
        return True
    if _CAPTION_CREDIT_RE.search(s) and not NUM_RE.search(s[s.rfind("(") :]):
        return True
    if _ALLCAPS_CREDIT_RE.search(s):
        # "(KCNA)", "(ANTARA FOTO)": a wire/photo credit closing a caption.
        return True
    if len(tokens(_URL_RE.sub(" ", s))) <= 2:
        # "Intinya sih...", "1.", "For", a bare URL: teasers, list numbers,
        # menu words, links.
        return True
    if s.startswith("|") or s.count("|") >= 2:
        # Table rows of "related articles" widgets.
        return True
    if not s.endswith(FINAL_PUNCT):
        # Headline-, menu- or list-item-like line: no sentence punctuation and
        # either very short or Title Cased like a headline.
        words = s.split()
        caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        if len(toks) <= 8 or (len(toks) <= 25 and caps >= 0.5 * len(words)):
            return True
    if title:
        t_toks = tokens(title)
        if t_toks and toks == t_toks:
            # A pasted copy of the headline; the brief shows the title anyway.
            return True
    return False


def mark_split_captions(texts: Sequence[str], positions: Sequence[tuple[int, int]], noise: list[bool]) -> None:
    """Mark a photo caption whose credit the sentence splitter cut off.

    "Bendera Korea Utara. (pixabay.com/outsideclick)" arrives as two
    sentences; the credit alone is noise already, and the sentence before it
    is the caption. A photo/URL credit marks it wherever it is. A bare
    capitalised source ("(KCNA)", "(AFP)") only counts when real text follows
    in later paragraphs: at the end of an article it is the wire's sign-off
    and the sentence before it is the real last sentence. Lower-case
    reporter initials ("(ptr)", "(oln/tmt/*)") are always sign-offs.
    """
    n = len(texts)
    last_usable_para = max((positions[i][0] for i in range(n) if not noise[i]), default=-1)
    for i in range(n - 1):
        if noise[i] or positions[i + 1][0] != positions[i][0]:
            continue
        nxt = texts[i + 1].strip()
        if not _CREDIT_LINE_RE.match(nxt) or NUM_RE.search(nxt):
            continue
        if _CAPTION_CREDIT_RE.search(nxt):
            noise[i] = True
        elif (
            positions[i][0] < last_usable_para
            and any(ch.isupper() for ch in nxt)
            and not any(ch in nxt for ch in "/*")
        ):
            noise[i] = True
