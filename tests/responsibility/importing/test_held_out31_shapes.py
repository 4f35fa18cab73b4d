"""The shapes the thirty-first held-out set (d267–d274) showed the importer did not follow, in made-up
words, one section per cause: a draft copied with its editor's line numbers in front of every line,
blank ones too; footnote markers ("[1]", "①", "注1") at the end of a task or a unit's name, whose notes
stand under the body or under the table; a revised plan's tags (【新增】) and a unit's former holder
("（原为…）"); a key task's mark beside its number ("2▲"); a person addressed as 同志 over their tasks."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Line, Source
from responsibility.importing.editor_numbers import without_line_numbers
from responsibility.importing.tables import without_key_mark
from tests.responsibility.importing.made import branches, leaves, readers, table_readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- an editor's line numbers in front of every line ----------------------------------------------

DRAFT = [
    "东岭县2026年河道治理工作方案",
    "（征求意见稿）",
    "",
    "一、河道清淤",
    "1.清理县城段河道淤泥3万方。责任单位：县水务局；完成时限：2026年6月底前。",
    "2.修复受损护岸800米。责任单位：县水务局；完成时限：2026年9月底前。",
    "",
    "二、长效管护",
    "3.落实河长巡河制度。责任单位：县河长办；完成时限：长期坚持。",
]


def _numbered(lines: list[str], separator: str = " ") -> str:
    return "\n".join(f"{number}{separator}{line}" if line else str(number) for number, line in enumerate(lines, 1))


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_editors_line_numbers_are_not_read(read):
    plan = read(_numbered(DRAFT))
    assert [heading.title for heading in branches(plan)] == ["河道清淤", "长效管护"]
    items = leaves(plan)
    assert [item.title for item in items] == ["清理县城段河道淤泥3万方", "修复受损护岸800米", "落实河长巡河制度"]
    assert items[1].fields.deadline == datetime.date(2026, 9, 30)


def test_a_number_run_into_a_chinese_character_is_the_line_number_too():
    """A PDF keeps no space between the margin's number and the line's first character."""
    lines = [
        Line(f"{number}{text}", number) for number, text in enumerate(["标题", "", "一、任务", "1.甲", "2.乙", ""], 1)
    ]
    read = without_line_numbers(Source(name="x.pdf", kind="pdf", blocks=lines))
    assert [line.text for line in read.blocks] == ["标题", "", "一、任务", "1.甲", "2.乙", ""]


def test_a_list_numbered_one_by_one_without_blank_lines_keeps_its_numbers():
    """Lines "1 …", "2 …" with no line that is its number alone are a list, not an editor's margin."""
    lines = [Line(f"{number} 完成第{number}项任务", number) for number in range(1, 9)]
    source = Source(name="x.txt", kind="txt", blocks=lines)
    assert without_line_numbers(source) is source


def test_numbers_that_skip_are_no_line_numbers():
    lines = [Line(text, number) for number, text in enumerate(["1 甲", "2", "3 乙", "5 丙", "6 丁", "7 戊"], 1)]
    source = Source(name="x.txt", kind="txt", blocks=lines)
    assert without_line_numbers(source) is source


# --- footnote markers in the words, their notes under the body or the table -----------------------

FOOTNOTED = [
    "西塘镇2026年农房安全整治计划",
    "一、排查鉴定",
    "1.完成农房安全排查300户[1]。责任单位：镇建设办；完成时限：2026年5月底前。",
    "2.鉴定危房不少于20户①。责任单位：镇建设办；配合单位：各村委会②；完成时限：2026年8月底前。",
    "3.建立整治台账注1。责任单位：镇建设办；完成时限：长期坚持。",
    "",
    "注释：",
    "[1] 以2025年底在册农房为准。",
    "① 由县住建局委托的机构鉴定。",
    "② 含社区居委会。",
    "注1：台账按季度更新。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_footnote_markers_leave_the_titles_and_the_notes_are_no_items(read):
    items = leaves(read("\n".join(FOOTNOTED)))
    assert [item.title for item in items] == ["完成农房安全排查300户", "鉴定危房不少于20户", "建立整治台账"]
    assert items[1].fields.cooperating_units == ["各村委会"]


def test_footnote_markers_in_cells_and_notes_in_rows_under_the_table():
    rows = [
        ["序号", "工作任务", "责任单位", "配合单位", "完成时限"],
        ["1", "改造供热管网8公里①", "县住建局", "县财政局②", "2026年10月31日"],
        ["2", "新建换热站2座", "县住建局", "县发改局", "2026年9月30日"],
        ["", "", "", "", ""],
        ["① 含老旧管网更换。", "", "", "", ""],
        ["② 负责资金保障。", "", "", "", ""],
    ]
    for read in TABLE_FORMS.values():
        items = leaves(read(rows))
        assert [item.title for item in items] == ["改造供热管网8公里", "新建换热站2座"]
        assert items[0].fields.cooperating_units == ["县财政局"]


def test_circled_numbers_written_inline_and_as_sub_points_stay():
    """No note below begins with a marker that ends a word: "①道路；②桥梁" enumerates, it refers to nothing."""
    text = "\n".join(
        [
            "东山区2026年城建工作要点",
            "一、基础设施",
            "1.完善城区交通设施，包括①道路；②桥梁。责任单位：区住建局；完成时限：2026年12月底前。",
            "2.推进管网改造：",
            "①雨水管网改造5公里；",
            "②污水管网改造3公里。",
        ]
    )
    items = leaves(as_txt(text))
    assert items[0].title.startswith("完善城区交通设施，包括①道路；②桥梁")
    assert [item.title for item in items[1:]] == ["雨水管网改造5公里", "污水管网改造3公里"]


# --- a revised plan: tags before the tasks it added or changed, the former unit in brackets -------

REVISED = [
    "南岸区2026年营商环境工作要点",
    "一、政务服务",
    "1.【新增】开通企业开办一网通办专区。责任单位：区数据局；完成时限：2026年6月底前。",
    "2.【调整】压减工程建设审批时限。责任单位：区住建局（原区建设局）；完成时限：2026年9月底前。",
    "3.推行证照分离改革。责任单位：区市场监管局（原为区行政审批局）；完成时限：2026年12月底前。",
    "4.【重点】优化纳税服务。责任单位：区税务局（经开区分局）；完成时限：2026年10月底前。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_revisions_tags_and_former_units_are_no_words_of_the_item(read):
    items = leaves(read("\n".join(REVISED)))
    assert [item.title for item in items[:3]] == [
        "开通企业开办一网通办专区",
        "压减工程建设审批时限",
        "推行证照分离改革",
    ]
    assert items[1].fields.responsible_units == ["区住建局"]
    assert items[2].fields.responsible_units == ["区市场监管局"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_other_brackets_stay_with_the_title_and_the_unit(read):
    """A bracket of other words ("【重点】") is no revision's tag; a unit's own part in brackets stays."""
    items = leaves(read("\n".join(REVISED)))
    assert items[3].title == "【重点】优化纳税服务"
    assert items[3].fields.responsible_units == ["区税务局（经开区分局）"]


# --- a key task's mark beside its number in the 序号 cell ------------------------------------------

KEY_MARKED = [
    ["序号", "重点任务", "牵头单位", "完成时限"],
    ["1", "建成口袋公园5个", "区城管局", "2026年10月底前"],
    ["2★", "完成背街小巷整治30条", "区住建局", "2026年11月底前"],
    ["▲3", "新增停车泊位800个", "区交通局", "2026年12月底前"],
    ["注：标★、▲的为区政府重点督办事项。", "", "", ""],
]


def test_a_key_mark_beside_the_number_is_no_word_of_the_task():
    for read in TABLE_FORMS.values():
        items = leaves(read(KEY_MARKED))
        assert [(item.number, item.title) for item in items] == [
            ("1", "建成口袋公园5个"),
            ("2", "完成背街小巷整治30条"),
            ("3", "新增停车泊位800个"),
        ]


def test_a_mark_beside_words_in_the_number_cell_stays():
    """Only a mark beside nothing but a number is a key task's: "▲重点" is a word with its bullet."""
    assert without_key_mark("12▲") == "12"
    assert without_key_mark("▲重点") == "▲重点"
    assert without_key_mark("（2）") == "（2）"


# --- a person addressed as 同志 over the tasks a 分工 gives them -----------------------------------

BY_PERSON = [
    "关于2026年班子成员工作分工的通知",
    "各科室：",
    "现将班子成员分工印发如下。",
    "赵文静同志：",
    "1.推进政务公开标准化建设。责任单位：办公室；完成时限：2026年6月底前。",
    "2.做好机关财务管理。责任单位：财务科；完成时限：长期坚持。",
    "孙立同志：",
    "1.组织干部教育培训。责任单位：人事科；完成时限：2026年11月底前。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_person_over_their_numbered_tasks_is_a_heading(read):
    plan = read("\n".join(BY_PERSON))
    assert [(heading.number, heading.title) for heading in branches(plan)] == [("", "赵文静同志"), ("", "孙立同志")]
    assert [item.title for item in leaves(plan)] == ["推进政务公开标准化建设", "做好机关财务管理", "组织干部教育培训"]
    assert not branches(plan)[0].fields.responsible_units


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_letters_addressee_is_no_heading(read):
    """ "某某同志：" before any sentence of the body is whom a letter is written to."""
    text = "\n".join(["钱明同志：", "1.推进政务公开标准化建设。责任单位：办公室；完成时限：2026年6月底前。"])
    assert not branches(read(text))
