"""Article tables: CSV / JSONL / Parquet / save_to_disk round trips, column guessing, bad rows,
resume after an interruption, and translate_dataset on an in-memory Dataset."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarize.apps import main
from summarize.jobs import ADDED_COLUMNS, guess_columns, translate_dataset
from tests.conftest import ROOT, SEEDS

datasets = pytest.importorskip("datasets")


def _rows(n: int = 6) -> list[dict]:
    rows = [{"url": f"https://contoh.id/{i}", "judul": f"Berita nomor {i}", "tanggal": f"2025-11-0{i % 9 + 1}",
             "body": SEEDS[i % len(SEEDS)].read_text(encoding="utf-8")} for i in range(n)]
    rows.append({"url": "https://contoh.id/kosong", "judul": "Kosong", "tanggal": "2025-11-09", "body": ""})
    return rows


@pytest.fixture
def model_env(tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_MT_MODEL", str(tiny_models["marian"]))
    monkeypatch.setenv("SUMMARIZE_SUMMARIZER", "extractive")


def _write(rows: list[dict], path: Path) -> Path:
    ds = datasets.Dataset.from_list(rows)
    if path.suffix == ".csv":
        ds.to_csv(str(path), index=False)
    elif path.suffix == ".jsonl":
        ds.to_json(str(path), lines=True, force_ascii=False)
    elif path.suffix == ".parquet":
        ds.to_parquet(str(path))
    else:
        ds.save_to_disk(str(path))
    return path


def _read(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return datasets.Dataset.from_parquet(str(path)).to_list()
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        return datasets.Dataset.from_csv(str(path)).to_list()
    return datasets.load_from_disk(str(path)).to_list()


@pytest.mark.parametrize(("source", "target"), [
    ("in.csv", "out.parquet"), ("in.jsonl", "out.jsonl"), ("in.parquet", "out.csv"), ("in_ds", "out_ds"),
])
def test_round_trip_keeps_every_input_column(source: str, target: str, tmp_path: Path, model_env: None,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    table = _write(rows, tmp_path / source)
    out = tmp_path / target
    code = main(["batch", str(table), "-o", str(out), "--beam-size", "1", "--max-length-ratio", "0.3"])
    assert code == 1  # the empty row failed
    err = capsys.readouterr().err
    assert "text='body'" in err and "title='judul'" in err and "id='url'" in err
    got = _read(out)
    assert len(got) == len(rows)
    for before, after in zip(rows, got):
        for column, value in before.items():
            assert str(after[column] or "") == str(value)
        assert set(ADDED_COLUMNS) <= set(after)
    ok = [r for r in got if r["status"] == "ok"]
    assert len(ok) == len(rows) - 1
    for row in ok:
        brief = json.loads(row["brief"]) if isinstance(row["brief"], str) else row["brief"]
        sources = json.loads(row["brief_sources"]) if isinstance(row["brief_sources"], str) else row["brief_sources"]
        assert 3 <= len(brief) <= 5 and len(sources) == len(brief)
        assert row["translation"] and row["model"]
    failed = [r for r in got if r["status"] == "failed"]
    assert failed[0]["url"].endswith("kosong") and failed[0]["error"]


def test_column_guessing() -> None:
    rows = [{"kode": "a1", "headline": "Judul", "naskah": "Kalimat panjang sekali. " * 20, "n": 3}]
    cols = guess_columns(rows)
    assert (cols.text, cols.title, cols.id) == ("naskah", "headline", None)
    with pytest.raises(Exception, match="not found"):
        guess_columns(rows, text="nope")


def test_bad_rows_non_string_and_missing(tmp_path: Path, model_env: None) -> None:
    ds = datasets.Dataset.from_list([
        {"body": "Korea Utara mengirim tentara ke Rusia. Mereka tiba kemarin.", "n": 1},
        {"body": None, "n": 2},
        {"body": "   ", "n": 3},
    ])
    out = translate_dataset(ds, "body", beam_size=1, max_length_ratio=0.3)
    assert out["status"] == ["ok", "failed", "failed"]
    assert out["n"] == [1, 2, 3]
    assert all(out["error"][1:]) and not out["error"][0]


def test_translate_dataset_in_memory(model_env: None) -> None:
    ds = datasets.Dataset.from_list(_rows(3)[:3])
    out = translate_dataset(ds, beam_size=1, max_length_ratio=0.3)
    assert out.column_names == ds.column_names + ADDED_COLUMNS
    assert out["status"] == ["ok"] * 3
    assert out["title_en"][0]  # the judul column was used as title


def test_resume_after_sigint_reuses_finished_shards(tmp_path: Path, tiny_models: dict[str, Path]) -> None:
    rows = _rows(30)[:30]
    for i, row in enumerate(rows):
        row["body"] += f"\nSalinan nomor {i}."
    table = _write(rows, tmp_path / "in.jsonl")
    out = tmp_path / "out.parquet"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env.update({"SUMMARIZE_MT_MODEL": str(tiny_models["marian"]), "SUMMARIZE_SUMMARIZER": "extractive",
                "SUMMARIZE_THREADS": "1", "SUMMARIZE_TABLE_SHARD_ROWS": "5"})
    cmd = [sys.executable, "-m", "summarize", "batch", str(table), "-o", str(out), "--beam-size", "2"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    parts = tmp_path / ".out.parquet.parts"
    deadline = time.monotonic() + 120
    while not list(parts.glob("shard-*.parquet")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert not out.exists()  # the output appears only when complete
    done = len(list(parts.glob("shard-*.parquet")))
    assert 0 < done < 6
    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.count("reused") == done
    assert len(_read(out)) == 30


def test_empty_table_file_is_an_input_error(tmp_path: Path, model_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["batch", str(empty), "-o", str(tmp_path / "o.parquet")]) == 2
    assert "could not be read" in capsys.readouterr().err
