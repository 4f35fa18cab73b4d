"""Each role's main journey through the demo in a real browser, in Chinese, on a desktop and a phone.

Pages are found the way a person finds them: by the words on the screen (headings, link and button
names, field labels), so that a new layout of the same pages keeps these tests.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from responsibility.models import ItemStatus, Person, ResponsibilityItem
from workflow import services

pytestmark = pytest.mark.browser

EXTENSION_ITEM = "全面推行行政执法公示，全过程记录，重大执法决定法治审核"
REPORT_ITEM = "强化法制宣传"
OVERDUE_ITEM = "注重通过法治实践提高政府工作人员法治思维和依法行政能力"
CLAIM_ITEM = "深入开展公共服务站品牌建设"
RECTIFY_ITEM = "加强信访工作制度"


def see(page: Page, *texts: str | re.Pattern) -> None:
    for text in texts:
        expect(page.get_by_text(text).filter(visible=True).first).to_be_visible()


def open_item(page: Page, title: str) -> None:
    """Follow the link named for the item (lists write its number before the title)."""
    page.get_by_role("link", name=re.compile(re.escape(title))).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)


def take_step(page: Page, step: str) -> None:
    """The item page's button for the step waiting for this person."""
    page.get_by_role("link", name=step, exact=True).first.click()
    expect(page.get_by_role("heading", name=step)).to_be_visible()


def nav(page: Page, name: str) -> None:
    """A link of the header's menu, which a phone first has to open (☰ 菜单)."""
    header = page.get_by_role("banner")
    link = header.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        header.get_by_text("菜单").click()
    link.click()


def status_badge(page: Page, status: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(status)


def test_office_decides_the_extension_request(visit, size):
    office = visit("office")
    page = office.page
    see(page, "部署交办", "延期审批", "认真抓好工作部署，促进法治建设工作见成效", EXTENSION_ITEM)
    office.shot("工作台")

    open_item(page, EXTENSION_ITEM)
    status_badge(page, "延期审批中")
    office.shot("事项")
    take_step(page, "延期审批")
    see(page, "申请延期", "区级行政执法公示平台升级尚未完成")
    decision = "同意延期" if size == "desktop" else "不同意延期"
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("说明").fill("平台升级期间先在街道公示栏公开。")
    office.shot("审批意见")
    page.get_by_role("button", name="提交审批意见").click()

    see(page, "已提交")
    status_badge(page, "办理中")
    see(page, "平台升级期间先在街道公示栏公开。")
    office.shot("已审批")


def test_official_reports_progress_with_evidence_on_a_phone(visit, size):
    official = visit("official")
    page = official.page
    see(page, "办理反馈", "签收", REPORT_ITEM, OVERDUE_ITEM, re.compile(r"逾期\s*\d+\s*天"))
    official.shot("工作台")

    open_item(page, REPORT_ITEM)
    take_step(page, "办理反馈")
    page.get_by_label("提交进度反馈").check()
    page.get_by_label("完成进度（%）").fill("95")
    page.get_by_label("工作进展").fill("在兴科社区开展“宪法进社区”主题宣传，发放资料600份。")
    page.get_by_label(re.compile("^主题法治宣传")).fill("40")
    page.get_by_label("佐证材料").set_input_files(
        {"name": "宪法进社区现场.png", "mimeType": "image/png", "buffer": page.screenshot()}
    )
    official.shot("填写进度反馈")
    page.get_by_role("button", name="提交", exact=True).click()

    see(
        page,
        "已提交",
        "在兴科社区开展“宪法进社区”主题宣传，发放资料600份。",
        "宪法进社区现场.png",
        "文件校验码（核对文件是否被改动）",
    )
    see(page, "95%", "主题法治宣传：40场次")
    status_badge(page, "办理中")
    official.shot("已反馈")


def test_inspector_verifies_the_completion_claim_from_the_board(visit, size):
    inspector = visit("inspector")
    page = inspector.page
    see(page, "督查核验", CLAIM_ITEM)
    inspector.shot("工作台")

    nav(page, "督办看板")
    expect(page.get_by_role("heading", name="督办看板", level=1)).to_be_visible()
    see(page, "红灯", "黄灯", "绿灯", OVERDUE_ITEM, CLAIM_ITEM)
    inspector.shot("督办看板")

    open_item(page, CLAIM_ITEM)
    status_badge(page, "待核验")
    take_step(page, "督查核验")
    see(page, "申请办结")
    if size == "desktop":
        page.get_by_label("退回整改").check()
        page.get_by_label("核验意见").fill("现场查看，品牌宣传资料未归档。")
        page.get_by_label("整改要求").fill("补齐“镇街律师周三见”活动台账并上传。")
        deadline = timezone.localdate() + datetime.timedelta(days=14)
        page.get_by_label("整改时限").fill(deadline.isoformat())
        outcome = "整改中"
    else:
        page.get_by_label("核验通过").check()
        page.get_by_label("核验意见").fill("台账齐全，现场核实无误。")
        outcome = "待考核"
    inspector.shot("核验结论")
    page.get_by_role("button", name="提交核验结论").click()

    see(page, "已提交")
    status_badge(page, outcome)
    inspector.shot("已核验")


def test_assessor_reads_a_units_breakdown_in_the_years_results(visit, size):
    assessor = visit("assessor")
    page = assessor.page
    see(page, "考核评分", "切实发挥领导作用，加强党对法治政府建设的领导", "年度考核结果")
    assessor.shot("工作台")

    assessor.go("/assessment/")
    expect(page.get_by_role("heading", name="年度考核结果")).to_be_visible()
    page.get_by_role("link", name="第 1 版").first.click()
    see(page, "等次分布", "待发布", "司法所", "公共服务中心")
    assessor.shot("考核结果")

    page.get_by_role("link", name="司法所", exact=True).first.click()
    expect(page.get_by_role("heading", name="司法所", level=1)).to_be_visible()
    see(page, "事项得分", "加减分事项", "总分与等次", "通报表扬（市级）")
    page.get_by_text(re.compile(f"一、（七）\\d+\\.“{OVERDUE_ITEM}”")).first.click()  # by its full number
    see(page, re.compile(f"“{OVERDUE_ITEM}”（司法所）逾期未完成，计至[0-9年月日]+逾期\\d+天"))  # the unit's own part
    assessor.shot("单位得分明细")


def test_committee_publishes_the_years_results_and_sees_the_reward_proposals(visit, size):
    committee = visit("committee")
    page = committee.page
    expect(page.get_by_role("banner")).to_contain_text("王书记")
    see(page, "红灯", "黄灯", "公共服务中心", "待发布")
    committee.shot("工作台")

    committee.go("/assessment/")
    page.get_by_role("link", name="第 1 版").first.click()
    see(page, "待发布", "等次分布")
    page.get_by_label("我已核对本版本结果，确认发布").check()
    committee.shot("发布前")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布", exact=True).click()
    see(page, "已发布第 1 版，并提出奖惩建议。")
    status_badge(page, "已发布")
    committee.shot("已发布")

    page.get_by_role("link", name="奖惩建议").click()
    expect(page.get_by_role("heading", name="奖惩建议")).to_be_visible()
    see(page, "通报表扬", "绩效奖金系数", "约谈", "待审定")
    # The unit with the top grade, whichever it is this year (each unit is scored on its own part).
    proposal = page.get_by_role("row").filter(has_text="通报表扬").filter(has=page.get_by_label("审定意见")).first
    proposal.get_by_label("审定意见").fill("同意，党工委会议研究通过。")
    proposal.get_by_role("button", name="同意", exact=True).click()
    see(page, "已同意，执行", "同意，党工委会议研究通过。")
    committee.shot("奖惩建议")


def test_leader_sees_the_items_he_leads_and_what_is_late(visit, size):
    leader = visit("leader")
    page = leader.page
    see(page, OVERDUE_ITEM, re.compile(r"逾期\s*\d+\s*天"))
    leader.shot("工作台")

    nav(page, "责任清单")
    expect(page.get_by_role("heading", name="责任清单", level=1)).to_be_visible()
    see(page, OVERDUE_ITEM, REPORT_ITEM, CLAIM_ITEM, re.compile(r"逾期\s*\d+\s*天"), "红灯")
    expect(page.get_by_role("main")).not_to_contain_text(RECTIFY_ITEM)
    expect(page.get_by_role("main")).not_to_contain_text(EXTENSION_ITEM)
    leader.shot("我牵头的事项")

    open_item(page, OVERDUE_ITEM)
    status_badge(page, "办理中")
    see(page, "牵头领导", "张副书记", "赵所长")
    leader.shot("事项")


def test_outsider_sees_nothing_and_an_item_is_not_found(visit, size):
    outsider = visit("outsider")
    page = outsider.page
    site = outsider.site
    others = [p.full_name for p in Person.objects.exclude(username="outsider").exclude(full_name="")]
    titles = list(site.demo.plan.items.values_list("title", flat=True))

    def shows_nothing_of_others() -> None:
        shown = page.get_by_role("main").inner_text()
        assert not [t for t in titles + others if t in shown], shown

    expect(page.get_by_role("banner")).to_contain_text("吴路人")
    shows_nothing_of_others()
    outsider.shot("工作台")

    nav(page, "责任清单")
    see(page, "没有您可查看的事项。")
    shows_nothing_of_others()
    outsider.shot("责任清单")

    item = site.item(REPORT_ITEM)
    response = outsider.go(f"/items/{item.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(REPORT_ITEM)
    outsider.shot("事项404")
    assert outsider.go("/board/").status == 404


MORE_TO_DEPLOY = ["组织开展宪法宣传周活动", "开展行政执法案卷评查", "落实领导干部学法制度"]


def waiting_to_deploy(site, count: int) -> list[str]:
    """The titles of ``count`` items waiting for the office to deploy them: the demo's, and new ones
    like its first (the same units and posts) up to ``count``."""
    waiting = list(site.demo.plan.items.filter(is_heading=False, status=ItemStatus.DEPLOYING).order_by("order", "id"))
    model = waiting[0]
    units = {name: list(getattr(model, name).all()) for name in ["responsible_units", "cooperating_units"]}
    for n in range(count - len(waiting)):
        copy = ResponsibilityItem.objects.get(pk=model.pk)
        copy.pk = copy.id = None
        copy.status, copy.title, copy.order = ItemStatus.DRAFT, MORE_TO_DEPLOY[n], model.order + n + 1
        copy.save()
        for name, chosen in units.items():
            getattr(copy, name).set(chosen)
        services.launch(copy, site.demo.person("office"))
        waiting.append(copy)
    return [item.title for item in waiting[:count]]


def deploy_one_with_a_milestone_added(office, title: str) -> None:
    """The single deploy form: units found by searching, a milestone row added on demand (添加一行)."""
    page = office.page
    page.get_by_role("row").filter(has_text=title).get_by_role("link", name="办理").click()
    expect(page.get_by_role("heading", name="部署交办", level=1)).to_be_visible()
    units = page.locator("#id_responsible_units")
    page.get_by_placeholder("搜索单位").first.fill("社区")
    expect(units.get_by_label("司法所")).to_be_hidden()
    units.get_by_label("兴科社区").check()
    milestones = page.locator("fieldset", has_text="时间节点")
    rows = milestones.locator("tbody tr")
    before = rows.count()
    milestones.get_by_role("button", name="添加一行").click()
    expect(rows).to_have_count(before + 1)
    row = rows.last
    row.locator("input[name$='-due']").fill("2020-06-30")
    row.locator("input[name$='-title']").fill("上半年完成过半")
    row.locator("input[name$='-expected_percent']").fill("50")
    office.shot("单项部署")
    page.get_by_role("button", name="确认交办").click()
    see(page, "已提交：部署交办", "上半年完成过半（应达进度 50%）", "兴科社区")
    office.shot("单项已部署")


def test_office_deploys_three_items_at_once_after_checking_each(visit, size):
    office = visit("office")
    page = office.page
    *titles, single = waiting_to_deploy(office.site, 4)
    nav(page, "我的待办")
    deploy_one_with_a_milestone_added(office, single)
    nav(page, "我的待办")
    page.get_by_role("checkbox", name="全选").check()  # every deploy on the page: then untick the others
    for box in page.get_by_role("checkbox", name=re.compile("^选择“")).all():
        if not any(f"“{title}”" in (box.get_attribute("aria-label") or "") for title in titles):
            box.uncheck()
    office.shot("勾选待办")
    page.get_by_role("button", name="批量部署").click()

    expect(page.get_by_role("heading", name="批量部署", level=1)).to_be_visible()
    page.get_by_label("汇报频次").select_option(label="每月")
    page.get_by_label("交办说明").fill("请按月报送进度。")
    office.shot("统一设置")
    page.get_by_role("button", name="下一步：核对每项").click()

    rows = page.locator("#batch-lines tbody tr")
    expect(rows).to_have_count(3)
    for title in titles:
        row = rows.filter(has_text=title)
        expect(row).to_contain_text("交办给：")
        expect(row).to_contain_text("汇报频次：每月")
    office.shot("逐项核对")
    page.get_by_role("button", name="确认部署").click()

    see(page, "已部署交办 3 项。")
    office.shot("已部署")
    for title in titles:
        expect(page.get_by_role("checkbox", name=f"选择“{title}”")).to_have_count(0)
    nav(page, "责任清单")
    open_item(page, titles[-1])
    status_badge(page, "待签收")
    see(page, "请按月报送进度。")
    office.shot("事项已部署")


def test_leader_writes_a_instruction_that_the_official_answers_in_his_report(visit, size):
    leader = visit("leader")
    page = leader.page
    page.get_by_role("link", name="督办看板 ›").click()
    expect(page.get_by_role("heading", name="我牵头的事项", level=1)).to_be_visible()
    see(page, REPORT_ITEM, OVERDUE_ITEM)
    expect(page.get_by_role("main")).not_to_contain_text(RECTIFY_ITEM)
    leader.shot("我牵头的事项看板")

    open_item(page, REPORT_ITEM)
    card = page.locator("section", has=page.get_by_role("heading", name="领导批示", exact=True))
    card.get_by_label("批示内容").fill("法治宣传周要进社区、进企业，请报送活动安排。")
    due = timezone.localdate() + datetime.timedelta(days=10)
    card.get_by_label("办理时限").fill(due.isoformat())
    card.get_by_role("button", name="批示", exact=True).click()
    see(page, "已批示，责任人和党政办将收到通知。", "法治宣传周要进社区、进企业，请报送活动安排。")
    leader.shot("已批示")

    official = visit("official")
    page = official.page
    open_item(page, REPORT_ITEM)
    card = page.locator("section", has=page.get_by_role("heading", name="领导批示", exact=True))
    card.get_by_role("button", name="已阅", exact=True).last.click()
    see(page, "已阅。")
    take_step(page, "办理反馈")
    see(page, "待答复的领导批示", "法治宣传周要进社区、进企业，请报送活动安排。")
    page.get_by_label("提交进度反馈").check()
    page.get_by_label("完成进度（%）").fill("95")
    page.get_by_label("工作进展").fill("“12.4 法治宣传周”活动方案已完成。")
    page.get_by_label("答复张副书记的批示").fill("已安排进社区 3 场、进企业 2 场，活动安排已报党政办。")
    official.shot("答复批示")
    page.get_by_role("button", name="提交", exact=True).click()
    see(page, "已提交", "已安排进社区 3 场、进企业 2 场，活动安排已报党政办。")
    official.shot("已答复")

    page = leader.page
    page.reload()
    card = page.locator("section", has=page.get_by_role("heading", name="领导批示", exact=True))
    written = card.locator("article").filter(has_text="法治宣传周要进社区、进企业，请报送活动安排。")
    expect(written).to_contain_text("已安排进社区 3 场、进企业 2 场，活动安排已报党政办。")
    expect(written).to_contain_text(re.compile(r"赵所长\s*已阅"))
    leader.shot("看到答复和已阅")
