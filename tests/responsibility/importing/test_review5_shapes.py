"""Wrong readings a review of the fourth session's merge found, in made-up words: a heading naming a site or
building ("一、党群服务中心", "一、加油站") gave its tasks a false responsible unit; one unit and a month on a 清单's
spaced line in the body was read as a 落款; a stage dated by its start alone ("（2026年4月起）") ended on its start;
a duty roster inside a plan became a task. Each beside the near-miss it must leave alone."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import shape
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review_readings_shapes import PROBLEMS

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]


def responsible(parsed) -> list[list[str]]:
    return [item.fields.responsible_units for item in parsed.leaves()]


# --- a heading naming a site is no unit ---------------------------------------------------------------------

SITE_TASKS = [
    [
        "1.完善服务功能。设置便民服务窗口3个。（完成时限：2026年6月底前）",
        "2.配齐专职工作人员。（完成时限：2026年5月底前）",
    ],
    [
        "1.建设志愿服务队伍。每月开展志愿服务不少于2次。（完成时限：长期坚持）",
        "2.开展理论宣讲。（完成时限：2026年9月底前）",
    ],
    [
        "1.更新图书报刊。新增图书500册。（完成时限：2026年8月底前）",
        "2.组织文艺演出。全年不少于4场。（完成时限：2026年12月底前）",
    ],
]


def site_plan(title: str, headings: list[str], tasks: list[list[str]] = SITE_TASKS, opening: str = "") -> str:
    lines = [title, opening or "为加强基层阵地建设，提升服务群众能力，制定本方案。"]
    for number, heading, under in zip("一二三", headings, tasks, strict=True):
        lines.append(f"{number}、{heading}")
        lines.extend(under)
    return "\n".join(lines)


SITES = ["党群服务中心", "新时代文明实践站", "综合文化站"]


@pytest.mark.parametrize("form", FORMS)
def test_sites_as_headings_of_a_plan_give_their_tasks_no_unit(form):
    parsed = form(site_plan("青石镇2026年基层阵地建设实施方案", SITES))
    assert responsible(parsed) == [[]] * 6


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_sites_the_tasks_work_on_give_no_unit_even_in_a_list_of_duties(form):
    # A list that calls itself one of duties, but its tasks work on the places its headings name.
    tasks = [
        [
            "1.对加油站开展安全检查。（完成时限：2026年6月底前）",
            "2.加油站储罐全部完成检测。（完成时限：2026年8月底前）",
        ],
        [
            "1.对液化气充装站开展专项整治。（完成时限：2026年7月底前）",
            "2.规范气瓶管理。（完成时限：长期坚持）",
        ],
        [
            "1.天然气门站完成管道检测。（完成时限：2026年1月底前）",
            "2.规范巡检记录。（完成时限：2026年2月底前）",
        ],
    ]
    text = site_plan("青石镇2026年安全生产责任清单", ["加油站", "液化气充装站", "天然气门站"], tasks)
    assert responsible(form(text)) == [[]] * 6


@pytest.mark.parametrize("form", FORMS)
def test_units_as_headings_of_a_list_of_duties_are_responsible(form):
    # The opposite: the plan says it hands its tasks out to units; one unit's task names its own premises once.
    units = ["镇综治中心", "镇派出所", "镇司法所"]
    tasks = [list(under) for under in SITE_TASKS]
    tasks[0][1] = "2.完成镇综治中心升级改造。（完成时限：2026年5月底前）"
    opening = "现将各项任务分解到各责任单位，形成本清单。"
    parsed = form(site_plan("青石镇2026年平安建设工作责任清单", units, tasks, opening))
    assert responsible(parsed) == [[units[0]]] * 2 + [[units[1]]] * 2 + [[units[2]]] * 2


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_units_as_headings_that_name_their_leaders_are_responsible(form):
    # The opposite: a plan that does not say so, each heading naming its leader and person in charge.
    units = ["镇综治中心", "镇派出所", "镇司法所"]
    tasks = [["分管领导：周平　责任人：钱一鸣", *under] for under in SITE_TASKS]
    parsed = form(site_plan("青石镇2026年平安建设工作方案", units, tasks))
    assert responsible(parsed) == [[units[0]]] * 2 + [[units[1]]] * 2 + [[units[2]]] * 2


# --- one unit and a month on a 清单's spaced line in the body ------------------------------------------------

# The 清单 of the third review's tests, its second problem due in a month alone, and a third.
LIST = (
    PROBLEMS.replace("2026年9月底前", "2026年7月")
    + "\n3.占道经营问题反弹。\n开展集中整治。\n区市场监管局　　2026年12月"
)


@pytest.mark.parametrize("form", FORMS)
def test_a_unit_and_a_month_under_items_are_their_units_and_deadline(form):
    parsed = form(LIST)
    items = parsed.leaves()
    assert responsible(parsed) == [["区住建局", "区城管局"], ["区城管局"], ["区市场监管局"]]
    assert [item.fields.deadline for item in items] == [D(YEAR, 6, 30), D(YEAR, 7, 31), D(YEAR, 12, 31)]
    assert "signatory" not in parsed.headers


@pytest.mark.parametrize("form", FORMS)
def test_a_unit_and_a_month_under_the_last_item_above_a_signature_are_its_own(form):
    parsed = form(f"{LIST}\n某区城市管理委员会\n2026年3月5日")
    assert responsible(parsed)[-1] == ["区市场监管局"]
    assert parsed.leaves()[-1].fields.deadline == D(YEAR, 12, 31)
    assert parsed.headers["signatory"] == "某区城市管理委员会"


@pytest.mark.parametrize("form", FORMS)
def test_opposite_a_signature_on_one_line_after_a_lists_lines_to_finish_by_is_the_signature(form):
    # The opposite: the lines under the items say by when ("…底前"); the last line, an organ and a month, signs.
    text = LIST.replace("2026年7月", "2026年7月底前").replace("2026年12月", "2026年12月底前")
    parsed = form(f"{text}\n区城市管理委员会　　2026年3月")
    assert responsible(parsed)[-1] == ["区市场监管局"]
    assert parsed.headers["signatory"] == "区城市管理委员会"
    assert parsed.headers["date"] == "2026年3月"


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_an_organ_dated_by_a_whole_day_in_the_body_leaves_the_last_line_a_signature(form):
    # The opposite: the body's organ line has a whole day (a notice's own 落款 above what it sends): the paper's
    # last line, an organ and a month, still signs it.
    text = PROBLEMS + "\n二、工作要求\n1.各单位要按期完成。\n区城管委办公室　　2026年3月5日\n2.各单位要加强协调。"
    parsed = form(f"{text}\n区城市管理委员会　　2026年3月")
    assert parsed.headers["signatory"] == "区城市管理委员会"
    assert responsible(parsed)[:2] == [["区住建局", "区城管局"], ["区城管局"]]


# --- a stage dated by its start alone ------------------------------------------------------------------------

STAGE_TASKS = [
    "二、重点任务",
    "（一）开展隐患排查。对辖区企业开展全覆盖排查。",
    "责任单位：镇安监办；完成时限：动员部署阶段",
    "（二）推进隐患整改。督促企业落实整改措施。",
    "责任单位：镇安监办；完成时限：集中整治阶段",
    "（三）建立长效机制。修订企业安全检查制度。",
    "责任单位：镇安监办；完成时限：长效管理阶段",
]
STEPS = [
    "三、实施步骤",
    "（一）动员部署阶段（2026年3月1日至3月31日）。制定工作方案。",
    "（二）集中整治阶段（2026年4月起）。集中力量推进整改。",
    "（三）长效管理阶段（2026年10月1日起）。总结经验做法。",
]


def stage_plan(steps: list[str]) -> str:
    lines = ["某镇2026年安全隐患整治专项行动方案", "一、工作目标", "全面整治各类安全隐患。"]
    return "\n".join([*lines, *STAGE_TASKS, *steps, "某镇人民政府", "2026年2月20日"])


def deadlines(parsed) -> list[datetime.date | None]:
    return [item.fields.deadline for item in parsed.leaves()]


@pytest.mark.parametrize("form", FORMS)
def test_a_stage_dated_by_its_start_runs_to_the_day_before_the_next_begins_and_the_last_to_no_day(form):
    assert deadlines(form(stage_plan(STEPS))) == [D(YEAR, 3, 31), D(YEAR, 9, 30), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_stage_dated_by_its_start_before_an_undated_stage_has_no_end(form):
    steps = [*STEPS[:3], "（三）长效管理阶段。总结经验做法。"]
    assert deadlines(form(stage_plan(steps))) == [D(YEAR, 3, 31), None, None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_stage_dated_by_a_range_or_a_month_ends_at_its_end(form):
    steps = [*STEPS[:2], "（二）集中整治阶段（2026年4月—9月）。推进整改。", "（三）长效管理阶段（12月底前）。总结。"]
    assert deadlines(form(stage_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 9, 30), D(YEAR, 12, 31)]


# --- a duty roster inside a plan -------------------------------------------------------------------------

ROSTER = """日期\t带班领导\t值班人员\t值班电话
6月1日\t张立军\t王芳、李强\t82931106
6月2日\t刘建国\t陈静、赵磊\t82931106"""
ROSTER_PLAN = f"""某镇2026年汛期安全工作方案
一、重点任务
1.开展隐患排查。对辖区山塘水库开展全覆盖检查。（责任单位：镇水利站；完成时限：2026年5月底前）
2.组织应急演练。开展防汛应急演练不少于2次。（责任单位：镇应急办；完成时限：2026年6月底前）
二、值班安排
{ROSTER}
三、工作要求
各村要高度重视，严格落实值班制度，确保汛期安全。"""


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_duty_roster_in_a_plan_is_guidance_no_task(form):
    parsed = form(ROSTER_PLAN)
    assert [item.title for item in parsed.leaves()] == ["开展隐患排查", "组织应急演练"]
    roster = next(section.node for section in parsed.guidance if section.node.title == "值班安排")
    assert any("张立军" in paragraph for paragraph in roster.content)  # kept in view, never lost
    assert not parsed.not_understood


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_duty_notice_with_a_roster_is_no_plan(form):
    # The opposite: a 值班 notice (no plan by its title) keeps its roster a table it cannot use, and is flagged.
    text = f"""关于做好2026年端午节假期值班工作的通知
各村（社区）、镇直各单位：
现将端午节假期值班工作有关事项通知如下。
一、值班时间
2026年6月19日至6月21日。
二、值班安排
{ROSTER}
三、值班要求
1.值班人员要坚守岗位，不得擅自离岗。
2.遇有突发情况要及时报告。"""
    assert not shape.check(form(text)).looks_like_plan


# --- 为 after the state a change starts from; a period's length; around a holiday --------------------------------


def item(form, text: str):
    return form(
        f"某镇2026年重点工作安排\n一、重点任务\n1.{text}\n2.推进农村污水治理。（完成时限：2026年9月底前）"
    ).leaves()[0]


def figures(node) -> list[tuple[str, str, str]]:
    return [(indicator.comparator, str(indicator.value), indicator.unit) for indicator in node.indicators]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_the_figure_a_change_starts_from_is_no_target(form):
    assert figures(item(form, "优化网格设置。将社区由原来的3个片区划分为5个网格。")) == [("gte", "5", "个")]
    assert figures(item(form, "深化审批改革。审批时限由20个工作日压缩为5个工作日。")) == [("lte", "5", "个工作日")]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_things_made_into_others_are_both_counted(form):
    # The opposite: no 由, the things counted are worked on ("将28条河道划分为45个段"): both figures stay.
    assert figures(item(form, "落实河长制。将全镇28条河道划分为45个保洁段。")) == [
        ("gte", "28", "条"),
        ("gte", "45", "个"),
    ]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_periods_length_leaves_the_deadline(form):
    found = item(form, "引进物业服务。（完成时限：2026年6月底前；服务期限：3年）")
    assert found.fields.deadline == D(YEAR, 6, 30)


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_second_date_still_reads(form):
    # The opposite: a label of time with a date, no length, is read as before.
    found = item(form, "引进物业服务。（完成时限：2026年6月底前；办结时限：2026年8月底前）")
    assert found.fields.deadline == D(YEAR, 8, 31)


@pytest.mark.parametrize("form", [as_txt, as_paste])
@pytest.mark.parametrize("when", ["春节前后", "国庆节前后"])
def test_around_a_holiday_is_no_eve(form, when):
    assert item(form, f"开展走访慰问。（完成时限：{when}）").fields.deadline is None
    assert item(form, f"{when}开展走访慰问困难群众。").fields.deadline is None


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_before_a_holiday_is_its_eve(form):
    assert item(form, "开展走访慰问。（完成时限：国庆节前）").fields.deadline == D(YEAR, 9, 30)
