"""The Gradio app, started on a free local port with the tiny models, driven by gradio_client."""

from __future__ import annotations

import jsonschema
import pytest

from tests.conftest import SEEDS
from tests.result_schema import RESULT_SCHEMA

gradio = pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")


def test_run_endpoint_returns_result_json(app_url: str) -> None:
    client = gradio_client.Client(app_url, verbose=False)
    seed = SEEDS[2].read_text(encoding="utf-8")
    data = client.predict(seed, api_name="/run")
    jsonschema.validate(data, RESULT_SCHEMA)
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    assert sentences and all(s["translation"].strip() for s in sentences)
    assert 3 <= len(data["brief"]) <= 5


def test_empty_input_is_a_message_and_the_app_keeps_running(app_url: str) -> None:
    client = gradio_client.Client(app_url, verbose=False)
    with pytest.raises(Exception, match="Paste an Indonesian article"):
        client.predict("   ", api_name="/run")
    assert client.predict("Korea Utara mengirim tentara. Mereka tiba.", api_name="/run")["paragraphs"]


def test_article_text_is_escaped() -> None:
    from summarize import Document
    from summarize.document import Sentence
    from summarize.apps import render_columns

    doc = Document(title=None, paragraphs=[["<script>alert(1)</script> berita."]])
    html = render_columns(doc, {"p0s0": Sentence(id="p0s0", source=doc.paragraphs[0][0])})
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_model_setting_shows_licence_and_published_score() -> None:
    from summarize.apps import model_choices

    choices = dict((value, label) for label, value in model_choices("opus-mt-id-en"))
    assert "Apache-2.0" in choices["opus-mt-id-en"] and "BLEU 33.4" in choices["opus-mt-id-en"]
    assert "non-commercial" in choices["nllb-600m"] and "BLEU 40.5" in choices["nllb-600m"]
    assert "no published score" in choices["madlad-3b"]
    assert model_choices("/some/dir")[-1] == ("/some/dir", "/some/dir")
