"""The shapes the twenty-sixth held-out set (d227–d234) showed the importer did not follow, in made-up
words, one section per cause: a unit label with the act it answers for before its role ("整改责任单位",
"落实牵头单位") and the unit that helps in a pairing list ("帮扶单位"), a list dash before a bold label;
supplies counted by the bag, box or drum ("储备编织袋300袋"); a PDF's narrow 类别 cell, one character a line,
whose next row's cell the page break cuts ("地质灾害" / "危", then "旧房屋" on the next page); units given
their roles in the middle of an item's sentence, after a date range without a year ("3月1日—3月15日，由X
牵头，Y配合，…"); a 信访/热线 ledger keyed by a case number, no 序号, the citizen's 来信事项 the task, its units
marked （主办）/（协办）; items with no fields, one 任务分工 paragraph after them giving each its units and date by
its number ("第一项、第三项由X牵头，Y配合，6月底前完成；第二项由Z负责，…"); a batch of forms set one label a
line, apart by rule lines, each form one item titled by its 事由, its units' list cut into clauses each closed
by a role mark ("X（牵头），Y、Z（配合）"), the batch's name under the office's line with its batch below
("（2026年第2批）"), a second column of content (拟办意见) stating targets too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators, read_names
from tests.responsibility.importing.made import leaves, readers
from tests.responsibility.importing.test_held_out24_shapes import TABLE_FORMS, as_md

YEAR = 2026  # the year the shapes of the twenty-fourth set are read in (TABLE_FORMS, as_md)
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- a unit label with its act before the role; the helping unit of a pairing list ------------------

PAIRING = [
    "# 河口镇2026年结对帮扶清单",
    "",
    "## 一、东岭社区",
    "",
    "- **存在问题**：老旧小区无物业管理。",
    "- **帮扶举措**：引入物业服务企业1家。",
    "- **帮扶单位**：镇规划建设办、县住房保障中心",
    "- **完成时间**：2026年8月底前",
    "",
    "## 二、西岭村",
    "",
    "- **存在问题**：灌溉渠道淤塞。",
    "- **帮扶举措**：清淤渠道2公里。",
    "- **帮扶单位**：县水务局",
    "- **完成时间**：2026年5月底前",
]


@pytest.mark.parametrize("read", [as_md, as_txt, as_paste])
def test_a_helping_unit_label_names_the_responsible_units(read):
    items = leaves(read("\n".join(PAIRING)))
    assert [item.title for item in items] == ["东岭社区", "西岭村"]
    assert items[0].fields.responsible_units == ["镇规划建设办", "县住房保障中心"]
    assert items[1].fields.responsible_units == ["县水务局"]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_helping_unit_label_after_a_dash_without_its_space_is_read(read):
    # A PDF's text drops the space after a list's dash: "-**帮扶单位**：…".
    lines = [line.replace("- **", "-**") for line in PAIRING]
    items = leaves(read("\n".join(lines)))
    assert items[1].fields.responsible_units == ["县水务局"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_act_before_a_unit_label_keeps_it_a_label(read):
    lines = [
        "河口镇2026年问题整改清单",
        "",
        "一、排查河道违建3处。整改责任单位：镇综合执法队；整改时限：2026年6月30日",
        "二、补齐消防设施。落实牵头单位：镇应急办；落实配合单位：各村委会；整改时限：2026年9月30日",
    ]
    items = leaves(read("\n".join(lines)))
    assert items[0].fields.responsible_units == ["镇综合执法队"]
    assert items[1].fields.lead_units == ["镇应急办"]
    assert items[1].fields.cooperating_units == ["各村委会"]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_an_act_before_a_unit_column_names_it_a_unit_column(form):
    rows = [
        ["序号", "问题", "整改措施", "整改责任单位", "整改时限"],
        ["1", "河道违建3处", "依法拆除", "镇综合执法队", "2026年6月30日"],
        ["2", "消防通道堵塞", "清理通道", "各村委会", "2026年7月31日"],
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert [item.fields.responsible_units for item in items] == [["镇综合执法队"], ["各村委会"]]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_act_before_a_word_that_is_no_unit_label_stays_text(read):
    # The opposite fact: "整改情况：" and "帮扶对象：" name no unit: the words stay the item's content.
    lines = [
        "河口镇2026年问题整改清单",
        "",
        "一、排查河道违建3处。整改情况：已拆除2处；责任单位：镇综合执法队",
        "二、走访困难群众。帮扶对象：低保户12户；责任单位：镇民政办",
    ]
    items = leaves(read("\n".join(lines)))
    assert items[0].fields.responsible_units == ["镇综合执法队"]
    assert items[1].fields.responsible_units == ["镇民政办"]
    assert not any("低保户" in unit for unit in items[1].fields.responsible_units)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_bold_word_after_a_list_mark_that_is_no_label_stays_text(read):
    # The opposite fact: "- **重点**：…" under an item is its text in bold, no field.
    lines = [*PAIRING[:6], "- **重点**：先易后难。", *PAIRING[6:]]
    items = leaves(read("\n".join(lines)))
    assert any("先易后难" in text for text in items[0].content)
    assert items[0].fields.responsible_units == ["镇规划建设办", "县住房保障中心"]


# --- units given their roles inside an item's sentence, after a date range without a year ---------

RANGES = [
    "关于做好2026年清明节前后森林防火工作的安排",
    "",
    "各村（社区），镇直各单位：",
    "",
    "1、开展林区入口巡查。3月25日—4月6日，由镇林业站牵头，镇派出所、各村委会配合，对进山路口设卡检查。",
    "",
    "2、清理林下可燃物。3月1日—3月20日，由镇农业服务中心负责，重点清理坟场周边杂草。",
    "",
    "各单位工作情况请于4月10日前报镇应急办。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_units_in_roles_after_a_date_range_are_the_items_fields(read):
    items = leaves(read("\n".join(RANGES)))
    assert [item.title for item in items] == ["开展林区入口巡查", "清理林下可燃物"]
    assert items[0].fields.lead_units == ["镇林业站"]
    assert items[0].fields.cooperating_units == ["镇派出所", "各村委会"]
    assert items[0].fields.deadline.isoformat() == "2026-04-06"
    assert items[1].fields.responsible_units == ["镇农业服务中心"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_date_range_gives_its_end_over_a_closing_reporting_date(read):
    items = leaves(read("\n".join(RANGES)))
    assert items[1].fields.deadline.isoformat() == "2026-03-20"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_by_clause_naming_no_unit_is_no_field(read):
    # The opposite fact: "由群众自愿报名" names people, no unit: the sentence is the item's text only.
    lines = [
        *RANGES[:4],
        "1、组织义务植树。3月10日—3月12日，由群众自愿报名，在镇北山坡集中植树。",
    ]
    items = leaves(read("\n".join(lines)))
    assert not items[0].fields.responsible_units and not items[0].fields.lead_units


# --- supplies counted by the bag, the box, the drum --------------------------------------------------


@pytest.mark.parametrize(
    "text, value, unit",
    [("储备编织袋不少于300袋", 300, "袋"), ("发放应急食品200箱", 200, "箱"), ("储备柴油50桶", 50, "桶")],
)
def test_supplies_counted_by_their_containers_are_indicators(text, value, unit):
    [found] = find_indicators(text, default_name="任务")
    assert (found.value, found.unit) == (Decimal(value), unit)


def test_a_container_word_without_a_count_is_no_indicator():
    # The opposite fact: "袋装", "一箱一码" count nothing to reach.
    assert find_indicators("推行袋装垃圾定时投放", default_name="任务") == []


# --- a narrow category cell over a row the page break cuts ------------------------------------------


def test_a_cell_filled_to_its_rule_under_a_full_one_is_its_own_not_a_cut_merge():
    from tests.responsibility.importing.test_pdf import _cut_table, _join_cut

    # "护" fills the lower cell to its rule (241–269): it may go on over a page break, a cell of its own.
    boxes, lines = _cut_table(["生", "态", "环", "境", "保"], ["护"], lower_box_end=269.0)
    assert _join_cut(boxes, lines) == ["生态环境保", "护"]


def test_a_cut_merge_whose_rest_stops_short_of_its_rule_is_still_joined():
    # The opposite fact: the lower cell is taller than its one line: the rest of a merged cell.
    from tests.responsibility.importing.test_pdf import _cut_table, _join_cut

    boxes, lines = _cut_table(["生", "态", "环", "境", "保"], ["护"], lower_box_end=300.0)
    assert _join_cut(boxes, lines) == ["生态环境保护", "生态环境保护"]


# --- a ledger of citizens' requests: keyed by a case number, the request the task, （主办）/（协办） ----

LETTERS = [
    ["信件编号", "来信日期", "来信事项", "承办单位", "办理期限"],
    ["XF2026-0412", "2026-04-12", "南湖小区电梯频繁停运。", "南湖社区居委会（主办）、县特检所（协办）", "2026-04-30"],
    ["XF2026-0415", "2026-04-15", "城西菜市场占道经营。", "县城管局", "2026-04-25"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_citizens_request_column_is_the_task_and_host_marks_give_roles(form):
    items = leaves(TABLE_FORMS[form](LETTERS))
    assert [item.title.rstrip("。") for item in items] == ["南湖小区电梯频繁停运", "城西菜市场占道经营"]
    assert items[0].fields.lead_units == ["南湖社区居委会"]
    assert items[0].fields.cooperating_units == ["县特检所"]
    assert items[1].fields.responsible_units == ["县城管局"]
    assert items[1].fields.deadline.isoformat() == "2026-04-25"


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_task_column_beside_a_request_column_stays_the_title(form):
    # The opposite fact: where a column is named for the task, the request is its content, not its title.
    rows = [
        ["序号", "工作任务", "来信事项", "责任单位", "完成时限"],
        ["1", "整治城西菜市场周边秩序", "城西菜市场占道经营。", "县城管局", "2026-04-25"],
        ["2", "排查老旧电梯安全隐患", "南湖小区电梯频繁停运。", "县特检所", "2026-04-30"],
    ]
    items = leaves(TABLE_FORMS[form](rows))
    assert [item.title for item in items] == ["整治城西菜市场周边秩序", "排查老旧电梯安全隐患"]


# --- a 任务分工 paragraph that assigns the items above by their numbers ---------------------------

BY_NUMBER = [
    "青河镇2026年人居环境整治任务清单",
    "",
    "一、清理村内沟渠。全镇沟渠清淤20公里。",
    "",
    "二、整治乱堆乱放。",
    "",
    "三、改造农村户厕。完成改厕300户。",
    "",
    "任务分工：第一项、第三项由镇农业服务中心牵头，各村委会配合，2026年6月底前完成；第二项由镇综合执法队负责，"
    "2026年4月底前完成。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_division_paragraph_gives_each_numbered_item_its_units_and_date(read):
    items = leaves(read("\n".join(BY_NUMBER)))
    assert [item.title for item in items] == ["清理村内沟渠", "整治乱堆乱放", "改造农村户厕"]
    for item in (items[0], items[2]):
        assert item.fields.lead_units == ["镇农业服务中心"]
        assert item.fields.cooperating_units == ["各村委会"]
        assert item.fields.deadline.isoformat() == "2026-06-30"
    assert items[1].fields.responsible_units == ["镇综合执法队"]
    assert items[1].fields.deadline.isoformat() == "2026-04-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_division_paragraph_naming_an_item_that_is_not_there_stays_where_it_was(read):
    # The opposite fact: "第五项" names no item of three: the paragraph is not read as one by numbers.
    lines = [*BY_NUMBER[:-1], "任务分工：第一项由镇农业服务中心负责；第五项由镇综合执法队负责。"]
    items = leaves(read("\n".join(lines)))
    assert not items[0].fields.responsible_units
    assert not items[1].fields.responsible_units


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_sentence_about_an_item_by_number_that_names_no_unit_is_no_division(read):
    # The opposite fact: "第一项由各村自行安排" names no unit in a role: the words are text, as they were.
    lines = [*BY_NUMBER[:-1], "其中第一项由群众自愿参与，第三项按户申报。"]
    items = leaves(read("\n".join(lines)))
    assert not items[0].fields.responsible_units and not items[0].fields.lead_units


def test_items_are_looked_up_by_number_only_for_a_division_paragraph(monkeypatch):
    # The lead's, after the 1,000-item benchmark took 42 s to parse: every line looked the items up by
    # number (all of them, at every line) whether or not it assigned any. A plan without a division
    # paragraph now looks them up never, one with one paragraph once.
    from responsibility.importing import parse as parse_module

    calls = []
    looked_up = parse_module._top_level_by_number
    monkeypatch.setattr(parse_module, "_top_level_by_number", lambda entries: calls.append(1) or looked_up(entries))
    plain = [f"{number}、完成第{number}项工作。" for number in "一二三四五六七八九"]
    leaves(as_txt("\n".join(["青河镇2026年工作清单", "", *plain])))
    assert calls == []
    leaves(as_txt("\n".join(BY_NUMBER)))
    assert calls == [1]


# --- a batch of forms set one label a line, apart by rule lines -------------------------------------

LINED_FORMS = [
    "青河县人民政府办公室",
    "群众来信转办单",
    "",
    "本批共2件，请各承办单位按期办结。",
    "",
    "──────────",
    "转办单编号：青转〔2026〕5号",
    "来信人：张某",
    "事由：修复城南小学门前破损路面",
    "拟办意见：请县交通局牵头办理。",
    "办理单位：县交通局（牵头），城南社区（配合）",
    "办理时限：2026年5月20日前",
    "",
    "──────────",
    "转办单编号：青转〔2026〕6号",
    "来信人：李某",
    "事由：清理滨河路沿线垃圾堆放点",
    "拟办意见：请县城管局负责。",
    "办理单位：县城管局",
    "办理时限：2026年4月30日前",
    "",
    "青河县人民政府办公室",
    "2026年4月10日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_each_form_of_a_batch_set_as_lines_is_an_item_titled_by_its_reason(read):
    items = leaves(read("\n".join(LINED_FORMS)))
    assert [item.title for item in items] == ["修复城南小学门前破损路面", "清理滨河路沿线垃圾堆放点"]
    assert items[0].fields.lead_units == ["县交通局"]
    assert items[0].fields.cooperating_units == ["城南社区"]
    assert items[0].fields.deadline.isoformat() == "2026-05-20"
    assert items[1].fields.responsible_units == ["县城管局"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_labelled_lines_under_numbered_items_apart_by_rules_stay_the_items_fields(read):
    # The opposite fact: a plan's items carry their own labelled lines; a rule between them makes no form.
    lines = [
        "青河县2026年城区环境整治方案",
        "",
        "一、修复城南小学门前破损路面",
        "责任单位：县交通局",
        "完成时限：2026年5月20日前",
        "──────────",
        "二、清理滨河路沿线垃圾堆放点",
        "责任单位：县城管局",
        "完成时限：2026年4月30日前",
    ]
    items = leaves(read("\n".join(lines)))
    assert [item.title for item in items] == ["修复城南小学门前破损路面", "清理滨河路沿线垃圾堆放点"]
    assert [item.fields.responsible_units for item in items] == [["县交通局"], ["县城管局"]]


def test_a_role_mark_closing_a_clause_of_a_list_cut_into_clauses_is_the_whole_clauses():
    names = read_names("县交通局（牵头），城南社区、城北社区（配合）", "responsible_units")
    assert names.by_role == {"lead_units": ["县交通局"], "cooperating_units": ["城南社区", "城北社区"]}


def test_a_role_mark_after_one_name_of_a_list_in_one_clause_is_that_names():
    # The opposite fact: in one clause, "（牵头）" after one name marks that name alone.
    names = read_names("县交通局、城南社区（牵头）", "responsible_units")
    assert names.by_role == {"responsible_units": ["县交通局"], "lead_units": ["城南社区"]}


def _batch(*front: str) -> str:
    return "\n".join([*front, *LINED_FORMS[2:]])


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_form_batchs_name_is_its_title_with_its_batch_without_the_office_over_it(read):
    plan = read(_batch("青河县人民政府办公室", "群众来信转办单", "（2026年第2批）"))
    assert plan.title == "群众来信转办单（2026年第2批）"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_bracketed_date_under_a_forms_name_is_no_batch_of_its_title(read):
    # The opposite fact: "（2026年4月）" says when, not which batch: the title is the name alone.
    plan = read(_batch("青河县人民政府办公室", "群众来信转办单", "（2026年4月）"))
    assert plan.title == "群众来信转办单"


def test_a_proposal_column_beside_the_instruction_states_targets_too():
    rows = [
        ["序号", "事由", "批示内容", "拟办意见", "办理单位", "办理时限"],
        ["1", "扩充城区学位", "研究扩充学位办法。", "提出新增学位不少于800个的方案。", "县教育局", "2026-05-31"],
        ["2", "整治河道", "加快河道整治。", "请县水利局负责。", "县水利局", "2026-06-30"],
    ]
    items = leaves(TABLE_FORMS["xlsx"](rows))
    assert [(str(i.value), i.unit) for i in items[0].indicators] == [("800", "个")]
    assert items[1].indicators == []
