"""The shapes the fiftieth held-out set (d419–d426) showed the importer did not follow in text, in made-up
words, one section per cause: a line closing a section with labels for every item above it
("以上各项，牵头单位：…；完成时限：…"); a deadline given as a start and how long the work takes
("自4月1日起，用两个月时间完成")."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Fields
from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def held(plan) -> dict[str, Fields]:
    """Each item's fields by its number, with what its headings give, as ``build`` writes them."""
    given: dict[str, Fields] = {}
    stack = [(root, Fields()) for root in plan.roots]
    while stack:
        node, above = stack.pop()
        fields = node.fields.below(above)
        if not node.children:
            given[node.number] = fields
        stack.extend((child, fields) for child in node.children)
    return given


# --- a section's closing field line -------------------------------------------------------------

CLOSING_LINES = [
    "青溪镇2025年河道管护工作方案",
    "一、重点任务",
    "（一）清理河道",
    "1.清理河道垃圾，完成河道保洁12公里。",
    "2.拆除河道违建。（完成时限：2025年3月31日前）",
    "以上各项，牵头单位：镇水利站；责任单位：各村；完成时限：2025年5月31日前。",
    "（二）加强巡查",
    "3.开展河道巡查。",
    "4.建立巡查台账。（配合单位：镇派出所）",
    "上述工作，责任单位：镇河长办；完成时限：2025年12月31日前。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_line_closing_a_section_gives_its_labels_to_every_item_above_it(form):
    given = held(form("\n".join(CLOSING_LINES)))
    assert [given[n].lead_units for n in ("1.", "2.", "3.")] == [["镇水利站"], ["镇水利站"], []]
    assert [given[n].responsible_units for n in ("1.", "2.", "3.", "4.")] == [
        ["各村"],
        ["各村"],
        ["镇河长办"],
        ["镇河长办"],
    ]
    # An item's own label wins for its field, and the section's fill the rest.
    assert [given[n].deadline for n in ("1.", "2.", "3.", "4.")] == [
        D(2025, 5, 31), D(2025, 3, 31), D(2025, 12, 31), D(2025, 12, 31),
    ]  # fmt: skip
    assert given["4."].cooperating_units == ["镇派出所"]


def test_the_labels_of_a_closing_line_wrapped_onto_the_next_line_are_the_sections_too():
    # A PDF breaks a long closing line after a label's "；": the rest is no field line of the last item.
    lines = [*CLOSING_LINES[:5], "以上各项，牵头单位：镇水利站；", "责任单位：各村；完成时限：2025年5月31日前。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["各村"], ["各村"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 5, 31), D(2025, 3, 31)]


def test_a_closing_line_under_items_at_the_top_gives_each_its_labels():
    lines = ["青溪镇2025年河道管护工作要点", "1.清理河道垃圾。", "2.拆除河道违建。（责任单位：镇城管队）",
             "以上各项，责任单位：镇水利站；完成时限：2025年5月31日前。"]  # fmt: skip
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["镇水利站"], ["镇城管队"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 5, 31), D(2025, 5, 31)]


def test_a_field_line_under_an_item_stays_that_items_alone():
    # The opposite fact: labels with no "以上各项" before them are the item's above them, not its section's.
    lines = [*CLOSING_LINES[:5], "牵头单位：镇水利站；完成时限：2025年5月31日前。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].lead_units for n in ("1.", "2.")] == [[], ["镇水利站"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [None, D(2025, 5, 31)]


def test_a_closing_sentence_about_the_work_above_is_no_field_line():
    # "以上任务未注明完成时限的，…" states a default, not labels: read by the rules, as before.
    lines = [*CLOSING_LINES[:5], "以上任务未注明完成时限的，均须于2025年10月底前完成。"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 10, 31), D(2025, 3, 31)]


# --- a deadline given as a start and a span -------------------------------------------------------

SPAN_LINES = [
    "桂林街道2025年第二季度工作安排",
    "一、民生服务",
    "1.开展老年人健康体检。",
    "责任单位：卫生服务中心　完成时间：{}",
]


@pytest.mark.parametrize(
    "when, due",
    [
        ("自4月1日起，用两个月时间完成", D(2025, 5, 31)),
        ("5月10日起30天内完成", D(2025, 6, 8)),
        ("自3月起，用3个月时间完成", D(2025, 5, 31)),
        ("自11月15日起两周内完成", D(2025, 11, 28)),
    ],
)
def test_a_start_and_how_long_the_work_takes_is_due_on_the_spans_last_day(when, due):
    lines = [*SPAN_LINES[:3], SPAN_LINES[3].format(when)]
    assert held(as_txt("\n".join(lines)))["1."].deadline == due


@pytest.mark.parametrize(
    "when, due", [("自4月1日起实施，6月底前完成", D(2025, 6, 30)), ("4月1日起至6月30日", D(2025, 6, 30))]
)
def test_a_start_with_an_end_date_and_no_span_is_due_on_that_date(when, due):
    # The opposite fact: "起" with no count after it names the start only; the date it runs to is the deadline.
    lines = [*SPAN_LINES[:3], SPAN_LINES[3].format(when)]
    assert held(as_txt("\n".join(lines)))["1."].deadline == due


# --- parts in capital numerals, and tails that a legend names -------------------------------------

TAILS = [
    "青溪供电所2025年度夏保供工作方案",
    "说明：每项任务后依次列出责任部门和完成时间。",
    "壹、设备治理",
    "1.完成配电线路巡视，巡视覆盖率达到100%。　　　　设备部　　6月15日",
    "2.完成变压器增容改造8台。　　　　设备部、客服中心　　6月30日",
    "贰、应急保障",
    "3.储备应急发电车2台，可调节负荷不少于3万千瓦。　　　　安质部　　7月5日",
    "叁、工作要求",
    "各班组要高度重视，严格落实值班制度。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_parts_in_capital_numerals_are_headings_and_a_legend_names_the_tails_of_the_tasks(form):
    plan = form("\n".join(TAILS))
    assert [(root.number, [child.number for child in root.children]) for root in plan.roots] == [
        ("壹、", ["1.", "2."]), ("贰、", ["3."]),
    ]  # fmt: skip
    assert [section.node.title for section in plan.guidance] == ["工作要求"]
    given = held(plan)
    assert [given[n].responsible_units for n in ("1.", "2.", "3.")] == [["设备部"], ["设备部", "客服中心"], ["安质部"]]
    assert [given[n].deadline for n in ("1.", "2.", "3.")] == [D(2025, 6, 15), D(2025, 6, 30), D(2025, 7, 5)]
    assert plan.leaves()[2].title == "储备应急发电车2台，可调节负荷不少于3万千瓦"
    assert [(i.value, i.unit) for i in plan.leaves()[2].indicators] == [(2, "台"), (3, "万千瓦")]


def test_tails_whose_gaps_a_pdf_lost_are_read_after_the_sentence_and_on_the_line_under_it():
    lines = [*TAILS[:3], "1.完成配电线路巡视。设备部6月15日", "2.完成变压器增容改造8台。", "设备部、客服中心6月30日"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["设备部"], ["设备部", "客服中心"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 6, 15), D(2025, 6, 30)]


def test_without_a_legend_a_tail_after_a_gap_stays_the_tasks_text():
    # The opposite fact: no line says what the tail is, so nothing is read from it as a field.
    plan = as_txt("\n".join(TAILS[:1] + TAILS[2:5]))
    assert [item.fields.responsible_units for item in plan.leaves()] == [[], []]
    assert "设备部" in plan.leaves()[0].content[0]


def test_a_signature_with_its_dated_year_is_no_tail_even_under_a_legend():
    lines = [*TAILS[:4], "青溪供电所2025年5月20日"]
    given = held(as_txt("\n".join(lines)))
    assert given["1."].deadline == D(2025, 6, 15)


def test_a_capital_numeral_opening_a_name_is_no_number():
    plan = as_txt("\n".join(["青溪镇2025年工作要点", "一、重点工作", "1.建设壹号公园。", "2.完成道路改造。"]))
    assert [item.title for item in plan.leaves()] == ["建设壹号公园", "完成道路改造"]


def test_a_line_wrapped_inside_duiwu_is_no_fifth_part():
    # A PDF breaks "组建监督员队" / "伍，每个社区不少于3名": the comma after 伍 makes no number of it.
    lines = ["青溪街道2025年工作要点", "一、重点工作", "1.组建监督员队", "伍，每个社区不少于3名。", "2.开展专项审计。"]
    assert [item.number for item in as_txt("\n".join(lines)).leaves()] == ["1.", "2."]


# --- deadlines only in a closing table keyed by item number; a group's name over the title --------

SCHEDULE = [
    "青溪区普法工作协调小组",
    "",
    "青溪区2025年普法工作安排",
    "",
    "一、重点工作",
    "1.组织网上学法考试。（牵头单位：区司法局）",
    "2.开展宣讲活动不少于20场。（责任单位：区妇联）",
    "",
    "附：任务进度安排表",
    "",
    "任务序号\t阶段安排\t完成时间",
    "1\t5月、10月各组织一次\t2025年10月31日",
    "2\t上半年完成10场\t2025年11月30日",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_closing_schedule_keyed_by_item_number_gives_the_deadlines_not_its_stages(form):
    plan = form("\n".join(SCHEDULE))
    given = held(plan)
    assert [item.number for item in plan.leaves()] == ["1.", "2."]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 10, 31), D(2025, 11, 30)]
    assert given["2."].milestones == [(D(2025, 6, 30), "上半年完成10场")]
    assert plan.title == "青溪区2025年普法工作安排"


def test_a_schedule_without_a_time_column_gives_its_stages_last_date():
    # The opposite fact: with no 完成时间 beside them, the stages' last date is the deadline, as before.
    lines = [*SCHEDULE[:10], "任务序号\t阶段安排\t责任单位", "1\t10月底前完成\t区司法局", "2\t上半年完成10场\t区妇联"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 10, 31), D(2025, 6, 30)]


def test_a_groups_name_over_a_title_of_only_a_year_and_a_kind_is_the_titles_start():
    # The opposite fact: "2025年普法工作安排" does not name its place, so the group's line opens it.
    lines = ["青溪区普法工作协调小组", "2025年普法工作安排", *SCHEDULE[3:7]]
    assert as_txt("\n".join(lines)).title == "青溪区普法工作协调小组2025年普法工作安排"
