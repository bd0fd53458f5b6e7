"""Issue 18's web-page defects without a browser (the browser side is in test_browser.py), and the
Story tab's chart PNGs in the Markdown download (issue 17 item 8).

The pipeline's cancellation hook and "check" progress, the Translate and Story generators'
messages, clearing and stopping (with the fake translator: fast), two gradio_client jobs at
once against the tiny-model app, the sample labels and the charts.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

import summarize
from summarize.errors import InputError, ModelUnavailableError
from summarize.story import StoryResult
from tests.conftest import ROOT, SEEDS, FakeTranslator

gr = pytest.importorskip("gradio")
gradio_client = pytest.importorskip("gradio_client")

from summarize.apps import web  # noqa: E402
from summarize.apps.charts import chart_png, chart_rows, markdown_with_charts, write_chart_pngs  # noqa: E402
from summarize.apps.render import web_message  # noqa: E402
from summarize.apps.web_worker import gradio_cancel_check, run_in_worker  # noqa: E402
from summarize.apps.web_story import (run_story,  # noqa: E402
                                      write_story_downloads)

_CLI_FLAG = re.compile(r"(?<![\w-])--[a-z]")
ARTICLE = " ".join(f"Korea Utara mengirim {k} ribu tentara ke wilayah Kursk pada bulan lalu." for k in range(1, 41))
RETRY_GROUP = 16  # flagged sentences are retried this many at a time (summarize/pipeline.py)


class Steps(FakeTranslator):
    """One batch per sentence, each computed only when asked for and logged as (retry?, text):
    what a cancelled stream did not compute is not in the log."""

    def __init__(self, log: list[tuple[bool, str]]) -> None:
        super().__init__()
        self.log = log

    def translate_iter(self, sentences: Sequence[str]) -> Iterator[tuple[list[int], list[str]]]:
        for k, text in enumerate(sentences):
            self.log.append((self.decoding.no_repeat_ngram_size > 0, text))
            yield [k], [text]  # a copy of the Indonesian: flagged "untranslated", so retried


def _pipeline(log: list[tuple[bool, str]], **options: object) -> summarize.Pipeline:
    return summarize.Pipeline(translator=Steps(log), summarizer="extractive", **options)


# -- the pipeline's cancellation hook and check progress (items 2 and 4) ----------------------

def test_stream_stops_between_translation_batches_when_cancelled() -> None:
    log: list[tuple[bool, str]] = []
    events: list[summarize.ProgressEvent] = []

    def cancel() -> bool:
        return sum(1 for e in events if e.stage == "translate" and e.sentences) >= 3

    for event in _pipeline(log).stream(ARTICLE, cancel=cancel):
        events.append(event)
    assert len(log) == 3  # no batch was computed after the cancellation
    assert all(e.result is None for e in events) and {e.stage for e in events} == {"translate"}


def test_stream_reports_and_can_stop_the_retry_of_flagged_sentences() -> None:
    log: list[tuple[bool, str]] = []
    events = list(_pipeline(log).stream(ARTICLE))
    checks = [(e.done, e.total) for e in events if e.stage == "check"]
    total = checks[0][1]
    groups = range(RETRY_GROUP, total + RETRY_GROUP, RETRY_GROUP)
    assert total >= 33 and checks == [(0, total)] + [(min(k, total), total) for k in groups]
    assert [e.stage for e in events][-2:] == ["brief", "done"]

    log.clear()
    events = []

    def cancel() -> bool:  # Stop in the middle of the re-check
        return any(e.stage == "check" and e.done >= RETRY_GROUP for e in events)

    for event in _pipeline(log).stream(ARTICLE, cancel=cancel):
        events.append(event)
    assert sum(1 for retry, _ in log if retry) == RETRY_GROUP  # one group of retries, then nothing
    assert "brief" not in {e.stage for e in events} and events[-1].result is None


def test_stream_stops_before_the_brief_and_run_is_unchanged() -> None:
    events: list[summarize.ProgressEvent] = []

    def cancel() -> bool:
        return any(e.stage == "check" and e.done == e.total for e in events)

    for event in _pipeline([]).stream(ARTICLE, cancel=cancel):
        events.append(event)
    assert "brief" not in {e.stage for e in events} and all(e.result is None for e in events)
    assert _pipeline([]).run(ARTICLE, bullets=2).brief  # without cancel: a result, as before


def test_story_stream_stops_inside_an_article_when_cancelled() -> None:
    log: list[tuple[bool, str]] = []
    docs = [summarize.Document.from_file(p) for p in SEEDS[:3]]
    first = len(_pipeline([], retry=False).prepare(docs[0]))
    events = list(_pipeline(log, retry=False).story_stream(docs, cancel=lambda: len(log) >= first + 2))
    assert len(log) <= first + 2  # the second article stopped after its second batch
    assert [e.stage for e in events] == ["article", "article"] and events[-1].story is None


def test_outside_a_gradio_event_the_cancel_check_never_fires() -> None:
    assert gradio_cancel_check()() is False


def test_closing_the_events_generator_stops_the_work_and_errors_reach_it() -> None:
    produced: list[int] = []

    def produce(stopped, emit) -> Iterator[int]:
        for k in range(10_000):
            if stopped():
                return
            produced.append(k)
            time.sleep(0.005)
            yield k

    gen = run_in_worker(produce, lambda: False)
    assert next(gen) == 0
    gen.close()  # what Gradio's Stop does to the event's generator
    time.sleep(0.05)
    seen = len(produced)
    time.sleep(0.3)
    assert len(produced) == seen < 100  # the worker stopped at once

    def broken(stopped, emit) -> Iterator[int]:
        yield 1
        raise InputError("Paste an Indonesian article.")

    with pytest.raises(InputError, match="Paste an Indonesian article"):
        list(run_in_worker(broken, lambda: False))


# -- the Translate tab's generator: clearing, messages, progress (items 1, 4, 5, 6, 7c) --------

@pytest.fixture
def fake_web(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[bool, str]]:
    log: list[tuple[bool, str]] = []

    def make(**options: object) -> summarize.Pipeline:
        return summarize.Pipeline(translator=Steps(log), summarizer="extractive",
                                  translate_anyway=bool(options.get("translate_anyway")))

    monkeypatch.setattr(web, "Pipeline", make)
    monkeypatch.setattr(web, "_download_folder", lambda: Path(tempfile.mkdtemp(dir=tmp_path)))
    return log


def _outputs(gen: Iterator[tuple]) -> tuple[list[tuple], BaseException | None]:
    out: list[tuple] = []
    try:
        for item in gen:
            out.append(item)
    except gr.Error as exc:
        return out, exc
    return out, None


def test_every_run_starts_cleared_and_a_failed_one_shows_only_the_message(fake_web) -> None:
    done, error = _outputs(web._run(ARTICLE, bullets=2))
    assert error is None and done[-1][3] and "sz-bullet" in done[-1][0]
    assert done[0][1:] == ("", None, None) and "sz-cols" not in done[0][0]  # cleared first
    failed, error = _outputs(web._run("   "))
    assert error is not None and "Paste an Indonesian article" in str(error)
    view, removed, data, files = failed[-1]
    assert 'class="sz-message"' in view and "Paste an Indonesian article" in view
    assert "sz-cols" not in view and "sz-bullet" not in view and (removed, data, files) == ("", None, None)


def test_rechecking_shows_progress(fake_web) -> None:
    calls: list[tuple] = []
    views, _ = _outputs(web._run(ARTICLE, bullets=2, progress=lambda *a, **k: calls.append((a, k))))
    assert any("Re-checking flagged sentences: 0 of" in v[0] for v in views)
    assert any(f"Re-checking flagged sentences: {RETRY_GROUP} of" in v[0] for v in views)
    assert any(k.get("desc") == "Re-checking flagged sentences" for _, k in calls)


def test_a_cancelled_run_computes_nothing_more_and_ends_without_a_result(fake_web) -> None:
    seen: list[tuple] = []
    gen = web._run(ARTICLE, cancel=lambda: len(seen) >= 3)
    for out in gen:
        seen.append(out)
    assert len(fake_web) <= 2 and all(out[2] is None and out[3] is None for out in seen)


def test_upload_messages_show_the_files_own_name(fake_web, tmp_path: Path) -> None:
    upload = tmp_path / "gradio" / ("ab" * 32) / "kosong.txt"  # like Gradio's upload folder
    upload.parent.mkdir(parents=True)
    upload.write_text("   \n", encoding="utf-8")
    _, error = _outputs(web._run(None, upload=str(upload)))
    assert "kosong.txt is empty" in str(error) and str(tmp_path) not in str(error)
    good = upload.parent / "artikel.txt"
    good.write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    done, _ = _outputs(web._run(None, upload=str(good), bullets=2))
    assert done[-1][2]["meta"]["source"] == "artikel.txt"  # the JSON and Markdown too


def test_a_gradio_temporary_path_in_any_message_becomes_the_name(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "g"))
    exc = InputError(f"{tmp_path}/g/{'c' * 64}/berita.pdf has no text layer (a scanned image?).")
    assert web_message(exc) == "berita.pdf has no text layer (a scanned image?)."


def test_messages_name_the_pages_controls(fake_web) -> None:
    _, error = _outputs(web._run("The government announced on Tuesday that the new budget will raise "
                                 "spending on schools and hospitals across the country."))
    text = str(error)
    assert "not Indonesian" in text and "“Translate anyway” under Settings" in text
    assert not _CLI_FLAG.search(text) and "Pipeline(" not in text
    done, error = _outputs(web._run("The government announced on Tuesday that the new budget will raise "
                                    "spending on schools and hospitals across the country.",
                                    force_language=True, bullets=1))
    assert error is None and done[-1][2]  # the control the message names does what it says
    furniture = InputError("No article text was found: every line looked like page furniture (menus). "
                           "Paste the article's paragraphs, or run `summarize clean FILE` to see what "
                           "was removed and why.")
    assert web_message(furniture).endswith("Paste the article's paragraphs.")
    other = InputError("There is no copy. Run `summarize models convert x`, or use --backend transformers.")
    assert web_message(other).startswith("There is no copy. For the person who runs this server: ")


@pytest.mark.parametrize("reason", ["offline mode is on (HF_HUB_OFFLINE=1)", "the Hub cannot be reached"])
def test_a_missing_model_is_explained_to_a_web_user(reason: str) -> None:
    exc = ModelUnavailableError(
        f"Model Helsinki-NLP/opus-mt-id-en is not downloaded and {reason}. Run `summarize models "
        "download opus-mt-id-en` on a machine with internet (it stores the weights in the Hugging "
        "Face cache, HF_HOME), or set SUMMARIZE_MT_MODEL to a local model directory.",
        model="Helsinki-NLP/opus-mt-id-en")
    text = web_message(exc)
    assert text.startswith("This page cannot translate yet: the translation model "
                           "Helsinki-NLP/opus-mt-id-en is not on this server")
    assert ("works offline" if "offline" in reason else "cannot reach the Hugging Face Hub") in text
    assert "Settings → “Translation model”" in text  # what the web user can do
    assert "The person who runs this server has to install it" in text
    assert "run `summarize models download opus-mt-id-en`" in text  # what that person must do
    brief = ModelUnavailableError("Summarisation model sshleifer/distilbart-cnn-12-6 is not downloaded and "
                                  "offline mode is on. Run `summarize models download distilbart-cnn` on a "
                                  "machine with internet, or use --summarizer extractive.", model="x")
    assert "choose “extractive” for Brief under Settings" in web_message(brief)
    assert not _CLI_FLAG.search(web_message(brief))


def test_the_page_explains_a_model_that_is_not_on_the_machine() -> None:
    # The real pipeline, offline, with a preset that is not downloaded (nothing is mocked).
    _, error = _outputs(web._run("Korea Utara mengirim tentara ke Rusia.", mt_model="opus-mt-id-en"))
    assert "is not on this server" in str(error) and "summarize models download opus-mt-id-en" in str(error)


# -- the Story tab: names, messages, Stop --------------------------------------------------

def test_story_uploads_are_named_by_file_and_english_articles_by_control(tmp_path: Path) -> None:
    folder = tmp_path / "gradio" / ("ef" * 32)
    folder.mkdir(parents=True)
    (folder / "kosong.txt").write_text("  \n", encoding="utf-8")
    (folder / "inggris.txt").write_text("The government announced on Tuesday that the new budget will "
                                        "raise spending on schools across the country.", encoding="utf-8")
    uploads = [str(folder / n) for n in ("kosong.txt", "inggris.txt")]
    outputs = list(run_story(SEEDS[0].read_text(encoding="utf-8") + "\n---\n" + SEEDS[1].read_text(encoding="utf-8"),
                             uploads, new_folder=lambda: tmp_path, max_bytes=10**7,
                             pipeline=lambda: summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")))
    failed = outputs[-1][2]["failed"]
    assert [f["source"] for f in failed] == ["kosong.txt", "inggris.txt"]
    assert str(folder) not in str(failed) and not _CLI_FLAG.search(str(failed))
    assert "“Translate anyway” under Settings" in failed[1]["reason"]


def test_story_stop_ends_the_work(tmp_path: Path) -> None:
    log: list[tuple[bool, str]] = []
    texts = "\n---\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    outputs = list(run_story(texts, None, new_folder=lambda: tmp_path, max_bytes=10**7,
                             pipeline=lambda: _pipeline(log, retry=False), cancel=lambda: len(log) >= 5))
    assert len(log) == 5 and all(o[2] is None for o in outputs)


# -- two clients at once (item 7) and the sample labels (item 7b) --------------------------

def test_two_clients_at_once_queue_and_each_get_their_own_result(app_url: str) -> None:
    texts = [SEEDS[0].read_text(encoding="utf-8"), "Ribuan Tentara Korut Dikerahkan ke Rusia\n\n"
             "Korea Utara mengirim ribuan tentara ke Rusia. Mereka tiba di wilayah Kursk pekan lalu."]
    clients = [gradio_client.Client(app_url, verbose=False) for _ in texts]
    first = clients[0].submit(texts[0], api_name="/run")
    deadline = time.monotonic() + 30
    while first.status().code.name != "PROCESSING" and time.monotonic() < deadline:
        time.sleep(0.05)
    second = clients[1].submit(texts[1], api_name="/run")
    ranks = []
    while not second.done() and time.monotonic() < deadline + 120:
        status = second.status()
        if status.code.name == "IN_QUEUE" and status.rank is not None:
            ranks.append((status.rank, status.queue_size))
        time.sleep(0.1)
    assert (0, 1) in ranks  # the second job was told it is first in a queue of one
    results = [first.result(timeout=180), second.result(timeout=180)]
    titles = [r["title"]["source"] for r in results]
    assert titles[0].startswith("Intelijen Korea Selatan") and titles[1].startswith("Ribuan Tentara Korut")
    for result, text in zip(results, texts):
        body = " ".join(s["source"] for p in result["paragraphs"] for s in p["sentences"])
        assert body.split(".")[0] in text  # each got the translation of its own article


def test_sample_buttons_are_labelled_by_outlet_and_headline() -> None:
    labels = [web.sample_label(p) for p in SEEDS]
    assert labels[0].startswith("Tribunnews — Intelijen Korea Selatan")
    assert labels[1].startswith("IDN Times — Korsel Sebut Korut Kirim Tentara")
    assert labels[2].startswith("Internationalmedia — Gelombang pergerakan")  # no headline: 1st sentence
    assert labels[3].startswith("TVRI — Ribuan Tentara Korut")
    assert labels[4].startswith("Korea Utara akan mengirim ribuan orang")  # no outlet, no dateline
    assert all(len(label) < 60 and not label.startswith(("Baca", "date")) for label in labels)


# -- the Story tab's Markdown download: charts as PNG (issue 17 item 8) --------------------

@pytest.fixture(scope="module")
def seed_story() -> StoryResult:
    return summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive").story(
        [p.read_text(encoding="utf-8") for p in SEEDS])


def test_each_disagreement_is_a_png_beside_the_markdown(seed_story, tmp_path: Path) -> None:
    files = [Path(f) for f in write_story_downloads(seed_story, tmp_path)]
    story = seed_story.stories[0]
    pngs = [f for f in files if f.suffix == ".png"]
    assert [f.name for f in files[:2]] == ["story.md", "story.json"]
    assert [f.name for f in pngs] == [f"chart-1-{k}.png" for k in range(1, len(story.disagreements) + 1)]
    markdown = files[0].read_text(encoding="utf-8")
    section = markdown[markdown.index("## Where outlets disagree"):markdown.index("## Timeline")]
    for png, d in zip(pngs, story.disagreements):
        assert f"![Chart: {d.what}]({png.name})" in section  # relative: the PNG sits beside story.md
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width > 600 and height > 300


def test_the_chart_has_one_labelled_mark_per_outlet_at_the_date_the_figure_refers_to(seed_story,
                                                                                    tmp_path: Path) -> None:
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

    story = seed_story.stories[0]
    killed = next(d for d in story.disagreements if d.what == "North Korean troops killed")
    rows = chart_rows(story, killed)
    saved: list[Figure] = []
    original = Figure.savefig

    def keep(self: Figure, *args: object, **kwargs: object) -> None:
        saved.append(self)
        original(self, *args, **kwargs)

    Figure.savefig = keep  # type: ignore[method-assign]
    try:
        assert chart_png(story, killed, tmp_path / "k.png") == tmp_path / "k.png"
    finally:
        Figure.savefig = original  # type: ignore[method-assign]
    ax = saved[0].axes[0]
    marks = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(marks) == len(rows)  # one mark per outlet and value (Internationalmedia gives both)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sorted(legend) == sorted({r["outlet"] for r in rows})  # each outlet named once
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "at least 600" in labels and "about 2,000" in labels
    from matplotlib.dates import num2date
    april = [num2date(m.get_offsets()[0][0]).date() for m in marks if m.get_offsets()[0][1] == 600]
    assert all(abs((d - rows[0]["as of"]).days) < 15 for d in april)  # x: the date it refers to
    assert ax.get_ylim()[0] == 0


def test_several_stories_keep_their_own_charts(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    other = ("Harga beras di Jakarta naik menjadi Rp 15.000 per kilogram pada Senin (3/11/2025), kata "
             "pedagang. Sehari kemudian, pedagang lain menyebut harga beras Rp 18.000 per kilogram.")
    result = summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive").story(texts + [other])
    charts = write_chart_pngs(result, tmp_path)
    markdown = markdown_with_charts(result, charts)
    sections = markdown.split("\n## Timeline\n")
    for k, story_charts in enumerate(charts):
        for path, what in story_charts:
            assert f"]({path.name})" in sections[k] and path.name.startswith(f"chart-{k + 1}-")


def test_matplotlib_is_imported_only_when_a_chart_is_drawn() -> None:
    code = ("import sys, summarize.apps.web, summarize.apps.charts, summarize.apps.web_story\n"
            "print('matplotlib' in sys.modules, 'gradio' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_charts_can_be_drawn_from_several_threads(seed_story, tmp_path: Path) -> None:
    story = seed_story.stories[0]
    errors: list[BaseException] = []

    def draw(k: int) -> None:
        try:
            chart_png(story, story.disagreements[k % len(story.disagreements)], tmp_path / f"t{k}.png")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=draw, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(list(tmp_path.glob("t*.png"))) == 4
