"""The html report without a browser: the seeds' page pinned by a golden file, the claims that hold
carried only when html is written (other formats and the result cache unchanged), hostile text
escaped, paragraphs trimmed, and colours that pass WCAG AA (contrast ratios computed here).
The same page in a real browser: tests/test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

import factcheck
from factcheck.checking.findings import Finding, Report, Span
from factcheck.checking.readings import PARAGRAPH, excerpts
from factcheck.loading.catalog import default_catalog
from factcheck.reading.sources import Source
from factcheck.reports import render
from factcheck.running.work import check_source

SEED = "seeds/binh-lieu-2020-08-05.txt"
CSS = Path(factcheck.__file__).parent / "reports" / "templates" / "report.css"
HOSTILE = ('Tin "nóng" <script>window.pwned = 1</script></textarea><img src=x onerror="window.pwned=2"> '
           "\u202eevil\u202c và xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n")


def mask_version(html: str) -> str:
    """The page with the tool's version masked (golden files mask it)."""
    masked, n = re.subn(r'(<span id="version">)[^<]*(</span>)', r"\1&lt;masked&gt;\2", html)
    assert n == 1
    return masked


def test_the_seeds_page_matches_the_golden_file(cli, golden):
    result = cli("run", "seeds/", "--format", "html", "--no-cache")
    assert result.exit_code == 1
    golden("seeds.html", mask_version(result.stdout))


def test_the_seed_finding_and_the_claims_that_hold_are_on_the_page(cli):
    page = cli("run", SEED, "--format", "html", "--no-cache").stdout
    assert ('<a class="hl sev-error" href="#d-f1" data-mark="f1" data-rule="ratio-percent" data-severity="error" '
            'id="m-f1">7/13</a><span class="tag sev-error" data-rule="ratio-percent" data-severity="error">'
            '<span aria-hidden="true">✗</span> fraction</span>') in page
    assert 'data-severity="error">56,8%</a><span class="tag sev-error"' in page
    assert '<p class="message" lang="vi">7/13 = 53,8%, nhưng bài viết ghi trên 56,8%</p>' in page
    assert "<strong>Fix:</strong> write 53,8 for 56,8%" in page
    # 25 = 11 + 14: consistent, shown with its arithmetic
    assert '<p class="arithmetic" lang="vi">25 = 11 + 14 <span class="ok">✓</span></p>' in page
    assert '<p class="arithmetic" lang="vi">05/08/2020 là Thứ Tư <span class="ok">✓</span></p>' in page
    # the two stated figures matched to the latest records are read, not checked (the rule takes exact periods)
    assert "1 finding in 1 document: 7 claims read, 4 checked and found to hold." in page


def test_the_page_loads_nothing_and_allows_only_its_own_script_and_style(cli):
    page = cli("run", SEED, "--format", "html", "--no-cache").stdout
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*)</style>", page, re.S).group(1)

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy == (f"default-src 'none'; style-src {digest(style)}; script-src {digest(script)}; "
                      "img-src 'none'; base-uri 'none'; form-action 'none'")
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # no CDN, nothing fetched
    assert page.count("<script") == 1


def test_hostile_text_is_escaped_and_invisible_characters_are_shown(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    name = 'a"b<i>.txt'
    Path(name).write_text(HOSTILE, encoding="utf-8")
    page = cli("run", name, "--format", "html", "--no-cache", "--lang", "vi").stdout
    assert "<script>window" not in page and "<img" not in page and "</textarea>" not in page
    assert ("&lt;script&gt;window.pwned = 1&lt;/script&gt;&lt;/textarea&gt;"
            "&lt;img src=x onerror=&#34;window.pwned=2&#34;&gt;") in page
    assert '<span class="path">a&#34;b&lt;i&gt;.txt</span>' in page
    assert "\u202e" not in page and "\u202c" not in page
    assert '<span class="ctl" title="U+202E">U+202E</span>evil<span class="ctl" title="U+202C">U+202C</span>' in page
    assert ">7/13</a>" in page  # still checked, offsets intact


def test_a_nul_in_a_text_given_to_the_library_is_shown_as_a_mark():
    from factcheck.running.session import collect

    text = "NUL \x00 here: xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"
    catalog = default_catalog().writing(None, keep_checked=True)
    page = render(collect([check_source(Source("nul.txt", text=text, lang="vi"), catalog)]), "html")
    assert "\x00" not in page
    assert 'NUL <span class="ctl" title="U+0000">␀</span> here: xã kết nạp được <a class="hl sev-error"' in page


def test_other_formats_and_the_cache_are_unchanged_by_html(cli, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    plain = cli("run", "seeds/", "--format", "json", "--no-cache").stdout
    with_html = cli("run", "seeds/", "--format", "json", "--no-cache", "--output", f"html={tmp_path / 'r.html'}")
    assert with_html.stdout == plain
    assert "7/13" in (tmp_path / "r.html").read_text(encoding="utf-8")
    cli("run", "seeds/", "--format", "json", *cache)
    entries = sorted((tmp_path / "cache").rglob("entries/*/*.json"))
    assert entries and all(set(_entry(e)) == {"findings", "notes", "docs"} for e in entries)
    first = cli("run", "seeds/", "--format", "html", *cache).stdout  # its own entries, with what html needs
    again = cli("run", "seeds/", "--format", "html", *cache).stdout
    assert again == first == cli("run", "seeds/", "--format", "html", "--no-cache").stdout
    with_reading = [e for e in (tmp_path / "cache").rglob("entries/*/*.json") if "reading" in _entry(e)]
    assert len(with_reading) == 6


def _entry(path: Path) -> dict[str, object]:
    """A result cache entry's JSON, after its signature line."""
    signature, payload = path.read_text(encoding="utf-8").split("\n", 1)
    assert len(signature) == 64
    data: dict[str, object] = json.loads(payload)
    return data


def test_only_an_html_run_keeps_readings():
    source = Source("seed.txt", text=Path(SEED).read_text(encoding="utf-8") if Path(SEED).exists() else HOSTILE, lang="vi")
    catalog = default_catalog()
    assert check_source(source, catalog).reading is None
    reading = check_source(source, catalog.writing(None, keep_checked=True)).reading
    assert reading is not None and reading.checks
    assert factcheck.check_paths([]).readings == {}


def test_excerpts_are_the_lines_with_claims_merged_and_long_lines_clipped():
    text = "title\r\nfirst 25 = 11 + 14\r\n\r\nsecond 7/13\nthird line\n" + "word " * 1000 + "7/13 " + "word " * 1000
    first, second, long = excerpts(text, [(13, 15), (text.index("7/13"), text.index("7/13") + 4),
                                          (text.rindex("7/13"), text.rindex("7/13") + 4)])
    assert (first.start, first.line, first.text, first.clipped) == (7, 2, "first 25 = 11 + 14", False)
    assert (second.line, second.text, second.clipped) == (4, "second 7/13", False)
    assert long.line == 6 and long.clipped and len(long.text) < PARAGRAPH and "7/13" in long.text
    assert text[long.start:long.start + len(long.text)] == long.text and long.text.startswith("word ")
    [merged] = excerpts("a 1 b 2\n", [(2, 3), (6, 7)])
    assert merged.text == "a 1 b 2"


def test_a_report_built_by_hand_shows_the_paragraphs_of_its_findings():
    text = "Năm 2020.\nXã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"
    at = text.index("7/13")
    finding = Finding("ratio-percent", "error", "7/13 = 53,8%", "doc.txt", [Span(at, at + 4, "7/13", "fraction")],
                      message_lang="vi")
    page = render(Report([finding], files=1, texts={"doc.txt": text}), "html")
    assert '<span class="line">line 2</span>Xã kết nạp được <a class="hl sev-error"' in page
    assert "Năm 2020." not in page


# --- colours: WCAG AA, computed ----------------------------------------------------------------------------


def _palette() -> dict[str, str]:
    root = re.search(r":root \{(.*?)\}", CSS.read_text(encoding="utf-8"), re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6});", root))


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratios_pass_wcag_aa():
    colours = _palette()
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    ratios = {}
    for kind in ("error", "warning", "info", "holds"):
        bg, fg, line = colours[f"{kind}-bg"], colours[f"{kind}-fg"], colours[f"{kind}-line"]
        ratios[f"text on {kind}"] = (contrast(colours["text"], bg), 4.5)  # highlighted text
        ratios[f"{kind} label on page"] = (contrast(fg, colours["page"]), 4.5)  # labels, badges, icons
        ratios[f"{kind} label on panel"] = (contrast(fg, colours["panel"]), 4.5)  # details, filters
        ratios[f"{kind} label on its highlight"] = (contrast(fg, bg), 4.5)
        ratios[f"{kind} underline on page"] = (contrast(line, colours["page"]), 3.0)  # non-text (1.4.11)
    for name in ("text", "muted", "link"):
        ratios[f"{name} on page"] = (contrast(colours[name], colours["page"]), 4.5)
        ratios[f"{name} on panel"] = (contrast(colours[name], colours["panel"]), 4.5)
    ratios["focus ring"] = (contrast(colours["focus"], colours["page"]), 3.0)
    failing = {name: round(ratio, 2) for name, (ratio, need) in ratios.items() if ratio < need}
    assert failing == {}


def test_severity_is_not_told_by_colour_alone():
    css = CSS.read_text(encoding="utf-8")
    styles = {kind: re.search(rf"\.hl\.sev-{kind}, \.sample\.sev-{kind} \{{[^}}]*border-bottom: 3px (\w+)", css).group(1)
              for kind in ("error", "warning", "info", "holds")}
    assert styles == {"error": "solid", "warning": "dashed", "info": "dotted", "holds": "double"}
    from factcheck.reports.html import ICONS

    assert len(set(ICONS.values())) == 4  # and every label carries its icon
