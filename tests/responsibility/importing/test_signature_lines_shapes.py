"""One decision of "is this line a 落款" (a review of the fifth session's merge, point 2), in made-up words: an organ
and a date on one line is the paper's 落款 where it stands among the closing lines — at the end, or right before 附件,
抄送 or 印发 (a plan whose attachment follows), or right after the last item's own line of units and when in a 清单 of
them — and such a line never takes the place of the units and deadline an item already has; several units beside a
whole day in the body are an item's units and deadline (a 落款 names one organ a line). Each beside the near-miss that
keeps its old reading, through the txt, paste and docx doors."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review5_shapes import deadlines, responsible

YEAR = 2025
D = datetime.date
FORMS = list(readers(YEAR))


# --- a 落款 on one line right before 附件 ------------------------------------------------------------------

POINTS = """澄江镇2025年林业工作要点
一、重点工作
1.推进国土绿化。新造林地800亩。（责任单位：镇林业站；完成时限：2025年11月底前）
2.加强森林防火。全年不发生较大森林火灾。"""


@pytest.mark.parametrize("signed", ["澄江镇人民政府　　　　2025年2月", "澄江镇人民政府　　二〇二五年二月十日"])
@pytest.mark.parametrize("form", FORMS)
def test_a_signature_on_one_line_before_an_attachment_signs_the_paper(form, signed):
    parsed = form(f"{POINTS}\n{signed}\n附件：澄江镇2025年林业重点任务清单")
    assert responsible(parsed) == [["镇林业站"], []]
    assert deadlines(parsed) == [D(YEAR, 11, 30), None]
    assert parsed.headers["signatory"] == "澄江镇人民政府"
    assert parsed.headers["date"] == signed.split()[-1]


@pytest.mark.parametrize("form", FORMS)
def test_a_signature_on_one_line_before_an_attachments_table_signs_the_paper(form):
    table = "序号\t工作任务\t责任单位\t完成时限\n1\t补植补造\t镇林业站\t2025年4月底前\n2\t巡山护林\t各村\t长期坚持"
    parsed = form(f"{POINTS}\n澄江镇人民政府　　　　2025年2月\n附件：澄江镇2025年林业重点任务清单\n{table}")
    assert responsible(parsed)[:2] == [["镇林业站"], []]
    assert deadlines(parsed)[:2] == [D(YEAR, 11, 30), None]
    assert parsed.headers["signatory"] == "澄江镇人民政府"


# A 清单 whose items each end in a line of one unit and a month.
LIST = """澄江镇2025年人居环境问题整改清单
一、问题清单
1.沟渠淤塞。
清淤疏浚沟渠。
镇农业服务中心　　2025年5月
2.乱堆乱放。
清理房前屋后杂物。
镇综合执法队　　2025年10月"""


@pytest.mark.parametrize("form", FORMS)
def test_opposite_the_last_items_own_line_before_an_attachment_stays_its_unit_and_deadline(form):
    # The opposite: no 落款; the 清单's last line, right before 附件, is its last item's, as the lines above are.
    parsed = form(f"{LIST}\n附件：澄江镇2025年人居环境整治点位表")
    assert responsible(parsed) == [["镇农业服务中心"], ["镇综合执法队"]]
    assert deadlines(parsed) == [D(YEAR, 5, 31), D(YEAR, 10, 31)]
    assert "signatory" not in parsed.headers


# --- a 落款 after the last item's own line in a 清单 of them -----------------------------------------------


@pytest.mark.parametrize("after", ["", "\n附件：澄江镇2025年人居环境整治点位表"])
@pytest.mark.parametrize("form", FORMS)
def test_a_signature_after_the_last_items_own_line_never_replaces_its_deadline(form, after):
    parsed = form(f"{LIST}\n澄江镇人居环境整治领导小组办公室　　2025年3月{after}")
    assert responsible(parsed) == [["镇农业服务中心"], ["镇综合执法队"]]
    assert deadlines(parsed) == [D(YEAR, 5, 31), D(YEAR, 10, 31)]
    assert parsed.headers["signatory"] == "澄江镇人居环境整治领导小组办公室"
    assert parsed.headers["date"] == "2025年3月"


@pytest.mark.parametrize("form", FORMS)
def test_opposite_the_last_items_own_line_at_the_end_stays_its_unit_and_deadline(form):
    # The opposite: the 清单's last line follows its item's text: the item's, as frev's rule reads it.
    parsed = form(LIST)
    assert responsible(parsed) == [["镇农业服务中心"], ["镇综合执法队"]]
    assert deadlines(parsed) == [D(YEAR, 5, 31), D(YEAR, 10, 31)]
    assert "signatory" not in parsed.headers


# --- several units and a whole day on a line in the body -----------------------------------------------------

WHOLE_DAY = """澄江镇2025年集镇管理问题整改清单
一、问题清单
1.集镇停车无序。
施划停车泊位。
镇规划建设办、镇综合执法队　　二〇二五年六月三十日
2.农贸市场脏乱。
开展市场环境整治。
镇市场监管所　　2025年9月底前"""


@pytest.mark.parametrize("form", FORMS)
def test_several_units_and_a_whole_day_under_an_item_are_its_units_and_deadline(form):
    parsed = form(WHOLE_DAY)
    assert responsible(parsed) == [["镇规划建设办", "镇综合执法队"], ["镇市场监管所"]]
    assert deadlines(parsed) == [D(YEAR, 6, 30), D(YEAR, 9, 30)]
    assert "signatory" not in parsed.headers


@pytest.mark.parametrize(
    "line",
    ["镇规划建设办　　二〇二五年六月三十日", "镇规划建设办、镇综合执法队　　2025年6月30日印发"],
)
def test_opposite_one_organ_and_a_whole_day_or_a_day_sent_out_give_no_units_and_when(line):
    # The opposite: one organ beside a whole day signs (a notice's own 落款, wherever it stands); units beside
    # the day a paper was sent out name no deadline.
    assert fields.units_then_when(line) == ""


def test_several_units_and_a_whole_day_give_units_and_when():
    line = "镇规划建设办、镇综合执法队　　二〇二五年六月三十日"
    assert fields.units_then_when(line) == line.replace("　　", "，")


@pytest.mark.parametrize("form", FORMS)
def test_opposite_a_unit_and_a_month_before_an_attachment_named_inside_the_list_stay_the_items(form):
    # The opposite: "附件：…" names a form of the task, and the body's numbers go on below it: the paper has not
    # ended, so the line above is the item's unit and month, no 落款.
    text = POINTS.replace("（责任单位：镇林业站；完成时限：2025年11月底前）", "")
    parsed = form(f"{text.split(chr(10) + '2.')[0]}\n镇林业站　　2025年11月\n附件：造林验收表\n2.加强森林防火。")
    assert responsible(parsed)[0] == ["镇林业站"]
    assert deadlines(parsed)[0] == D(YEAR, 11, 30)
    assert "signatory" not in parsed.headers
