"""The shapes the 52nd held-out set (d435–d442, typical documents) showed the importer did not follow, in
made-up words: a 职责分工 item that opens with its unit and a colon where the unit's name keeps a bracket of
its own ("各村（社区）：负责…")."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a unit with a bracket of its own before the colon: "（四）各村（社区）：负责…" -----------------------


def duties(last: str) -> str:
    return "\n".join(
        [
            "青石镇2024年森林防火工作方案",
            "一、工作目标",
            "坚决防范森林火灾发生，确保不发生重大森林火灾。",
            "二、职责分工",
            "（一）党政办：负责防火期值班值守，做好信息报送工作。",
            "（二）林业站：负责林区巡护和火险监测，指导各村落实防火措施。",
            "（三）派出所：负责查处野外违规用火行为。",
            last,
        ]
    )


@pytest.mark.parametrize("read", TEXT_FORMS)
@pytest.mark.parametrize("unit", ["各村（社区）", "各村(社区)", "镇卫生院（疾控站）"])
def test_a_unit_whose_name_keeps_its_own_bracket_before_the_colon_is_responsible(read, unit):
    items = leaves(read(duties(f"（四）{unit}：负责本辖区巡山护林，落实重点时段防火值守。")))
    assert items[3].title == "负责本辖区巡山护林，落实重点时段防火值守"
    assert [item.fields.responsible_units for item in items] == [["党政办"], ["林业站"], ["派出所"], [unit]]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_bracket_after_words_that_name_no_unit_before_the_colon_stays_in_the_title(read):
    # The opposite fact: "防火期（3—5月）：" is a season with its months, no unit; the item keeps it and has none.
    items = leaves(read(duties("（四）防火期（3—5月）：负责的各单位实行24小时值班。")))
    assert items[3].title.startswith("防火期（3—5月）")
    assert items[3].fields.responsible_units == []
