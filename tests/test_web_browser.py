"""The web edition in a real browser: headless Chromium (Debian's, through Selenium) with
axe-core's WCAG 2.1 A and AA rules, narrow and wide screens, and print. One browser serves
the whole module. Pages of the example (2018-Q4) and of a build for 2018-Q3."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import browser
import pytest
from conftest import ROOT, build

PAGES = ("kwartaalrapportage", "factsheet", "index")


@pytest.fixture(scope="module")
def driver():
    lacking = browser.missing()
    if lacking:
        # A developer without the browser may still run the rest; CI must run these.
        if os.environ.get("CI"):
            pytest.fail(lacking)
        pytest.skip(lacking)
    with browser.chromium() as chrome:
        yield chrome


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("q3")
    assert build(ROOT / "config.yaml", output, "--periode", "2018-Q3") == 0
    return output / "2018-Q3" / "gooi-en-vechtstreek"


@pytest.fixture(params=[(q, p) for q in ("2018-Q4", "2018-Q3") for p in PAGES], ids="-".join)
def page(request, example: Path, earlier: Path) -> Path:
    quarter, name = request.param
    folder = example if quarter == "2018-Q4" else earlier
    if name == "index":
        return folder / "index.html"
    return folder / f"{name}-gooi-en-vechtstreek-{quarter}.html"


def test_axe_finds_no_wcag_violations(driver, page: Path):
    browser.open_page(driver, page, 1280)
    # Open every data table, so that axe checks them too.
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = browser.axe_violations(driver)
    assert violations == [], [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations
    ]


def test_no_sideways_scrolling_at_320_pixels(driver, page: Path):
    browser.open_page(driver, page, 320)
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert browser.scroll_width(driver) <= 320


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot(driver, page: Path, width: int):
    """Screenshots to look at; the page fits its width there too."""
    browser.open_page(driver, page, width)
    assert browser.scroll_width(driver) <= width
    quarter = page.parent.parent.name
    shot = browser.screenshot_folder() / f"{quarter}-{page.stem.split('-')[0]}-{width}.png"
    browser.screenshot(driver, shot)
    assert shot.stat().st_size > 10_000


def test_ids_in_the_document_are_unique_and_nothing_is_fetched(driver, page: Path):
    browser.requests(driver)  # forget the earlier pages' requests
    browser.open_page(driver, page, 1280)
    fetched = browser.requests(driver)
    assert [url for url in fetched if not url.startswith("data:")] == [page.resolve().as_uri()]
    duplicates = driver.execute_script(
        "const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        "return ids.filter((id, i) => ids.indexOf(id) !== i);"
    )
    assert duplicates == []


def test_the_skip_link_comes_first_and_shows_on_focus(driver, example: Path):
    browser.open_page(driver, example / "factsheet-gooi-en-vechtstreek-2018-Q4.html", 375)
    hidden_top = driver.execute_script(
        "return document.querySelector('.bnf-overslaan').getBoundingClientRect().bottom"
    )
    assert hidden_top < 0
    driver.switch_to.active_element.send_keys("\t")
    focused = driver.execute_script(
        "const e = document.activeElement; return [e.className, e.getBoundingClientRect().top]"
    )
    assert focused[0] == "bnf-overslaan" and focused[1] >= 0


def test_charts_keep_their_text_and_size(driver, example: Path):
    browser.open_page(driver, example / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.html", 1280)
    charts = driver.execute_script(
        "return [...document.querySelectorAll('figure svg')].map(s => {"
        "  const r = s.getBoundingClientRect();"
        "  const text = s.querySelectorAll('text');"
        "  return [s.getAttribute('aria-label'), r.width, r.height, text.length,"
        "          getComputedStyle(text[0]).fontFamily];"
        "})"
    )
    assert len(charts) >= 7
    for label, width, height, texts, font in charts:
        assert label and width > 250 and height > 100 and texts > 3
        assert font.startswith("bnf-lato,")
    # The embedded font is really used, not a fallback.
    assert driver.execute_script("return document.fonts.check('16px bnf-lato')")


def test_print_hides_the_site_links_and_shows_the_tables(driver, example: Path):
    browser.open_page(driver, example / "kwartaalrapportage-gooi-en-vechtstreek-2018-Q4.html", 1280)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script(
            "const visible = e => !!e && e.getClientRects().length > 0;"
            "return [visible(document.querySelector('.bnf-kruimelpad')),"
            "        [...document.querySelectorAll('.bnf-cijfers table')].map(visible)];"
        )
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    nav, tables = shown
    assert nav is False
    assert len(tables) >= 7 and all(tables)


def test_the_fragment_works_inside_a_page_of_the_site(driver, example: Path, tmp_path: Path):
    """A stand-in for the region's site: its own header and styles, our fragment and style
    sheet; still no violations and no sideways scrolling."""
    shutil.copy(example / "banenafspraak-web.css", tmp_path)
    fragment = (example / "factsheet-gooi-en-vechtstreek-2018-Q4-fragment.html").read_text("utf-8")
    site = tmp_path / "site.html"
    site.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Regio Gooi en Vechtstreek</title>"
        '<link rel="stylesheet" href="banenafspraak-web.css">'
        "<style>body{font-family:Georgia,serif;margin:0} h2{color:#c00;font-size:3rem}"
        " .pagina{display:none} .cijfers{display:none}</style></head><body>"
        '<header><a href="#bnf-inhoud">Naar de inhoud</a><p>Regio Gooi en Vechtstreek</p></header>'
        f"{fragment}<footer><p>Contact</p></footer></body></html>",
        "utf-8",
    )
    browser.open_page(driver, site, 320)
    assert browser.scroll_width(driver) <= 320
    assert (
        driver.execute_script(
            "return getComputedStyle(document.querySelector('.bnf-pagina h2')).color"
        )
        == "rgb(27, 58, 87)"
    )
    browser.open_page(driver, site, 1280)
    assert browser.axe_violations(driver) == []
