"""Line-level rules for Indonesian news pages: what a line *is* (prose, page furniture, byline,
date, caption, dateline) and the metadata it carries.

This rule set is written by hand because no library does Indonesian news boilerplate: jusText
and trafilatura work on HTML structure, while a paste is bare lines (jusText with its Indonesian
stoplist keeps 0.93 token F1 on our pastes against 0.99 here, ``bench/eval_clean.py``).  The rules are generic shapes seen across sites
(Tribunnews, IDN Times, Kompas, Detik, Liputan6, Merdeka, Okezone, TVRI, Medcom) — widgets,
labels, credits — never sentences of one page.  ``clean.py`` combines them with the structure of
the whole paste to find where the article starts and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .wordlists import DAYS_PATTERN, FUNCTION_WORDS_EN, FUNCTION_WORDS_ID, MONTHS, SMALL_WORDS, UI_WORDS

__all__ = [
    "LineInfo",
    "analyse",
    "boilerplate_reason",
    "is_box_start",
    "is_bullet",
    "split_dateline",
    "strip_date_prefix",
    "strip_trailing_initials",
    "parse_byline",
    "parse_date",
    "titlecase_ratio",
    "normalise_key",
]

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"\b(?:{DAYS_PATTERN},?\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\.?\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b"
    r"|\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:wib|wita|wit|utc|gmt)?\b", re.IGNORECASE)
_DATE_FILLER = re.compile(
    rf"\b(?:{DAYS_PATTERN}|wib|wita|wit|utc|gmt|on|at|pukul|jam|diperbarui|updated|published|"
    r"dipublikasikan|diterbitkan|posted|tanggal|date|terbit|-)\b|[,|•·:/\-–—]",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(
    r"^\s*(?:date|tanggal|published|diterbitkan|posted)?\s*:?\s*"
    r"(?P<date>(?:19|20)\d\d-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?)\s+(?=\S)",
    re.IGNORECASE,
)

# "TRIBUNNEWS.COM -", "Jakarta, IDN Times -", "JAKARTA, KOMPAS.com -", "Jakarta (ANTARA) -",
# "Liputan6.com, Jakarta -", "Merdeka.com -", "TVRINews – SEOUL, Korea Selatan".
_DATELINE = re.compile(
    r"^(?P<dl>(?:[A-Z][\w.'&]*|[a-z][\w]*\.(?:com|co\.id|id|net))"
    r"(?:[ ,]+(?:\(?[A-Z][\w.'&]*\)?|dan)){0,4}(?:\s*\([A-Za-z .]+\))?)"
    r"\s*(?:[-–—]{1,2}|[-–—]\s[-–—])\s+"
)
# "Pyongyang: ...", "Jakarta: ..." (Medcom, Antara English style): one capitalised place name.
_COLON_DATELINE = re.compile(r"^(?P<dl>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?):\s+(?=[A-Z])")
_SITE_MARK = re.compile(r"\.com|\.co\.id|\.id\b|\bnews\b|\btimes\b|\bantara\b|\bcom\b|tv|\bindonesia\b", re.IGNORECASE)
_LABELS = re.compile(
    r"^(?:penulis|reporter|editor|pewarta|redaktur|penyunting|sumber|foto|kontributor|jurnalis|"
    r"author|baca|lihat|simak|tonton|topik|tags?|catatan|disclaimer|update|video|laporan|"
    r"ilustrasi|grafis|infografis|link|kategori|rubrik|halaman)\b",
    re.IGNORECASE,
)

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-z]+|#\d+);|<!--")
_CODE_LINE = re.compile(
    r"^(?:/?\.[a-z][\w-]*(?:\s+/?\.?[a-z][\w.-]*)*|/|"  # ".article-info", "/.reactions .credits"
    r"[\w-]+(?:\.[\w-]+){3,}|"  # "Tribunnews.Article.Metropolitan.Top.LargeLeaderboard"
    r"[a-z]+_[a-z_]+)$"  # "cxenseparse_start"
)
_TABLE = re.compile(r"^\s*\|.*\||^\s*\|?\s*:?-{3,}")
_NAV = re.compile(r"\s(?:»|›|>|/)\s|^[»›]|\s[»›]$")
_MARKER = re.compile(
    r"^(?:begin|end|start)\b.{0,40}\b(?:box|tab|komentar|comments?|berita|share|ads?|"
    r"iklan|terkait|related|widget|article|artikel)\b|^end of\b|^social tab\b",
    re.IGNORECASE,
)
_INITIALS = r"[\(\[]\s*[A-Za-z*]{1,6}(?:\s*/\s*[A-Za-z*]{1,6}){0,5}\s*[\)\]]"
_INITIALS_LINE = re.compile(rf"^{_INITIALS}\.?$")
_TRAILING_INITIALS = re.compile(rf"(?<=[.!?\"”’'])\s+(?P<ini>{_INITIALS})\.?$")
# "[Gambas:Video 20detik]", "[Embed]", "[Instagram post]": placeholders of embedded widgets.
_EMBED = re.compile(r"^\[[^\[\]]{2,80}\]$")
_COUNTER = re.compile(r"^[\d.,]+[kKmM]?(?:\s+\w+)?$|^\w+\s*\(\d+\)$|^[+\-#*•|/\\]+$")
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣✓✔➤►*]|-(?=\s))\s*")

# Leading signs are skipped with a possessive ``\W*+``: every word after it starts with a letter,
# so giving signs back never helps, and a line of a million dots is not backtracked through.

# Phrases that mark a whole line as page furniture wherever it stands.  Each names a kind of
# widget (related links, comment rules, AI summaries, community notices, app promotion, share
# bars, copyright), not one page's sentence.
_ANY = 10_000
_PHRASES: tuple[tuple[str, re.Pattern[str], int], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE), max_words)
    for reason, pattern, max_words in (
        ("related link", r"^\W*+(?:baca|simak|lihat|tonton|saksikan|cek)\s+(?:juga|pula|selengkapnya|artikel|berita|video|di\s+sini)\b", _ANY),
        ("related link", r"^\W*+(?:berita|artikel|video|konten)\s+(?:terkait|lainnya|rekomendasi|pilihan|menarik|populer|terpopuler|terbaru|terkini)\b", 4),
        ("related link", r"^\W*+(?:rekomendasi|terkait|jangan lewatkan|kumpulan berita|indeks berita|latest in|see more|editor'?s picks|for you|read more|related|topik|tags?)\b", 6),
        ("related link", r"^\W*+artikel ini (?:telah|sudah) (?:tayang|terbit|dimuat)", _ANY),
        ("comment notice", r"isi komentar sepenuhnya|komentar .{0,40}tanggung jawab (?:pengguna|komentator|pemberi komentar|penulis)", _ANY),
        ("comment notice", r"^\W*+(?:berikan|tulis|kirim)\s+komentar|\bkomentar anda\b|login untuk (?:komentar|berkomentar)|belum mendaftar|^comments?\s*\(\d+\)|^komentar\s*\(\d+\)", 8),
        ("AI summary", r"^\W*+(?:intinya sih|ringkasan(?: ai| berita)?|poin penting|summary)\b", 6),
        ("AI summary", r"this summary was (?:created|generated)|(?:created|generated) (?:using|by|with) (?:artificial intelligence|ai)\b", _ANY),
        ("community notice", r"written by our community writers?|reviewed by our editorial team|ditulis oleh (?:penulis|kontributor) komunitas|^\W*+disclaimer\s*:", _ANY),
        ("app promotion", r"(?:download|unduh|install)\s+(?:aplikasi|app)\b|\bdi\s+(?:idn\s+)?app\b|google news|dapatkan (?:update|berita|informasi) (?:terbaru|terkini|menarik|pilihan)|ikuti (?:kami|saluran|channel)|follow (?:us|kami)|whatsapp channel|saluran whatsapp|klik (?:di\s*sini|link|tautan)|let'?s be smart|follow tag", _ANY),
        ("advertisement", r"^\W*+(?:advertisement|iklan|scroll (?:to|untuk) (?:continue|melanjutkan)|konten (?:bersponsor|sponsor)|sponsored)\b", 5),
        ("advertisement", r"\+1 button|place this tag", _ANY),
        ("copyright", r"©|\bcopyright\b|all rights reserved", 25),
        ("copyright", r"\bhak cipta dilindungi|dilarang (?:mengutip|memperbanyak|menyalin)", 20),
        ("page navigation", r"^\W*+(?:halaman|page)\s*(?:\d+|selanjutnya|berikutnya|sebelumnya)\b|^\W*+(?:tampilkan semua|lihat semua|load more|muat lebih)\b", 8),
    )
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5}"
_BYLINE = re.compile(
    r"^\W*+(?P<label>(?i:penulis|reporter|editor|pewarta|redaktur|penyunting|kontributor|jurnalis|"
    rf"author|by))\s*[:|]?\s+(?P<name>{_NAME})"
)
# "Laporan Wartawan Tribunnews.com, Glery Lazuardi" opens many Tribun network articles.
_LAPORAN = re.compile(
    rf"^\W*+laporan\s+(?:wartawan|reporter|koresponden|jurnalis)\s+[\w.]+(?:\s+[\w.]+)?\s*,\s*(?P<name>{_NAME})",
    re.IGNORECASE,
)
# "Andi Saputra - detikNews", "Fitria Chusna | Kompas.com": a reporter and the site.
_NAME_SITE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+[-–|]\s+"
    r"(?P<site>(?i:[\w.]*(?:news|detik|\.com|\.id|tv|times)[\w.]*))$"
)
_NAME_BULLET_DATE = re.compile(r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*[•·|]\s*\S")
_BOX_START = re.compile(
    r"^\W*+(?:intinya sih|ringkasan|poin penting|baca juga|baca pula|berita terkait|artikel terkait|"
    r"rekomendasi|berita rekomendasi|terkait|lihat juga|simak juga|latest in \w+|kumpulan berita|"
    r"(?:berita|artikel|video)(?:\s+\S+){0,2}\s+(?:lainnya|terkait|terpopuler|terbaru|pilihan)|"
    r"baca selengkapnya)\W*+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_RUNNING_WORDS, _RUNNING_FUNCTION_WORDS = 20, 4  # a sentence's worth: headlines run 8-14 words
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass
class LineInfo:
    """Measured shape of one line; ``clean.py`` turns these into a body span."""

    text: str
    words: int
    letters_words: int
    terminal: bool
    function_id: int
    function_en: int
    prose: bool
    reason: str | None  # page-furniture rule that matched, if any
    bullet: bool

    @property
    def neutral(self) -> bool:
        return not self.prose and self.reason is None


def titlecase_ratio(text: str) -> float:
    words = [w for w in _WORD.findall(text) if w.lower() not in SMALL_WORDS]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def normalise_key(text: str) -> str:
    """Comparison key for repeated lines: case, punctuation and spacing ignored."""
    return " ".join(re.findall(r"\w+", text.lower()))


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text))


def is_box_start(text: str) -> bool:
    """A heading of a box whose following short lines are links or summary points."""
    return bool(_BOX_START.match(text.strip()))


def _caption_reason(text: str) -> str | None:
    stripped = text.strip()
    if re.match(r"^\W*+(?:foto|ilustrasi|dok(?:umentasi)?|gambar|infografis|grafis|video)\s*[:|]", stripped, re.IGNORECASE):
        return "photo caption"
    credit = re.search(r"\((?P<c>[^()]{2,80})\)\s*\.?$", stripped)
    if credit:
        c = credit.group("c")
        photo = re.search(
            r"\b(?:foto|photo|dok|dokumentasi|istimewa|ist|ilustrasi|getty|shutterstock|"
            r"unsplash|pixabay|freepik|tangkapan layar|screenshot|instagram|youtube|x\.com|via)\b|"
            r"\w\.(?:com|co\.id|id|net|org|tv)\b",
            c,
            re.IGNORECASE,
        )
        named = "/" in c and any(" " in part.strip() for part in c.split("/"))
        if photo or named:
            return "photo caption"
    if "©" in stripped and len(stripped.split()) <= 12:
        return "photo caption"
    return None


def _mostly_markup(text: str) -> bool:
    """Tags and entities with little text around them; a sentence that merely quotes a tag stays."""
    rest = re.sub(r"<[^>]*>|&(?:[a-z]+|#\d+);", " ", text)
    words = _WORD.findall(rest)
    sentence = bool(_TERMINAL.search(rest.strip())) and len(words) >= 4
    return not sentence or len(rest.strip()) < 0.5 * len(text)


def boilerplate_reason(text: str) -> str | None:
    """Why a line is page furniture, or None when it may be article text."""
    s = text.strip()
    if not s:
        return "empty"
    lowered = s.lower()
    if _HTML.search(s) and _mostly_markup(s):
        return "HTML fragment"
    if _TABLE.match(s):
        return "table of links"
    if _CODE_LINE.match(s) or _MARKER.match(s):
        return "page code"
    if _INITIALS_LINE.match(s):
        return "reporter initials"
    if _EMBED.match(s):
        return "embedded media"
    if s.startswith("#") or s.count("#") >= 2 or re.match(r"^\w+#", s):
        return "tags"
    n_words = len(s.split())
    for reason, pattern, max_words in _PHRASES:
        if n_words <= max_words and pattern.search(s):
            return reason
    if (_BYLINE.match(s) or _LAPORAN.match(s)) and n_words <= 12 or _NAME_SITE.match(s) or (
        _NAME_BULLET_DATE.match(s) and parse_date(s)
    ):
        return "byline"
    if _NAV.search(s) and not _TERMINAL.search(s) and len(s.split()) <= 10:
        return "navigation"
    if _COUNTER.match(s):
        return "counter"
    if is_date_line(s):
        return "date"
    caption = _caption_reason(s)
    if caption:
        return caption
    tokens = re.findall(r"[\w'+]+", lowered)
    if tokens and len(tokens) <= 6 and all(t in UI_WORDS or t.isdigit() or len(t) == 1 for t in tokens):
        return "share or menu"
    return None


def analyse(text: str) -> LineInfo:
    s = text.strip()
    # Measured without a trailing sign-off: the cleaner strips it, and cleaning its own output
    # must see the same line.
    core = strip_trailing_initials(s)[0]
    words = core.split()
    letter_words = _WORD.findall(core)
    lowered = [w.lower() for w in letter_words]
    fid = sum(1 for w in lowered if w in FUNCTION_WORDS_ID)
    fen = sum(1 for w in lowered if w in FUNCTION_WORDS_EN)
    terminal = bool(_TERMINAL.search(core))
    has_lower_word = any(w[0].islower() for w in letter_words)
    reason = boilerplate_reason(s)
    # A long line of Indonesian running text reads as prose without its final stop: a
    # paragraph cut off by the page's end (a paywall, "page 1 of 3", a truncated copy) or one
    # the writer left unpunctuated.  Menus, tags and headlines are short or have no grammar.
    running = len(letter_words) >= _RUNNING_WORDS and fid >= _RUNNING_FUNCTION_WORDS
    prose = (
        reason is None
        and (terminal or running)
        and len(letter_words) >= 2
        and has_lower_word
        and not (len(words) <= 3 and _LABELS.match(s))
    )
    return LineInfo(
        text=s,
        words=len(words),
        letters_words=len(letter_words),
        terminal=terminal,
        function_id=fid,
        function_en=fen,
        prose=prose,
        reason=reason,
        bullet=is_bullet(s),
    )


def strip_trailing_initials(text: str) -> tuple[str, str | None]:
    """``"... di Tanah Air. (Mvi/Ali)"`` → the paragraph and the reporter's sign-off."""
    match = _TRAILING_INITIALS.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), text[match.start() :].strip()


def strip_date_prefix(text: str) -> tuple[str, str | None]:
    """``"date 2025-11-07 Internationalmedia.co.id – ..."`` → text and the date stamp."""
    match = _DATE_PREFIX.match(text)
    if not match:
        return text, None
    return text[match.end() :], text[: match.end()].strip()


def split_dateline(text: str) -> str | None:
    """The dateline that opens a lead ("TRIBUNNEWS.COM, JAKARTA", "Pyongyang"), if any."""
    s = text.strip()
    match = _DATELINE.match(s)
    if match:
        head = match.group("dl")
        rest = s[match.end() :]
        is_site_or_caps = bool(_SITE_MARK.search(head)) or head.replace(",", "").replace(" ", "").isupper()
        short_place = len(head.split()) <= 2 and head[:1].isupper()
        if (is_site_or_caps or short_place) and (rest[:1].isupper() or rest[:1] in "\"“'" or not rest):
            return head.strip(" ,")
    if not match:
        standalone = re.match(r"^(?P<dl>[\w.]+)\s*[-–—]\s*(?P<place>[A-Z][A-Za-z .,]+)$", s)
        if standalone and _SITE_MARK.search(standalone.group("dl")) and len(s.split()) <= 6:
            return s
    colon = _COLON_DATELINE.match(s)
    if colon and not _LABELS.match(s) and len(s.split()) >= 8 and _TERMINAL.search(s):
        return colon.group("dl")
    return None


def parse_date(text: str) -> str | None:
    """First calendar date in the text as ISO ``YYYY-MM-DD``."""
    m = _DATE_WORDS.search(text)
    if not m:
        return None
    try:
        if m.group("d"):
            d, mo, y = int(m.group("d")), MONTHS[m.group("m").lower()], int(m.group("y"))
        elif m.group("d2"):
            d, mo, y = int(m.group("d2")), MONTHS[m.group("m2").lower()], int(m.group("y2"))
        elif m.group("iy"):
            d, mo, y = int(m.group("id")), int(m.group("im")), int(m.group("iy"))
        else:
            d, mo, y = int(m.group("nd")), int(m.group("nm")), int(m.group("ny"))
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def is_date_line(text: str) -> bool:
    """A line that is a publication date/time and little else ("Jumat, 19 Juni 2015 12:58 WIB")."""
    # The word count first: it is cheap, and a long line never is a date line.
    if len(text.split()) > 12 or not _DATE_WORDS.search(text):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    rest = _TIME.sub(" ", rest)
    rest = _DATE_FILLER.sub(" ", rest)
    left = rest.split()
    if len(left) <= 3 and any(_SITE_MARK.search(w) for w in left):
        return True  # "Kompas.com - 04/11/2025, 10:15 WIB"
    return len(_WORD.findall(rest)) <= 1


def parse_byline(text: str) -> list[tuple[str, str]]:
    """``[("author" | "editor", name), ...]`` from a byline such as "Penulis: Fityan"."""
    s = text.strip()
    found: list[tuple[str, str]] = []
    match = _BYLINE.match(s)
    if match:
        for part in re.split(r"\s*[|•·]\s*", s):
            sub = _BYLINE.match(part)
            if not sub:
                continue
            label = sub.group("label").lower()
            name = re.split(r"\s+(?:on|pada)\s+", sub.group("name"))[0].strip(" ,.")
            kind = "editor" if label in {"editor", "redaktur", "penyunting"} else "author"
            if name:
                found.append((kind, name))
        return found
    match = _LAPORAN.match(s) or _NAME_SITE.match(s)
    if match:
        return [("author", match.group("name").strip(" ,."))]
    match = _NAME_BULLET_DATE.match(s)
    if match and parse_date(s):
        return [("author", match.group("name").strip())]
    return []
