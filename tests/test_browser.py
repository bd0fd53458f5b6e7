"""End to end in headless Chromium (Debian's package) driven by Playwright.

Screenshots go to tests/artifacts/ (not committed) so a person can look at the layout.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian chromium not installed (apt-get install chromium)")

_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]
_RESULT_TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, app_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    pg.goto(app_url)
    pg.get_by_label("Indonesian article").wait_for()
    yield pg
    context.close()


def _translate(page: object, text: str) -> None:
    page.get_by_label("Indonesian article").fill(text)
    page.get_by_role("button", name="Translate").click()


def test_seed_article_side_by_side_and_bullet_highlight(page: object) -> None:
    _translate(page, SEEDS[0].read_text(encoding="utf-8"))
    page.locator(".sz-bullet").first.wait_for(timeout=_RESULT_TIMEOUT_MS)
    assert page.locator(".sz-title").count() == 1
    assert "Intelijen Korea Selatan" in page.locator(".sz-title + .sz-src").inner_text()
    # Every sentence appears twice: once in the Indonesian column, once in the English one.
    for sid in ("p0s0", "p3s0", "p10s0"):
        pair = page.locator(f".sz-col .sz-s[data-sid='{sid}']")
        assert pair.count() == 2
        assert pair.nth(1).inner_text().strip() not in ("", "…")
    bullets = page.locator(".sz-bullet")
    assert 3 <= bullets.count() <= 5
    first = bullets.first
    sources = first.get_attribute("data-sources").split()
    first.click()
    for sid in sources:
        highlighted = page.locator(f".sz-col .sz-s[data-sid='{sid}'].sz-hl")
        assert highlighted.count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "seed000-1600x1000.png"), full_page=False)
    page.set_viewport_size({"width": 420, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "seed000-narrow.png"), full_page=False)


def test_article_text_is_shown_escaped(page: object) -> None:
    _translate(page, "<script>window.__pwned = 1</script> Korea Utara mengirim tentara. Mereka tiba.")
    page.locator(".sz-bullet").first.wait_for(timeout=_RESULT_TIMEOUT_MS)
    assert "<script>window.__pwned = 1</script>" in page.locator(".sz-cols").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_empty_input_shows_a_message(page: object) -> None:
    _translate(page, "   ")
    page.get_by_text("Paste an Indonesian article").first.wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Translate").is_enabled()


def test_file_upload_is_translated(page: object, tmp_path: Path) -> None:
    upload = tmp_path / "artikel.txt"
    upload.write_text(SEEDS[2].read_text(encoding="utf-8"), encoding="utf-8")
    page.locator("input[type=file]").first.set_input_files(str(upload))
    page.get_by_text("artikel.txt").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Translate").click()
    page.locator(".sz-bullet").first.wait_for(timeout=_RESULT_TIMEOUT_MS)
    assert "Gelombang pergerakan pasukan" in page.locator(".sz-cols").inner_text()


_STORY_TIMEOUT_MS = 150_000  # five articles with the tiny model


def test_story_tab_builds_the_five_samples_into_one_story(page: object) -> None:
    page.get_by_role("tab", name="Story").click()
    page.get_by_role("button", name="Load the five samples").click()
    box = page.get_by_label("Articles about one event")
    page.wait_for_function("el => el.value.split('\\n---\\n').length === 5", arg=box.element_handle(),
                           timeout=30_000)
    page.get_by_role("button", name="Build story").click()
    page.locator(".sz-figs").wait_for(timeout=_STORY_TIMEOUT_MS)
    assert "1 story from 5 articles" in page.locator(".sz-status").inner_text()
    killed = page.locator(".sz-fig").filter(has=page.locator("summary", has_text="600")).first
    assert killed.count() == 1
    assert page.locator(".sz-dis-row").count() >= 1
    assert "different dates" in page.locator(".sz-dis-row").first.inner_text()
    # Opening the row shows the outlets' sentences; hovering it lights them (Indonesian and English).
    killed.locator("summary").click()
    refs = killed.get_attribute("data-refs").split()
    assert killed.locator(".sz-ev [data-ref]").count() == 2 * len(refs)
    killed.locator("summary").hover()
    assert killed.locator(f".sz-ref.sz-shl[data-ref='{refs[0]}']").count() == 2
    assert page.locator(".sz-timeline li").count() >= 1
    assert page.locator(".sz-sources tbody tr").count() == 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-1600x1000.png"), full_page=True)


def _story_tab(page: object) -> None:
    page.get_by_role("tab", name="Story").click()
    page.get_by_role("button", name="Build story").wait_for()


def test_story_without_articles_names_the_controls(page: object) -> None:
    _story_tab(page)
    page.get_by_role("button", name="Build story").click()
    page.get_by_text("Paste two or more Indonesian articles").first.wait_for(timeout=30_000)
    assert page.get_by_text("Load the five samples").count() >= 2  # the button and the message
    assert page.locator(".sz-figs").count() == 0


def test_story_stop_cancels_the_run(page: object) -> None:
    _story_tab(page)
    page.get_by_role("button", name="Load the five samples").click()
    page.wait_for_function("() => [...document.querySelectorAll('textarea')].some(t => t.value.includes('\\n---\\n'))",
                           timeout=30_000)
    page.get_by_role("button", name="Build story").click()
    page.get_by_text("Translating article").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Stop").click()
    page.locator(".sz-status", has_text="Stopped.").wait_for(timeout=30_000)
    page.wait_for_timeout(2_000)
    assert page.locator(".sz-figs").count() == 0
    assert page.locator(".sz-status").inner_text().strip() == "Stopped."
    assert page.get_by_role("button", name="Build story").is_enabled()
