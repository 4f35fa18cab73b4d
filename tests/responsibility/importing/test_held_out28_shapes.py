"""The shapes the twenty-eighth held-out set (d243–d250) showed the importer did not follow, in made-up
words, one section per cause, each beside what must stay as it was: a task table printed fixed-width,
its columns set apart by spaces alone and a long cell wrapped onto a line of its own; a 公众号 article
whose tasks a symbol opens ("▶", "🔹", one "✅"), under headings a symbol stands before ("📌 一、…"),
and whose plan is named only in the report's sentence ("近日，某镇印发《…》"); one units cell naming each
role after its own label on its own line ("主办：…" / "协办：…"); an 应急预案 whose 总则, 组织机构及职责
(agencies' standing duties) and 应急响应 frame its dated preparation tasks; tasks a paragraph marks by prose
ordinals (首先/其次/最后, 其一/其二), each one sentence whose last clauses say who ("，由X牵头，Y负责，…");
a 批复 that approves the plan it names; a year written in characters ("二〇二四年")."""

from __future__ import annotations

import pytest

from responsibility.importing.document import Table
from responsibility.importing.frame import in_digits
from responsibility.importing.parse import parse
from responsibility.importing.readers import read_pasted
from responsibility.importing.shape import check
from responsibility.importing.tables import parse_table
from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_flat_docx(text: str):
    """A Word document whose paragraphs lost their indent: a wrapped cell's line starts at the margin."""
    return as_docx("\n".join(line.strip() for line in text.split("\n")))


# --- a fixed-width table, columns apart by spaces, a cell wrapped onto its own line ---------------

FIXED_WIDTH = "\n".join(
    [
        "2025年河道治理任务清单",
        "",
        "序号  任务内容                        责任单位            协办单位            完成时间",
        "1     清理河道垃圾30处                县水利局            各乡镇              2025年5月底前",
        "2     修复护岸工程2公里，同步         县水利局            县农业农村局        2025年8月底前",
        "      完善沿河警示标识",
        "3     建立河湖巡查台账                县河长办            各乡镇、县          2025年12月底前",
        "                                                          生态环境分局",
        "",
        "县河长办公室",
    ]
)


@pytest.mark.parametrize("read", [*ALL_FORMS, as_flat_docx])
def test_a_fixed_width_table_is_read_by_its_columns(read):
    items = leaves(read(FIXED_WIDTH))
    assert [item.title for item in items] == [
        "清理河道垃圾30处",
        "修复护岸工程2公里，同步完善沿河警示标识",
        "建立河湖巡查台账",
    ]
    assert items[0].fields.responsible_units == ["县水利局"] and items[0].fields.deadline.month == 5
    assert items[2].fields.cooperating_units == ["各乡镇", "县生态环境分局"]
    assert items[2].fields.deadline.month == 12


def test_the_signing_office_under_a_fixed_width_table_is_no_part_of_it():
    lines = FIXED_WIDTH.split("\n")
    unspaced = "\n".join([*lines[:-2], lines[-1]])  # no empty line before the 落款
    items = leaves(as_flat_docx(unspaced))
    assert items[-1].fields.responsible_units == ["县河长办"]
    assert "县河长办公室" not in items[-1].fields.cooperating_units


def test_a_label_under_a_fixed_width_table_is_no_tasks_last_words():
    # The lead's, after merging the 30th set: a form's signature line ("填报人：") right under the last row,
    # its indent lost as in Word, is the form's; a wrapped task's words go on its title (the test above).
    lines = FIXED_WIDTH.split("\n")
    signed = "\n".join([*lines[:3], lines[3], "填报人："])
    items = leaves(as_flat_docx(signed))
    assert [item.title for item in items] == ["清理河道垃圾30处"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_words_set_apart_by_spaces_that_name_no_columns_stay_text(read):
    plan = read(
        "\n".join(
            [
                "某镇2025年工作要点",
                "",
                "一、环境整治",
                "1.清理沟渠。责任单位：镇城建办。",
                "联系人  王强    电话  12345678",
            ]
        )
    )
    assert [item.title for item in leaves(plan)] == ["清理沟渠"]


# --- symbols opening a 公众号's tasks and headings ------------------------------------------------

ARTICLE = "\n".join(
    [
        "🎉 重磅！东湖镇今年这样抓民生",
        "",
        "近日，东湖镇印发《东湖镇2025年民生实事工作方案》。",
        "",
        "📍 一、教育",
        "",
        "🔸 新建幼儿园2所",
        "责任单位：镇中心校",
        "完成时间：2025年8月底前",
        "",
        "🔸 改造学校食堂3处",
        "责任单位：镇中心校",
        "完成时间：2025年10月底前",
        "",
        "📍 二、养老",
        "",
        "☑ 建成养老服务站1个",
        "责任单位：镇民政办",
        "完成时间：2025年12月底前",
        "",
        "👉 欢迎留言说说你的期待",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_symbols_open_tasks_and_stand_before_numbered_headings(read):
    plan = read(ARTICLE)
    assert [heading.title for heading in branches(plan)] == ["教育", "养老"]
    items = leaves(plan)
    assert [item.title for item in items] == ["新建幼儿园2所", "改造学校食堂3处", "建成养老服务站1个"]
    assert items[2].fields.responsible_units == ["镇民政办"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_symbol_seen_once_over_no_fields_is_a_word_of_its_line(read):
    plan = read(ARTICLE)
    assert not any("留言" in item.title for item in leaves(plan))


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_plan_a_report_says_was_issued_names_it_and_its_year(read):
    plan = read(ARTICLE.replace("2025年", "2024年"))
    assert plan.title == "东湖镇2024年民生实事工作方案"
    assert leaves(plan)[0].fields.deadline.year == 2024


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_plan_with_its_own_title_keeps_it_beside_a_document_it_says_was_issued(read):
    plan = read(
        "\n".join(
            [
                "东湖镇2025年民生实事工作方案",
                "",
                "为落实县政府印发《关于加强民生保障的实施意见》，制定本方案。",
                "一、教育",
                "1.新建幼儿园2所。责任单位：镇中心校。",
            ]
        )
    )
    assert plan.title == "东湖镇2025年民生实事工作方案"


# --- one units cell, each role after its own label ----------------------------------------------


def items_of_table(*rows: list[str]) -> list:
    roots, _problems, _headers, _lines = parse_table(
        Table(rows=[["序号", "工作任务", "责任单位", "完成时间"], *rows], line=1), YEAR
    )
    return roots


def test_a_units_cell_gives_each_role_its_labelled_line():
    items = items_of_table(
        ["1", "修缮农贸市场", "主办：镇城建办\n协办：镇财政所、各村", "6月底前"],
        ["2", "整治乱停乱放", "牵头：镇派出所；参与：镇综合执法队", "9月底前"],
    )
    assert items[0].fields.lead_units == ["镇城建办"]
    assert items[0].fields.cooperating_units == ["镇财政所", "各村"]
    assert items[0].fields.responsible_units == []
    assert items[1].fields.lead_units == ["镇派出所"] and items[1].fields.cooperating_units == ["镇综合执法队"]


def test_a_units_cell_without_labels_keeps_its_column_role():
    items = items_of_table(
        ["1", "修缮农贸市场", "镇城建办\n镇财政所", "6月底前"],
        ["2", "整治乱停乱放", "镇派出所牵头，镇综合执法队配合", "9月底前"],
    )
    assert items[0].fields.responsible_units == ["镇城建办", "镇财政所"]
    assert items[1].fields.lead_units == ["镇派出所"] and items[1].fields.cooperating_units == ["镇综合执法队"]


# --- an 应急预案: its frame around the dated preparation tasks -----------------------------------

EMERGENCY_PLAN = [
    "某镇2025年防汛应急预案",
    "",
    "一、总则",
    "（一）编制目的。为做好汛期防范应对，保障群众安全，制定本预案。",
    "二、组织体系及职责",
    "（一）镇防汛指挥部。由镇长任指挥长，分管副镇长任副指挥长。",
    "（二）成员单位职责。",
    "1.镇水利站：负责水情监测和堤坝巡查。",
    "2.镇派出所：负责险区警戒和群众转移秩序。",
    "三、汛前准备任务",
    "（一）清理排水沟渠20公里。责任单位：镇水利站；完成时限：2025年5月底前。",
    "（二）储备编织袋5000条。责任单位：镇应急办；完成时限：2025年4月底前。",
    "四、应急响应",
    "（一）分级响应。按雨情、水情由高到低分为四级。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_emergency_plans_frame_and_standing_duties_are_guidance(read):
    plan = read("\n".join(EMERGENCY_PLAN))
    assert [item.title for item in leaves(plan)] == ["清理排水沟渠20公里", "储备编织袋5000条"]
    assert [section.node.title for section in plan.guidance] == ["总则", "组织体系及职责", "应急响应"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_organisation_part_that_gives_dates_stays_work(read):
    lines = [*EMERGENCY_PLAN[:7], "1.镇水利站：6月底前完成水情监测点建设。", *EMERGENCY_PLAN[8:]]
    plan = read("\n".join(lines))
    assert "组织体系及职责" not in [section.node.title for section in plan.guidance]
    assert any("水情监测点建设" in item.title for item in leaves(plan))


# --- tasks marked by prose ordinals, their units in the sentence's last clauses -------------------


def ordinals_plan(*lines: str) -> str:
    return "\n".join(["某镇2025年环境整治工作方案", "", "一、重点工作", *lines, "", "某镇人民政府", "2025年2月1日"])


@pytest.mark.parametrize("read", ALL_FORMS)
def test_prose_ordinals_on_a_headings_line_mark_its_tasks(read):
    plan = read(
        ordinals_plan(
            "（一）整治村容村貌。首先，清理房前屋后杂物，由镇城建办牵头，各村负责，2025年4月底前完成。"
            "其次，设置垃圾分类亭，由镇环卫所负责，每月检查一次，长期坚持。最后，开展评比，由镇妇联负责，2025年10月底前完成。"
        )
    )
    assert [heading.title for heading in branches(plan)] == ["重点工作", "整治村容村貌"]
    items = leaves(plan)
    assert [(item.number, item.title) for item in items] == [
        ("首先", "清理房前屋后杂物"),
        ("其次", "设置垃圾分类亭"),
        ("最后", "开展评比"),
    ]
    assert items[0].fields.lead_units == ["镇城建办"] and items[0].fields.responsible_units == ["各村"]
    assert items[0].fields.deadline.month == 4
    assert items[1].fields.responsible_units == ["镇环卫所"] and items[1].fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_counted_ordinals_in_a_paragraph_under_a_heading_mark_its_tasks(read):
    plan = read(
        ordinals_plan(
            "（一）整治村容村貌",
            "其一，清理河塘3处，由镇水利站负责，2025年5月底前完成。其二，修缮公厕，由各村负责，镇城建办配合，2025年9月底前完成。",
        )
    )
    items = leaves(plan)
    assert [(item.number, item.title) for item in items] == [("其一", "清理河塘3处"), ("其二", "修缮公厕")]
    assert items[1].fields.cooperating_units == ["镇城建办"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_prose_ordinals_that_name_nobody_stay_the_headings_text(read):
    plan = read(
        ordinals_plan(
            "（一）提高思想认识。首先，要认清整治的重要意义。其次，要把整治放在突出位置。最后，要形成工作合力。",
            "（二）清理沟渠。责任单位：镇水利站。",
        )
    )
    assert [item.title for item in leaves(plan)] == ["提高思想认识", "清理沟渠"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_tasks_last_clauses_that_open_with_you_name_its_units(read):
    plan = read(ordinals_plan("1.修缮公厕，由镇城建办牵头，各村负责，2025年6月底前完成。"))
    item = leaves(plan)[0]
    assert item.title == "修缮公厕"
    assert item.fields.lead_units == ["镇城建办"] and item.fields.responsible_units == ["各村"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_clause_with_you_that_names_no_role_stays_in_the_task(read):
    plan = read(ordinals_plan("1.开展技能培训，由县人社局组织专家授课，2025年6月底前完成。"))
    assert leaves(plan)[0].title.startswith("开展技能培训，由县人社局组织专家授课")


# --- a 批复 approving the plan it names ------------------------------------------------------------

REPLY = [
    "某县人民政府关于同意《某县2025年农村公路提升实施方案》的批复",
    "",
    "县交通运输局：",
    "你局《关于报请审定〈某县2025年农村公路提升实施方案〉的请示》收悉。现批复如下：",
    "一、原则同意《某县2025年农村公路提升实施方案》，请你局认真组织实施。",
    "二、全年改造农村公路120公里，2025年11月底前全部完工。",
    "三、县财政局要及时拨付补助资金；县自然资源局要做好配合工作。",
    "四、各乡镇要做好群众工作。",
    "五、实施中的重大问题，请及时报告。",
    "此复。",
    "某县人民政府",
    "2025年3月2日",
]


def test_a_reply_approving_a_plan_is_no_plan():
    assert not check(parse(read_pasted("\n".join(REPLY)), YEAR)).looks_like_plan


def test_a_notice_sending_a_plan_still_looks_like_one():
    lines = [
        "某县人民政府办公室关于印发《某县2025年农村公路提升实施方案》的通知",
        "",
        "各乡镇人民政府，县直有关单位：",
        "现将《某县2025年农村公路提升实施方案》印发给你们，请认真贯彻执行。",
        "",
        "某县2025年农村公路提升实施方案",
        "一、重点任务",
        *[f"{index}.改造第{index}段农村公路。责任单位：县交通运输局；完成时限：10月底前。" for index in range(1, 6)],
    ]
    assert check(parse(read_pasted("\n".join(lines)), YEAR)).looks_like_plan


# --- a year written in characters ----------------------------------------------------------------


def test_a_title_with_its_year_in_characters_gives_the_plan_its_year():
    lines = ["某县二〇二四年全民健身工作方案", "", "一、主要任务", "1.新建健身路径10条。"]
    text = "\n".join([*lines, "责任单位：县体育局", "完成时限：6月底前"])
    plan = parse(read_pasted(text), None)
    assert leaves(plan)[0].fields.deadline.isoformat() == "2024-06-30"


def test_only_a_years_characters_before_nian_turn_to_digits():
    assert in_digits("二〇二四年，二零二五年") == "2024年，2025年"
    assert in_digits("第二〇二号文件，二〇二四") == "第二〇二号文件，二〇二四"
