"""The cells' vote on a table's columns (``responsibility/importing/column_votes.py``): the header's words
choose first, and where they choose a task column whose cells are no task, or leave unread a column of
units or dates, the cells decide and the review page says so. Each shape beside the opposite fact."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fallback import cell_kind
from tests.responsibility.importing.made import leaves, table_readers

YEAR = 2025
D = datetime.date
by_table = table_readers(YEAR)
FORMS = [by_table["xlsx"], by_table["paste"]]


def _said(plan) -> str:
    return "\n".join(warning.message for warning in plan.warnings)


def _headings(plan) -> list[str]:
    return [node.title for node, _depth in plan.walk() if node.children]


# --- a task column whose cells are no task ----------------------------------------------------------

CATEGORY_AS_TASK = [
    ["序号", "重点工作", "推进事项", "责任单位", "完成时限"],
    ["1", "营商环境", "推行企业开办一日办结，压缩审批时限", "区政务服务中心", "2025年6月30日"],
    ["2", "营商环境", "开展涉企收费专项清理，减轻企业负担", "区市场监管局", "2025年9月30日"],
    ["3", "乡村振兴", "建设高标准农田5000亩，完善灌排设施", "区农业农村局", "2025年10月31日"],
    ["4", "乡村振兴", "推进农村人居环境整治，完成改厕300户", "各街道", "2025年12月31日"],
]


@pytest.mark.parametrize("read_rows", FORMS)
def test_a_task_column_of_repeated_categories_gives_way_to_the_sentences_beside_it(read_rows):
    plan = read_rows(CATEGORY_AS_TASK)
    items = leaves(plan)
    assert [item.title for item in items] == [row[2] for row in CATEGORY_AS_TASK[1:]]
    assert [item.fields.responsible_units for item in items] == [[row[3]] for row in CATEGORY_AS_TASK[1:]]
    assert _headings(plan) == ["营商环境", "乡村振兴"]
    assert "“重点工作”列（重复的类别）读作“分组标题”" in _said(plan)


def test_a_task_column_of_sentences_keeps_its_header_reading():
    # The opposite fact: under the same header, a column of different sentences is the task, beside
    # another column of sentences that says how.
    rows = [
        ["序号", "重点工作", "推进事项", "责任单位", "完成时限"],
        ["1", "优化营商环境", "推行企业开办一日办结，压缩审批时限", "区政务服务中心", "2025年6月30日"],
        ["2", "减轻企业负担", "开展涉企收费专项清理，规范收费行为", "区市场监管局", "2025年9月30日"],
        ["3", "建设高标准农田", "新建高标准农田5000亩，完善灌排设施", "区农业农村局", "2025年10月31日"],
    ]
    plan = by_table["xlsx"](rows)
    assert [item.title for item in leaves(plan)] == ["优化营商环境", "减轻企业负担", "建设高标准农田"]
    assert "按列中内容" not in _said(plan)


CODES_AS_TASK = [
    ["序号", "督办事项", "办理要求", "承办单位", "办结时限"],
    ["1", "DB-2025-011", "督促问题企业完成废气治理设施升级改造", "区生态环境分局", "2025年5月31日"],
    ["2", "DB-2025-014", "完成城区积水点排水管网疏通改造", "区住建局", "2025年6月30日"],
    ["3", "DB-2025-020", "清理整治主干道两侧违规户外广告", "区城管局", "2025年7月31日"],
]


@pytest.mark.parametrize("read_rows", FORMS)
def test_a_task_column_of_codes_is_no_task(read_rows):
    plan = read_rows(CODES_AS_TASK)
    items = leaves(plan)
    assert [item.title for item in items] == [row[2] for row in CODES_AS_TASK[1:]]
    assert [item.fields.deadline for item in items] == [D(2025, 5, 31), D(2025, 6, 30), D(2025, 7, 31)]
    assert "“督办事项”列（编码）不作为工作任务" in _said(plan)


def test_a_task_column_of_names_stays_the_task_when_no_other_column_holds_sentences():
    # The opposite fact: short project names are the items where nothing beside them says more.
    rows = [
        ["序号", "项目名称", "责任单位", "完成时限"],
        ["1", "冷链物流仓储中心", "区发改局", "2025年6月30日"],
        ["2", "城南污水处理厂", "区住建局", "2025年9月30日"],
        ["3", "智慧停车平台", "区交通局", "2025年10月31日"],
    ]
    plan = by_table["xlsx"](rows)
    assert [item.title for item in leaves(plan)] == ["冷链物流仓储中心", "城南污水处理厂", "智慧停车平台"]
    assert "按列中内容" not in _said(plan)


def test_a_scoring_table_is_read_by_its_header_words_alone():
    # The opposite fact: an indicator system's short names, repeated or not, are its items.
    rows = [
        ["序号", "考核内容", "分值", "评分标准", "责任单位"],
        ["1", "招商引资", "10", "完成目标得满分，每低1个百分点扣1分", "区商务局"],
        ["2", "招商引资", "10", "引进项目每少1个扣2分", "区商务局"],
        ["3", "安全生产", "5", "发生较大事故不得分", "区应急局"],
    ]
    plan = by_table["xlsx"](rows)
    assert "按列中内容" not in _said(plan)


# --- a column the header leaves unread ---------------------------------------------------------------

UNITS_UNDER_OTHER_WORDS = [
    ["序号", "工作任务", "归口", "完成时限"],
    ["1", "完成全区燃气管道隐患排查整治", "区住建局、区应急局", "2025年6月30日"],
    ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "2025年10月31日"],
    ["3", "开展背街小巷环境综合整治行动", "区城管局", "2025年12月31日"],
]


@pytest.mark.parametrize("read_rows", FORMS)
def test_a_column_of_unit_names_under_an_unknown_word_gives_the_units(read_rows):
    plan = read_rows(UNITS_UNDER_OTHER_WORDS)
    items = leaves(plan)
    assert [item.fields.responsible_units for item in items] == [["区住建局", "区应急局"], ["区交通局"], ["区城管局"]]
    assert "“归口”列（单位名称）读作“责任单位”" in _said(plan)


def test_an_unread_unit_column_takes_its_role_as_fields_reads_the_word():
    # 主责 answers for the work, as a 主责单位 label does; 主抓 leads beside it.
    rows = [
        ["序号", "工作任务", "主抓处", "主责处", "完成时限"],
        ["1", "完成全区燃气管道隐患排查整治", "区住建局", "区应急局", "2025年6月30日"],
        ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "区发改局", "2025年10月31日"],
    ]
    items = leaves(by_table["xlsx"](rows))
    assert [item.fields.lead_units for item in items] == [["区住建局"], ["区交通局"]]
    assert [item.fields.responsible_units for item in items] == [["区应急局"], ["区发改局"]]


def test_a_unit_column_of_a_role_no_field_keeps_stays_unread():
    # The opposite fact: "验收单位" names its units' role, one no field keeps: the header's word holds.
    rows = [
        ["序号", "工作任务", "牵头单位", "验收单位", "完成时限"],
        ["1", "完成全区燃气管道隐患排查整治", "区住建局", "区应急局", "2025年6月30日"],
        ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "区发改局", "2025年10月31日"],
    ]
    items = leaves(by_table["xlsx"](rows))
    assert [item.fields.cooperating_units for item in items] == [[], []]
    assert [item.fields.responsible_units for item in items] == [[], []]


def test_a_column_of_labelled_lines_is_no_column_of_units():
    # The opposite fact: "牵头：综治中心" ends as a unit does, but the cell is a field's line, not a name.
    assert cell_kind(["牵头：综治中心；配合：司法所", "牵头：平安办", "牵头：派出所"], 3) is None
    assert cell_kind(["综治中心、司法所", "平安办", "派出所"], 3) == "units"


DATES_UNDER_OTHER_WORDS = [
    ["序号", "工作任务", "责任单位", "办结"],
    ["1", "完成全区燃气管道隐患排查整治", "区住建局", "2025年6月30日"],
    ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "2025年10月31日"],
    ["3", "开展背街小巷环境综合整治行动", "区城管局", "2025年12月31日"],
]


@pytest.mark.parametrize("read_rows", FORMS)
def test_a_column_of_dates_under_an_unknown_word_is_the_deadline(read_rows):
    plan = read_rows(DATES_UNDER_OTHER_WORDS)
    assert [item.fields.deadline for item in leaves(plan)] == [D(2025, 6, 30), D(2025, 10, 31), D(2025, 12, 31)]
    assert "“办结”列（日期）读作“完成时限”" in _said(plan)


def test_a_column_of_dates_when_work_came_in_is_no_deadline():
    # The opposite fact: "受理" dates when the matter came in, not when it is due.
    rows = [
        ["序号", "工作任务", "责任单位", "受理"],
        ["1", "完成全区燃气管道隐患排查整治", "区住建局", "2025年1月6日"],
        ["2", "建成智慧停车平台并接入全部公共泊位", "区交通局", "2025年1月9日"],
    ]
    assert [item.fields.deadline for item in leaves(by_table["xlsx"](rows))] == [None, None]


def test_a_column_of_figures_is_no_column_of_dates():
    # The opposite fact: "12.5" could be a month and a day; a column of them is values.
    assert cell_kind(["12.5", "3.2", "45.0"], 3) == "numbers"
    assert cell_kind(["2025年6月30日", "长期坚持", "2025年12月底前"], 3) == "dates"


def test_an_ongoing_task_is_a_sentence_not_a_date():
    # "常态化" makes a deadline ongoing in a date's cell, not in a task's sentence.
    assert cell_kind(["建立重点人员常态化走访制度", "完善网格员常态化巡查机制", "健全长效管理机制"], 3) is None
    assert cell_kind(["常态化推进", "长期坚持", "持续推进"], 3) == "dates"


NODES_WITH_ONE_DATE = [
    ["项次", "落实事项", "办结节点", "备注"],
    ["1", "开展矛盾纠纷排查化解专项行动", "2021年6月30日前", "牵头：综治中心；配合：司法所、各社区"],
    ["2", "完成辖区视频监控补点建设40个", "2021年9月30日前", "牵头：平安办；配合：派出所"],
    ["3", "组织防范电信网络诈骗宣传进社区", "2021年12月31日前", "牵头：派出所；配合：各社区"],
    ["4", "建立重点人员常态化走访制度", "长期坚持", "牵头：综治中心"],
]


def test_a_node_column_of_one_date_a_row_is_the_deadline_of_a_table_no_header_word_reads():
    items = leaves(by_table["paste"](NODES_WITH_ONE_DATE))
    assert [item.title for item in items] == [row[1] for row in NODES_WITH_ONE_DATE[1:]]
    assert [item.fields.deadline for item in items][:3] == [D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)]


# --- a 序号 under another word ------------------------------------------------------------------------

COUNTED_UNDER_OTHER_WORDS = [
    ["第一部分 产业提升"],
    ["项次", "任务内容", "主抓单位", "承担部门", "办结节点"],
    ["1", "推进智能制造示范工厂建设，认定智能工厂5家", "区工信局", "区科技局", "2026年11月底前"],
    ["2", "培育专精特新中小企业，新增省级企业15家", "区工信局", "区市场监管局", "2026年12月底前"],
    ["3", "建设数字经济产业园二期", "区发改局", "区住建局", "2026年9月底前"],
]


def test_a_column_counting_up_under_an_unknown_word_numbers_the_rows():
    items = leaves(by_table["paste"](COUNTED_UNDER_OTHER_WORDS))
    assert [item.number for item in items] == ["1", "2", "3"]
    assert [item.fields.lead_units for item in items] == [["区工信局"], ["区工信局"], ["区发改局"]]
    assert [item.fields.deadline for item in items] == [D(2026, 11, 30), D(2026, 12, 31), D(2026, 9, 30)]


def test_a_column_of_scores_under_an_unknown_word_numbers_nothing():
    # The opposite fact: "10", "5", "20" do not count up; they are no 序号.
    rows = [
        ["权数", "任务内容", "责任单位", "完成时限"],
        ["10", "推进智能制造示范工厂建设，认定智能工厂5家", "区工信局", "2026年11月底前"],
        ["5", "培育专精特新中小企业，新增省级企业15家", "区工信局", "2026年12月底前"],
        ["20", "建设数字经济产业园二期", "区发改局", "2026年9月底前"],
    ]
    from responsibility.importing.tables import find_header

    assert "number" not in find_header(rows)[1]
