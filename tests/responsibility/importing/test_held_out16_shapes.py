"""The shapes the sixteenth held-out set (d147–d154) showed the importer did not follow, in made-up
words, one section per cause: a header of two rows whose group merged across covers a column we keep
no field for (时间安排 over 开始时间 | 完成时间), and a target in the task cell's second sentence beside a
target column; problems and measures numbered by a label ("问题1：", "整改措施①："); rules a preface
states once for every item (the first unit listed leads, an item naming no deadline is due on a given
date); a second numbering column (编号 1-1, 1-2) numbering the measures of a task whose 序号 and name are
merged down over them; a subtotal row in bold as Markdown writes it ("**小计**"); a part named for its
aims weighed in points ("二、共性目标（30分）") over prose that assigns nothing; a title naming the year
an audit looked at, the paper dated a year later; computing power counted in P (2000P)."""

from __future__ import annotations

import datetime

from responsibility.importing.document import Table
from responsibility.importing.fields import find_indicators
from responsibility.importing.numbering import match
from responsibility.importing.tables import parse_table
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- a header of two rows: groups merged across, one column under them we keep no field for -------------------

TWO_ROW_HEADER = [
    ["序号", "工作事项", "工作目标", "任务分解", "", "", "进度安排", ""],
    ["", "", "", "分管领导", "主办单位", "协办单位", "开始时间", "办结时间"],
    [
        "1",
        "建设社区养老服务站。全年新增助餐点不少于12个。",
        "覆盖老年人3000人。",
        "张华（副区长）",
        "区民政局",
        "区卫健委、各街道",
        "2026年2月",
        "2026年10月底",
    ],
    [
        "2",
        "推进背街小巷改造。",
        "改造小巷25条。",
        "李强（副区长）",
        "区城管局",
        "区住建局",
        "2026年3月",
        "2026年11月30日",
    ],
]


def _two_row_roots(rows, merges_filled):
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=merges_filled), YEAR)
    return roots


def test_a_two_row_header_with_a_start_column_under_its_group_is_one_header():
    for merges_filled in (True, False):
        rows = [list(row) for row in TWO_ROW_HEADER]
        if merges_filled:  # a workbook fills a cell merged down (序号 over both rows) into the lower row
            rows[1][:3] = rows[0][:3]
        first, second = _two_row_roots(rows, merges_filled)
        assert (first.number, first.title) == ("1", "建设社区养老服务站")
        assert first.fields.lead_units == ["区民政局"]
        assert first.fields.cooperating_units == ["区卫健委", "各街道"]
        # The deadline is the finish under 进度安排, never the start beside it.
        assert first.fields.deadline == datetime.date(2026, 10, 31)
        assert second.fields.deadline == datetime.date(2026, 11, 30)


def test_a_two_row_header_read_from_pasted_text():
    plan = as_paste("某区2026年民生实事任务分解表\n\n" + tab_table(TWO_ROW_HEADER))
    first, second = _items(plan)
    assert first.fields.lead_units == ["区民政局"]
    assert first.fields.deadline == datetime.date(2026, 10, 31)
    assert second.fields.cooperating_units == ["区住建局"]


def test_a_first_row_of_short_words_under_the_header_is_no_second_header():
    """The opposite: rows under a header whose cells are short words but name no columns (a unit, a
    month) are items, not a lower header row."""
    rows = [
        ["序号", "工作事项", "主办单位", "备注"],
        ["1", "清理河道", "区水务局", "汛期前"],
        ["2", "修缮校舍", "区教育局", "暑期"],
    ]
    roots = _two_row_roots(rows, True)
    assert [(root.number, root.title) for root in roots] == [("1", "清理河道"), ("2", "修缮校舍")]
    assert roots[0].fields.lead_units == ["区水务局"]


def test_a_second_sentence_of_the_task_cell_names_a_target_beside_the_target_column():
    first, second = _two_row_roots([list(row) for row in TWO_ROW_HEADER], False)
    assert [(found.value, found.unit) for found in first.indicators] == [(12, "个"), (3000, "人")]
    # The opposite: a task of one sentence gives only the target column's numbers.
    assert [(found.value, found.unit) for found in second.indicators] == [(25, "条")]


# --- problems and measures numbered by a label: "问题1：", "整改措施①：" ------------------------------------------

LABELLED = "\n".join(
    [
        "某区市场监管局巡察反馈问题整改方案",
        "",
        "一、整改事项",
        "（一）落实监管责任方面",
        "问题1：食品抽检覆盖不全，部分品种多年未抽检。",
        "整改措施：①制定年度抽检计划；②补抽空白品种。",
        "责任科室：食品抽检科",
        "整改时限：2026年8月底前",
        "问题2：投诉举报处置超时。",
        "整改措施①：建立投诉分级转办机制。（责任科室：消保科；整改时限：2026年6月30日前）",
        "整改措施②：按月通报处置超时情况。（责任科室：消保科、办公室；整改时限：长期坚持）",
        "（二）作风建设方面",
        "问题3：执法记录仪使用不规范。",
        "整改措施：开展执法规范化培训不少于4次。",
        "责任科室：法规科",
        "整改时限：2026年9月30日前",
    ]
)


def test_labelled_problems_and_measures_are_numbered_entries():
    plan = as_txt(LABELLED)
    assert [line.strip() for line in _tree(plan)] == [
        "一、|整改事项",
        "（一）|落实监管责任方面",
        "问题1|食品抽检覆盖不全，部分品种多年未抽检",
        "问题2|投诉举报处置超时",
        "整改措施①|建立投诉分级转办机制",
        "整改措施②|按月通报处置超时情况",
        "（二）|作风建设方面",
        "问题3|执法记录仪使用不规范",
    ]
    first, measure, ongoing, third = _items(plan)
    assert first.fields.responsible_units == ["食品抽检科"]
    assert first.fields.deadline == datetime.date(2026, 8, 31)
    assert measure.fields.responsible_units == ["消保科"]
    assert measure.fields.deadline == datetime.date(2026, 6, 30)
    assert ongoing.fields.ongoing
    assert third.fields.responsible_units == ["法规科"]
    assert [(found.value, found.unit) for found in third.indicators] == [(4, "次")]


def _tree(plan):
    return [("  " * depth) + f"{found.number}|{found.title}" for found, depth in plan.walk()]


def test_a_label_and_its_number_read_as_a_number():
    assert (match("问题3：账实不符。").number, match("问题3：账实不符。").value) == ("问题3", 3)
    assert match("整改措施②：修订制度。").value == 2


def test_an_attachment_a_table_or_a_label_without_its_number_is_no_number():
    """The opposite: "附件1：" names an attachment, "附表2：" a table; "整改措施：①…" is a label whose
    measures follow it inline; "2024年3月：" is a date."""
    assert match("附件1：整改台账") is None
    assert match("附表2：问题清单") is None
    assert match("整改措施：①建立机制；②完善制度。") is None
    assert match("星期1：例会") is None


# --- rules the preface states for every item -------------------------------------------------------------------

RULES = "\n".join(
    [
        "某区2026年优化营商环境重点任务分工方案",
        "",
        "　　现将重点任务分工如下。各项任务所列单位中，排名第一的单位为牵头单位，其余为配合单位；"
        "未注明完成时间的事项，一律于2026年11月底前完成。",
        "",
        "一、提升政务服务效能",
        "1.推行高频事项集成办理。（责任单位：区行政审批局、区大数据中心、区人社局）",
        "2.压缩工程建设项目审批时间。（责任单位：区住建局；完成时限：2026年6月30日前）",
        "二、强化要素保障",
        "1.开展企业用工对接活动。（牵头单位：区人社局；配合单位：区工信局）",
        "2.落实惠企政策直达快享。（责任单位：区财政局、区税务局；完成时限：长期坚持）",
    ]
)


def test_the_prefaces_rules_give_each_item_its_lead_and_deadline():
    for read in (as_txt, as_paste, as_docx):
        first, second, third, fourth = _items(read(RULES))
        assert first.fields.lead_units == ["区行政审批局"]
        assert first.fields.cooperating_units == ["区大数据中心", "区人社局"]
        assert first.fields.responsible_units == []
        assert first.fields.deadline == datetime.date(2026, 11, 30)
        # A unit alone leads; a deadline written with the item holds.
        assert second.fields.lead_units == ["区住建局"]
        assert second.fields.deadline == datetime.date(2026, 6, 30)
        # Roles the item names itself hold; work that goes on has no default date.
        assert third.fields.lead_units == ["区人社局"]
        assert third.fields.cooperating_units == ["区工信局"]
        assert fourth.fields.ongoing and fourth.fields.deadline is None
        assert fourth.fields.lead_units == ["区财政局"]


def test_without_the_rules_every_unit_listed_is_responsible_and_no_date_is_made_up():
    """The opposite: a preface that speaks of a first responsible person or of work not finished on time
    states no rule; the units stay responsible and the item without a date has none."""
    text = RULES.replace(
        "各项任务所列单位中，排名第一的单位为牵头单位，其余为配合单位；未注明完成时间的事项，一律于2026年11月底前完成。",
        "各单位主要负责人为第一责任人；未按时限完成的事项，须于2026年11月底前说明原因。",
    )
    first = _items(as_txt(text))[0]
    assert first.fields.responsible_units == ["区行政审批局", "区大数据中心", "区人社局"]
    assert first.fields.lead_units == []
    assert first.fields.deadline is None


# --- a second numbering column: 序号 一/二 merged down with the task, 编号 1-1, 1-2 for its measures -------------

CODED = [
    ["序号", "重点任务", "编号", "具体措施", "牵头单位", "配合单位", "完成时限"],
    ["一", "改善人居环境", "1-1", "改造雨污管网。新建管网12公里。", "区住建局", "区水务局", "2026年9月底前"],
    ["", "", "1-2", "整治背街小巷。", "区城管局", "/", "2026年11月30日"],
    ["二", "提升公共服务", "2-1", "新建社区卫生服务站3个。", "区卫健委", "各街道", "2026年12月底前"],
    ["", "", "2-2", "建设四点半课堂。", "区教育局", "团区委", "长期坚持"],
]


def _filled_down(rows):
    """As a workbook gives the rows: a cell merged down has its text in every row."""
    out, above = [], None
    for row in rows:
        row = list(row)
        if above is not None and not row[0]:
            row[0], row[1] = above[0], above[1]
        out.append(row)
        above = row
    return out


def test_a_second_numbering_column_numbers_the_items_under_each_task():
    for rows, merges_filled in ((_filled_down(CODED), True), (CODED, False)):
        roots = _two_row_roots(rows, merges_filled)
        assert [(root.number, root.title) for root in roots] == [("一", "改善人居环境"), ("二", "提升公共服务")]
        first, second = roots[0].children
        assert (first.number, first.title) == ("1-1", "改造雨污管网")
        assert first.fields.lead_units == ["区住建局"]
        assert first.fields.cooperating_units == ["区水务局"]
        assert [(found.value, found.unit) for found in first.indicators] == [(12, "公里")]
        assert second.fields.deadline == datetime.date(2026, 11, 30)
        assert [child.number for child in roots[1].children] == ["2-1", "2-2"]
        assert roots[1].children[1].fields.ongoing


def test_a_second_numbering_column_read_from_pasted_text():
    plan = as_paste("某区2026年民生实事分工表\n\n" + tab_table(CODED))
    assert [line.strip().rstrip("。") for line in _tree(plan)] == [
        "一|改善人居环境",
        "1-1|改造雨污管网",
        "1-2|整治背街小巷",
        "二|提升公共服务",
        "2-1|新建社区卫生服务站3个",
        "2-2|建设四点半课堂",
    ]


def test_a_code_column_beside_tasks_of_one_row_each_numbers_no_measures():
    """The opposite: a 编号 holding each task's file code, one row a task, is no second numbering; the
    task column holds the items."""
    rows = [
        ["序号", "重点任务", "编号", "具体措施", "牵头单位", "完成时限"],
        ["1", "改造雨污管网", "ZB-01", "新建管网12公里。", "区住建局", "2026年9月底前"],
        ["2", "整治背街小巷", "ZB-02", "整治小巷20条。", "区城管局", "2026年11月30日"],
    ]
    roots = _two_row_roots(rows, True)
    assert [(root.number, root.title, root.children) for root in roots] == [
        ("1", "改造雨污管网", []),
        ("2", "整治背街小巷", []),
    ]
    assert roots[0].fields.lead_units == ["区住建局"]


# --- a bold subtotal row; a part of aims weighed in points, in prose ------------------------------------------

SCORED = "\n".join(
    [
        "某区城管局2026年度目标管理责任书",
        "",
        "一、职能目标（60分）",
        tab_table(
            [
                ["序号", "工作任务", "分值", "责任科室", "完成时限"],
                ["1", "**小型停车场建设**", "30", "市政科", "2026年10月底前"],
                ["2", "整治占道经营。", "30", "执法大队", "2026年12月底前"],
                ["**小计**", "", "**60**", "", ""],
            ]
        ),
        "",
        "二、共性目标（40分）",
        "共性目标包括党的建设、意识形态和安全生产等内容，按照区委共性目标考核细则执行，不再单列。",
        "三、考核奖惩",
        "年度考核结果与单位绩效奖励挂钩。",
    ]
)


def test_a_bold_subtotal_row_is_no_item_and_a_weighed_part_of_aims_in_prose_is_guidance():
    for read in (as_txt, as_paste, as_docx):
        plan = read(SCORED)
        assert [found.title.strip("*。") for found in _items(plan)] == ["小型停车场建设", "整治占道经营"]
        assert [section.node.title for section in plan.guidance] == ["共性目标", "考核奖惩"]


def test_a_weighed_part_of_aims_that_names_its_unit_is_work():
    """The opposite: the same part naming who does it ("（区党建办牵头）") is work to track."""
    plan = as_txt(SCORED.replace("不再单列。", "不再单列（区党建办牵头）。"))
    assert [section.node.title for section in plan.guidance] == ["考核奖惩"]
    assert "共性目标" in [found.title for found in _items(plan)]


# --- the year an audit looked at in the title; the work falls in the year the paper is dated --------------------


def _undated_deadline(title: str, doc_number: str) -> datetime.date:
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read_pasted

    text = "\n".join(
        [
            title,
            "",
            doc_number,
            "",
            "一、整改任务",
            "1.规范公务卡结算。（责任科室：财务科；整改时限：6月底前）",
            "2.清理往来款项。（责任科室：财务科；整改时限：9月底前）",
        ]
    )
    return _items(parse(read_pasted(text), None))[0].fields.deadline


def test_an_audited_year_in_the_title_is_not_the_year_of_the_work():
    title = "某区卫健委2025年度经济责任审计发现问题整改方案"
    assert _undated_deadline(title, "区卫健发〔2026〕7号") == datetime.date(2026, 6, 30)


def test_the_titles_year_holds_for_the_same_year_or_a_plan_of_work():
    """The opposite: an audit's 整改方案 dated in the year it names, or a 工作要点 sent out the year after
    the one it names, is of its title's year."""
    title = "某区卫健委2025年度经济责任审计发现问题整改方案"
    assert _undated_deadline(title, "区卫健发〔2025〕7号") == datetime.date(2025, 6, 30)
    assert _undated_deadline("某区卫健委2025年工作要点", "区卫健发〔2026〕7号") == datetime.date(2025, 6, 30)


# --- computing power counted in P ---------------------------------------------------------------------------------


def test_computing_power_in_p_is_a_target():
    found = find_indicators("建设城市算力中心，算力规模达到3000P。", "建设城市算力中心")
    assert [(item.value, item.unit) for item in found] == [(3000, "P")]


def test_a_capital_before_more_letters_is_no_measure():
    """The opposite: "3PPP" is no count of P, nor is a 5G network a count of anything."""
    assert find_indicators("推进3PPP项目落地", "推进项目") == []
    assert find_indicators("建设5G网络", "建设5G网络") == []
