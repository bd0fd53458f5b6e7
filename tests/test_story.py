"""The story stage: figures read on the Indonesian side, merged across outlets, disagreements,
combined brief, timeline, grouping, outlets; the Python API and the CLI."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import jsonschema
import pytest

import summarize
from summarize.apps import main
from summarize.story import (
    GoldFigure,
    StoryResult,
    mentions,
    outlet_name,
    row_is_stated,
    score_figures,
    split_articles,
    time_refs,
)
from tests.conftest import ROOT, SEEDS, FakeTranslator
from tests.story_schema import STORY_SCHEMA

GOLD = json.loads((ROOT / "tests" / "fixtures" / "seeds_story.json").read_text(encoding="utf-8"))
# The outlets of the five samples, by file: 004 (Medcom) names no outlet in its text, so it is
# given by name, the way a user does on the command line (Medcom=FILE).
OUTLETS = {"000": "Tribunnews", "001": "IDN Times", "002": "Internationalmedia", "003": "TVRI", "004": "Medcom"}
INDOSUM = ROOT / ".." / "shared" / "eval" / "summarization" / "indosum-dev02.jsonl"


@pytest.fixture(scope="module")
def seed_story() -> StoryResult:
    pipe = summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")
    return pipe.story({OUTLETS[p.name[:3]]: str(p) for p in SEEDS})


def _ids(result: StoryResult) -> dict[str, str]:
    return {a.outlet: a.id for a in result.stories[0].articles}


def _gold_figures(ids: dict[str, str]) -> list[GoldFigure]:
    return [GoldFigure(f["value"], f.get("value_max"), frozenset(ids[o] for o in f["outlets"]), f["what"])
            for f in GOLD["figures"]]


def test_the_five_samples_are_one_story_with_every_outlet_named(seed_story: StoryResult) -> None:
    assert len(seed_story.stories) == 1
    assert [a.outlet for a in seed_story.stories[0].articles] == list(OUTLETS.values())
    assert seed_story.stories[0].grouped_because


def test_seed_figures_meet_recall_and_precision(seed_story: StoryResult) -> None:
    story = seed_story.stories[0]
    score = score_figures(story, _gold_figures(_ids(seed_story)))
    assert score.recall >= 0.9, [g.what for g in score.missed]
    assert score.precision >= 0.95, [w.text for w in score.wrong]


def test_the_killed_disagreement_is_found_with_its_dates(seed_story: StoryResult) -> None:
    story = seed_story.stories[0]
    killed = [d for d in story.disagreements if {600, 2000} <= {v.value for v in d.values}]
    assert killed, [d.to_dict() for d in story.disagreements]
    reason = killed[0].reason or ""
    assert "April" in reason and "September" in reason
    six_hundred = next(v for v in killed[0].values if v.value == 600)
    assert len(six_hundred.outlets) == 5  # every outlet states it; only one also gives 2,000


def test_counts_of_different_things_are_never_a_disagreement(seed_story: StoryResult) -> None:
    story = seed_story.stories[0]
    ids = _ids(seed_story)
    figures = GOLD["figures"]
    for low, high in GOLD["different_things"]:
        first = next(f for f in figures if f["value"] == low)
        second = next(f for f in figures if f["value"] == high and f is not first)
        for d in story.disagreements:
            hits = [v for v in d.values for g in (first, second)
                    if v.value == g["value"] and {ids[o] for o in g["outlets"]} <= set(v.outlets)]
            assert len(hits) < 2, (low, high, d.to_dict())


def test_every_reference_resolves_and_every_row_is_stated(seed_story: StoryResult) -> None:
    story = seed_story.stories[0]
    by_id = {a.id: a for a in story.articles}
    refs = [r for f in story.figures for r in f.sources] + [r for b in story.brief for r in b.sources]
    refs += [r for e in story.timeline for r in e.sources]
    refs += [r for d in story.disagreements for v in d.values for r in v.sources]
    for reference in refs:
        article, _, sentence = reference.partition(":")
        assert by_id[article].result.sentence(sentence) is not None, reference
    assert all(row_is_stated(f, story) for f in story.figures)


def test_boilerplate_figures_are_not_story_figures(seed_story: StoryResult) -> None:
    # IDN Times' AI summary box ("Sudah ada 10 ribu pasukan Korut di Rusia" as a bullet) is removed
    # by the cleaner; no figure cites a removed line.
    # Tribunnews' "Baca juga: … 100 Pasukan Korea Utara Jadi Korban di Ukraina" is a link to another
    # story: its 100 is not a figure of this one.
    story = seed_story.stories[0]
    texts = {e.source for f in story.figures for e in f.evidence if not e.ref.endswith(":t")}
    removed = {line for a in story.articles for line in a.result.meta.get("removed", [])}
    assert any("Baca juga" in line and "100" in line for line in removed)
    assert not texts & removed
    assert 100 not in {f.value for f in story.figures}


def test_combined_brief_cites_outlets_and_marks_single_outlet_facts(seed_story: StoryResult) -> None:
    brief = seed_story.stories[0].brief
    assert 5 <= len(brief) <= 8
    assert len(brief[0].outlets) >= 2  # most widely reported facts first
    assert all(b.text.startswith(f"only {b.only}:") for b in brief if len(b.outlets) == 1)
    assert [len(b.outlets) for b in brief] == sorted((len(b.outlets) for b in brief), reverse=True)


def test_timeline_is_in_date_order_and_resolves_relative_dates(seed_story: StoryResult) -> None:
    timeline = seed_story.stories[0].timeline
    assert [e.date for e in timeline] == sorted(e.date for e in timeline)
    assert any(e.date == "2025-06-17" and len(e.outlets) >= 2 for e in timeline)  # TVRI and Medcom
    assert any(e.date.startswith("2025-04") for e in timeline)  # "April lalu", resolved


def test_story_json_matches_the_schema(seed_story: StoryResult) -> None:
    data = json.loads(json.dumps(seed_story.to_dict()))
    jsonschema.validate(data, STORY_SCHEMA)


def test_markdown_has_every_section(seed_story: StoryResult) -> None:
    md = seed_story.to_markdown()
    for heading in ("## Brief", "## Figures", "## Where outlets disagree", "## Timeline", "## Sources"):
        assert heading in md


# -- the rules, on constructed sentences ----------------------------------------------------

def test_mentions_read_numbers_words_ranges_units_and_scope() -> None:
    today = date(2025, 11, 4)
    (m,) = mentions("Korea Utara telah mengirim sekitar 5.000 pasukan konstruksi ke Rusia sejak September.", today)
    assert (m.value, m.head, m.event, m.qualifier, m.as_of.iso) == (5000, "troops", "sent", "about", "2025-09")
    assert "construction" in m.scope
    (m,) = mentions("Empat orang dilaporkan meninggal dunia dalam kecelakaan itu.", today)
    assert (m.value, m.event) == (4, "killed")
    (m,) = mentions("Jumlahnya antara 3 ribu hingga 5 ribu personel.", today)
    assert (m.value, m.value_max) == (3000, 5000)
    (m,) = mentions("Kerugian negara mencapai Rp 193,7 triliun.", today)
    assert (m.value, m.unit, m.event) == (193.7e12, "Rp", "loss")
    (m,) = mentions("Sebanyak 35 orang ditemukan selamat.", today)
    assert m.event == "survived"  # an outcome outranks "found"
    (m,) = mentions("Operasi dilakukan dengan 9 unit kapal.", today)
    assert m.head == "ships"
    assert mentions("Pasal 2 mengatur hal itu pada tahun 2024.", today) == []


def test_time_references_resolve_against_the_article_date() -> None:
    today = date(2025, 11, 4)
    assert [r.iso for r in time_refs("Pada April lalu ia datang.", today)] == ["2025-04"]
    assert [r.iso for r in time_refs("Hingga Kamis (3/7/2025) pukul 11.00 WIB, hujan.", today)] == ["2025-07-03 11:00"]
    assert [r.iso for r in time_refs("Laporan bulan lalu menyebut itu.", today)] == ["2025-10"]
    assert time_refs("Tidak ada tanggal di sini.", today) == []


@pytest.mark.parametrize(("meta", "source", "name"), [
    ({"dateline": "TRIBUNNEWS.COM"}, "x.txt", "Tribunnews"),
    ({"dateline": "Jakarta, IDN Times"}, "x.txt", "IDN Times"),
    ({"dateline": "Internationalmedia.co.id"}, "x.txt", "Internationalmedia"),
    ({"dateline": "TVRINews"}, "x.txt", "TVRI"),
    ({"dateline": "Pyongyang"}, "https://www.medcom.id/internasional/a", "Medcom"),
    ({}, "folder/kompas.txt", "kompas"),
])
def test_outlet_names(meta: dict, source: str, name: str) -> None:
    assert outlet_name(meta, source) == name


# -- bad input --------------------------------------------------------------------------

def test_one_article_is_a_story_of_one_with_a_note() -> None:
    result = summarize.story([SEEDS[0].read_text(encoding="utf-8")], translator=FakeTranslator())
    assert len(result.stories) == 1 and result.stories[0].notes


def test_an_unreadable_item_is_listed_and_the_rest_go_on(tmp_path: Path) -> None:
    result = summarize.story([str(SEEDS[0]), str(tmp_path / "missing.txt"), str(SEEDS[3])], translator=FakeTranslator())
    assert [f.source for f in result.failed] == [str(tmp_path / "missing.txt")]
    assert sum(len(s.articles) for s in result.stories) == 2


def test_over_200_articles_suggest_batch_stories() -> None:
    with pytest.raises(summarize.InputError, match="batch DIR -o OUT --stories"):
        summarize.story(["Korea Utara mengirim tentara ke Rusia."] * 201, translator=FakeTranslator())


def test_split_articles_on_dash_lines() -> None:
    assert split_articles("satu\n---\ndua\n  ---  \ntiga\n---\n") == ["satu", "dua", "tiga"]


# -- grouping ----------------------------------------------------------------------------

@pytest.mark.skipif(not INDOSUM.is_file(), reason="IndoSum evaluation data not found under ../shared/eval")
def test_samples_and_five_unrelated_articles_make_six_stories(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in INDOSUM.read_text(encoding="utf-8").splitlines()[:5]]
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    for k, row in enumerate(rows):
        text = "\n".join(" ".join(par) for par in row["paragraphs"])
        (folder / f"indosum-{k}.txt").write_text(text, encoding="utf-8")
    result = summarize.story(str(folder), translator=FakeTranslator())
    sizes = sorted(len(s.articles) for s in result.stories)
    assert sizes == [1, 1, 1, 1, 1, 5]
    big = next(s for s in result.stories if len(s.articles) == 5)
    assert {Path(a.source).name for a in big.articles} == {p.name for p in SEEDS}


# -- entry points ------------------------------------------------------------------------

def test_cli_story_formats_and_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                     tmp_path: Path) -> None:
    import summarize.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "make_translator", lambda *a, **k: FakeTranslator())
    args = [*(f"{OUTLETS[p.name[:3]]}={p}" for p in SEEDS), "--mt-model", "opus-mt-id-en"]
    assert main(["story", *args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, STORY_SCHEMA)
    assert [a["outlet"] for a in data["stories"][0]["articles"]][-1] == "Medcom"
    out = tmp_path / "story.html"
    assert main(["story", *args, "--format", "html", "-o", str(out)]) == 0
    assert "<!doctype html>" in out.read_text(encoding="utf-8")
    stdin = "\n---\n".join(p.read_text(encoding="utf-8") for p in SEEDS[:2])
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["story", "-", str(tmp_path / "nope.txt"), "--mt-model", "opus-mt-id-en"]) == 1  # one failed
    captured = capsys.readouterr()
    assert "## Figures" in captured.out and "nope.txt" in captured.err


def test_batch_stories_writes_story_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SEEDS:
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    pipe = summarize.Pipeline(translator=FakeTranslator(), summarizer="extractive")
    out = tmp_path / "out"
    outcomes = list(summarize.batch(folder, out, formats=["md"], stories=True, pipeline=pipe))
    assert all(o.status == "ok" for o in outcomes)
    data = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, STORY_SCHEMA)
    assert len(data["stories"]) == 1 and len(data["stories"][0]["articles"]) == 5
    assert (out / "stories.md").is_file() and (out / "stories" / "story-001.md").is_file()
    # A rerun translates nothing and still writes every story.
    list(summarize.batch(folder, out, formats=["md"], stories=True, pipeline=pipe))
    assert len(json.loads((out / "stories.json").read_text(encoding="utf-8"))["stories"][0]["articles"]) == 5


def test_a_pasted_sentence_with_a_slash_is_text_not_a_path() -> None:
    result = summarize.story(["Korea Utara mengirim 5.000 tentara ke Rusia pada Selasa (4/11/2025)."],
                             translator=FakeTranslator())
    assert not result.failed and result.stories[0].figures[0].value == 5000
