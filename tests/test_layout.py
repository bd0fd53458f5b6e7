"""The package layout holds: imports have no side effects, one list of readable suffixes,
small modules and functions.  (The arrows between subpackages are checked by import-linter in
.ci/run: `lint-imports`, contracts in pyproject.toml.)"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import summarize
from summarize.ingest import SUPPORTED_SUFFIXES
from summarize.jobs import batch
from tests.conftest import ROOT, FakeTranslator

PACKAGE = ROOT / "summarize"
BAD_SETTINGS = {
    "SUMMARIZE_MAX_CHARS": "lots",
    "SUMMARIZE_THREADS": "two",
    "SUMMARIZE_TABLE_SHARD_ROWS": "-",
    "SUMMARIZE_URL_TIMEOUT": "soon",
    "SUMMARIZE_URL_MAX_BYTES": "big",
    "SUMMARIZE_ALLOW_PRIVATE_URLS": "maybe",
}

_IMPORT_ALL = """
import importlib, json, pkgutil, summarize
names = [m.name for m in pkgutil.walk_packages(summarize.__path__, "summarize.")
         if m.name != "summarize.__main__"]
for name in names:
    importlib.import_module(name)
from summarize import Document, InputError
try:
    Document.from_text("Korea Utara mengirim tentara ke Rusia.")
except InputError as exc:
    print(json.dumps({"modules": len(names), "error": str(exc)}))
"""


def test_import_has_no_side_effects_and_bad_settings_fail_only_when_used(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", **BAD_SETTINGS}
    out = subprocess.run([sys.executable, "-c", _IMPORT_ALL], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["modules"] > 40  # every module of every subpackage was imported
    assert "SUMMARIZE_MAX_CHARS" in report["error"] and "whole number" in report["error"]


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_each_bad_setting_is_an_input_error_naming_it(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarize import settings

    readers = {
        "SUMMARIZE_MAX_CHARS": lambda: settings.max_chars(10),
        "SUMMARIZE_THREADS": settings.threads,
        "SUMMARIZE_TABLE_SHARD_ROWS": settings.table_shard_rows,
        "SUMMARIZE_URL_TIMEOUT": lambda: settings.url_timeout(20),
        "SUMMARIZE_URL_MAX_BYTES": lambda: settings.url_max_bytes(20),
        "SUMMARIZE_ALLOW_PRIVATE_URLS": settings.allow_private_urls,
    }
    monkeypatch.setenv(name, BAD_SETTINGS[name])
    with pytest.raises(summarize.InputError, match=name):
        readers[name]()


def test_batch_reads_exactly_the_files_run_reads(tmp_path: Path) -> None:
    article = "Korea Utara mengirim 5.000 tentara ke Rusia sejak September lalu.\n"
    candidates = sorted(SUPPORTED_SUFFIXES | {".doc", ".rtf", ".odt", ".csv", ".png", ".json"})
    folder = tmp_path / "in"
    folder.mkdir()
    run_refuses = set()
    for k, suffix in enumerate(candidates):
        path = folder / f"a{k}{suffix}"
        path.write_text(article, encoding="utf-8")
        try:
            summarize.Document.from_file(path)
        except summarize.InputError as exc:
            if "unsupported file type" in str(exc):
                run_refuses.add(path.name)
    pipe = summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")
    outcomes = list(batch(folder, tmp_path / "out", pipeline=pipe))
    batch_skips = {Path(o.path).name for o in outcomes if o.status == "skipped"}
    assert batch_skips == run_refuses
    assert {f"a{candidates.index(s)}{s}" for s in (".xhtml", "")} <= {Path(o.path).name for o in outcomes
                                                                    if o.status != "skipped"}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            too_long.append(f"{path.relative_to(ROOT)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if length > 80:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, "split by job: " + "; ".join(too_long)


def test_every_module_names_its_public_surface_and_no_private_name_crosses_modules() -> None:
    problems = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        if path.name != "__main__.py" and not any(
            isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)
            for n in tree.body
        ):
            problems.append(f"{path.relative_to(ROOT)}: no __all__")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("summarize")):
                problems += [f"{path.relative_to(ROOT)}: imports private {a.name}"
                             for a in node.names if a.name.startswith("_")]
    assert not problems, "; ".join(problems)


def test_console_script_and_module_entry_point_run() -> None:
    script = Path(sys.executable).parent / "summarize"
    for argv in ([str(script), "--help"], [sys.executable, "-m", "summarize", "--help"],
                 [sys.executable, str(ROOT / "app.py"), "--help"]):
        out = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT)
        assert out.returncode == 0, out.stderr
        assert "story" in out.stdout or "batch" in out.stdout or "--port" in out.stdout
