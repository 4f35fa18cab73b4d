"""A plan of audits or of 巡察 ("…年度审计项目计划", "…巡察工作安排") heads its tasks with the bodies audited or
inspected: those headings give no units unless the plan says it lists duties by unit or names each heading's
leader, as headings named like places do. A plan of work with the same organs as headings still gives them (the
review of the sixth session's merge, point 2). In made-up words."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]

ORGANS = ["溪口县交通运输局", "溪口县水利局"]
AUDITS = [
    ["1.开展农村公路建设资金专项审计，2026年5月底前完成现场审计。", "2.开展负责人经济责任审计，2026年8月底前完成。"],
    ["3.开展水利工程建设项目竣工决算审计，2026年9月底前完成。", "4.开展防汛资金使用情况审计，2026年11月底前完成。"],
]
WORKS = [
    ["1.完成农村公路提质改造60公里，2026年10月底前完成。", "2.新增城乡公交线路3条，2026年8月底前开通。"],
    ["3.完成小型水库除险加固5座，2026年9月底前完成。", "4.治理水土流失面积12平方公里，2026年11月底前完成。"],
]


def headed(title: str, tasks: list[list[str]], opening: str = "现将2026年度有关安排明确如下：") -> str:
    lines = [title, opening]
    for number, organ, items in zip("一二", ORGANS, tasks, strict=True):
        lines += [f"{number}、{organ}", *items]
    return "\n".join(lines)


def units(plan) -> list[list[str]]:
    return [item.fields.responsible_units for item in leaves(plan)]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("title", ["溪口县审计局2026年度审计项目计划", "中共溪口县委巡察办2026年巡察工作安排"])
def test_the_bodies_an_audit_or_inspection_plan_heads_are_no_units(form, title):
    assert units(form(headed(title, AUDITS))) == [[]] * 4


@pytest.mark.parametrize("form", FORMS)
def test_opposite_a_plan_of_work_headed_by_organs_gives_them(form):
    plan = form(headed("溪口县2026年重点工作任务", WORKS))
    assert units(plan) == [[ORGANS[0]]] * 2 + [[ORGANS[1]]] * 2


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_campaign_of_checks_headed_by_the_departments_that_check_gives_them(form):
    text = headed("溪口县2026年安全生产大检查实施方案", WORKS)
    assert units(form(text)) == [[ORGANS[0]]] * 2 + [[ORGANS[1]]] * 2
