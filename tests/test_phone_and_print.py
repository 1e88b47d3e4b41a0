"""Every page type read on a 390 px phone and laid out for print, in headless Chromium.

Nothing may run past the screen's edge (a table or chart too wide scrolls inside its own frame),
no table cell may be narrower than its longest word (the status table once wrapped one letter per
line), and chart lettering stays legible on the phone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser import accessibility_violations, visit
from itcomms import addresses
from test_every_page_type import PAGE_TYPES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAPER = {"width": 700, "height": 990}  # an A4 page's printable width at 96 dots an inch
SMALLEST_CHART_TEXT_PX = 10

_LAYOUT = """
() => {
  const width = document.documentElement.clientWidth;
  const scrollsSideways = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const describe = (element) => element.tagName.toLowerCase()
    + (element.id ? '#' + element.id : '') + (element.className && typeof element.className === 'string'
    ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
  const tooWide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if (box.right > width + 1 && !scrollsSideways(element)) {
      tooWide.push(`${describe(element)} ends at ${Math.round(box.right)} px`);
    }
  }
  const ruler = document.createElement('canvas').getContext('2d');
  const squeezed = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (cell.getBoundingClientRect().width === 0) continue;
    const room = cell.clientWidth - parseFloat(getComputedStyle(cell).paddingLeft)
      - parseFloat(getComputedStyle(cell).paddingRight);
    // Each word is measured in the font of the element it is set in (code, strong, the cell's own).
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      ruler.font = getComputedStyle(text.parentElement).font;
      // A word ends at a space, or after a hyphen or slash, where lines may break (text either side of a wbr or br is a word of its own).
      for (const word of text.data.split(/\\s+|(?<=[-/])/)) {
        if (word && ruler.measureText(word).width > room + 1) {
          squeezed.push(`"${word}" needs ${Math.round(ruler.measureText(word).width)} px,`
            + ` its cell has ${Math.round(room)} px`);
        }
      }
    }
  }
  const smallText = [];
  for (const text of document.querySelectorAll('svg.itcomms-chart text')) {
    const svg = text.ownerSVGElement;
    if (svg.getBoundingClientRect().width === 0) continue;
    const size = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
    if (size < %(smallest)d) smallText.push(`"${text.textContent.trim()}" at ${size.toFixed(1)} px`);
  }
  return {tooWide, squeezed, smallText: smallText.slice(0, 5)};
}
""".replace("%(smallest)d", str(SMALLEST_CHART_TEXT_PX))


def _layout(page: Page) -> dict[str, list[str]]:
    return page.evaluate(_LAYOUT)  # type: ignore[no-any-return]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_fits_a_phone(browser: Browser, base_url: str, page_type: str, tmp_path: Path) -> None:
    seen = visit(browser, base_url + addresses.url(PAGE_TYPES[page_type]), viewport=PHONE)
    seen.page.screenshot(path=tmp_path / "phone.png", full_page=True)  # kept to look at when this fails
    layout = _layout(seen.page)
    violations = accessibility_violations(seen.page)  # what scrolls sideways on a phone must take the keyboard
    seen.page.context.close()
    assert layout == {"tooWide": [], "squeezed": [], "smallText": []}
    assert violations == []


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_tables_fit_on_paper(browser: Browser, base_url: str, page_type: str) -> None:
    seen = visit(browser, base_url + addresses.url(PAGE_TYPES[page_type]), viewport=PAPER)
    seen.page.emulate_media(media="print")
    squeezed = _layout(seen.page)["squeezed"]
    seen.page.context.close()
    assert squeezed == []


@pytest.mark.parametrize("page_type", ["incident", "service"])
def test_no_button_is_printed(browser: Browser, base_url: str, page_type: str) -> None:
    # the timeline's order button and the banner's fold button act on the screen only
    seen = visit(browser, base_url + addresses.url(PAGE_TYPES[page_type]), viewport=PAPER)
    seen.page.emulate_media(media="print")
    visible = [button.inner_text() for button in seen.page.locator("button").all() if button.is_visible()]
    seen.page.context.close()
    assert visible == []
