"""The shapes the seventeenth held-out set (d155–d162) showed the importer did not follow, in made-up
words, one section per cause: a 会议纪要 under its masthead (the organ and 纪要 on two lines, 第N期,
the office and date), its own title and its 议定事项 assigned in prose sentences (由X负责，Y指导，长期坚持),
told apart from a 讲话 that demands work of units and dates in its sentences; a unit's name without number
over its own table of tasks that has no column of units; a schedule whose deadline is its last filled
stage (节点一/二/三 each a pair 工作内容 | 完成时间) or the end of its last filled quarter (形象进度 一季度–四季度);
a portal's metadata copied from the browser, its pairs joined by non-breaking spaces; a PDF whose narrow
序号 column's header overflows into the cell beside it."""

from __future__ import annotations

import pytest

from responsibility.importing.shape import check
from tests.responsibility.importing.made import readers

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- a 纪要 under its masthead, its 议定事项 assigned in prose --------------------------------------------

MASTHEAD = ["清河市人民政府", "专题会议纪要", "", "第7期", "", "清河市人民政府办公室　　　　　　2023年9月12日", ""]
AGREED = [
    "清河市人民政府第7次专题会议纪要",
    "",
    "9月8日下午，副市长林海主持召开专题会议，研究秋冬季大气污染防治工作。现将议定事项纪要如下：",
    "一、研究秋冬季扬尘管控工作",
    "会议听取了市生态环境局的汇报。",
    "会议议定：",
    "1.全面排查建筑工地扬尘防治措施。对全市在建工地逐一检查。由市住房城乡建设局牵头，各区政府配合，10月15日前完成。",
    "2.加密道路机扫频次。主干道每日机扫不少于2次。由市城市管理局负责，11月底前完成。",
    "3.落实重污染天气应急减排清单。由各区政府负责，市生态环境局、市工业和信息化局指导，采暖期内长期坚持。",
    "二、研究散煤治理工作",
    "会议议定：",
    "1.开展散煤销售点清理。由市市场监管局、市公安局共同负责，年底前完成。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_minutes_own_title_under_its_masthead_is_its_title_and_its_date_its_year(read):
    plan = read("\n".join([*MASTHEAD, *AGREED]))
    assert plan.title == "清河市人民政府第7次专题会议纪要"
    # Imported for 2024, the warning says the paper's date is of 2023: its year is read.
    assert any("2023" in warning.message for warning in plan.warnings)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_masthead_alone_stays_the_title(read):
    # The opposite: no title of its own under the masthead, the masthead is the title.
    plan = read("\n".join([*MASTHEAD, *AGREED[2:]]))
    assert plan.title == "清河市人民政府专题会议纪要"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_units_that_guide_are_not_answerable_and_a_season_long_task_goes_on(read):
    plan = read("\n".join([*MASTHEAD, *AGREED]))
    third = _items(plan)[2]
    assert third.fields.responsible_units == ["各区政府"]
    assert third.fields.cooperating_units == [] and third.fields.lead_units == []
    assert third.fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_units_that_cooperate_still_cooperate(read):
    # The opposite: 配合 gives a role, 指导 none.
    text = "\n".join([*MASTHEAD, *AGREED]).replace("市工业和信息化局指导", "市工业和信息化局配合")
    third = _items(read(text))[2]
    assert third.fields.responsible_units == ["各区政府"]
    assert third.fields.cooperating_units == ["市生态环境局", "市工业和信息化局"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_minutes_whose_agreed_items_are_each_assigned_are_a_plan(read):
    assert check(read("\n".join([*MASTHEAD, *AGREED]))).looks_like_plan


@pytest.mark.parametrize("read", ALL_FORMS)
def test_minutes_whose_items_assign_nothing_are_a_record(read):
    # The opposite: what the meeting heard and asked, nobody made answerable, no date.
    lines = [
        *MASTHEAD,
        AGREED[0],
        "",
        AGREED[2],
        "一、研究秋冬季扬尘管控工作",
        "1.会议听取了市生态环境局关于扬尘管控的汇报。",
        "2.会议认为，扬尘管控成效明显，但仍有短板。",
        "3.会议强调，各区要进一步提高认识。",
        "二、研究散煤治理工作",
        "1.会议听取了市市场监管局的汇报。",
    ]
    assert not check(read("\n".join(lines))).looks_like_plan


# --- a 讲话: demands of units, with dates, in a speech ----------------------------------------------------

SPEECH = [
    "在全市2024年防汛抗旱工作会议上的讲话",
    "",
    "副市长　林海",
    "（2024年4月10日）",
    "",
    "同志们：",
    "今天召开全市防汛抗旱工作会议，主要任务是部署今年的防汛抗旱工作。下面，我讲三点意见。",
    "一、正视问题，增强做好防汛工作的紧迫感",
    "去年全市汛期降雨偏多，部分水库险情频发。",
    "二、突出重点，扎实做好汛前各项准备",
    "（一）要抓紧水库除险加固。市水利局要督促各区，5月底前完成主体工程。",
    "（二）要抓好防汛物资储备。各区要在汛前补齐缺额物资。",
    "（三）要抓实山洪灾害防御。各镇街要组织转移演练，6月10日前全部完成。",
    "（四）要抓细城市内涝防治。市城管局要清掏雨水管网。",
    "三、压实责任，确保安全度汛",
    "各级各部门要落实防汛责任制，市防指办公室要加强督导检查。",
    "同志们，防汛工作责任重大，让我们齐心协力，确保全市安全度汛！",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_speech_is_no_plan(read):
    assert not check(read("\n".join(SPEECH))).looks_like_plan
    # Without blank lines (a Word file's paragraphs), the speaker's line is not part of the title.
    plan = read("\n".join(line for line in SPEECH if line))
    assert plan.title == "在全市2024年防汛抗旱工作会议上的讲话"
    assert not check(plan).looks_like_plan


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_plan_on_the_same_work_is_a_plan(read):
    # The opposite: the same demands as a plan's tasks, its title saying it is one.
    lines = [
        "清河市2024年防汛抗旱工作方案",
        "",
        "为做好今年防汛抗旱工作，制定本方案。",
        "一、重点任务",
        "（一）抓紧水库除险加固。5月底前完成主体工程。（责任单位：市水利局）",
        "（二）抓好防汛物资储备。汛前补齐缺额物资。（责任单位：各区政府）",
        "（三）抓实山洪灾害防御。组织转移演练，6月10日前全部完成。（责任单位：各镇街）",
        "（四）抓细城市内涝防治。清掏雨水管网。（责任单位：市城管局）",
        "（五）加强督导检查。（责任单位：市防指办公室）",
    ]
    assert check(read("\n".join(lines))).looks_like_plan


# --- a unit's name without number over its own table of tasks ---------------------------------------------

WEEKLY = [
    "南湖镇2024年第12周工作安排",
    "",
    "现将本周工作安排如下，请各站所对照落实。",
    "",
    "农业服务中心",
    "",
    "| 序号 | 工作内容 | 责任人 | 完成时间 |",
    "|---|---|---|---|",
    "| 1 | 组织春耕备耕物资检查。 | 张华 | 3月19日 |",
    "| 2 | 统计冬小麦苗情。 | 李明 | 3月21日 |",
    "",
    "综合执法队",
    "",
    "| 序号 | 工作内容 | 责任人 | 完成时间 |",
    "|---|---|---|---|",
    "| 1 | 清理集镇占道经营。 | 王强 | 3月20日 |",
]


def _headed(plan):
    return [(root.title, root.fields.responsible_units, [kid.title for kid in root.children]) for root in plan.roots]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_units_name_over_its_own_table_heads_its_tasks_and_answers_for_them(read):
    plan = read("\n".join(WEEKLY))
    assert _headed(plan) == [
        ("农业服务中心", ["农业服务中心"], ["组织春耕备耕物资检查", "统计冬小麦苗情"]),
        ("综合执法队", ["综合执法队"], ["清理集镇占道经营"]),
    ]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_units_name_over_a_table_that_names_its_units_is_no_heading(read):
    # The opposite: the table has its own column of units; the line over it is not their heading.
    lines = [
        line.replace("| 责任人 |", "| 责任单位 |").replace("张华", "镇农业服务中心").replace("李明", "镇农业服务中心")
        for line in WEEKLY[:10]
    ]
    plan = read("\n".join(lines))
    assert [root.title for root in plan.roots] == ["组织春耕备耕物资检查", "统计冬小麦苗情"]


# --- a schedule's last filled stage gives the deadline -------------------------------------------------

STAGES_HEADER = [
    ["序号", "项目名称", "责任单位", "阶段一", "", "阶段二", "", "阶段三", ""],
    ["", "", "", "工作内容", "完成时间", "工作内容", "完成时间", "工作内容", "完成时间"],
]


def _table(rows):
    from responsibility.importing.document import Table
    from responsibility.importing.tables import parse_table

    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=True), YEAR)
    return [node for root in roots for node, _depth in root.walk() if not node.children]


def test_the_last_filled_stage_of_a_schedule_is_the_deadline():
    rows = [
        *STAGES_HEADER,
        ["1", "北街管网改造", "区水务局", "完成设计", "2024.3.31", "开工", "2024年5月10日", "通水", "11月底"],
        ["2", "南街绿化提升", "区园林中心", "方案批复", "4月底", "完工", "2024-08-31", "/", "/"],
    ]
    first, second = _table(rows)
    assert str(first.fields.deadline) == "2024-11-30"
    assert str(second.fields.deadline) == "2024-08-31"


def test_one_deadline_column_beside_a_start_date_stays_the_deadline():
    # The opposite: one 完成时间 and a 开始时间 after it; the start is no deadline however late.
    rows = [
        ["序号", "项目名称", "责任单位", "完成时间", "开始时间"],
        ["1", "北街管网改造", "区水务局", "2024年6月30日", "2024年9月1日"],
    ]
    (only,) = _table(rows)
    assert str(only.fields.deadline) == "2024-06-30"


QUARTERS_HEADER = [
    ["序号", "项目名称", "建设内容及规模", "2024年计划投资", "2024年形象进度", "", "", "", "责任单位"],
    ["", "", "", "", "一季度", "二季度", "三季度", "四季度", ""],
]


def test_the_last_quarter_with_a_milestone_is_the_deadline():
    rows = [
        *QUARTERS_HEADER,
        ["1", "城北污水处理厂", "新建日处理3万吨污水厂", "9000", "开工建设", "主体施工", "设备安装", "—", "区水务局"],
        ["2", "滨江步道", "新建步道6公里", "3000", "—", "开工", "—", "完工", "区城管局"],
    ]
    first, second = _table(rows)
    assert [first.title, second.title] == ["城北污水处理厂", "滨江步道"]
    assert str(first.fields.deadline) == "2024-09-30"
    assert str(second.fields.deadline) == "2024-12-31"


def test_a_quarter_header_row_is_no_item():
    # The opposite of an item: the row of quarters under the header is the header's.
    rows = [*QUARTERS_HEADER, ["1", "城北污水处理厂", "新建污水处理厂", "9000", "开工", "—", "—", "—", "区水务局"]]
    assert [node.title for node in _table(rows)] == ["城北污水处理厂"]


# --- a portal's metadata pairs joined by non-breaking spaces ---------------------------------------------

NBSP = "\xa0"


def _portal(number_line: str) -> str:
    return "\n".join(
        [
            f"索{NBSP}引{NBSP}号：{NBSP}1150/2024-00021{NBSP * 4}主题分类：{NBSP}农业",
            number_line,
            "",
            "南湖镇2024年春季植树造林工作方案",
            "",
            "为做好春季植树造林工作，制定本方案。",
            "一、重点任务",
            "（一）完成荒山造林500亩。（责任单位：镇林业站；完成时限：2024年4月30日前）",
        ]
    )


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_doc_number_in_metadata_joined_by_non_breaking_spaces_is_read(read):
    from responsibility.importing.headers import doc_number_of

    plan = read(_portal(f"文{NBSP * 4}号：{NBSP}南府办发〔2024〕5号{NBSP * 4}发布日期：{NBSP}2024年03月02日"))
    assert doc_number_of(plan.headers) == "南府办发〔2024〕5号"
    assert plan.title == "南湖镇2024年春季植树造林工作方案"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_sentence_with_non_breaking_spaces_is_no_metadata(read):
    # The opposite: a sentence that names a number is no pair of labels and values.
    from responsibility.importing.headers import doc_number_of

    plan = read(_portal(f"根据{NBSP}南府办发〔2024〕5号文件精神，{NBSP * 2}结合我镇实际。"))
    assert doc_number_of(plan.headers) == ""


# --- a PDF of a workbook whose narrow 序号 column's header overflows into the next -------------------------


def test_a_pdf_keeps_a_narrow_columns_header_out_of_the_cell_beside_it():
    """A workbook set as a Word table and printed to PDF: the 序号 column is narrow, its header wraps a
    character a line and overflows into the cell beside it. Each character is its cell's where its
    middle lies; the names of the works beside the numbers stay whole (the opposite fact)."""
    import io

    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read
    from tests.responsibility.importing.corpus.render import _word_document, _word_table
    from tests.responsibility.importing.made import convert

    rows = [
        ["序号", "项目名称", "建设规模", "责任单位", "阶段一", "", "阶段二", "", "阶段三", "", "备注"],
        ["", "", "", "", "工作内容", "完成时间", "工作内容", "完成时间", "工作内容", "完成时间", ""],
        ["1", "东环路白改黑工程", "改造沥青路面3.2公里，同步改造雨水管网与路灯照明设施", "区交通运输局",
         "完成施工图设计审查及施工招标", "2024.3.31", "全线开工建设并完成管网迁改", "2024.5.31",
         "完成沥青摊铺及交通设施完工通车", "2024.9.30", "列入区级民生实事项目并纳入年度考核"],
        ["2", "西湖路人行道改造", "改造人行道5公里，更换透水砖并增设无障碍设施", "区城市管理局",
         "完成设计方案批复", "2024年4月30日", "/", "/", "/", "/", "雨季暂停施工，具体时间视天气情况调整"],
    ]  # fmt: skip
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:F1", "G1:H1", "I1:J1", "K1:K2"]
    document = _word_document()
    document.add_paragraph("南湖区2024年道路提升工程推进计划表")
    _word_table(document, rows, merges, 0)
    out = io.BytesIO()
    document.save(out)
    plan = parse(read("计划.pdf", convert(out.getvalue(), ".docx", "pdf")), YEAR)
    items = _items(plan)
    assert [item.title for item in items] == ["东环路白改黑工程", "西湖路人行道改造"]
    assert [str(item.fields.deadline) for item in items] == ["2024-09-30", "2024-04-30"]
