"""Tests with the real pretrained weights: they run only where the weights are cached.

Download them once with `summarize models download` (needs internet); the tests themselves
never download.  Conftest points HF_HOME at a sandbox, so the user's cache is passed in
explicitly through SUMMARIZE_REAL_HF_HOME (default: ~/.cache/huggingface).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import summarize
from summarize.models import is_available, resolve

REAL_HF_HOME = Path(os.environ.get("SUMMARIZE_REAL_HF_HOME", Path.home() / ".cache" / "huggingface"))


def _real_model_dir(preset: str) -> Path | None:
    spec = resolve(preset, "translation")
    snapshots = REAL_HF_HOME / "hub" / f"models--{spec.id.replace('/', '--')}" / "snapshots"
    for snapshot in sorted(snapshots.glob("*")) if snapshots.is_dir() else []:
        local = resolve(str(snapshot), spec.task)
        if is_available(local):
            return snapshot
    return None


OPUS = _real_model_dir("opus-mt-id-en")
pytestmark = pytest.mark.realmodel


@pytest.mark.skipif(OPUS is None, reason=f"opus-mt-id-en weights not cached under {REAL_HF_HOME}; "
                    "run `summarize models download opus-mt-id-en` to enable")
def test_opus_mt_translates_news_sentences() -> None:
    pipe = summarize.Pipeline(mt_model=str(OPUS), summarizer="extractive")
    result = pipe.run(
        "Korea Utara dilaporkan telah mengirim sekitar 5.000 pasukan konstruksi ke Rusia sejak "
        "September. Setidaknya 600 tentara Korea Utara tewas dalam perang Ukraina.",
        bullets=1,
    )
    english = [s.translation.lower() for s in result.sentences()]
    assert len(english) == 2
    assert "north korea" in english[0] and "russia" in english[0]
    assert "600" in english[1]
