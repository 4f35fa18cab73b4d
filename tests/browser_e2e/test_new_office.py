"""A new office's first days in a real browser, from an empty database to the first progress report:
the organisation as the README's "Starting a new office" says (``manage.py create_organisation``),
then everything else on the pages, by the clerk and by the official of a unit of the roster."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from responsibility.models import Person, Post, Unit
from tests.browser_e2e.test_journeys import nav, open_item, see, status_badge, take_step
from tests.roster_book import book

pytestmark = pytest.mark.browser

CLERK = "13800000000"
# One row per post, as the template asks: the leaders, two units with their heads, the inspector and
# the assessor every deployed item needs.
ROSTER = [
    ["党工委", "", "书记", "党工委委员", "王书记", "13900000001", ""],
    ["党工委", "", "副书记", "牵头领导", "张副书记", "13900000002", ""],
    ["司法所", "", "所长", "责任人", "赵所长", "13900000003", "zhao@example.cn"],
    ["兴科社区", "", "党委书记", "责任人", "沈书记", "13900000004", ""],
    ["督查室", "", "督查员", "督查员", "孙督查", "13900000005", ""],
    ["考核办", "", "考核员", "考核员", "钱考核", "13900000006", ""],
]
OFFICIAL = "13900000003"
ITEM = "完善内部制度建设"


def plan_text(year: int) -> str:
    """A short 工作要点 as an office pastes it; 张书记 is how the plan names the roster's 张副书记."""
    return (
        f"回兴街道{year}年法治建设工作要点\n"
        "一、依法全面履行政府职能\n"
        f"1.{ITEM}。（牵头领导：张书记；牵头单位：司法所；责任人：赵所长；完成时限：{year}年12月底前）\n"
        f"2.推进社区依法治理。（牵头单位：兴科社区；完成时限：{year}年12月底前）\n"
    )


def new_password(seed: str) -> str:
    """A password of the holder's own choosing: 8+ characters of three kinds."""
    return f"Hx-{seed}-2026"


NEW_PASSWORD = re.compile(r"^新密码[\s*]*$")  # its label, not 新密码确认's


def change_the_one_time_password(journey, old: str, new: str) -> None:
    """The first login's forced change: every page leads to 修改密码 until it is done."""
    page = journey.page
    expect(page).to_have_url(re.compile(r"/password/$"))
    expect(page.get_by_role("heading", name="修改密码", level=1)).to_be_visible()
    see(page, "请先修改初始密码。", "您正在使用党政办提供的初始密码，请设置自己的新密码后再继续使用。")
    journey.go("/")  # anywhere else: back to the page
    expect(page).to_have_url(re.compile(r"/password/$"))
    page.get_by_label("旧密码").fill(old)
    page.get_by_label(NEW_PASSWORD).fill("20261205")  # digits only: one kind of character
    page.get_by_label("新密码确认").fill("20261205")
    page.get_by_role("button", name="修改密码").click()
    expect(page).to_have_url(re.compile(r"/password/$"))
    rule = "密码须包含小写字母、大写字母、数字、符号四类中的至少 3 类。"
    expect(page.locator(".error").filter(has_text=rule)).to_be_visible()
    journey.shot("密码太简单")
    page.get_by_label("旧密码").fill(old)
    page.get_by_label(NEW_PASSWORD).fill(new)
    page.get_by_label("新密码确认").fill(new)
    journey.shot("修改初始密码")
    page.get_by_role("button", name="修改密码").click()
    see(page, "密码已修改。")
    expect(page).not_to_have_url(re.compile(r"/password/$"))


def one_time_passwords(page: Page) -> dict[str, str]:
    """登录名 → 初始密码, as the page lists them after an import."""
    table = page.locator("table.credentials")
    found = {}
    for row in table.locator("tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        found[cells[1].strip()] = cells[2].strip()
    return found


def test_a_new_office_goes_from_an_empty_database_to_the_first_report(empty_site, window, size):
    assert not Person.objects.exists()
    out = io.StringIO()
    call_command("create_organisation", "回兴街道", "--name", "李文员", "--phone", CLERK, stdout=out)
    printed = out.getvalue()
    assert "组织：回兴街道；岗位：党政办法治办干事（党政办/法治办）" in printed
    clerk_password = re.search(rf"登录名 {CLERK}\s+初始密码 (\S+)\s+（只显示这一次；首次登录须修改密码）", printed)[1]

    # --- the clerk: his own password, the roster, the plan ---------------------------------------------
    clerk = window(empty_site, "new-office")
    page = clerk.page
    clerk.log_in(CLERK, clerk_password)
    change_the_one_time_password(clerk, clerk_password, new_password("clerk"))
    expect(page.get_by_role("banner")).to_contain_text("李文员")
    see(page, "尚无工作要点。", re.compile("^还没有承办单位的责任人岗位。请先导入人员名册"))
    clerk.shot("工作台")

    page.locator("#office-first-run").get_by_role("link", name="组织机构").click()  # his only organisation
    expect(page.get_by_role("heading", name="组织机构：回兴街道", level=1)).to_be_visible()
    see(page, "党政办")
    clerk.shot("组织机构")
    page.get_by_role("link", name="导入人员名册").click()
    expect(page.get_by_role("heading", name="导入人员名册", level=1)).to_be_visible()
    page.get_by_label("人员名册（.xlsx）").set_input_files(
        {
            "name": "回兴街道人员名册.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": book(ROSTER),
        }
    )
    clerk.shot("上传名册")
    page.get_by_role("button", name="导入", exact=True).click()
    expect(page.get_by_role("heading", name="名册已导入", level=1)).to_be_visible()
    see(page, "新建单位 5 个", "新建岗位 6 个", "新建人员 6 人", "初始密码（只显示这一次）")
    passwords = one_time_passwords(page)
    assert set(passwords) == {row[5] for row in ROSTER}
    clerk.shot("名册已导入")

    nav(page, "工作要点")
    page.get_by_role("link", name="导入工作要点").first.click()
    expect(page.get_by_role("heading", name="导入工作要点", level=1)).to_be_visible()
    year = timezone.localdate().year
    expect(page.get_by_label("年度")).to_have_value(str(year))
    page.get_by_label("或粘贴文本").fill(plan_text(year))
    clerk.shot("粘贴工作要点")
    page.get_by_role("button", name="开始导入").click()
    expect(page.get_by_role("heading", name="核对导入结果", level=1)).to_be_visible()
    see(page, f"回兴街道{year}年法治建设工作要点", ITEM, "推进社区依法治理", "未识别的名称")
    see(page, "还有 1 个名称未处理，处理后才能发布。", "未识别：张书记")
    clerk.shot("核对草稿")

    unknown = page.locator("tr.unresolved").filter(has_text="张书记")
    # Each label wraps its list, whose options are part of the label's text.
    unknown.get_by_role("combobox", name=re.compile("^处理方式")).select_option(label="对应到已有单位/岗位")
    leader_post = Post.objects.get(title="副书记")
    unknown.get_by_role("combobox", name=re.compile("^岗位")).select_option(label=str(leader_post))
    unknown.get_by_role("button", name="确定").click()
    expect(page.locator("tr.unresolved")).to_have_count(0)
    clerk.shot("名称已对应")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布并启动部署").click()
    see(page, f"已发布《回兴街道{year}年法治建设工作要点》：2 项事项进入部署交办。")
    clerk.shot("已发布")

    nav(page, "我的待办")
    page.get_by_role("row").filter(has_text=ITEM).get_by_role("link", name="办理").click()
    expect(page.get_by_role("heading", name="部署交办", level=1)).to_be_visible()
    # From the plan: the leader as mapped, the lead unit and its head; the office names the rest.
    expect(page.get_by_label("牵头领导")).to_have_value(str(leader_post.pk))
    expect(page.get_by_label("牵头单位", exact=True)).to_have_value(str(Unit.objects.get(name="司法所").pk))
    expect(page.get_by_label("责任人岗位")).to_have_value(str(Post.objects.get(title="所长").pk))
    page.get_by_label("督查员").select_option(label="督查室督查员（孙督查）")
    page.get_by_label("考核员").select_option(label="考核办考核员（钱考核）")
    page.get_by_label("交办说明").fill("请于每季度末报送进展。")
    clerk.shot("部署交办")
    page.get_by_role("button", name="确认交办").click()
    see(page, "已提交：部署交办", "司法所")
    status_badge(page, "待签收")
    clerk.shot("已部署")

    # --- the official of 司法所: his own password, 签收, the first report --------------------------------
    official = window(empty_site, "new-official")
    page = official.page
    official.log_in(OFFICIAL, passwords[OFFICIAL])
    change_the_one_time_password(official, passwords[OFFICIAL], new_password("zhao"))
    expect(page.get_by_role("banner")).to_contain_text("赵所长")
    see(page, "签收", ITEM)
    official.shot("工作台")

    open_item(page, ITEM)
    status_badge(page, "待签收")
    see(page, "牵头领导", "张副书记", "赵所长")
    take_step(page, "签收")
    page.get_by_label("签收", exact=True).check()
    official.shot("签收")
    page.get_by_role("button", name="提交", exact=True).click()
    see(page, "已提交")
    status_badge(page, "办理中")

    take_step(page, "办理反馈")
    page.get_by_label("提交进度反馈").check()
    page.get_by_label("完成进度（%）").fill("30")
    page.get_by_label("工作进展").fill("已梳理所内制度12项，拟修订3项。")
    page.get_by_label("佐证材料").set_input_files(
        {"name": "制度清单.png", "mimeType": "image/png", "buffer": page.screenshot()}
    )
    official.shot("填写进度反馈")
    page.get_by_role("button", name="提交", exact=True).click()
    see(page, "已提交", "已梳理所内制度12项，拟修订3项。", "制度清单.png", "30%")
    status_badge(page, "办理中")
    official.shot("第一次反馈")
