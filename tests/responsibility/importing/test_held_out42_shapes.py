"""The shapes the forty-second held-out set (d355–d362) showed the importer did not follow, in made-up
words, one section per cause: items numbered by the one-character bracketed numerals ㈠ ㈡ … (U+3220),
above text whose first line opens "一、二年级…"; a numbered heading whose paragraph runs its tasks in after its
name ("（一）…。一是…，X牵头，Y配合；二是…，Z负责，…前完成。")."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.shape import check
from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- ㈠ ㈡ as the numbers of items -------------------------------------------------------------------

IDEOGRAPH_NUMBERS = [
    "青石中学2025年课后服务工作方案",
    "",
    "一、工作目标",
    "　　提升课后服务质量。",
    "二、主要措施",
    "㈠丰富社团课程",
    "　　一、二年级开设游戏类社团，三至六年级开设科技类社团不少于12门。",
    "　　责任处室：教务处",
    "　　完成时间：2025年10月15日",
    "㈡做好安全护导",
    "　　落实放学护导制度。",
    "　　责任处室：安保处",
    "　　完成时间：2025年9月20日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_bracketed_ideograph_numerals_number_items(read):
    items = leaves(read("\n".join(IDEOGRAPH_NUMBERS)))
    assert [item.title for item in items] == ["丰富社团课程", "做好安全护导"]
    assert [item.fields.responsible_units for item in items] == [["教务处"], ["安保处"]]
    assert [item.fields.deadline for item in items] == [D(2025, 10, 15), D(2025, 9, 20)]


def test_a_numeral_listed_before_grades_is_no_number():
    # "一、二年级…" is a list of grades, text of its item; the opposite fact: "二、三农服务" is a heading, its
    # numeral followed by a word that names no grade.
    items = leaves(as_txt("\n".join(IDEOGRAPH_NUMBERS)))
    assert any("一、二年级开设游戏类社团" in text for text in items[0].content)
    lines = [
        "一、加强考核",
        "1.开展季度检查。（责任单位：督查科）",
        "二、三农服务",
        "1.培训农技人员。（责任单位：农业科）",
    ]
    items = leaves(as_txt("\n".join(lines)))
    assert [item.title for item in items] == ["开展季度检查", "培训农技人员"]
    assert not any("三农服务" in text for text in items[0].content)


# --- tasks run in after a numbered heading's name ---------------------------------------------------

RUN_IN_AFTER_NAME = [
    "河西区2025年全民阅读推进方案",
    "",
    "一、工作目标",
    "　　全区建成阅读空间20个。",
    "二、主要任务",
    "　　（一）完善阅读设施。一是新建城市书房6个，由区文化馆牵头，各街道配合，2025年10月底前建成；"
    "二是更新农家书屋图书2万册，区图书馆负责，11月30日前完成。",
    "　　（二）开展阅读活动。一是举办读书节，区文化馆负责，9月30日前完成；"
    "二是开展亲子共读活动不少于50场，各社区负责，12月20日前完成。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_tasks_run_in_after_a_headings_name_are_items(read):
    items = leaves(read("\n".join(RUN_IN_AFTER_NAME)))
    assert [item.title for item in items] == [
        "新建城市书房6个",
        "更新农家书屋图书2万册",
        "举办读书节",
        "开展亲子共读活动不少于50场",
    ]
    assert items[0].fields.lead_units == ["区文化馆"]
    assert items[0].fields.cooperating_units == ["各街道"]
    assert [item.fields.deadline for item in items] == [
        D(2025, 10, 31),
        D(2025, 11, 30),
        D(2025, 9, 30),
        D(2025, 12, 20),
    ]
    assert items[1].fields.responsible_units == ["区图书馆"]


def test_run_in_points_that_name_no_unit_stay_the_headings_text():
    # The opposite fact: "一是…；二是…" that name nobody are the heading's own text, not items.
    plan = as_txt(
        "\n".join(
            [
                "一、工作目标",
                "二、主要任务",
                "　　（一）完善阅读设施。一是设施更加完善；二是服务更加便捷。",
                "　　（二）开展阅读活动。组织读书节，区文化馆负责，9月30日前完成。",
            ]
        )
    )
    items = leaves(plan)
    assert [item.title for item in items] == ["完善阅读设施", "开展阅读活动"]


# --- a 整改任务 column beside a site merged down over its tasks ----------------------------------------

SITE_TASKS = [
    ["序号", "景点名称", "景区等级", "整改任务", "责任单位", "整改期限"],
    ["1", "白鹭洲公园", "国家4A级", "更换游步道护栏800米", "区园林中心", "2025年6月30日"],
    ["2", "", "", "增设无障碍卫生间2座", "区园林中心", "2025年8月31日"],
    ["3", "青龙古寺", "国家3A级", "清理殿内可燃物", "青龙镇人民政府", "2025年4月30日"],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_rectification_task_column_names_the_items_beside_a_merged_site(form):
    plan = table_readers(YEAR)[form](SITE_TASKS)
    items = leaves(plan)
    assert [item.title for item in items] == ["更换游步道护栏800米", "增设无障碍卫生间2座", "清理殿内可燃物"]
    assert [item.number for item in items] == ["1", "2", "3"]
    assert all(not root.children for root in plan.roots)
    assert [item.fields.responsible_units for item in items] == [["区园林中心"], ["区园林中心"], ["青龙镇人民政府"]]


def test_a_category_merged_down_over_its_tasks_still_heads_them():
    # The opposite fact: a 类别 merged down (no place beside it) is a heading over its rows.
    rows = [[cell for index, cell in enumerate(row) if index != 1] for row in SITE_TASKS]
    rows[0][1] = "类别"
    rows = [rows[0], ["1", "安全整改", "更换游步道护栏800米", "区园林中心", "2025年6月30日"]]
    rows += [["2", "", "增设无障碍卫生间2座", "区园林中心", "2025年8月31日"]]
    rows += [["3", "环境整治", "清理殿内可燃物", "青龙镇人民政府", "2025年4月30日"]]
    plan = table_readers(YEAR)["xlsx"](rows)
    assert [root.title for root in plan.roots] == ["安全整改", "环境整治"]


# --- a letter to families --------------------------------------------------------------------------

LETTER = [
    "致全体居民朋友的一封信",
    "——2025年冬季防火安全告知书",
    "",
    "尊敬的居民朋友：",
    "　　冬季火灾多发，现将有关事项告知如下：",
    "一、不私拉乱接电线。",
    "二、不在楼道停放电动车，12月31日前自行清理。",
    "三、不在室内存放易燃物品。",
    "四、外出时关闭燃气阀门。",
    "五、发现火情及时拨打119。",
    "",
    "白沙社区居委会",
    "2025年11月20日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_letter_to_residents_is_not_a_plan(read):
    shape = check(read("\n".join(LETTER)))
    assert not shape.looks_like_plan
    assert any("一封信或告知书" in text for text in shape.missing)


def test_a_plan_that_hands_out_a_notice_to_residents_is_a_plan():
    # The opposite fact: a plan whose task is to hand residents a 告知书 is a plan, its title a plan's.
    lines = [
        "白沙社区2025年冬季防火工作方案",
        "",
        "一、发放防火告知书，做到户户知晓。（责任单位：网格站，11月30日前）",
        *(
            f"{n}、{task}（责任单位：物业中心，12月31日前）"
            for n, task in zip("二三四五", ["清理楼道", "检查电线", "巡查车棚", "演练疏散"], strict=True)
        ),
    ]
    assert check(as_txt("\n".join(lines))).looks_like_plan


# --- an event held on a fixed day of every week ----------------------------------------------------

EVENTS = [
    ["序号", "活动名称", "活动时间", "承办单位"],
    ["1", "书法公益课", "每周三下午", "文化站"],
    ["2", "广场舞展演", "2025年6月8日", "文化站"],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_an_event_on_a_fixed_weekday_goes_on(form):
    items = leaves(table_readers(YEAR)[form](EVENTS))
    assert [(item.fields.ongoing, item.fields.deadline) for item in items] == [(True, None), (False, D(2025, 6, 8))]


def test_a_weekly_series_with_its_dates_ends_on_the_last():
    # The opposite fact: "6月1日—6月30日每周六" names its dates: due on the last one, not ongoing.
    rows = [EVENTS[0], ["1", "书法公益课", "6月1日—6月30日每周六", "文化站"], EVENTS[2]]
    item = leaves(table_readers(YEAR)["xlsx"](rows))[0]
    assert (item.fields.ongoing, item.fields.deadline) == (False, D(2025, 6, 30))


# --- a column of how many people an event is to reach ----------------------------------------------

REACH = [
    ["序号", "活动名称", "活动时间", "承办单位", "预计参与人次"],
    ["1", "书法公益课", "2025年6月1日", "文化站", "300"],
    ["2", "广场舞展演", "2025年6月8日", "文化站", "1200"],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_the_people_an_event_is_to_reach_are_its_target(form):
    items = leaves(table_readers(YEAR)[form](REACH))
    assert [[(i.value, i.unit) for i in item.indicators] for item in items] == [[(300, "人次")], [(1200, "人次")]]


def test_a_count_already_reached_is_no_target():
    # The opposite fact: "上年参与人次" tells what was, no figure to reach.
    rows = [[*REACH[0][:4], "上年参与人次"], *REACH[1:]]
    assert all(not item.indicators for item in leaves(table_readers(YEAR)["xlsx"](rows)))
