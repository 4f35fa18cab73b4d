"""The shapes the forty-eighth held-out set (d403–d410, typical documents) showed the importer did not
follow, in made-up words, one section per cause: a closing 工作要求 one of whose parts tells the sender's
sections as groups ("各科室、各所要…") how to go about the work, by no date; a form's kind line "督办通知单"
under the office that sends it; a holiday right after the verb whose object the work is ("组织春节前安全隐患
排查"), which says which check, under a month's heading that gives the deadline."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, md_reader, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a requirements part that tells every unit, as groups, how to go about the work -------------------


def scheme(requirement: str) -> str:
    return "\n".join(
        [
            "南山区2026年农贸市场环境整治方案",
            "一、工作目标",
            "以农贸市场为重点，全面改善市场环境卫生，群众满意度明显提升。",
            "二、工作措施",
            "（一）开展市场全覆盖检查。对辖区农贸市场开展全覆盖检查。责任单位：市场科；完成时限：2026年5月31日前。",
            "（二）整治占道经营。清理市场周边占道经营行为。责任单位：各监管所；完成时限：2026年8月31日前。",
            "三、工作要求",
            "（一）加强组织领导。局成立整治工作专班，由分管副局长任组长，统筹推进整治工作。",
            requirement,
            "（三）做好信息报送。各责任单位每月20日前将进展情况报市场科，12月10日前报送全年工作总结。",
        ]
    )


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_requirements_that_tell_every_unit_as_groups_how_to_work_are_guidance(read):
    plan = read(scheme("（二）强化协作配合。各科室、各监管所要加强与城管、卫健等部门的沟通协作，形成整治合力。"))
    assert [section.node.number + section.node.title for section in plan.guidance] == ["一、工作目标", "三、工作要求"]
    assert [item.title for item in leaves(plan)] == ["开展市场全覆盖检查", "整治占道经营"]


def test_groups_set_work_by_a_date_in_requirements_stay_work():
    # The opposite fact: the same groups given something to finish by a date ("于6月底前完成…") are set a task.
    plan = as_txt(scheme("（二）强化协作配合。各科室、各监管所要于6月底前完成联合检查。"))
    assert "三、工作要求" not in [section.node.number + section.node.title for section in plan.guidance]
    assert "强化协作配合" in [item.title for item in leaves(plan)]


def test_a_tasks_part_whose_paragraphs_open_with_short_titles_stays_tasks():
    # The opposite fact: named for the work it holds, a part of such paragraphs carrying units and dates is tasks.
    lines = scheme("").split("\n")
    lines[6:] = [
        "三、工作任务",
        "（一）加强组织领导。成立整治工作专班。责任单位：办公室；完成时限：2026年3月31日前。",
        "（二）强化协作配合。建立联合执法机制。责任单位：各监管所；完成时限：2026年6月30日前。",
    ]
    plan = as_txt("\n".join(lines))
    assert [section.node.title for section in plan.guidance] == ["工作目标"]
    items = leaves(plan)
    assert [item.title for item in items][-2:] == ["加强组织领导", "强化协作配合"]
    assert [item.fields.deadline for item in items][-2:] == [D(2026, 3, 31), D(2026, 6, 30)]


# --- a form's kind line under the office that sends it ---------------------------------------------


def notice_form(head: list[str]) -> str:
    return "\n".join(
        [
            *head,
            "",
            "南府督〔2026〕3号",
            "",
            "区水务局、区城管局：",
            "现将有关事项列入区政府督办事项，请认真抓好落实。",
            "一、督办事项",
            "1.加快排水管网改造。承办单位：区水务局；办结时限：2026年5月31日前。",
            "2.整治道路占道经营。承办单位：区城管局；办结时限：2026年4月30日前。",
            "",
            "南山区人民政府督查室",
            "2026年3月20日",
        ]
    )


@pytest.mark.parametrize("read", TEXT_FORMS)
@pytest.mark.parametrize("kind", ["督办通知单", "整改通知单"])
def test_the_office_over_a_notice_forms_kind_line_is_its_sender_not_its_title(read, kind):
    plan = read(notice_form(["南山区人民政府督查室", kind]))
    assert plan.title == kind
    assert [item.title for item in leaves(plan)] == ["加快排水管网改造", "整治道路占道经营"]


def test_a_notice_forms_name_on_one_line_with_its_office_is_kept_whole():
    # The opposite fact: on one line nothing sets the office apart from the form's name.
    plan = as_txt(notice_form(["南山区人民政府督查室督办通知单"]))
    assert plan.title == "南山区人民政府督查室督办通知单"


# --- a holiday that says which check, under a month that gives the deadline --------------------------

as_md = md_reader(2027)
as_txt_2027 = readers(2027)[0]


def monthly(task: str) -> str:
    return "\n".join(
        [
            "# 和平里社区2027年工作计划",
            "",
            "## 一月份",
            "",
            "1. 开展新春走访慰问。走访困难家庭不少于30户。（责任人：张敏）",
            f"2. {task}（责任人：刘强）",
            "",
            "## 二月份",
            "",
            "3. 举办元宵邻里活动。（责任人：张敏）",
        ]
    )


@pytest.mark.parametrize("read", [as_md, as_txt_2027])
def test_a_holiday_right_after_the_works_verb_names_the_check_and_the_month_gives_the_deadline(read):
    plan = read(monthly("组织春节前安全隐患排查。对辖区商铺开展消防安全检查。"))
    january = plan.roots[0]
    assert [item.title for item in january.children][1] == "组织春节前安全隐患排查"
    # No day of its own: the heading's, the month's end, holds for it.
    assert january.children[1].fields.deadline is None
    assert january.fields.deadline == D(2027, 1, 31)


@pytest.mark.parametrize("read", [as_md, as_txt_2027])
def test_a_holiday_before_the_verb_that_finishes_the_work_is_its_deadline(read):
    # The opposite fact: "春节前完成…" and "确保春节前…" name a day to finish by, the eve of the Spring Festival.
    items = leaves(read(monthly("春节前完成安全隐患排查。对辖区商铺开展消防安全检查。")))
    assert items[1].fields.deadline == D(2027, 2, 5)
    items = leaves(read(monthly("组织安全隐患排查，确保春节前整改到位。")))
    assert items[1].fields.deadline == D(2027, 2, 5)
