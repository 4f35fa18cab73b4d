"""A table whose reading looks wrong is put to the office: the column read as the task repeats a few texts
down many rows beside a column of a different sentence a row (a category merged down taken for the task),
or most of its rows gave no item. Each doubt names what it saw and changes no reading; each case beside
its opposite."""

from __future__ import annotations

import pytest
from django.urls import reverse

from responsibility.importing.document import Node, Problem
from responsibility.importing.table_doubts import doubts
from tests.browser import plain_text
from tests.responsibility.importing.made import leaves, table_readers
from tests.responsibility.importing.test_review_page import imported

YEAR = 2027
TABLE_FORMS = ["xlsx", "paste"]
HEADER = ["序号", "重点任务", "工作目标", "责任单位", "完成时限"]
TARGETS = [
    "新建高标准农田2000亩，配套建设灌溉设施",
    "培育家庭农场6家，带动农户增收",
    "建成村级物流服务站8个，实现全覆盖",
    "完成河道清淤12公里，整治黑臭水体",
    "秸秆综合利用率达到92%以上，禁烧无火点",
    "新增造林绿化面积500亩，提升森林覆盖率",
]
UNITS = ["农业办", "农业办", "商务办", "环保站", "环保站", "林业站"]
CATEGORIES = ["乡村振兴"] * 3 + ["生态环保"] * 3


def body(tasks: list[str]) -> list[list[str]]:
    return [
        [str(n), task, target, unit, "2027年12月底前"]
        for n, (task, target, unit) in enumerate(zip(tasks, TARGETS, UNITS, strict=True), 1)
    ]


def items(count: int) -> list[Node]:
    return [Node(str(n), 1, f"任务{n}", n + 1) for n in range(1, count + 1)]


def said(rows: list[list[str]], columns: dict[str, int], roots: list[Node], left_out: int = 0) -> list[str]:
    rows_out = [Problem(n, "", "") for n in range(left_out)]
    return [problem.message for problem in doubts(HEADER, rows, columns, roots, rows_out, 1)]


COLUMNS = {"number": 0, "title": 1, "target": 2, "responsible_units": 3, "deadline": 4}
REPEATED = (
    "“重点任务”列被读作工作任务，但它在 6 行中只有 2 种内容；"
    "“工作目标”列各行内容不同，工作任务可能在该列。请核对各事项。"
)


# --- the task column repeating itself beside a column of sentences --------------------------------------


def test_a_category_filled_down_the_task_column_beside_sentences_is_a_doubt():
    assert said(body(CATEGORIES), COLUMNS, items(6)) == [REPEATED]


def test_a_category_written_once_over_its_rows_is_a_doubt_too():
    written_once = ["乡村振兴", "", "", "生态环保", "", ""]
    assert said(body(written_once), COLUMNS, items(2), left_out=4) == [REPEATED]


SEVEN = [*TARGETS, "开展平安建设宣传进社区活动12场次"]


def seven(tasks: list[str]) -> list[list[str]]:
    return [
        [str(n), task, target, "综治中心", "长期"] for n, (task, target) in enumerate(zip(tasks, SEVEN, strict=True), 1)
    ]


def test_a_group_merged_down_over_pairs_of_rows_is_a_doubt():
    # Four groups over seven rows: more than half the rows differ, but three say the group of the row above.
    groups = ["矛盾化解", "矛盾化解", "重点人群", "", "隐患整治", "隐患整治", "平安宣传"]
    assert said(seven(groups), COLUMNS, items(7)) == [
        "“重点任务”列被读作工作任务，但它在 7 行中只有 4 种内容；"
        "“工作目标”列各行内容不同，工作任务可能在该列。请核对各事项。"
    ]


def test_one_task_said_twice_among_seven_is_no_doubt():
    tasks = ["农田建设", "农田建设", "家庭农场", "物流站点", "河道清淤", "秸秆禁烧", "平安宣传"]
    assert said(seven(tasks), COLUMNS, items(7)) == []


def test_distinct_tasks_beside_their_targets_are_no_doubt():
    tasks = ["高标准农田建设", "家庭农场培育", "物流站点建设", "河道清淤", "秸秆禁烧", "造林绿化"]
    assert said(body(tasks), COLUMNS, items(6)) == []


def test_a_category_read_as_the_heading_over_the_sentences_is_no_doubt():
    # The right reading of the same table: the category a heading, the sentences the tasks.
    columns = {"number": 0, "heading:1": 1, "title": 2, "responsible_units": 3, "deadline": 4}
    assert said(body(CATEGORIES), columns, items(6)) == []


def test_a_task_merged_down_over_its_units_shares_read_as_one_item_is_no_doubt():
    # "工作任务" merged over each unit's own target: one item a task, the rows its units' shares.
    assert said(body(CATEGORIES), COLUMNS, items(2)) == []


def test_a_repeated_task_beside_no_column_of_sentences_is_no_doubt():
    rows = [[number, task, "", unit, deadline] for number, task, _target, unit, deadline in body(CATEGORIES)]
    assert said(rows, COLUMNS, items(6)) == []


def test_a_short_table_is_too_small_to_say_its_task_repeats():
    assert said(body(CATEGORIES)[:5], COLUMNS, items(5)) == []


# --- most rows giving no item ------------------------------------------------------------------------------


def test_most_rows_left_out_is_a_doubt():
    tasks = ["高标准农田建设", "", "", "", ""]
    assert said(body(tasks + ["造林绿化"])[:5], COLUMNS, items(1), left_out=4) == [
        "表格的 5 行中有 4 行没有读出事项，工作任务列可能没有读对，请核对表格的各列。"
    ]


def test_a_few_rows_left_out_are_no_doubt():
    tasks = ["高标准农田建设", "家庭农场培育", "物流站点建设", "", ""]
    assert said(body(tasks + ["造林绿化"])[:5], COLUMNS, items(3), left_out=2) == []


def test_a_sum_row_left_out_is_not_counted_among_the_rows_left_out():
    tasks = ["高标准农田建设", "家庭农场培育", "", "", ""]
    rows = [*body(tasks + ["造林绿化"])[:5], ["合计", "", "", "", "100"]]
    assert said(rows, COLUMNS, items(2), left_out=4) == [
        "表格的 5 行中有 3 行没有读出事项，工作任务列可能没有读对，请核对表格的各列。"
    ]


def test_a_sum_row_is_not_counted_among_the_rows():
    rows = body(CATEGORIES) + [["合计", "", "", "", ""], ["合计", "6项", "", "", ""]]
    assert said(rows, COLUMNS, items(6)) == [REPEATED]


# --- through the importer and the review page -----------------------------------------------------------

MISREAD = [HEADER, *body(CATEGORIES)]
MERGED_ONCE = [HEADER, *body(["乡村振兴", "", "", "", "", ""])[:5]]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_the_importer_puts_a_repeated_task_column_to_the_office(form):
    plan = table_readers(YEAR)[form](MISREAD)
    assert [warning.message for warning in plan.warnings if "重点任务" in warning.message] == [REPEATED]
    # The doubt changes no reading: the table reads as it did, each row an item.
    assert len(leaves(plan)) == 6


def test_the_importer_puts_a_table_of_rows_left_out_to_the_office():
    plan = table_readers(YEAR)["paste"](MERGED_ONCE)
    assert "表格的 5 行中有 4 行没有读出事项，工作任务列可能没有读对，请核对表格的各列。" in [
        warning.message for warning in plan.warnings
    ]


GROUPED = [
    ["序号", "考核类别", "考核内容及目标", "分值", "责任单位", "完成时限"],
    *[
        [str(n), category, target, "5", unit, "2027年12月底前"]
        for n, (category, target, unit) in enumerate(zip(CATEGORIES, TARGETS, UNITS, strict=True), 1)
    ],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_category_column_read_as_the_heading_gives_no_doubt(form):
    plan = table_readers(YEAR)[form](GROUPED)
    assert [item.title for item in leaves(plan)] == TARGETS
    assert not [
        warning for warning in plan.warnings if "工作任务列" in warning.message or "列被读作" in warning.message
    ]


STAGES = [
    ["序号", "工作任务", "阶段目标", "责任单位", "完成时限"],
    ["1", "建设城东污水处理厂", "完成土建施工", "区水务局", "2027年6月底前"],
    ["", "", "完成设备安装调试", "区水务局", "2027年9月底前"],
    ["", "", "通水试运行", "区水务局", "2027年11月底前"],
    ["2", "改造老旧供水管网", "完成管网勘察设计", "区住建局", "2027年5月底前"],
    ["", "", "完成管网铺设", "区住建局", "2027年10月底前"],
    ["", "", "通过竣工验收", "区住建局", "2027年12月底前"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_rows_read_as_stages_of_the_task_above_are_no_doubt(form):
    plan = table_readers(YEAR)[form](STAGES)
    assert [item.title for item in leaves(plan)] == ["建设城东污水处理厂", "改造老旧供水管网"]
    assert plan.warnings == []


def test_the_review_page_shows_the_doubt(cast, django_capture_on_commit_callbacks):
    text = "\n".join("\t".join(row) for row in MISREAD)
    browser, job = imported(cast, django_capture_on_commit_callbacks, text)
    page = plain_text(browser.get(reverse("plans:review", args=[job.plan_id])))
    assert REPEATED in page
