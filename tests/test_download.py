"""`summarize models download` end to end against a Hub look-alike on 127.0.0.1.

The real huggingface_hub client does the talking (model_info, HEAD /resolve, GET with Range);
only the server is ours (tests/fixtures/hub_server.py).  One test runs the console command in a
subprocess with HF_ENDPOINT, exactly as a user would; the others run in this process, where
huggingface_hub has already read HF_ENDPOINT/HF_HUB_OFFLINE at import, so its constants are
pointed at the server instead (same code paths).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import ModelUnavailableError, models
from summarize.apps import cli_models, main
from tests.conftest import ROOT, SEEDS
from tests.fixtures.hub_server import HubServer, repo_from_folder

REPO = "tiny/marian"
WEIGHTS = "model.safetensors"


@pytest.fixture(scope="module")
def repo_files(tiny_models: dict[str, Path]) -> dict[str, bytes]:
    return repo_from_folder(tiny_models["marian"])


@pytest.fixture
def hub(repo_files: dict[str, bytes]):
    with HubServer({REPO: repo_files}) as server:
        yield server


@pytest.fixture
def hub_env(hub: HubServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This process talks to ``hub`` with an empty Hugging Face cache under tmp_path."""
    from huggingface_hub import constants

    cache = tmp_path / "hf" / "hub"
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "0")
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "ENDPOINT", hub.url)
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", hub.url + "/{repo_id}/resolve/{revision}/{filename}")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    return cache


def _blob(cache: Path, hub: HubServer, name: str = WEIGHTS) -> Path:
    return cache / "models--tiny--marian" / "blobs" / hub.etag(REPO, name)


def _snapshot(cache: Path, hub: HubServer) -> Path:
    return cache / "models--tiny--marian" / "snapshots" / hub.commit(REPO)


def test_console_download_through_hf_endpoint(hub: HubServer, repo_files: dict[str, bytes], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env.update({"HF_ENDPOINT": hub.url, "HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "0",
                "TRANSFORMERS_OFFLINE": "0"})
    proc = subprocess.run([sys.executable, "-m", "summarize", "models", "download", REPO, "--no-convert"],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"Downloading {REPO}: 0 / 1 MB" in proc.stderr and f"Downloaded {REPO}" in proc.stderr
    snapshot = tmp_path / "hf" / "hub" / "models--tiny--marian" / "snapshots" / hub.commit(REPO)
    assert f"ready in {snapshot}" in proc.stdout
    for name, data in repo_files.items():  # every file, byte for byte, in the standard layout
        assert (snapshot / name).read_bytes() == data
    assert (snapshot.parent.parent / "refs" / "main").read_text() == hub.commit(REPO)
    methods = {(m, p.rsplit("/", 1)[-1]) for m, p, _ in hub.requests}
    assert ("GET", "main") in methods and ("HEAD", WEIGHTS) in methods and ("GET", WEIGHTS) in methods

    # Loadable from the cache, offline, by its Hub id (in this process: same cache folder).
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf" / "hub"))
    spec = models.resolve(REPO)
    assert models.is_available(spec)
    from summarize.mt import DecodingOptions, Seq2SeqTranslator

    assert Seq2SeqTranslator(spec, decoding=DecodingOptions(beam_size=1)).translate(["Korea Utara."])[0]


def test_second_run_downloads_nothing_and_events_are_complete(hub: HubServer, hub_env: Path) -> None:
    events: list[models.DownloadProgress] = []
    path = models.download(models.resolve(REPO), progress=events.append)
    assert path == _snapshot(hub_env, hub)
    total = sum(len(d) for d in hub.repos[REPO].values())
    assert events[0].done == 0 and events[0].total == total
    assert [e.done for e in events] == sorted(e.done for e in events)  # never goes backwards
    assert events[-1].finished and events[-1].path == str(path) and events[-1].done == total
    assert events[0].message == f"Downloading {REPO}: 0 / 1 MB"
    gets = len([r for r in hub.requests if r[0] == "GET"])
    assert models.download(models.resolve(REPO)) == path
    assert len([r for r in hub.requests if r[0] == "GET"]) == gets + 1  # the file list only


def test_iterator_for_a_web_page(hub: HubServer, hub_env: Path) -> None:
    events = list(models.iter_download(models.resolve(REPO)))
    assert events[-1].finished and Path(events[-1].path or "").is_dir()
    assert any(e.file == WEIGHTS for e in events)
    with pytest.raises(ModelUnavailableError, match="no model tiny/none"):
        list(models.iter_download(models.resolve("tiny/none")))


def test_first_use_of_a_missing_model_reports_its_download(hub: HubServer, hub_env: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from summarize.mt import DecodingOptions, Seq2SeqTranslator

    previous = cli_models.install_download_progress()  # what the CLI does for `run` & co.
    try:
        out = Seq2SeqTranslator(REPO, decoding=DecodingOptions(beam_size=1)).translate(["Korea Utara."])
    finally:
        models.set_download_reporter(previous)
    err = capsys.readouterr().err
    assert out[0] and f"Downloading {REPO}: 0 / 1 MB" in err and f"Downloaded {REPO}" in err


def test_transfer_cut_half_way_is_resumed(hub: HubServer, hub_env: Path, repo_files: dict[str, bytes],
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "DOWNLOAD_CHUNK_SIZE", 4096)  # the tiny file spans many chunks
    half = len(repo_files[WEIGHTS]) // 2
    hub.cut[WEIGHTS] = half
    assert main(["models", "download", REPO, "--no-convert"]) == 0, capsys.readouterr().err
    first, second = hub.gets(WEIGHTS)
    assert first is None and second is not None
    resumed_at = int(second.split("=")[1].rstrip("-"))
    assert 0 < resumed_at <= half  # continued from what had arrived, not from zero
    blob = _blob(hub_env, hub)
    assert hashlib.sha256(blob.read_bytes()).hexdigest() == hub.etag(REPO, WEIGHTS)


def test_interrupted_download_resumes_on_the_next_run(hub: HubServer, hub_env: Path, repo_files: dict[str, bytes],
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "DOWNLOAD_CHUNK_SIZE", 4096)
    size = len(repo_files[WEIGHTS])
    draw = cli_models.DownloadBars.__call__

    def ctrl_c_half_way(self: cli_models.DownloadBars, event: models.DownloadProgress) -> None:
        draw(self, event)
        if event.file == WEIGHTS and event.file_done >= size // 2:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a transfer

    monkeypatch.setattr(cli_models.DownloadBars, "__call__", ctrl_c_half_way)
    assert main(["models", "download", REPO, "--no-convert"]) == 130
    err = capsys.readouterr().err
    assert "run the same command again to continue" in err and "Traceback" not in err
    partial = _blob(hub_env, hub).with_name(hub.etag(REPO, WEIGHTS) + ".incomplete")
    kept = partial.stat().st_size
    assert 0 < kept < size
    assert not models.is_available(models.resolve(REPO))

    monkeypatch.setattr(cli_models.DownloadBars, "__call__", draw)
    assert main(["models", "download", REPO, "--no-convert"]) == 0
    assert f"resuming {WEIGHTS} of {REPO} at" in capsys.readouterr().err
    assert hub.gets(WEIGHTS)[-1] == f"bytes={kept}-"
    assert not partial.exists() and models.is_available(models.resolve(REPO))
    assert hashlib.sha256(_blob(hub_env, hub).read_bytes()).hexdigest() == hub.etag(REPO, WEIGHTS)


def test_missing_repo_exits_3_with_one_paragraph(hub: HubServer, hub_env: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "download", "tiny/does-not-exist"]) == 3
    err = capsys.readouterr().err
    assert "There is no model tiny/does-not-exist" in err and "summarize models list" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_corrupt_weight_file_is_refused_with_the_fix(hub: HubServer, hub_env: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    hub.corrupt.add(WEIGHTS)
    assert main(["models", "download", REPO, "--no-convert"]) == 3
    err = capsys.readouterr().err
    assert f"{WEIGHTS} of {REPO} arrived corrupted" in err
    assert f"`summarize models download {REPO}`" in err and "Traceback" not in err
    blobs = hub_env / "models--tiny--marian" / "blobs"
    assert not any(p.name.startswith(hub.etag(REPO, WEIGHTS)) for p in blobs.iterdir())  # nothing kept
    assert not models.is_available(models.resolve(REPO))
    hub.corrupt.clear()  # the server is fixed: the same command now works
    assert main(["models", "download", REPO, "--no-convert"]) == 0


def test_weights_corrupted_on_disk_name_the_fixing_command(hub: HubServer, hub_env: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "download", REPO, "--no-convert"]) == 0
    blob = _blob(hub_env, hub)
    blob.write_bytes(b"\x00" * blob.stat().st_size)  # a disk error, a bad copy
    capsys.readouterr()
    argv = ["translate", str(SEEDS[0]), "--mt-model", REPO, "--backend", "transformers", "--no-cache",
            "--beam-size", "1"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert f"summarize models download {REPO} --force" in err and WEIGHTS in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["models", "download", REPO, "--force", "--no-convert"]) == 0
    assert hashlib.sha256(blob.read_bytes()).hexdigest() == hub.etag(REPO, WEIGHTS)


def test_download_then_convert(hub: HubServer, hub_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "download", REPO, "--convert"]) == 0
    assert "converted (int8)" in capsys.readouterr().out
    assert models.find_converted(models.resolve(REPO)) == models.converted_dir(models.resolve(REPO))


def test_offline_download_still_exits_3_with_the_command(hub: HubServer, hub_env: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert main(["models", "download", REPO]) == 3
    err = capsys.readouterr().err
    assert f"summarize models download {REPO}" in err and "offline" in err
    assert not hub.requests  # nothing was sent


def test_web_page_shows_a_first_use_download_as_its_status_line(repo_files: dict[str, bytes], hub_env: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("gradio")
    from huggingface_hub import constants

    from summarize.apps import web

    repo = "tiny/marian-web"  # its own id: a model this process loaded before would not download
    with HubServer({repo: repo_files}) as server:
        monkeypatch.setattr(constants, "ENDPOINT", server.url)
        monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE",
                            server.url + "/{repo_id}/resolve/{revision}/{filename}")
        article = "Ribuan Tentara Dikirim\n\nKorea Utara mengirim ribuan tentara ke Rusia pekan lalu."
        outs = list(web._run(article, mt_model=repo, mode="extractive", beam_size=1))
    statuses = [out[0] for out in outs if isinstance(out[0], str)]
    downloading = [s for s in statuses if f"Downloading {repo}: 0 / 1 MB" in s]
    assert downloading, [s[:80] for s in statuses]  # a status line while the weights arrive
    assert any(f"Downloaded {repo}: 1 MB" in s for s in statuses)
    assert outs[-1][2] is not None and outs[-1][2]["paragraphs"]  # then the translation itself
    assert (hub_env / "models--tiny--marian-web" / "snapshots").is_dir()
    # The page's reporter was this run's only: nothing is left installed for the process.
    assert models.download_reporter() is None
