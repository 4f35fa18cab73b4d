"""The shapes the twenty-third held-out set (d203–d210) showed the importer did not follow, in made-up
words, one section per cause: a table of proposals handed out to be handled, numbered by its own
提案编号 column and named by its 提案标题 (no 序号, no 工作任务 column)."""

from __future__ import annotations

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.tables import column_key
from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_md(text: str):
    return parse(read("分解表.md", text.encode("utf-8")), YEAR)


# --- proposals handed out: their own number and title columns -------------------------------------

PROPOSALS = [
    "# 青河县政协提案办理分工表",
    "",
    "| 提案编号 | 提案标题 | 提案人 | 主办单位 | 协办单位 | 办结时间 |",
    "|---|---|---|---|---|---|",
    "| 第5号 | 关于完善乡村客运班线的提案 | 王青山 | 县交通局 | 县财政局 | 2026年7月31日 |",
    "| 第12号 | 关于加强河道采砂管理的提案 | 赵丽 | 县水利局 |  | 2026年9月30日 |",
]


def test_a_table_of_proposals_numbers_and_names_its_items_by_its_own_columns():
    items = leaves(as_md("\n".join(PROPOSALS)))
    assert [(item.number, item.title) for item in items] == [
        ("第5号", "关于完善乡村客运班线的提案"),
        ("第12号", "关于加强河道采砂管理的提案"),
    ]
    assert items[0].fields.lead_units == ["县交通局"]
    assert items[0].fields.cooperating_units == ["县财政局"]
    assert items[1].fields.deadline.isoformat() == "2026-09-30"


@pytest.mark.parametrize(("header", "key"), [("提案编号", "number"), ("建议题目", "task"), ("议案标题", "task")])
def test_a_proposals_number_and_title_name_columns(header, key):
    assert column_key(header) == key


@pytest.mark.parametrize("header", ["证书编号", "整改建议", "标题", "建议"])
def test_other_numbers_and_suggestions_name_no_such_column(header):
    assert column_key(header) not in ("number", "task")
