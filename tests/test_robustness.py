"""Defects the last review left open (issue 18, command line and library): each test failed
before its fix."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import summarize
from summarize.apps import main
from summarize.terms import load_glossary
from tests.conftest import SEEDS, FakeTranslator


def _pipe() -> summarize.Pipeline:
    return summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")


def test_batch_outputs_follow_the_users_umask(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    previous = os.umask(0o022)
    try:
        list(summarize.batch(folder, tmp_path / "out", pipeline=_pipe()))
    finally:
        os.umask(previous)
    for name in ("a.md", "a.json", "index.csv"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == 0o644, name


def test_an_empty_batch_says_so_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG")
    with pytest.raises(summarize.InputError, match="no readable articles"):
        list(summarize.batch(folder, tmp_path / "out", pipeline=_pipe()))
    (folder / "a.txt").write_text("Korea Utara mengirim tentara ke Rusia.", encoding="utf-8")
    assert main(["batch", str(folder), "-o", str(tmp_path / "out"), "--glob", "*.md",
                 "--mt-model", "opus-mt-id-en"]) == 2
    assert "no readable articles matching '*.md'" in capsys.readouterr().err


def test_check_ignores_trailing_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "id.txt"
    english = tmp_path / "en.txt"
    source.write_text("Korea Utara mengirim 5.000 tentara.\n\n\n", encoding="utf-8")
    english.write_text("North Korea sent 5,000 troops.\n", encoding="utf-8")
    assert main(["check", str(source), str(english)]) == 0
    assert "1 lines checked" in capsys.readouterr().out


@pytest.mark.parametrize(("yaml_text", "needle"), [
    ("Zeni: Corps of Engineers\nKorut:\n  - North Korea\n  - DPRK\n", "line 2"),
    ("glossary:\n  Zeni: Corps of Engineers\n  Kemhan:\n    en: Defence Ministry\n", "line 3"),
    ("Zeni: 5\n", "'Zeni'"),
    ("NO: Norway\n", "quotes"),
])
def test_a_yaml_glossary_with_a_nested_or_non_text_value_is_refused(tmp_path: Path, yaml_text: str,
                                                                      needle: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(summarize.InputError, match=needle):
        load_glossary(path)


def test_run_on_a_folder_points_to_batch_and_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(tmp_path), "--mt-model", "opus-mt-id-en"]) == 2
    err = capsys.readouterr().err
    assert "summarize batch" in err and "summarize story" in err
