"""End to end in a real headless Chromium against a real `onrecord serve` on loopback.

Needs the Debian packages `chromium` and `chromium-driver`, the `selenium` package and
axe-core (`npm ci --prefix tests/web`). Skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers.needs import IN_CI

from .browser import AXE, CHROMIUM, chrome, running_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not IN_CI,  # in CI, a missing Chromium fails
        reason="needs /usr/bin/chromium (apt-get install chromium chromium-driver)",
    ),
]
SCHEMES = ["default", "black-on-white", "white-on-black", "blue-on-lightblue", "brown-on-beige"]
AXE_PAGES = {
    "home": "/",
    "reader": "/documents/54271",
    "speaker": "/speakers/vladimir-putin",
    "search": "/search?q=security&speaker=vladimir-putin",
    "entity": "/entities/csto",
    "entities": "/entities",
    "api docs": "/docs",
}
# One page of each type, for the reflow test at 320 CSS px (WCAG 1.4.10).
PAGE_TYPES = {
    **AXE_PAGES,
    "interview": "/documents/54688",
    "news item": "/documents/54416",
    "oldest document": "/documents/39252",  # a next link and no previous one
    "documents": "/documents",
    "speakers": "/speakers",
    "cite": "/documents/54271/cite?p=t1-p0",
    "revisions": "/documents/54271/revisions",
    "diff": "/documents/54271/diff",
    "settings": "/settings",
    "error": "/documents/no-such-document",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def base_url(web_db: str) -> Iterator[str]:
    with running_server(web_db) as base:
        yield base


@pytest.fixture(scope="module")
def driver(base_url: str) -> Iterator[Any]:
    browser = chrome()
    browser.set_script_timeout(120)  # axe on the longest transcript pages
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": base_url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    yield browser
    browser.quit()


@pytest.fixture
def fresh(driver: Any, base_url: str) -> Any:
    """The shared browser with no settings cookie."""
    driver.get(base_url + "/static/logo.svg")
    driver.delete_all_cookies()
    driver.execute_script("localStorage.clear()")
    return driver


def html_classes(driver: Any) -> set[str]:
    return set(driver.execute_script("return document.documentElement.className").split())


def choose(driver: Any, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def open_settings(driver: Any) -> None:
    panel = driver.find_element("id", "view-settings")
    if not panel.get_attribute("open"):
        panel.find_element("tag name", "summary").click()


def wait_for(driver: Any, condition: Any, seconds: float = 5) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(condition)


def test_reader_shows_the_seed(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271")
    assert fresh.find_element("tag name", "h1").text == "Interview to Mir broadcasting company"
    assert "CC BY 4.0" in fresh.find_element("css selector", ".licence").text


def test_scheme_and_font_size_persist_across_pages(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271")
    open_settings(fresh)
    choose(fresh, "vs-scheme", "white-on-black")
    choose(fresh, "vs-font", "150")
    assert {"scheme-white-on-black", "font-150"} <= html_classes(fresh)  # applied at once (JS)
    wait_for(
        fresh,
        lambda d: (
            "white-on-black" in (d.get_cookie("onrecord_view") or {}).get("value", "")
            and "150" in d.get_cookie("onrecord_view")["value"]
        ),
    )
    fresh.get(base_url + "/search?q=gas")
    assert {"scheme-white-on-black", "font-150"} <= html_classes(fresh)
    background = fresh.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    cookie = fresh.get_cookie("onrecord_view")
    assert cookie["expiry"] > 300 * 24 * 3600  # kept across visits, not only the session


def test_settings_come_back_from_local_storage_if_the_cookie_is_lost(
    fresh: Any, base_url: str
) -> None:
    fresh.get(base_url + "/documents")
    open_settings(fresh)
    choose(fresh, "vs-scheme", "brown-on-beige")
    wait_for(fresh, lambda d: d.get_cookie("onrecord_view") is not None)
    fresh.delete_all_cookies()
    fresh.get(base_url + "/speakers")
    wait_for(fresh, lambda d: "scheme-brown-on-beige" in html_classes(d))
    wait_for(
        fresh, lambda d: "brown-on-beige" in (d.get_cookie("onrecord_view") or {}).get("value", "")
    )


def test_settings_form_works_without_javascript_too(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/speakers")
    open_settings(fresh)
    fresh.execute_script("document.querySelector('#vs-spacing').value = 'widest'")
    fresh.find_element("css selector", "button[name=step][value=up]").click()  # a plain POST
    wait_for(fresh, lambda d: "font-125" in html_classes(d))
    assert fresh.current_url == base_url + "/speakers"
    assert "spacing-widest" in html_classes(fresh)


def test_text_at_200_percent_reflows_without_sideways_scrolling(fresh: Any, base_url: str) -> None:
    fresh.add_cookie({"name": "onrecord_view", "value": "200.default.normal.on", "path": "/"})
    for path in AXE_PAGES.values():
        fresh.get(base_url + path)
        assert "font-200" in html_classes(fresh)
        overflow = fresh.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 200%"


def sideways(driver: Any) -> int:
    return int(
        driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


@pytest.fixture(scope="module")
def narrow(base_url: str) -> Iterator[Any]:
    """A window 320 CSS px wide: 1280 px at 400% zoom, the width WCAG 1.4.10 asks for."""
    browser = chrome(width=640, height=640)
    # a window cannot be narrower than ~500 px in headless Chromium: emulate the viewport
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False},
    )
    yield browser
    browser.quit()


def test_every_page_type_reflows_at_320_css_px(narrow: Any, base_url: str) -> None:
    narrow.get(base_url + "/")
    width = narrow.execute_script("return document.documentElement.clientWidth")
    assert width <= 320, f"window is {width}px wide"
    found = {}
    for name, path in PAGE_TYPES.items():
        narrow.get(base_url + path)
        if (overflow := sideways(narrow)) > 0:
            found[name] = overflow
    assert not found, f"pages that scroll sideways at 320 px (px): {found}"


def test_long_source_url_wraps_at_320_css_px_and_200_percent_text(
    narrow: Any, base_url: str
) -> None:
    narrow.get(base_url + "/static/logo.svg")
    narrow.add_cookie({"name": "onrecord_view", "value": "200.default.normal.on", "path": "/"})
    narrow.get(base_url + "/documents/54271")
    link = narrow.find_element("css selector", ".doc-meta dd.url a")
    assert link.rect["x"] + link.rect["width"] <= 321
    assert sideways(narrow) <= 0
    narrow.delete_all_cookies()


def test_previous_and_next_document_fit_at_320_css_px(narrow: Any, base_url: str) -> None:
    """The links to the documents before and after (long titles: the accreditation list)
    wrap inside a 320 px window; the list's order links too."""
    narrow.get(base_url + "/documents/54271")
    links = narrow.find_elements("css selector", ".doc-neighbours a")
    assert [a.get_attribute("rel") for a in links] == ["prev", "next"]
    for link in links:
        assert link.is_displayed() and link.rect["x"] >= 0
        assert link.rect["x"] + link.rect["width"] <= 321, link.text
    assert sideways(narrow) <= 0
    narrow.get(base_url + "/documents?sort=oldest")
    order = narrow.find_elements("css selector", ".sort-links a")
    assert [a.text for a in order] == ["Newest first", "Oldest first"]
    assert all(a.rect["x"] + a.rect["width"] <= 321 for a in order)
    assert sideways(narrow) <= 0


@pytest.fixture
def no_script(fresh: Any) -> Iterator[Any]:
    """The shared browser with JavaScript switched off, as some readers browse."""
    fresh.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    yield fresh
    fresh.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


def test_previous_and_next_documents_are_plain_links(no_script: Any, base_url: str) -> None:
    no_script.get(base_url + "/documents/54271")
    # scripts are off indeed: app.js would have added a "Copy citation" button by each Cite
    assert no_script.find_elements("css selector", "a.cite-link")
    assert no_script.find_elements("css selector", "button.quick-copy") == []
    after = no_script.find_element("css selector", "a[rel=next]")
    # the accessible name says what the link does and where it goes; the arrow is not read
    assert after.accessible_name.startswith("Next document: The list of Russian and foreign")
    assert after.accessible_name.endswith("2 May 2017") and "→" not in after.accessible_name
    after.click()
    wait_for(no_script, lambda d: d.current_url == base_url + "/documents/54416")
    before = no_script.find_element("css selector", "a[rel=prev]")
    assert before.accessible_name.startswith("Previous document: Interview to Mir")
    assert before.accessible_name.endswith("12 April 2017")
    before.click()
    wait_for(no_script, lambda d: d.current_url == base_url + "/documents/54271")


def test_documents_order_links(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents")
    titles = fresh.find_elements("css selector", ".doc-list .doc-title")
    assert titles[0].get_attribute("href") == base_url + "/documents/63362"  # newest
    fresh.find_element("link text", "Oldest first").click()
    wait_for(fresh, lambda d: d.current_url.endswith("/documents?sort=oldest"))
    first = fresh.find_element("css selector", ".doc-list .doc-title")
    assert first.get_attribute("href") == base_url + "/documents/39252"  # 8 September 2000
    current = fresh.find_element("css selector", ".sort-links a[aria-current]")
    assert current.text == "Oldest first"
    assert "36 documents, oldest first." in fresh.find_element("css selector", "[role=status]").text


def test_keyboard_skip_link_and_visible_focus(fresh: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    fresh.get(base_url + "/documents/54271")
    fresh.find_element("tag name", "body").send_keys(Keys.TAB)
    focused = fresh.switch_to.active_element
    assert focused.text == "Skip to main content"
    assert focused.rect["y"] >= 0  # shown on focus, not off screen
    outline = fresh.execute_script(
        "const s = getComputedStyle(document.activeElement);"
        "return [s.outlineStyle, s.outlineWidth];"
    )
    assert outline[0] == "solid" and outline[1] == "3px"
    focused.send_keys(Keys.ENTER)
    assert fresh.execute_script("return document.activeElement.id") == "main"
    fresh.switch_to.active_element.send_keys(Keys.TAB)
    assert fresh.execute_script("return document.activeElement.closest('main') !== null")


def test_paragraph_permalink(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271")
    paragraph = fresh.find_element("id", "t12-p0")
    paragraph.find_element("css selector", "a.permalink").click()
    assert fresh.current_url.endswith("/documents/54271#t12-p0")
    fresh.get(base_url + "/")
    fresh.get(base_url + "/documents/54271#t12-p0")
    target = fresh.execute_script("return document.querySelector(':target').id")
    assert target == "t12-p0"
    top = fresh.execute_script(
        "return document.getElementById('t12-p0').getBoundingClientRect().top"
    )
    assert -5 < top < 1000  # scrolled into view


def test_search_with_a_speaker_filter(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/search")
    fresh.find_element("id", "s-q").send_keys("security")
    choose(fresh, "s-speaker", "vladimir-putin")
    fresh.find_element("id", "s-submit").click()
    wait_for(fresh, lambda d: "speaker=vladimir-putin" in d.current_url)
    assert "paragraph" in fresh.find_element("id", "result-count").text
    names = [e.text for e in fresh.find_elements("css selector", ".hit .meta .name")]
    assert names and set(names) == {"Vladimir Putin"}
    marks = [e.text.lower() for e in fresh.find_elements("css selector", ".hit mark")]
    assert marks and set(marks) == {"security"}


def read_clipboard(driver: Any) -> str:
    return driver.execute_async_script(
        "const done = arguments[0];"
        "navigator.clipboard.readText().then(done, e => done('ERR ' + e));"
    )


def test_copy_a_citation(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271/cite?p=t1-p0")
    expected = fresh.find_element("id", "cite-plain").text
    fresh.find_element("css selector", "button[data-copy=cite-plain]").click()
    wait_for(fresh, lambda d: "copied" in d.find_element("id", "copy-status").text)
    assert fresh.find_element("id", "copy-status").is_displayed()
    assert fresh.find_element("css selector", "button[data-copy=cite-plain]").text == "Copied ✓"
    copied = read_clipboard(fresh)
    assert copied.strip() == expected.strip()
    assert "Vladimir Putin (President of Russia)" in copied and "/documents/54271#t1-p0" in copied


def test_copy_citation_from_the_reader(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271#t3-p0")
    tools = fresh.find_element("css selector", "#t3-p0 .para-tools")
    # quiet: one visible link; Cite and Copy wait in the "more" menu
    visible = [e.text for e in tools.find_elements("css selector", "a, button") if e.is_displayed()]
    assert visible == ["link to this"]
    tools.find_element("css selector", "summary").click()
    button = tools.find_element("css selector", "button.quick-copy")
    button.click()
    wait_for(fresh, lambda d: "/documents/54271#t3-p0" in read_clipboard(d))
    assert "First on the list would be terrorism" in read_clipboard(fresh)
    # the confirmation is seen, not only announced to screen readers
    wait_for(fresh, lambda d: "Copied" in button.text)
    status = fresh.find_element("id", "copy-status")
    # the live region is filled a moment later, so that screen readers announce it
    wait_for(fresh, lambda d: status.is_displayed() and "copied" in status.text)
    assert status.size["height"] > 10 and status.size["width"] > 50


def test_a_jump_link_into_the_claims_panel_opens_it(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271")
    panel = fresh.find_element("id", "claims")
    assert panel.get_attribute("open") is None  # the transcript first; claims on request
    transcript_top = fresh.find_element("id", "text-h").rect["y"]
    assert transcript_top < 1500, transcript_top
    fresh.find_element("css selector", ".toc a[href='#claims']").click()
    wait_for(fresh, lambda d: d.find_element("id", "claims").get_attribute("open") is not None)
    fresh.get(base_url + "/")
    fresh.get(base_url + "/documents/54271#claim-list-h")
    wait_for(fresh, lambda d: d.find_element("id", "claim-list-h").is_displayed())


def test_a_figure_meaning_shows_on_keyboard_focus(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/documents/54271")
    mark = fresh.find_element("id", "fig-t11-848")
    meaning = fresh.find_element("id", "fig-t11-848-m")
    assert meaning.size["width"] <= 1
    fresh.execute_script("arguments[0].focus()", mark)
    wait_for(fresh, lambda d: meaning.size["width"] > 50)
    assert "foreign militants in Syria" in meaning.text


def axe_violations(driver: Any) -> list[dict[str, Any]]:
    assert AXE.exists(), "axe-core missing: run `npm ci --prefix tests/web`"
    driver.execute_script(AXE.read_text())
    return driver.execute_async_script(  # type: ignore[no-any-return]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))),"
        " e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));",
        AXE_TAGS,
    )


def test_axe_reports_a_planted_violation(fresh: Any, base_url: str) -> None:
    fresh.get(base_url + "/")
    fresh.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<input type=text id=planted>')"
    )
    assert "label" in {v["id"] for v in axe_violations(fresh)}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_accessibility_violations(fresh: Any, base_url: str, scheme: str) -> None:
    fresh.add_cookie({"name": "onrecord_view", "value": f"100.{scheme}.normal.on", "path": "/"})
    found = {}
    for name, path in AXE_PAGES.items():
        fresh.get(base_url + path)
        assert f"scheme-{scheme}" in html_classes(fresh)
        bad = [v for v in axe_violations(fresh) if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert not found, f"{scheme}: {found}"
