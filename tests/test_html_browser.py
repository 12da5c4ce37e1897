"""The html report in a real browser: headless Chromium (Debian's ``chromium``, /usr/bin/chromium) driven
by Playwright, from file:// URLs with the network shut off. The page opens without console errors,
highlights the seed's finding, shows its arithmetic when clicked, moves between findings with the
keyboard, filters, fits a phone, prints its findings, keeps hostile text inert, and opens a
1,000-document report in a few seconds. Skipped, with the reason, when no browser is installed
(``.ci/run`` installs one with apt-get where it can).

``FACTCHECK_UPDATE_GOLDEN=1`` also rewrites reports/seeds.html.png, the screenshot of the seeds' page.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from factcheck.cli.main import app

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEED = "seeds/binh-lieu-2020-08-05.txt"
LARGE_RUN_SECONDS = 10.0  # a 1,000-document page must open and answer a key within this (it takes about 1 s)


def _chromium() -> str | None:
    for candidate in (os.environ.get("FACTCHECK_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium context with an empty profile; every request other than file:// is refused."""
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (/usr/bin/chromium; apt-get install chromium, or set FACTCHECK_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the test extra)")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        yield context
        context.close()


class Page:
    """A report opened in the browser, with the console errors and page errors it raised."""

    def __init__(self, context: Any, path: Path):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.goto(path.resolve().as_uri())

    def focused(self) -> str | None:
        return self.page.evaluate("document.activeElement && document.activeElement.id")

    def shown(self) -> list[str]:
        return self.page.evaluate("Array.from(document.querySelectorAll('.detail')).filter(d => d.offsetParent !== null)"
                                  ".map(d => d.id)")


def report(cli: Any, target: Path, *args: str) -> Path:
    result = cli("run", *args, "--no-cache", "--output", f"html={target}", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return target


@pytest.fixture
def opened(browser: Any, cli: Any, tmp_path: Path) -> Iterator[Page]:
    page = Page(browser, report(cli, tmp_path / "seeds.html", "seeds/"))
    yield page
    page.page.close()


def test_the_seeds_page_opens_without_errors_and_highlights_the_finding(opened, root):
    page = opened.page
    assert opened.problems == []
    seed = page.locator("details.doc", has=page.locator(".path", has_text=SEED))
    errors = seed.locator("a.hl[data-severity=error]")
    assert errors.all_inner_texts() == ["7/13", "56,8%"]
    assert seed.locator(".tag.sev-error").all_inner_texts() == ["✗ fraction", "✗ stated percentage"]
    colours = errors.first.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderBottomStyle]")
    assert colours == ["rgb(253, 226, 225)", "solid"]
    holds = seed.locator("a.hl[data-severity=holds]").all_inner_texts()
    assert {"25", "11", "14", "Thứ Tư", "05/08/2020"} <= set(holds)
    assert opened.shown() == []
    page.locator("#m-f1").click()
    detail = page.locator("#d-f1")
    assert detail.is_visible()
    assert detail.locator(".message").inner_text() == "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"
    assert "computed\n53.846" in detail.locator(".evidence").inner_text()
    assert detail.locator(".help").inner_text() == "Help: Tính lại tỷ lệ phần trăm, hoặc sửa lại phân số."
    assert detail.locator(".fix").inner_text() == "Fix: write 53,8 for 56,8%"
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
        page.screenshot(path=str(root / "reports" / "seeds.html.png"), full_page=True)


def test_a_claim_that_holds_shows_its_arithmetic(opened):
    page = opened.page
    seed = page.locator("details.doc", has=page.locator(".path", has_text=SEED))
    seed.locator("a.hl[data-severity=holds]", has_text="25").first.click()
    [shown] = opened.shown()
    assert page.locator(f"#{shown} .arithmetic").inner_text() == "25 = 11 + 14 ✓"
    page.keyboard.press("Escape")
    assert opened.shown() == []


def test_the_keyboard_moves_between_findings(opened):
    page = opened.page
    order = page.evaluate("Array.from(document.querySelectorAll('a.hl[id]')).filter(a => a.dataset.severity !== 'holds')"
                          ".map(a => a.id)")
    assert order == ["m-f1", "m-f2", "m-f3", "m-f4", "m-f5"]
    page.keyboard.press("n")
    assert (opened.focused(), opened.shown()) == ("m-f1", ["d-f1"])
    page.keyboard.press("j")
    assert (opened.focused(), opened.shown()) == ("m-f2", ["d-f2"])
    assert "7/13 = 53.8%, but the text says 58.3%" in page.locator("#d-f2").inner_text()
    page.keyboard.press("p")
    assert opened.focused() == "m-f1"
    page.keyboard.press("k")
    assert opened.focused() == "m-f5"  # wraps round
    page.keyboard.press("Tab")  # the next highlight after the last finding's first span
    assert page.evaluate("document.activeElement.classList.contains('hl')")
    page.locator("a[data-go=f3]").click()  # the summary's link
    assert (opened.focused(), opened.shown()) == ("m-f3", ["d-f3"])
    assert opened.problems == []


def test_filters_hide_a_severity_and_a_rule(opened):
    page = opened.page
    page.locator("input[data-filter=rule][value=ratio-percent]").uncheck()
    assert page.locator(".finding-list li:visible").count() == 3
    page.locator("h1").click()  # keys typed in the filters are the filters'
    page.keyboard.press("n")
    assert opened.focused() == "m-f3"  # ratio-percent's findings are skipped
    page.locator("input[data-filter=severity][value=holds]").uncheck()
    background = page.locator("a.hl[data-severity=holds]").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"
    page.locator("input[data-filter=rule][value=ratio-percent]").check()
    assert page.locator(".finding-list li:visible").count() == 5


def test_the_page_fits_a_phone_and_prints_its_findings(opened):
    page = opened.page
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.emulate_media(media="print")
    assert not page.locator("#controls").is_visible()
    assert page.locator("#d-f1").is_visible() and page.locator("#d-f4").is_visible()  # findings print expanded


HOSTILE = ('Tin "nóng" <script>window.pwned = 1</script></textarea><img src=x onerror="window.pwned = 2">'
           '<a href="javascript:window.pwned=3">x</a> \u202eevil\u202c: xã kết nạp được 7/13 đảng viên mới, '
           "đạt 56,8% kế hoạch.\n")


def test_hostile_text_is_shown_as_text_and_never_runs(browser, cli, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / '"><img src=x onerror=window.pwned=4>.txt').write_text(HOSTILE, encoding="utf-8")
    opened = Page(browser, report(cli, tmp_path / "hostile.html", str(tmp_path / "in"), "--lang", "vi"))
    page = opened.page
    assert page.evaluate("window.pwned") is None
    assert page.locator("img, textarea, a[href^=javascript]").count() == 0
    excerpt = page.locator(".excerpt").inner_text()
    assert '<script>window.pwned = 1</script></textarea><img src=x onerror="window.pwned = 2">' in excerpt
    assert "U+202Eevil" in excerpt.replace("\u202e", "")
    page.locator("#m-f1").click()
    assert page.evaluate("window.pwned") is None
    assert page.locator(".path").inner_text().endswith('"><img src=x onerror=window.pwned=4>.txt')
    assert opened.problems == []


def _large_run(folder: Path, documents: int) -> None:
    """``documents`` articles of about 2 KB, each with claims; every tenth has the seed's error."""
    filler = "Huyện tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân. " * 12
    folder.mkdir()
    for i in range(documents):
        wrong = i % 10 == 0
        text = (f"Bài {i}\n\n{filler}\n\nĐảng bộ có 25 tổ chức cơ sở đảng, gồm 11 đảng bộ và 14 chi bộ.\n\n{filler}\n\n"
                f"Năm 2020 đã kết nạp được 7/13 đảng viên mới, đạt {'trên 56,8%' if wrong else '53,8%'} kế hoạch.\n")
        (folder / f"doc{i:04}.txt").write_text(text, encoding="utf-8")


def test_a_thousand_document_report_opens_in_a_few_seconds(browser, cli, tmp_path, capsys):
    _large_run(tmp_path / "many", 1000)
    target = report(cli, tmp_path / "many.html", str(tmp_path / "many"), "--jobs", "1")
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(target.resolve().as_uri(), wait_until="load")
    loaded = time.perf_counter() - started
    page.keyboard.press("n")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'm-f1'")
    page.keyboard.press("n")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'm-f2'")
    answered = time.perf_counter() - started
    assert page.locator("details.doc").count() == 1000
    assert page.locator("details.doc[open]").count() == 100  # documents without findings are folded
    assert page.locator(".finding-list li").count() == 100
    size = target.stat().st_size
    page.close()
    with capsys.disabled():
        print(f"\n1,000-document html report: {size / 1e6:.1f} MB, loaded in {loaded:.2f} s, "
              f"two findings stepped through by {answered:.2f} s")
    assert answered < LARGE_RUN_SECONDS


def test_the_cli_writes_html_to_standard_output_too(cli):
    result = cli("run", SEED, "--format", "html", "--no-cache")
    assert result.exit_code == 1 and result.stdout.startswith("<!DOCTYPE html>")
    assert app is not None
