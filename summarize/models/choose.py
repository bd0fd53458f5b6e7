"""Which translation preset fits this machine and the licence a user needs.

The facts are the machine's (memory, usable cores, whether CTranslate2 is installed) and the
registry's (sizes, licence, *published* scores).  Memory needs are estimates from the file
sizes: the int8 CTranslate2 copy plus a quarter for activations and the runtime, or the float32
weights plus torch when CTranslate2 is missing.  Nothing here has measured translation quality.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .converted import ct2_available
from .loading import usable_cores
from .registry import ModelSpec, load_registry

__all__ = ["Machine", "Recommendation", "machine", "recommend", "ram_needed_mb", "parameter_count"]

_BASE = 73e6  # opus-mt-id-en's parameters: the unit of "size"


@dataclass(frozen=True)
class Machine:
    ram_total_mb: int
    ram_available_mb: int
    cores: int
    ct2: bool


@dataclass(frozen=True)
class Recommendation:
    spec: ModelSpec
    fits: bool  # memory and licence
    licence_ok: bool
    ram_needed_mb: int
    reason: str
    chosen: bool = False


def _meminfo() -> dict[str, int]:
    values: dict[str, int] = {}
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if rest.strip().endswith("kB"):
                    values[key] = int(rest.split()[0]) // 1024
    except (OSError, ValueError):
        pass
    return values


def machine() -> Machine:
    """This machine: total and available memory (MB), usable cores, CTranslate2 or not."""
    info = _meminfo()
    total = info.get("MemTotal")
    if total is None:
        try:
            total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 1_000_000
        except (ValueError, OSError, AttributeError):
            total = 0
    return Machine(total, info.get("MemAvailable", total), usable_cores(), ct2_available())


def parameter_count(spec: ModelSpec) -> float:
    """``"77M"`` → 77e6, ``"2.94B"`` → 2.94e9 (0 when unknown)."""
    match = re.fullmatch(r"\s*([\d.]+)\s*([MB])\s*", spec.params or "")
    if not match:
        return 0.0
    return float(match.group(1)) * (1e6 if match.group(2) == "M" else 1e9)


def ram_needed_mb(spec: ModelSpec, ct2: bool) -> int:
    """Estimated resident memory while translating (MB)."""
    if ct2 and spec.int8_mb:
        return int(spec.int8_mb * 1.25 + 300)
    weights = spec.download_mb or parameter_count(spec) * 4 / 1e6
    return int(weights * 1.2 + 600)


def _speed_note(spec: ModelSpec, cores: int) -> str:
    ratio = parameter_count(spec) / _BASE
    if ratio < 2:
        return ""
    slow = ", expect it to be slow on this machine" if cores <= 2 and ratio >= 10 else ""
    return f"; {ratio:.0f}x the parameters of opus-mt-id-en{slow}"


def _judge(spec: ModelSpec, box: Machine, commercial: bool) -> Recommendation:
    need = ram_needed_mb(spec, box.ct2)
    licence_ok = not (commercial and spec.non_commercial)
    fits_ram = need <= box.ram_available_mb
    parts = [f"needs about {need:,} MB of RAM ({'int8, CTranslate2' if box.ct2 and spec.int8_mb else 'float32, torch'}), "
             f"{box.ram_available_mb:,} MB available"]
    if not licence_ok:
        parts.insert(0, f"licence {spec.licence} forbids commercial use")
    scores = spec.scores_label
    parts.append(f"published FLORES id→en {scores}" if scores != "unverified"
                 else "no published id→en score (unverified quality)")
    return Recommendation(spec, licence_ok and fits_ram, licence_ok, need,
                          "; ".join(parts) + _speed_note(spec, box.cores))


def recommend(box: Machine | None = None, *, commercial: bool = False,
              specs: list[ModelSpec] | None = None) -> list[Recommendation]:
    """Every translation preset judged for ``box``; the chosen one first.

    Chosen: the highest *published* BLEU among the presets that fit in the available memory and
    the licence.  A preset without a published score is never chosen over one with a score, but
    is listed as fitting, so the user can try it.
    """
    box = box or machine()
    specs = specs if specs is not None else [s for s in load_registry().values() if s.task == "translation"]
    judged = [_judge(s, box, commercial) for s in specs]
    fitting = [r for r in judged if r.fits]
    scored = [r for r in fitting if r.spec.bleu is not None]
    best = max(scored, key=lambda r: r.spec.bleu or 0.0, default=None)
    if best is None:  # nothing fits: the smallest allowed preset, with the reason it may not
        allowed = [r for r in judged if r.licence_ok] or judged
        best = min(allowed, key=lambda r: r.ram_needed_mb, default=None)
    out = [Recommendation(r.spec, r.fits, r.licence_ok, r.ram_needed_mb, r.reason, chosen=r is best)
           for r in judged]
    return sorted(out, key=lambda r: (not r.chosen, not r.fits, -(r.spec.bleu or 0.0)))
