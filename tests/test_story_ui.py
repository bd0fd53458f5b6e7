"""The web page's Story tab without a browser: the HTML of a story, its charts' points, the
run generator's messages and downloads.  The fake translator keeps these fast."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import summarize
from summarize.errors import InputError
from summarize.story import StoryResult, split_articles
from tests.conftest import SEEDS, FakeTranslator

gr = pytest.importorskip("gradio")

from summarize.apps import render_story  # noqa: E402
from summarize.apps.web_story import MAX_CHARTS, chart_rows, run_story, seed_articles, story_inputs  # noqa: E402

_SCRIPT = "<script>window.__pwned = 1</script>"


def _pipeline() -> summarize.Pipeline:
    return summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")


@pytest.fixture(scope="module")
def seed_story() -> StoryResult:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts[0] = texts[0].replace("Setidaknya 600 tentara", f"{_SCRIPT} Setidaknya 600 tentara", 1)
    assert _SCRIPT in texts[0]
    return _pipeline().story(texts)


def test_figures_table_has_the_600_row_with_its_sentences(seed_story) -> None:
    page = render_story(seed_story)
    rows = re.findall(r'<details class="sz-fig" data-refs="([^"]*)"><summary>(.*?)</summary>(.*?)</details>',
                      page, flags=re.S)
    assert len(rows) == len(seed_story.stories[0].figures)
    killed = [r for r in rows if "<span>at least 600</span>" in r[1]]
    assert killed, "no figures row for 600"
    refs, summary, evidence = killed[0]
    assert "North Korean troops killed" in summary and "Tribunnews" in summary
    # Every sentence the row cites is shown twice (Indonesian and English) and lights up on hover.
    for ref in refs.split():
        assert evidence.count(f'data-ref="{ref}"') == 2
    assert 'class="sz-ref sz-flag"' in evidence and "⚠" in evidence  # the fake's copies are flagged


def test_disagreements_timeline_and_sources(seed_story) -> None:
    page = render_story(seed_story)
    story = seed_story.stories[0]
    assert story.disagreements
    assert page.count('<tr class="sz-dis-row"') == len(story.disagreements)
    dis = page[page.index("Where outlets disagree"):page.index('<ol class="sz-timeline">')]
    assert "about 2,000" in dis and "in September 2025" in dis and "different dates" in dis
    assert page.count("<time ") == len(story.timeline)
    sources = page[page.index('<table class="sz-sources">'):]
    assert all(f"<td>{html.escape(a.outlet)}</td>" in sources for a in story.articles)
    assert '<h2 class="sz-story-title">' in page


def test_all_article_text_is_escaped(seed_story) -> None:
    page = render_story(seed_story)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # it did reach the page
    assert "<script" not in page
    assert "&lt;pasted article 5&gt;" in page  # outlet names and labels too


def test_chart_points_use_the_date_the_figure_refers_to(seed_story) -> None:
    story = seed_story.stories[0]
    killed = next(d for d in story.disagreements if d.what == "North Korean troops killed")
    points = {(p["value"], p["outlet"], p["as of"].isoformat()) for p in chart_rows(story, killed)}
    assert (600, "Tribunnews", "2025-04-01") in points
    assert (2000, "Internationalmedia", "2025-09-01") in points
    undated = next(d for d in story.disagreements if any(v.as_of_iso is None for v in d.values))
    article_dates = {a.outlet: a.date for a in story.articles}
    for p in chart_rows(story, undated):
        if p["date given"].startswith("undated"):
            assert p["as of"].isoformat() == article_dates[p["outlet"]]


def test_a_pasted_path_is_read_as_text_never_as_a_server_file() -> None:
    docs, failed = story_inputs("/etc/passwd\n---\n/etc/hostname", None, 10**6)
    assert len(docs) + len(failed) == 2
    assert not any("root:" in d.to_text() for d in docs)
    assert all(f.source.startswith("<pasted article") for f in failed)


def test_an_oversized_or_vanished_upload_is_listed_not_fatal(tmp_path: Path) -> None:
    big = tmp_path / "besar.txt"
    big.write_text("Korea Utara mengirim 5.000 tentara ke Rusia. " * 30_000, encoding="utf-8")
    docs, failed = story_inputs(SEEDS[0].read_text(encoding="utf-8"), [str(big), str(tmp_path / "gone.txt")],
                                2**20)
    assert len(docs) == 1
    assert [Path(f.source).name for f in failed] == ["besar.txt", "gone.txt"]
    assert "larger than 1 MB" in failed[0].reason and "no such file" in failed[1].reason.lower()


def test_samples_are_the_five_seeds_split_back_apart() -> None:
    parts = split_articles(seed_articles())
    assert len(parts) == len(SEEDS) == 5
    assert parts[2].strip() == SEEDS[2].read_text(encoding="utf-8").strip()


def _run(text: str | None, tmp_path: Path, pipeline=_pipeline) -> list[tuple]:
    return list(run_story(text, None, new_folder=lambda: Path(tmp_path), max_bytes=10**7, pipeline=pipeline))


def test_run_streams_progress_then_story_charts_and_downloads(tmp_path: Path) -> None:
    outputs = _run(seed_articles(), tmp_path)
    assert outputs[0][1] == "" and outputs[0][2] is None  # the previous story is cleared first
    statuses = [o[0] for o in outputs]
    assert any("Translating article 2 of 5: &lt;pasted article 2&gt;" in s for s in statuses)
    status, view, data, files, *charts = outputs[-1]
    assert "1 story from 5 articles" in status
    assert '<details class="sz-fig"' in view and data["stories"][0]["figures"]
    disagreements = data["stories"][0]["disagreements"]
    pngs = [f"chart-1-{k}.png" for k in range(1, len(disagreements) + 1)]
    assert sorted(Path(f).name for f in files) == sorted(["story.json", "story.md", *pngs])
    markdown = (tmp_path / "story.md").read_text(encoding="utf-8")
    assert "## Where outlets disagree" in markdown
    for name in pngs:  # every chart is beside the Markdown and referenced from it by file name
        assert f"]({name})" in markdown and (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(charts) == MAX_CHARTS
    shown = [c for c in charts if c.get("visible")]
    assert len(shown) == min(MAX_CHARTS, len(data["stories"][0]["disagreements"]))
    assert {"as of", "value", "outlet"} <= set(shown[0]["value"].columns)


def test_no_input_names_the_tabs_controls_and_clears_the_output(tmp_path: Path) -> None:
    gen = run_story("  \n---\n ", None, new_folder=lambda: tmp_path, max_bytes=10**7, pipeline=_pipeline)
    first = next(gen)
    assert first[1] == "" and first[3] is None and not any(c.get("visible") for c in first[4:])
    with pytest.raises(gr.Error, match="Build story") as info:
        next(gen)
    assert "Load the five samples" in str(info.value)


def test_library_errors_are_escaped_messages(tmp_path: Path) -> None:
    def broken() -> summarize.Pipeline:
        raise InputError("Unknown model <nope>; use one of the presets.")

    gen = run_story(seed_articles(), None, new_folder=lambda: tmp_path, max_bytes=10**7, pipeline=broken)
    outputs = []
    with pytest.raises(gr.Error) as info:
        for out in gen:
            outputs.append(out)
    assert "&lt;nope&gt;" in str(info.value) and "<nope>" not in str(info.value)
    assert outputs[-1][1] == "" and "Stopped" in outputs[-1][0]
