"""The shapes of the sixty-fourth held-out set (d534, d535, d537, d538) the importer did not follow, in made-up
words, one section per cause: an item due next whose title opens with a figure ("2.0—3岁婴幼儿…", "4.2型…") is no
decimal glued to the item before it; a 备注 column's labelled "配合：…" gives the cooperating units a table has no
column for; pages counted after a target verb ("扫描80万页") and a count whose noun ends before its own work
("选取3家县直单位开展…") are targets; a notice whose only units are those its 对象 section names (whom it is for) is
no plan."""

from __future__ import annotations

from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers, table_readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- an item due next whose title opens with a figure ---------------------------------------------------------


def targets(lines: list[str]) -> str:
    """A 目标责任书 whose targets are numbered 1. 2. 3. … under one heading."""
    head = ["河西镇2027年度妇幼健康工作目标责任书", "甲方：河西县卫生健康局", "乙方：河西镇卫生院", "一、目标任务"]
    return "\n".join([*head, *lines])


FIGURE_OPENING = [
    "1.孕产妇早孕建册率达到90%以上。",
    "2.0—3岁婴幼儿中医药健康管理率达到70%以上。",
    "3.新生儿访视率达到90%以上。",
    "4.2型糖尿病患者血糖控制率达到50%以上。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_an_item_due_next_whose_title_opens_with_a_figure_is_its_own_item(form):
    items = form(targets(FIGURE_OPENING)).leaves()
    assert [item.number for item in items] == ["1.", "2.", "3.", "4."]
    assert items[1].title.startswith("0—3岁婴幼儿")
    assert items[3].title.startswith("2型糖尿病患者")
    assert [indicator.value for indicator in items[1].indicators] == [Decimal(70)]


def test_a_decimal_opening_a_line_where_its_number_is_not_due_stays_the_text_before_it():
    # The opposite: "3.6公里…" under item 1, where 2. is due: a figure of the sentence the line goes on with.
    lines = ["1.新建村道硬化路面，全长", "3.6公里，年底前完工。", "2.改造危桥1座。"]
    items = as_txt(targets(lines)).leaves()
    assert [item.number for item in items] == ["1.", "2."]
    assert "3.6公里" in "".join(items[0].content) + items[0].title


def test_a_decimal_opening_the_first_line_of_a_list_is_no_item_number():
    # The opposite: no run counting yet, "1.5万元…" opens the text under the heading as a figure.
    items = as_txt(targets(["1.8米以上护栏全部更换。", "1.新生儿访视率达到90%以上。"])).leaves()
    assert [item.number for item in items] == ["1."]


# --- a 备注 column's labelled 配合：… -------------------------------------------------------------------------

HEADER = ["序号", "工作项目", "目标任务", "责任科室", "完成时限", "备注"]


def remarks_rows(remarks: list[str]) -> list[list[str]]:
    rows = [
        ["1", "消防通道清理", "清理占用消防通道杂物", "街道应急办", "2027年6月30日"],
        ["2", "燃气安全检查", "检查餐饮场所燃气设施120家", "街道安监站", "2027年9月30日"],
    ]
    return [HEADER, *([*row, remark] for row, remark in zip(rows, remarks, strict=True))]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_labelled_cooperating_note_gives_the_units_the_table_has_no_column_for(form):
    items = TABLE_FORMS[form](remarks_rows(["配合：城关派出所、各社区", "协助单位：区燃气公司"])).leaves()
    assert [item.fields.responsible_units for item in items] == [["街道应急办"], ["街道安监站"]]
    assert [item.fields.cooperating_units for item in items] == [["城关派出所", "各社区"], ["区燃气公司"]]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_note_naming_a_unit_without_a_label_stays_a_note(form):
    # The opposite: free text that mentions a unit; no label says its role.
    items = TABLE_FORMS[form](remarks_rows(["已与城关派出所对接", "上年度已完成80家"])).leaves()
    assert [item.fields.cooperating_units for item in items] == [[], []]
    assert "备注：已与城关派出所对接" in items[0].content


def test_a_labelled_note_does_not_override_a_column_the_table_has():
    # The opposite: the table's own 责任科室 answers; a note's 责任单位 label does not replace it.
    items = TABLE_FORMS["xlsx"](remarks_rows(["责任单位：城关派出所", ""])).leaves()
    assert items[0].fields.responsible_units == ["街道应急办"]


# --- pages counted, and a count whose noun ends before its own work ------------------------------------------


def test_pages_scanned_after_a_target_verb_are_a_target():
    found = find_indicators("完成馆藏婚姻档案扫描80万页，数字化率达到90%。")
    assert [(indicator.value, indicator.unit) for indicator in found] == [(Decimal(80), "万页"), (Decimal(90), "%")]


def test_a_documents_own_pages_are_no_target():
    # The opposite: pages without a target verb before them.
    assert find_indicators("本细则共12页，附件2页。") == []


def test_a_count_whose_noun_ends_before_its_own_long_work_is_a_target():
    found = find_indicators("选取3家县直单位开展电子会计凭证单套制归档改革试点。")
    assert [(indicator.value, indicator.unit) for indicator in found] == [(Decimal(3), "家")]


def test_a_count_of_those_doing_the_work_without_a_target_verb_is_no_target():
    # The opposite: "由2家单位联合开展…": who does the work, no verb aiming at the count.
    assert find_indicators("由2家县直单位联合开展电子会计凭证单套制归档改革试点。") == []


def test_people_sent_to_do_long_work_are_still_no_target():
    # The opposite kept: "选派4名律师开展…" counts who works, however long the work's name.
    assert find_indicators("选派4名律师开展村居法律顾问进村入户法律咨询服务工作。") == []


def test_a_year_before_long_work_is_no_count():
    assert find_indicators("2027年开展电子会计凭证单套制归档改革试点并总结推广。") == []


# --- a notice whose only units are whom it is for ------------------------------------------------------------

COURSE_NOTICE = [
    "河西县财政局",
    "关于开展2027年度会计人员继续教育的通知",
    "各乡镇人民政府，县直各单位：",
    "现就做好2027年度全县会计人员继续教育有关事项通知如下。",
    "一、培训对象",
    "全县各类企事业单位、社会组织中从事会计工作的人员，以及取得会计专业技术资格的人员。",
    "二、培训内容",
    "会计准则、内部控制等课程，每人不少于90学分。",
    "三、培训方式",
    "登录省会计继续教育平台，选课学习，完成在线测试。",
    "四、培训时间",
    "2027年3月1日至2027年11月30日。",
    "五、有关要求",
    "（一）各单位要及时转发本通知。",
    "（二）继续教育情况作为会计人员年度考核的依据。",
    "联系人：县财政局会计股　李华",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_notice_whose_only_units_are_whom_it_is_for_is_no_plan(form):
    shape = check(form("\n".join(COURSE_NOTICE)))
    assert not shape.looks_like_plan


def test_a_plan_with_a_section_of_whom_it_is_for_stays_a_plan():
    # The opposite: a real 实施方案 with 工作目标 / 主要任务 / 保障措施, its tasks given their units and dates.
    plan = [
        "河西县2027年教师能力提升实施方案",
        "一、实施对象",
        "全县各公办中小学校在职专任教师。",
        "二、工作目标",
        "全年培训教师不少于1200人次。",
        "三、主要任务",
        "1.开展师德师风专题培训。（责任单位：县教育局人事股；完成时限：2027年6月底前）",
        "2.开展信息技术应用能力培训。（责任单位：县教师发展中心；完成时限：2027年8月底前）",
        "3.组织骨干教师跟岗研修。（责任单位：县教师发展中心；完成时限：2027年10月底前）",
        "4.开展新教师入职培训。（责任单位：县教育局人事股；完成时限：2027年9月底前）",
        "5.评选优秀研修成果。（责任单位：县教研室；完成时限：2027年12月底前）",
        "四、保障措施",
        "加强组织领导，落实培训经费。",
    ]
    assert check(as_txt("\n".join(plan))).looks_like_plan


def test_a_notice_whose_audience_section_labels_a_lead_unit_still_names_someone():
    # The opposite: a label inside the 对象 section ("牵头单位：…") makes a unit answer, audience or not.
    lines = [*COURSE_NOTICE[:5], "全县会计人员。牵头单位：县会计服务中心", *COURSE_NOTICE[6:]]
    shape = check(as_txt("\n".join(lines)))
    assert not any("责任单位" in text for text in shape.missing)
