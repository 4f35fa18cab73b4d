"""The demo on a 375 px phone: every table either stacks into cards or scrolls sideways with its
first column fixed; no cell is squeezed below two characters and no column is cut off. The board,
the ranking, the report form with an error and an item page are photographed (var/screenshots/).
Every page each login reaches (the crawl of tests/e2e/test_demo_crawl.py) is opened at 375 px and
must not scroll sideways, squeeze or cut off a cell, or clip its text."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from tests.browser_e2e.conftest import SIZES, Journey
from tests.e2e.test_demo_crawl import LOGINS, crawl
from workflow import demo

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


# Text its own box cuts off (overflow hidden or clipped, the text wider than the box), but for the
# labels hidden on purpose for screen readers and form controls (a phone shows a select's options in
# its own picker, whole).
CUT = """() => [...document.querySelectorAll("main *")]
  .filter(e => ["hidden", "clip"].includes(getComputedStyle(e).overflowX))
  .filter(e => !e.closest(".sr-only, select, input, textarea"))
  .filter(e => e.scrollWidth > e.clientWidth + 1 && (e.innerText || "").trim())
  .slice(0, 5).map(e => e.tagName + "." + e.className + ": " + e.innerText.trim().slice(0, 20))"""


def phone_problems(page: Page) -> list:
    """What is wrong with the page on the phone: elements past the screen's edge (the page would
    scroll sideways), squeezed or cut-off table cells, a page wider than the screen."""
    problems = [("wider", found) for found in page.evaluate(WIDER)]
    problems += [("cell", found) for found in page.evaluate(CELLS)]
    problems += [("cut", found) for found in page.evaluate(CUT)]
    if not page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"):
        problems.append(("page", page.evaluate("document.documentElement.scrollWidth")))
    return problems


@pytest.mark.parametrize("username", LOGINS)
def test_every_page_each_login_reaches_fits_a_phone(site, new_context, username):
    """The crawl of tests/e2e/test_demo_crawl.py (every page a login is shown a link to, a few of each
    kind), each page opened in Chromium at 375 px: none answers with a server error, none scrolls
    sideways (tables scroll inside their own box), no table cell is squeezed or cut off, no text is
    clipped by its box."""
    client = Client()
    assert client.login(username=username, password=demo.PASSWORD)
    pages = [path for path, crawled in crawl(client).items() if crawled.html]
    assert len(pages) > 3, pages
    page = new_context(**SIZES["phone"]).new_page()
    page.set_default_timeout(10_000)
    journey = Journey(page=page, site=site, name=f"{username}-phone-crawl")
    journey.log_in(username)
    failed = {}
    for path in pages:
        response = journey.go(path)
        if response.status >= 500:
            failed[path] = [("status", response.status)]
        elif problems := phone_problems(page):
            failed[path] = problems
    page.context.close()
    assert not failed, "\n".join(f"{path}: {problems}" for path, problems in failed.items())
