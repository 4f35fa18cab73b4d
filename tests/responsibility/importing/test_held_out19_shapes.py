"""The shapes the nineteenth held-out set (d171–d178) showed the importer did not follow, in made-up
words, one section per cause: a web table copied as text with every cell on its own line whose group
cell (a rowspan) is present only in the first row of its group."""

from __future__ import annotations

import pytest

from responsibility.importing.document import ImportRejected
from tests.responsibility.importing.made import readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _headings(plan):
    return [found for found, _depth in plan.walk() if found.children]


# --- a web table copied one cell a line, its group cell only in a group's first row ---------------------

PORTAL = [
    "白沙县人民政府网",
    "首页 > 信息公开 > 重点工作",
    "白沙县2025年重点民生项目分工表",
    "发布时间：2025-02-10 10:00    来源：县政府办",
    "分类",
    "序号",
    "项目名称",
    "建设内容",
    "牵头单位",
    "配合单位",
    "完成时限",
    "就业创业",
    "1",
    "零工市场建设",
    "建成零工市场2个",
    "县人社局",
    "各乡镇",
    "2025年7月底前",
    "2",
    "创业担保贷款",
    "发放创业担保贷款1亿元",
    "县人社局",
    "县财政局",
    "2025年12月底前",
    "交通出行",
    "3",
    "农村公路提升",
    "改造农村公路80公里",
    "县交通运输局",
    "",
    "2025年10月底前",
    "【打印】【关闭】",
    "主办：白沙县人民政府办公室",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_table_copied_one_cell_a_line_groups_its_rows_under_the_group_cells(read):
    plan = read("\n".join(PORTAL))
    assert [heading.title for heading in _headings(plan)] == ["就业创业", "交通出行"]
    items = _items(plan)
    assert [item.title for item in items] == ["零工市场建设", "创业担保贷款", "农村公路提升"]
    assert [item.fields.deadline.isoformat() for item in items] == ["2025-07-31", "2025-12-31", "2025-10-31"]
    assert items[1].fields.cooperating_units == ["县财政局"]
    assert items[2].fields.lead_units == ["县交通运输局"] and items[2].fields.cooperating_units == []


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_header_and_lines_that_are_no_rows_stay_text(read):
    # The opposite: the header's words, then lines whose numbers do not follow on from 1: no table.
    lines = [*PORTAL[:11], "就业创业", "零工市场建设", "建成零工市场2个", "县人社局", "2025年7月底前"]
    with pytest.raises(ImportRejected):
        read("\n".join(lines))
