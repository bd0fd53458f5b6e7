"""The prepare stage: newsroom abbreviations, the user's glossary and numbers, before the model.

opus-mt-id-en and NLLB turn "Korut" into "Korut" or "Corut", "Kemhan" into nonsense and
"5.000" into "5.000" (five, to an English reader).  ``Terms.prepare`` rewrites a source
sentence into the text the model should see (kept as ``Sentence.mt_input``): abbreviations
expanded to their Indonesian full forms, glossary terms replaced by the English the user requires
(the models copy English names through), numbers and dates written the English way.
``Terms.restore`` repairs what a model still leaves behind (an Indonesian-formatted number, an
untranslated glossary term) and ``Terms.glossary_misses`` verifies the glossary afterwards.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from .errors import InputError
from .numbers import english_values, indonesian_numbers, missing_numbers, normalise_numbers
from .units import repair_units

__all__ = [
    "ABBREVIATIONS",
    "GlossaryEntry",
    "Terms",
    "TermsSource",
    "load_glossary",
    "load_abbreviations",
]

log = logging.getLogger(__name__)

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

# Time zones are kept (readers know them from datelines) and given their UTC offset.
_TIME_ZONES = {"WIB": "UTC+7", "WITA": "UTC+8", "WIT": "UTC+9"}
_TIME_ZONE = re.compile(r"(?<![\w-])(WIB|WITA|WIT)(?![\w-])(?!\s*\((?:UTC|GMT))")

TermsSource = Union[str, Path, Mapping[str, str], None]


@dataclass(frozen=True)
class GlossaryEntry:
    """A source term and the English the translation must use for it."""

    source: str
    target: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return _term_pattern(self.source)


def _term_pattern(term: str) -> re.Pattern[str]:
    # Acronyms ("NIS", "AS") match only as written; other terms in any case.
    body = r"\s+".join(re.escape(part) for part in term.split())
    acronym = sum(c.isupper() for c in term) >= 2 and len(term) <= 6
    return re.compile(rf"(?<![\w]){body}(?![\w])", 0 if acronym else re.IGNORECASE)


def _read_pairs(path: Path, what: str) -> tuple[dict[str, str], dict[str, str]]:
    """(entries, abbreviations) from a TSV, YAML or JSON file."""
    if not path.is_file():
        raise InputError(f"The {what} file {path} does not exist. Give the path of a TSV or YAML file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"The {what} file {path.name} is not UTF-8 text. Save it as UTF-8 "
                         "(in most editors: Save As, encoding UTF-8) and try again.") from None
    except OSError as exc:
        raise InputError(f"Cannot read the {what} file {path.name}: {exc.strerror or exc}.") from None
    if path.suffix.lower() in {".yaml", ".yml", ".json"}:
        return _pairs_from_structured(path, text, what)
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" not in line:
            raise InputError(
                f"{path.name}, line {number}: expected a source term, a tab, then its English. "
                "Use a tab between the two columns, or a .yaml file."
            )
        source, target = (part.strip() for part in line.split("\t", 1))
        if source:
            entries[source] = target
    return entries, {}


def _pairs_from_structured(path: Path, text: str, what: str) -> tuple[dict[str, str], dict[str, str]]:
    try:
        if path.suffix.lower() == ".json":
            data: Any = json.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as exc:  # yaml.YAMLError, json.JSONDecodeError
        raise InputError(f"The {what} file {path} could not be read: {exc}. Fix its syntax.") from exc
    abbreviations: dict[str, str] = {}
    if isinstance(data, dict) and ("glossary" in data or "abbreviations" in data):
        abbreviations = _as_mapping(data.get("abbreviations") or {}, path, what)
        data = data.get("glossary") or {}
    return _as_mapping(data or {}, path, what), abbreviations


def _as_mapping(data: Any, path: Path, what: str) -> dict[str, str]:
    if isinstance(data, dict):
        return {str(k).strip(): "" if v is None else str(v).strip() for k, v in data.items()}
    if isinstance(data, list):
        out = {}
        for item in data:
            if not (isinstance(item, dict) and "source" in item and "target" in item):
                raise InputError(f"{path}: each {what} item needs 'source' and 'target'.")
            out[str(item["source"]).strip()] = str(item["target"]).strip()
        return out
    raise InputError(f"{path}: the {what} must be a mapping of source term to English.")


def load_glossary(source: TermsSource) -> tuple[list[GlossaryEntry], dict[str, str]]:
    """Glossary entries (longest first) and any ``abbreviations:`` section of a YAML file."""
    if source is None:
        return [], {}
    if isinstance(source, Mapping):
        pairs, abbreviations = {str(k): str(v) for k, v in source.items()}, {}
    else:
        pairs, abbreviations = _read_pairs(Path(source), "glossary")
    empty = [k for k, v in pairs.items() if not v]
    if empty:
        raise InputError(f"Glossary term {empty[0]!r} has no English. Give the required English for it.")
    entries = [GlossaryEntry(k, v) for k, v in pairs.items() if k]
    return sorted(entries, key=lambda e: -len(e.source)), abbreviations


def load_abbreviations(source: TermsSource) -> dict[str, str]:
    """User abbreviations (an empty expansion switches a built-in one off)."""
    if source is None:
        return {}
    if isinstance(source, Mapping):
        return {str(k): str(v or "") for k, v in source.items()}
    entries, abbreviations = _read_pairs(Path(source), "abbreviations")
    return {**entries, **abbreviations}


@dataclass
class Terms:
    """Abbreviation table plus glossary: what the prepare stage applies to every sentence."""

    abbreviations: dict[str, str] = field(default_factory=lambda: dict(ABBREVIATIONS))
    glossary: list[GlossaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        table = {k: v for k, v in self.abbreviations.items() if k and v}
        self._patterns: list[tuple[str, str]] = []
        for abbr in sorted(table, key=len, reverse=True):
            for variant in dict.fromkeys([abbr, abbr.upper()]):
                body = r"\s+".join(re.escape(p) for p in variant.split())
                self._patterns.append((body, table[abbr]))

    @classmethod
    def load(cls, glossary: TermsSource = None, abbreviations: TermsSource = None) -> Terms:
        entries, from_glossary = load_glossary(glossary)
        table = dict(ABBREVIATIONS)
        table.update(from_glossary)
        table.update(load_abbreviations(abbreviations))
        return cls(abbreviations=table, glossary=entries)

    # -- before the model ----------------------------------------------------------------
    def prepare(self, text: str) -> str:
        """The text to send to the model for one source sentence."""
        segments: list[tuple[str, bool]] = [(text, False)]
        for entry in self.glossary:
            segments = _replace_in(segments, entry.pattern, entry.target)
        for pattern, expansion in self._patterns:
            segments = _expand_in(segments, pattern, expansion)
        out = []
        for segment, protected in segments:
            if not protected:
                segment = normalise_numbers(segment)
                segment = _TIME_ZONE.sub(lambda m: f"{m.group(1)} ({_TIME_ZONES[m.group(1)]})", segment)
            out.append(segment)
        return "".join(out)

    def expand_abbreviations(self, text: str) -> str:
        segments: list[tuple[str, bool]] = [(text, False)]
        for pattern, expansion in self._patterns:
            segments = _expand_in(segments, pattern, expansion)
        return "".join(s for s, _ in segments)

    # -- after the model -----------------------------------------------------------------
    def glossary_hits(self, source: str) -> list[GlossaryEntry]:
        return [e for e in self.glossary if e.pattern.search(source)]

    def glossary_misses(self, source: str, translation: str) -> list[GlossaryEntry]:
        """Glossary entries used in the source whose English is absent from the translation."""
        return [e for e in self.glossary_hits(source) if not _contains(translation, e.target)]

    def restore(self, source: str, translation: str) -> str:
        """Repair what the model left Indonesian: glossary terms, Indonesian-formatted numbers."""
        for entry in self.glossary_misses(source, translation):
            translation = entry.pattern.sub(entry.target, translation)
        for span in indonesian_numbers(source):
            # "5.000", "2,5", "20.00", "4/11/2025" copied through: write them the English way.
            if span.kind != "code" and span.english != span.text:
                written = re.compile(rf"(?<![\w.,/]){re.escape(span.text)}(?![\w/]|[.,]\d)")
                translation = written.sub(span.english, translation)
        spans = {span.text: span for span in missing_numbers(source, translation)}
        for written, span in spans.items():
            if span.kind == "code" or span.english == written:
                continue
            digits = re.search(r"\d[\d.,]*\d|\d", written)
            english_digits = re.search(r"\d[\d.,]*\d|\d", span.english)
            if digits and english_digits and digits.group(0) != english_digits.group(0):
                bare = re.compile(rf"(?<![\w.,]){re.escape(digits.group(0))}(?![\w]|[.,]\d)")
                # "10 ribu warga dan 10 polisi": which 10 is which is unknowable; leave it.
                if len(bare.findall(source)) != 1 or len(bare.findall(translation)) != 1:
                    continue
                candidate = bare.sub(english_digits.group(0), translation)
                # Only keep the rewrite when it makes the number right, never to shuffle digits.
                if any(alt & english_values(candidate).values for alt in span.required):
                    translation = candidate
        return repair_units(source, translation)


def _contains(text: str, term: str) -> bool:
    """Whether the text states the term as whole words ("UN" is not in "United")."""
    norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    wanted = norm(term)
    if not wanted:
        return True
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", norm(text)) is not None


def _replace_in(
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


def _expand_in(segments: list[tuple[str, bool]], abbr: str, expansion: str) -> list[tuple[str, bool]]:
    """Expand an abbreviation; "Korea Selatan (Korsel)" and "Korsel (Korea Selatan)" keep one."""
    out: list[tuple[str, bool]] = []
    full = r"\s+".join(re.escape(p) for p in expansion.split())
    standalone = re.compile(rf"(?<![\w]){abbr}(?![\w]){_NOT_BEFORE.get(abbr, '')}")
    for text, protected in segments:
        if protected:
            out.append((text, True))
            continue
        text = re.sub(rf"({full})\s*\(\s*{abbr}\s*\)", r"\1", text, flags=re.IGNORECASE)
        text = re.sub(rf"(?<![\w]){abbr}\s*\(\s*({full})\s*\)", r"\1", text)
        # Newsroom style introduces an abbreviation after its long form, which may itself use
        # abbreviations or differ from the table ("Dewan Keamanan PBB (DK PBB)", "Kepala Polri
        # (Kapolri)"): after a capitalised word the parenthesis repeats what precedes it.
        text = re.sub(rf"(\b[A-Z][\w-]*)\s*[(\[]\s*{abbr}(?:\s+[A-Z]{{1,5}})?\s*[)\]]", r"\1",
                      text)
        out.extend(_replace_in([(text, False)], standalone, expansion))
    return out
