"""The shapes the eighth held-out set (d83–d90) showed the importer did not follow, in made-up words:
a 目录 page repeating the headings with dot leaders and page numbers; units written after a dash at
the end of an item ("——城建办、各社区"); every paragraph bulleted by an OA export, items marked only by
a second bullet; two-stage deadlines under 阶段目标; "X及相关部门"; a closing "其他" part and a
目标任务 part of prose; a 会议纪要 under its masthead whose agreed matters are assigned tasks; a count
after the names it counts ("建成甲园、乙园2个公园")."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import extract, find_indicators
from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2022
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [node for node, _depth in plan.walk() if not node.children]


# --- a table of contents --------------------------------------------------------------------------

CONTENTS = "\n".join(
    [
        "某县2022年农业农村重点工作方案",
        "",
        "目 录",
        "",
        "一、工作要求··························1",
        "二、重点任务··························2",
        "（一）稳定粮食生产……………………2",
        "（二）发展特色产业……………………3",
        "",
        "某县2022年农业农村重点工作方案",
        "",
        "为推进乡村振兴，制定本方案。",
        "",
        "一、工作要求",
        "各乡镇要高度重视，精心组织，确保各项工作落到实处。",
        "二、重点任务",
        "（一）稳定粮食生产",
        "1.落实粮食播种面积。全年播种面积稳定在50万亩以上。（牵头单位：县农业农村局；完成时限：2022年10月底前）",
        "（二）发展特色产业",
        "2.培育特色产业基地。新建茶叶基地2个。（牵头单位：县林业局；完成时限：2022年12月底前）",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_table_of_contents_gives_no_entries(form):
    plan = form(CONTENTS)
    assert tree(plan) == [
        "二、|重点任务",
        "  （一）|稳定粮食生产",
        "    1.|落实粮食播种面积",
        "  （二）|发展特色产业",
        "    2.|培育特色产业基地",
    ]
    assert [section.node.title for section in plan.guidance] == ["工作要求"]
    assert plan.title == "某县2022年农业农村重点工作方案"
    skipped = [problem.text for problem in plan.not_understood]
    assert "一、工作要求··························1" in skipped and "目 录" in skipped


def test_a_line_ending_in_a_number_without_leaders_is_no_contents_line():
    plan = as_txt(
        "某县2022年工作要点\n\n为做好工作，制定本要点。\n\n1.新建公厕3座。（牵头单位：城管局）\n2.改造道路……共2"
    )
    assert [node.title for node in _items(plan)][0] == "新建公厕3座"
    assert len(_items(plan)) == 2


# --- units after a dash ---------------------------------------------------------------------------

DASHED = "\n".join(
    [
        "某街道2022年城市管理工作要点",
        "",
        "为提升城市管理水平，制定本要点。",
        "",
        "一、市容提升",
        "（一）完善路灯设施。新增路灯40盏。——城建办、各社区",
        "（二）清理河道——打捞漂浮物、疏浚淤泥。每月开展一次。——水利站牵头，各社区配合",
        "（三）开展占道经营整治。10月底前完成主干道整治。——综合执法队",
        "（四）推进老旧小区改造——改造屋面、外墙和管网。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_units_after_a_dash_are_the_items_units(form):
    items = _items(form(DASHED))
    assert [item.title for item in items] == [
        "完善路灯设施",
        "清理河道——打捞漂浮物、疏浚淤泥",
        "开展占道经营整治",
        "推进老旧小区改造——改造屋面、外墙和管网",
    ]
    assert items[0].fields.responsible_units == ["城建办", "各社区"]
    assert items[1].fields.lead_units == ["水利站"] and items[1].fields.cooperating_units == ["各社区"]
    assert items[2].fields.responsible_units == ["综合执法队"]
    assert items[2].fields.deadline == D(2022, 10, 31)  # the one date by which, in its sentence
    assert items[0].fields.deadline is None and items[1].fields.deadline is None
    assert items[3].fields.is_empty()  # words of the task after its dash, no unit


def test_a_dash_inside_a_sentence_gives_no_units():
    found = extract("开展“双随机”检查——检查各类市场主体不少于100家", YEAR)
    assert found.fields.is_empty() and not found.phrases


# --- bullets ----------------------------------------------------------------------------------------

BULLETED = "\n".join(
    [
        "■某局关于印发《2022年安全生产工作要点》的通知",
        "■各科室、各所：",
        "■现将《2022年安全生产工作要点》印发给你们，请认真贯彻落实。",
        "■2022年安全生产工作要点",
        "■（一）隐患排查",
        "▲开展燃气安全检查。检查餐饮场所不少于300家。（牵头科室：监管科；完成时限：2022年6月底前）",
        "▲整治电动车违规充电。（牵头科室：执法大队；完成时限：长期坚持）",
        "■（二）宣传培训",
        "▲组织安全生产月活动。（牵头科室：宣传科；配合单位：各所；完成时限：2022年6月底前）",
        "■（三）工作要求",
        "■各单位要压实责任，每月5日前报送工作进展。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_bulleted_paragraphs_and_items_marked_only_by_a_bullet(form):
    plan = form(BULLETED)
    assert tree(plan) == [
        "（一）|隐患排查",
        "  |开展燃气安全检查",
        "  |整治电动车违规充电",
        "（二）|宣传培训",
        "  |组织安全生产月活动",
    ]
    assert plan.title == "2022年安全生产工作要点"
    items = _items(plan)
    assert items[0].fields.lead_units == ["监管科"] and items[0].fields.deadline == D(2022, 6, 30)
    assert items[1].fields.ongoing
    assert [section.node.title for section in plan.guidance] == ["工作要求"]


# --- stages, open lists ------------------------------------------------------------------------------

STAGES = "\n".join(
    [
        "某社区2022年重点工作计划",
        "",
        "为做好社区工作，制定本计划。",
        "",
        "1.建设社区食堂。",
        "阶段目标：3月底前完成选址；9月底前开业运营。",
        "责 任 人：张明",
        "责任单位：居委会",
        "2.开展入户走访。",
        "阶段目标：4月底前建立台账；全年每月走访。",
        "责任单位：各网格",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_two_stage_deadlines_are_due_with_the_last_stage(form):
    canteen, visits = _items(form(STAGES))
    assert canteen.fields.deadline == D(2022, 9, 30) and not canteen.fields.ongoing
    assert canteen.fields.persons == ["张明"] and canteen.fields.responsible_units == ["居委会"]
    assert visits.fields.deadline is None and visits.fields.ongoing  # the last stage goes on


def test_and_the_units_concerned_leaves_the_list_open():
    fields = extract("（牵头单位：县商务局；配合单位：县市场监管局及相关部门）", YEAR).fields
    assert fields.cooperating_units == ["县市场监管局"]
    assert fields.open_ended == ["县市场监管局及相关部门"]


# --- guidance parts ----------------------------------------------------------------------------------

CLOSING = "\n".join(
    [
        "某街道2022年网格化管理考核办法",
        "",
        "一、目标任务",
        "到2022年底，全街道网格员配备率达到100%，事件办结率达到95%以上。",
        "二、考核内容",
        "1.网格巡查。每日巡查不少于2次。（责任单位：各社区）",
        "2.事件处置。（责任单位：综治中心；完成时限：长期坚持）",
        "三、完成上级交办的其他工作。",
        "四、其他",
        "本办法由街道综治办负责解释，自印发之日起施行。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_closing_other_part_and_a_target_part_of_prose_are_guidance(form):
    plan = form(CLOSING)
    assert [section.node.title for section in plan.guidance] == ["目标任务", "其他"]
    assert tree(plan) == ["二、|考核内容", "  1.|网格巡查", "  2.|事件处置", "三、|完成上级交办的其他工作"]


# --- a meeting's minutes whose agreed matters are tasks -------------------------------------------------

MINUTES = "\n".join(
    [
        "某县人民政府",
        "专题会议纪要",
        "",
        "〔2022〕第3期",
        "",
        "某县人民政府办公室　　　　2022年5月6日",
        "",
        "关于2022年农贸市场改造工作的专题会议纪要",
        "",
        "5月5日，副县长主持召开专题会议，研究农贸市场改造工作。纪要如下：",
        "",
        "会议议定以下事项：",
        "",
        "一、改造城东农贸市场。（责任单位：县商务局；完成时限：2022年9月底前）",
        "",
        "二、规范市场周边交通。（责任单位：县交警大队；完成时限：长期坚持）",
        "",
        "三、落实改造资金。（责任单位：县财政局；完成时限：2022年6月底前）",
        "",
        "会议要求，各单位每月底前报送进展，县督查室纳入督办。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_minutes_whose_agreed_matters_are_assigned_tasks_read_as_a_plan_under_their_own_title(form):
    plan = form(MINUTES)
    assert plan.title == "关于2022年农贸市场改造工作的专题会议纪要"
    assert "某县人民政府专题会议纪要" in plan.headers["preamble"]
    assert len(_items(plan)) == 3
    assert check(plan).looks_like_plan


def test_minutes_with_one_matter_unassigned_stay_a_record():
    text = MINUTES.replace("（责任单位：县交警大队；完成时限：长期坚持）", "会议要求交警部门加强管理。")
    shape = check(as_txt(text))
    assert not shape.looks_like_plan


def test_a_bullet_seen_once_or_a_box_to_tick_makes_no_item():
    plan = as_txt(
        "某镇2022年工作要点\n\n为做好工作，制定本要点。\n\n一、重点工作\n1.开展培训。（责任单位：党政办）\n◆每季度一次。"
        "\n2.完善台账。（责任单位：综治办）\n□已完成　□未完成\n□已完成　□未完成"
    )
    assert tree(plan) == ["一、|重点工作", "  1.|开展培训", "  2.|完善台账"]


# --- a count after the names it counts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新建东区、西区2座污水泵站", ("新建东区、西区污水泵站", 2, "座")),
        ("年内改造甲巷、乙巷和丙巷3条背街", ("改造甲巷、乙巷和丙巷背街", 3, "条")),
        ("提升北街、南街等4个菜市场", ("提升北街、南街等菜市场", 4, "个")),
        ("培育红星、向阳、光明3个合作社", ("培育红星、向阳、光明合作社", 3, "个")),
    ],
)
def test_a_count_after_the_names_it_counts_is_the_target(text, expected):
    """The verb stands before the first name, not the count: the list is part of the target's name, and
    the count, bare as it is, is a floor like any bare count."""
    found = find_indicators(text)
    assert [(i.name, i.value, i.unit, i.comparator) for i in found] == [(*expected, "gte")]
    assert found[0].text == text


@pytest.mark.parametrize(
    "text",
    [
        "走访甲厂、乙厂3家企业",  # three counted, two named: the names are not what is counted
        "由东区、西区2个街道牵头",  # who does the work, no target verb
    ],
)
def test_names_before_a_count_that_does_not_count_them_make_no_target(text):
    assert find_indicators(text) == []


def test_a_list_of_figures_is_no_list_of_names():
    found = find_indicators("新建污水泵站3座、提灌站2座")
    assert [(i.name, i.value, i.unit) for i in found] == [("新建污水泵站", 3, "座"), ("提灌站", 2, "座")]


def test_an_item_with_a_count_of_names_and_another_figure_has_both_targets():
    found = find_indicators("建成东园、西园2个口袋公园，新增绿地1200平方米。")
    assert [(i.value, i.unit) for i in found] == [(2, "个"), (1200, "平方米")]


COUNTED_NAMES = "\n".join(
    [
        "某镇2022年人居环境工作要点",
        "",
        "为改善人居环境，制定本要点。",
        "",
        "一、村容提升",
        "（一）建设口袋公园。建成东园、西园2个口袋公园，新增绿地1200平方米。——城建办",
        "（二）整修农房。年内完成旧宅整修15幢。——村建站、各村",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_counts_of_named_things_and_of_buildings_are_indicators(form):
    items = _items(form(COUNTED_NAMES))
    assert [[(i.value, i.unit) for i in item.indicators] for item in items] == [
        [(2, "个"), (1200, "平方米")],
        [(15, "幢")],
    ]
