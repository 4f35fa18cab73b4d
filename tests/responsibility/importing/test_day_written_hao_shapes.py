"""A day written 号 ("10月15号前", a plainer hand than 日) is that day, as a deadline and as a stage's start; a
numbered thing after a month ("6月完成3号楼封顶", "9月开通2号线") is no day. In made-up words."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review5_shapes import deadlines

YEAR = 2027
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]


def library_plan(times: list[str]) -> str:
    lines = ["某镇2027年农家书屋提升工作要点", "一、重点任务"]
    tasks = ["（一）更新书屋图书。每个书屋补充新书200册。", "（二）开展阅读活动。组织亲子共读活动。"]
    for task, when in zip(tasks, times, strict=True):
        lines += [task, f"责任单位：镇文化站；完成时限：{when}"]
    return "\n".join([*lines, "某镇人民政府", "2027年1月20日"])


@pytest.mark.parametrize("form", FORMS)
def test_a_day_written_hao_is_that_day(form):
    assert deadlines(form(library_plan(["2027年10月15号前", "十一月二十号前"]))) == [D(YEAR, 10, 15), D(YEAR, 11, 20)]


@pytest.mark.parametrize("form", FORMS)
def test_a_day_written_ri_reads_as_before(form):
    assert deadlines(form(library_plan(["2027年10月15日前", "十一月二十日前"]))) == [D(YEAR, 10, 15), D(YEAR, 11, 20)]


@pytest.mark.parametrize(
    "text",
    [
        "6月完成3号楼主体封顶",
        "9月开通2号线接驳公交",
        "5月前建成1号馆",
        "8月底前清理2号仓库",
        "9月3号路全线通车",
        "12月1号、2号楼交付",
        "7月5号地块完成出让",
    ],
)
def test_a_numbered_thing_after_a_month_is_no_day(text):
    month = int(text[: text.index("月")])
    (date,) = fields.find_dates(text, YEAR)
    assert date.month == month and date.day >= 28


def stage_plan(start: str) -> str:
    return "\n".join(
        [
            "某镇2027年书屋提升方案",
            "一、重点任务",
            "（一）摸底登记。登记全镇书屋藏书。",
            "责任单位：镇文化站；完成时限：摸底阶段",
            "（二）集中提升。补充图书，改善设施。",
            "责任单位：镇文化站；完成时限：提升阶段",
            "二、实施步骤",
            "（一）摸底阶段（2027年3月1日起）。逐个书屋登记。",
            f"（二）提升阶段（{start}）。分批采购图书。",
            "某镇人民政府",
            "2027年2月1日",
        ]
    )


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_stage_starting_on_a_hao_day_closes_the_stage_before_on_the_eve(form):
    assert deadlines(form(stage_plan("5月15号起")))[0] == D(YEAR, 5, 14)


@pytest.mark.parametrize(
    ("text", "day"),
    [("10月15号（周五）前报送", 15), ("10月15号上午完成验收", 15), ("自10月8号起开展", 8), ("10月20号，全面完成", 20)],
)
def test_a_hao_day_before_a_bracket_a_time_of_day_or_a_stop_is_that_day(text, day):
    (date,) = fields.find_dates(text, YEAR)
    assert (date.month, date.day) == (10, day)
