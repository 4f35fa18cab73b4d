"""考核分组: units ranked in groups, each with its own quota (of its own units) and, if set, its own bands.

The year, by hand. Every unit carries one item of 10 points due at the year's end, reported at its
total's percent: 12 points × p % rescaled to the full 100 is p. The scheme: 优秀 ≥ 90, 良好 ≥ 80,
合格 ≥ 60, 不合格 ≥ 0, 优秀 for at most 50 %.

- 社区 (every community; first in order): quota 34 %, its own bands 好 ≥ 85, 中 ≥ 70, 差 ≥ 0.
  甲社区 95, 乙社区 88, 丙社区 60; one 好 of 3 (3 × 34 % = 1.02): 甲 好 1st, 乙 中 2nd (by the quota),
  丙 差 3rd. 甲社区 is also named in 科室, which comes second: it stays in 社区.
- 科室 (named: 一科, 二科, 三科, 四科, 甲社区): no quota or bands of its own, so the scheme's: 2 优秀 of 4.
  一科 96 but vetoed (定为最低等次): 不合格 and last, 4th; 二科 93 优秀 1st, 三科 91 优秀 2nd, 四科 70 合格 3rd.
- 五科 94, in no group: ranked alone under the scheme's bands and quota, 50 % of 1 unit is none: 良好 by
  the quota, 1st.

Without groups the eight rank together: 4 优秀 of 8 (甲社区, 五科, 二科, 三科), 乙社区 良好, 四科 and 丙社区
合格, 一科 不合格 last.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import annual_report
from assessment.compute import compute, publish
from assessment.explain import explain_unit, rank_text
from assessment.models import (
    EventRule,
    GradeBand,
    PersonResult,
    RewardProposal,
    RewardRule,
    Scheme,
    SchemeGroup,
    UnitResult,
)
from assessment.scheme_xlsx import export_scheme
from responsibility.models import Unit
from tests.assessment.pages import aurl, browsers_for, form_data
from tests.assessment.scenario import event, item_for, report, rule, scheme_for, unit_with_official
from tests.browser import field_errors, messages, plain_text, text

D = Decimal
YEAR_END = datetime.date(2020, 12, 31)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COMMUNITY, DEPARTMENT = Unit.Kind.COMMUNITY, Unit.Kind.DEPARTMENT
TOTALS = [
    ("甲社区", COMMUNITY, 95),
    ("乙社区", COMMUNITY, 88),
    ("丙社区", COMMUNITY, 60),
    ("一科", DEPARTMENT, 96),
    ("二科", DEPARTMENT, 93),
    ("三科", DEPARTMENT, 91),
    ("四科", DEPARTMENT, 70),
    ("五科", DEPARTMENT, 94),
]
GROUPED = {
    "甲社区": ("社区", "好", 1, False),
    "乙社区": ("社区", "中", 2, True),
    "丙社区": ("社区", "差", 3, False),
    "二科": ("科室", "优秀", 1, False),
    "三科": ("科室", "优秀", 2, False),
    "四科": ("科室", "合格", 3, False),
    "一科": ("科室", "不合格", 4, False),
    "五科": ("", "良好", 1, True),
}
TOGETHER = {
    "甲社区": ("优秀", 1),
    "五科": ("优秀", 2),
    "二科": ("优秀", 3),
    "三科": ("优秀", 4),
    "乙社区": ("良好", 5),
    "四科": ("合格", 6),
    "丙社区": ("合格", 7),
    "一科": ("不合格", 8),
}


def add_unit(cast, scheme, name: str, kind: str, total: int, order: int) -> Unit:
    unit, post = unit_with_official(cast, name, order)
    Unit.objects.filter(pk=unit.pk).update(kind=kind)
    item = item_for(cast, unit, post, points=D(10), title=f"{name}的事项", deadline=YEAR_END)
    report(item, total, datetime.date(2020, 5, 1), cast.official)
    return unit


def build_units(cast, scheme) -> dict[str, Unit]:
    units = {name: add_unit(cast, scheme, name, kind, total, 20 + n) for n, (name, kind, total) in enumerate(TOTALS)}
    fail = rule(scheme, EventRule.Kind.VETO, "重大安全事故", veto=EventRule.Veto.FAIL)
    event(scheme, fail, datetime.date(2020, 3, 1), cast.assessor, unit=units["一科"])
    return units


def add_groups(scheme, units: dict[str, Unit]) -> tuple[SchemeGroup, SchemeGroup]:
    communities = SchemeGroup.objects.create(
        scheme=scheme, name="社区", unit_kind=COMMUNITY, excellent_quota=34, order=1
    )
    for name, low in (("好", 85), ("中", 70), ("差", 0)):
        GradeBand.objects.create(scheme=scheme, group=communities, name=name, min_score=D(low))
    offices = SchemeGroup.objects.create(scheme=scheme, name="科室", applies_to=SchemeGroup.AppliesTo.NAMED, order=2)
    offices.units.set([units[name] for name in ("一科", "二科", "三科", "四科", "甲社区")])
    return communities, offices


@pytest.fixture
def units(cast):
    scheme = scheme_for(cast, excellent_quota=50)
    return build_units(cast, scheme)


@pytest.fixture
def scheme(cast, units):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    add_groups(scheme, units)
    return scheme


@pytest.fixture
def draft(scheme):
    return compute(scheme, as_of=YEAR_END)


@pytest.fixture
def browsers(cast):
    return browsers_for(cast)


def standings(assessment) -> dict[str, tuple]:
    rows = UnitResult.objects.filter(assessment=assessment).select_related("unit")
    return {r.unit.name: (r.group, r.grade, r.rank, r.quota_limited) for r in rows}


# --- the computation ----------------------------------------------------------------------------------------


def test_each_group_is_graded_by_its_own_quota_and_bands_and_ranked_within_itself(draft):
    assert standings(draft) == GROUPED


def test_the_order_within_a_group_puts_the_vetoed_unit_last(draft):
    rows = UnitResult.objects.filter(assessment=draft, group="科室").order_by("order")
    assert [(r.unit.name, r.rank, r.order, r.veto) for r in rows] == [
        ("二科", 1, 1, ""),
        ("三科", 2, 2, ""),
        ("四科", 3, 3, ""),
        ("一科", 4, 4, "fail"),
    ]


def test_without_groups_every_unit_ranks_together_as_before(cast, units):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    assessment = compute(scheme, as_of=YEAR_END)
    rows = UnitResult.objects.filter(assessment=assessment).select_related("unit")
    assert {r.unit.name: (r.grade, r.rank) for r in rows} == TOGETHER
    assert {r.group for r in rows} == {""}


def test_groups_that_take_no_unit_or_every_unit_with_the_schemes_rules_change_nothing(cast, units):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    fields = ("unit_id", "total", "grade", "rank", "order", "quota_limited")
    before = sorted(UnitResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END)).values_list(*fields))
    SchemeGroup.objects.create(scheme=scheme, name="区直部门", unit_kind=Unit.Kind.EXTERNAL)
    nobody = UnitResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END))
    assert sorted(nobody.values_list(*fields)) == before and set(nobody.values_list("group", flat=True)) == {""}
    everyone = SchemeGroup.objects.create(scheme=scheme, name="全体", applies_to="named")
    everyone.units.set(units.values())
    together = UnitResult.objects.filter(assessment=compute(scheme, as_of=YEAR_END))
    assert sorted(together.values_list(*fields)) == before and set(together.values_list("group", flat=True)) == {"全体"}


def test_the_quota_counts_the_groups_own_units(cast, scheme, units):
    """社区's 34 % of its 3 units is one 好 (of all 8 units it would be two); the lone ungrouped unit gets none."""
    SchemeGroup.objects.filter(scheme=scheme, name="社区").update(excellent_quota=67)  # 3 × 67 % = 2.01: two
    rows = standings(compute(scheme, as_of=YEAR_END))
    assert rows["乙社区"] == ("社区", "好", 2, False)
    assert rows["五科"] == ("", "良好", 1, True)


def test_people_are_not_grouped(draft):
    assert set(PersonResult.objects.filter(assessment=draft).values_list("group", flat=True)) == {""}


def test_the_version_keeps_its_groups_rules_and_its_explanation_reads_them(scheme, draft):
    assert draft.rules["groups"] == [
        ["社区", 34, [["好", "85.00"], ["中", "70.00"], ["差", "0.00"]]],
        ["科室", None, []],
    ]
    SchemeGroup.objects.filter(scheme=scheme, name="社区").update(excellent_quota=100)
    GradeBand.objects.filter(scheme=scheme, group__name="社区").delete()
    result = UnitResult.objects.get(assessment=draft, unit__name="乙社区")
    lines = [line.text for line in explain_unit(draft, result).grade]
    assert lines == ["“社区”组好名额 34%（共 1 个），排第2，评为中", "在“社区”组 3 个单位中排名第2"]


# --- explanations ----------------------------------------------------------------------------------------------


def test_the_rank_sentence_names_the_group_or_says_there_is_none():
    assert rank_text(2, 3, "社区", grouped=True) == "在“社区”组 3 个单位中排名第2"
    assert rank_text(1, 1, "", grouped=True) == "在未分组的 1 个单位中排名第1"
    assert rank_text(5, 8, "", grouped=False) == "排名第5（共 8 个）"


def test_the_breakdown_says_where_a_unit_ranked_among_whom(cast, units, draft, browsers):
    office = browsers["office"]
    page = plain_text(office.get(aurl("unit_result", draft.pk, units["三科"].pk)))
    assert "在“科室”组 4 个单位中排名第2" in page and "考核分组科室" in page
    page = plain_text(office.get(aurl("unit_result", draft.pk, units["五科"].pk)))
    assert "在未分组的 1 个单位中排名第1" in page
    assert "优秀名额 50%（共 0 个），排第1，评为良好" in page


def test_without_groups_the_breakdown_ranks_among_everyone(cast, units):
    assessment = compute(Scheme.objects.get(organisation=cast.street, year=2020), as_of=YEAR_END)
    result = UnitResult.objects.get(assessment=assessment, unit=units["五科"])
    lines = [line.text for line in explain_unit(assessment, result).grade]
    assert lines == ["总分 94.0，评为优秀（90 分及以上）", "排名第2（共 8 个）"]


# --- the ranking page and the export -----------------------------------------------------------------------------


def ranking_sections(page) -> list[str]:
    """Each group's heading and table, as read on screen."""
    html = text(page)
    return [plain_text_of(chunk) for chunk in html.split('<h2 class="group-heading">')[1:]]


def plain_text_of(fragment: str) -> str:
    import re
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_the_ranking_shows_one_table_per_group_with_its_count_quota_and_bands(draft, browsers):
    page = browsers["committee"].get(aurl("result", draft.pk))
    communities, offices, rest = ranking_sections(page)
    assert communities.startswith(
        "社区 3 个单位 优秀比例上限34%（本组好名额 1 个） 等次好（85 分及以上）、中（70 分及以上）、差"
    )
    # Each row: rank, unit, items, base, bonus, deduction, the 分类小计 (one per category, 另列), total, grade.
    assert "1 甲社区 1 95.00 0.00 0.00 11.40 — 83.60 95.00 好" in communities
    assert "2 乙社区 1 88.00 0.00 0.00 10.56 — 77.44 88.00 中 受优秀比例限制" in communities
    assert offices.startswith(
        "科室 4 个单位 优秀比例上限50%（本组优秀名额 2 个） （本组未设，按细则的优秀比例） "
        "等次优秀（90 分及以上）、良好（80 分及以上）、合格（60 分及以上）、不合格 （细则通用等次）"
    )
    assert re.search(r"4 一科 1 96\.00 0\.00 0\.00 \S+ \S+ \S+ 96\.00 不合格 一票否决", offices), offices
    assert rest.startswith("未分组单位 1 个单位 优秀比例上限50%（本组优秀名额 0 个） （按细则的优秀比例）")
    assert 'id="ranking-1"' in text(page) and 'id="ranking"' not in text(page)


def test_without_groups_the_ranking_is_one_table_as_before(cast, units, browsers):
    assessment = compute(Scheme.objects.get(organisation=cast.street, year=2020), as_of=YEAR_END)
    page = browsers["committee"].get(aurl("result", assessment.pk))
    assert 'id="ranking"' in text(page) and "group-heading" not in text(page)


def test_an_official_before_publishing_sees_his_units_row_under_its_groups_full_count(cast, units, draft):
    from tests.browser import Browser

    holder = units["乙社区"].posts.get().holder
    page = Browser(holder).get(aurl("result", draft.pk))
    (communities,) = ranking_sections(page)
    assert communities.startswith("社区 3 个单位") and "乙社区" in communities and "甲社区" not in communities


def count_queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_ranking_and_export_cost_the_same_queries_for_more_groups_and_units(cast, scheme, browsers):
    office = browsers["office"].client
    first = compute(scheme, as_of=YEAR_END)
    few = (count_queries(office, aurl("result", first.pk)), count_queries(office, aurl("export", first.pk)))
    external = SchemeGroup.objects.create(scheme=scheme, name="区直", unit_kind=Unit.Kind.EXTERNAL, order=3)
    GradeBand.objects.create(scheme=scheme, group=external, name="A", min_score=D(0))
    for n in range(4):
        add_unit(cast, scheme, f"区直{n}", Unit.Kind.EXTERNAL, 50 + n, 40 + n)
        add_unit(cast, scheme, f"丁{n}社区", COMMUNITY, 60 + n, 50 + n)
    more = compute(scheme, as_of=YEAR_END)
    assert UnitResult.objects.filter(assessment=more, group="区直").count() == 4
    assert (count_queries(office, aurl("result", more.pk)), count_queries(office, aurl("export", more.pk))) == few


def test_the_export_names_each_units_group_beside_its_rank(draft, browsers):
    response = browsers["committee"].get(aurl("export", draft.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["单位排名"]
    assert sheet.cell(2, 1).value == "考核分组"
    rows = [r[:4] for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows == [
        ("社区", 1, 1, "甲社区"),
        ("社区", 2, 2, "乙社区"),
        ("社区", 3, 3, "丙社区"),
        ("科室", 1, 1, "二科"),
        ("科室", 2, 2, "三科"),
        ("科室", 3, 3, "四科"),
        ("科室", 4, 4, "一科"),
        ("未分组", 1, 1, "五科"),
    ]
    breakdown = [
        r[4]
        for r in openpyxl.load_workbook(io.BytesIO(response.content))["得分明细"].iter_rows(min_row=3, values_only=True)
    ]
    assert "在“社区”组 3 个单位中排名第2" in breakdown


def test_the_export_without_groups_keeps_its_columns(cast, units, browsers):
    assessment = compute(Scheme.objects.get(organisation=cast.street, year=2020), as_of=YEAR_END)
    response = browsers["committee"].get(aurl("export", assessment.pk))
    assert openpyxl.load_workbook(io.BytesIO(response.content))["单位排名"].cell(2, 1).value == "名次"


def test_the_units_ledger_says_the_rank_is_within_its_group(cast, units, draft, browsers):
    publish(draft, user=cast.committee)
    page = plain_text(browsers["office"].get(aurl("unit_record", units["乙社区"].pk)))
    assert "“社区”组内" in page


def test_the_annual_report_counts_each_groups_grades(cast, draft):
    report = annual_report.draft(cast.plan, draft)
    assert report.grades[:3] == [("优秀", 2), ("良好", 1), ("合格", 1)]
    assert ("好", 1) in report.grades and ("差", 1) in report.grades
    paragraph = annual_report.results_paragraph(report)
    assert "参评单位8个" in paragraph
    assert (
        "分组考核：“社区”组3个（好1个、中1个、差1个），“科室”组4个（优秀2个、合格1个、不合格1个），"
        "未分组单位1个（良好1个）" in paragraph
    )


def test_the_annual_report_without_groups_has_no_group_sentence(cast, units):
    assessment = compute(Scheme.objects.get(organisation=cast.street, year=2020), as_of=YEAR_END)
    paragraph = annual_report.results_paragraph(annual_report.draft(cast.plan, assessment))
    assert "参评单位8个，其中优秀4个、良好1个、合格2个、不合格1个" in paragraph and "分组" not in paragraph


def test_rewards_are_proposed_from_each_groups_grades(cast, scheme, draft, units):
    RewardRule.objects.create(scheme=scheme, grade="好", action=RewardRule.Action.COMMENDATION)
    RewardRule.objects.create(scheme=scheme, grade="优秀", action=RewardRule.Action.COMMENDATION)
    publish(draft, user=cast.committee)
    proposed = {p.unit.name for p in RewardProposal.objects.filter(assessment=draft)}
    assert proposed == {"甲社区", "二科", "三科"}


def test_score_year_gives_each_units_group_and_its_rank_within_it(cast, scheme, units):
    out = StringIO()
    call_command("score_year", "--org", "回兴街道", "--year", "2020", "--json", "--as-of", "2020-12-31", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["groups"] == ["社区", "科室"]
    rows = [(u["unit"], u["group"], u["rank"], u["grade"], u["total"]) for u in summary["units"]]
    assert rows[:2] == [("甲社区", "社区", 1, "好", 95.0), ("乙社区", "社区", 2, "中", 88.0)]
    assert rows[-1] == ("五科", "", 1, "良好", 94.0)
    printed = StringIO()
    call_command("score_year", "--org", "回兴街道", "--year", "2020", stdout=printed)
    lines = printed.getvalue().splitlines()
    assert lines[1] == "【社区】" and "【科室】" in lines and "【未分组】" in lines


# --- the scheme page ------------------------------------------------------------------------------------------------


def test_the_office_sets_groups_and_a_groups_bands_on_the_scheme_page(cast, units, browsers):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update(
        {
            "groups-0-name": "社区",
            "groups-0-applies_to": "kind",
            "groups-0-unit_kind": "community",
            "groups-0-excellent_quota": "34",
            "groups-0-order": "1",
            "groups-1-name": "科室",
            "groups-1-applies_to": "named",
            "groups-1-units": [str(units[name].pk) for name in ("一科", "二科", "三科", "四科", "甲社区")],
            "groups-1-order": "2",
        }
    )
    page = office.submit(aurl("scheme", scheme.pk), data, follow=True)
    assert any("已保存" in m for m in messages(page)), plain_text(page)[:3000]
    communities = scheme.groups.get(name="社区")
    assert (communities.applies_to, communities.unit_kind, communities.excellent_quota) == ("kind", "community", 34)
    offices = scheme.groups.get(name="科室")
    assert (offices.excellent_quota, {u.name for u in offices.units.all()}) == (
        None,
        {"一科", "二科", "三科", "四科", "甲社区"},
    )

    data = form_data(office.get(aurl("scheme", scheme.pk)))
    first_new = int(data["grades-TOTAL_FORMS"]) - 2
    for n, (name, low) in enumerate((("好", 85), ("中", 70), ("差", 0))):
        row = first_new + n
        if n == 2:
            data["grades-TOTAL_FORMS"] = str(row + 1)
        data.update(
            {
                f"grades-{row}-name": name,
                f"grades-{row}-min_score": str(low),
                f"grades-{row}-group": str(communities.pk),
            }
        )
    page = office.submit(aurl("scheme", scheme.pk), data, follow=True)
    assert any("已保存" in m for m in messages(page)), plain_text(page)[:3000]
    assert sorted(communities.grade_bands.values_list("name", flat=True)) == ["中", "好", "差"]
    assert standings(compute(scheme, as_of=YEAR_END)) == GROUPED


def test_a_group_without_its_units_and_a_repeated_name_are_refused_in_chinese(cast, units, browsers):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    data.update(
        {
            "groups-0-name": "社区",
            "groups-0-applies_to": "kind",
            "groups-0-unit_kind": "",
            "groups-1-name": "社区",
            "groups-1-applies_to": "named",
        }
    )
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "groups-0-unit_kind") == ["按单位类型分组时，请选择单位类型。"]
    assert field_errors(page, "groups-1-units") == ["按指定单位分组时，请至少选择一个单位。"]
    data.update({"groups-0-unit_kind": "community", "groups-1-units": [str(units["一科"].pk)]})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "groups-1-name") == ["分组“社区”重复。"]
    assert not scheme.groups.exists()


def test_a_group_names_only_units_of_the_schemes_organisation(cast, units, browsers):
    scheme = Scheme.objects.get(organisation=cast.street, year=2020)
    elsewhere = Unit.objects.create(name="外街道", kind=Unit.Kind.ORGANISATION)
    stranger = Unit.objects.create(name="外街道司法所", parent=elsewhere)
    office = browsers["office"]
    page = office.get(aurl("scheme", scheme.pk))
    offered = text(page).split('name="groups-0-units"')[1].split("</select>")[0]
    assert f'value="{units["一科"].pk}"' in offered and f'value="{stranger.pk}"' not in offered
    data = form_data(page)
    data.update({"groups-0-name": "外", "groups-0-applies_to": "named", "groups-0-units": [str(stranger.pk)]})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "groups-0-units") and not scheme.groups.exists()


def test_a_band_kept_for_a_group_deleted_with_it_is_refused(cast, scheme, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    communities = scheme.groups.get(name="社区")
    row = next(k.split("-")[1] for k, v in data.items() if k.endswith("-group") and v == str(communities.pk))
    data.update({"groups-0-DELETE": "on", f"grades-{row}-min_score": "86"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, f"grades-{row}-group") == ["该分组将被删除，请另选分组或一并删除本行。"]
    assert scheme.groups.filter(name="社区").exists()


def test_a_groups_band_may_repeat_a_common_name_but_not_its_own(cast, scheme, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    communities = scheme.groups.get(name="社区")
    rows = int(data["grades-TOTAL_FORMS"])
    blank = {key: value for key, value in data.items() if key.startswith(f"grades-{rows - 1}-")}
    data.update(
        {
            f"grades-{rows - 2}-name": "优秀",
            f"grades-{rows - 2}-min_score": "95",
            f"grades-{rows - 2}-group": str(communities.pk),
        }
    )
    data.update(
        {
            f"grades-{rows - 1}-name": "好",
            f"grades-{rows - 1}-min_score": "80",
            f"grades-{rows - 1}-group": str(communities.pk),
        }
    )
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, f"grades-{rows - 1}-name") == ["分组“社区”的等次“好”重复。"]
    data.update(blank)  # the empty row as it was offered
    page = office.submit(aurl("scheme", scheme.pk), data, follow=True)
    assert any("已保存" in m for m in messages(page)), plain_text(page)[:3000]
    assert communities.grade_bands.filter(name="优秀").exists()


def test_the_scheme_read_by_an_insider_lists_the_groups_and_each_bands_group(cast, scheme, browsers):
    page = plain_text(browsers["official"].get(aurl("scheme", scheme.pk)))
    assert "社区 全部社区 34%" in page and "科室 甲社区、一科、二科、三科、四科 50%（按细则）" in page
    assert "好85社区" in page and "优秀90各组通用" in page


# --- the workbook -------------------------------------------------------------------------------------------------


def upload(browser, scheme, data: bytes):
    file = SimpleUploadedFile("考核细则.xlsx", data, content_type=XLSX)
    return browser.submit(aurl("scheme_import", scheme.pk), {"file": file}, follow=True)


def groups_of(scheme) -> dict:
    groups = [
        (g.name, g.applies_to, g.unit_kind, sorted(u.name for u in g.units.all()), g.excellent_quota, g.order)
        for g in SchemeGroup.objects.filter(scheme=scheme).order_by("order")
    ]
    bands = sorted(
        (b.group.name if b.group else "", b.name, b.min_score)
        for b in GradeBand.objects.filter(scheme=scheme).select_related("group")
    )
    return {"groups": groups, "bands": bands}


def test_the_workbook_carries_the_groups_and_their_bands_both_ways(cast, scheme, browsers):
    before = groups_of(scheme)
    data = export_scheme(scheme)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [r for r in book["考核分组"].iter_rows(values_only=True)] == [
        ("分组", "单位类型", "指定单位", "优秀比例上限（%）"),
        ("社区", "社区", None, 34),
        ("科室", None, "甲社区、一科、二科、三科、四科", None),
    ]
    assert ("好", 85, "社区") in [r for r in book["等次"].iter_rows(values_only=True)]
    page = upload(browsers["office"], scheme, data)
    assert any("已导入" in m and "考核分组 2 个" in m for m in messages(page)), plain_text(page)[:2000]
    assert groups_of(scheme) == before

    copy = Scheme.objects.create(organisation=cast.street, year=2021, title="空")
    page = upload(browsers["office"], copy, data)
    assert any("已导入" in m for m in messages(page)), plain_text(page)[:2000]
    assert groups_of(copy) == before


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


RULES = {
    "考核细则": [["类别", "类别分值"], ["依法全面履行政府职能", 12], ["其他工作", 88]],
}


def problems(page) -> list[tuple[str, str, str]]:
    import re

    table = re.search(r'<table class="list problems">.*?<tbody>(.*?)</tbody>', text(page), re.S)
    assert table, "no problems on the page"
    return [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    ]


def test_bad_group_cells_are_reported_by_sheet_and_row_and_nothing_is_saved(cast, scheme, browsers):
    before = groups_of(scheme)
    bad = {
        **RULES,
        "考核分组": [
            ["分组", "单位类型", "指定单位", "优秀比例上限（%）"],
            ["社区", "社区", "", 30],
            ["科室", "", "", ""],
            ["社区", "内设机构", "", ""],
            ["外", "", "外街道司法所", ""],
            ["区直", "区直部门", "", "120"],
            ["乡", "乡镇", "", ""],
        ],
        "等次": [
            ["等次", "最低分", "分组"],
            ["优秀", 90, ""],
            ["好", 85, "社区"],
            ["好", 80, "社区"],
            ["甲", 0, "无此组"],
        ],
    }
    page = upload(browsers["office"], scheme, workbook(bad))
    found = problems(page)
    assert ("考核分组", "3", "“单位类型”和“指定单位”须填且只填一项。") in found
    assert ("考核分组", "4", "分组“社区”重复。") in found
    assert ("考核分组", "5", "“指定单位”中的“外街道司法所”不是本单位的单位。") in found
    assert any(s == "考核分组" and r == "6" and "应为 0 至 100 之间的整数" in m for s, r, m in found)
    assert any(s == "考核分组" and r == "7" and "“单位类型”应为" in m for s, r, m in found)
    assert ("等次", "4", "分组“社区”的等次“好”重复。") in found
    assert ("等次", "5", "“考核分组”表中没有分组“无此组”。") in found
    assert groups_of(scheme) == before


def test_an_older_workbook_without_groups_keeps_the_groups_and_their_bands(cast, scheme, browsers):
    before = groups_of(scheme)
    old = {**RULES, "等次": [["等次", "最低分"], ["优秀", 92], ["合格", 60], ["不合格", 0]]}
    page = upload(browsers["office"], scheme, workbook(old))
    assert any("已导入" in m and "考核分组" not in m for m in messages(page)), plain_text(page)[:2000]
    after = groups_of(scheme)
    assert after["groups"] == before["groups"]
    assert [b for b in after["bands"] if b[0]] == [b for b in before["bands"] if b[0]]
    common = sorted([("", "优秀", D(92)), ("", "合格", D(60)), ("", "不合格", D(0))])
    assert [b for b in after["bands"] if not b[0]] == common


def test_a_workbook_with_an_empty_group_sheet_removes_the_groups(cast, scheme, browsers):
    emptied = {**RULES, "考核分组": [["分组", "单位类型", "指定单位", "优秀比例上限（%）"]]}
    upload(browsers["office"], scheme, workbook(emptied))
    assert not scheme.groups.exists() and not GradeBand.objects.filter(scheme=scheme, group__isnull=False).exists()


def test_the_committees_workspace_names_the_group_of_each_rank(cast, draft, browsers):
    from tests.workspace.page import table_rows

    rows = table_rows(browsers["committee"].get("/"), "committee-ranking")
    assert [row[:2] for row in rows[:3]] == [["1 （社区组）", "甲社区"], ["1 （科室组）", "二科"], ["1", "五科"]]


def test_two_groups_swapping_names_in_one_save_are_told_to_save_one_first(cast, scheme, browsers):
    office = browsers["office"]
    data = form_data(office.get(aurl("scheme", scheme.pk)))
    assert (data["groups-0-name"], data["groups-1-name"]) == ("社区", "科室")
    data.update({"groups-0-name": "科室", "groups-1-name": "社区"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "groups-0-name") == ["“科室”是另一行原来的名称：请先保存那一行的修改，再改用这个名称。"]
    data.update({"groups-1-name": "街道科室"})
    page = office.submit(aurl("scheme", scheme.pk), data)
    assert field_errors(page, "groups-0-name") == ["“科室”是另一行原来的名称：请先保存那一行的修改，再改用这个名称。"]
    assert list(scheme.groups.values_list("name", flat=True)) == ["社区", "科室"]
