"""The shapes of the 62nd held-out set (d518, d522) the importer did not follow, in made-up words.

A notice that is the plan itself, under a 版头 that is its organ's name alone and a 文号, repeats that name on the
line over "关于…的通知": that line is the sender, not the plan's name (as at the paper's top); under a "…文件"
版头 the line is the title's first words and the name keeps them. And a duty roster or contact list written
as lines of tabs (日期 | 值班领导 | 值班人员 | 联系电话) is a table, as Word gives it, holding no task: a 值班
notice around it is no plan. A task table with a 联系人/联系电话 column stays a plan's."""

from __future__ import annotations

import pytest

from responsibility.importing.shape import check
from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = {"txt": as_txt, "paste": as_paste}

BODY = """各镇人民政府，县直各单位：
经县人民政府同意，现就做好2026年防汛物资储备工作通知如下。

一、储备任务
1.补充防汛沙袋和编织袋。各镇按照标准补足储备。
牵头单位：县水利局；配合单位：县财政局；完成时限：2026年4月30日前
2.更新排涝泵车。完成两台排涝泵车的检修更新。
责任单位：县应急管理局；完成时限：2026年5月15日前
3.建立物资台账。对全县防汛物资实行台账管理。
责任单位：县水利局；完成时限：2026年3月31日前
"""


def notice(head: list[str], title: list[str]) -> str:
    return "\n\n".join(["\n".join(head), "\n".join(title), BODY])


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_the_organs_line_repeating_a_bare_masthead_is_the_sender(form):
    plan = TEXT_FORMS[form](
        notice(
            ["青山县人民政府办公室", "", "青政办发〔2026〕9号"],
            ["青山县人民政府办公室", "关于做好2026年防汛物资储备工作的通知"],
        )
    )
    assert plan.title == "关于做好2026年防汛物资储备工作的通知"
    assert [item.title for item in leaves(plan)][:1] == ["补充防汛沙袋和编织袋"]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_under_a_file_masthead_the_organs_line_begins_the_title(form):
    # The opposite (d346): under "…文件" and its 文号 the organ's line is the title's first words.
    plan = TEXT_FORMS[form](
        notice(
            ["青山县人民政府办公室文件", "", "青政办发〔2026〕9号"],
            ["青山县人民政府办公室", "关于做好2026年防汛物资储备工作的通知"],
        )
    )
    assert plan.title == "青山县人民政府办公室关于做好2026年防汛物资储备工作的通知"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_organ_and_subject_on_one_line_stay_one_title(form):
    # The opposite: the organ written on the title's own line stays in it.
    plan = TEXT_FORMS[form](
        notice(
            ["青山县人民政府办公室", "", "青政办发〔2026〕9号"],
            ["青山县人民政府办公室关于做好2026年防汛物资储备工作的通知"],
        )
    )
    assert plan.title == "青山县人民政府办公室关于做好2026年防汛物资储备工作的通知"


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_title_on_two_lines_under_a_masthead_still_joins(form):
    # The opposite: a plan's title split over two lines is one title.
    plan = TEXT_FORMS[form](
        notice(["青山县人民政府办公室", "", "青政办发〔2026〕9号"], ["青山县2026年防汛物资储备", "工作方案"])
    )
    assert plan.title == "青山县2026年防汛物资储备工作方案"


DUTY = """石桥镇人民政府

关于做好2026年春节假期值班工作的通知

各村（社区），镇各办（所）：
现将2026年春节假期值班工作有关事项通知如下。

一、值班时间
2026年2月15日至2月21日，实行24小时值班。

二、值班安排
{table}

三、值班要求
1.严格值班纪律。值班人员要坚守岗位，不得脱岗。
2.及时报告情况。遇有突发事件，值班人员要第一时间向值班领导报告。
3.做好值班记录。值班人员要认真填写值班记录。
4.加强安全检查。各村（社区）要在节前开展一次安全检查。

石桥镇人民政府
2026年2月10日
"""

ROSTER = [
    ["日期", "值班领导", "值班人员", "联系电话"],
    ["2月15日", "李明", "王华、陈刚", "63550101"],
    ["2月16日", "张强", "刘洋、赵敏", "63550101"],
    ["2月17日", "周平", "孙丽、钱进", "63550101"],
    ["2月18日", "李明", "吴昊、郑洁", "63550101"],
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_duty_notice_around_a_tab_roster_is_no_plan(form):
    table = "\n".join("\t".join(row) for row in ROSTER)
    plan = TEXT_FORMS[form](DUTY.format(table=table))
    assert check(plan).looks_like_plan is False


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_task_table_with_a_contact_column_stays_a_plan(form):
    # The opposite: 联系人 and 联系电话 beside the tasks, their units and dates: a plan's table.
    rows = [
        ["序号", "工作任务", "责任单位", "联系人", "联系电话", "完成时限"],
        ["1", "开展节前安全生产大检查", "镇安监站", "李明", "63550101", "2026年2月10日前"],
        ["2", "做好困难群众春节走访慰问", "镇民政办", "王华", "63550102", "2026年2月12日前"],
        ["3", "组织春节文化惠民演出", "镇文化站", "张强", "63550103", "2026年2月14日前"],
        ["4", "落实节日期间市场保供稳价", "镇市场监管所", "刘洋", "63550104", "2026年2月14日前"],
        ["5", "加强烟花爆竹燃放安全管理", "镇派出所", "周平", "63550105", "2026年2月28日前"],
    ]
    table = "\n".join("\t".join(row) for row in rows)
    plan = TEXT_FORMS[form]("石桥镇2026年春节期间重点工作安排\n\n" + table)
    assert check(plan).looks_like_plan is True
    items = leaves(plan)
    assert [item.title for item in items][:1] == ["开展节前安全生产大检查"]
    assert items[0].fields.responsible_units == ["镇安监站"]
