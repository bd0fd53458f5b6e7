"""Folder batch: outputs, failures, resumability, atomicity, interruption."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from summarize.jobs import MANIFEST_NAME, batch
from summarize.apps import main
from tests.conftest import ROOT, SEEDS
from tests.result_schema import RESULT_SCHEMA

HTML_PAGE = """<!doctype html><html><head><title>Korut Kirim Tentara ke Rusia</title></head><body>
<nav><a href="/">Beranda</a> <a href="/news">News</a></nav>
<article><h1>Korut Kirim Tentara ke Rusia</h1>
<p>Korea Utara dilaporkan telah mengirim sekitar 5.000 pasukan konstruksi ke Rusia sejak September.</p>
<p>Pasukan itu disebut akan membantu rekonstruksi infrastruktur di wilayah Kursk, menurut badan intelijen Korea Selatan.</p>
<p>Setidaknya 600 tentara Korea Utara tewas dalam perang Ukraina dan ribuan lainnya terluka.</p>
</article><footer>Hak cipta</footer></body></html>"""


@pytest.fixture
def in_dir(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    nested = root / "kiriman baru" / "éditions"
    nested.mkdir(parents=True)
    for seed in SEEDS[:3]:
        (root / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (nested / "artikel dua ñ.txt").write_text(SEEDS[4].read_text(encoding="utf-8"), encoding="utf-8")
    (root / "halaman.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "kosong.txt").write_text("", encoding="utf-8")
    (root / "biner.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    (root / "latin.txt").write_bytes("Judul Berita Kafé\nHarga kopi di kafé naik 5 persen pekan ini.\n".encode("latin-1"))
    (root / "catatan.xyz").write_text("not an article", encoding="utf-8")
    return root


@pytest.fixture
def model_env(tiny_models: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.setenv("SUMMARIZE_MT_MODEL", str(tiny_models["marian"]))
    monkeypatch.setenv("SUMMARIZE_SUMMARIZER", "extractive")
    return tiny_models


def _run(in_dir: Path, out_dir: Path, *extra: str) -> int:
    return main(["batch", str(in_dir), "-o", str(out_dir), "--beam-size", "1",
                 "--max-length-ratio", "0.5", "--quiet", *extra])


def _mtimes(out_dir: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in out_dir.rglob("*") if p.is_file()}


def test_folder_outputs_failures_and_index(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    out = tmp_path / "out"
    assert _run(in_dir, out) == 1  # some inputs failed
    for stem in [s.stem for s in SEEDS[:3]] + ["kiriman baru/éditions/artikel dua ñ", "halaman", "latin"]:
        data = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, RESULT_SCHEMA)
        assert (out / f"{stem}.md").read_text(encoding="utf-8").startswith("# ")
    assert not (out / "kosong.json").exists() and not (out / "biner.json").exists()
    rows = {r.split(",")[0]: r for r in (out / "index.csv").read_text(encoding="utf-8").splitlines()[1:]}
    assert "failed" in rows["kosong.txt"] and "empty" in rows["kosong.txt"]
    assert "failed" in rows["biner.txt"] and "binary" in rows["biner.txt"]
    assert "skipped" in rows["catatan.xyz"]
    assert rows["latin.txt"].split(",")[1] == "ok"
    index_md = (out / "index.md").read_text(encoding="utf-8")
    assert "| kiriman baru/éditions/artikel dua ñ.txt | ok |" in index_md
    assert not list(out.rglob("*.tmp"))


def test_rerun_skips_and_rewrites_nothing_then_redoes_only_changes(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    out = tmp_path / "out"
    _run(in_dir, out)
    before = _mtimes(out)
    outcomes = list(batch(in_dir, out, pipeline=_pipe(), bullets=5))
    assert {o.status for o in outcomes if o.path.endswith(".txt") and o.path not in {"kosong.txt", "biner.txt"}} == {"unchanged"}
    assert _mtimes(out) == before
    changed = in_dir / SEEDS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nKalimat tambahan di akhir artikel.\n", encoding="utf-8")
    outcomes = {o.path: o.status for o in batch(in_dir, out, pipeline=_pipe(), bullets=5)}
    assert outcomes[SEEDS[0].name] == "ok"
    assert [p for p, s in outcomes.items() if s == "ok"] == [SEEDS[0].name]
    forced = {o.path: o.status for o in batch(in_dir, out, pipeline=_pipe(), bullets=5, force=True)}
    assert forced[SEEDS[1].name] == "ok" and forced["halaman.html"] == "ok"


def test_changed_settings_redo_everything(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    out = tmp_path / "out"
    _run(in_dir, out)
    statuses = {o.status for o in batch(in_dir, out, pipeline=_pipe(), bullets=3)}
    assert "unchanged" not in statuses


def _pipe():  # noqa: ANN202 - the Pipeline type
    import summarize

    return summarize.Pipeline(beam_size=1, max_length_ratio=0.5)


def test_out_dir_inside_in_dir_is_never_read(in_dir: Path, model_env: dict) -> None:
    out = in_dir / "hasil"
    _run(in_dir, out)
    _run(in_dir, out)
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert not any(path.startswith("hasil/") for path in manifest["entries"])


def test_symlink_loop_does_not_hang(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    os.symlink(in_dir, in_dir / "kiriman baru" / "loop")
    outcomes = list(batch(in_dir, tmp_path / "out", pipeline=_pipe(), pattern="*.html"))
    assert [o.path for o in outcomes] == ["halaman.html"]


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o"), "--quiet"]) == 2
    assert "not found" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    (tmp_path / "in").mkdir()
    assert main(["batch", str(tmp_path / "in"), "-o", str(blocker / "sub"), "--quiet"]) == 2


def _outputs(out: Path) -> list[Path]:
    return [p for p in out.glob("*.json") if not p.name.startswith(".")] if out.is_dir() else []


def test_sigint_mid_batch_leaves_only_complete_outputs_and_rerun_completes(tmp_path: Path, tiny_models: dict[str, Path]) -> None:
    in_dir = tmp_path / "in"
    in_dir.mkdir()
    for k in range(40):
        seed = SEEDS[k % len(SEEDS)]
        (in_dir / f"{k:02d}-{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\nSalinan {k}.\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env.update({"SUMMARIZE_MT_MODEL": str(tiny_models["marian"]), "SUMMARIZE_SUMMARIZER": "extractive",
                "SUMMARIZE_THREADS": "1"})
    cmd = [sys.executable, "-m", "summarize", "batch", str(in_dir), "-o", str(out), "--beam-size", "2"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _outputs(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "batch finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    written = _outputs(out)
    assert 0 < len(written) < 40
    for path in written:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), RESULT_SCHEMA)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    rerun = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(written)} unchanged" in rerun.stderr
    assert len(_outputs(out)) == 40


def test_prefetcher_keeps_the_retry_and_the_model_fingerprint(model_env: dict) -> None:
    from summarize.mt import PrefetchingTranslator
    from summarize.checks import safer_translator

    pipe = _pipe()
    wrapped = PrefetchingTranslator(pipe.translator)
    assert wrapped.fingerprint == pipe.translator.fingerprint
    safer = safer_translator(wrapped)
    assert safer is not None and not isinstance(safer, PrefetchingTranslator)


def test_glossary_change_redoes_outputs(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    out = tmp_path / "out"
    _run(in_dir, out)
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("Kursk\tKursk Oblast\n", encoding="utf-8")
    import summarize

    pipe = summarize.Pipeline(beam_size=1, max_length_ratio=0.5, glossary=glossary)
    assert "unchanged" not in {o.status for o in batch(in_dir, out, pipeline=pipe)}


def test_bad_bullets_stop_before_any_work(in_dir: Path, tmp_path: Path, model_env: dict) -> None:
    assert _run(in_dir, tmp_path / "out", "--bullets", "0") == 2
    assert not (tmp_path / "out" / MANIFEST_NAME).exists()
