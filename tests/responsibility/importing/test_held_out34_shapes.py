"""The shapes the thirty-fourth held-out set (d291–d298) showed the importer did not follow, in made-up
words: whom to call about a unit written in brackets after it; a unit column mixing units and persons (a
person in brackets after a unit, a post and a name alone); a plan that defines 汛前 and 汛期 itself; 元旦前."""

from __future__ import annotations

import datetime

from responsibility.importing.fields import (
    Fields,
    apply,
    apply_text_deadline,
    parse_schedule,
    plan_calendar,
    read_names,
)

D = datetime.date


def test_a_contact_in_brackets_is_no_part_of_the_units_name():
    names = read_names("市园林局（联系人：钱某 13300001234）、市水务局（联系电话：66001122）", "lead_units")
    assert names.by_role == {"lead_units": ["市园林局", "市水务局"]}


def test_a_units_own_bracket_stays_in_its_name():
    names = read_names("司法所（法律服务所）、各乡（街道）、信息中心（含分中心）", "responsible_units")
    assert names.by_role["responsible_units"] == ["司法所（法律服务所）", "各乡（街道）", "信息中心（含分中心）"]


def test_a_person_in_brackets_after_a_unit_is_that_units_person():
    names = read_names("财务股（孙某）、综合股（钱某某）", "responsible_units")
    assert names.by_role == {"persons": ["孙某", "钱某某"], "responsible_units": ["财务股", "综合股"]}


def test_a_role_mark_in_brackets_is_not_a_person():
    names = read_names("区水务局（牵头）、区财政局", "responsible_units")
    assert names.by_role == {"lead_units": ["区水务局"], "responsible_units": ["区财政局"]}


def test_a_post_and_a_name_in_a_unit_column_is_a_person():
    names = read_names("主管副主任孙某、综合股", "responsible_units")
    assert names.by_role == {"persons": ["主管副主任孙某"], "responsible_units": ["综合股"]}


def test_a_unit_named_after_a_post_stays_a_unit():
    assert read_names("主任办公室", "responsible_units").by_role == {"responsible_units": ["主任办公室"]}


def _due(text: str, preface: str) -> datetime.date | None:
    fields = Fields()
    apply_text_deadline(fields, text, 2024, plan_calendar(preface, "", "", 2024))
    return fields.deadline


def test_a_plan_that_defines_its_flood_season_dates_before_and_after_it():
    preface = "本计划所称“主汛期”为7月1日至8月31日。"
    assert _due("完成时限：汛前。", preface) == D(2024, 6, 30)
    assert _due("完成时限：主汛期结束。", preface) == D(2024, 8, 31)


def test_a_labelled_flood_deadline_takes_the_plans_day():
    fields = Fields()
    apply(fields, "deadline", "汛前", 2024)
    apply_text_deadline(fields, "完成堤防巡查。", 2024, plan_calendar("“汛期”为5月15日至9月15日", "", "", 2024))
    assert (fields.deadline, fields.deadline_text) == (D(2024, 5, 14), "汛前")


def test_without_its_definition_the_flood_season_gives_no_day():
    assert _due("完成时限：汛期结束。", "") is None
    assert _due("做好防汛前期准备。", "本计划所称“汛期”为5月1日至9月30日。") is None


def test_before_new_years_day_is_the_last_day_of_the_plans_year():
    assert parse_schedule("元旦前", 2024).deadline == D(2024, 12, 31)
    assert parse_schedule("2024年元旦前", 2023).deadline == D(2023, 12, 31)


def test_before_another_festival_stays_as_it_was():
    assert parse_schedule("七一前", 2024).deadline == D(2024, 6, 30)
