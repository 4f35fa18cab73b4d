"""The shapes the 38th held-out set (d323–d330) showed the importer did not follow, in made-up words, one
section per cause: a ledger's past date column beside its deadline column, checkbox tasks whose fields end in
"截止：…", a Markdown table of case codes whose duty cell labels its lines, a table's 活动时间 column with no
deadline column, a 活动主题 part over a slogan, a 工作总结."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.shape import check
from tests.responsibility.importing.corpus.sheets import workbook
from tests.responsibility.importing.made import leaves, readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_md(text: str):
    return parse(read("清单.md", text.encode("utf-8")), YEAR)


def as_xlsx(rows: list[list[str]], merges: list[str], header_row: int):
    return parse(read("台账.xlsx", workbook(rows, merges, "台账", header_row)), YEAR)


# --- a past date column beside the deadline column -------------------------------------------------

LEDGER = [
    ["某镇安全隐患排查整改台账", "", "", "", "", ""],
    ["填报单位：某镇应急办（盖章）　　　　填报时间：2024年5月6日", "", "", "", "", ""],
    ["序号", "发现日期", "隐患类别", "隐患事项", "责任单位", "整改时限"],
    ["1", "2025.3.2", "消防", "农贸市场消防通道堵塞", "市场监管所", "2025.4.10"],
    ["2", "2025.3.9", "燃气", "老街餐饮店燃气软管老化", "应急办、供电所", "2025.5.15"],
]


def test_a_past_date_column_before_the_deadline_column_is_neither_title_nor_deadline():
    plan = as_xlsx(LEDGER, ["A1:F1", "A2:F2"], 3)
    items = leaves(plan)
    assert [item.title for item in items] == ["农贸市场消防通道堵塞", "老街餐饮店燃气软管老化"]
    assert [item.fields.deadline for item in items] == [D(2025, 4, 10), D(2025, 5, 15)]
    assert items[1].fields.responsible_units == ["应急办", "供电所"]


def test_a_filing_line_under_the_ledger_title_gives_the_year():
    # The year the title does not write is the filing line's: a plan imported for another year says so.
    plan = as_xlsx(LEDGER, ["A1:F1", "A2:F2"], 3)
    assert any("2024" in warning.message for warning in plan.warnings)


def test_a_time_column_is_the_deadline_where_no_column_names_one():
    # The opposite fact: without a 时限 column, the 活动时间 is when each row's work is done.
    lines = [
        "一、活动安排",
        "序号\t活动名称\t活动时间\t活动地点\t承办单位\t协办单位",
        "1\t文明劝导进社区\t3月2日—3月13日\t各社区\t团委\t各社区",
        "2\t志愿服务集中日\t4月上旬\t人民广场\t文明办\t",
        "3\t活动总结报送\t4月30日前\t镇团委\t团委\t",
    ]
    items = leaves(as_txt("\n".join(lines)))
    assert [item.title for item in items] == ["文明劝导进社区", "志愿服务集中日", "活动总结报送"]
    assert [item.fields.deadline for item in items] == [D(2025, 3, 13), D(2025, 4, 10), D(2025, 4, 30)]
    assert items[0].fields.responsible_units == ["团委"]
    assert items[0].fields.cooperating_units == ["各社区"]


def test_a_node_date_column_is_the_deadline_beside_a_past_signing_date():
    rows = [
        ["序号", "项目名称", "签约时间", "责任部门", "下步推进节点", "节点时间"],
        ["1", "冷链仓储中心项目", "2024/11/3", "招商局", "完成土地摘牌", "2025/6/30"],
        ["2", "电子元件产业园项目", "2025/1/20", "招商局", "主体开工", "2025/9/30"],
    ]
    items = leaves(as_xlsx(rows, [], 1))
    assert [item.title for item in items] == ["冷链仓储中心项目", "电子元件产业园项目"]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 9, 30)]


# --- checkbox tasks whose fields end in "截止：…" ---------------------------------------------------

CHECKLIST = """# 某村2025年人居环境整治清单

## 村容村貌

- [x] 清理房前屋后杂物堆放 —— 负责：村委会；截止：3月31日
- [ ] 新建村口小游园1处 —— 负责：村委会；配合：镇城建办；截止：6月30日
- [X] 完成公厕改造2座 @镇城建办 截止：5月20日
"""


def test_checkbox_tasks_ticked_or_not_are_items_with_their_deadline_after_the_units():
    items = leaves(as_md(CHECKLIST))
    assert [item.title for item in items][:2] == ["清理房前屋后杂物堆放", "新建村口小游园1处"]
    assert [item.fields.responsible_units for item in items][:2] == [["村委会"], ["村委会"]]
    assert items[1].fields.cooperating_units == ["镇城建办"]
    assert [item.fields.deadline for item in items] == [D(2025, 3, 31), D(2025, 6, 30), D(2025, 5, 20)]


def test_the_title_over_the_first_checkbox_stays_the_title():
    # The opposite fact: a name over the list's first box is a heading only once the title is read.
    plan = as_md(CHECKLIST)
    assert plan.title == "某村2025年人居环境整治清单"
    assert [section.title for section in plan.roots] == ["村容村貌"]


def test_a_word_ending_in_jiezhi_inside_a_sentence_is_no_label():
    # The opposite fact: "截止" counts as a label only where no Chinese character stands before it.
    plan = as_txt("一、重点工作\n1.统计报名截止：5月底前的参赛人数。（责任单位：文体站；完成时限：6月30日）")
    (item,) = leaves(plan)
    assert item.fields.responsible_units == ["文体站"]
    assert item.fields.deadline == D(2025, 6, 30)


# --- a Markdown table of case codes whose duty cell labels its lines ------------------------------

CASES = """# 某县2025年重复信访化解任务表

| 编号 | 信访事项 | 责任分工 | 化解时限 |
|---|---|---|---|
| XF-01 | 停车位产权争议 | 包案领导：副县长 王某<br>牵头单位：县住建局<br>配合单位：县财政局、城东街道 | 2025年6月30日 |
| XF-02 | 原纺织厂职工养老保险诉求 | 包案领导：副县长 李某<br>牵头单位：县人社局 | 2025年5月31日 |
"""


def test_a_markdown_table_numbered_by_case_codes_with_labelled_lines_in_one_cell():
    items = leaves(as_md(CASES))
    assert [(item.number, item.title) for item in items] == [
        ("XF-01", "停车位产权争议"),
        ("XF-02", "原纺织厂职工养老保险诉求"),
    ]
    assert [item.fields.lead_units for item in items] == [["县住建局"], ["县人社局"]]
    assert items[0].fields.cooperating_units == ["县财政局", "城东街道"]
    assert items[0].fields.responsible_units == []
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 5, 31)]


def test_a_duty_column_of_bare_units_is_the_responsible_units():
    # The opposite fact: a 责任分工 cell with no labels names the units that answer for the item.
    text = CASES.replace("包案领导：副县长 王某<br>牵头单位：县住建局<br>配合单位：县财政局、城东街道", "县住建局")
    items = leaves(as_md(text))
    assert items[0].fields.responsible_units == ["县住建局"]
    assert items[0].fields.lead_units == []


def test_a_leaders_division_column_is_no_unit_column():
    # The opposite fact: "分工" alone beside a 班子成员 is what each leader is in charge of, no units.
    rows = [
        ["序号", "班子成员", "分工", "重点任务", "责任单位", "完成时限"],
        ["1", "张某（镇长）", "主持镇政府全面工作", "完成税收收入2亿元", "财政所", "2025年12月底前"],
        ["2", "李某（副镇长）", "分管农业、水利", "完成农村改厕300户", "农业服务中心", "2025年9月30日前"],
    ]
    items = leaves(as_xlsx(rows, [], 1))
    assert [item.fields.responsible_units for item in items] == [["财政所"], ["农业服务中心"]]


# --- a 活动主题 part over a slogan ------------------------------------------------------------------

THEMED = [
    "关于开展2025年全民健身月活动的通知",
    "",
    "一、活动主题",
    "全民健身　健康同行",
    "二、活动安排",
    "1.举办社区趣味运动会。（责任单位：文体站；完成时限：8月10日）",
    "2.开展健身知识进家庭宣传。（责任单位：卫生院；完成时限：8月20日）",
]


@pytest.mark.parametrize("read_text", ALL_FORMS)
def test_a_theme_part_over_a_slogan_is_guidance(read_text):
    plan = read_text("\n".join(THEMED))
    assert [section.node.title for section in plan.guidance] == ["活动主题"]
    assert [item.title for item in leaves(plan)] == ["举办社区趣味运动会", "开展健身知识进家庭宣传"]


def test_a_theme_part_that_assigns_work_stays_an_item():
    # The opposite fact: a 主题 part that names its unit and date is work.
    lines = [*THEMED[:3], "围绕全民健身主题制作宣传展板。（责任单位：宣传办；完成时限：7月31日）", *THEMED[4:]]
    plan = as_txt("\n".join(lines))
    assert "活动主题" not in [section.node.title for section in plan.guidance]


# --- a 工作总结 is no plan --------------------------------------------------------------------------

SUMMARY = [
    "某镇应急办2024年安全生产工作总结",
    "",
    "一、主要工作成效",
    "（一）隐患排查扎实开展。全年排查企业126家，整改隐患410处。",
    "（二）宣传培训持续深入。开展培训班12期，培训人员900人次。",
    "（三）应急演练常态开展。组织演练18场次。",
    "二、存在的问题",
    "部分企业主体责任落实不到位。",
    "三、2025年工作打算",
    "（一）深化隐患排查治理，力争整改率保持在98%以上。",
    "（二）加强应急队伍建设。",
]


def test_a_work_summary_is_flagged_as_no_plan():
    assert not check(as_txt("\n".join(SUMMARY))).looks_like_plan


def test_a_notice_about_writing_the_summary_is_no_summary():
    # The opposite fact: a notice that asks for the summary, its tasks assigned, is a plan's.
    lines = [
        "关于做好2024年度安全生产工作总结的通知",
        "",
        "一、工作安排",
        "1.各村梳理全年隐患整改情况。（责任单位：各村；完成时限：12月10日）",
        "2.企业报送年度自查报告。（责任单位：安监站；完成时限：12月15日）",
        "3.汇总形成全镇总结材料。（责任单位：应急办；完成时限：12月20日）",
        "4.召开总结会议。（责任单位：党政办；完成时限：12月25日）",
        "5.评选先进单位。（责任单位：应急办；完成时限：12月31日）",
    ]
    assert check(as_txt("\n".join(lines))).looks_like_plan
