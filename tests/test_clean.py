"""Cleaning of pasted pages: the five seeds, each rule, and the properties that hold for any paste.

Seed expectations are written by hand from reading the seeds: the headline, lines that are the
article (present, whole) and lines that are page furniture (absent from the body).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import Document, InputError
from summarize.text import (
    analyse,
    boilerplate_reason,
    parse_byline,
    parse_date,
    split_dateline,
)
from summarize.text import clean_lines, clean_title_hint
from tests.conftest import ROOT, SEEDS

SEED_DIR = ROOT / "seeds"
_WORDS = re.compile(r"\w+")

SEED_EXPECTATIONS: dict[str, dict[str, object]] = {
    "000_472aaaad5c04841c.txt": {
        "title": "Intelijen Korea Selatan: Korea Utara Kirim 5.000 Personel Resimen Zeni Konstruksi ke Rusia",
        "meta": {"dateline": "TRIBUNNEWS.COM"},
        "first": "TRIBUNNEWS.COM - Korea Utara dilaporkan telah mengirim sekitar 5.000 pasukan konstruksi ke Rusia sejak September.",
        "last": "Berdasarkan sanksi PBB, pekerja Korea Utara dilarang mencari uang di luar negeri.",
        "present": [
            "Kabar ini disampaukan seorang anggota parlemen Korea Selatan pada Selasa (4/11/2025) setelah pengarahan oleh badan mata-mata Seoul.",
            "Kemungkinan Korut Berunding dengan AS",
            "Pyongyang tidak menanggapi tawaran Trump untuk bertemu dengan Kim minggu lalu.",
        ],
        "absent": [
            "Konflik Rusia Vs Ukraina",
            "Baca juga: AS Perbanyak Pasukan di Korea Selatan, Korea Utara Punya China dan Rusia, Kim Jong Un: Ancaman!",
            "Baca juga: Rusia Menggila, Serangan Rudal ke Ukraina Capai Titik Tertinggi dalam 2,5 Tahun: Kiev Bisa Beku",
            "(oln/tmt/*)",
            "| Dikepung Rusia, Pasukan Ukraina Pilih Bertahan di Pokrovsk |",
            "|---|",
            "Isi komentar sepenuhnya adalah tanggung jawab pengguna dan diatur dalam UU ITE.",
            "Pasukan konstruksi Korut, yang lazim disebut korps Zeni dengan jumlah setingkat resimen tersebut untuk membantu rekonstruksi infrastruktur di Rusia.",
        ],
    },
    "001_2e3f213f2a5f4aeb.txt": {
        "title": "Korsel Sebut Korut Kirim Tentara ke Rusia, Menyamar Jadi Pekerja Bangunan",
        "meta": {"dateline": "Jakarta, IDN Times"},
        "first": "Jakarta, IDN Times - Korea Selatan (Korsel), pada Selasa (4/11/2025), mengungkapkan bahwa terdapat 5 ribu tentara Korea Utara (Korut) yang dikirim ke Rusia sejak September. Ribuan tentara itu disamarkan menjadi pekerja konstruksi di Rusia.",
        "last": "Sementara, intelijen Ukraina menemukan bahwa kondisi tentara Korut di Rusia cukup memprihatinkan. Sebelumnya, tentara Korut juga mengalami kekalahan besar saat melawan tentara Ukraina.",
        "present": [
            "1. Sudah ada 10 ribu pasukan Korut di Rusia",
            "2. Inggris sebut tentara Korut membantu serangan Rusia ke Ukraina",
            "3. Tentara Korut yang ditawan Ukraina minta dikirim ke Korsel",
            "Otoritas Ukraina sedang berkoordinasi dengan organisasi internasional untuk memastikan penanganan tawanan perang sudah sesuai dengan Konvensi Jenewa. Kemhan Korsel masih belum memberikan komentar soal kesediaan menerima tentara Korut dari Ukraina.",
        ],
        "absent": [
            "Baca artikel IDN Times lainnya di IDN App",
            "For",
            "You",
            "Bendera Korea Utara. (pixabay.com/outsideclick)",
            "Intinya sih...",
            "• Sudah ada 10 ribu pasukan Korut di Rusia",
            "• Korut menerima bantuan finansial, teknologi militer, makanan, dan suplai energi dari Rusia sebagai imbalan.",
            "Disclaimer: This summary was created using Artificial Intelligence (AI)",
            "This article is written by our community writers and has been carefully reviewed by our editorial team. We strive to provide the most accurate and reliable information, ensuring high standards of quality, credibility, and trustworthiness.",
            "Share",
            "Follow Us",
            "Latest in News",
            "KPK Sebut Kasus Haji Era Yaqut Tak Mudah, Harus Kedepankan HAM",
            "06 Nov 2025, 09:17 WIBNews",
        ],
    },
    "002_6e46d82985932dbd.txt": {
        "title": None,
        "meta": {"date": "2025-11-07", "dateline": "Internationalmedia.co.id"},
        "first": "Internationalmedia.co.id – Gelombang pergerakan pasukan Korea Utara (Korut) ke Rusia kembali menjadi sorotan. Setelah invasi Rusia ke Ukraina, Pyongyang dilaporkan terus mengirimkan personel militernya ke wilayah tetangga. Misi mereka kali ini menimbulkan tanda tanya besar: rekonstruksi infrastruktur atau sesuatu yang lebih dari itu?",
        "last": "Lee juga mengungkapkan bahwa NIS meyakini Korut berencana untuk mengerahkan 6.000 tentara dan teknisi tambahan ke Rusia, dengan sekitar 1.000 personel di antaranya telah tiba. Pengerahan pasukan Korut ke Rusia ini terus menjadi perhatian dan menimbulkan pertanyaan tentang peran sebenarnya mereka di tengah konflik yang sedang berlangsung.",
        "present": [],
        "absent": ["date 2025-11-07"],
    },
    "003_5255e69b3c7b895d.txt": {
        "title": "Ribuan Tentara Korut Dikerahkan ke Rusia: Misi Rahasia Pasukan Kim Jong Un di Garis Depan",
        "meta": {"author": "Fityan", "editor": "Redaktur TVRINews", "dateline": "TVRINews"},
        "first": "Korut Kirim 'Tentara Pembangun' dan Penjinak Ranjau ke Kursk, Sekutu Barat Khawatir Eskalasi Perang dan Transfer Teknologi Militer Berbahaya.",
        "last": "Kerja sama militer Korea Utara-Rusia ini dinilai melanggar resolusi Dewan Keamanan PBB, yang melarang transfer senjata apa pun yang melibatkan Korea Utara dan mengharuskan negara anggota untuk tidak mengeluarkan izin kerja kepada warga Korea Utara. Layanan Intelijen Nasional Korea Selatan (NIS) dalam pengarahan tertutup kepada anggota parlemen pada 30 April lalu mengatakan bahwa Rusia telah memberikan rudal pertahanan udara, peralatan perang elektronik, drone, dan teknologi untuk peluncuran satelit mata-mata kepada Korea Utara. NIS juga mengungkapkan 15.000 pekerja Korea Utara telah dikirim ke Rusia di bawah program kerja sama industri bilateral.",
        "present": [
            "Dukungan Penuh Kim Jong Un untuk Agresi Rusia :",
            "Kekhawatiran Global Meningkat :",
            "Reaksi dari Sekutu Barat :",
        ],
        "absent": [
            "Penulis: Fityan",
            "TVRINews – SEOUL, Korea Selatan",
            "Baca Juga: Bahas Perdamaian Timur Tengah, Indonesia Tawarkan Diri Jadi Juru Damai",
            "Editor: Redaktur TVRINews",
        ],
    },
    "004_761b2eebde964bb7.txt": {
        "title": None,
        "meta": {"author": "Willy Haryono", "date": "2025-06-17", "dateline": "Pyongyang"},
        "first": "Pyongyang: Korea Utara akan mengirim ribuan orang untuk membantu rekonstruksi wilayah Kursk di Rusia, termasuk pekerja konstruksi dan tim penjinak ranjau. Langkah ini menjadi sinyal terbaru dari penguatan kemitraan militer antar kedua negara.",
        "last": "Masih di bulan yang sama, Badan Intelijen Nasional Korea Selatan (NIS) melaporkan bahwa Korea Utara telah kehilangan sekitar 4.700 personel dalam pertempuran, termasuk 600 kematian. NIS juga menyebut bahwa sebanyak 15.000 pekerja Korea Utara telah dikirim ke Rusia dalam program kerja sama industri bilateral.",
        "present": ["Media pemerintah Korea Utara belum mengonfirmasi kunjungan tersebut secara resmi."],
        "absent": [
            "Pemimpin Korea Utara Kim Jong-un mengawasi jalannya latihan para kadet di Pyongyang, 25 Februari 2025. (KCNA)",
            "Willy Haryono • 17 June 2025 21:05",
            "Baca juga: Kesulitan Hadapi Perang Drone, 100 Pasukan Korea Utara Jadi Korban di Ukraina",
        ],
    },
}


def _body_lines(doc: Document) -> list[str]:
    return [" ".join(p) for p in doc.paragraphs]


def test_every_seed_has_expectations() -> None:
    assert sorted(SEED_EXPECTATIONS) == sorted(p.name for p in SEEDS)


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_title_body_and_boilerplate(name: str) -> None:
    expected = SEED_EXPECTATIONS[name]
    raw = (SEED_DIR / name).read_text(encoding="utf-8")
    doc = Document.from_file(SEED_DIR / name)
    body = _body_lines(doc)
    assert doc.title == expected["title"]
    assert body[0] == expected["first"]
    assert body[-1] == expected["last"]
    for line in expected["present"]:  # type: ignore[union-attr]
        assert line in body, line
    for line in expected["absent"]:  # type: ignore[union-attr]
        assert line not in body, line
        assert line != doc.title
    # Every body line is a whole line of the paste (or a prefix-trimmed one: date stamp, initials).
    raw_lines = [" ".join(x.split()) for x in raw.splitlines()]
    assert all(any(line in r for r in raw_lines) for line in body)
    for key, value in expected["meta"].items():  # type: ignore[union-attr]
        assert doc.meta[key] == value, key
    assert doc.meta["language"] == "id"


@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_clean_command_json_for_each_seed(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from summarize.apps import main

    assert main(["clean", str(SEED_DIR / name), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == SEED_EXPECTATIONS[name]["title"]
    assert [" ".join(p) for p in data["paragraphs"]][0] == SEED_EXPECTATIONS[name]["first"]
    assert len(data["removed"]) == len(data["meta"]["removed_reasons"])


def test_clean_command_text_shows_meta_and_removed(capsys: pytest.CaptureFixture[str]) -> None:
    from summarize.apps import main

    assert main(["clean", str(SEED_DIR / "003_5255e69b3c7b895d.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ribuan Tentara Korut Dikerahkan ke Rusia")
    assert "author: Fityan" in out
    assert "[related link] Baca Juga: Bahas Perdamaian" in out


# -- one rule at a time --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Baca juga: Harga BBM Naik, Ini Daftar Lengkapnya", "related link"),
        ("BACA JUGA :", "related link"),
        ("Baca artikel IDN Times lainnya di IDN App", "related link"),
        ("Artikel ini telah tayang di Kompas.com dengan judul \"Harga Naik\"", "related link"),
        ("Isi komentar sepenuhnya adalah tanggung jawab pengguna dan diatur dalam UU ITE.", "comment notice"),
        ("Intinya sih...", "AI summary"),
        ("Disclaimer: This summary was created using Artificial Intelligence (AI)", "AI summary"),
        ("This article is written by our community writers and has been carefully reviewed.", "community notice"),
        ("Share", "share or menu"),
        ("Follow Us", "app promotion"),
        ("(oln/tmt/*)", "reporter initials"),
        ("[ian]", "reporter initials"),
        ("| Dikepung Rusia, Pasukan Ukraina Pilih Bertahan di Pokrovsk |", "table of links"),
        ("|---|", "table of links"),
        ("<div class=\"ad\">", "HTML fragment"),
        ("Tribunnews.Article.Metropolitan.Top.LargeLeaderboard", "page code"),
        ("MERDEKA.COM » PERISTIWA", "navigation"),
        ("Bendera Korea Utara. (pixabay.com/outsideclick)", "photo caption"),
        ("Gubernur DKI Jakarta Basuki Tjahaja Purnama (Foto: Okezone)", "photo caption"),
        ("Penulis: Glery Lazuardi", "byline"),
        ("Jumat, 19 Juni 2015 12:58 WIB", "date"),
        ("[Gambas:Video 20detik]", "embedded media"),
        ("ADVERTISEMENT", "advertisement"),
        ("Copyright 2008 - 2025 PT. Kompas Cyber Media. All Rights Reserved.", "copyright"),
        ("Like (0)", "counter"),
    ],
)
def test_furniture_rules(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Terkait hal itu, Menteri Keuangan mengatakan subsidi akan dialihkan ke bantuan tunai.",
        "Iklan rokok dilarang tayang di televisi sebelum pukul 21.30 WIB, kata pejabat itu.",
        "Kemhan Korsel masih belum memberikan komentar soal kesediaan menerima tentara Korut.",
        "Video terbaru yang beredar menunjukkan antrean panjang di SPBU pada Selasa malam.",
        "Poin penting dari rapat itu adalah kenaikan harga yang bertahap mulai bulan depan.",
        "Warga dilarang keras membuang sampah ke sungai, ujar lurah setempat.",
        "Kekhawatiran Global Meningkat :",
        "1. Sudah ada 10 ribu pasukan Korut di Rusia",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_line_shapes() -> None:
    assert analyse("Korea Utara mengirim 5.000 tentara ke Rusia. (sus)").prose
    assert not analyse("Kemungkinan Korut Berunding dengan AS").prose
    assert analyse("Kemungkinan Korut Berunding dengan AS").neutral


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("TRIBUNNEWS.COM - Korea Utara dilaporkan mengirim pasukan.", "TRIBUNNEWS.COM"),
        ("TRIBUNNEWS.COM, JAKARTA - Kepala Dinas menilai Uber ilegal.", "TRIBUNNEWS.COM, JAKARTA"),
        ("Jakarta, IDN Times - Korea Selatan mengungkapkan hal itu.", "Jakarta, IDN Times"),
        ("Jakarta, CNN Indonesia -- Pemerintah mengumumkan harga baru.", "Jakarta, CNN Indonesia"),
        ("Jakarta (ANTARA) - Menteri Keuangan menyampaikan laporan.", "Jakarta (ANTARA)"),
        ("JAKARTA, KOMPAS.com - Rencana kenaikan harga BBM dinilai memberatkan.", "JAKARTA, KOMPAS.com"),
        ("Pyongyang: Korea Utara akan mengirim ribuan orang untuk membantu rekonstruksi.", "Pyongyang"),
        ("Ketua DPR Puan Maharani - yang hadir kemarin - menolak usulan itu.", None),
        ("Penulis: Fityan", None),
    ],
)
def test_datelines(line: str, dateline: str | None) -> None:
    assert split_dateline(line) == dateline


def test_bylines_and_dates() -> None:
    assert parse_byline("Reporter : Ramadhian Fadillah | Jumat, 19 Juni 2015 03:40") == [
        ("author", "Ramadhian Fadillah")]
    assert parse_byline("Penulis Dian Erika | Editor Icha Rastika") == [
        ("author", "Dian Erika"), ("editor", "Icha Rastika")]
    assert parse_byline("Laporan Wartawan Tribunnews.com, Glery Lazuardi") == [("author", "Glery Lazuardi")]
    assert parse_byline("Andi Saputra - detikNews") == [("author", "Andi Saputra")]
    assert parse_date("on 18 Jun 2015 at 06:25 WIB") == "2015-06-18"
    assert parse_date("Kompas.com - 04/11/2025, 10:15 WIB") == "2025-11-04"
    assert parse_date("November 7, 2025") == "2025-11-07"


def test_title_hint_loses_site_name() -> None:
    assert clean_title_hint("Kisah penjaga penjara Guantanamo | merdeka.com") == "Kisah penjaga penjara Guantanamo"
    assert clean_title_hint("Kadishub DKI: Taksi Uber Ilegal - Tribunnews.com") == "Kadishub DKI: Taksi Uber Ilegal"


# -- structure -------------------------------------------------------------------------------

LEAD = "JAKARTA, KOMPAS.com - Rencana kenaikan harga BBM dinilai akan memberatkan warga berpenghasilan rendah."
BODY = [
    "Pengamat ekonomi Universitas Indonesia, Budi Santoso, mengatakan daya beli masyarakat belum pulih.",
    "\"Kenaikan ini akan langsung terasa pada ongkos transportasi dan harga pangan,\" ujar Budi.",
    "Menurut dia, pemerintah perlu memastikan bantuan sosial tepat sasaran dan cepat.",
]


def test_whole_page_paste_keeps_only_the_article() -> None:
    page = [
        "Home", "News", "Ekonomi", "Kenaikan BBM Dinilai Memberatkan Warga Kecil",
        "Kompas.com - 04/11/2025, 10:15 WIB", "Penulis Dian Erika | Editor Icha Rastika", "Lihat Foto",
        "Warga antre di SPBU, Selasa (4/11/2025). (KOMPAS.com/GARRY LOTULUNG)",
        LEAD, BODY[0], "Baca juga: Harga BBM Naik, Ini Daftar Lengkapnya", BODY[1],
        "Dampak ke Inflasi", BODY[2],
        "Tag", "BBM", "Pertalite", "Berita Terkait", "Pemerintah Pastikan Stok BBM Aman",
        "Antrean Mengular di SPBU Jelang Harga Baru",
        "Copyright 2008 - 2025 PT. Kompas Cyber Media. All Rights Reserved.",
    ]
    cleaned = clean_lines(page)
    assert cleaned.title == "Kenaikan BBM Dinilai Memberatkan Warga Kecil"
    assert cleaned.paragraphs == [LEAD, BODY[0], BODY[1], "Dampak ke Inflasi", BODY[2]]
    assert cleaned.meta["author"] == "Dian Erika" and cleaned.meta["editor"] == "Icha Rastika"
    assert cleaned.meta["date"] == "2025-11-04"
    assert cleaned.meta["dateline"] == "JAKARTA, KOMPAS.com"
    assert cleaned.removed[-1].startswith("Copyright")
    assert len(cleaned.removed) == len(cleaned.meta["removed_reasons"]) == len(page) - 6


def test_unlabelled_related_list_inside_the_article_is_dropped() -> None:
    links = ["Harga BBM Naik, Ojol Minta Tarif Disesuaikan", "Antrean Mengular di SPBU Jelang Harga Baru",
             "Sri Mulyani Jelaskan Alasan Subsidi Dialihkan"]
    cleaned = clean_lines([LEAD, BODY[0], *links, BODY[1], BODY[2]])
    assert cleaned.paragraphs == [LEAD, BODY[0], BODY[1], BODY[2]]
    assert cleaned.meta["removed_reasons"] == ["list of links"] * 3


def test_box_of_links_after_bare_heading() -> None:
    cleaned = clean_lines([LEAD, BODY[0], "Baca juga:", "Kisah Mayor Raheem, masuk Islam", "Kisah tentara Islam",
                           BODY[1]])
    assert cleaned.paragraphs == [LEAD, BODY[0], BODY[1]]


def test_trailing_reporter_initials_are_split_off() -> None:
    cleaned = clean_lines([LEAD, BODY[0] + " (Mvi/Ali)"])
    assert cleaned.paragraphs == [LEAD, BODY[0]]
    assert cleaned.removed == ["(Mvi/Ali)"]


def test_paragraph_pasted_twice_is_kept_once_in_the_article() -> None:
    cleaned = clean_lines([BODY[0], "Share", "Kenaikan BBM Dinilai Memberatkan", LEAD, BODY[0], BODY[1]])
    assert cleaned.paragraphs == [LEAD, BODY[0], BODY[1]]


def test_short_input_without_sentences_is_kept() -> None:
    assert clean_lines(["Korut kirim tentara ke Rusia"]).paragraphs == ["Korut kirim tentara ke Rusia"]
    cleaned = clean_lines(["Judul Berita", "Harga naik"])
    assert (cleaned.title, cleaned.paragraphs) == ("Judul Berita", ["Harga naik"])


def test_empty_input() -> None:
    cleaned = clean_lines([])
    assert (cleaned.title, cleaned.paragraphs, cleaned.removed) == (None, [], [])
    assert clean_lines(["", "   "]).paragraphs == []


def test_paragraph_of_only_boilerplate() -> None:
    lines = ["Share", "Baca juga: Harga BBM Naik", "(sus)", "Isi komentar sepenuhnya tanggung jawab pengguna."]
    cleaned = clean_lines(lines)
    assert cleaned.paragraphs == [] and cleaned.title is None
    assert cleaned.removed == lines
    with pytest.raises(InputError, match="No article text was found"):
        Document.from_text("\n".join(lines))


# -- properties ------------------------------------------------------------------------------

def _pool() -> list[str]:
    lines: list[str] = []
    for path in SEEDS:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines + [LEAD, *BODY, "Baca juga:", "(sus)", "1.", "Judul", "• butir", "Dampak ke Inflasi"]


_POOL = _pool()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_POOL), max_size=16))
def test_cleaning_is_idempotent_and_loses_no_word(lines: list[str]) -> None:
    first = clean_lines(lines)
    kept = ([first.title] if first.title else []) + first.paragraphs
    assert Counter(_WORDS.findall(" ".join(kept + first.removed))) == Counter(_WORDS.findall(" ".join(lines)))
    again = clean_lines(kept)
    assert (again.title, again.paragraphs, again.removed) == (first.title, first.paragraphs, [])


def test_seed_cleaning_is_idempotent() -> None:
    for path in SEEDS:
        doc = Document.from_file(path)
        text = "\n".join(([doc.title] if doc.title else []) + _body_lines(doc))
        again = Document.from_text(text)
        assert (again.title, again.paragraphs, again.removed) == (doc.title, doc.paragraphs, [])


def test_a_paragraph_cut_off_at_the_end_of_the_page_is_kept() -> None:
    lines = [
        "Kerugian Negara Capai Rp 193,7 Triliun",
        "Kejaksaan Agung menetapkan tujuh tersangka dalam kasus dugaan korupsi tata kelola minyak mentah.",
        "Menurut Kejagung, kerugian negara pada tahun 2023 mencapai Rp 193,7 triliun.",
        # Cut off mid-word by the page's end: no final stop, but plainly running text.
        "Kerugian itu berasal dari ekspor minyak mentah dalam negeri sekitar Rp 35 triliun, impor minyak "
        "mentah melalui broker sebesar Rp 2,7 triliun, dan kerugian pemberian subsidi pad",
    ]
    cleaned = clean_lines(lines)
    assert any(p.startswith("Kerugian itu berasal") for p in cleaned.paragraphs)


def test_a_long_line_of_tags_is_not_running_text() -> None:
    lines = [
        "Kejaksaan Agung menetapkan tujuh tersangka dalam kasus dugaan korupsi tata kelola minyak mentah.",
        "Menurut Kejagung, kerugian negara pada tahun 2023 mencapai Rp 193,7 triliun.",
        "Tag Pertamina Kejagung Korupsi Minyak Mentah Riva Siahaan Pertamax Pertalite BBM Oplosan "
        "Kerugian Negara Patra Niaga Kilang Impor Ekspor Harli Siregar Qohar Tersangka Baru",
    ]
    cleaned = clean_lines(lines)
    assert not any(p.startswith("Tag Pertamina") for p in cleaned.paragraphs)
