"""Guidance text of a plan (总体要求, 保障措施 …): kept, shown, exported, never tracked; promoted and demoted
by the office on the review page while the plan is a draft."""

from __future__ import annotations

import datetime
import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from responsibility.importing import review
from responsibility.importing.build import build_plan
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.xlsx import export_plan
from responsibility.models import ItemStatus, PlanGuidance, ResponsibilityItem, WorkPlan
from tests.browser import Browser, messages, plain_text

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]

PLAN = """回兴街道2021年依法治理工作要点
一、总体要求
坚持党的领导，坚持依法办事。
（一）指导思想。深入学习贯彻习近平法治思想。
（二）主要目标。全年开展普法活动不少于30场次。
二、重点工作
（一）开展法律进社区活动。
牵头单位：司法所
责任单位：兴科社区
完成时限：2021年10月31日
（二）规范行政执法行为。
牵头单位：党政办
三、保障措施
各部门加强协作，确保工作落到实处。
"""


@pytest.fixture
def plan(cast):
    return build_plan(parse(read_pasted(PLAN), 2021), cast.street, 2021).plan


def guidance(plan, title):
    return plan.guidance.get(title=title)


def entry(plan, title):
    return plan.items.get(title__startswith=title)


def tree(plan) -> list[tuple[int | None, str, str]]:
    """Items and guidance of the plan in their shared order: (parent's number, number, title)."""
    rows = [
        (item.parent.number if item.parent else None, item.order, item.number, item.title) for item in plan.items.all()
    ]
    rows += [
        (g.parent.number if g.parent else None, g.order, g.number, f"〔指导〕{g.title}") for g in plan.guidance.all()
    ]
    return [(parent, number, title) for parent, _order, number, title in sorted(rows, key=lambda row: row[1])]


# --- the draft ------------------------------------------------------------------------------------


def test_guidance_is_kept_in_the_plans_order_and_never_becomes_an_item(plan):
    assert tree(plan) == [
        (None, "一、", "〔指导〕总体要求"),
        (None, "二、", "重点工作"),
        ("二、", "（一）", "开展法律进社区活动"),
        ("二、", "（二）", "规范行政执法行为"),
        (None, "三、", "〔指导〕保障措施"),
    ]
    general = guidance(plan, "总体要求")
    assert general.content == "坚持党的领导，坚持依法办事。"
    assert general.sections == [
        {"number": "（一）", "title": "指导思想", "content": "深入学习贯彻习近平法治思想。", "line": 4, "sections": []},
        {
            "number": "（二）",
            "title": "主要目标",
            "content": "全年开展普法活动不少于30场次。",
            "line": 5,
            "sections": [],
        },
    ]
    assert general.source_line == 2
    assert list(plan.categories.values_list("name", flat=True)) == ["重点工作"]
    assert plan.items.count() == 3


def test_guidance_inside_an_attachment_stands_under_it_and_goes_back_there(cast):
    from tests.responsibility.importing.test_body import NOTICE_WITH_ATTACHMENTS

    plan = build_plan(parse(read_pasted(NOTICE_WITH_ATTACHMENTS), 2024), cast.street, 2024).plan
    assert tree(plan) == [
        (None, "附件1", "某街道2024年平安建设工作要点"),
        ("附件1", "一、", "〔指导〕总体要求"),
        ("附件1", "二、", "重点任务"),
        ("二、", "（一）", "开展矛盾纠纷排查"),
        ("附件1", "三、", "〔指导〕工作要求"),
        (None, "附件2", "某街道2024年平安建设任务分解表"),
        ("附件2", "1", "开展治安巡逻"),
    ]
    review.promote(guidance(plan, "总体要求"))
    promoted = entry(plan, "总体要求")
    assert promoted.parent == entry(plan, "某街道2024年平安建设工作要点") and promoted.status == ItemStatus.DRAFT
    assert [row[2] for row in tree(plan)][1:3] == ["总体要求", "重点任务"]


def test_publishing_launches_the_items_and_nothing_of_the_guidance(cast, plan):
    browser = Browser(cast.office)
    browser.submit(reverse("workflow:publish", args=[plan.pk]), form_page=reverse("workflow:plans"))
    assert set(plan.items.filter(is_heading=False).values_list("status", flat=True)) == {ItemStatus.DEPLOYING}
    assert plan.guidance.count() == 2
    listing = plain_text(browser.get(reverse("workflow:plans")))
    assert "2 项，其中草稿 0 项" in listing
    assert "总体要求" not in plain_text(Browser(cast.committee).get(reverse("workflow:items") + f"?plan={plan.pk}"))


def test_the_review_page_shows_the_guidance_with_its_parts(cast, plan):
    for role in ("office", "committee"):
        page = plain_text(Browser(cast.roles[role]).get(reverse("plans:review", args=[plan.pk])))
        assert "指导性内容" in page
        assert "一、总体要求 坚持党的领导，坚持依法办事。 （一）指导思想 深入学习贯彻习近平法治思想。" in page
        assert "三、保障措施 各部门加强协作，确保工作落到实处。" in page
        assert ("转为事项" in page) == (role == "office")
        assert ("转为指导性内容" in page) == (role == "office")


def test_the_command_names_the_guidance_it_set_apart(cast, tmp_path):
    path = tmp_path / "要点.txt"
    path.write_text(PLAN, encoding="utf-8")
    out = io.StringIO()
    call_command("import_workplan", str(path), "--org", "回兴街道", "--year", "2021", "--dry-run", stdout=out)
    shown = out.getvalue()
    assert "指导性内容（不列为事项）：一、总体要求" in shown and "指导性内容（不列为事项）：三、保障措施" in shown
    assert "2 个事项，1 个分组标题" in shown


# --- promote and demote ------------------------------------------------------------------------------


def promote(browser, section, plan):
    return browser.submit(
        reverse("plans:guidance_promote", args=[section.pk]), form_page=reverse("plans:review", args=[plan.pk])
    )


def demote(browser, item, plan):
    return browser.submit(
        reverse("plans:item_demote", args=[item.pk]), form_page=reverse("plans:review", args=[plan.pk])
    )


def test_promoting_makes_the_section_and_its_parts_items_where_they_stood(cast, plan):
    browser = Browser(cast.office)
    response = promote(browser, guidance(plan, "总体要求"), plan)
    general = entry(plan, "总体要求")
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{general.pk}")
    assert tree(plan) == [
        (None, "一、", "总体要求"),
        ("一、", "（一）", "指导思想"),
        ("一、", "（二）", "主要目标"),
        (None, "二、", "重点工作"),
        ("二、", "（一）", "开展法律进社区活动"),
        ("二、", "（二）", "规范行政执法行为"),
        (None, "三、", "〔指导〕保障措施"),
    ]
    assert general.is_heading and general.content == "坚持党的领导，坚持依法办事。"
    goal = entry(plan, "主要目标")
    assert goal.status == ItemStatus.DRAFT and goal.content == "全年开展普法活动不少于30场次。"
    assert [(i.target_value, i.unit) for i in goal.indicators.all()] == [(30, "场次")]
    assert list(plan.categories.order_by("order").values_list("name", flat=True)) == ["总体要求", "重点工作"]
    assert goal.category.name == "总体要求"
    page = browser.get(response["Location"].split("#")[0], follow=True)
    assert "“一、总体要求”已转为事项，发布后进入部署交办。" in plain_text(page)


def test_demoting_keeps_the_assignments_in_the_text_and_promoting_reads_them_back(cast, plan):
    browser = Browser(cast.office)
    enforcement = entry(plan, "规范行政执法行为")
    parent, order = enforcement.parent, enforcement.order
    response = demote(browser, enforcement, plan)
    section = guidance(plan, "规范行政执法行为")
    assert response.status_code == 302 and response["Location"].endswith(f"#guidance-{section.pk}")
    assert not ResponsibilityItem.objects.filter(pk=enforcement.pk).exists()
    assert (section.parent, section.order, section.number) == (parent, order, "（二）")
    assert section.content == "牵头单位：党政办"
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "（二）规范行政执法行为 （位于“二、”之下）" in page
    promote(browser, section, plan)
    back = entry(plan, "规范行政执法行为")
    assert (back.parent, back.order, back.number, back.lead_unit) == (parent, order, "（二）", cast.office_unit)
    assert back.content == "" and not plan.guidance.filter(title="规范行政执法行为").exists()


def test_demoting_a_heading_folds_its_items_and_guidance_under_it_into_one_section(cast, plan):
    browser = Browser(cast.office)
    demote(browser, entry(plan, "规范行政执法行为"), plan)
    demote(browser, entry(plan, "重点工作"), plan)
    assert plan.items.count() == 0 and plan.guidance.count() == 3
    work = guidance(plan, "重点工作")
    assert [(part["number"], part["title"]) for part in work.sections] == [
        ("（一）", "开展法律进社区活动"),
        ("（二）", "规范行政执法行为"),
    ]
    assert work.sections[0]["content"] == "牵头单位：司法所\n责任单位：兴科社区\n完成时限：2021年10月31日"
    assert "牵头单位：党政办" in work.sections[1]["content"]
    promote(browser, work, plan)
    visit = entry(plan, "开展法律进社区活动")
    assert visit.lead_unit == cast.justice and list(visit.responsible_units.all()) == [cast.community]
    assert visit.deadline == datetime.date(2021, 10, 31) and visit.parent == entry(plan, "重点工作")
    assert entry(plan, "规范行政执法行为").lead_unit == cast.office_unit


def test_merging_an_item_keeps_the_guidance_under_it(cast, plan):
    visit, enforcement = entry(plan, "开展法律进社区活动"), entry(plan, "规范行政执法行为")
    section = PlanGuidance.objects.create(
        plan=plan, parent=enforcement, order=99, title="执法要求", content="文明执法。"
    )
    browser = Browser(cast.office)
    browser.submit(
        reverse("plans:item_merge", args=[enforcement.pk]), form_page=reverse("plans:review", args=[plan.pk])
    )
    section.refresh_from_db()
    assert section.parent == visit and not plan.items.filter(pk=enforcement.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_office_promotes_and_demotes(cast, plan, role):
    browser = Browser(cast.roles[role])
    section, item = guidance(plan, "保障措施"), entry(plan, "规范行政执法行为")
    expected = 302 if role == "office" else 404
    assert demote(browser, item, plan).status_code == expected
    assert promote(browser, section, plan).status_code == expected
    assert plan.guidance.filter(title="保障措施").exists() == (role != "office")
    assert plan.items.filter(title="规范行政执法行为").exists() == (role != "office")


@pytest.mark.parametrize("role", ROLES)
def test_promote_and_demote_answer_only_to_a_post(cast, plan, role):
    browser = Browser(cast.roles[role])
    assert browser.get(reverse("plans:guidance_promote", args=[guidance(plan, "保障措施").pk])).status_code == 405
    assert browser.get(reverse("plans:item_demote", args=[entry(plan, "重点工作").pk])).status_code == 405


def test_a_published_plan_keeps_its_guidance_and_items_as_they_are(cast, plan):
    browser = Browser(cast.office)
    browser.submit(reverse("workflow:publish", args=[plan.pk]), form_page=reverse("workflow:plans"))
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.PUBLISHED
    response = promote(browser, guidance(plan, "保障措施"), plan)
    page = browser.get(response["Location"], follow=True)
    assert "工作要点已发布，不能再调整结构" in " ".join(messages(page))
    demote(browser, entry(plan, "规范行政执法行为"), plan)
    assert plan.guidance.count() == 2 and plan.items.count() == 3
    assert "转为事项" not in plain_text(browser.get(reverse("plans:review", args=[plan.pk])))


# --- export ---------------------------------------------------------------------------------------


def test_the_export_carries_the_guidance_and_importing_it_again_keeps_it_guidance(cast, plan):
    data = Browser(cast.committee).get(reverse("plans:export", args=[plan.pk])).content
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["指导性内容"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["编号", "标题", "内容"],
        ["一、", "总体要求", "坚持党的领导，坚持依法办事。"],
        ["（一）", "指导思想", "深入学习贯彻习近平法治思想。"],
        ["（二）", "主要目标", "全年开展普法活动不少于30场次。"],
        ["三、", "保障措施", "各部门加强协作，确保工作落到实处。"],
    ]
    again = parse(read("清单.xlsx", data), 2021)
    assert [(s.position, s.node.number, s.node.title, [c.title for c in s.node.children]) for s in again.guidance] == [
        (0, "一、", "总体要求", ["指导思想", "主要目标"]),
        (1, "三、", "保障措施", []),
    ]
    assert [node.title for node in again.nodes()] == ["重点工作", "开展法律进社区活动", "规范行政执法行为"]
    assert not again.not_understood
    rebuilt = build_plan(again, cast.street, 2021).plan
    assert [row[1:] for row in tree(rebuilt)] == [row[1:] for row in tree(plan)]


def test_a_plan_without_guidance_exports_no_guidance_sheet(cast):
    plain = build_plan(parse(read_pasted("一、重点工作\n（一）开展普法。\n牵头单位：司法所"), 2021), cast.street, 2021)
    assert "指导性内容" not in openpyxl.load_workbook(io.BytesIO(export_plan(plain.plan))).sheetnames


def test_guidance_is_in_the_page_source_order(cast, plan):
    html = Browser(cast.office).get(reverse("plans:review", args=[plan.pk])).content.decode()
    shown = re.findall(r'<article class="guidance" id="guidance-(\d+)">', html)
    assert shown == [str(guidance(plan, "总体要求").pk), str(guidance(plan, "保障措施").pk)]
    assert PlanGuidance.objects.count() == 2
