"""The shape the forty-ninth held-out set (d411–d418) showed the importer did not follow, in made-up
words: a scoring list whose header names a group (考核项目, 考核类别) and no task, the group merged down
beside a column of the tasks' sentences named for targets (工作目标, 考核内容及目标), a 分值 on every row."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.responsibility.importing.made import leaves, table_readers

YEAR = 2027
D = datetime.date
TABLE_FORMS = ["xlsx", "paste"]


# --- a group merged down beside the tasks, in a scoring list ----------------------------------------

GROUPED = [
    ["青石镇2027年目标管理责任分解表", "", "", "", "", "", ""],
    ["序号", "考核项目", "工作目标", "分值", "责任领导", "责任单位", "完成时限"],
    ["1", "乡村振兴", "新建高标准农田2000亩", "10", "陈立", "农业办", "2027年10月底前"],
    ["2", "", "培育家庭农场6家", "8", "陈立", "农业办", "2027年11月底前"],
    ["3", "生态环保", "完成河道清淤12公里", "10", "赵敏", "环保站", "2027年9月底前"],
    ["4", "", "秸秆综合利用率达到92%以上", "6", "赵敏", "环保站", "2027年12月底前"],
    ["合计", "", "", "34", "", "", ""],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_group_merged_down_beside_the_targets_heads_them_and_each_target_is_an_item(form):
    plan = table_readers(YEAR)[form](GROUPED)
    assert [(root.title, [item.number for item in root.children]) for root in plan.roots] == [
        ("乡村振兴", ["1", "2"]),
        ("生态环保", ["3", "4"]),
    ]
    items = leaves(plan)
    assert [item.title for item in items] == [
        "新建高标准农田2000亩",
        "培育家庭农场6家",
        "完成河道清淤12公里",
        "秸秆综合利用率达到92%以上",
    ]
    assert [item.fields.points for item in items] == [Decimal(10), Decimal(8), Decimal(10), Decimal(6)]
    assert [item.fields.deadline for item in items] == [
        D(2027, month, days) for month, days in ((10, 31), (11, 30), (9, 30), (12, 31))
    ]
    assert [(i.value, i.unit) for i in items[2].indicators] == [(12, "公里")]
    assert any("考核项目" in warning.message for warning in plan.warnings)  # the review page says so


DISTINCT = [
    ["青石镇2027年目标管理责任分解表", "", "", "", ""],
    ["序号", "考核项目", "工作目标", "分值", "责任单位"],
    ["1", "高标准农田建设", "新建2000亩", "10", "农业办"],
    ["2", "家庭农场培育", "新增6家", "8", "农业办"],
    ["3", "河道清淤疏浚", "完成12公里", "10", "环保站"],
    ["4", "秸秆综合利用", "利用率达到92%", "6", "环保站"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_scoring_lists_names_one_a_row_stay_the_items_their_targets_beside_them(form):
    # The opposite fact: the 考核项目 names a different thing on every row; each is an item, the 工作目标
    # its target.
    items = leaves(table_readers(YEAR)[form](DISTINCT))
    assert [item.title for item in items] == ["高标准农田建设", "家庭农场培育", "河道清淤疏浚", "秸秆综合利用"]
    assert [(i.value, i.unit) for i in items[0].indicators] == [(2000, "亩")]


SHARED_TASK = [
    ["青石镇2027年河道治理任务分办表", "", "", "", ""],
    ["序号", "工作任务", "承办单位", "分解目标", "完成时限"],
    ["1", "推进河道清淤", "东岭村", "完成东岭段河道清淤5公里", "2027年8月底前"],
    ["", "", "西岭村", "完成西岭段河道清淤7公里", "2027年9月底前"],
    ["2", "整治入河排污口", "环保站", "完成入河排污口整治15处", "2027年10月底前"],
    ["", "", "水利站", "建立入河排污口监测台账", "2027年6月底前"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_task_named_so_merged_down_over_each_units_targets_stays_the_item(form):
    # The opposite fact: the header names the task (工作任务); merged down over one row per unit, it is
    # still the item, and the 分解目标 beside it are its targets.
    items = leaves(table_readers(YEAR)[form](SHARED_TASK))
    assert [item.title for item in items] == ["推进河道清淤", "整治入河排污口"]
    assert [(i.value, i.unit) for i in items[0].indicators] == [(5, "公里"), (7, "公里")]
