"""Word lists of Indonesian (and a little English) news text, kept apart from the rules.

Hand-written: closed-class words are stable and tiny, and no maintained package ships an
Indonesian list fit for these three uses.  One base list of function words; the other lists
are that list plus (or minus) what their use needs.
"""

from __future__ import annotations

__all__ = ["FUNCTION_WORDS_ID", "FUNCTION_WORDS_EN", "STOPWORDS_ID", "NOT_ENGLISH_ID", "UI_WORDS",
           "MONTHS", "DAYS_PATTERN", "SMALL_WORDS"]

# Closed-class words: frequent in any Indonesian sentence, rare in menus and headlines.
FUNCTION_WORDS_ID = frozenset(
    """yang dan di ke dari untuk dengan ini itu pada dalam tidak akan juga telah sudah bahwa
    adalah karena oleh atau saat para kata ujar menurut ia dia mereka kami kita bisa ada lebih
    namun sebagai secara tersebut hingga setelah sejak masih belum jika agar bagi tak serta
    antara kepada seperti saja pun lalu kini yakni yaitu maka harus dapat sangat""".split()
)
FUNCTION_WORDS_EN = frozenset(
    """the of and to in is that for it was on with as are by this be from at have has an or
    not which were will would you we they our your their been can about""".split()
)

# For TF-IDF centrality (content words only, or "yang", "dan", "di" make every sentence look
# central): the function words plus pronouns, quantity words, speech verbs and particles.
# "menurut" stays a content word: the ranker's weights were fitted with it counted.
STOPWORDS_ID = (FUNCTION_WORDS_ID - {"menurut"}) | frozenset(
    """
    adanya akhirnya aku anda apa apabila apakah atas bagaimana bahkan banyak baru beberapa
    begitu berbagai bersama beliau boleh bukan cukup daripada demikian diri dirinya dua ekor
    engkau hal hanya ialah jadi jangan justru kalau kali kamu kan kapan kecuali kemudian kenapa
    ketika lagi lain mana mau melalui memang meski meskipun mungkin nya nanti padahal pernah
    per pula salah sambil sampai sang satu saya se sebab sebelum sebuah sedang sehingga sekali
    sekitar selain selama seluruh semua sementara sendiri seorang setiap supaya tanpa tapi
    tentang tetapi tiga walau walaupun ucap ungkap tutur jelas katanya ujarnya ungkapnya
    tuturnya jelasnya lanjutnya imbuhnya tambahnya sebutnya pak bu bapak ibu sih dong kok lho
    ya nggak gak
    """.split()
)

# Indonesian words that are not also English words or names ("ada", "para" are): seen in
# English output they mean the model copied Indonesian through.
NOT_ENGLISH_ID = (FUNCTION_WORDS_ID - {"ada", "para"}) | frozenset(
    """
    menjadi tetapi tentang sekitar maupun merupakan kalau banyak sebuah seorang sedang ucap
    terhadap melalui bahkan hanya sementara lagi sama
    """.split()
)

# Words of share bars, menus and widgets; a short line made only of these is furniture.
UI_WORDS = frozenset(
    """share shares tweet email e-mail print cetak facebook twitter whatsapp telegram line
    linkedin pinterest copy link salin tautan bagikan komentar komentari comment comments like
    likes dislike follow ikuti us subscribe langganan login logout masuk daftar register home
    beranda news more see lihat semua all selengkapnya editor's picks topics topik latest in
    for you terpopuler populer terkini trending rekomendasi tag tags credits author a reply
    balas next prev previous sebelumnya selanjutnya berikutnya kembali back top ke atas up
    google play app store download unduh aplikasi rate artikel ini reactions apps
    """.split()
)
MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "peb": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "ags": 8,
    "agustus": 8, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
    "oktober": 10, "oct": 10, "october": 10, "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}
DAYS_PATTERN = r"(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
SMALL_WORDS = frozenset("dan di ke dari yang untuk dengan atau vs the of and in on a an to".split())
