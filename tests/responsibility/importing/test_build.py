"""A parsed document written as a draft plan: names matched, headings' assignments inherited, in bulk."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.importing.build import build_plan
from responsibility.importing.parse import parse
from responsibility.importing.readers import read_pasted
from responsibility.models import ItemStatus, Unit, UnitAlias

PLAN = """回兴街道2021年工作要点
一、依法行政
牵头领导：张主任
牵头单位：区司法局
（一）推进依法决策。
责任单位：各社区、综治中心
（二）加强执法监督。
责任单位：回兴街道司法所
完成时限：6月底前
二、普法宣传
（一）开展宣传活动，不少于30场次。
责任人：赵所长
"""


def built(cast, text=PLAN):
    return build_plan(parse(read_pasted(text), 2021), cast.street, 2021).plan


def entry(plan, title):
    return plan.items.get(title__startswith=title)


def test_top_headings_become_categories_and_leaves_stay_drafts(cast):
    plan = built(cast)
    assert list(plan.categories.values_list("name", flat=True)) == ["依法行政", "普法宣传"]
    decision = entry(plan, "推进依法决策")
    assert decision.category.name == "依法行政" and decision.status == ItemStatus.DRAFT and not decision.is_heading
    assert entry(plan, "依法行政").is_heading


def test_a_heading_assignments_hold_for_the_items_under_it(cast):
    decision = entry(built(cast), "推进依法决策")
    assert decision.lead_leader_post == cast.posts["leader"]  # 张主任 holds the post


def test_a_place_prefix_matches_the_unit_and_the_rest_stays_listed(cast):
    plan = built(cast)
    decision = entry(plan, "推进依法决策")
    assert decision.lead_unit is None and decision.unresolved["lead_units"] == ["区司法局"]  # 局 ≠ 所
    assert not decision.responsible_units.exists()  # 各社区 is a group until deploy
    assert decision.unresolved["responsible_units"] == ["综治中心"]
    supervision = entry(plan, "加强执法监督")
    assert list(supervision.responsible_units.all()) == [cast.justice]  # 回兴街道司法所 = 司法所
    assert supervision.deadline == datetime.date(2021, 6, 30)


def test_an_alias_is_used_by_the_next_import(cast):
    UnitAlias.objects.create(unit=cast.justice, name="区司法局")
    assert entry(built(cast), "推进依法决策").lead_unit == cast.justice


def test_people_match_by_the_holder_of_a_post(cast):
    activity = entry(built(cast), "开展宣传活动")
    assert activity.responsible_post == cast.posts["official"]
    assert [(i.name, int(i.target_value), i.unit) for i in activity.indicators.all()] == [("开展宣传活动", 30, "场次")]


def test_a_group_word_is_kept_as_a_group_until_deploy(cast):
    Unit.objects.create(parent=cast.street, name="双龙社区", kind=Unit.Kind.COMMUNITY)
    decision = entry(built(cast), "推进依法决策")
    assert decision.unit_groups == {"responsible_units": ["各社区"]}
    assert "各社区" not in str(decision.unresolved)  # a group is no unknown name
    assert not decision.responsible_units.exists()


def test_a_group_is_kept_with_its_role_beside_the_units_named_with_it(cast):
    text = "一、依法行政\n1.推进依法决策。\n牵头单位：司法所；责任单位：党政办、各社区；配合单位：区直各部门\n"
    plan = built(cast, text)
    decision = entry(plan, "推进依法决策")
    assert decision.lead_unit == cast.justice
    assert list(decision.responsible_units.all()) == [cast.office_unit]
    assert decision.unit_groups == {"responsible_units": ["各社区"], "cooperating_units": ["区直各部门"]}
    assert decision.unresolved == {}


def test_a_group_with_no_units_here_is_still_a_group_not_an_unknown_name(cast):
    plan = built(cast, "一、依法行政\n1.推进依法决策。\n责任单位：各村（社区）\n")
    decision = entry(plan, "推进依法决策")
    assert decision.unit_groups == {"responsible_units": ["各村（社区）"]} and decision.unresolved == {}


def test_a_group_written_as_lead_unit_shares_the_responsibility(cast):
    decision = entry(built(cast, "一、依法行政\n1.推进依法决策。\n牵头单位：各社区\n"), "推进依法决策")
    assert decision.lead_unit is None and decision.unit_groups == {"responsible_units": ["各社区"]}


def test_an_alias_the_office_gave_a_group_word_is_the_unit(cast):
    UnitAlias.objects.create(unit=cast.community, name="各社区")
    decision = entry(built(cast), "推进依法决策")
    assert list(decision.responsible_units.all()) == [cast.community] and decision.unit_groups == {}


@pytest.mark.parametrize("size", [10, 40])
def test_writing_takes_the_same_queries_for_any_size(cast, size):
    lines = ["某街道2021年工作要点", "一、重点工作"]
    lines += [f"{n}.第{n}项工作。\n责任单位：司法所、各社区\n完成时限：{n % 12 + 1}月底前" for n in range(1, size + 1)]
    parsed = parse(read_pasted("\n".join(lines)), 2021)
    with CaptureQueriesContext(connection) as queries:
        build_plan(parsed, cast.street, 2021)
    # Fixed cost: the plan, its category, units, aliases, posts, and one bulk insert per level and relation.
    assert len(queries) <= 16, [q["sql"][:80] for q in queries]


def test_the_district_prefix_is_an_approximate_match_worth_a_look(cast):
    bureau = Unit.objects.create(name="司法局", kind=Unit.Kind.EXTERNAL)
    parsed = parse(read_pasted("一、依法行政\n1.推进依法决策。\n配合单位：区司法局\n"), 2021)
    result = build_plan(parsed, cast.street, 2021)
    assert list(entry(result.plan, "推进依法决策").cooperating_units.all()) == [bureau]
    assert result.approximate == [("区司法局", "司法局")]
