from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from summarize.apps import main
from tests.conftest import ROOT, SEEDS
from tests.result_schema import RESULT_SCHEMA


@pytest.fixture
def tiny_env(tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv("SUMMARIZE_MT_MODEL", str(tiny_models["marian"]))
    monkeypatch.setenv("SUMMARIZE_SUMMARIZER", "extractive")
    return tiny_models


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_run_json_is_schema_valid_with_every_sentence(path: Path, tiny_env: dict, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(path), "--format", "json", "--beam-size", "1", "--max-length-ratio", "0.5"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, RESULT_SCHEMA)
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    assert all(s["translation"].strip() for s in sentences)
    ids = {s["id"] for s in sentences}
    assert 3 <= len(data["brief"]) <= 5
    assert all(set(b["sources"]) <= ids for b in data["brief"])
    assert data["meta"]["models"]["mt"] == str(tiny_env["marian"])
    assert data["meta"]["stats"]["sentences"] == len(sentences)


def test_run_markdown_side_by_side(tiny_env: dict, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(SEEDS[2]), "--side-by-side", "--bullets", "3", "--beam-size", "1"]) == 0
    out = capsys.readouterr().out
    assert "## Brief" in out and "## Translation" in out and "| id | Indonesian | English |" in out
    assert "[p" in out  # bullets carry source ids


def test_translate_brief_clean_commands(tiny_env: dict, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", str(SEEDS[2]), "--beam-size", "1"]) == 0
    assert capsys.readouterr().out.strip()
    assert main(["brief", str(SEEDS[2]), "--bullets", "3", "--beam-size", "1"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert main(["clean", str(SEEDS[0]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "paragraphs", "meta", "removed"}
    assert all(isinstance(p, list) for p in data["paragraphs"])


def test_stdin_input(tiny_env: dict, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Korea Utara mengirim tentara. Mereka tiba kemarin."))
    assert main(["run", "-", "--format", "text", "--beam-size", "1"]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "does-not-exist.txt"], "not found"),
        (["run", "-"], "empty"),
        (["run", str(SEEDS[0]), "--bullets", "0"], "bullets"),
        (["run", str(SEEDS[0]), "--mt-model", "no-such-preset"], "Unknown model"),
    ],
)
def test_bad_input_exits_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["run"], ["frobnicate"], ["run", "x.txt", "--bullets", "many"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def _console(args: list[str], env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env.update({"HF_HOME": str(tmp_path / "empty-hf"), "HF_HUB_OFFLINE": "1", **env_extra})
    return subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )


def test_missing_model_offline_exits_3_with_the_fix(tmp_path: Path) -> None:
    proc = _console(["run", str(SEEDS[0])], {}, tmp_path)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "summarize models download opus-mt-id-en" in proc.stderr
    assert "Helsinki-NLP/opus-mt-id-en" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1  # one paragraph


def test_console_script_exit_0(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    proc = _console(
        ["run", str(SEEDS[2]), "--format", "json", "--beam-size", "1"],
        {"SUMMARIZE_MT_MODEL": str(tiny_models["marian"]), "SUMMARIZE_SUMMARIZER": "extractive"},
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    jsonschema.validate(json.loads(proc.stdout), RESULT_SCHEMA)


def test_non_utf8_file_through_cli(tiny_env: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Judul Berita Kafé\nHarga kopi di kafé naik 5 persen.\n".encode("cp1252"))
    assert main(["run", str(path), "--format", "json", "--beam-size", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "kafé" in data["paragraphs"][0]["sentences"][0]["source"]
    assert any("cp1252" in w for w in data["meta"]["warnings"])


def test_models_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "opus-mt-id-en" in out and "nllb-600m" in out and "NON-COMMERCIAL" in out.upper()


def test_models_download_offline_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "download", "opus-mt-id-en"]) == 3
    assert "offline" in capsys.readouterr().err


def test_huge_file_is_refused_quickly_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Korea Utara mengirim 5.000 tentara ke Rusia. " * 110_000, encoding="utf-8")  # ~5 MB
    assert main(["run", str(path)]) == 2
    assert "SUMMARIZE_MAX_CHARS" in capsys.readouterr().err
