"""The shapes the twenty-first held-out set (d187–d194) showed the importer did not follow, in made-up
words, one section per cause: tasks as Markdown bullets with their fields as indented sub-bullets
("- task" over "  - 牵头：…"); tasks known only by their layout once their list numbers were lost on
copy, a short line over a line of fields; a unit's name alone over numbered items, their 责任单位; an
announcement (招标公告) as no plan; a workbook pasted as text, an empty spacer row between its groups
and a task over two rows whose second gives a second stage with its own units and later deadline."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- tasks as bullets, their fields as indented sub-bullets ---------------------------------------

BULLETED = [
    "青石镇2026年农业农村工作要点",
    "",
    "一、粮食生产",
    "",
    "- 落实高标准农田建设",
    "  - 牵头：农业服务中心",
    "  - 责任：各行政村",
    "  - 时限：2026年10月底前",
    "  - 目标：新建高标准农田3000亩",
    "- 推广水稻机插秧",
    "  - 牵头：农机站",
    "  - 时限：长期坚持",
    "",
    "二、人居环境",
    "",
    "- 开展村庄清洁行动",
    "  - 牵头：环卫所",
    "  - 配合：各行政村",
    "  - 时限：2026年12月31日前",
    "",
    "青石镇人民政府",
    "2026年1月5日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_bullet_tasks_take_the_fields_of_their_sub_bullets(read):
    plan = read("\n".join(BULLETED))
    assert [heading.title for heading in branches(plan)] == ["粮食生产", "人居环境"]
    items = leaves(plan)
    assert [item.title for item in items] == ["落实高标准农田建设", "推广水稻机插秧", "开展村庄清洁行动"]
    assert items[0].fields.lead_units == ["农业服务中心"]
    assert items[0].fields.responsible_units == ["各行政村"]
    assert items[0].fields.deadline.isoformat() == "2026-10-31"
    assert items[1].fields.lead_units == ["农机站"] and items[1].fields.ongoing
    assert items[2].fields.cooperating_units == ["各行政村"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_numbered_task_with_its_fields_as_sub_bullets_stays_one_item(read):
    # The opposite fact: one task under its number, a sub-bullet of content and one of fields: no items under it.
    lines = [
        "青石镇2026年农业农村工作要点",
        "",
        "一、落实高标准农田建设",
        "- 新建高标准农田3000亩",
        "  - 牵头：农业服务中心",
        "",
        "二、开展村庄清洁行动",
        "- 每月评比一次",
        "  - 牵头：环卫所",
    ]
    plan = read("\n".join(lines))
    assert [item.title for item in leaves(plan)] == ["落实高标准农田建设", "开展村庄清洁行动"]
    assert leaves(plan)[0].fields.lead_units == ["农业服务中心"]


# --- list numbers lost on copy: a short task line over its line of fields -------------------------

LOST_NUMBERS = [
    "西岭区2026年文化惠民实施方案",
    "",
    "为丰富群众文化生活，制定本方案。",
    "",
    "一、公共文化设施",
    "",
    "建设城市书房",
    "牵头单位：区文旅局；配合单位：区财政局；完成时限：2026年9月底前",
    "",
    "改造乡镇综合文化站",
    "牵头单位：区文旅局；责任单位：各乡镇；完成时限：2026年12月底前",
    "",
    "二、文化活动",
    "",
    "举办社区文化节",
    "牵头单位：区文化馆；完成时限：长期坚持",
    "",
    "送戏下乡120场",
    "牵头单位：区剧团；完成时限：2026年11月底前",
    "",
    "三、组织保障",
    "",
    "区文旅局每季度通报一次进展情况。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_short_lines_over_lines_of_fields_are_the_items_of_their_heading(read):
    plan = read("\n".join(LOST_NUMBERS))
    assert [heading.title for heading in branches(plan)] == ["公共文化设施", "文化活动"]
    items = [item for item in leaves(plan) if item.title != "组织保障"]
    assert [item.title for item in items] == ["建设城市书房", "改造乡镇综合文化站", "举办社区文化节", "送戏下乡120场"]
    assert items[0].fields.cooperating_units == ["区财政局"]
    assert items[1].fields.responsible_units == ["各乡镇"]
    assert items[2].fields.lead_units == ["区文化馆"] and items[2].fields.ongoing
    assert items[3].fields.deadline.isoformat() == "2026-11-30"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_one_line_of_content_over_the_fields_of_a_numbered_item_stays_its_content(read):
    # The opposite fact: each numbered item has one short line of what to do, then its fields: no items under it.
    lines = [
        "西岭区2026年文化惠民实施方案",
        "",
        "一、建设城市书房",
        "新建城市书房5个",
        "牵头单位：区文旅局；完成时限：2026年9月底前",
        "",
        "二、举办社区文化节",
        "每个社区至少举办一场",
        "牵头单位：区文化馆；完成时限：2026年10月底前",
    ]
    plan = read("\n".join(lines))
    items = leaves(plan)
    assert [item.title for item in items] == ["建设城市书房", "举办社区文化节"]
    assert items[0].fields.lead_units == ["区文旅局"]


# --- a unit's name alone on a line over its numbered items ---------------------------------------

BY_UNIT = [
    "东湖区2026年安全生产工作责任清单",
    "",
    "现将2026年安全生产工作任务分解如下。",
    "",
    "区应急管理局",
    "1.开展危化品企业专项检查。检查企业40家。完成时限：2026年6月30日",
    "2.组织应急演练。全年不少于4次。完成时限：2026年12月31日",
    "",
    "区消防救援大队",
    "1.整治高层建筑消防通道。完成时限：长期坚持",
    "",
    "东湖区安全生产委员会办公室",
    "2026年1月8日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_units_name_over_numbered_items_makes_it_their_responsible_unit(read):
    from responsibility.importing import shape

    plan = read("\n".join(BY_UNIT))
    assert [heading.title for heading in branches(plan)] == ["区应急管理局", "区消防救援大队"]
    units = [heading.fields.responsible_units for heading in branches(plan)]
    assert units == [["区应急管理局"], ["区消防救援大队"]]
    assert shape.check(plan).looks_like_plan


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_name_of_work_over_numbered_items_names_no_unit(read):
    # The opposite fact: a line naming a field of work, not a unit, over the items gives them no unit.
    lines = [line.replace("区应急管理局", "危化品监管").replace("区消防救援大队", "消防安全") for line in BY_UNIT]
    plan = read("\n".join(lines))
    assert [heading.title for heading in branches(plan)] == ["危化品监管", "消防安全"]
    assert all(not item.fields.responsible_units for item, _depth in plan.walk())


# --- an announcement (a 招标公告) is no plan, whatever its numbered parts and dates -----------------

TENDER = [
    "青禾县第一中学教学设备采购项目竞争性磋商公告",
    "",
    "项目编号：QH-2026-031",
    "",
    "一、项目基本情况",
    "1.预算金额：120万元",
    "2.采购需求：交互式智慧黑板40套",
    "3.合同履行期限：合同签订后30日内交货",
    "二、供应商的资格要求",
    "1.具有独立承担民事责任的能力；",
    "2.参加采购活动前三年内无重大违法记录。",
    "三、获取磋商文件",
    "时间：2026年3月2日至2026年3月9日。",
    "四、响应文件提交",
    "截止时间：2026年3月20日9点30分前。",
    "五、联系方式",
    "采购人：青禾县第一中学  联系人：王老师",
    "",
    "青禾县政府采购中心",
    "2026年2月27日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_announcement_of_a_tender_is_flagged_as_no_plan(read):
    from responsibility.importing import shape

    assert not shape.check(read("\n".join(TENDER))).looks_like_plan


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_plan_whose_tasks_publish_announcements_is_still_a_plan(read):
    # The opposite fact: the words 公告 and 招标 in a plan's tasks, not its title's end, leave it a plan.
    from responsibility.importing import shape

    lines = [
        "青禾县2026年政府采购工作要点",
        "",
        "为规范政府采购行为，制定本要点。",
        "",
        "一、规范采购公告发布",
        "1.统一发布招标公告。（责任单位：县财政局；完成时限：2026年3月底前）",
        "2.公开中标结果公告。（责任单位：县公共资源交易中心；完成时限：长期坚持）",
        "二、加强采购监管",
        "3.开展采购代理机构检查。（责任单位：县财政局；完成时限：2026年9月底前）",
        "4.处理采购投诉。（责任单位：县财政局；完成时限：长期坚持）",
        "5.公开采购意向。（责任单位：各预算单位；完成时限：长期坚持）",
    ]
    assert shape.check(read("\n".join(lines))).looks_like_plan


# --- a pasted workbook: an empty spacer row between groups ---------------------------------------

SPACED = [
    "河口镇2026年民生实事台账",
    "序号\t工作任务\t责任单位\t完成时限",
    "一、教育卫生\t\t\t",
    "1\t改造村卫生室6个\t卫健办\t2026年8月底前",
    "2\t新建幼儿园1所\t社会事务办\t2026年12月底前",
    "\t\t\t",
    "二、交通出行\t\t\t",
    "3\t硬化通组道路15公里\t交通办\t2026年10月底前",
    "4\t增设公交站点8个\t交通办\t2026年6月底前",
    "\t\t\t",
]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_rows_after_an_empty_spacer_row_go_on_in_the_same_table(read):
    plan = read("\n".join(SPACED))
    assert [heading.title for heading in branches(plan)] == ["教育卫生", "交通出行"]
    items = leaves(plan)
    assert [item.title for item in items][2:] == ["硬化通组道路15公里", "增设公交站点8个"]
    assert items[3].fields.responsible_units == ["交通办"]
    assert items[3].fields.deadline.isoformat() == "2026-06-30"


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_paragraph_after_an_empty_spacer_row_is_no_row(read):
    # The opposite fact: after the spacer, a line without tabs is the text below the table.
    lines = [*SPACED[:6], "以上任务请各责任单位于每月25日前报送进展情况。"]
    plan = read("\n".join(lines))
    assert [item.title for item in leaves(plan)] == ["改造村卫生室6个", "新建幼儿园1所"]


# --- a pasted workbook: one task over two rows, 序号 and task merged down, a second stage below -----

STAGED = [
    "石桥县2026年污水治理重点任务清单",
    "序号\t重点任务\t阶段目标\t责任单位\t完成时限",
    "1\t建设城东污水处理厂\t完成土建工程\t县住建局\t2026年5月底前",
    "\t\t调试运行，日处理能力达到3万吨\t县住建局、县排水公司\t2026年9月底前",
    "2\t整治黑臭水体\t完成截污纳管\t县水务局\t2026年11月底前",
]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_row_without_number_and_task_is_the_next_stage_of_the_task_above(read):
    plan = read("\n".join(STAGED))
    items = leaves(plan)
    assert [item.title for item in items] == ["建设城东污水处理厂", "整治黑臭水体"]
    assert items[0].fields.responsible_units == ["县住建局", "县排水公司"]
    assert items[0].fields.deadline.isoformat() == "2026-09-30"


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_row_with_a_task_but_no_number_is_a_task_of_its_own(read):
    # The opposite fact: a row that names its own task, its 序号 blank, is no stage of the row above.
    lines = [*STAGED[:3], "\t建设污泥处置中心\t完成选址\t县住建局\t2026年9月底前", STAGED[4]]
    items = leaves(read("\n".join(lines)))
    assert [item.title for item in items] == ["建设城东污水处理厂", "建设污泥处置中心", "整治黑臭水体"]
    assert items[0].fields.deadline.isoformat() == "2026-05-31"
