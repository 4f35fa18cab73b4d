"""The text parser on documents written the ways real plans are written."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from responsibility.importing import SAMPLES
from responsibility.importing.document import ImportRejected
from responsibility.importing.parse import account, parse
from responsibility.importing.readers import read, read_pasted

DOCUMENTS = Path(__file__).parent / "documents"
SEED = SAMPLES / "huixing_2020_report.txt"


def parsed(name, year=None):
    path = SEED if name == "seed_2020.txt" else DOCUMENTS / name
    return parse(read(name, path.read_bytes()), year)


def words(text):
    """The characters that carry meaning: punctuation and spacing may move, words may not."""
    return sorted(ch for ch in text if re.match(r"\w", ch))


def tree(plan):
    return [("  " * depth) + node.number + node.title for node, depth in plan.walk()]


def find(plan, title):
    return next(node for node in plan.nodes() if node.title.startswith(title))


@pytest.mark.parametrize("name", ["seed_2020.txt", "plan_2021.txt", "plan_ascii.md", "web_notice.txt"])
def test_no_character_of_the_source_is_lost(name):
    plan = parsed(name)
    assert words(plan.source.text) == words(account(plan))


def test_the_seed_has_four_parts_and_eight_subsections_in_part_one():
    plan = parsed("seed_2020.txt")
    assert [root.number for root in plan.roots] == ["一、", "二、", "三、", "四、"]
    part_one = plan.roots[0]
    assert [child.number for child in part_one.children] == [f"（{n}）" for n in "一二三四五六七八"]
    assert [len(child.children) for child in part_one.children] == [4, 3, 2, 2, 2, 2, 3, 0]
    assert plan.counts_per_level() == {1: 4, 2: 17, 3: 25}


def test_the_seed_keeps_its_headers_apart():
    plan = parsed("seed_2020.txt")
    assert plan.headers["addressee"] == "区政府"
    assert plan.headers["signatory"] == "重庆市渝北区人民政府回兴街道办事处"
    assert plan.headers["date"] == "2021年1月28日"
    assert plan.title.endswith("关于 2020 年度法治政府建设情况的报告")
    assert not plan.not_understood


def test_a_number_without_its_dot_is_read_where_it_is_due():
    plan = parsed("seed_2020.txt")
    section = plan.roots[0].children[2]
    assert [(child.number, child.title) for child in section.children][1] == ("2", "专家，律师风险评估及审查")


def test_a_year_at_the_start_of_a_paragraph_is_not_a_number():
    part_one = parsed("seed_2020.txt").roots[0]
    assert part_one.content[0].startswith("2020 年，在区委")


def test_a_sentence_cut_by_a_page_break_is_joined():
    item = find(parsed("seed_2020.txt"), "保障地方经济发展")
    assert "结合实际精准施策" in item.content[0]


def test_a_heading_without_a_full_stop_does_not_swallow_the_next_paragraph():
    part_four = parsed("seed_2020.txt").roots[3]
    first = part_four.children[0]
    assert (first.number, first.title) == ("(一)", "强化组织领导, 落实工作责任")
    assert first.content[0].startswith("把法治建设工作")


def test_inline_enumeration_stays_content():
    section = find(parsed("seed_2020.txt"), "强化法治理念")
    assert not section.children and section.content[0].startswith("一是严格执法队伍管理")


def test_item_title_is_its_first_sentence():
    item = find(parsed("seed_2020.txt"), "完善内部制度建设")
    assert item.title == "完善内部制度建设" and item.content[0].startswith("完善《回兴街道网络安全管理制度》")


def test_document_headers_are_recognised():
    headers = parsed("plan_2021.txt").headers
    assert headers["issuer"] == "中共回兴街道工作委员会文件"
    assert headers["doc_number"] == "回兴党工委发〔2021〕8号"
    assert headers["publicity"] == "（此件公开发布）"
    assert headers["title"] == "回兴街道2021年法治建设工作要点的通知"
    assert headers["addressee"] == "各社区、各内设机构"
    assert headers["signatory"] == "中共重庆市渝北区回兴街道工作委员会"
    assert headers["date"] == "2021年3月1日"


def test_assignment_lines_after_an_item_fill_its_fields():
    item = find(parsed("plan_2021.txt"), "加强理论学习")
    assert item.fields.lead_leaders == ["张书记"]
    assert item.fields.lead_units == ["党政办"]
    assert item.fields.responsible_units == ["各社区"]
    assert item.fields.deadline == datetime.date(2021, 12, 31)


def test_bracketed_assignments_inside_an_item_are_taken_out_of_its_title():
    item = find(parsed("plan_2021.txt"), "开展专题培训")
    assert item.title == "开展专题培训"
    assert item.fields.lead_units == ["司法所"]
    assert item.fields.cooperating_units == ["区司法局", "综治中心"]
    assert item.fields.deadline == datetime.date(2021, 6, 30)  # 6月底前, in the plan's year


def test_milestones_cadence_and_ongoing():
    plan = parsed("plan_2021.txt")
    decisions = find(plan, "严格落实重大行政决策")
    assert [due for due, _ in decisions.fields.milestones] == [datetime.date(2021, 3, 31), datetime.date(2021, 9, 30)]
    assert decisions.fields.deadline == datetime.date(2021, 9, 30)
    adviser = find(plan, "健全法律顾问制度")
    assert (adviser.fields.cadence, adviser.fields.report_day, adviser.fields.persons) == ("monthly", 25, ["王司法"])
    assert find(plan, "全面推行行政执法").fields.ongoing
    publicity = find(plan, "加强普法宣传")
    assert publicity.fields.ongoing and publicity.fields.cadence == "quarterly"


def test_numeric_targets_become_indicators():
    item = find(parsed("plan_2021.txt"), "加强普法宣传")
    found = {(i.name, i.value, i.unit, i.comparator) for i in item.indicators}
    assert ("发放宣传资料", Decimal(4700), "份", "gte") in found
    assert ("开展普法活动", Decimal(30), "场次", "gte") in found


def test_ascii_numbering_nests_by_first_use():
    plan = parsed("plan_ascii.md")
    assert tree(plan) == [
        "1.优化营商环境",
        "  (1)推进“一件事一次办”改革",
        "  (2)压缩企业开办时间至1个工作日以内",
        "2.保障和改善民生",
        "  (1)新增就业岗位不少于500个",
    ]


def test_skipped_numbers_are_warned_about():
    plan = parse(read_pasted("一、甲\n1.乙。\n3.丙。\n"))
    assert [node.number for node in plan.roots[0].children] == ["1.", "3."]
    assert any("应为第 2 项" in warning.message for warning in plan.warnings)


@pytest.mark.parametrize(
    "text",
    [
        "一、总体要求\n（一）指导思想",
        "一．总体要求\n(一) 指导思想",
        "一,总体要求\n（一）、指导思想",
        "第一部分 总体要求\n（一）指导思想",
    ],
)
def test_variants_of_punctuation_give_the_same_tree(text):
    plan = parse(read_pasted(text + "\n"))
    assert [(root.title, [child.title for child in root.children]) for root in plan.roots] == [
        ("总体要求", ["指导思想"])
    ]


def test_a_text_without_numbering_is_refused_in_chinese():
    with pytest.raises(ImportRejected, match="没有找到任何编号"):
        parse(read_pasted("请各单位认真做好法治建设工作。\n谢谢。"))


def test_assignment_line_with_ascii_colon_and_semicolons():
    plan = parse(read_pasted("1.推进依法决策。\n牵头单位:司法所; 责任单位:各社区,党政办\n"))
    fields = plan.roots[0].fields
    assert fields.lead_units == ["司法所"] and fields.responsible_units == ["各社区", "党政办"]


def test_a_published_notice_keeps_its_index_data_title_and_signature_apart():
    headers = parsed("web_notice.txt").headers
    assert headers["index"].startswith("索引号：11500112MB1951234X/2023-00012")
    assert headers["title"] == "重庆市渝北区人民政府办公室关于印发渝北区2023年法治政府建设工作要点的通知"
    assert headers["addressee"] == "各镇人民政府、街道办事处，区政府各部门，有关单位"
    assert (headers["signatory"], headers["date"]) == ("重庆市渝北区人民政府办公室", "2023年3月10日")
    assert headers["copy_to"].startswith("抄送：区委办公室")
    assert headers["printed"].endswith("2023年3月13日印发")


def test_numbers_running_on_across_parts_are_not_a_gap():
    plan = parsed("web_notice.txt")
    assert [child.number for child in plan.roots[1].children] == ["3.", "4."]
    assert not any("编号不连续" in warning.message for warning in plan.warnings)


def test_assignments_after_sub_points_belong_to_the_item_they_divide():
    plan = parsed("web_notice.txt")
    review = find(plan, "开展行政执法案卷评查")
    assert [child.number for child in review.children] == ["①", "②"]
    assert review.fields.responsible_units == ["区司法局"]
    assert review.fields.deadline == datetime.date(2023, 11, 30)
    assert find(plan, "规范涉企行政检查").fields.ongoing  # an item keeps what follows it


def test_an_uncertain_number_running_on_is_accepted():
    plan = parse(read_pasted("一、甲\n1.乙。\n二、丙\n2 丁，戊。\n"))
    assert [child.number for child in plan.roots[1].children] == ["2"]


def test_line_numbers_point_into_the_source_text_the_review_shows():
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("回兴街道2021年工作要点")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "索引号", "123"
    paragraph = document.add_paragraph("一、依法行政")
    paragraph.add_run().add_break()
    paragraph.add_run("（牵头单位：司法所）")
    document.add_paragraph("1.推进依法决策。")
    out = io.BytesIO()
    document.save(out)
    plan = parse(read("要点.docx", out.getvalue()), 2021)
    lines = plan.source.text.split("\n")
    for node in plan.nodes():
        assert lines[node.line - 1].startswith(node.number), (node.line, lines)
    assert len(lines) == 4


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_the_same_plan_in_another_encoding_gives_the_same_tree(encoding):
    text = (DOCUMENTS / "plan_2021.txt").read_text(encoding="utf-8")
    assert tree(parse(read("要点.txt", text.encode(encoding)))) == tree(parsed("plan_2021.txt"))


def test_windows_line_endings_and_full_width_spaces():
    text = "一、\u3000依法行政\r\n（一）\u3000推进依法决策。\r\n\u3000\u3000牵头单位：司法所\r\n"
    plan = parse(read("要点.txt", text.encode("gbk")))
    assert tree(plan) == ["一、依法行政", "  （一）推进依法决策"]
    assert plan.roots[0].children[0].fields.lead_units == ["司法所"]


@pytest.mark.parametrize("after", ["区司法局", "责任单位：党政办", "特此通知。"])
def test_a_line_after_a_table_of_items_is_kept_in_view_not_lost(after):
    """A title, a table that makes the items, then a paragraph that no numbered entry can hold."""
    from responsibility.importing.document import Line, Source, Table

    rows = [["序号", "工作任务", "牵头单位"], ["1", "完成老旧小区改造", "党政办"], ["2", "开展消防检查", "平安办"]]
    source = Source(
        name="分解表.docx",
        kind="docx",
        blocks=[Line("某街道2024年重点工作任务分解表", 1), Table(rows, 2), Line(after, 3)],
    )
    plan = parse(source, 2024)
    assert [node.title for node in plan.nodes()] == ["完成老旧小区改造", "开展消防检查"]
    kept = [problem.text for problem in plan.not_understood] + list(plan.headers.values())
    assert any(after in text for text in kept), (plan.not_understood, plan.headers)
    assert after in account(plan)
