"""The shapes the fifty-third held-out set (d443–d450) showed the importer did not follow, in made-up words,
one section per cause: a task and its tail joined by a run of dot leaders, as Word prints a list of tasks
("1．春耕备耕……………农业服务中心　3月20日前") under a legend naming the tail's parts; a task division drawn
as pandoc grid tables (+---+ rules, cells over several lines)."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import md_reader, readers

from .test_held_out50_shapes import held

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- dot leaders between a task and the tail a legend names -----------------------------------------

LEADERS = [
    "白沙镇2026年上半年重点工作任务一览",
    "注：每项任务后依次为责任单位和完成时限。",
    "一、重点任务",
    "1．修缮村级文化广场2处……………………镇文化站、各村　4月30日前",
    "2．开展防溺水宣传·························镇教育办　长期",
    "3．清理河道漂浮物．．．．．．．．．．．．镇水利站　5月15日前",
    "4．完成农房安全排查... 镇村建办　6月30日",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_run_of_dot_leaders_parts_a_task_from_the_tail_its_legend_names(form):
    plan = form("\n".join(LEADERS))
    assert [item.title for item in plan.leaves()] == [
        "修缮村级文化广场2处",
        "开展防溺水宣传",
        "清理河道漂浮物",
        "完成农房安全排查",
    ]
    given = held(plan)
    assert [given[n].responsible_units for n in ("1．", "2．", "3．", "4．")] == [
        ["镇文化站", "各村"], ["镇教育办"], ["镇水利站"], ["镇村建办"],
    ]  # fmt: skip
    assert [given[n].deadline for n in ("1．", "3．", "4．")] == [D(2026, 4, 30), D(2026, 5, 15), D(2026, 6, 30)]
    assert given["2．"].ongoing
    assert [(i.value, i.unit) for i in plan.leaves()[0].indicators] == [(2, "处")]


def test_dot_leaders_whose_gap_before_the_date_a_pdf_lost_still_part_the_tail():
    # A PDF's text keeps the leaders but loses the full-width space: "镇文化站、各村4月30日前", "镇教育办长期".
    lines = [*LEADERS[:3], "1．修缮村级文化广场……………………镇文化站、各村4月30日前", "2．开展防溺水宣传………………镇教育办长期"]
    plan = as_txt("\n".join(lines))
    assert [item.title for item in plan.leaves()] == ["修缮村级文化广场", "开展防溺水宣传"]
    given = held(plan)
    assert [given[n].responsible_units for n in ("1．", "2．")] == [["镇文化站", "各村"], ["镇教育办"]]
    assert given["1．"].deadline == D(2026, 4, 30)
    assert given["2．"].ongoing


def test_without_a_legend_dot_leaders_and_their_tail_stay_the_tasks_text():
    # The opposite fact: no line says what follows the leaders, so nothing after them is read as a field.
    plan = as_txt("\n".join([LEADERS[0], *LEADERS[2:4]]))
    assert plan.leaves()[0].fields.responsible_units == []
    assert "镇文化站" in plan.leaves()[0].title + "".join(plan.leaves()[0].content)


def test_an_ellipsis_in_a_tasks_sentence_is_no_gap_under_a_legend():
    # The opposite fact: "……" inside the sentence, no units and date after it, leaves the task as written.
    lines = [*LEADERS[:3], "1．开展“进村入户”宣讲……让政策家喻户晓。"]
    plan = as_txt("\n".join(lines))
    assert plan.leaves()[0].title.startswith("开展“进村入户”宣讲……")
    assert plan.leaves()[0].fields.responsible_units == []


# --- a pandoc grid table ----------------------------------------------------------------------------

GRID = [
    "# 青溪县文化馆2026年重点任务分工",
    "",
    "## 一、阵地建设",
    "",
    "+------+------------------------------+----------------+----------------+--------------+",
    "| 序号 | 工作任务                     | 牵头单位       | 配合单位       | 完成时限     |",
    "+======+==============================+================+================+==============+",
    "| 1    | 建设城市书房。完成选址和     | 阅读推广部     | 县住建局       | 2026年9月底前|",
    "|      | 装修，新增座位120个。        |                | 各乡镇         |              |",
    "+------+------------------------------+----------------+----------------+--------------+",
    "| 2    | 开展非遗进校园活动。         | 非遗保护部     | —              | 长期坚持     |",
    "+------+------------------------------+----------------+----------------+--------------+",
    "",
    "## 二、工作要求",
    "",
    "各部室要细化措施，按月报送进展。",
]


@pytest.mark.parametrize("form", [md_reader(YEAR), as_txt, as_paste])
def test_a_grid_table_is_read_as_a_table_its_cells_lines_joined(form):
    plan = form("\n".join(GRID))
    assert [(root.number, [child.number for child in root.children]) for root in plan.roots] == [("一、", ["1", "2"])]
    first, second = plan.leaves()
    assert (first.title, second.title) == ("建设城市书房", "开展非遗进校园活动")
    assert first.fields.lead_units == ["阅读推广部"]
    assert first.fields.cooperating_units == ["县住建局", "各乡镇"]
    assert first.fields.deadline == D(2026, 9, 30)
    assert [(i.value, i.unit) for i in first.indicators] == [(120, "个")]
    assert (second.fields.cooperating_units, second.fields.ongoing) == ([], True)


def test_a_line_of_plus_and_hyphens_in_prose_is_no_table():
    # The opposite fact: a divider of +--- between paragraphs, a "|" in a sentence after it, opens no table.
    lines = [
        "青溪县文化馆2026年工作要点",
        "一、阵地建设",
        "1.建设城市书房。（牵头单位：阅读推广部）",
        "+------+------+",
        "| 以上内容请各部室对照落实 |",
        "2.开展非遗进校园活动。（牵头单位：非遗保护部）",
    ]
    plan = as_txt("\n".join(lines))
    assert [item.number for item in plan.leaves()] == ["1.", "2."]
    assert [item.fields.lead_units for item in plan.leaves()] == [["阅读推广部"], ["非遗保护部"]]
