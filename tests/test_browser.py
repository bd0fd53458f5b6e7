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
