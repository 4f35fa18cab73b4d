"""Assignment phrases, dates, cadences and indicators as plans write them."""

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import (
    chinese_number,
    extract,
    find_indicators,
    names_date,
    parse_cadence,
    parse_schedule,
    split_names,
)

D = datetime.date


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("各街道、区直各部门；司法所", ["各街道", "区直各部门", "司法所"]),
        ("司法所（法律服务所）、综治中心", ["司法所（法律服务所）", "综治中心"]),
        ("党政办/法治办，平安办", ["党政办", "法治办", "平安办"]),
        ("司法所 综治办　平安办", ["司法所", "综治办", "平安办"]),
        ("司法所、司法所", ["司法所"]),
    ],
)
def test_names_split_on_list_punctuation(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("text", "deadline", "ongoing"),
    [
        ("2020年12月底前", D(2020, 12, 31), False),
        ("6月底前", D(2021, 6, 30), False),
        ("年底前", D(2021, 12, 31), False),
        ("2021年3月15日前", D(2021, 3, 15), False),
        ("二〇二一年十月底", D(2021, 10, 31), False),
        ("上半年", D(2021, 6, 30), False),
        ("第三季度", D(2021, 9, 30), False),
        ("2021-11-30", D(2021, 11, 30), False),
        ("长期坚持", None, True),
        ("每季度", None, True),
        ("3月底前完成方案，9月底前完成评估", D(2021, 9, 30), False),
    ],
)
def test_date_phrases_become_deadlines(text, deadline, ongoing):
    schedule = parse_schedule(text, 2021)
    assert (schedule.deadline, schedule.ongoing) == (deadline, ongoing)


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("每月25日前", ("monthly", 25)),
        ("每季度", ("quarterly", None)),
        ("季度", ("quarterly", None)),
        ("按阶段", ("per_stage", None)),
        ("第三季度", ("", None)),
        ("不定期", ("none", None)),
    ],
)
def test_cadences(text, cadence):
    assert parse_cadence(text) == cadence


def test_bracketed_assignments_are_taken_out_of_the_text():
    found = extract("推进依法决策（牵头领导：张三；责任单位：司法所、综治办；完成时限：2020年12月底前）", None)
    assert found.rest == "推进依法决策"
    assert (found.fields.lead_leaders, found.fields.responsible_units) == (["张三"], ["司法所", "综治办"])
    assert found.fields.deadline == D(2020, 12, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开展普法活动不少于30场次", ("开展普法活动", Decimal(30), "场次", "gte")),
        ("群众满意度达到99%", ("群众满意度", Decimal(99), "%", "gte")),
        ("发放宣传资料4700份", ("发放宣传资料", Decimal(4700), "份", "gte")),
        ("行政复议纠错率控制在5%以内", ("行政复议纠错率", Decimal(5), "%", "lte")),
    ],
)
def test_numeric_targets(text, expected):
    found = find_indicators(text)
    assert [(i.name, i.value, i.unit, i.comparator) for i in found] == [expected]


@pytest.mark.parametrize("text", ["2020 年，在区委", "安排 331 名企业复工复产指导员", "第3项", "1.5万元"])
def test_years_ordinals_and_descriptive_counts_are_not_targets(text):
    assert find_indicators(text) == []


def test_chinese_numbers():
    assert [chinese_number(t) for t in ["一", "十", "十二", "二十", "二十三", "一百零五", "12"]] == [
        1,
        10,
        12,
        20,
        23,
        105,
        12,
    ]


# --- unit lists with what they say about sharing the work ----------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("党政办、综治办，各社区按职责分工分别负责", ["党政办", "综治办", "各社区"]),
        ("财政所、统计站，各村（社区）按照职责分工抓好落实", ["财政所", "统计站", "各村（社区）"]),
        ("各科室按职责分工负责", ["各科室"]),
        ("各内设机构根据各自职责分别落实", ["各内设机构"]),
        ("城管办 、环卫所按职能职责共同负责", ["城管办", "环卫所"]),
        ("经发办、规划所，按职责分工负责", ["经发办", "规划所"]),
        ("各社区具体负责", ["各社区"]),
        ("民政办负责相关工作", ["民政办"]),
        ("安监站、消防队分别组织实施", ["安监站", "消防队"]),
        ("民政办及各社区", ["民政办", "各社区"]),
        ("安监办和派出所", ["安监办", "派出所"]),
        ("文化站与团工委", ["文化站", "团工委"]),
        ("住房和城乡建设委员会及各社区", ["住房和城乡建设委员会", "各社区"]),
        ("人力资源和社会保障局", ["人力资源和社会保障局"]),
        ("规划和自然资源局、司法所", ["规划和自然资源局", "司法所"]),
        ("中等职业学校", ["中等职业学校"]),
        ("司法所（法律服务所）、综治中心", ["司法所（法律服务所）", "综治中心"]),
    ],
)
def test_qualifiers_and_conjunctions_leave_the_unit_names(text, names):
    found = extract(f"责任单位：{text}", 2024).fields
    assert (found.responsible_units, found.lead_units, found.cooperating_units) == (names, [], [])
    assert found.open_ended == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("县应急管理局,县交通运\n输局", ["县应急管理局", "县交通运输局"]),  # a line cut inside a name
        ("镇财政\n所、镇司法所", ["镇财政所", "镇司法所"]),
        # Opposite facts: names one a line, and a name over a qualifier, keep their break.
        ("县应急管理局\n县交通运输局", ["县应急管理局", "县交通运输局"]),
        ("各村\n按职责分工负责", ["各村"]),
        ("县发改局牵头\n县财政局", ["县发改局", "县财政局"]),
    ],
)
def test_a_unit_name_cut_by_a_line_break_is_one_name(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("宣传办等相关单位", ["宣传办"]),
        ("文化站、团工委等部门", ["文化站", "团工委"]),
        ("妇联等3个单位", ["妇联"]),
        ("统战办等", ["统战办"]),
        ("党建办、组织办等有关科室按职责分工负责", ["党建办", "组织办"]),
        ("各社区等单位", ["各社区"]),
    ],
)
def test_a_list_ending_in_deng_keeps_the_names_and_is_flagged(text, names):
    found = extract(f"责任单位：{text}。", 2024).fields
    assert found.responsible_units == names
    assert found.open_ended == [text]


@pytest.mark.parametrize(
    ("line", "lead", "responsible", "cooperating"),
    [
        ("责任单位：由经发办牵头，各社区具体落实", ["经发办"], ["各社区"], []),
        ("责任单位：城建办牵头，规划所、国土所配合", ["城建办"], [], ["规划所", "国土所"]),
        ("责任单位：司法所（牵头）、综治办、信访办", ["司法所"], ["综治办", "信访办"], []),
        ("责任单位：应急办为牵头单位，各社区参与", ["应急办"], [], ["各社区"]),
        ("责任单位：农服中心、水利站分别牵头，各村协助", ["农服中心", "水利站"], [], ["各村"]),
        ("牵头单位：党政办，各社区配合", ["党政办"], [], ["各社区"]),
        ("牵头单位：党政办、综治办分别牵头", ["党政办", "综治办"], [], []),
        ("配合单位：各社区按职责分工负责", [], [], ["各社区"]),
        ("配合单位：派出所（牵头）、司法所", ["派出所"], [], ["司法所"]),
        ("责任单位：党政办负责统筹，各科室配合", [], ["党政办"], ["各科室"]),
        ("责任单位：司法所牵头抓总，各社区抓好落实", ["司法所"], ["各社区"], []),
    ],
)
def test_a_verb_after_a_name_gives_it_the_role_it_names(line, lead, responsible, cooperating):
    found = extract(line, 2024).fields
    assert (found.lead_units, found.responsible_units, found.cooperating_units) == (lead, responsible, cooperating)


def test_people_keep_their_label_whatever_the_verb_says():
    found = extract("牵头领导：张书记、李主任分别牵头；责任人：王和平和赵所长", 2024).fields
    assert found.lead_leaders == ["张书记", "李主任"]
    assert found.persons == ["王和平", "赵所长"]
    assert (found.lead_units, found.responsible_units, found.cooperating_units) == ([], [], [])


def test_a_slash_lists_units_and_the_organisation_may_join_them_again():
    # Two offices, as a table's cell often writes them; resolve.py joins "党政办/法治办" again where the
    # organisation knows it as one office's name (test_indicator_systems.py).
    assert extract("责任单位：党政办/法治办", 2024).fields.responsible_units == ["党政办", "法治办"]
    assert extract("配合单位：司法所／派出所", 2024).fields.cooperating_units == ["司法所", "派出所"]


def test_a_slash_between_posts_is_one_leader():
    assert extract("责任领导：党委书记/主任", 2024).fields.lead_leaders == ["党委书记/主任"]


def test_qualifiers_inside_a_bracketed_assignment():
    found = extract("加强消防宣传（责任单位：应急办、派出所和消防站按职责分工负责；完成时限：2024年9月底前）", 2024)
    assert found.rest == "加强消防宣传"
    assert found.fields.responsible_units == ["应急办", "派出所", "消防站"]
    assert found.fields.deadline == D(2024, 9, 30)


# --- numeric targets ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("群众安全感满意度达到95%以上", ("群众安全感满意度", "95", "%", "gte")),
        ("一般公共预算收入增长6%左右", ("一般公共预算收入增长", "6", "%", "gte")),
        ("地区生产总值增长5.5%左右", ("地区生产总值增长", "5.5", "%", "gte")),
        ("研发经费投入增长8%以上", ("研发经费投入增长", "8", "%", "gte")),
        ("刑事案件发案数下降10%", ("刑事案件发案数下降", "10", "%", "gte")),
        ("单位GDP能耗下降3.5%", ("单位GDP能耗下降", "3.5", "%", "gte")),
        ("较大安全事故控制在0起", ("较大安全事故", "0", "起", "lte")),
        ("政务服务事项网上可办率不低于90%", ("政务服务事项网上可办率", "90", "%", "gte")),
        ("行政诉讼败诉率不超过5%", ("行政诉讼败诉率", "5", "%", "lte")),
        ("城镇登记失业率控制在4.5%以内", ("城镇登记失业率", "4.5", "%", "lte")),
        ("平均审批时限压缩至3个工作日以内", ("平均审批时限", "3", "个工作日", "lte")),
        ("粮食播种面积稳定在1.2万亩以上", ("粮食播种面积", "1.2", "万亩", "gte")),
        ("招商引资到位资金15亿元", ("招商引资到位资金", "15", "亿元", "gte")),
        ("培训基层干部200人次以上", ("培训基层干部", "200", "人次", "gte")),
        ("消防检查不少于300家次", ("消防检查", "300", "家次", "gte")),
        ("开展入户走访不少于1500户次", ("开展入户走访", "1500", "户次", "gte")),
        ("新增就业1200人", ("新增就业", "1200", "人", "gte")),
        ("开展法治讲座12场", ("开展法治讲座", "12", "场", "gte")),
        ("完成改造15个小区", ("完成改造小区", "15", "个", "gte")),
        ("建成8个口袋公园", ("建成口袋公园", "8", "个", "gte")),
        ("新建智慧社区3个", ("新建智慧社区", "3", "个", "gte")),
        ("力争新增市场主体2000户", ("新增市场主体", "2000", "户", "gte")),
        ("确保空气优良天数比例不低于85%", ("空气优良天数比例", "85", "%", "gte")),
        ("其中新增规上企业4家", ("新增规上企业", "4", "家", "gte")),
        ("矛盾纠纷调解成功率≥98%", ("矛盾纠纷调解成功率", "98", "%", "gte")),
        ("新增城镇就业1000余人", ("新增城镇就业", "1000", "人", "gte")),
        ("新增城镇就业2.5万人", ("新增城镇就业", "2.5", "万人", "gte")),
        ("召开专题会议不少于两次", ("召开专题会议", "2", "次", "gte")),
        ("开展联合执法检查不少于4次/年", ("开展联合执法检查", "4", "次", "gte")),
        ("信访事项按期办结率≤100%", ("信访事项按期办结率", "100", "%", "lte")),
    ],
)
def test_numeric_targets_in_their_many_forms(text, expected):
    found = find_indicators(text)
    assert [(i.name, f"{i.value.normalize():f}", i.unit, i.comparator) for i in found] == [expected]
    assert found[0].range_text == ""


@pytest.mark.parametrize(
    ("text", "expected", "range_text"),
    [
        ("农村居民人均可支配收入增长7%-8%", ("农村居民人均可支配收入增长", "7", "%", "gte"), "7%-8%"),
        ("实际利用外资增长3%～5%", ("实际利用外资增长", "3", "%", "gte"), "3%～5%"),
        ("固定资产投资增长10%至12%", ("固定资产投资增长", "10", "%", "gte"), "10%至12%"),
        ("社会消费品零售总额增长6-7%", ("社会消费品零售总额增长", "6", "%", "gte"), "6-7%"),
        ("接待游客50万～60万人次", ("接待游客", "50", "万人次", "gte"), "50万～60万人次"),
        ("财政支出增速控制在3%-5%", ("财政支出增速", "5", "%", "lte"), "3%-5%"),
        ("人口自然增长率控制在4‰～6‰以内", ("人口自然增长率", "6", "‰", "lte"), "4‰～6‰"),
    ],
)
def test_a_range_becomes_one_bound_and_says_so(text, expected, range_text):
    found = find_indicators(text)
    assert [(i.name, f"{i.value.normalize():f}", i.unit, i.comparator) for i in found] == [expected]
    assert found[0].range_text == range_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新增市场主体2000户，力争2500户", [("新增市场主体", "2000")]),
        ("森林覆盖率达到52%，力争达到53%", [("森林覆盖率", "52")]),
        ("地区生产总值增长6%左右，力争7%", [("地区生产总值增长", "6")]),
        ("新增就业1200人，城镇登记失业率控制在4.5%以内", [("新增就业", "1200"), ("城镇登记失业率", "4.5")]),
        ("开展宣传活动，不少于30场次", [("开展宣传活动", "30")]),
    ],
)
def test_a_stretch_goal_is_not_a_second_indicator_but_a_second_target_is(text, expected):
    assert [(i.name, f"{i.value.normalize():f}") for i in find_indicators(text)] == expected


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("达到95%", "群众满意度", ("群众满意度", "95", "%", "gte")),
        ("≥90%", "网上可办率", ("网上可办率", "90", "%", "gte")),
        ("95%以上", "办结率", ("办结率", "95", "%", "gte")),
        ("不超过3天", "审批时限", ("审批时限", "3", "天", "lte")),
        ("5%-6%", "税收增长", ("税收增长", "5", "%", "gte")),
        ("300家次", "消防检查", ("消防检查", "300", "家次", "gte")),
    ],
)
def test_a_bare_figure_takes_the_name_it_is_given(text, default, expected):
    found = find_indicators(text, default_name=default)
    assert [(i.name, f"{i.value.normalize():f}", i.unit, i.comparator) for i in found] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "城镇新增就业（上级下达指标）",
        "完成上级下达指标",
        "居民人均可支配收入增长与经济增长基本同步",
        "2024年3月底前完成",
        "完成第2批次验收",
        "3个月内完成整改",
        "组织3名律师开展咨询",
        "进行一次全面排查",
        "每月召开1次例会",
        "争创全国文明城市",
    ],
)
def test_words_and_dates_without_a_measured_number_are_no_target(text):
    assert find_indicators(text, default_name="某项指标") == []


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("加装电梯10部", 10, "部"),
        ("整理归档档案不少于300卷", 300, "卷"),
        ("新增路灯120盏", 120, "盏"),
        ("补植树木不少于2000棵", 2000, "棵"),
    ],
)
def test_counts_in_the_less_usual_measures_are_indicators(text, value, unit):
    [found] = find_indicators(text, default_name="任务")
    assert (found.value, found.unit, found.comparator) == (Decimal(value), unit, "gte")


# --- assignments as offices write them after the task, with brackets inside, or as verbs ---------


@pytest.mark.parametrize(
    ("text", "rest", "lead", "responsible", "deadline"),
    [
        (
            "修订应急预案。每半年组织一次演练。牵头单位：应急所；完成时限：2024年5月底前。",
            "修订应急预案。每半年组织一次演练。",
            ["应急所"],
            [],
            D(2024, 5, 31),
        ),
        (
            "建立河长巡河台账，巡河率100%；责任单位：水务站、各村；完成时间：9月30日前",
            "建立河长巡河台账，巡河率100%；",
            [],
            ["水务站", "各村"],
            D(2024, 9, 30),
        ),
        ("开展消防演练。主办部门：消防站。", "开展消防演练。", ["消防站"], [], None),
    ],
)
def test_labels_written_after_the_tasks_sentences_are_read(text, rest, lead, responsible, deadline):
    found = extract(text, 2024)
    assert found.rest == rest
    assert (found.fields.lead_units, found.fields.responsible_units) == (lead, responsible)
    assert found.fields.deadline == deadline


@pytest.mark.parametrize(
    "text",
    [
        "明确工作目标：年内建成示范点3个，并逐步推开。",  # a label inside a sentence, prose after it
        "加强日常巡查。责任单位：各村。做到早发现早处置。",  # a task sentence follows the label
    ],
)
def test_a_label_followed_by_more_of_the_task_is_not_a_trailing_assignment(text):
    found = extract(text, 2024)
    assert found.rest.endswith(("推开。", "处置。"))


@pytest.mark.parametrize(
    ("value", "responsible", "cooperating"),
    [
        ("（责任单位：农办、经发办，各村（社区）按职责分工负责）", ["农办", "经发办", "各村（社区）"], []),
        ("（牵头单位：交管站；配合单位：派出所、各村（居））", [], ["派出所", "各村（居）"]),
        ("(责任单位：司法所(法律服务所)、综治中心)", ["司法所(法律服务所)", "综治中心"], []),
    ],
)
def test_unit_names_with_their_own_brackets_inside_a_bracketed_assignment(value, responsible, cooperating):
    found = extract("落实网格巡查制度" + value, 2024)
    assert found.rest == "落实网格巡查制度"
    assert found.fields.responsible_units == responsible
    assert found.fields.cooperating_units == cooperating


@pytest.mark.parametrize(
    ("text", "lead", "responsible", "cooperating"),
    [
        ("（区文旅局牵头，区财政局、各镇按职责分工负责）", ["区文旅局"], ["区财政局", "各镇"], []),
        ("（城管所牵头，各社区配合）", ["城管所"], [], ["各社区"]),
        ("(镇农办牵头；镇财政所、各村负责)", ["镇农办"], ["镇财政所", "各村"], []),
    ],
)
def test_units_named_with_the_verbs_of_their_roles_in_brackets(text, lead, responsible, cooperating):
    found = extract("推进乡村旅游示范点建设。" + text, 2024)
    assert found.rest == "推进乡村旅游示范点建设。"
    fields = found.fields
    assert (fields.lead_units, fields.responsible_units, fields.cooperating_units) == (lead, responsible, cooperating)


@pytest.mark.parametrize(
    "text", ["开展老旧小区改造（含背街小巷）。", "完善应急预案（2024年修订版）。", "（负责人牵头抓总）"]
)
def test_brackets_that_name_no_units_in_roles_stay_in_the_text(text):
    found = extract(text, 2024)
    assert found.rest == text and not found.fields.lead_units and not found.fields.responsible_units


# --- held-out shapes: units and their verb in a bracket, dates inside it, more deadline labels --------


@pytest.mark.parametrize(
    ("text", "lead", "responsible", "cooperating"),
    [
        ("稳定生猪产能。（市畜牧兽医局负责）", [], ["市畜牧兽医局"], []),
        ("加强资产管理。（县乡村振兴局、县财政局按职责分工负责）", [], ["县乡村振兴局", "县财政局"], []),
        ("整治河道。（各镇街按照职责分工分别负责）", [], ["各镇街"], []),
        ("办好夜校。（由各社区自行负责）", [], ["各社区"], []),
        ("建设驿站。（区总工会牵头，区人社局、各街道配合）", ["区总工会"], [], ["区人社局", "各街道"]),
    ],
)
def test_units_and_their_verb_in_a_bracket_are_the_items_units(text, lead, responsible, cooperating):
    found = extract(text, 2025)
    assert (found.fields.lead_units, found.fields.responsible_units, found.fields.cooperating_units) == (
        lead,
        responsible,
        cooperating,
    )
    assert "（" not in found.rest


@pytest.mark.parametrize(
    "text",
    [
        "推广典型经验（各地结合实际推进）",
        "修订管理办法（2024年修订）",
        "覆盖全部网格（含社区）",
        "做好宣传（具体办法另行负责制定）",
        "加强统筹（统筹推进）",
    ],
)
def test_a_bracket_of_verb_phrases_names_no_unit(text):
    found = extract(text, 2025)
    assert not (found.fields.lead_units or found.fields.responsible_units or found.fields.cooperating_units)
    assert found.rest == text


@pytest.mark.parametrize(
    ("text", "deadline", "ongoing"),
    [
        ("推广充电桩。（区发改局牵头，区住建局配合，2025年12月底前）", D(2025, 12, 31), False),
        ("治理黑臭水体。（区环境分局牵头，区农业农村局、相关镇街配合；10月底前完成）", D(2025, 10, 31), False),
        ("落实禁渔。（区农业农村局牵头，区公安分局配合，长期坚持）", None, True),
        ("巡查河道。（区河长办负责，按季度推进）", None, True),
        ("清理乱堆。（城管中队负责，2025.9）", D(2025, 9, 30), False),
    ],
)
def test_a_date_inside_an_unlabelled_bracket_is_the_deadline(text, deadline, ongoing):
    found = extract(text, 2025)
    assert (found.fields.deadline, found.fields.ongoing) == (deadline, ongoing)
    assert found.fields.lead_units or found.fields.responsible_units
    assert found.rest == text.split("（")[0]


@pytest.mark.parametrize(
    ("label", "value", "deadline", "ongoing"),
    [
        ("时间安排", "2022年6月底前", D(2022, 6, 30), False),
        ("时间安排", "按季度推进", None, True),
        ("时限安排", "长期坚持", None, True),
        ("完成日期", "2022年9月30日", D(2022, 9, 30), False),
        ("整改时限", "2022年底前", D(2022, 12, 31), False),
        ("计划完成时间", "2022年11月", D(2022, 11, 30), False),
        ("时限", "8月底前", D(2022, 8, 31), False),
    ],
)
def test_deadline_labels_in_the_words_offices_use(label, value, deadline, ongoing):
    found = extract(f"开展清扫活动。（责任单位：社区物业组；{label}：{value}）", 2022)
    assert found.fields.responsible_units == ["社区物业组"]
    assert (found.fields.deadline, found.fields.ongoing) == (deadline, ongoing)


def test_the_portals_publication_time_is_no_deadline():
    found = extract("开展清扫活动。发布时间：2022-03-01", 2022)
    assert found.fields.deadline is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2022.10", D(2022, 10, 31)),
        ("2022.2", D(2022, 2, 28)),
        ("2024/02", D(2024, 2, 29)),
        ("2023-11", D(2023, 11, 30)),
        ("2022.10.15", D(2022, 10, 15)),
        ("2022/10/8前", D(2022, 10, 8)),
        ("2022.10月底前", D(2022, 10, 31)),
    ],
)
def test_a_year_and_month_written_with_dots_or_slashes_is_the_months_end(text, deadline):
    assert parse_schedule(text, 2021).deadline == deadline


@pytest.mark.parametrize("text", ["增长12022.10", "占比2022.13", "2021-2025年", "增长3.5%"])
def test_numbers_that_are_no_year_and_month_give_no_date(text):
    assert parse_schedule(text, 2021).deadline is None


# --- label families: short labels, the kinds of unit and leader, deadlines, wherever long labels work ---


@pytest.mark.parametrize(
    ("tail", "lead", "responsible", "cooperating"),
    [
        ("（牵头：县水务局；配合：县财政局、各乡镇）", ["县水务局"], [], ["县财政局", "各乡镇"]),
        ("(主办：县文联；协办：县图书馆)", ["县文联"], [], ["县图书馆"]),
        ("（负责：镇农办）", [], ["镇农办"], []),
        ("牵头：县水务局；协助：县林业局。", ["县水务局"], [], ["县林业局"]),
        ("负责：镇农办、各村。", [], ["镇农办", "各村"], []),
        ("承办：团县委；参与：县妇联。", [], ["团县委"], ["县妇联"]),
        ("（分工：县水务局牵头，县林业局配合）", ["县水务局"], [], ["县林业局"]),
    ],
)
def test_short_role_labels_are_read_in_brackets_and_after_the_task(tail, lead, responsible, cooperating):
    found = extract("修缮山塘水库。" + tail, 2023)
    fields = found.fields
    assert (fields.lead_units, fields.responsible_units, fields.cooperating_units) == (lead, responsible, cooperating)
    assert found.rest == "修缮山塘水库。"


@pytest.mark.parametrize(
    ("label", "attribute"),
    [
        ("主管部门", "lead_units"),
        ("责任牵头单位", "lead_units"),
        ("责任股室", "responsible_units"),
        ("具体负责单位", "responsible_units"),
        ("实施主体", "responsible_units"),
        ("协作部门", "cooperating_units"),
        ("协助科室", "cooperating_units"),
        ("分管区领导", "lead_leaders"),
        ("包保领导", "lead_leaders"),
        ("挂钩县领导", "lead_leaders"),
        ("直接责任人", "persons"),
        ("具体负责人", "persons"),
        ("责任单位（部门）", "responsible_units"),
    ],
)
def test_a_role_label_is_known_by_its_family(label, attribute):
    found = extract(f"修缮山塘水库。（{label}：甲乙办）", 2023)
    assert getattr(found.fields, attribute) == ["甲乙办"]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("修缮山塘水库。时间：5月；负责：镇水利站。", D(2023, 5, 31)),
        ("修缮山塘水库。（时间：2023年8月底前）", D(2023, 8, 31)),
        ("修缮山塘水库。办结期限：9月底前。", D(2023, 9, 30)),
        ("修缮山塘水库。截止日期：2023年10月15日。", D(2023, 10, 15)),
        ("修缮山塘水库。完成时限要求：11月底前。", D(2023, 11, 30)),
        ("修缮山塘水库。实施时间：上半年。", D(2023, 6, 30)),
        ("修缮山塘水库。（完成时限（年月）：2023年7月）", D(2023, 7, 31)),
    ],
)
def test_a_deadline_label_is_known_by_its_family_and_time_alone_after_the_task(text, deadline):
    found = extract(text, 2023)
    assert found.fields.deadline == deadline
    assert found.rest == "修缮山塘水库。"


@pytest.mark.parametrize(
    "text",
    [
        "严格执行工作时间：每周一至周五上午9时。",
        "对不负责：推诿扯皮的单位予以通报。",
        "实行首问负责：谁首问谁负责到底。",
    ],
)
def test_a_short_label_inside_a_longer_word_is_no_label(text):
    found = extract(text, 2023)
    fields = found.fields
    assert found.rest == text
    assert not (fields.deadline or fields.responsible_units or fields.lead_units)


def test_the_contact_under_a_notice_is_not_made_responsible():
    found = extract("请按时参会。联系人：张敏，联系电话：12345678。", 2024)
    assert found.fields.persons == []


# --- counts before a long noun, bounds that close a figure, frequencies ------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("完成东街、西街等6个城中村棚户区综合改造。", Decimal(6), "个", "gte"),
        ("新建4所乡镇寄宿制学校食堂。", Decimal(4), "所", "gte"),
        ("遴选不少于3项重点改革事项开展试点评估。", Decimal(3), "项", "gte"),
        ("将全镇划分为42个综合治理网格。", Decimal(42), "个", "gte"),
        ("每月开展1次安全生产隐患大排查。", Decimal(1), "次", "gte"),
        ("每月至少组织1次消防应急疏散演练。", Decimal(1), "次", "gte"),
        ("存栏肉牛稳定在2.5万头左右。", Decimal("2.5"), "万头", "gte"),
        ("在60%以上的社区推行居民议事会制度。", Decimal(60), "%", "gte"),
        ("农户年收入增长8%以上的得满分。", Decimal(8), "%", "gte"),
    ],
)
def test_a_figure_is_read_before_a_long_noun_and_up_to_its_bound(text, value, unit, comparator):
    found = find_indicators(text, default_name="任务")
    assert [(i.value, i.unit, i.comparator) for i in found] == [(value, unit, comparator)]


@pytest.mark.parametrize(
    "text",
    [
        "安排216名驻企服务专员开展上门服务。",  # a count of people doing the work, not a target
        "为70岁以上老人发放高龄津贴。",  # whom the work is for
        "对65岁以上的老年人开展健康随访。",
        "召开第3次全体会议。",
        "3个月内完成整改。",
    ],
)
def test_counts_that_describe_rather_than_target_give_no_indicator(text):
    assert find_indicators(text, default_name="任务") == []


def test_a_bound_that_picks_out_what_the_next_figure_counts_is_no_target_of_its_own():
    found = find_indicators("年产值500万元以上的企业占比达到40%。", default_name="任务")
    assert [(i.value, i.unit) for i in found] == [(Decimal(40), "%")]


@pytest.mark.parametrize(
    ("text", "lead", "responsible", "persons"),
    [
        ("修缮山塘水库。（责任单位及责任人：镇水利站、周平）", [], ["镇水利站"], ["周平"]),
        ("修缮山塘水库。（牵头单位/责任人：镇水利站/周平）", ["镇水利站"], [], ["周平"]),
        ("修缮山塘水库。责任部门和责任人：各村、周平。", [], ["各村"], ["周平"]),
    ],
)
def test_two_labels_over_one_value_split_units_from_people(text, lead, responsible, persons):
    fields = extract(text, 2023).fields
    assert (fields.lead_units, fields.responsible_units, fields.persons) == (lead, responsible, persons)


def test_within_the_year_is_the_years_end():
    assert parse_schedule("年度内", 2023).deadline == D(2023, 12, 31)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("6月底前", True),
        ("2月29日前", True),  # a day only some years have is still a date, whatever year the plan is
        ("三季度", True),
        ("2026年3月", True),
        ("户", False),  # a measure in brackets, not a date
        ("平方米", False),
        ("长期坚持", False),  # goes on, no date
    ],
)
def test_a_phrase_names_a_date_without_its_year(text, named):
    assert names_date(text) is named
