"""Wrong readings a review of the third session's merged change found on ordinary text, each mended, with its
opposite: an item's own deadline wins over the stage lines under it; quarter lines under an item that has fields
of its own (a project's title and its 牵头单位) are its stages, not items; an attachment's mark after a page
number is no running header though 附件1 and 附件2 differ only in their digits."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]
FORM_IDS = ["txt", "paste", "docx"]


# --- an item's own deadline and its stages -----------------------------------------------------------------

OWN_DEADLINE = """某县2026年重点项目推进计划
一、基础设施
1.县第二中学扩建，县教育局负责，11月底前完成。
一季度：完成设计；
三季度：完成主体。
2.县城污水处理厂提标改造，县住建局负责。
一季度：完成招标；
二季度：开工建设；
四季度：完成主体工程。"""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_an_items_own_deadline_wins_over_its_stages(read):
    plan = read(OWN_DEADLINE)
    due = {item.number: item.fields.deadline for item in leaves(plan)}
    assert due == {"1.": D(YEAR, 11, 30), "2.": D(YEAR, 12, 31)}


# --- quarter lines are stages, never items ----------------------------------------------------------------

QUARTERS_UNDER_A_TITLE = """某县2026年重点项目推进计划
一、基础设施
（一）县城污水处理厂提标改造工程
牵头单位：县住建局
第一季度：完成招标
第二季度：开工建设
第四季度：完成主体工程"""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_a_projects_quarters_under_its_title_are_its_milestones(read):
    plan = read(QUARTERS_UNDER_A_TITLE)
    (item,) = leaves(plan)
    assert item.title == "县城污水处理厂提标改造工程"
    assert item.fields.lead_units == ["县住建局"]
    assert item.fields.deadline == D(YEAR, 12, 31)


MONTHS_UNDER_A_HEADING = """某县2026年重点工作安排
一、月份工作安排
3月：召开全县重点项目推进会；
6月：开展项目建设督查。"""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_opposite_month_lines_under_a_heading_stay_items(read):
    plan = read(MONTHS_UNDER_A_HEADING)
    assert [item.fields.deadline for item in leaves(plan)] == [D(YEAR, 3, 31), D(YEAR, 6, 30)]


# --- attachments after page numbers ------------------------------------------------------------------------

ATTACHMENTS = """某区2026年重点工作安排
一、重点项目
1.推进产业园建设，区发改局负责，6月底前完成。
— 1 —
附件1
重点项目清单
1.建设标准厂房，区工信局负责，9月底前完成。
— 2 —
附件2
重点任务分工
1.优化营商环境，区政务服务局负责，10月底前完成。"""


@pytest.mark.parametrize("read", [as_txt, as_paste], ids=["txt", "paste"])
def test_attachments_after_page_numbers_open_their_parts(read):
    plan = read(ATTACHMENTS)
    assert [(root.number, root.title) for root in plan.roots] == [
        ("一、", "重点项目"),
        ("附件1", "重点项目清单"),
        ("附件2", "重点任务分工"),
    ]
    assert len(leaves(plan)) == 3


RUNNING_HEAD = """某区自然资源局　　内部资料
某区2026年自然资源工作要点
一、耕地保护
1.完成永久基本农田核查，耕保科负责，6月底前完成。
— 1 —
某区自然资源局　　内部资料
2.开展违法占地整治，执法大队负责，9月底前完成。"""


@pytest.mark.parametrize("read", [as_txt, as_paste], ids=["txt", "paste"])
def test_opposite_a_running_head_after_a_page_number_is_still_dropped(read):
    plan = read(RUNNING_HEAD)
    assert all("内部资料" not in item.title and "内部资料" not in "".join(item.content) for item in leaves(plan))
    assert len(leaves(plan)) == 2
