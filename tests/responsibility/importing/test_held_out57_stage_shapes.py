"""The shapes the fifty-seventh held-out set's d478 and d480 showed the importer did not follow, in made-up words,
one section per cause: an item whose dates are the stage lines under it ("一季度：完成审批" … "四季度：完成验收", or
by month) is due when its last stage ends; a quarter closing a unit label's value ("县民政局、一季度") is when, no
unit; a plan whose title, 文号 and date name no year is of the year most of its deadlines name. Beside each, its
opposite: a last stage that goes on, a deadline of the item's own, a report's progress by quarter, a unit whose
name holds 季, a title's year, a past event's year, a plan with no dates."""

from __future__ import annotations

import datetime
import re

import pytest

from responsibility.importing.fields import WHEN_OPENING_RE
from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

from .test_held_out50_shapes import held

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]
FORM_IDS = ["txt", "paste", "docx"]


def items(plan) -> dict[str, object]:
    return {item.number: item for item in leaves(plan)}


# --- stage lines under an item ----------------------------------------------------------------------------

PROJECTS = """# 南山县2025年重点项目清单

## 一、基础设施

**1. 城南体育公园建设**

- 牵头单位：县文体局
- 年度目标：建成足球场4片。
- 推进节奏：
  - 一季度：完成方案设计
  - 二季度：完成招标
  - 三季度：场地平整

**2. 城北水厂扩建**

- 牵头单位：县水务局
- 推进节奏：
  - 二季度：设备采购
  - 第四季度末：通水试运行
"""


def test_an_items_quarter_stages_give_the_last_quarters_end_as_its_deadline():
    found = items(as_md(PROJECTS))
    assert found["1."].fields.deadline == D(YEAR, 9, 30)
    assert found["2."].fields.deadline == D(YEAR, 12, 31)
    assert [due for due, _stage in found["1."].fields.milestones] == [D(YEAR, 3, 31), D(YEAR, 6, 30), D(YEAR, 9, 30)]
    # The stages stay the item's text, each a line of its own.
    assert found["1."].content[-3:] == ["一季度：完成方案设计", "二季度：完成招标", "三季度：场地平整"]


def stages_plan(*lines: str) -> str:
    return "\n".join(["某镇2025年重点工作安排", "一、人居环境", "1.建设污水处理站。", "责任单位：镇建设办", *lines])


@pytest.mark.parametrize("form", TEXT_FORMS, ids=FORM_IDS)
def test_an_items_month_stages_give_the_last_months_end(form):
    item = leaves(form(stages_plan("4月底前：完成选址", "7月：主体施工", "10月：完成验收")))[0]
    assert item.fields.deadline == D(YEAR, 10, 31)
    assert item.fields.responsible_units == ["镇建设办"]


@pytest.mark.parametrize("form", TEXT_FORMS, ids=FORM_IDS)
def test_a_label_alone_over_the_stages_gives_the_last_stage_not_the_first(form):
    item = leaves(form(stages_plan("进度安排：", "一季度：完成选址", "三季度：完成建设")))[0]
    assert item.fields.deadline == D(YEAR, 9, 30)


def test_one_dated_line_under_an_item_is_a_step_not_its_deadline():
    item = leaves(as_paste(stages_plan("3月：召开现场推进会")))[0]
    assert item.fields.deadline is None
    assert item.content == ["3月：召开现场推进会"]
    # Under a label alone, the one line is the label's value, as before.
    labelled = leaves(as_paste(stages_plan("进度安排：", "9月底前：完成建设")))[0]
    assert labelled.fields.deadline == D(YEAR, 9, 30)


@pytest.mark.parametrize("form", TEXT_FORMS, ids=FORM_IDS)
def test_a_last_stage_that_goes_on_makes_the_item_go_on(form):
    item = leaves(form(stages_plan("一季度：完成选址", "二季度：建成投用", "长期：常态化运营维护")))[0]
    assert (item.fields.deadline, item.fields.ongoing) == (None, True)


@pytest.mark.parametrize("form", TEXT_FORMS, ids=FORM_IDS)
def test_an_items_own_deadline_wins_over_its_stages(form):
    item = leaves(form(stages_plan("完成时限：2025年11月底前", "一季度：完成选址", "二季度：完成建设")))[0]
    assert item.fields.deadline == D(YEAR, 11, 30)


def test_a_reports_progress_by_quarter_is_no_stage():
    plan = as_paste(stages_plan("工作进度：", "一季度：完成选址", "二季度：主体完工60%"))
    assert leaves(plan)[0].fields.deadline is None
    done = as_paste(stages_plan("一季度：完成了选址", "二季度：已完成主体施工"))
    assert leaves(done)[0].fields.deadline is None


def test_quarter_lines_right_under_a_heading_are_its_items_due_by_each_quarters_end():
    lines = ["某镇2025年重点工作安排", "一、季度工作安排", "一季度：召开动员会议。", "二季度：开展集中整治。"]
    plan = as_paste("\n".join(lines))
    assert [(item.title, item.fields.deadline) for item in leaves(plan)] == [
        ("召开动员会议", D(YEAR, 3, 31)),
        ("开展集中整治", D(YEAR, 6, 30)),
    ]


# --- a quarter closing a unit label's value ---------------------------------------------------------------


def units_plan(assignment: str) -> str:
    return "\n".join(["某县2025年民生实事", "一、养老服务", f"1.建设养老服务中心。{assignment}"])


@pytest.mark.parametrize("form", TEXT_FORMS, ids=FORM_IDS)
@pytest.mark.parametrize(
    ("when", "deadline"),
    [("一季度", D(YEAR, 3, 31)), ("第二季度", D(YEAR, 6, 30)), ("三季度末", D(YEAR, 9, 30))],
)
def test_a_quarter_closing_a_unit_label_is_when_not_a_unit(form, when, deadline):
    given = held(form(units_plan(f"责任单位：县民政局、{when}")))["1."]
    assert (given.responsible_units, given.deadline) == (["县民政局"], deadline)


@pytest.mark.parametrize("name", ["四季青社区", "季华街道"])
def test_a_unit_whose_name_holds_ji_stays_a_unit(name):
    given = held(as_txt(units_plan(f"责任单位：县民政局、{name}")))["1."]
    assert (given.responsible_units, given.deadline) == (["县民政局", name], None)


def test_a_quarter_opens_a_when_as_a_month_does():
    assert all(WHEN_OPENING_RE.match(when) for when in ("一季度", "第二季度", "三季度末", "四季度前"))
    assert not any(WHEN_OPENING_RE.match(name) for name in ("四季青社区", "季华街道", "一中"))


# --- the plan's year from its deadlines -------------------------------------------------------------------

TABLES = table_readers(2026)  # imported under another year, so that the importer says which it read


def year_said(plan) -> int | None:
    """The year the importer says the document names, where it differs from the one chosen (2026)."""
    for warning in plan.warnings:
        if "2026" in warning.message:
            years = [int(year) for year in re.findall(r"(\d{4})\s*年", warning.message) if year != "2026"]
            if years:
                return years[0]
    return None


def rectification(title: str, deadlines: list[str]) -> list[list[str]]:
    return [
        [title, "", "", ""],
        ["序号", "存在问题", "整改时限", "责任单位"],
        *[[str(number), f"问题{number}整改不到位。", due, "镇综治办"] for number, due in enumerate(deadlines, 1)],
    ]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_plan_naming_no_year_is_of_the_year_most_of_its_deadlines_name(form):
    deadlines = ["2024年6月30日前", "2024年9月30日前", "2025年3月31日前", "立行立改"]
    rows = rectification("某镇巡察反馈问题整改清单", deadlines)
    assert year_said(TABLES[form](rows)) == 2024


def test_a_titles_year_wins_over_its_deadlines():
    rows = rectification("某镇2025年巡察反馈问题整改清单", ["2026年3月31日前", "2026年6月30日前", "2025年12月31日前"])
    assert year_said(TABLES["xlsx"](rows)) == 2025


def test_deadlines_read_in_the_chosen_year_give_no_year():
    # "6月30日前" names no year: it was read in the year chosen, and says nothing of the plan's.
    rows = rectification("某镇巡察反馈问题整改清单", ["6月30日前", "9月30日前"])
    assert year_said(TABLES["xlsx"](rows)) is None


def test_a_past_events_year_gives_no_year():
    text = "\n".join(["某镇安全生产工作安排", "一、隐患排查", "1.巩固2023年以来排查整治成果。责任单位：镇应急办"])
    plan = readers(2026)[1](text)
    assert year_said(plan) is None


def test_a_plan_with_no_dates_keeps_no_year():
    rows = rectification("某镇巡察反馈问题整改清单", ["立行立改", "长期坚持"])
    assert year_said(TABLES["xlsx"](rows)) is None
