"""Two readings new with the sixth session's merge the reviewer found wrong (findings 3 and 5), in made-up words.
A span label (起止时间, 起止日期) whose value names only when the work begins ("2026年3月开工", "2026年5月1日起",
"2026年3月起") gives no deadline: its one date is a start, as it was before the label was read; a span with two
ends still ends on its deadline. A measure under 保障措施 that names a unit, a day and a figure together ("县财政局
于2026年4月底前拨付专项资金3000万元") is a task, though the measures around it are guidance; a unit and a date to
report by alone stay guidance. Beside each, the near-miss that keeps its reading."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]


# --- a span label with only a start --------------------------------------------------------------------------


def span_plan(time_line: str) -> str:
    return "\n".join(
        [
            "青禾镇2026年集镇风貌提升工作方案",
            "为改善集镇面貌，制定本方案。",
            "一、重点任务",
            "（一）改造临街立面。改造沿街店面外墙45户。",
            f"牵头单位：镇规划办；配合单位：各社区；{time_line}",
            "（二）整修背街小巷。整修小巷路面3公里。",
            "牵头单位：镇建设办；完成时限：2026年11月底前",
        ]
    )


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "time_line",
    ["起止时间：2026年3月开工", "起止日期：2026年5月1日起", "起止时间：2026年3月起", "起讫时间：自2026年6月"],
)
def test_a_span_label_naming_only_the_start_gives_no_deadline(form, time_line):
    items = form(span_plan(time_line)).leaves()
    assert [item.fields.deadline for item in items] == [None, D(2026, 11, 30)]
    assert items[0].fields.lead_units == ["镇规划办"]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("time_line", "end"),
    [
        ("起止时间：2026年3月—2026年8月", D(2026, 8, 31)),
        ("起止日期：2026年5月1日至9月15日", D(2026, 9, 15)),
        ("起止时间：2026年3月开工，2026年10月完工", D(2026, 10, 31)),
        ("完成时限：2026年7月底前", D(2026, 7, 31)),
    ],
)
def test_a_span_label_with_two_ends_or_a_due_label_still_gives_the_deadline(form, time_line, end):
    # The opposite: a span with both ends ends on its deadline; a by-when label's one date is its deadline.
    items = form(span_plan(time_line)).leaves()
    assert [item.fields.deadline for item in items] == [end, D(2026, 11, 30)]


# --- a measure under 保障措施 that pledges a figure by a date -------------------------------------------------


def measures_plan(second: str) -> str:
    return "\n".join(
        [
            "青禾镇2026年农村饮水安全巩固提升方案",
            "为保障群众饮水安全，制定本方案。",
            "一、重点任务",
            "1.改造老旧供水管网。改造管网18公里。（镇水务站负责，2026年9月底前完成）",
            "2.建设水质检测室。新建检测室2个。（镇卫生院负责，2026年10月底前完成）",
            "二、保障措施",
            "（一）加强组织协调。成立镇饮水安全工作专班，统筹推进各项工作。",
            second,
            "（三）严格督查问效。将工作推进情况纳入村级年度考核。",
        ]
    )


@pytest.mark.parametrize("form", FORMS)
def test_a_measure_naming_a_unit_a_day_and_a_figure_is_a_task(form):
    parsed = form(measures_plan("（二）落实建设资金。镇财政所于2026年5月底前拨付工程资金450万元。"))
    assert "保障措施" in [root.title for root in parsed.roots]
    pledged = [item for item in parsed.leaves() if "450万元" in item.title + "".join(item.content)]
    assert len(pledged) == 1
    assert pledged[0].fields.responsible_units == ["镇财政所"]
    assert pledged[0].fields.deadline == D(2026, 5, 31)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "second",
    [
        "（二）落实建设资金。镇财政所统筹安排工程资金，专款专用。",  # a unit, no day, no figure
        "（二）做好总结报送。各村11月20日前将年度总结报镇水务站。",  # a unit and a day to report by, no figure
    ],
)
def test_measures_without_a_pledged_figure_stay_guidance(form, second):
    # The opposite: a unit, or a unit and a date to report by, is how the work is backed, no task.
    parsed = form(measures_plan(second))
    assert "保障措施" in [section.node.title for section in parsed.guidance]
    assert [root.title for root in parsed.roots] == ["重点任务"]
