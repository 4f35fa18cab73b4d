"""The shapes the nineteenth held-out set (d171–d178) showed the importer did not follow, in made-up
words, one section per cause: a web table copied as text with every cell on its own line whose group
cell (a rowspan) is present only in the first row of its group; rules in articles (第一条 …) whose tasks
sit in some articles only, their units in prose (X会同Y, X牵头，Y配合, X负责); 一是/二是 sentences as the
headings over 1. 2. items, the last a closing paragraph of guidance; unnumbered items opening with a bold
lead phrase and its colon; a single-task 督办单/交办单 form, label | value, as a plan of one item; labels
after a closing dash and a 发文稿纸's 文号 line with its 密级 and 缓急; a bound on the size of a team formed."""

from __future__ import annotations

import pytest

from responsibility.importing.document import ImportRejected
from responsibility.importing.headers import doc_number_of
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


# --- rules in articles (第一条 …) whose tasks sit in some articles only --------------------------------

MEASURES = [
    "松江县人民政府办公室",
    "松江县农贸市场提升改造实施办法（试行）",
    "第一条　为改善群众购物环境，推进农贸市场提升改造，结合本县实际，制定本办法。",
    "第二条　本办法适用于本县城区范围内的农贸市场。",
    "第三条　开展市场现状评估。县商务局会同县市场监管局于2025年5月31日前完成全县农贸市场评估。",
    "第四条　改造费用由市场开办者承担，县财政给予适当补助。",
    "第五条　完善市场配套设施。县住建局牵头，县商务局、各镇人民政府配合，建设停车场和公厕。",
    "第六条　加强日常运营监管。县市场监管局负责市场经营秩序检查，长期坚持。",
    "第七条　本办法由县商务局负责解释。",
    "第八条　本办法自2025年3月1日起施行。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_articles_that_set_a_task_to_units_are_the_items(read):
    plan = read("\n".join(MEASURES))
    items = _items(plan)
    assert [(item.number, item.title) for item in items] == [
        ("第三条", "开展市场现状评估"),
        ("第五条", "完善市场配套设施"),
        ("第六条", "加强日常运营监管"),
    ]
    first, second, third = (item.fields for item in items)
    assert (first.lead_units, first.cooperating_units) == (["县商务局"], ["县市场监管局"])
    assert (second.lead_units, second.cooperating_units) == (["县住建局"], ["县商务局", "各镇人民政府"])
    assert third.responsible_units == ["县市场监管局"]
    assert (first.deadline.isoformat(), second.deadline, third.ongoing) == ("2025-05-31", None, True)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_articles_that_only_state_rules_are_no_items(read):
    # The opposite: articles of rules alone, one of them naming a unit (who interprets them): no task.
    with pytest.raises(ImportRejected):
        read("\n".join([*MEASURES[:3], MEASURES[5], *MEASURES[8:]]))


# --- 一是/二是 sentences as the headings over 1. 2. items, the last 一是 a paragraph of guidance ----------

SENTENCE_HEADINGS = [
    "北湖区2025年食品安全工作方案",
    "为保障群众饮食安全，制定本方案。重点做好以下三方面工作：",
    "一是强化源头治理。坚持产管并重。",
    "1.开展农残专项抽检。全年抽检农产品不少于2000批次。（责任单位：区农业农村局；完成时限：2025年11月底前）",
    "2.整治小作坊。完成小作坊登记备案。（责任单位：区市场监管局；完成时限：2025年6月底前）",
    "二是加强校园食品安全。守护学生舌尖安全。",
    "1.推进明厨亮灶。全区中小学食堂全部实现明厨亮灶。（责任单位：区教育局；完成时限：2025年9月底前）",
    "三是压实工作责任。区财政保障工作经费；区市场监管局牵头每月调度一次，区政府督查室纳入督查。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_yishi_sentences_over_numbered_items_are_their_headings_and_the_last_is_guidance(read):
    plan = read("\n".join(SENTENCE_HEADINGS))
    assert [(heading.number, heading.title) for heading in _headings(plan)] == [
        ("一是", "强化源头治理"),
        ("二是", "加强校园食品安全"),
    ]
    assert [item.title for item in _items(plan)] == ["开展农残专项抽检", "整治小作坊", "推进明厨亮灶"]
    assert [(section.node.number, section.node.title) for section in plan.guidance] == [("三是", "压实工作责任")]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_yishi_clauses_in_an_items_text_stay_its_text(read):
    # The opposite: 一是/二是 inside an item's paragraph list what it does; they head nothing.
    lines = [
        "北湖区2025年食品安全工作方案",
        "为保障群众饮食安全，制定本方案。",
        "一、强化源头治理",
        "1.开展农残专项抽检。（责任单位：区农业农村局；完成时限：2025年11月底前）",
        "一是扩大抽检范围，二是提高抽检频次。",
        "2.整治小作坊。（责任单位：区市场监管局；完成时限：2025年6月底前）",
    ]
    plan = read("\n".join(lines))
    assert [heading.title for heading in _headings(plan)] == ["强化源头治理"]
    assert [item.title for item in _items(plan)] == ["开展农残专项抽检", "整治小作坊"]


# --- unnumbered items opening with a bold lead phrase and its colon ---------------------------------------

BOLD_LEADS = [
    "# 东湖社区2026年工作要点",
    "",
    "为做好全年社区工作，提出如下要点。",
    "",
    "## 一、改善居住环境",
    "",
    "**更新健身器材：**在3个小区更换老旧健身器材。（责任单位：社区居委会；完成时限：2026年5月底前）",
    "",
    "**整治楼道堆物**：清理楼道杂物，建立长效巡查。（责任单位：物业服务中心；完成时限：长期坚持）",
    "",
    "## 二、工作要求",
    "",
    "**加强统筹协调：**各网格要明确专人负责，形成工作合力。",
]


def as_md(text):
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    return parse(read("要点.md", text.encode("utf-8")), YEAR)


@pytest.mark.parametrize("read", [*ALL_FORMS, as_md])
def test_paragraphs_opening_with_a_bold_lead_phrase_and_assigned_are_items(read):
    plan = read("\n".join(BOLD_LEADS))
    assert [(item.number, item.title) for item in _items(plan)] == [("", "更新健身器材"), ("", "整治楼道堆物")]
    first, second = (item.fields for item in _items(plan))
    assert (first.responsible_units, first.deadline.isoformat()) == (["社区居委会"], "2026-05-31")
    assert (second.responsible_units, second.ongoing) == (["物业服务中心"], True)


@pytest.mark.parametrize("read", [*ALL_FORMS, as_md])
def test_a_bold_lead_paragraph_that_assigns_nothing_stays_text(read):
    # The opposite: under 工作要求 the bold lead phrase opens a paragraph of prose, no item.
    plan = read("\n".join(BOLD_LEADS))
    assert [section.node.title for section in plan.guidance] == ["工作要求"]
    assert "加强统筹协调" in "\n".join(plan.guidance[0].node.content)


# --- a single-task 督办单 form, label | value, as a plan of one item ---------------------------------------

ONE_FORM = [
    ["南岭县人民政府督查室交办单", ""],
    ["交办编号", "南督交〔2025〕7号"],
    ["交办日期", "2025年3月2日"],
    ["交办事项", "完成城区路灯节能改造。更换节能路灯1200盏。"],
    ["承办单位", "县城管局（牵头）；县财政局配合"],
    ["办结时限", "2025年9月30日前"],
]


def _one_form_forms():
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read, read_pasted
    from tests.responsibility.importing.made import official_docx

    return [
        lambda rows: parse(read("交办单.docx", official_docx(["<table>"], table=rows)), YEAR),
        lambda rows: parse(read_pasted("\n".join("\t".join(cell for cell in row if cell) for row in rows)), YEAR),
    ]


@pytest.mark.parametrize("form", [0, 1])
def test_a_single_task_form_of_labels_and_values_is_a_plan_of_one_item(form):
    read = _one_form_forms()[form]
    plan = read(ONE_FORM)
    assert plan.title == "南岭县人民政府督查室交办单"
    assert doc_number_of(plan.headers) == "南督交〔2025〕7号"
    (item,) = _items(plan)
    assert item.title == "完成城区路灯节能改造"
    assert (item.fields.lead_units, item.fields.cooperating_units) == (["县城管局"], ["县财政局"])
    assert item.fields.deadline.isoformat() == "2025-09-30"


@pytest.mark.parametrize("form", [0, 1])
def test_a_form_of_labels_that_sets_no_task_is_no_plan(form):
    # The opposite: a contact form under its name, labels and values but no task, no unit to do it.
    read = _one_form_forms()[form]
    with pytest.raises(ImportRejected):
        read([["南岭县人民政府督查室联系单", ""], ["联系人", "周敏"], ["联系电话", "0871-1234567"], ["日期", "3月2日"]])


# --- labels after a closing dash ("——责任单位：…；配合单位：…"), a 文号 line with 密级 and 缓急 --------------------

DRAFTING_FORM = [
    "青石镇人民政府发文稿纸",
    "文件编号：青政发〔2025〕4号    密级：无    缓急：特急",
    "签发：王力  2025年2月3日",
    "",
    "青石镇2025年河道保洁工作方案",
    "为做好河道保洁，制定本方案。",
    "一、重点任务",
    "（一）清理河道垃圾。每周清理一次。——责任单位：镇水利站、镇环卫所；完成时限：长期坚持",
    "（二）整治沿河排口。完成排口整治6个。——责任单位：镇生态办；配合单位：镇水利站；完成时限：2025年9月底前",
    "（三）补植岸坡绿化。补植苗木500株。——镇林业站牵头，各村配合",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_labels_after_a_closing_dash_are_read_as_labels(read):
    plan = read("\n".join(DRAFTING_FORM))
    first, second, third = (item.fields for item in _items(plan))
    assert first.responsible_units == ["镇水利站", "镇环卫所"]
    assert (second.responsible_units, second.cooperating_units) == (["镇生态办"], ["镇水利站"])
    # The opposite: units after the dash without labels, their roles in their verbs.
    assert (third.lead_units, third.cooperating_units) == (["镇林业站"], ["各村"])


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_doc_number_line_of_a_drafting_form_leaves_its_secrecy_and_urgency(read):
    plan = read("\n".join(DRAFTING_FORM))
    assert doc_number_of(plan.headers) == "青政发〔2025〕4号"


def test_a_bound_on_the_size_of_a_team_formed_is_its_target():
    from responsibility.importing.fields import find_indicators

    (found,) = find_indicators("每个乡镇组建不少于15人的森林防火扑救队伍。")
    assert (found.value, found.unit, found.comparator) == (15, "人", "gte")
    # The opposite: people who do the work, counted before what they do, are no target.
    assert find_indicators("选派4名律师开展法律咨询服务。") == []
