"""The shape of the sixty-sixth held-out set (d550) the importer did not follow, in made-up words: a 目标责任书 signed
under its closing 附则 by each party named first and its seal after it ("甲方：某镇人民政府（盖章）"), each over a
person's place left blank ("负责人："). Those lines are the paper's signing block, no field of its last part, so
the 附则 stays guidance; a person named after 负责人 in a plan's last task stays that task's field."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2027
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]

BOOK = [
    "青山镇2027年森林防火目标责任书",
    "为压实森林防火责任，青山镇人民政府（以下简称甲方）与红岩村村民委员会（以下简称乙方）签订本责任书。",
    "一、责任目标",
    "1.全年不发生重大森林火灾，受害率控制在0.5‰以内。",
    "2.建成村级半专业扑火队1支，队员不少于15人。",
    "二、考核奖惩",
    "甲方于年底对乙方目标完成情况进行考核，考核结果纳入村干部年度绩效考评。",
    "三、附则",
    "本责任书自签订之日起生效，有效期一年。本责任书一式两份，甲乙双方各执一份。",
    "",
]


def titles(parsed) -> list[str]:
    return [node.title for node, _depth in parsed.walk()]


def guidance(parsed) -> list[str]:
    return [section.node.title for section in parsed.guidance]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    "block",
    [
        ["甲方：青山镇人民政府（盖章）", "负责人：", "乙方：红岩村村民委员会（盖章）", "负责人：", "2027年2月20日"],
        [
            "甲方：青山镇人民政府（盖章）　　乙方：红岩村村民委员会（盖章）",
            "法定代表人：　　法定代表人：",
            "2027年2月20日",
        ],
    ],
)
def test_a_signing_block_with_the_seal_after_the_party_closes_the_paper(form, block):
    parsed = form("\n".join([*BOOK, *block]))
    assert "附则" in guidance(parsed)
    assert "附则" not in titles(parsed)
    assert all(not node.fields.persons for node, _depth in parsed.walk())


@pytest.mark.parametrize("form", FORMS)
def test_a_last_tasks_person_stays_its_field(form):
    # The opposite: 负责人 with a name after it under a plan's last task is that task's field.
    text = "\n".join(
        [
            "青山镇2027年森林防火工作要点",
            "一、强化火源管控",
            "1.开展野外用火专项整治。",
            "责任单位：镇应急办",
            "负责人：李明",
            "2.加强重点时段巡查。",
            "责任单位：镇林业站",
            "负责人：王芳",
        ]
    )
    parsed = form(text)
    assert [item.fields.persons for item in parsed.leaves()] == [["李明"], ["王芳"]]
