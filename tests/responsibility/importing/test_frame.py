"""The document's frame: the notice, the portal page and the attachments around the plan.

Every document here is made up, in the shapes offices receive: a portal copy with its chrome and
index block, a notice that sends a plan or several attachments, a plan with its own title line. Each
is read as a .txt file, as pasted text and as a Word document with one paragraph per line, and the
whole result is checked: the plan's name, the headers, the tree and what was set aside.
"""

import io
import re

import docx
import pytest

from responsibility.importing import headers as h
from responsibility.importing.parse import account, parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.shape import check


def as_txt(text):
    return parse(read("通知.txt", text.encode("gb18030")))


def as_paste(text):
    return parse(read_pasted(text))


def as_docx(text):
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return parse(read("通知.docx", out.getvalue()))


READERS = [as_txt, as_paste, as_docx]


def tree(plan):
    return [("  " * depth) + node.number + node.title for node, depth in plan.walk()]


def words(text):
    return sorted(ch for ch in text if re.match(r"\w", ch))


def assert_nothing_lost(plan):
    assert words(plan.source.text) == words(account(plan))


# --- 4: a notice that lists its attachments ---------------------------------------------------

TWO_ATTACHMENTS = """某镇人民政府关于印发2025年重点项目推进方案的通知

各村（社区）、镇属各部门：
现将2025年重点项目清单和为民办实事清单印发给你们，请按要求推进。
附件：1. 重点项目清单
      2. 为民办实事清单
某镇人民政府
2025年2月12日
附件1
重点项目清单
一、基础设施
1.新建污水管网8公里。
责任单位：建设办
二、产业发展
2.引进农产品加工企业2家。
责任单位：经发办
附件2
为民办实事清单
1.改造农村危房30户。
牵头单位：民政办
2.新建村级养老服务站2个。
牵头单位：社会事务办
"""


@pytest.mark.parametrize("reader", READERS)
def test_each_listed_attachment_that_follows_starts_a_part(reader):
    plan = reader(TWO_ATTACHMENTS)
    assert tree(plan) == [
        "附件1重点项目清单",
        "  一、基础设施",
        "    1.新建污水管网8公里",
        "  二、产业发展",
        "    2.引进农产品加工企业2家",
        "附件2为民办实事清单",
        "  1.改造农村危房30户",
        "  2.新建村级养老服务站2个",
    ]
    assert plan.headers == {
        "title": "某镇人民政府关于印发2025年重点项目推进方案的通知",
        "addressee": "各村（社区）、镇属各部门",
        "preamble": "现将2025年重点项目清单和为民办实事清单印发给你们，请按要求推进。",
        "attachment": "附件：1. 重点项目清单\n2. 为民办实事清单",
        "signatory": "某镇人民政府",
        "date": "2025年2月12日",
    }
    assert plan.title == "2025年重点项目推进方案"
    assert plan.roots[1].children[0].fields.lead_units == ["民政办"]
    assert not plan.not_understood and not plan.warnings
    assert_nothing_lost(plan)


NUMBERED_ATTACHMENT_LINES = """关于印发《某社区2025年度工作计划》和《某社区2025年惠民项目表》的通知
各网格、各小区业委会：
现将两个文件印发给你们，请遵照执行。
附件1：某社区2025年度工作计划
附件2：某社区2025年惠民项目表
某社区居民委员会
2025年1月6日
附件1：某社区2025年度工作计划
一、党建引领
1.每月开展主题党日活动。
责任人：王五
附件2：某社区2025年惠民项目表
1.加装电梯2部。
完成时限：2025年10月底前
"""


@pytest.mark.parametrize("reader", READERS)
def test_attachments_listed_one_a_line_and_started_with_their_titles(reader):
    plan = reader(NUMBERED_ATTACHMENT_LINES)
    assert tree(plan) == [
        "附件1某社区2025年度工作计划",
        "  一、党建引领",
        "    1.每月开展主题党日活动",
        "附件2某社区2025年惠民项目表",
        "  1.加装电梯2部",
    ]
    assert plan.headers["attachment"] == "附件1：某社区2025年度工作计划\n附件2：某社区2025年惠民项目表"
    assert (plan.headers["signatory"], plan.headers["date"]) == ("某社区居民委员会", "2025年1月6日")
    assert plan.title == "某社区2025年度工作计划"
    assert_nothing_lost(plan)


THE_PLAN_AS_ITS_ONLY_ATTACHMENT = """某街道办事处关于印发某街道2024年平安建设工作要点的通知
各社区：
现将《某街道2024年平安建设工作要点》印发给你们，请认真抓好落实。
附件：某街道2024年平安建设工作要点
某街道办事处
2024年3月1日
（此件主动公开）
附件
某街道2024年平安建设工作要点
为扎实推进平安建设，制定本要点。
一、深化矛盾纠纷化解
（一）开展矛盾纠纷大排查。
责任单位：综治办
完成时限：6月底前
（二）规范信访事项办理。
责任单位：信访办
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_single_attachment_that_is_the_plan_does_not_become_a_part(reader):
    plan = reader(THE_PLAN_AS_ITS_ONLY_ATTACHMENT)
    assert tree(plan) == ["一、深化矛盾纠纷化解", "  （一）开展矛盾纠纷大排查", "  （二）规范信访事项办理"]
    assert plan.title == "某街道2024年平安建设工作要点"
    assert plan.headers["plan_title"] == "某街道2024年平安建设工作要点"
    assert plan.headers["attachment"] == "附件：某街道2024年平安建设工作要点\n附件"
    assert plan.headers["publicity"] == "（此件主动公开）"
    assert plan.headers["preamble"].endswith("为扎实推进平安建设，制定本要点。")
    assert plan.roots[0].children[0].fields.deadline.month == 6
    assert_nothing_lost(plan)


NOTICE_WITH_ITS_OWN_POINTS = """中共某街道工作委员会关于做好2025年重点工作的通知
各社区党委、机关各科室：
为抓好全年工作，现就有关事项通知如下：
一、提高思想认识
各单位要把重点工作摆上重要议事日程。
二、明确责任分工
各牵头单位要按照清单明确的时限推进。
附件：1.重点工作任务清单
2.重点工作责任分解表
中共某街道工作委员会
2025年1月10日
附件1
重点工作任务清单
1.完成背街小巷改造。
牵头单位：建设办
2.推进垃圾分类全覆盖。
牵头单位：城管科
附件2
重点工作责任分解表
1.开展安全生产检查。
责任单位：应急办
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_list_after_the_notices_own_points_is_neither_an_item_nor_their_content(reader):
    plan = reader(NOTICE_WITH_ITS_OWN_POINTS)
    assert tree(plan) == [
        "一、提高思想认识",
        "二、明确责任分工",
        "附件1重点工作任务清单",
        "  1.完成背街小巷改造",
        "  2.推进垃圾分类全覆盖",
        "附件2重点工作责任分解表",
        "  1.开展安全生产检查",
    ]
    assert plan.roots[1].content == ["各牵头单位要按照清单明确的时限推进。"]
    assert plan.headers["attachment"] == "附件：1.重点工作任务清单\n2.重点工作责任分解表"
    assert plan.headers["signatory"] == "中共某街道工作委员会"
    assert plan.headers["date"] == "2025年1月10日"
    assert_nothing_lost(plan)


NOTICE_IN_POINTS_THEN_THE_PLAN = """关于印发某街道2024年综治工作要点的通知
各社区：
现将要点印发给你们，并提出以下要求：
一、高度重视
各社区要高度重视。
二、狠抓落实
确保各项任务落到实处。
某街道综治委员会
2024年2月1日
某街道2024年综治工作要点
一、矛盾化解
1.开展排查。
责任单位：综治办
二、治安防控
1.巡逻防控。
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_plan_after_a_notice_written_in_points_starts_its_own_part(reader):
    plan = reader(NOTICE_IN_POINTS_THEN_THE_PLAN)
    assert tree(plan) == [
        "一、高度重视",
        "二、狠抓落实",
        "某街道2024年综治工作要点",
        "  一、矛盾化解",
        "    1.开展排查",
        "  二、治安防控",
        "    1.巡逻防控",
    ]
    assert plan.roots[1].content == ["确保各项任务落到实处。"]
    assert (plan.headers["signatory"], plan.headers["date"]) == ("某街道综治委员会", "2024年2月1日")
    assert plan.title == "某街道2024年综治工作要点"
    assert not plan.warnings
    assert_nothing_lost(plan)


PLAN_THAT_ENDS_WITH_ITS_LIST = """某村2024年人居环境整治工作要点
一、清理村庄垃圾
1.每月组织一次集中清扫。
责任人：村主任
2.设置分类垃圾桶40组。
责任人：村文书
附件：
1.人居环境整治任务表
2.村庄清洁评比细则
某村村民委员会
2024年2月20日
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_list_at_the_end_of_a_plan_does_not_swallow_the_signature(reader):
    plan = reader(PLAN_THAT_ENDS_WITH_ITS_LIST)
    assert tree(plan) == ["一、清理村庄垃圾", "  1.每月组织一次集中清扫", "  2.设置分类垃圾桶40组"]
    assert plan.roots[0].children[1].content == []
    assert plan.headers["attachment"] == "附件：\n1.人居环境整治任务表\n2.村庄清洁评比细则"
    assert (plan.headers["signatory"], plan.headers["date"]) == ("某村村民委员会", "2024年2月20日")
    assert plan.title == "某村2024年人居环境整治工作要点"
    assert_nothing_lost(plan)


ATTACHMENTS_BY_THEIR_TITLES = """某区教育局关于印发两项工作清单的通知
各中小学校：
现将有关清单印发给你们。
附件：1.校园安全工作清单；
2.课后服务工作清单。
某区教育局
2024年8月26日
2024年校园安全工作清单
1.每月开展一次消防演练。
责任单位：各中小学校
2024年课后服务工作清单
1.课后服务覆盖率达到100%。
责任单位：各中小学校
"""


@pytest.mark.parametrize("reader", READERS)
def test_an_attachment_that_starts_with_its_title_alone_is_a_part(reader):
    plan = reader(ATTACHMENTS_BY_THEIR_TITLES)
    assert tree(plan) == [
        "2024年校园安全工作清单",
        "  1.每月开展一次消防演练",
        "2024年课后服务工作清单",
        "  1.课后服务覆盖率达到100%",
    ]
    assert plan.headers["attachment"] == "附件：1.校园安全工作清单；\n2.课后服务工作清单。"
    assert_nothing_lost(plan)


def test_an_attachment_drawn_as_a_word_table_goes_under_its_title():
    document = docx.Document()
    lines = [
        "某街道办事处关于印发",
        "2024年重点任务",
        "的通知",
        "各社区：",
        "现将重点任务清单和民生项目表印发给你们，请认真落实。",
        "附件：1.重点任务清单",
        "2.民生项目表",
        "某街道办事处",
        "2024年3月1日",
        "附件1",
        "重点任务清单",
    ]
    for line in lines:
        document.add_paragraph(line)
    rows = [["序号", "工作任务", "责任单位", "完成时限"], ["1", "完成道路改造", "建设办", "6月底前"]]
    _table(document, rows)
    for line in ["附件2", "民生项目表", "1.新建口袋公园一座。", "责任单位：城管办"]:
        document.add_paragraph(line)
    plan = parse(read("通知.docx", _saved(document)), 2024)
    assert tree(plan) == ["附件1重点任务清单", "  1完成道路改造", "附件2民生项目表", "  1.新建口袋公园一座"]
    assert plan.roots[0].children[0].fields.responsible_units == ["建设办"]
    assert plan.headers["title"] == "某街道办事处关于印发2024年重点任务的通知"
    assert plan.title == "2024年重点任务"


@pytest.mark.parametrize("reader", READERS)
def test_an_attachment_named_inside_an_item_stays_its_content(reader):
    plan = reader("一、年度考核\n1.做好年终考核。\n附件：考核评分表\n2.通报考核结果。\n")
    assert tree(plan) == ["一、年度考核", "  1.做好年终考核", "  2.通报考核结果"]
    assert plan.roots[0].children[0].content == ["附件：考核评分表"]
    assert "attachment" not in plan.headers


def test_a_plan_with_its_breakdown_table_attached_after_it():
    document = docx.Document()
    for line in ["某社区2025年工作要点", "一、社区治理", "1.完善居民公约。", "附件：重点任务分解表"]:
        document.add_paragraph(line)
    rows = [["序号", "工作任务", "牵头单位"], ["1", "建设睦邻中心", "社区居委会"], ["2", "更新健身器材", "物业公司"]]
    _table(document, rows)
    plan = parse(read("要点.docx", _saved(document)), 2025)
    assert tree(plan) == [
        "一、社区治理",
        "  1.完善居民公约",
        "附件重点任务分解表",
        "  1建设睦邻中心",
        "  2更新健身器材",
    ]
    assert plan.roots[1].children[1].fields.lead_units == ["物业公司"]
    assert plan.title == "某社区2025年工作要点"


def test_an_attachment_marker_over_a_table_has_no_title_to_borrow():
    document = docx.Document()
    for line in ["一、年度目标", "1.完成年度任务。", "附件：任务分解表", "某镇人民政府", "2024年1月5日", "附件"]:
        document.add_paragraph(line)
    _table(document, [["序号", "工作任务", "责任单位"], ["1", "修缮文化站", "文化站"]])
    document.add_paragraph("以上任务每季度报送一次进展。")
    plan = parse(read("通知.docx", _saved(document)), 2024)
    assert tree(plan) == ["一、年度目标", "  1.完成年度任务", "附件", "  1修缮文化站"]
    assert plan.roots[1].content == ["以上任务每季度报送一次进展。"]
    assert (plan.headers["attachment"], plan.headers["signatory"]) == ("附件：任务分解表", "某镇人民政府")


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return table


def _saved(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- 7: the plan's title ----------------------------------------------------------------------

SPLIT_TITLE = """某区2025年
民政工作要点
2025年，全区民政工作以保障民生为重点，现制定如下要点。
一、兜牢基本民生底线
1.按时足额发放低保金。
责任单位：社会救助科
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_title_on_two_lines_is_one_title_and_stops_before_the_paragraph(reader):
    plan = reader(SPLIT_TITLE)
    assert plan.title == plan.headers["title"] == "某区2025年民政工作要点"
    assert plan.headers["preamble"] == "2025年，全区民政工作以保障民生为重点，现制定如下要点。"
    assert tree(plan) == ["一、兜牢基本民生底线", "  1.按时足额发放低保金"]


SPLIT_ACROSS_A_BLANK = """某镇2024年

林业工作计划

为加快国土绿化，结合我镇实际，特制定本计划

一、植树造林
1.完成人工造林300亩。
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_title_split_by_a_blank_line_is_joined_but_never_swallows_the_paragraph(reader):
    plan = reader(SPLIT_ACROSS_A_BLANK)
    assert plan.title == "某镇2024年林业工作计划"
    assert plan.headers["preamble"] == "为加快国土绿化，结合我镇实际，特制定本计划"
    assert tree(plan) == ["一、植树造林", "  1.完成人工造林300亩"]


PASTED_TITLE_THEN_PARAGRAPH = """某社区2024年党建工作要点

围绕中心、服务大局，全面提升社区党建工作质量，现结合实际制定如下要点

一、加强政治建设
1.坚持“三会一课”制度。
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_pasted_title_keeps_to_its_line(reader):
    plan = reader(PASTED_TITLE_THEN_PARAGRAPH)
    assert plan.title == plan.headers["title"] == "某社区2024年党建工作要点"
    assert plan.headers["preamble"] == "围绕中心、服务大局，全面提升社区党建工作质量，现结合实际制定如下要点"


OWN_TITLE_AFTER_THE_NOTICE = """区卫生健康委关于印发《2025年卫生健康工作要点》的通知
区卫健〔2025〕4号
各医疗卫生单位：
现将《2025年卫生健康工作要点》印发给你们，请结合实际抓好落实。
区卫生健康委
2025年2月8日
某区2025年卫生健康工作要点（修订稿）
2025年是“十四五”规划收官之年。
一、深化医药卫生体制改革
1.推进紧密型医共体建设。
牵头单位：医政科
"""


@pytest.mark.parametrize("reader", READERS)
def test_the_plans_own_title_line_wins_over_the_notice(reader):
    plan = reader(OWN_TITLE_AFTER_THE_NOTICE)
    assert plan.title == "某区2025年卫生健康工作要点（修订稿）"
    assert plan.headers["title"] == "区卫生健康委关于印发《2025年卫生健康工作要点》的通知"
    assert plan.headers["doc_number"] == "区卫健〔2025〕4号"
    assert plan.headers["preamble"] == (
        "现将《2025年卫生健康工作要点》印发给你们，请结合实际抓好落实。\n2025年是“十四五”规划收官之年。"
    )
    assert tree(plan) == ["一、深化医药卫生体制改革", "  1.推进紧密型医共体建设"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "关于做好全年重点工作的通知\n各科室：\n现将《某街道2025年重点工作任务清单》印发给你们。\n"
            "一、经济发展\n1.招商引资。\n",
            "某街道2025年重点工作任务清单",
        ),
        ("关于印发某县2024年水利工作\n要点的通知\n各乡镇：\n一、防汛抗旱\n1.修订预案。\n", "某县2024年水利工作要点"),
        (
            "标题：某村2024年集体经济发展计划\n索引号：0001-2024\n一、发展产业\n1.种植中药材。\n",
            "某村2024年集体经济发展计划",
        ),
    ],
)
def test_without_its_own_title_line_the_plan_is_named_by_the_notice(text, name):
    assert as_paste(text).title == name


def test_a_plans_own_title_has_no_addressee():
    plan = as_paste("某街道2024年社会事务工作要点\n主要目标：\n全年新增就业300人。\n一、就业\n1.举办招聘会。\n")
    assert "addressee" not in plan.headers
    assert plan.headers["preamble"] == "主要目标：\n全年新增就业300人。"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("关于印发《某镇2024年工作要点》的通知", "某镇2024年工作要点"),
        ("某局关于转发《市局关于做好汛期安全工作的通知》的通知", "市局关于做好汛期安全工作的通知"),
        ("关于印发某县2024年水利工作要点的通知", "某县2024年水利工作要点"),
        ("关于开展“法治宣传月”活动的通知", ""),
        ("关于做好2024年防汛工作的通知", ""),
        ("某街道2024年工作要点", ""),
        # The issuer glued before 关于, and a name in 《》 that ends in no kind of document.
        ("某镇人民政府关于印发《某镇2025年政府工作报告任务分解》的通知", "某镇2025年政府工作报告任务分解"),
        ("某区住建局关于下发《老旧小区改造三年行动》的通知", "老旧小区改造三年行动"),
        ("关于印发《甲镇2024年工作要点》和《甲镇民生实事清单》的通知", "甲镇2024年工作要点"),
    ],
)
def test_what_a_notice_sends(title, name):
    assert h.sent_name(title) == name


# --- 8: a portal page's chrome above the notice ------------------------------------------------

PORTAL_COPY = """当前位置：首页 > 政务公开 > 通知公告
来源：某镇人民政府网站　浏览次数：256
发布时间：2024-03-05 09:30
【字体：大 中 小】 【打印本页】 【关闭窗口】
某镇人民政府关于印发某镇2024年安全生产工作要点的通知
某镇府发〔2024〕5号
各村（社区）、镇属各单位：
现将《某镇2024年安全生产工作要点》印发给你们，请结合实际认真抓好落实。
一、压实安全责任
（一）签订安全生产责任书。
责任单位：安监办
抄送：县应急管理局。
某镇党政办公室  2024年3月5日印发
打印本页  关闭窗口
"""


@pytest.mark.parametrize("reader", READERS)
def test_portal_chrome_above_the_addressee_is_set_aside(reader):
    plan = reader(PORTAL_COPY)
    assert plan.headers == {
        "title": "某镇人民政府关于印发某镇2024年安全生产工作要点的通知",
        "doc_number": "某镇府发〔2024〕5号",
        "addressee": "各村（社区）、镇属各单位",
        "preamble": "现将《某镇2024年安全生产工作要点》印发给你们，请结合实际认真抓好落实。",
        "copy_to": "抄送：县应急管理局。",
        "printed": "某镇党政办公室  2024年3月5日印发",
    }
    assert [problem.text for problem in plan.not_understood] == [
        "当前位置：首页 > 政务公开 > 通知公告",
        "来源：某镇人民政府网站　浏览次数：256",
        "发布时间：2024-03-05 09:30",
        "【字体：大 中 小】 【打印本页】 【关闭窗口】",
        "打印本页  关闭窗口",
    ]
    assert all("网页" in problem.message for problem in plan.not_understood)
    assert tree(plan) == ["一、压实安全责任", "  （一）签订安全生产责任书"]
    assert plan.title == "某镇2024年安全生产工作要点"
    assert_nothing_lost(plan)


PAGE_HEADING_INDEX_AND_NOTICE = """某区人民政府办公室关于印发某区2024年营商环境优化工作要点的通知
索引号：1150-2024-77
发布机构：某区人民政府办公室
某区人民政府办公室关于印发某区2024年营商环境优化工作要点的通知
某府办发〔2024〕21号
各镇人民政府、街道办事处，区政府各部门，
有关单位：
经区政府同意，现将《某区2024年营商环境优化工作要点》印发给你们，请认真组织实施。
某区人民政府办公室
二〇二四年四月三日
（此件公开发布）
某区2024年营商环境优化工作要点
一、提升政务服务效能
1.推行“一件事一次办”。
牵头单位：区政务服务中心
上一篇：关于做好防汛工作的通知
下一篇：关于开展安全检查的通知
扫一扫在手机打开当前页
"""


@pytest.mark.parametrize("reader", READERS)
def test_a_page_heading_over_the_index_block_and_an_addressee_on_two_lines(reader):
    plan = reader(PAGE_HEADING_INDEX_AND_NOTICE)
    notice = "某区人民政府办公室关于印发某区2024年营商环境优化工作要点的通知"
    assert plan.headers == {
        "title": notice,
        "index": "索引号：1150-2024-77\n发布机构：某区人民政府办公室",
        "preamble": f"{notice}\n经区政府同意，现将《某区2024年营商环境优化工作要点》印发给你们，请认真组织实施。",
        "doc_number": "某府办发〔2024〕21号",
        "addressee": "各镇人民政府、街道办事处，区政府各部门，有关单位",
        "signatory": "某区人民政府办公室",
        "date": "二〇二四年四月三日",
        "publicity": "（此件公开发布）",
        "plan_title": "某区2024年营商环境优化工作要点",
    }
    assert plan.title == "某区2024年营商环境优化工作要点"
    assert tree(plan) == ["一、提升政务服务效能", "  1.推行“一件事一次办”"]
    assert [problem.line for problem in plan.not_understood] == [16, 17, 18]
    assert_nothing_lost(plan)


@pytest.mark.parametrize(
    "above",
    [
        "某区人民政府门户网站",
        "分享到：",
        "作者：办公室　编辑：李明",
        "阅读量：1,024",
        "本文下载：通知全文",
        "政府信息公开专栏",
    ],
)
def test_any_line_above_the_addressee_does_not_hide_it(above):
    notice = "关于开展消防安全检查的通知\n各小区物业服务企业：\n请于本月完成自查。\n一、检查内容\n1.消防通道。\n"
    text = f"{above}\n{notice}"
    plan = as_paste(text)
    assert plan.headers["addressee"] == "各小区物业服务企业"
    assert plan.headers["title"] == "关于开展消防安全检查的通知"
    assert tree(plan) == ["一、检查内容", "  1.消防通道"]
    assert_nothing_lost(plan)


# --- 9: the portal's index block ---------------------------------------------------------------

INDEX_LINES = """索 引 号：00123-2024-00045　　主题分类：综合政务
文  号: 某镇府发〔2024〕5号
发布机构 : 某镇人民政府
公开方式：主动公开
成文日期：2024年3月1日
发文日期：2024-03-05
有\u3000效\u3000性：有效
某镇2024年农村公路养护工作方案
一、养护目标
1.优良路率达到80%以上。
责任单位：交通办
"""


@pytest.mark.parametrize("reader", READERS)
def test_the_index_block_is_index_data_not_title_or_items(reader):
    plan = reader(INDEX_LINES)
    assert plan.headers["index"] == (
        "索引号：00123-2024-00045\n主题分类：综合政务\n文号：某镇府发〔2024〕5号\n发布机构：某镇人民政府\n"
        "公开方式：主动公开\n成文日期：2024年3月1日\n发文日期：2024-03-05\n有效性：有效"
    )
    assert plan.headers["title"] == plan.title == "某镇2024年农村公路养护工作方案"
    assert h.doc_number_of(plan.headers) == "某镇府发〔2024〕5号"
    assert tree(plan) == ["一、养护目标", "  1.优良路率达到80%以上"]
    assert_nothing_lost(plan)


def test_index_data_in_tab_separated_cells_is_read_too():
    plan = as_paste("索引号\t0099-2025-01\t主题分类\t城乡建设\n某县2025年城建工作要点\n一、道路\n1.修路。\n")
    assert plan.headers["index"] == "索引号：0099-2025-01\n主题分类：城乡建设"
    assert plan.title == "某县2025年城建工作要点"


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["索 引 号", "11500-2024-01", "主题分类", "综合政务"],
            ["文　　号", "某街发〔2024〕9号", "发布机构", "某街道办事处"],
        ],
        [["索引号：11500-2024-01", "主题分类：综合政务"], ["文号：某街发〔2024〕9号", "发布机构：某街道办事处"]],
        [
            ["索引号：", "11500-2024-01"],
            ["主题分类：", "综合政务"],
            ["文号：", "某街发〔2024〕9号"],
            ["发布机构：", "某街道办事处"],
        ],
    ],
)
def test_a_word_table_of_index_data_is_read_as_index_data(rows):
    document = docx.Document()
    _table(document, rows)
    for line in ["某街道办事处关于印发2024年工作要点的通知", "各社区：", "一、党建", "1.开展主题教育。"]:
        document.add_paragraph(line)
    plan = parse(read("通知.docx", _saved(document)))
    assert plan.headers["index"] == (
        "索引号：11500-2024-01\n主题分类：综合政务\n文号：某街发〔2024〕9号\n发布机构：某街道办事处"
    )
    assert plan.headers["title"] == "某街道办事处关于印发2024年工作要点的通知"
    assert plan.title == "2024年工作要点"
    assert h.doc_number_of(plan.headers) == "某街发〔2024〕9号"
    assert tree(plan) == ["一、党建", "  1.开展主题教育"]
    assert not plan.not_understood


# --- 10: the 文号 under the title --------------------------------------------------------------


@pytest.mark.parametrize("number", ["某政发〔2024〕2号", "某街党发[2024]12号", "某府办（2023）第3号"])
@pytest.mark.parametrize("reader", READERS)
def test_the_title_does_not_take_the_doc_number_across_a_blank_line(reader, number):
    plan = reader(f"某街道办事处关于开展2024年隐患大排查的通知\n\n{number}\n\n各社区：\n一、排查重点\n1.燃气管道。\n")
    assert plan.headers["title"] == "某街道办事处关于开展2024年隐患大排查的通知"
    assert plan.headers["doc_number"] == number
    assert plan.headers["addressee"] == "各社区"


def test_a_complete_title_takes_no_line_after_a_blank():
    plan = as_paste("关于调整议事协调机构的通知\n\n（2024年5月6日）\n\n各部门：\n一、调整后名单\n1.组长。\n")
    assert plan.headers["title"] == "关于调整议事协调机构的通知"
    assert plan.headers["preamble"] == "（2024年5月6日）"


# --- 12: documents that are not plans ----------------------------------------------------------

MEETING_NOTICE = """关于召开2024年防汛工作会议的通知
各社区、各科室：
经研究，决定召开防汛工作会议。现将有关事项通知如下：
一、会议时间
2024年5月8日上午9:00
二、会议地点
街道三楼会议室
三、参会人员
各社区书记、各科室负责人。
四、有关要求
请于5月6日前报送参会名单。
某街道办事处
2024年5月4日
"""

SCORING_NOTICE = """某街道2024年综合考核评分细则
一、考核对象
街道各科室、各社区。
二、评分办法
考核实行百分制，其中日常工作60分，年终测评40分。
三、等次评定
90分以上为优秀。
1、
2、
3、
"""


@pytest.mark.parametrize("text", [MEETING_NOTICE, SCORING_NOTICE])
def test_a_notice_that_is_not_a_plan_is_said_not_to_look_like_one(text):
    shape = check(as_paste(text))
    assert not shape.looks_like_plan
    assert "没有写明责任单位、牵头单位或责任人" in shape.missing
    assert any(reason.startswith("编号的任务只有") for reason in shape.missing)


@pytest.mark.parametrize("text", [TWO_ATTACHMENTS, NOTICE_WITH_ITS_OWN_POINTS, OWN_TITLE_AFTER_THE_NOTICE])
def test_plans_look_like_plans(text):
    assert check(as_paste(text)).looks_like_plan


def test_a_plan_with_every_mark_misses_none():
    lines = ["某镇2024年工作要点"] + [f"{n}.第{n}项工作。\n责任单位：党政办\n完成时限：6月底前" for n in range(1, 6)]
    shape = check(as_paste("\n".join(lines)))
    assert shape.looks_like_plan and shape.missing == []
    assert shape.found == [
        "有 5 项编号的任务",
        "写明了责任单位、牵头单位或责任人",
        "写明了完成时限",
        "标题写明了年度",
        "标题是工作要点、方案、清单等，或印发它们的通知",
    ]


# A notice about an event: dated, numbered in five parts and more, for a year – but it sends no plan
# and makes nobody answerable for anything.
EVENT_NOTICES = [
    """关于举办2025年全民健身运动会的通知
各社区、各学校：
经研究，定于2025年5月举办全民健身运动会。现将有关事项通知如下：
一、时间地点
5月18日上午8:30，镇文体中心。
二、比赛项目
1.拔河；
2.趣味跳绳；
3.象棋；
4.广场舞展演。
三、报名办法
请于5月10日前报送参赛名单。
四、其他事项
参赛人员自备运动服装。
某镇人民政府
2025年4月20日
""",
    """某区教育局关于召开2024年春季开学工作部署会的通知
各中小学校：
一、会议时间：2024年2月20日下午2:30
二、会议地点：区教育局四楼会议室
三、参会人员
（一）各校校长；
（二）分管安全工作的副校长；
（三）各校办公室主任。
四、会议内容
部署春季开学各项工作。
五、有关要求
请于2月19日前报送参会回执。
""",
]


@pytest.mark.parametrize("text", EVENT_NOTICES)
@pytest.mark.parametrize("reader", READERS)
def test_a_notice_about_an_event_does_not_look_like_a_plan(reader, text):
    shape = check(reader(text))
    assert not shape.looks_like_plan
    assert "没有写明责任单位、牵头单位或责任人" in shape.missing
    assert any("是一份通知（如会议通知）" in reason for reason in shape.missing)


def test_a_notice_with_its_own_tasks_and_units_still_looks_like_a_plan():
    lines = ["关于做好2024年防汛工作的通知", "各村、镇属各单位："]
    lines += [f"{n}.排查第{n}片区隐患点。责任单位：水利站；完成时限：5月底前。" for n in range(1, 6)]
    shape = check(as_paste("\n".join(lines)))
    assert shape.looks_like_plan


# --- line shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "来源：某区政府网　浏览次数：12",
        "【打印】【关闭】",
        "字号：大 中 小",
        "您现在的位置：首页>通知",
        "发布时间：2024-05-01",
        "某市政务服务网",
        "主办单位：某县人民政府办公室　　网站标识码：4300000001　　ICP备案号：湘ICP备01234567号",
        "版权所有：某市人民政府办公室　技术支持：某某信息技术有限公司",
        "Copyright © 2023 某区人民政府 All Rights Reserved",
        "豫ICP备12345678号-2　豫公网安备41010202000001号",
        "地址：某市解放路1号　邮编：410000　联系电话：0731-1234567　网站标识码：4301000001",
        "版权所有 © 某镇人民政府　　网站地图　　联系我们",
    ],
)
def test_chrome(line):
    assert h.is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "资金来源：区财政",
        "打印机采购",
        "关闭违规小作坊3家。",
        "一、打印",
        "编辑部",
        # A plan's own labels, and the footer's words in a task, without the site's marks.
        "主办单位：区文明办",
        "联系电话：0731-1234567",
        "版权所有的保护工作要加强",
        "（三）推进网站标识码规范管理。（责任单位：区数据局）",
    ],
)
def test_not_chrome(line):
    assert not h.is_chrome(line)


def test_index_entries_with_several_pairs_on_a_line():
    assert h.index_entries("文\u3000\u3000号：某发〔2024〕1号　 成文日期: 2024年1月2日") == [
        ("文号", "某发〔2024〕1号"),
        ("成文日期", "2024年1月2日"),
    ]
    assert h.index_entries("标题党现象要整治。") == []


# --- 3: the attachment that is the plan itself, and a form to fill in ------------------------------

PLAN_AS_FIRST_ATTACHMENT = """某镇人民政府
关于印发《某镇2024年乡村振兴工作要点》的通知
某府发〔2024〕3号
各村（社区）、镇属各单位：
现将《某镇2024年乡村振兴工作要点》印发给你们，请认真抓好落实。
附件：1.某镇2024年乡村振兴工作要点
2.重点工作进度月报表
某镇人民政府
2024年2月1日
{marker}
2024年，全镇乡村振兴工作要紧扣产业、人才、文化三个重点。
一、产业振兴
1.发展特色种植。新建标准化茶园500亩。牵头单位：农业站；完成时限：2024年10月底前。
二、人才振兴
2.培育新型职业农民。培训农民200人次。责任单位：农业站、各村。
附件2
重点工作进度月报表
填报单位：　　　　　填报日期：
序号	重点工作	进展情况	存在问题
填报人：　　　联系电话：
"""


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("marker", ["附件1\n某镇2024年乡村振兴工作要点", "附件1：某镇2024年乡村振兴工作要点"])
def test_the_attachment_that_is_the_plan_itself_is_not_a_part_and_a_blank_form_is_no_item(reader, marker):
    plan = reader(PLAN_AS_FIRST_ATTACHMENT.format(marker=marker))
    assert plan.title == "某镇2024年乡村振兴工作要点"
    assert tree(plan) == ["一、产业振兴", "  1.发展特色种植", "二、人才振兴", "  2.培育新型职业农民"]
    assert plan.roots[0].children[0].fields.lead_units == ["农业站"]
    assert plan.headers["plan_title"] == "某镇2024年乡村振兴工作要点"
    assert "2024年，全镇乡村振兴工作" in plan.headers["preamble"]
    form = [problem for problem in plan.not_understood if "重点工作进度月报表" in problem.message]
    assert form and "填报人" in "".join(problem.text for problem in plan.not_understood)
    assert_nothing_lost(plan)


@pytest.mark.parametrize("reader", READERS)
def test_the_issuer_over_a_notice_that_sends_a_named_breakdown_is_not_the_plans_name(reader):
    text = (
        "某镇人民政府\n关于印发《某镇2025年政府工作报告任务分解》的通知\n某府发〔2025〕7号\n\n各村、镇属各单位：\n"
        "现将任务分解印发给你们，请抓好落实。\n一、经济发展\n1.推进园区建设。牵头单位：经发办。\n"
    )
    plan = reader(text)
    assert plan.title == "某镇2025年政府工作报告任务分解"
    assert plan.headers["doc_number"] == "某府发〔2025〕7号"


@pytest.mark.parametrize("reader", READERS)
def test_the_portals_footer_after_the_last_item_is_chrome_not_its_units(reader):
    page = "\n".join(
        [
            "某区2023年平安建设工作要点",
            "一、源头治理",
            "1.排查化解矛盾纠纷。（区司法局牵头，各街道配合）",
            "2.开展消防安全检查。（责任单位：区消防救援大队）",
            "【打印本页】　【关闭窗口】",
            "主办：某区人民政府办公室　　承办单位：某区大数据中心　　网站标识码：4401000002",
            "粤ICP备07654321号　　粤公网安备44010402000123号",
            "版权所有 © 某区人民政府　　技术支持：某科技有限公司",
        ]
    )
    plan = reader(page)
    last = list(plan.walk())[-1][0]
    assert last.title == "开展消防安全检查"
    assert last.fields.lead_units == [] and last.fields.responsible_units == ["区消防救援大队"]
    footer = [problem.text for problem in plan.not_understood if "网页" in problem.message]
    assert any("网站标识码" in text for text in footer) and any("公网安备" in text for text in footer)
    assert_nothing_lost(plan)


# --- the page's foot over several lines, only one of them with the site's mark --------------------


def _page_with_foot(foot: list[str]) -> str:
    return "\n".join(
        [
            "某县2022年优化营商环境重点任务",
            "一、政务服务",
            "1.推行“一件事一次办”。（牵头：县政务中心；配合：县数据局）",
            "2.压缩不动产登记时间。（主办单位：县自然资源局）",
            *foot,
        ]
    )


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "foot",
    [
        ["主办单位：某县人民政府办公室　　承办单位：某县信息中心", "网站标识码：3301000009　　浙ICP备00000001号"],
        ["主办：某县人民政府　协办：某县融媒体中心", "版权所有：某县人民政府", "地址：某县人民路8号　邮编：310000"],
        ["网站地图　|　联系我们", "主办单位：某县人民政府办公室", "联系电话：0571-0000000", "传真：0571-0000001"],
        ["承办单位：某县大数据发展中心", "建议使用1920×1080分辨率浏览本站　　网站标识码：3301000009"],
    ],
    ids=["above-the-mark", "between", "below-the-mark", "with-a-browser-note"],
)
def test_the_foots_lines_next_to_the_sites_mark_are_chrome_not_the_last_items_units(reader, foot):
    plan = reader(_page_with_foot(foot))
    last = list(plan.walk())[-1][0]
    assert last.title == "压缩不动产登记时间"
    assert last.fields.lead_units == ["县自然资源局"]
    assert last.fields.responsible_units == [] and last.fields.cooperating_units == []
    chrome = [problem.text for problem in plan.not_understood if "网页" in problem.message]
    assert chrome == foot
    assert_nothing_lost(plan)


@pytest.mark.parametrize("reader", READERS)
def test_a_foot_label_under_the_last_item_without_the_sites_mark_stays_the_items(reader):
    plan = reader(_page_with_foot(["承办单位：县政务中心"]))
    last = list(plan.walk())[-1][0]
    assert last.fields.lead_units == ["县自然资源局"] and last.fields.responsible_units == ["县政务中心"]


# --- the portal's metadata on one line, 文号 among them ----------------------------------------------


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "line",
    [
        "信息索引：000014349/2022-00031　　文号：某县发〔2022〕12号　　发文日期：2022-03-01　　发布机构：某县发改局",
        "信息编码：000014349/2022-00031　　发布机构：某县发改局　　文号：某县发〔2022〕12号　　成文日期：2022-03-01",
        "内容分类：综合政务\t文号：某县发〔2022〕12号\t公开属性：主动公开\t发布单位：某县发改局",
    ],
    ids=["known-first-label", "unknown-first-label", "tabs"],
)
def test_metadata_pairs_on_one_line_give_the_doc_number_wherever_it_stands(reader, line):
    plan = reader(f"{line}\n{_page_with_foot([])}")
    assert h.doc_number_of(plan.headers) == "某县发〔2022〕12号"
    assert plan.title == "某县2022年优化营商环境重点任务"
    assert len(list(plan.walk())) == 3


@pytest.mark.parametrize(
    "line",
    [
        "牵头领导：王明　　责任单位：县政务中心　　完成时间：6月底前",  # a plan's labels, not the portal's
        "信息编码：000014349　　文号：某县发〔2022〕12号",  # two pairs, one of them the portal's
        "第一步：摸底　　第二步：整改　　第三步：验收",
    ],
)
def test_pairs_that_are_not_the_portals_metadata_are_no_index_data(line):
    assert h.index_entries(line) == []


# A report of results: numbered parts, a year, a plan's words in its title (考核, 任务) and a table of
# numbered rows – but it reports what was done and makes nobody answerable for anything to come.
RESULT_REPORTS = [
    """关于2024年度村级重点任务考核结果的通报
各村党支部、村委会：
根据考核办法，镇考核组对各村2024年度重点任务完成情况进行了考核，现将结果通报如下：
1、总体情况
各村总体完成较好。
2、考核结果
东山村、西岭村为优秀等次。
3、下步要求
各村要对照问题认真整改。
附件：2024年度村级重点任务考核得分表
某镇考核办
2025年1月10日
附件
2024年度村级重点任务考核得分表
序号\t村名\t得分\t等次
1\t东山村\t95.1\t优秀
2\t西岭村\t92.4\t优秀
3\t南坪村\t85.0\t良好
4\t北塘村\t81.7\t良好
5\t中和村\t76.2\t合格
""",
    """关于表彰2024年度目标管理先进单位的决定
各科室、各站所：
一、先进单位
1.党政办
2.经发办
3.农业站
4.城建办
5.社事办
二、有关要求
希望受表彰的单位再接再厉。
某镇人民政府
2025年1月20日
""",
]


@pytest.mark.parametrize("text", RESULT_REPORTS)
@pytest.mark.parametrize("reader", READERS)
def test_a_report_of_results_does_not_look_like_a_plan(reader, text):
    shape = check(reader(text))
    assert not shape.looks_like_plan
    assert any("是通报、决定、报告等" in reason for reason in shape.missing)
