"""Targets, units, countdowns and a title the review of the fifth session's merge found misread, in made-up words.

A count whose noun runs into a quoted name ("开展4场“法律明白人”培训", "辖区内3个“星级农家乐”") is judged on the name
and the words after it to the clause's end, as the same noun unquoted would be, and named by them: a state or an
honour ("荣获2项“优秀组织奖”") is no target, a named one keeps its name. A figure that tells what was done before the
plan's time ("去年…", "上年…", "已…") or how many there are ("全镇共有行政村18个") is no target. A first sentence that
tells of work its units did ("X牵头完成了…") gives them no task. A code after D whose number is followed by a
building's or a plot's measure ("D-6栋") is a name, no countdown. A 权责清单 of a duty the title names ("…主体责任权责
清单") lists that duty's tasks, and is a plan."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from responsibility.importing.shape import check
from tests.responsibility.importing.made import leaves, readers

from .test_held_out63_countdown_and_sheet_shapes import task_deadlines
from .test_held_out66_figure_shapes import figures

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a count whose noun runs into a quoted name -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("开展4场“法律明白人”培训", "开展“法律明白人”培训"),
        ("新建6个“暖心驿站”", "新建“暖心驿站”"),
        ("培育5家“小巨人”企业，带动就业", "培育“小巨人”企业"),
    ],
)
def test_a_named_target_keeps_the_quoted_name(text, name):
    (found,) = find_indicators(text)
    assert (found.name, found.comparator) == (name, "gte")


@pytest.mark.parametrize(
    "text", ["辖区内3个“星级农家乐”", "荣获2项“优秀组织奖”", "每周召开1次“晨会”", "全镇共有4个“美丽庭院”"]
)
def test_a_count_before_a_quoted_name_with_no_aim_is_no_target(text):
    # As "辖区内3个星级农家乐", "每周召开1次晨会" (a routine) are none.
    assert figures(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年对不少于15家商户开展“回头看”检查", [("gte", Decimal("15"), "家")]),
        ("创建2个“星级农家乐”", [("gte", Decimal("2"), "个")]),
        ("每周至少召开1次“晨会”", [("gte", Decimal("1"), "次")]),
    ],
)
def test_a_count_before_a_quoted_name_with_an_aim_stays_a_target(text, expected):
    # The opposites: a bound, a target verb, a bound before the verb make it a target, quoted name or not.
    assert figures(text) == expected


def test_people_counted_before_a_quoted_name_who_do_the_work_stay_none():
    assert figures("安排8名网格员开展“敲门行动”") == []


# --- a past fact or a state -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "去年清收欠款120万元足额入库",
        "上年完成植树3000株",
        "其中已办结45件",
        "已建成健身广场5个",
        "全镇共有行政村18个",
        "现辖社区9个",
    ],
)
def test_a_figure_told_as_done_or_as_a_state_is_no_target(text):
    assert figures(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("清收欠款120万元足额入库", [("gte", Decimal("120"), "万元")]),
        ("完成植树3000株", [("gte", Decimal("3000"), "株")]),
        ("农民收入比上年增长6%", [("gte", Decimal("6"), "%")]),
        ("上年结转资金300万元全部支出", [("gte", Decimal("300"), "万元")]),
        ("已建成的5个健身广场全部投入使用", [("gte", Decimal("5"), "个")]),
        ("力争全镇共有3个村达到示范标准", [("gte", Decimal("3"), "个")]),
        ("全镇农机现有量增长5%", [("gte", Decimal("5"), "%")]),
    ],
)
def test_a_figure_measured_against_the_past_or_aimed_at_stays_a_target(text, expected):
    # The opposites: the same work aimed at, a base of comparison, money carried over, what is built already as
    # the thing counted, a state aimed at, a measure named by the state's word (现有量).
    assert figures(text) == expected


# --- a first sentence of work done -------------------------------------------------------------------------


def plan_with(body: str) -> str:
    return "\n".join(
        [
            "某镇2026年平安建设工作要点",
            "一、化解矛盾纠纷",
            f"（一）排查矛盾纠纷。{body}",
            "（二）开展普法宣传。镇司法所负责，6月底前完成。",
        ]
    )


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize(
    "body", ["镇综治中心牵头完成了全镇矛盾纠纷排查。", "2026年镇综治中心牵头，完成了全镇矛盾纠纷排查。"]
)
def test_a_first_sentence_of_work_done_gives_no_units(form, body):
    first = leaves(form(plan_with(body)))[0]
    assert (first.fields.lead_units, first.fields.responsible_units) == ([], [])


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize(
    "body, lead, responsible",
    [
        ("镇综治中心牵头完成全镇矛盾纠纷排查。", [], ["镇综治中心"]),
        ("2026年镇综治中心牵头，完成全镇矛盾纠纷排查。", ["镇综治中心"], []),
        ("镇综治中心负责，对已排查的纠纷开展回访。", [], ["镇综治中心"]),
    ],
)
def test_a_first_sentence_of_work_to_do_gives_its_units(form, body, lead, responsible):
    # The opposites: the same work to be done, and work done already as the object of the task.
    first = leaves(form(plan_with(body)))[0]
    assert (first.fields.lead_units, first.fields.responsible_units) == (lead, responsible)


# --- a building's name after D in a plan that names its D日 -------------------------------------------------------


def site_plan(tasks: list[str]) -> str:
    return "\n".join(
        [
            "某区2026年安置房建设攻坚工作方案",
            "一、总体安排",
            "以2026年9月30日为D日，倒排工期。",
            "二、任务分工",
            *tasks,
        ]
    )


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_building_named_after_d_is_no_countdown(form):
    tasks = [
        "1.推进主体施工。D-6栋前完成封顶。（牵头单位：区住建局）",
        "2.推进配套建设。完成D-2号楼外立面施工。（牵头单位：区城投公司）",
    ]
    assert task_deadlines(form(site_plan(tasks))) == [None, None]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_countdown_before_a_verb_is_still_a_day(form):
    # The opposite: "D-6前" and "D-2" with no measure after the number count from the D日.
    tasks = [
        "1.推进主体施工。D-6前完成封顶。（牵头单位：区住建局）",
        "2.推进配套建设。D-2完成外立面施工。（牵头单位：区城投公司）",
    ]
    assert task_deadlines(form(site_plan(tasks))) == [D(2026, 9, 24), D(2026, 9, 28)]


# --- a 权责清单 of a duty ------------------------------------------------------------------------------------


def duty_list(title: str) -> str:
    lines = [title, "一、局党组"]
    duties = [
        ("每半年专题研究党风廉政建设工作", "办公室"),
        ("组织开展警示教育", "机关党委"),
        ("落实“一岗双责”，抓好分管领域廉政建设", "各分管科室"),
        ("督促科室负责人履行廉政职责", "人事科"),
        ("抓好本科室廉政风险防控", "各科室"),
        ("做好干部日常教育管理", "各科室"),
    ]
    lines += [f"{number}.{duty}。（责任科室：{unit}）" for number, (duty, unit) in enumerate(duties, start=1)]
    return "\n".join(lines)


@pytest.mark.parametrize("form", TEXT_FORMS)
@pytest.mark.parametrize("title", ["某县水利局落实全面从严治党主体责任权责清单", "某县水利局安全生产监管责任权责清单"])
def test_a_list_of_a_duty_s_tasks_is_a_plan(form, title):
    assert check(form(duty_list(title))).looks_like_plan


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_department_s_list_of_powers_with_the_same_rows_stays_no_plan(form):
    # The opposite: the department's own 权责清单, no duty named before it, lists its standing powers.
    shape = check(form(duty_list("某县水利局权责清单（2026年版）")))
    assert not shape.looks_like_plan
