"""Wrong readings a review of the session's importer found, in made-up words, one section per finding,
each beside the shape its rule was made for, still read."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Fields
from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)


def leaves(plan) -> list[tuple[str, list[str], datetime.date | None]]:
    """Each item's number, lead units and deadline in reading order, with what its headings give, as
    ``build`` writes them."""
    found = []

    def walk(nodes, above: Fields) -> None:
        for node in nodes:
            fields = node.fields.below(above)
            if node.children:
                walk(node.children, fields)
            else:
                found.append((node.number, fields.lead_units, fields.deadline))

    walk(plan.roots, Fields())
    return found


# --- several "以上各项，…" lines in one section: each for the items since the last -----------------

TWO_CLOSINGS = """关于2025年重点工作的通知
一、优化营商环境
1.推进政务服务一网通办。
2.压缩企业开办时间。
{first}
3.开展涉企收费检查。
4.清理拖欠企业账款。
以上各项，牵头单位：县财政局；完成时限：9月底前。
二、推进产业发展
1.县发改局牵头，推进项目建设，12月底前完成。
"""
CENTRE, FINANCE = ["县政务服务中心"], ["县财政局"]
CLOSINGS = ["以上各项，牵头单位：县政务服务中心；完成时限：6月底前。", "以上各项由县政务服务中心牵头，6月底前完成。"]


@pytest.mark.parametrize("first", CLOSINGS)
@pytest.mark.parametrize("read", [as_txt, as_docx])
def test_a_second_closing_line_in_a_section_gives_its_labels_to_the_items_since_the_first(read, first):
    plan = read(TWO_CLOSINGS.format(first=first))
    assert plan.roots[0].fields.lead_units == [] and plan.roots[0].fields.deadline is None
    assert leaves(plan)[:4] == [
        ("1.", CENTRE, D(2025, 6, 30)),
        ("2.", CENTRE, D(2025, 6, 30)),
        ("3.", FINANCE, D(2025, 9, 30)),
        ("4.", FINANCE, D(2025, 9, 30)),
    ]


def test_a_closing_line_with_items_after_it_is_not_the_sections():
    text = TWO_CLOSINGS.format(first="以上各项，牵头单位：县政务服务中心；完成时限：6月底前。").replace(
        "以上各项，牵头单位：县财政局；完成时限：9月底前。\n", ""
    )
    assert leaves(as_txt(text))[:4] == [
        ("1.", CENTRE, D(2025, 6, 30)),
        ("2.", CENTRE, D(2025, 6, 30)),
        ("3.", [], None),
        ("4.", [], None),
    ]


@pytest.mark.parametrize(
    "closing",
    ["以上各项，牵头单位：县政务服务中心；完成时限：6月底前。", "以上各项由县政务服务中心牵头，6月底前完成。"],
)
def test_the_first_and_only_closing_line_of_a_section_is_still_the_headings(closing):
    # The opposite fact: one line after all the items of its section is the heading's, either wording.
    text = "\n".join(TWO_CLOSINGS.format(first=closing).splitlines()[:5] + TWO_CLOSINGS.splitlines()[-2:])
    plan = as_txt(text)
    assert (plan.roots[0].fields.lead_units, plan.roots[0].fields.deadline) == (CENTRE, D(2025, 6, 30))
    assert leaves(plan) == [
        ("1.", CENTRE, D(2025, 6, 30)),
        ("2.", CENTRE, D(2025, 6, 30)),
        ("1.", ["县发改局"], D(2025, 12, 31)),
    ]


def test_a_second_closing_line_at_the_top_gives_only_the_items_after_the_first():
    plan = as_txt(
        "关于2025年重点工作的通知\n一、推进政务服务一网通办。\n二、压缩企业开办时间。\n"
        "以上工作，牵头单位：县政务服务中心；完成时限：6月底前。\n三、开展涉企收费检查。\n"
        "以上，责任单位：县市场监管局。\n"
    )
    units = {node.number: node.fields.responsible_units for node in plan.roots}
    assert units == {"一、": [], "二、": [], "三、": ["县市场监管局"]}
    assert [node.fields.lead_units for node in plan.roots] == [CENTRE, CENTRE, []]


# --- a start and how often: a task that recurs, no deadline -------------------------------------

SPAN_LINES = [
    "桂林街道2025年第二季度工作安排",
    "一、民生服务",
    "1.开展社区巡查。",
    "责任单位：城管中队　完成时间：{}",
]


def due(when: str) -> datetime.date | None:
    lines = [*SPAN_LINES[:3], SPAN_LINES[3].format(when)]
    return dict((number, deadline) for number, _lead, deadline in leaves(as_txt("\n".join(lines))))["1."]


@pytest.mark.parametrize("when", ["自6月1日起，3天一次", "自9月1日起，两周一次", "自6月1日起，每周一次"])
def test_a_start_and_how_often_is_read_as_how_often_alone(when):
    # Not the span's end (06-03, 09-14), not the start: what "每周一次" alone gives, the plan's quarter's end.
    assert due(when) == due("每周一次") == D(2025, 6, 30)


@pytest.mark.parametrize("when", ["自6月1日起，每日开展巡查", "自6月1日起，每周调度", "自7月起，每两周"])
def test_a_start_and_every_day_or_week_is_not_a_deadline(when):
    # "每" alone says the work recurs, 次 or none: read as the rest alone, not due on its start (06-01).
    assert due(when) == due(when.split("，", 1)[1]) == D(2025, 6, 30)


@pytest.mark.parametrize(
    "when, deadline",
    [
        ("自6月1日起，每日巡查，9月底前完成", D(2025, 9, 30)),
        ("自6月1日起，30日内完成", D(2025, 6, 30)),
        ("自4月1日起，用两个月时间完成", D(2025, 5, 31)),
        ("自11月15日起两周内完成", D(2025, 11, 28)),
        ("自6月1日起，每周两次，9月底前完成", D(2025, 9, 30)),
    ],
)
def test_a_start_and_a_span_or_an_end_is_still_due(when, deadline):
    # The opposite fact: a span from the start ends on its last day; a date to finish by still counts.
    assert due(when) == deadline
