"""A 落款 on one line right before 附件 (a review of the sixth session's merge, points 1 and 9), in made-up words:
an organ and a month there sign the paper only where something shows it — the organ is the issuer the title names,
or no unit the items name, or its month comes no later than the items' first deadline (a whole day signs as
before); else the line is the last item's own unit and month, as such a line under any item is. And the 附件 line
right under a 落款, nothing of the attachment below it, names the attachment: no text left not understood. Each
beside the near-miss that keeps its reading (``test_signature_lines_shapes``), through the txt, paste and docx
doors."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review5_shapes import deadlines, responsible

YEAR = 2027
D = datetime.date
FORMS = list(readers(YEAR))

BRACKETED = """2027年镇集市秩序整治清单
1.清理流动摊点。（责任单位：镇城建办；完成时限：2027年5月底前）
2.疏通消防通道。（责任单位：镇应急办；完成时限：2027年8月底前）
3.整修排水明沟。疏浚明沟1200米。"""

COMMAS = """2027年镇集市秩序整治清单
1.清理流动摊点。镇城建办，2027年5月底前
2.疏通消防通道。镇应急办，2027年8月底前
3.整修排水明沟。"""

ATTACHED = "附件：排水明沟点位表"


@pytest.mark.parametrize("items", [BRACKETED, COMMAS])
@pytest.mark.parametrize("form", FORMS)
def test_a_named_unit_and_a_later_month_before_an_attachment_are_the_last_items(form, items):
    parsed = form(f"{items}\n镇城建办　　2027年11月\n{ATTACHED}")
    assert responsible(parsed)[2] == ["镇城建办"]
    assert deadlines(parsed) == [D(YEAR, 5, 31), D(YEAR, 8, 31), D(YEAR, 11, 30)]
    assert "signatory" not in parsed.headers
    assert not parsed.not_understood


@pytest.mark.parametrize(
    "signed",
    [
        "镇集市管理领导小组办公室　　2027年11月",  # an organ no item names
        "镇城建办　　2027年3月",  # a month before the first deadline
        "镇城建办　　2027年11月20日",  # a whole day
    ],
)
@pytest.mark.parametrize("form", FORMS)
def test_opposite_a_line_that_shows_a_signature_before_an_attachment_signs(form, signed):
    parsed = form(f"{BRACKETED}\n{signed}\n{ATTACHED}")
    assert responsible(parsed) == [["镇城建办"], ["镇应急办"], []]
    assert deadlines(parsed) == [D(YEAR, 5, 31), D(YEAR, 8, 31), None]
    organ, date = signed.split("　　")
    assert parsed.headers["signatory"] == organ
    assert parsed.headers["date"] == date


@pytest.mark.parametrize("form", FORMS)
def test_opposite_the_issuer_the_title_names_signs(form):
    items = BRACKETED.replace("2027年镇集市秩序整治清单", "青石镇2027年集市秩序整治清单")
    parsed = form(f"{items}\n青石镇人民政府　　2027年11月\n{ATTACHED}")
    assert parsed.headers["signatory"] == "青石镇人民政府"
    assert responsible(parsed)[2] == []


@pytest.mark.parametrize("form", FORMS)
def test_an_attachment_named_under_a_signature_is_the_papers_attachment(form):
    parsed = form(f"{BRACKETED}\n镇集市管理领导小组办公室　　2027年2月\n{ATTACHED}")
    assert parsed.headers["attachment"] == ATTACHED
    assert not parsed.not_understood


@pytest.mark.parametrize("form", FORMS)
def test_opposite_an_attachment_with_its_tasks_under_a_signature_is_read(form):
    table = "序号\t工作任务\t责任单位\t完成时限\n1\t清掏沟底淤泥\t镇村建站\t2027年4月底前"
    parsed = form(f"{BRACKETED}\n镇集市管理领导小组办公室　　2027年2月\n{ATTACHED}\n{table}")
    assert responsible(parsed)[3] == ["镇村建站"]
    assert "attachment" not in parsed.headers
