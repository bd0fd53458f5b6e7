"""Test isolation: no network, every cache in a temporary directory, tiny local models.

The environment is set at import time, before huggingface_hub reads HF_HOME, so nothing a test
does can touch the user's real caches or reach the Hub.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

_SANDBOX = Path(tempfile.mkdtemp(prefix="summarize-tests-"))
os.environ["HF_HOME"] = str(_SANDBOX / "hf")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["SUMMARIZE_CACHE_DIR"] = str(_SANDBOX / "cache")
os.environ["SUMMARIZE_MODELS_DIR"] = str(_SANDBOX / "models")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "xdg")
os.environ["TRANSFORMERS_VERBOSITY"] = "error"
# Tiny models are faster on one thread than on two competing ones.
os.environ["SUMMARIZE_THREADS"] = "1"
for _var in ("SUMMARIZE_MT_MODEL", "SUMMARIZE_SUMMARIZER", "SUMMARIZE_MAX_CHARS"):
    os.environ.pop(_var, None)

import pytest  # noqa: E402

from tests.fixtures.make_tiny_models import build_all  # noqa: E402

from summarize.mt import DecodingOptions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class FakeTranslator:
    """The one fake translator of the tests: no model, remembers every sentence it was sent.

    Each sentence becomes ``answers[s]`` when given, else ``transform(s)`` (the sentence itself
    by default).  ``fingerprint`` and ``decoding`` are what the cache and the retry read.
    """

    def __init__(self, answers: dict[str, str] | None = None, *,
                 transform: Callable[[str], str] | None = None, name: str = "fake",
                 fingerprint: str = "fp1", beam_size: int = 4) -> None:
        self.answers = answers or {}
        self.transform = transform or (lambda s: s)
        self.name = name
        self.fingerprint = fingerprint
        self.decoding = DecodingOptions(beam_size=beam_size)
        self.seen: list[str] = []

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        self.seen.extend(sentences)
        if sentences:
            yield list(range(len(sentences))), [self.answers.get(s, self.transform(s)) for s in sentences]


@pytest.fixture
def fake_translator() -> Callable[..., FakeTranslator]:
    """A factory: ``fake_translator(answers, transform=str.upper, ...)``."""
    return FakeTranslator


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Per test: settings a test may change are reset, caches point at tmp_path."""
    for var in ("SUMMARIZE_MT_MODEL", "SUMMARIZE_SUMMARIZER", "SUMMARIZE_MAX_CHARS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    # Converted CTranslate2 copies are looked up here: never the developer's models/ folder.
    monkeypatch.setenv("SUMMARIZE_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.delenv("SUMMARIZE_BACKEND", raising=False)


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS}


@pytest.fixture
def tiny_pipeline(tiny_models: dict[str, Path]) -> Iterator[object]:
    import summarize

    yield summarize.Pipeline(mt_model=str(tiny_models["marian"]), summarizer="extractive", beam_size=1)


@pytest.fixture(scope="session")
def app_url(tiny_models: dict[str, Path]) -> Iterator[str]:
    """The Gradio app on a free 127.0.0.1 port, translating with the tiny Marian."""
    pytest.importorskip("gradio")
    from summarize.apps import build_app, launch_options

    demo = build_app(mt_model=str(tiny_models["marian"]), summarizer="extractive")
    _, url, _ = demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True,
                            quiet=True, **launch_options())
    yield url
    demo.close()
