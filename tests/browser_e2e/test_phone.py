"""The demo on a 375 px phone: every table either stacks into cards or scrolls sideways with its
first column fixed; no cell is squeezed below two characters and no column is cut off. The board,
the ranking, the report form with an error and an item page are photographed (var/screenshots/)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

REPORT_ITEM = "强化法制宣传"
OVERDUE_ITEM = "注重通过法治实践提高政府工作人员法治思维和依法行政能力"

# For each visible table cell with text: too narrow (under two characters of its own font), or cut
# off (beyond the screen's right edge with no scrolling box around it to reach it).
CELLS = """() => {
  const bad = [];
  const width = document.documentElement.clientWidth;
  for (const cell of document.querySelectorAll("main td, main th")) {
    const box = cell.getBoundingClientRect();
    const text = cell.innerText.trim();
    if (!text || box.width === 0 || getComputedStyle(cell).display === "none") continue;
    const em = parseFloat(getComputedStyle(cell).fontSize);
    if (box.width < 2 * em) bad.push(["narrow", text.slice(0, 12), Math.round(box.width)]);
    let scroller = cell.parentElement;
    while (scroller && scroller !== document.body) {
      const overflow = getComputedStyle(scroller).overflowX;
      if (overflow === "auto" || overflow === "scroll") break;
      scroller = scroller.parentElement;
    }
    const scrolls = scroller && scroller !== document.body;
    if (!scrolls && box.right > width + 1) bad.push(["cut off", text.slice(0, 12), Math.round(box.right)]);
  }
  return bad;
}"""


@pytest.fixture
def size() -> str:
    return "phone"


# Elements that reach past the screen's right edge (the page would scroll sideways), outermost first.
WIDER = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *")]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest("table, .table-scroll"))
    .slice(0, 5).map(e => e.tagName + "." + e.className + ": " + (e.innerText || "").slice(0, 20));
}"""


def fits_the_screen(page: Page) -> None:
    """The page itself does not scroll sideways: only a table's own box does."""
    assert page.evaluate(WIDER) == []
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def tables_fit(page: Page) -> None:
    assert page.evaluate("document.querySelectorAll('main table').length") > 0
    assert page.evaluate(CELLS) == []
    fits_the_screen(page)


def test_the_board_on_a_phone(visit):
    inspector = visit("inspector")
    inspector.go("/board/")
    expect(inspector.page.get_by_role("heading", level=1)).to_contain_text("督办看板")
    tables_fit(inspector.page)
    inspector.shot("看板")


def test_the_ranking_on_a_phone(visit):
    committee = visit("committee")
    committee.go("/assessment/")
    committee.page.get_by_role("link", name="第 1 版").first.click()
    expect(committee.page.get_by_text("等次分布").first).to_be_visible()
    tables_fit(committee.page)
    first = committee.page.locator("table.ranking tbody tr td:first-child").first
    assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"
    committee.shot("排名")


def test_the_report_form_with_an_error_on_a_phone(visit):
    official = visit("official")
    official.name += "-report"  # beside the item page's photographs, not over them
    page = official.page
    page.get_by_role("link", name=re.compile(re.escape(REPORT_ITEM))).first.click()
    page.get_by_role("link", name="办理反馈", exact=True).first.click()
    expect(page.get_by_label("申请延期至")).to_be_hidden()  # a plain report asks no date
    page.get_by_label("申请办结").check()
    expect(page.get_by_label("完成进度（%）")).to_be_hidden()
    page.get_by_label("工作进展").fill("全年开展主题宣传40场次。")
    page.get_by_role("button", name="提交", exact=True).click()
    summary = page.locator("#errors")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("申请办结须上传佐证材料")
    assert summary.evaluate("box => box.getBoundingClientRect().top") < 812  # on the first screen
    summary.get_by_role("link", name="佐证材料").click()
    expect(page.get_by_label("佐证材料")).to_be_in_viewport()
    official.shot("表单错误")


def test_the_item_page_on_a_phone(visit):
    official = visit("official")
    page = official.page
    page.get_by_role("link", name=re.compile(re.escape(OVERDUE_ITEM))).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(OVERDUE_ITEM)
    if page.locator("main table").count():
        tables_fit(page)
    fits_the_screen(page)
    official.shot("事项")
    page.get_by_role("link", name="办理反馈", exact=True).first.click()
    # Overdue: an extension would always be refused, so it is not offered.
    expect(page.get_by_label("申请延期", exact=True)).to_have_count(0)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_every_menu_page_of_every_login_fits_the_screen(site, new_context, screen):
    """Each login's header pages at both sizes: no server error, nothing reaching past the screen on a
    phone (the client-side crawl, tests/e2e/test_demo_crawl.py, reads every page's words)."""
    from tests.browser_e2e.conftest import SIZES, Journey
    from tests.e2e.test_demo_crawl import LOGINS

    for username in LOGINS:
        page = new_context(**SIZES[screen]).new_page()
        page.set_default_timeout(10_000)
        journey = Journey(page=page, site=site, name=f"{username}-{screen}-menu")
        journey.log_in(username)
        paths = page.evaluate("[...document.querySelectorAll('header nav a')].map(a => a.getAttribute('href'))")
        for path in ["/", *[p for p in paths if p and p.startswith("/") and not p.startswith("/logout")]]:
            response = journey.go(path)
            assert response.status < 500, (username, path, response.status)
            if screen == "phone":
                assert page.evaluate(WIDER) == [], (username, path)
                assert page.evaluate(CELLS) == [], (username, path)
        page.context.close()
