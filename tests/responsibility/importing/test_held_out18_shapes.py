"""The shapes the eighteenth held-out set (d163–d170) showed the importer did not follow, in made-up
words, one section per cause: entries numbered by a Chinese ordinal and a counter (第一件, 第二项), each
a title line, a detail paragraph and a field line; a place's name without number over a line of its
people (派出单位：…　第一书记：…) and its ①②③; a column of case codes or masked persons beside 序号; a
matrix of posts ticked √ where they answer for a row; a unit merged down the first column, left of
序号, and targets in a 履职要求 column; a 考核办法's 加分项目 and 一票否决 parts."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- 第一件 … 第N件: an ordinal with a counter is a number ---------------------------------------------

COUNTED = [
    "临江县2027年八项惠民工程",
    "",
    "经县人大常委会审议，县政府今年集中办好以下惠民工程。",
    "",
    "{0}　改造农村公路",
    "　　改造提升农村公路120公里，新建错车道40处。",
    "　　牵头单位：县交通运输局　　责任单位：各乡镇人民政府　　完成时限：2027年10月31日",
    "",
    "{1}　建设社区食堂",
    "　　新建社区食堂15个，服务老年人不少于3000人。",
    "　　牵头单位：县民政局　　责任单位：县财政局、各街道办事处　　完成时限：2027年12月31日",
    "",
    "{2}　更新城区路灯",
    "　　更换节能路灯2600盏。",
    "　　牵头单位：县城管局　　完成时限：2027年9月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
@pytest.mark.parametrize("counter", ["件", "项"])
def test_an_ordinal_with_a_counter_numbers_the_items(read, counter):
    numbers = [f"第{word}{counter}" for word in "一二三"]
    plan = read("\n".join(COUNTED).format(*numbers))
    items = _items(plan)
    assert [item.number for item in items] == numbers
    assert [item.title for item in items] == ["改造农村公路", "建设社区食堂", "更新城区路灯"]
    assert items[0].fields.lead_units == ["县交通运输局"]
    assert items[1].fields.responsible_units == ["县财政局", "各街道办事处"]
    assert str(items[2].fields.deadline) == "2027-09-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_ordinal_with_a_counter_inside_a_sentence_numbers_nothing(read):
    # The opposite: "第一项工作是…" is a sentence about the first task, not its number.
    text = "\n".join(
        [
            "临江县2027年重点工作安排",
            "",
            "一、改造农村公路",
            "第一项工作是改造提升农村公路120公里。由县交通运输局负责，2027年10月31日前完成。",
            "二、建设社区食堂",
            "第二件事是新建社区食堂15个。由县民政局负责，2027年12月31日前完成。",
        ]
    )
    items = _items(read(text))
    assert [item.number for item in items] == ["一、", "二、"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_ordinal_with_a_counter_run_into_its_title_numbers_the_items(read):
    # A PDF drops the full-width space: "第一件改造农村公路".
    text = "\n".join(COUNTED).format("第一件", "第二件", "第三件").replace("件　", "件")
    items = _items(read(text))
    assert [item.title for item in items] == ["改造农村公路", "建设社区食堂", "更新城区路灯"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_first_ordinal_run_into_a_title_without_a_second_is_no_number(read):
    # The opposite: nothing counts on from "第一项重点工作", it is a line of the heading's text.
    text = "\n".join(
        [
            "临江县2027年重点工作安排",
            "",
            "一、改造农村公路",
            "第一项重点工作",
            "改造提升农村公路120公里。由县交通运输局负责，2027年10月31日前完成。",
            "二、建设社区食堂",
            "新建社区食堂15个。由县民政局负责，2027年12月31日前完成。",
        ]
    )
    items = _items(read(text))
    assert [item.number for item in items] == ["一、", "二、"]


# --- a place's name without number over a line of its people, then its ①②③ -------------------------

PLACES = [
    "白沙镇2027年结对帮扶年度任务",
    "",
    "根据县委有关要求，经镇党委研究，确定各结对帮扶组2027年度任务如下。",
    "",
    "柳塘村",
    "帮扶单位：县水利局　组长：郑凯　组员：孙琳、马骏",
    "①修缮村内灌溉渠道3公里。（县水利局、柳塘村村委会，2027年8月底前）",
    "②培育家庭农场2家。（柳塘村村委会，2027年11月底前）",
    "",
    "石桥村",
    "帮扶单位：县商务局　组长：唐宁　组员：韩雪",
    "①建设农产品冷链仓储点1个。（县商务局，2027年9月底前）",
    "②组织直播带货培训不少于4场。（帮扶组，长期）",
    "",
    "工作要求：各帮扶组要建立工作台账，每季度末报送进展情况。",
]


def _headings(plan):
    return [found.title for found, _depth in plan.walk() if found.children]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_places_name_over_a_line_of_its_people_heads_the_items_below(read):
    plan = read("\n".join(PLACES))
    assert _headings(plan) == ["柳塘村", "石桥村"]
    items = _items(plan)
    assert [item.number for item in items] == ["①", "②", "①", "②"]
    assert items[1].fields.responsible_units == ["柳塘村村委会"]
    assert not any("石桥村" in text or "帮扶单位" in text for text in items[1].content)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_name_over_a_line_of_labels_and_prose_is_no_heading(read):
    # The opposite: no numbered entry starts under the label line, the name is a line of the text.
    text = "\n".join(
        [
            "白沙镇2027年结对帮扶工作安排",
            "",
            "根据县委有关要求，经镇党委研究，安排如下。",
            "一、修缮灌溉渠道",
            "修缮村内灌溉渠道3公里。由县水利局负责，2027年8月底前完成。",
            "柳塘村",
            "帮扶单位：县水利局　组长：郑凯",
            "该村渠道由县水利局统一设计施工，村委会协助做好群众工作。",
            "二、培育家庭农场",
            "培育家庭农场2家。由镇农业服务中心负责，2027年11月底前完成。",
        ]
    )
    plan = read(text)
    assert _headings(plan) == []
    assert [item.number for item in _items(plan)] == ["一、", "二、"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_line_of_people_run_together_still_names_them(read):
    # A PDF drops the full-width spaces between the labelled names.
    plan = read("\n".join(PLACES).replace("　组", "组"))
    assert _headings(plan) == ["柳塘村", "石桥村"]


# --- a column of codes or of persons beside 序号 is neither the number nor the title ----------------


def _read_table(rows, merges_filled=True):
    from responsibility.importing.document import Table
    from responsibility.importing.tables import parse_table

    roots, _, warnings, _ = parse_table(Table(rows=rows, line=1, merges_filled=merges_filled), YEAR)
    return [node for root in roots for node, _depth in root.walk() if not node.children], warnings


def _table(rows):
    return _read_table(rows)[0]


COMPLAINTS = [
    ["序号", "投诉编号", "投诉人", "投诉内容", "督办领导", "责任单位", "办结时限"],
    ["1", "TS2027-008", "孙某某", "投诉小区物业乱收费问题。", "周立", "县住建局、城关街道", "2027.4.30"],
    ["2", "TS2027-015", "钱某某等5人", "投诉夜间施工噪声扰民。", "周立", "县生态环境局", "2027.5.15"],
]


def test_a_column_of_codes_and_one_of_persons_are_not_the_task():
    items = _table(COMPLAINTS)
    assert [item.number for item in items] == ["1", "2"]
    assert [item.title.rstrip("。") for item in items] == ["投诉小区物业乱收费问题", "投诉夜间施工噪声扰民"]
    assert items[0].fields.responsible_units == ["县住建局", "城关街道"]
    assert str(items[1].fields.deadline) == "2027-05-15"


def test_a_column_of_short_tasks_after_the_number_stays_the_task():
    # The opposite: the first column after 序号 holds words, short as they are – the tasks.
    rows = [
        ["序号", "攻坚行动", "说明", "责任单位", "完成时限"],
        ["1", "拆违控违", "拆除违法建筑20处。", "县城管局", "2027.6.30"],
        ["2", "河道清障", "清理河道障碍物。", "县水利局", "2027.7.31"],
    ]
    assert [item.title for item in _table(rows)] == ["拆违控违", "河道清障"]


# --- a matrix of posts ticked √ names who answers for each row --------------------------------------

MATRIX = [
    ["序号", "责任内容", "局党组", "党组书记", "分管领导", "完成时限"],
    ["1", "每季度召开党风廉政建设专题会议1次。", "√", "√", "", "2027年12月底前"],
    ["2", "落实谈心谈话制度，全年谈话不少于30人次。", "", "√", "√", "2027年11月底前"],
    ["3", "开展廉政警示教育。", "√", "", "", "2027年6月底前"],
]


def test_the_posts_ticked_in_a_matrix_answer_for_the_row():
    items = _table(MATRIX)
    assert [item.title.rstrip("。") for item in items] == [
        "每季度召开党风廉政建设专题会议1次",
        "落实谈心谈话制度，全年谈话不少于30人次",
        "开展廉政警示教育",
    ]
    assert [item.fields.responsible_units for item in items] == [
        ["局党组", "党组书记"],
        ["党组书记", "分管领导"],
        ["局党组"],
    ]
    assert str(items[2].fields.deadline) == "2027-06-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_matrix_of_posts_under_headings_in_text_is_read(read):
    lines = ["中共临江县交通运输局党组2027年党风廉政建设责任清单", "", "根据有关要求，制定本清单。", "", "一、压实责任"]
    lines += ["\t".join(row) for row in MATRIX]
    items = _items(read("\n".join(lines)))
    assert [item.fields.responsible_units for item in items][:2] == [["局党组", "党组书记"], ["党组书记", "分管领导"]]


def test_a_schedule_ticked_by_month_names_no_unit():
    # The opposite: months ticked say when, not who.
    rows = [
        ["序号", "工作任务", "责任单位", "3月", "6月", "9月", "12月"],
        ["1", "修缮村内灌溉渠道3公里。", "县水利局", "√", "√", "", ""],
        ["2", "培育家庭农场2家。", "县农业农村局", "", "", "√", "√"],
    ]
    items = _table(rows)
    assert [item.fields.responsible_units for item in items] == [["县水利局"], ["县农业农村局"]]
    assert str(items[0].fields.deadline) == "2027-06-30"


def test_one_column_of_ticks_is_a_status_not_a_post():
    # The opposite: one column ticked says whether, not who.
    rows = [
        ["序号", "工作任务", "责任单位", "已完成", "完成时限"],
        ["1", "修缮村内灌溉渠道3公里。", "县水利局", "√", "2027年6月底前"],
        ["2", "培育家庭农场2家。", "县农业农村局", "", "2027年9月底前"],
    ]
    assert [item.fields.responsible_units for item in _table(rows)] == [["县水利局"], ["县农业农村局"]]


def test_before_every_holiday_goes_on_and_before_one_holiday_is_its_eve():
    from responsibility.importing.fields import parse_schedule

    assert parse_schedule("重要节假日前", YEAR).ongoing
    # The opposite: a holiday of a fixed day is a date.
    assert str(parse_schedule("国庆节前", YEAR).deadline) == "2027-09-30"


# --- a unit merged down the first column, left of 序号; targets in a 履职要求 column ------------------

BY_UNIT = [
    ["牵头部门", "序号", "职责任务", "履职要求", "完成时限"],
    ["县市场监管局", "1", "开展食品安全抽检。", "全年抽检食品不少于1200批次。", "2027年12月31日前"],
    ["", "2", "整治校园周边食品经营。", "检查校园周边经营户全覆盖。", "2027年9月30日前"],
    ["", "3", "推进明厨亮灶建设。", "新增明厨亮灶餐饮单位80家。", "2027年11月30日前"],
    ["县教育局", "4", "落实学校食堂负责人陪餐制度。", "陪餐记录完整率达到100%。", "长期"],
    ["", "5", "开展食品安全进校园宣传。", "每学期组织宣传活动1次。", "长期"],
]


def test_a_unit_merged_down_left_of_the_number_is_carried_down():
    items, warnings = _read_table(BY_UNIT, merges_filled=False)
    units = [item.fields.responsible_units or item.fields.lead_units for item in items]
    assert units == [["县市场监管局"]] * 3 + [["县教育局"]] * 2
    assert len(warnings) == 3


def test_a_unit_right_of_the_task_left_blank_stays_blank():
    # The opposite: right of the task, a blank on most rows means no unit named.
    items, _ = _read_table([[row[1], row[2], row[0], row[3], row[4]] for row in BY_UNIT], merges_filled=False)
    assert [bool(item.fields.lead_units or item.fields.responsible_units) for item in items] == [
        True,
        False,
        False,
        True,
        False,
    ]


def test_the_numbers_of_a_duty_requirement_column_are_targets():
    items = _table(BY_UNIT)
    assert [(float(found.value), found.unit) for found in items[0].indicators] == [(1200.0, "批次")]
    assert [(float(found.value), found.unit) for found in items[2].indicators] == [(80.0, "家")]


def test_the_numbers_of_a_remarks_column_are_no_targets():
    # The opposite: 备注 says something about the row, not what it is to reach.
    rows = [[*row[:3], "备注", row[4]] if index == 0 else row for index, row in enumerate(BY_UNIT)]
    assert _table(rows)[0].indicators == []


# --- a 考核办法's 加分项目 and 一票否决 parts are how the score is made, not work --------------------------

SCORED = [
    "临江县2027年度乡镇综合考核细则",
    "",
    "根据县委有关要求，制定本细则。考核总分100分。",
    "",
    "一、考核内容",
    "1．完成招商引资任务。",
    "【分值】20分",
    "【责任单位】县商务局",
    "2．完成农村公路改造。",
    "【分值】20分",
    "【责任单位】县交通运输局",
    "二、{0}",
    "{1}",
    "三、一票否决",
    "发生重大安全生产责任事故的，实行一票否决，考核等次确定为不合格。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
@pytest.mark.parametrize("name", ["加分项目", "扣分项目", "加减分事项"])
def test_a_part_that_adds_or_takes_points_is_guidance(read, name):
    plan = read(
        "\n".join(SCORED).format(name, "获得省级以上表彰的，每项加2分；被通报批评的，每次扣1分，累计不超过5分。")
    )
    assert [item.title.rstrip("。") for item in _items(plan)] == ["完成招商引资任务", "完成农村公路改造"]
    assert [section.node.title for section in plan.guidance][-2:] == [name, "一票否决"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_part_of_added_projects_that_assigns_them_is_work(read):
    # The opposite: under the same name, a part that says who does it by when is a task.
    plan = read("\n".join(SCORED).format("加分项目", "争创省级示范园区1个。由县工信局负责，2027年11月底前完成。"))
    assert "加分项目" in [item.title for item in _items(plan)]
