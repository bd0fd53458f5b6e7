"""The user's glossary (and abbreviation) files: reading, checking, matching terms."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

from ..errors import InputError

__all__ = ["TermsSource", "GlossaryEntry", "term_pattern", "load_glossary", "load_abbreviations", "contains"]


TermsSource = Union[str, Path, Mapping[str, str], None]


@dataclass(frozen=True)
class GlossaryEntry:
    """A source term and the English the translation must use for it."""

    source: str
    target: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return term_pattern(self.source)


def term_pattern(term: str) -> re.Pattern[str]:
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
    lines = _key_lines(text) if path.suffix.lower() != ".json" else {}
    abbreviations: dict[str, str] = {}
    if isinstance(data, dict) and ("glossary" in data or "abbreviations" in data):
        abbreviations = _as_mapping(data.get("abbreviations") or {}, path, what, lines)
        data = data.get("glossary") or {}
    return _as_mapping(data or {}, path, what, lines), abbreviations


def _key_lines(text: str) -> dict[str, int]:
    """The line of each key of a YAML mapping (and of its glossary/abbreviations sections)."""
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    found: dict[str, int] = {}
    nodes = [root] if isinstance(root, yaml.MappingNode) else []
    while nodes:
        node = nodes.pop()
        for key, value in node.value:
            found.setdefault(str(key.value), key.start_mark.line + 1)
            if isinstance(value, yaml.MappingNode) and str(key.value) in {"glossary", "abbreviations"}:
                nodes.append(value)
    return found


def _scalar(key: Any, value: Any, path: Path, lines: dict[str, int]) -> str:
    """A term and its English must be plain text: a nested list or mapping, a number or a YAML
    yes/no (read as true/false) would be turned into text nobody meant."""
    where = f"{path.name}, line {lines[str(key)]}" if str(key) in lines else path.name
    if isinstance(key, bool) or not isinstance(key, (str, int, float)):
        raise InputError(f"{where}: the term {key!r} is not text (YAML reads yes/no/on/off as true/false). "
                         "Put the term in quotes.")
    if value is None or isinstance(value, str):
        return "" if value is None else value.strip()
    kind = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else repr(value)
    raise InputError(f"{where}: the English for {str(key)!r} is {kind}, not text. Give one English term "
                     "per source term, in quotes if it is a number or yes/no.")


def _as_mapping(data: Any, path: Path, what: str, lines: dict[str, int] | None = None) -> dict[str, str]:
    if isinstance(data, dict):
        return {str(k).strip(): _scalar(k, v, path, lines or {}) for k, v in data.items()}
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


def contains(text: str, term: str) -> bool:
    """Whether the text states the term as whole words ("UN" is not in "United")."""
    norm = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    wanted = norm(term)
    if not wanted:
        return True
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", norm(text)) is not None
