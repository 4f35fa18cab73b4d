"""The plan's body as offices really send it: numbers alone on their line, tables flattened to a cell a
line, tables drawn with pipes or copied with tabs into text, guidance sections, and too many entries.

Every document here is made up in the shapes real ones come in; each is read as a .txt file, as
pasted text and (where Word changes anything) as a .docx of one paragraph per line, and the whole
tree is checked with its fields.
"""

from __future__ import annotations

import datetime
import re

import pytest

from responsibility.importing.document import ImportRejected, Table
from responsibility.importing.parse import account
from tests.responsibility.importing.made import readers

YEAR = 2024


as_txt, as_paste, as_docx = readers(YEAR)


TEXT_FORMS = [as_txt, as_paste]
ALL_FORMS = [as_txt, as_paste, as_docx]


def tree(plan) -> list[str]:
    return [("  " * depth) + f"{node.number}|{node.title}" for node, depth in plan.walk()]


def fields(plan) -> dict[str, tuple]:
    """Each entry's assignments, by number and title."""
    found = {}
    for node, _depth in plan.walk():
        f = node.fields
        found[f"{node.number}{node.title}"] = (
            f.lead_units,
            f.responsible_units,
            f.cooperating_units,
            f.deadline,
            f.ongoing,
        )
    return found


def chars(text: str) -> list[str]:
    return sorted(ch for ch in text if re.match(r"\w", ch))


# --- 1. a number alone on its line, the task on the next ------------------------------------------

NUMBERS_UNDER_ITEMS = """某区2024年优化营商环境重点任务
一、提升政务服务效能
1.压缩办事时间
1
企业开办时间压减至1个工作日以内。
2
不动产登记一般业务办理时间压减至3个工作日。
2.拓展网上办理
1
政务服务事项网上可办率达到98%。
二、强化要素保障
1.保障用地需求。"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_number_alone_on_its_line_takes_the_next_line_as_its_task(form):
    plan = form(NUMBERS_UNDER_ITEMS)
    assert tree(plan) == [
        "一、|提升政务服务效能",
        "  1.|压缩办事时间",
        "    1|企业开办时间压减至1个工作日以内",
        "    2|不动产登记一般业务办理时间压减至3个工作日",
        "  2.|拓展网上办理",
        "    1|政务服务事项网上可办率达到98%",
        "二、|强化要素保障",
        "  1.|保障用地需求",
    ]
    assert not plan.not_understood and not plan.warnings
    online = plan.roots[0].children[1].children[0]
    assert [(i.name, i.value, i.unit) for i in online.indicators] == [("政务服务事项网上可办率", 98, "%")]


NUMBERS_WITH_BLANKS = """关于做好2024年安全生产工作的通知
各村（社区）：
一、重点工作

1

开展燃气安全专项整治
牵头单位：应急办
完成时限：2024年6月30日

2

推进消防通道清理
牵头单位：消防站

二、工作要求
各单位按时报送进展情况。"""


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_numbers_alone_between_blank_lines_keep_their_tasks_and_assignments(form):
    plan = form(NUMBERS_WITH_BLANKS)
    assert tree(plan) == ["一、|重点工作", "  1|开展燃气安全专项整治", "  2|推进消防通道清理"]
    assert fields(plan)["1开展燃气安全专项整治"] == (["应急办"], [], [], datetime.date(2024, 6, 30), False)
    assert fields(plan)["2推进消防通道清理"] == (["消防站"], [], [], None, False)
    [requirements] = [section.node for section in plan.guidance]
    assert (requirements.title, requirements.content) == ("工作要求", ["各单位按时报送进展情况。"])


WORD_NUMBERS_APART = """一、
组织领导
（一）
成立工作专班。由分管领导任组长，抽调骨干力量集中办公。
（二）
建立周例会制度
二、
督促检查
（一）
开展季度督查。"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_every_style_of_number_may_stand_alone_with_its_title_below(form):
    plan = form(WORD_NUMBERS_APART)
    assert tree(plan) == [
        "一、|组织领导",
        "  （一）|成立工作专班",
        "  （二）|建立周例会制度",
        "二、|督促检查",
        "  （一）|开展季度督查",
    ]
    assert plan.roots[0].children[0].content == ["由分管领导任组长，抽调骨干力量集中办公。"]


def test_a_lone_number_out_of_sequence_is_no_entry_and_is_pointed_out():
    plan = as_paste("一、工作任务\n1.开展普法宣传进万家活动。\n7\n2.建立法律顾问制度。")
    assert tree(plan) == ["一、|工作任务", "  1.|开展普法宣传进万家活动", "  2.|建立法律顾问制度"]
    assert any("“7”与上下文不连续" in problem.message for problem in plan.warnings)
    assert "7" in account(plan)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_page_number_inside_an_open_sentence_is_no_entry(form):
    text = "一、自查自评\n（一）基础工作\n各单位按评分细则认真开展\n2、\n自查自评工作。\n（二）加分项目\n按实申报。"
    plan = form(text)
    assert tree(plan) == ["一、|自查自评", "  （一）|基础工作", "  （二）|加分项目"]
    assert plan.roots[0].children[0].content == ["各单位按评分细则认真开展2、自查自评工作。"]
    assert any("“2、”与上下文不连续" in problem.message for problem in plan.warnings)


# --- 1. a table flattened to one cell per line ------------------------------------------------------

FLAT_HEADER_FIRST = """某区2024年营商环境重点任务分解
一、政务服务
序号
任务
牵头单位
配合单位
时限

1

企业开办一日办结

区政务服务中心

各部门

6月底前

2

推行告知承诺制

区司法局

长期坚持
序号
任务
牵头单位
配合单位
时限
3
开展营商环境
满意度第三方评价
区发改委
各镇街
年底前
二、要素保障
1.保障重点项目用地。
牵头单位：区规划自然资源局"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_table_flattened_to_a_cell_a_line_is_read_as_its_table(form):
    plan = form(FLAT_HEADER_FIRST)
    assert tree(plan) == [
        "一、|政务服务",
        "  1|企业开办一日办结",
        "  2|推行告知承诺制",
        "  3|开展营商环境满意度第三方评价",
        "二、|要素保障",
        "  1.|保障重点项目用地",
    ]
    found = fields(plan)
    assert found["1企业开办一日办结"] == (["区政务服务中心"], [], ["各部门"], datetime.date(2024, 6, 30), False)
    # The row lost its empty 配合单位 line: 长期坚持 is still its time limit, not a unit.
    assert found["2推行告知承诺制"] == (["区司法局"], [], [], None, True)
    assert found["3开展营商环境满意度第三方评价"] == (["区发改委"], [], ["各镇街"], datetime.date(2024, 12, 31), False)
    assert found["1.保障重点项目用地"][0] == ["区规划自然资源局"]
    [short_row] = [problem for problem in plan.warnings if "只有 4 格" in problem.message]
    assert "推行告知承诺制" in short_row.text
    assert not plan.not_understood


def test_each_row_of_a_flattened_table_points_at_its_own_line():
    plan = as_paste(FLAT_HEADER_FIRST)
    lines = FLAT_HEADER_FIRST.split("\n")
    for node in plan.roots[0].children:
        assert lines[node.line - 1] == node.number


FLAT_WITH_POINTS = """一、安全生产
序号
工作任务
责任单位
完成时间
分值
1
开展燃气安全检查
应急办
9月底前
2
2
更新应急预案
应急办
年底前
3
二、其他工作
（一）做好信息报送。"""


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_number_in_a_column_of_numbers_is_a_cell_not_the_next_row(form):
    plan = form(FLAT_WITH_POINTS)
    assert tree(plan) == [
        "一、|安全生产",
        "  1|开展燃气安全检查",
        "  2|更新应急预案",
        "二、|其他工作",
        "  （一）|做好信息报送",
    ]
    first, second = plan.roots[0].children
    assert (first.fields.points, second.fields.points) == (2, 3)
    assert first.fields.responsible_units == ["应急办"] and second.fields.deadline == datetime.date(2024, 12, 31)


FLAT_CELL_UNDER_HEADER = """二、民生实事
序号
1
任务
新建社区食堂2个
牵头单位
民政办
时限
10月底前
序号
2
任务
改造老旧小区3个
牵头单位
城建办
时限
年底前
三、保障措施
各单位要加强协调。"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_table_written_cell_under_header_is_read_as_its_table(form):
    plan = form(FLAT_CELL_UNDER_HEADER)
    assert tree(plan)[:3] == ["二、|民生实事", "  1|新建社区食堂2个", "  2|改造老旧小区3个"]
    found = fields(plan)
    assert found["1新建社区食堂2个"] == (["民政办"], [], [], datetime.date(2024, 10, 31), False)
    assert found["2改造老旧小区3个"] == (["城建办"], [], [], datetime.date(2024, 12, 31), False)


def test_header_words_in_running_text_are_no_table():
    text = "一、工作任务\n任务\n序号\n做好宣传。\n二、其他\n（一）加强学习。"
    plan = as_paste(text)
    assert tree(plan) == ["一、|工作任务", "二、|其他", "  （一）|加强学习"]
    assert chars(text) == chars(account(plan))


# --- 3. tables drawn with pipes or copied with tabs ---------------------------------------------------

PIPES_OUTER = """某街道2024年法治建设任务清单
一、重点任务
| 序号 | 工作任务 | 牵头单位 | 完成时限 |
| 1 | 开展宪法宣传周活动 | 司法所 | 12月4日前 |
| 2 | 组织领导干部旁听庭审 | 党政办 | 第三季度 |
二、保障措施
加强统筹协调。"""

PIPES_BARE = """一、重点任务
序号|工作任务|牵头单位|完成时限
1|开展宪法宣传周活动|司法所|12月4日前
2|组织领导干部旁听庭审|党政办|第三季度
二、保障措施
加强统筹协调。"""

PIPES_MARKDOWN = """一、重点任务
|序号|工作任务|牵头单位|完成时限|
|---|---|---|---|
|1|开展宪法宣传周活动|司法所|12月4日前|
|2|组织领导干部旁听庭审|党政办|第三季度|
二、保障措施
加强统筹协调。"""


@pytest.mark.parametrize("text", [PIPES_OUTER, PIPES_BARE, PIPES_MARKDOWN], ids=["outer", "bare", "separator"])
@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_pipe_table_in_text_is_read_as_a_table(form, text):
    plan = form(text)
    assert tree(plan) == ["一、|重点任务", "  1|开展宪法宣传周活动", "  2|组织领导干部旁听庭审"]
    found = fields(plan)
    assert found["1开展宪法宣传周活动"] == (["司法所"], [], [], datetime.date(2024, 12, 4), False)
    assert found["2组织领导干部旁听庭审"] == (["党政办"], [], [], datetime.date(2024, 9, 30), False)
    assert [section.node.title for section in plan.guidance] == ["保障措施"]
    assert not plan.not_understood


def test_a_pipe_table_row_points_at_its_own_line():
    plan = as_paste(PIPES_MARKDOWN)
    assert [node.line for node in plan.roots[0].children] == [4, 5]


EXCEL_COPY = (
    "2024年为民办实事项目分解表\n"
    "序号\t任务名称\t牵头部门\t配合部门\t完成时限\n"
    "1\t新建口袋公园5个\t城建办\t各社区\t9月底前\n"
    '2\t"改造背街小巷\n'
    '（含""雨污分流""）"\t城建办\t\t年底前\n'
    "3\t增设便民服务点\t民政办\t社事办、各社区\t长期坚持\n"
    "以上任务请各单位认真落实。"
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_rows_copied_from_excel_are_a_table_quoted_line_breaks_and_all(form):
    plan = form(EXCEL_COPY)
    assert tree(plan) == ["1|新建口袋公园5个", "2|改造背街小巷", "3|增设便民服务点"]
    alley = plan.roots[1]
    assert alley.content == ['（含"雨污分流"）']
    found = fields(plan)
    assert found["1新建口袋公园5个"] == (["城建办"], [], ["各社区"], datetime.date(2024, 9, 30), False)
    assert found["2改造背街小巷"] == (["城建办"], [], [], datetime.date(2024, 12, 31), False)
    assert found["3增设便民服务点"] == (["民政办"], [], ["社事办", "各社区"], None, True)
    assert plan.headers["title"] == "2024年为民办实事项目分解表"
    [after] = plan.not_understood
    assert (after.line, after.text) == (EXCEL_COPY.count("\n") + 1, "以上任务请各单位认真落实。")


WORD_COPY = """一、基层治理
序号\t重点任务\t责任单位\t时限要求
1\t完善网格化管理
全面推行网格员“一岗多责”\t综治中心\t6月底前
2\t开展矛盾纠纷大排查\t司法所、各社区\t每季度
二、平安创建
1.创建平安村（社区）。"""


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_word_table_copied_as_text_keeps_a_cell_broken_over_two_lines(form):
    plan = form(WORD_COPY)
    assert tree(plan) == [
        "一、|基层治理",
        "  1|完善网格化管理",
        "  2|开展矛盾纠纷大排查",
        "二、|平安创建",
        "  1.|创建平安村（社区）",
    ]
    grid = plan.roots[0].children[0]
    assert grid.content == ["全面推行网格员“一岗多责”"]
    assert grid.fields.responsible_units == ["综治中心"] and grid.fields.deadline == datetime.date(2024, 6, 30)
    assert plan.roots[0].children[1].fields.responsible_units == ["司法所", "各社区"]


def test_tab_indented_paragraphs_and_a_stray_pipe_stay_text():
    text = "\t一、总体要求\n\t坚持问题导向|目标导向。\n\t二、重点任务\n\t1.开展专项整治。\t（牵头：综治办）"
    plan = as_paste(text)
    assert tree(plan) == ["二、|重点任务", "  1.|开展专项整治"]
    assert [section.node.title for section in plan.guidance] == ["总体要求"]
    assert not any(isinstance(block, Table) for block in plan.source.blocks)


# --- 5. guidance sections ---------------------------------------------------------------------------

PLAN_WITH_GUIDANCE = """某街道2024年平安建设工作要点
一、总体要求
以习近平新时代中国特色社会主义思想为指导，坚持以人民为中心。
（一）指导思想。坚持共建共治共享。
（二）基本原则。坚持问题导向，坚持源头治理。
二、工作目标
全年刑事案件发案率同比下降，群众安全感满意度达到95%以上。
三、重点任务
（一）开展矛盾纠纷排查化解。每月开展一次排查。
牵头单位：综治中心
责任单位：各社区
完成时限：长期坚持
（二）加强治安巡逻防控
牵头单位：派出所
完成时限：2024年12月31日
四、保障措施
（一）加强组织领导。各单位要高度重视，主要负责同志亲自抓。
（二）强化督查考核。将平安建设纳入年度综合考核。
五、工作要求
各单位要认真落实，确保各项任务取得实效。"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_prose_sections_with_guidance_headings_are_set_apart_as_guidance(form):
    plan = form(PLAN_WITH_GUIDANCE)
    assert tree(plan) == ["三、|重点任务", "  （一）|开展矛盾纠纷排查化解", "  （二）|加强治安巡逻防控"]
    sections = [(s.position, s.node.number, s.node.title) for s in plan.guidance]
    assert sections == [
        (0, "一、", "总体要求"),
        (0, "二、", "工作目标"),
        (1, "四、", "保障措施"),
        (1, "五、", "工作要求"),
    ]
    general = plan.guidance[0].node
    assert [(child.number, child.title, child.content) for child in general.children] == [
        ("（一）", "指导思想", ["坚持共建共治共享。"]),
        ("（二）", "基本原则", ["坚持问题导向，坚持源头治理。"]),
    ]
    assert any(
        "“一、总体要求”“二、工作目标”“四、保障措施”“五、工作要求”是指导性内容" in p.message for p in plan.warnings
    )
    assert chars(plan.source.text) == chars(account(plan))


MEASURES_WITH_ASSIGNMENTS = """一、总体要求
坚持依法行政，建设法治政府。
二、重点工作
1.完善行政规范性文件备案审查。
责任单位：司法所
三、保障措施
1.加强组织领导。
责任单位：党政办
完成时限：3月底前
2.落实经费保障。（财政所牵头）
四、工作要求
1.各社区于6月底前报送半年工作总结。
五、组织实施
由党政办牵头，每季度通报一次进展。"""


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_guidance_heading_that_assigns_work_stays_a_task(form):
    plan = form(MEASURES_WITH_ASSIGNMENTS)
    assert [root.number for root in plan.roots] == ["二、", "三、", "四、", "五、"]
    assert [section.node.number for section in plan.guidance] == ["一、"]
    measures = plan.roots[1]
    assert measures.children[0].fields.responsible_units == ["党政办"]
    assert measures.children[0].fields.deadline == datetime.date(2024, 3, 31)


def test_a_long_heading_or_a_task_heading_is_never_guidance():
    text = (
        "一、推进落实保障措施责任制全面覆盖各村社区\n各村要加强落实。\n"
        "二、重点任务\n开展宣传活动。\n三、组织保障\n加强领导。"
    )
    plan = as_paste(text)
    assert [root.number for root in plan.roots] == ["一、", "二、"]
    assert [section.node.title for section in plan.guidance] == ["组织保障"]


NOTICE_WITH_ATTACHMENTS = """关于印发2024年平安建设工作要点和任务分解表的通知
各社区、各科室：
现将有关文件印发给你们，请认真贯彻落实。
附件：1.某街道2024年平安建设工作要点
2.某街道2024年平安建设任务分解表
某街道办事处
2024年3月1日
附件1
某街道2024年平安建设工作要点
一、总体要求
坚持以人民为中心，统筹发展和安全。
二、重点任务
（一）开展矛盾纠纷排查。
牵头单位：综治中心
三、工作要求
各单位要高度重视，认真组织实施。
附件2
某街道2024年平安建设任务分解表
序号\t工作任务\t牵头单位
1\t开展治安巡逻\t派出所"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_guidance_inside_an_attachment_is_set_apart_within_it(form):
    plan = form(NOTICE_WITH_ATTACHMENTS)
    assert tree(plan) == [
        "附件1|某街道2024年平安建设工作要点",
        "  二、|重点任务",
        "    （一）|开展矛盾纠纷排查",
        "附件2|某街道2024年平安建设任务分解表",
        "  1|开展治安巡逻",
    ]
    part = plan.roots[0]
    assert [(s.parent is part, s.position, s.node.number, s.node.title) for s in plan.guidance] == [
        (True, 0, "一、", "总体要求"),
        (True, 1, "三、", "工作要求"),
    ]


def test_a_document_of_guidance_alone_keeps_its_parts_as_entries():
    plan = as_paste("一、总体要求\n坚持依法行政。\n二、工作要求\n各单位抓好落实。")
    assert tree(plan) == ["一、|总体要求", "二、|工作要求"] and plan.guidance == []


# --- 13. too many entries -----------------------------------------------------------------------------


def test_a_document_with_more_entries_than_the_cap_is_refused_naming_the_cap(settings):
    settings.IMPORT_MAX_ENTRIES = 50
    text = "\n".join(f"{n}.第{n}项工作。" for n in range(1, 52))
    with pytest.raises(ImportRejected) as refused:
        as_paste(text)
    assert "超过 50 条" in refused.value.message and "IMPORT_MAX_ENTRIES" in refused.value.message
    settings.IMPORT_MAX_ENTRIES = 51
    assert len(as_paste(text).nodes()) == 51


def test_table_rows_count_towards_the_cap(settings):
    settings.IMPORT_MAX_ENTRIES = 3
    rows = "\n".join(f"{n}\t第{n}项任务\t党政办" for n in range(1, 4))
    text = f"一、重点任务\n序号\t工作任务\t牵头单位\n{rows}"
    with pytest.raises(ImportRejected) as refused:
        as_paste(text)
    assert "超过 3 条" in refused.value.message


# --- a flattened table whose target column is worded its own way, cut by a page number ---------------

FLAT_WITH_PAGE_BREAK = """某镇2024年为民办实事项目清单
序号
项目名称
实施内容与目标
责任单位
完成时间
1
乡村道路硬化
硬化村组道路12公里
交通站
2024年10月底前
2
农贸市场改造
改造农贸市场摊位80个
市场监管所
2024年8月底前
- 3 -
序号
项目名称
实施内容与目标
责任单位
完成时间
3
饮水安全提升
新建集中供水点4处
水务站
2024年12月底前"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_flattened_table_with_a_compound_target_header_and_a_page_number_is_read(form):
    plan = form(FLAT_WITH_PAGE_BREAK)
    assert tree(plan) == ["1|乡村道路硬化", "2|农贸市场改造", "3|饮水安全提升"]
    market = plan.roots[1]
    assert market.fields.target == "改造农贸市场摊位80个"
    assert market.fields.responsible_units == ["市场监管所"]
    assert market.fields.deadline == datetime.date(2024, 8, 31)


# --- a task column worded as the office likes ----------------------------------------------------------

OWN_TASK_WORD = (
    "附件\n某街道2025年改革攻坚项目表\n"
    "序号\t攻坚项目\t牵头单位\t配合单位\t完成时限\n"
    "1\t推行“一件事一次办”\t便民服务中心\t各科室\t2025年6月底前\n"
    "2\t开展信用体系建设\t经发办\t市场监管所\t2025年11月底前\n"
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_numbered_table_saying_who_and_when_has_its_task_in_the_column_it_does_not_name(form):
    plan = form(OWN_TASK_WORD)
    assert tree(plan) == ["1|推行“一件事一次办”", "2|开展信用体系建设"]
    found = fields(plan)
    assert found["2开展信用体系建设"] == (["经发办"], [], ["市场监管所"], datetime.date(2025, 11, 30), False)


# --- assignments after the task, and assignments a line break cut --------------------------------

WRAPPED_ASSIGNMENTS = """一、基层治理
1.健全网格管理。每个网格配备专职网格员。（牵头单位：社会事务办；
责任单位：各社区；完成时限：2024年6月底前）
2.推进垃圾分类。分类收集覆盖率达到90%。（责任单
位：城管所、物业公司）
3.整治背街小巷。完成改造12条。牵头单位：城建办；完成时
限：2024年10月底前。
4.开展文明创建。每季度评选一次文明家庭。责任单位：宣传办、
各社区。
5.完善公共法律服务。（司法所牵头，各社区、各村（居）按职责分工负责）
二、平安建设
6.加强群防群治。组建义务巡逻队。责任单位：派出所
（一）城区巡逻
（二）乡村巡逻"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_assignments_cut_by_a_line_break_or_written_after_the_task_are_read(form):
    plan = form(WRAPPED_ASSIGNMENTS)
    assert fields(plan)["1.健全网格管理"] == (["社会事务办"], ["各社区"], [], datetime.date(2024, 6, 30), False)
    assert fields(plan)["2.推进垃圾分类"][1] == ["城管所", "物业公司"]
    assert fields(plan)["3.整治背街小巷"][0] == ["城建办"]
    assert fields(plan)["3.整治背街小巷"][3] == datetime.date(2024, 10, 31)
    assert fields(plan)["4.开展文明创建"][1] == ["宣传办", "各社区"]
    assert fields(plan)["5.完善公共法律服务"][:3] == (["司法所"], ["各社区", "各村（居）"], [])
    # A label line that ends without a full stop is not glued to the numbered lines after it.
    assert tree(plan)[-3:] == ["  6.|加强群防群治", "    （一）|城区巡逻", "    （二）|乡村巡逻"]
    for number in "12345":
        node = next(node for node, _depth in plan.walk() if node.number == f"{number}.")
        assert not any(label in "".join(node.content) for label in ("单位", "牵头", "时限"))
    assert chars(plan.source.text) == chars(account(plan))


# --- 9. a page's number inside a sentence of a task that stands under a number alone ---------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_page_number_inside_the_task_under_a_number_alone_keeps_the_task_whole(form):
    text = (
        "一、文化惠民\n1\n送戏下乡。全年组织文艺团队深入各村开展\n2\n演出不少于40场。（责任单位：文化站）\n"
        "2\n建设农家书屋。（责任单位：文化站、各村）\n二、体育健身\n1\n更新健身器材。"
    )
    plan = form(text)
    assert tree(plan) == ["一、|文化惠民", "  1|送戏下乡", "  2|建设农家书屋", "二、|体育健身", "  1|更新健身器材"]
    first = plan.roots[0].children[0]
    assert first.content == ["全年组织文艺团队深入各村开展2演出不少于40场。"]
    assert first.fields.responsible_units == ["文化站"]
    assert any("“2”与上下文不连续" in problem.message for problem in plan.warnings)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_heading_under_a_number_alone_does_not_take_the_next_line(form):
    plan = form("一、文化惠民\n（一）\n公共文化服务\n1.送戏下乡。\n（二）\n群众体育\n1.更新健身器材。")
    assert tree(plan) == [
        "一、|文化惠民",
        "  （一）|公共文化服务",
        "    1.|送戏下乡",
        "  （二）|群众体育",
        "    1.|更新健身器材",
    ]


# --- 10. an assignment in brackets on its own line after a list of sub-points ----------------------


@pytest.mark.parametrize("form", ALL_FORMS)
@pytest.mark.parametrize(
    ("first", "second"), [("①", "②"), ("（1）", "（2）"), ("(1)", "(2)")], ids=["circled", "paren", "ascii"]
)
def test_a_bracketed_assignment_after_sub_points_holds_for_all_of_them(form, first, second):
    text = (
        f"一、农村人居环境\n1.推进厕所革命\n{first}改造农户卫生厕所300户；\n{second}公厕管护率达到100%。\n"
        "（牵头单位：农业站；完成时限：2024年9月底前）\n2.治理村内水塘。（责任单位：水利站）"
    )
    plan = form(text)
    item = plan.roots[0].children[0]
    assert [child.number for child in item.children] == [first, second]
    assert item.fields.lead_units == ["农业站"] and item.fields.deadline == datetime.date(2024, 9, 30)
    assert all(not child.fields.lead_units for child in item.children)  # they inherit, as build.py does
    assert plan.roots[0].children[1].fields.responsible_units == ["水利站"]
    assert any("归入上级“1.”" in problem.message for problem in plan.warnings)


# --- 12. Markdown's heading marks in text that is not a .md file ----------------------------------


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_markdown_heading_marks_in_text_are_markup(form):
    text = (
        "# 某街道2024年民生工作要点 #\n\n"
        "## 一、教育\n"
        "### （一）学前教育\n"
        "1.新建普惠性幼儿园1所。（责任单位：社会事务办）\n"
        "## 二、养老\n\n"
        "| 序号 | 工作任务 | 责任单位 |\n"
        "| 1 | 建设社区食堂 | 民政办 |\n"
        "| 2 | 开展适老化改造 | 各社区 |\n"
        "#话题 不是标题\n"
    )
    plan = form(text)
    assert plan.title == "某街道2024年民生工作要点"
    assert [line for line in tree(plan) if not line.startswith("    ")][:4] == [
        "一、|教育",
        "  （一）|学前教育",
        "二、|养老",
        "  1|建设社区食堂",
    ]
    assert plan.roots[1].children[1].fields.responsible_units == ["各社区"]
    assert "#话题" in account(plan)


# --- assignments written as units and their verb, dates inside the bracket, other labels ------------

VERB_BRACKETS = """某县2024年农业农村重点工作
一、稳产保供
（一）稳定粮食生产。播种面积稳定在40万亩以上。（县农业农村局负责）
（二）管好帮扶资产。（县乡村振兴局、县财政局按职责分工负责）
（三）治理农村污水。（县环境分局牵头，县水利局、各乡镇配合，2024年10月底前）
二、乡风文明
（四）办好农家书屋。（由各村自行负责）
（五）推广积分制。（各地结合实际推进）
（六）开展移风易俗宣传。（责任单位：县文明办；时间安排：按季度推进）
（七）修缮村史馆。（责任单位：县文旅局；时间安排：2024.9）"""


@pytest.mark.parametrize("form", ALL_FORMS)
def test_units_with_their_verb_and_dates_in_brackets_are_read_in_every_form(form):
    found = fields(form(VERB_BRACKETS))
    assert found["（一）稳定粮食生产"] == ([], ["县农业农村局"], [], None, False)
    assert found["（二）管好帮扶资产"] == ([], ["县乡村振兴局", "县财政局"], [], None, False)
    assert found["（三）治理农村污水"] == (
        ["县环境分局"],
        [],
        ["县水利局", "各乡镇"],
        datetime.date(2024, 10, 31),
        False,
    )
    assert found["（四）办好农家书屋"] == ([], ["各村"], [], None, False)
    assert found["（六）开展移风易俗宣传"] == ([], ["县文明办"], [], None, True)
    assert found["（七）修缮村史馆"] == ([], ["县文旅局"], [], datetime.date(2024, 9, 30), False)
    unassigned = [key for key in found if key.startswith("（五）")]
    assert unassigned and found[unassigned[0]][:3] == ([], [], [])


# --- parts between tables, and page numbers among them -------------------------------------------

PARTS_BETWEEN_TABLES = """某县2025年重点项目推进表
第一篇　交通建设
编号\t项目名称\t责任单位\t完成时间
1\t改造县乡公路20公里\t县交通局\t10月底前
2\t新建客运站1座\t县交通局\t年底前
{between}第二篇　水利建设
编号\t项目名称\t责任单位\t完成时间
1\t加固病险水库3座\t县水利局\t汛期前
2\t疏浚河道15公里\t县水利局\t9月底前
"""


@pytest.mark.parametrize("form", ALL_FORMS)
@pytest.mark.parametrize("between", ["", "- 2 -\n", "— 2 —\n\n", "第2页 共5页\n"])
def test_a_part_line_between_two_tab_tables_heads_the_rows_under_it(form, between):
    plan = form(PARTS_BETWEEN_TABLES.format(between=between))
    assert tree(plan) == [
        "第一篇|交通建设",
        "  1|改造县乡公路20公里",
        "  2|新建客运站1座",
        "第二篇|水利建设",
        "  1|加固病险水库3座",
        "  2|疏浚河道15公里",
    ]
    assert plan.roots[1].children[0].fields.responsible_units == ["县水利局"]
    page_numbers = [problem.text for problem in plan.not_understood]
    assert page_numbers == ([between.strip()] if between else [])


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_tab_table_running_over_a_page_number_stays_one_table(form):
    text = (
        "序号\t工作事项\t牵头科室\t时限\n"
        "1\t修订内控制度\t办公室\t3月底前\n"
        "— 7 —\n"
        "2\t开展预算绩效评价\t财务科\t6月底前\n"
        "3\t清理往来款项\t财务科\t年底前\n"
    )
    plan = form(text)
    assert tree(plan) == ["1|修订内控制度", "2|开展预算绩效评价", "3|清理往来款项"]
    assert [node.line for node in plan.roots] == [2, 4, 5]
    assert len([block for block in plan.source.blocks if isinstance(block, Table)]) <= 1


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_page_number_between_paragraphs_is_no_part_of_an_entry(form):
    plan = form("一、强化组织领导\n1.成立工作专班。由分管领导牵头，统筹推进\n－ 3 －\n各项工作。\n2.建立月调度机制。")
    assert tree(plan) == ["一、|强化组织领导", "  1.|成立工作专班", "  2.|建立月调度机制"]
    assert plan.roots[0].children[0].content == ["由分管领导牵头，统筹推进各项工作。"]
    assert [(problem.line, problem.text) for problem in plan.not_understood] == [(3, "－ 3 －")]
