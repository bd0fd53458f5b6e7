"""Indonesian newsroom abbreviations and their expansion inside a sentence.

A sentence is handled as segments ``(text, protected)``: text already replaced (a glossary
term, an expansion) is protected, so one rule never rewrites what another wrote.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "replace_in", "expand_in"]


# Hand-written: no library or public dataset covers Indonesian newsroom abbreviations, and each
# entry must be unambiguous in news text to be expanded blindly.  Expansions are Indonesian on
# purpose: the model translates "Korea Utara" well, and an Indonesian sentence stays Indonesian.
ABBREVIATIONS: dict[str, str] = {
    # countries and international bodies
    "Korut": "Korea Utara",
    "Korsel": "Korea Selatan",
    "AS": "Amerika Serikat",
    "RI": "Indonesia",
    "PBB": "Perserikatan Bangsa-Bangsa",
    "DK PBB": "Dewan Keamanan Perserikatan Bangsa-Bangsa",
    "UE": "Uni Eropa",
    "Timteng": "Timur Tengah",
    # ministries, ministers and state bodies
    "Kemhan": "Kementerian Pertahanan",
    "Kemenhan": "Kementerian Pertahanan",
    "Kemlu": "Kementerian Luar Negeri",
    "Kemenlu": "Kementerian Luar Negeri",
    "Kemenkes": "Kementerian Kesehatan",
    "Kemendagri": "Kementerian Dalam Negeri",
    "Kemenkeu": "Kementerian Keuangan",
    "Kemenag": "Kementerian Agama",
    "Kemensos": "Kementerian Sosial",
    "Kemendikbud": "Kementerian Pendidikan dan Kebudayaan",
    "Kemenhub": "Kementerian Perhubungan",
    "Menlu": "Menteri Luar Negeri",
    "Menhan": "Menteri Pertahanan",
    "Menkes": "Menteri Kesehatan",
    "Mendagri": "Menteri Dalam Negeri",
    "Menkeu": "Menteri Keuangan",
    "Wapres": "Wakil Presiden",
    "DPR": "Dewan Perwakilan Rakyat",
    "DPRD": "Dewan Perwakilan Rakyat Daerah",
    "DPD": "Dewan Perwakilan Daerah",
    "MPR": "Majelis Permusyawaratan Rakyat",
    "MK": "Mahkamah Konstitusi",
    "KPK": "Komisi Pemberantasan Korupsi",
    "BMKG": "Badan Meteorologi, Klimatologi, dan Geofisika",
    "BNPB": "Badan Nasional Penanggulangan Bencana",
    "BPS": "Badan Pusat Statistik",
    "OJK": "Otoritas Jasa Keuangan",
    "Kejagung": "Kejaksaan Agung",
    "Pemprov": "Pemerintah Provinsi",
    "Pemkot": "Pemerintah Kota",
    "Pemkab": "Pemerintah Kabupaten",
    "Pemda": "Pemerintah Daerah",
    # security forces
    "TNI": "Tentara Nasional Indonesia",
    "Polri": "Kepolisian Negara Republik Indonesia",
    "Kapolri": "Kepala Kepolisian Negara Republik Indonesia",
    "Kapolda": "Kepala Kepolisian Daerah",
    "Polda": "Kepolisian Daerah",
    "Polres": "Kepolisian Resor",
    "Mabes": "Markas Besar",
    "Panglima TNI": "Panglima Tentara Nasional Indonesia",
    # politics and law
    "Pilkada": "pemilihan kepala daerah",
    "Pilpres": "pemilihan presiden",
    "Pemilu": "pemilihan umum",
    "Capres": "calon presiden",
    "Cawapres": "calon wakil presiden",
    "UU": "Undang-Undang",
    "Ormas": "organisasi kemasyarakatan",
    # regions
    "Jabar": "Jawa Barat",
    "Jateng": "Jawa Tengah",
    "Jatim": "Jawa Timur",
    "Sumut": "Sumatera Utara",
    "Sumbar": "Sumatera Barat",
    "Sumsel": "Sumatera Selatan",
    "Sulsel": "Sulawesi Selatan",
    "Kaltim": "Kalimantan Timur",
    "Kalbar": "Kalimantan Barat",
    "NTT": "Nusa Tenggara Timur",
    "NTB": "Nusa Tenggara Barat",
    "Jaksel": "Jakarta Selatan",
    "Jakpus": "Jakarta Pusat",
    "Jakut": "Jakarta Utara",
    "Jakbar": "Jakarta Barat",
    "Jaktim": "Jakarta Timur",
}


def replace_in(
    segments: list[tuple[str, bool]], pattern: re.Pattern[str], target: str
) -> list[tuple[str, bool]]:
    """Replace matches in unprotected segments; the replacements become protected."""
    out: list[tuple[str, bool]] = []
    for text, protected in segments:
        if protected:
            out.append((text, True))
            continue
        last = 0
        for m in pattern.finditer(text):
            out.append((text[last:m.start()], False))
            out.append((target, True))
            last = m.end()
        out.append((text[last:], False))
    return [(t, p) for t, p in out if t]


# Hand-written: where a table abbreviation means something else.  "AS Roma" is a club, not
# "Amerika Serikat Roma"; "DPD Partai Golkar" is a party's regional board, not the senate.
_NOT_BEFORE = {
    "AS": r"(?!\s+(?:Roma|Monaco|Saint|St\.|Nancy|Cannes|Bari|Livorno|Cittadella|Trenčín)\b)",
    "DPD": r"(?!\s+(?:Partai|PDI|PDIP|Golkar|Gerindra|PKB|PKS|NasDem|Nasdem|Demokrat|PAN|PPP"
           r"|Hanura|Perindo|PSI|PBB)\b)",
}


def expand_in(segments: list[tuple[str, bool]], abbr: str, expansion: str) -> list[tuple[str, bool]]:
    """Expand an abbreviation; "Korea Selatan (Korsel)" and "Korsel (Korea Selatan)" keep one."""
    out: list[tuple[str, bool]] = []
    full = r"\s+".join(re.escape(p) for p in expansion.split())
    standalone = re.compile(rf"(?<![\w]){abbr}(?![\w]){_NOT_BEFORE.get(abbr, '')}")
    for text, protected in segments:
        if protected:
            out.append((text, True))
            continue
        # Each of these needs a bracket: without one the text is not scanned (it may be huge).
        if "(" in text:
            text = re.sub(rf"({full})\s*\(\s*{abbr}\s*\)", r"\1", text, flags=re.IGNORECASE)
            text = re.sub(rf"(?<![\w]){abbr}\s*\(\s*({full})\s*\)", r"\1", text)
        if "(" in text or "[" in text:
            # Newsroom style introduces an abbreviation after its long form, which may itself use
            # abbreviations or differ from the table ("Dewan Keamanan PBB (DK PBB)", "Kepala Polri
            # (Kapolri)"): after a capitalised word the parenthesis repeats what precedes it.
            text = re.sub(rf"(\b[A-Z][\w-]*)\s*[(\[]\s*{abbr}(?:\s+[A-Z]{{1,5}})?\s*[)\]]", r"\1",
                          text)
        out.extend(replace_in([(text, False)], standalone, expansion))
    return out
