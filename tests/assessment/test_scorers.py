"""考核评分: the scoring page for entered numbers (按完成比例得分, 按次扣分) beside 考核组评定, and the
评分责任单位 who see and score only the indicators their unit scores."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from assessment.compute import compute
from assessment.explain import indicator_rule
from assessment.models import AssessedResult, IndicatorScore, Scheme, SchemeCategory, SchemeIndicator
from responsibility.models import Assignment, Post, Unit
from tests.assessment.pages import aurl, form_data, query_count
from tests.assessment.scenario import finish, item_for, scheme_for, split, unit_with_official
from tests.browser import Browser, _clean, messages, plain_text
from tests.cast import person
from tests.workspace.page import block, block_text

Method, Source = SchemeIndicator.Method, SchemeIndicator.Source
Role = Assignment.Role


def scorer_unit(cast, name: str, username: str, order: int) -> tuple[Unit, object]:
    """A department that scores indicators, with one member holding an ordinary post in it."""
    unit = Unit.objects.create(name=name, parent=cast.street, order=order)
    member = person(username, f"{name}干事")
    Post.objects.create(unit=unit, title="干事", role=Post.Role.OFFICIAL, holder=member)
    return unit, member


@pytest.fixture
def scene(cast):
    """Two units doing the plan; in its category (12 points) four indicators scored on the page:
    工作质量 (考核组评定, 2 points, the office's), 信息报送 (ratio, 3 points, target 10, 党建办's),
    走访次数 (per count, 2 points, −0.5 each, 党建办's), 安全生产 (考核组评定, 1 point, 城管科's)."""
    scheme = scheme_for(cast)
    own = SchemeCategory.objects.get(scheme=scheme, name=cast.category.name)
    party, scorer = scorer_unit(cast, "党建办", "scorer", 30)
    city, scorer2 = scorer_unit(cast, "城管科", "scorer2", 31)

    def indicator(name, points, order, **kwargs):
        return SchemeIndicator.objects.create(category=own, name=name, points=D(points), order=order, **kwargs)

    indicators = {
        "quality": indicator("工作质量", 2, 1, method=Method.ASSESSED),
        "reports": indicator("信息报送", 3, 2, method=Method.RATIO, source=Source.ENTERED, target=D(10), scorer=party),
        "visits": indicator(
            "走访次数", 2, 3, method=Method.PER_COUNT, source=Source.ENTERED, step=D("0.5"), scorer=party
        ),
        "safety": indicator("安全生产", 1, 4, method=Method.ASSESSED, scorer=city),
    }
    units = []
    for n in range(2):
        unit, post = unit_with_official(cast, f"{'甲乙'[n]}单位", 10 + n)
        item = item_for(cast, title=f"事项{n}", number=f"{n + 1}.")
        split(item, (unit, post, Role.LEAD))
        finish(item, claimed=datetime.date(2020, 6, 1))
        units.append(unit)
    people = {**cast.roles, "scorer": scorer, "scorer2": scorer2}
    return scheme, indicators, units, people


def row(indicator, unit, **fields) -> dict:
    return {f"s{indicator.pk}-{unit.pk}-{name}": value for name, value in fields.items()}


def page_of(browser, scheme):
    return browser.get(aurl("assessed", scheme.pk))


def save(browser, scheme, data):
    """Post the page's own form (what the browser shows, hidden fields included) with ``data`` typed in."""
    form = form_data(page_of(browser, scheme))
    return browser.submit(aurl("assessed", scheme.pk), {**form, **data}, follow=True)


def card(page, indicator) -> str:
    return block_text(page, f"indicator-{indicator.pk}")


def score_row(page, indicator, unit) -> str:
    return block_text(page, f"score-{indicator.pk}-{unit.pk}")


def earned(page, indicator, unit) -> str:
    """The row's 得分 cell: the points its stored number earns now."""
    cell = re.search(r'<td class="earned">(.*?)</td>', block(page, f"score-{indicator.pk}-{unit.pk}"), re.S)
    return _clean(cell.group(1))


# --- who may open the page and score what -------------------------------------------------------------------

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider", "scorer"]
RECORDERS = {"office", "assessor"}  # record events: score every indicator on the page


def expected_page(role: str) -> int:
    if role in RECORDERS or role == "scorer":
        return 200
    return 404 if role == "outsider" else 403  # the outsider may see nothing; an insider sees the scheme


def expected_post(role: str, indicator: str) -> int:
    if role in RECORDERS or (role == "scorer" and indicator == "reports"):
        return 302
    return 404 if role == "outsider" else 403  # the scorer sees the office's indicator on the scheme


@pytest.mark.parametrize("indicator", ["quality", "reports"])  # without a scorer, with one (党建办)
@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_page_and_score_an_indicator(scene, role, indicator):
    scheme, indicators, (a, _b), people = scene
    browser = Browser(people[role])
    assert page_of(browser, scheme).status_code == expected_page(role)
    target = indicators[indicator]
    field = "value" if target.counts else "points"
    answer = browser.submit(aurl("assessed", scheme.pk), row(target, a, **{field: "1", "reason": "依台账"}))
    assert answer.status_code == expected_post(role, indicator)
    assert IndicatorScore.objects.filter(indicator=target).exists() is (answer.status_code == 302)


def test_the_scorer_sees_only_the_indicators_his_unit_scores_and_the_office_sees_all(scene):
    scheme, ind, _units, people = scene
    shown = {role: plain_text(page_of(Browser(people[role]), scheme)) for role in ("scorer", "scorer2", "office")}
    assert "信息报送" in shown["scorer"] and "走访次数" in shown["scorer"]
    assert "工作质量" not in shown["scorer"] and "安全生产" not in shown["scorer"]
    assert "安全生产" in shown["scorer2"] and "信息报送" not in shown["scorer2"]
    assert all(name in shown["office"] for name in ("工作质量", "信息报送", "走访次数", "安全生产"))
    assert "评分责任单位：党建办" in shown["office"] and "评分责任单位：未指定（由考核办评分）" in shown["office"]
    assert "负责评分的指标" in shown["scorer"] and "负责评分的指标" not in shown["office"]


def test_a_scorer_cannot_score_another_scorers_indicator_and_the_office_can(scene):
    scheme, ind, (a, _b), people = scene
    data = row(ind["safety"], a, points="1", reason="无事故")  # 城管科's
    assert Browser(people["scorer"]).submit(aurl("assessed", scheme.pk), data).status_code == 403
    assert not IndicatorScore.objects.exists()
    assert Browser(people["scorer2"]).submit(aurl("assessed", scheme.pk), data).status_code == 302
    page = save(Browser(people["office"]), scheme, row(ind["safety"], a, points="0.5", reason="复核：有一起隐患"))
    assert any("1 处有变动" in m for m in messages(page))
    score = IndicatorScore.objects.get()
    assert (score.points, score.scored_by) == (D("0.5"), people["office"])


def test_a_post_naming_an_indicator_of_another_scheme_or_none_is_a_404(scene, cast):
    scheme, ind, (a, _b), people = scene
    other = Scheme.objects.create(organisation=cast.street, year=2021, title="2021年度考核细则")
    category = SchemeCategory.objects.create(scheme=other, name="类别", points=D(100))
    elsewhere = SchemeIndicator.objects.create(category=category, name="别处", points=D(5), method=Method.ASSESSED)
    for data in (row(elsewhere, a, points="1", reason="x"), {f"s999999-{a.pk}-points": "1"}):
        assert Browser(people["office"]).submit(aurl("assessed", scheme.pk), data).status_code == 404
    assert not IndicatorScore.objects.exists()


def test_a_scorer_of_indicators_not_scored_on_the_page_may_not_open_it(scene):
    """A scorer set on an indicator whose numbers come from the workflow has nothing to enter."""
    scheme, ind, _units, people = scene
    SchemeIndicator.objects.filter(pk=ind["safety"].pk).update(method=Method.RATIO, source=Source.DONE_PERCENT)
    browser = Browser(people["scorer2"])
    assert page_of(browser, scheme).status_code == 403
    assert block(browser.get("/"), "ws-scorer") is None
    assert "考核评分" not in plain_text(browser.get(aurl("schemes")))


# --- entering numbers and the points they earn ------------------------------------------------------------


def test_the_scorer_enters_numbers_and_sees_the_points_they_earn_by_the_rule(scene):
    scheme, ind, (a, b), people = scene
    scorer = Browser(people["scorer"])
    page = save(
        scorer,
        scheme,
        {
            **row(ind["reports"], a, value="8", reason="报送8次"),  # the indicator's target, 10
            **row(ind["reports"], b, value="4", target="5", reason="应报5次，报送4次"),
            **row(ind["visits"], a, value="3", reason="少走访3次"),
            **row(ind["visits"], b, value="9", reason="少走访9次"),
        },
    )
    assert any("已保存评分，4 处有变动" in m for m in messages(page))
    mine = IndicatorScore.objects.get(indicator=ind["reports"], unit=a)
    assert (mine.points, mine.value, mine.target, mine.scored_by) == (None, D(8), None, people["scorer"])
    assert IndicatorScore.objects.get(indicator=ind["reports"], unit=b).target == D(5)
    page = page_of(scorer, scheme)
    assert "按完成比例：实际数 ÷ 目标值 × 3 分，最高 3 分（目标值 10）" in card(page, ind["reports"])
    assert "按次扣分：每次扣 0.5 分，最低 0 分" in card(page, ind["visits"])
    assert earned(page, ind["reports"], a) == "2.4 分"  # 8 ÷ 10 × 3
    assert earned(page, ind["reports"], b) == "2.4 分"  # 4 ÷ 5 × 3
    assert earned(page, ind["visits"], a) == "0.5 分"  # 2 − 3 × 0.5
    assert earned(page, ind["visits"], b) == "0 分"  # 2 − 9 × 0.5, not below 0
    assert 'placeholder="10"' in block(page, f"score-{ind['reports'].pk}-{a.pk}")


def test_a_blank_target_follows_the_indicator_when_it_changes(scene):
    scheme, ind, (a, _b), people = scene
    save(Browser(people["scorer"]), scheme, row(ind["reports"], a, value="8", reason="报送8次"))
    SchemeIndicator.objects.filter(pk=ind["reports"].pk).update(target=D(16))
    assert earned(page_of(Browser(people["scorer"]), scheme), ind["reports"], a) == "1.5 分"  # 8 ÷ 16 × 3


def test_an_unentered_row_says_so_and_each_indicator_counts_its_unscored_units(scene, cast):
    scheme, ind, (a, b), people = scene
    office = Browser(people["office"])
    page = page_of(office, scheme)
    assert earned(page, ind["reports"], a) == "未填报"
    assert "尚有 3 个单位未评分" in card(page, ind["reports"])  # 甲, 乙 and 司法所, doing the plan's items
    page = save(office, scheme, row(ind["reports"], a, value="10", reason="全部报送"))
    assert "尚有 2 个单位未评分" in card(page, ind["reports"])
    assert "尚有 3 个单位未评分" in card(page, ind["visits"])  # another indicator's rows are its own
    both = {
        **row(ind["reports"], b, value="0", reason="未报送"),
        **row(ind["reports"], cast.justice, value="5", reason="报送5次"),
    }
    page = save(office, scheme, both)
    assert "已全部评分" in card(page, ind["reports"])
    assert earned(page, ind["reports"], b) == "0 分"  # 0 entered is scored: none reported


def test_the_page_shows_who_scored_each_row_and_when(scene):
    scheme, ind, (a, _b), people = scene
    save(Browser(people["scorer"]), scheme, row(ind["reports"], a, value="8", reason="报送8次"))
    page = page_of(Browser(people["office"]), scheme)
    assert "党建办干事" in score_row(page, ind["reports"], a)
    assert date_format(timezone.localdate(), "DATE_FORMAT") in score_row(page, ind["reports"], a)
    save(Browser(people["office"]), scheme, row(ind["reports"], a, value="9", reason="复核后更正"))
    assert "李文员" in score_row(page_of(Browser(people["office"]), scheme), ind["reports"], a)
    assert "未评分" in score_row(page, ind["visits"], a)


def test_clearing_a_row_unscores_the_unit(scene):
    scheme, ind, (a, _b), people = scene
    office = Browser(people["office"])
    save(office, scheme, row(ind["visits"], a, value="2", reason="少2次"))
    page = save(office, scheme, row(ind["visits"], a, value="", reason=""))
    assert any("1 处有变动" in m for m in messages(page))
    assert not IndicatorScore.objects.exists()


# --- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "fields", "error"),
    [
        ("reports", {"value": "-1", "reason": "x"}, "数值不能为负数。"),
        ("reports", {"value": "8", "target": "-2", "reason": "x"}, "目标值不能为负数。"),
        ("reports", {"value": "8", "reason": " "}, "评分须写明理由。"),
        ("reports", {"target": "5", "reason": "x"}, "填写目标值时须同时填写数值。"),
        ("reports", {"value": "八", "reason": "x"}, "请填写数字。"),
        ("reports", {"value": "1.234", "reason": "x"}, "最多保留两位小数。"),
        ("visits", {"value": "-3", "reason": "x"}, "数值不能为负数。"),
        ("quality", {"points": "2.5", "reason": "x"}, "评定分须在 0 至 2 分之间。"),
        ("quality", {"points": "-1", "reason": "x"}, "评定分须在 0 至 2 分之间。"),
        ("quality", {"points": "1", "reason": ""}, "评分须写明理由。"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(scene, which, fields, error):
    scheme, ind, (a, b), people = scene
    other = ind["quality"] if which != "quality" else ind["visits"]
    given = {"points": "1"} if other.method == Method.ASSESSED else {"value": "1"}
    good = row(other, b, **given, reason="好")  # a right row on the same page is not saved either
    page = save(Browser(people["office"]), scheme, {**row(ind[which], a, **fields), **good})
    assert "本次未保存任何评分" in plain_text(page)
    assert error in score_row(page, ind[which], a)
    assert not IndicatorScore.objects.exists()


def test_a_ratio_without_any_target_needs_the_units_own(scene):
    scheme, ind, (a, b), people = scene
    SchemeIndicator.objects.filter(pk=ind["reports"].pk).update(target=None)
    office = Browser(people["office"])
    page = page_of(office, scheme)
    assert "（未设目标值：未填目标值的单位得 0 分）" in card(page, ind["reports"])
    assert 'placeholder="须填写"' in block(page, f"score-{ind['reports'].pk}-{a.pk}")
    page = save(office, scheme, row(ind["reports"], a, value="8", reason="报送8次"))
    assert "本指标未设目标值，请填写该单位的目标值。" in score_row(page, ind["reports"], a)
    page = save(office, scheme, row(ind["reports"], a, value="8", target="8", reason="应报8次"))
    assert earned(page, ind["reports"], a) == "3 分"


def test_an_old_score_left_alone_is_not_judged_again(scene):
    """工作质量 was scored 2 of 2 and then cut to 1 point: saving another row does not trip on it."""
    scheme, ind, (a, b), people = scene
    IndicatorScore.objects.create(
        indicator=ind["quality"], unit=a, points=D(2), reason="好", scored_by=people["office"]
    )
    SchemeIndicator.objects.filter(pk=ind["quality"].pk).update(points=D(1))
    page = save(Browser(people["office"]), scheme, row(ind["quality"], b, points="1", reason="好"))
    assert any("1 处有变动" in m for m in messages(page))
    assert IndicatorScore.objects.get(unit=a).points == D(2)


# --- two people on one page ---------------------------------------------------------------------------------


def test_the_office_saving_its_page_keeps_a_row_the_scorer_saved_meanwhile(scene):
    scheme, ind, (a, b), people = scene
    office = Browser(people["office"])
    seen = form_data(page_of(office, scheme))  # the office opens the page
    save(Browser(people["scorer"]), scheme, row(ind["reports"], a, value="8", reason="报送8次"))
    data = {**seen, **row(ind["quality"], b, points="1", reason="一般")}
    page = office.submit(aurl("assessed", scheme.pk), data, follow=True)
    assert any("1 处有变动" in m for m in messages(page))
    kept = IndicatorScore.objects.get(indicator=ind["reports"], unit=a)
    assert (kept.value, kept.scored_by) == (D(8), people["scorer"])


def test_a_row_both_changed_is_refused_until_read_again(scene):
    scheme, ind, (a, _b), people = scene
    office = Browser(people["office"])
    seen = form_data(page_of(office, scheme))
    save(Browser(people["scorer"]), scheme, row(ind["reports"], a, value="8", reason="报送8次"))
    data = {**seen, **row(ind["reports"], a, value="6", reason="复核为6次")}
    page = office.submit(aurl("assessed", scheme.pk), data, follow=True)
    assert "已由 党建办干事 于" in score_row(page, ind["reports"], a)
    assert IndicatorScore.objects.get(indicator=ind["reports"], unit=a).value == D(8)
    # The page shown again holds the office's 6 and knows the score it has now seen: saving it wins.
    page = office.submit(aurl("assessed", scheme.pk), form_data(page), follow=True)
    assert any("1 处有变动" in m for m in messages(page))
    assert IndicatorScore.objects.get(indicator=ind["reports"], unit=a).value == D(6)


# --- the way in ---------------------------------------------------------------------------------------------


def test_the_scheme_list_links_the_scoring_page_for_those_who_score(scene):
    scheme, _ind, _units, people = scene
    text = {role: plain_text(Browser(people[role]).get(aurl("schemes"))) for role in ("scorer", "official", "office")}
    assert "考核评分（2 项指标）" in text["scorer"]
    assert "考核评分（4 项指标）" in text["office"]
    assert "考核评分" not in text["official"]


def test_the_scorers_workspace_links_the_page_and_no_one_elses_does(scene):
    scheme, _ind, _units, people = scene
    section = block_text(Browser(people["scorer"]).get("/"), "ws-scorer")
    assert "2020 · 2020年度法治建设考核细则" in section and "考核评分 2 项指标" in section
    assert aurl("assessed", scheme.pk) in block(Browser(people["scorer"]).get("/"), "ws-scorer")
    for role in ("official", "office", "assessor"):
        assert block(Browser(people[role]).get("/"), "ws-scorer") is None


def more_of_everything(cast, scheme, people) -> None:
    """Two more scored indicators for 党建办, two more units doing items, scores on every row."""
    own = SchemeCategory.objects.get(scheme=scheme, name=cast.category.name)
    party = Unit.objects.get(name="党建办")
    for n in range(2):
        SchemeIndicator.objects.create(
            category=own, name=f"填报{n}", points=D(1), method=Method.PER_COUNT, source=Source.ENTERED, scorer=party
        )
        unit, post = unit_with_official(cast, f"丙{n}单位", 20 + n)
        item = item_for(cast, title=f"又一事项{n}", number=f"{n + 3}.")
        split(item, (unit, post, Role.LEAD))
    for indicator in SchemeIndicator.objects.filter(category=own):
        for unit in Unit.objects.filter(name__endswith="单位"):
            value = {"points": D(1)} if indicator.method == Method.ASSESSED else {"value": D(1)}
            IndicatorScore.objects.create(
                indicator=indicator, unit=unit, reason="x", scored_by=people["office"], **value
            )


@pytest.mark.parametrize("role", ["scorer", "office"])
def test_the_page_costs_the_same_queries_for_more_indicators_units_and_scores(
    scene, cast, role, django_assert_num_queries
):
    scheme, _ind, _units, people = scene
    client = Browser(people[role]).client
    few = query_count(client, aurl("assessed", scheme.pk))
    more_of_everything(cast, scheme, people)
    with django_assert_num_queries(few):
        assert client.get(aurl("assessed", scheme.pk)).status_code == 200


def test_the_way_in_costs_the_same_queries_for_more_indicators(scene, cast, django_assert_num_queries):
    scheme, _ind, _units, people = scene
    client = Browser(people["scorer"]).client
    few = {path: query_count(client, path) for path in ("/", aurl("schemes"))}
    more_of_everything(cast, scheme, people)
    for path, count in few.items():
        with django_assert_num_queries(count):
            client.get(path)


# --- the rule in words: one sentence per case of ``points_for`` ---------------------------------------------


def rule(**kwargs) -> str:
    return indicator_rule(SchemeIndicator(name="x", points=D(15), **kwargs))


def test_the_ratio_rule_names_the_target_or_says_what_its_absence_means():
    assert rule(method=Method.RATIO, target=D(10)) == "按完成比例：实际数 ÷ 目标值 × 15 分，最高 15 分（目标值 10）"
    assert rule(method=Method.RATIO, target=None).endswith("（未设目标值：未填目标值的单位得 0 分）")
    assert rule(method=Method.RATIO, target=D(0)).endswith("（目标值为 0：均得满分）")
    # A completion rate is out of 100 unless the indicator says otherwise, as ``target_for`` has it.
    assert rule(method=Method.RATIO, source=Source.DONE_PERCENT).endswith("（目标值 100）")


def test_the_per_count_rule_names_the_step_and_the_floor():
    assert rule(method=Method.PER_COUNT, step=D("0.5"), floor=D(0)) == "按次扣分：每次扣 0.5 分，最低 0 分"
    assert rule(method=Method.PER_COUNT, step=D(1), floor=D(6)) == "按次扣分：每次扣 1 分，最低 6 分"
    assert rule(method=Method.PER_COUNT, step=D(1), floor=D(20)) == "按次扣分：每次扣 1 分，最低 15 分"
    assert rule(method=Method.PER_COUNT, step=D(0)) == "按次扣分：每次扣分为 0，均得满分 15 分"


def test_an_assessed_indicator_has_no_rule_from_a_number():
    with pytest.raises(ValueError):
        rule(method=Method.ASSESSED)


# --- what is scored counts --------------------------------------------------------------------------------


def test_a_scorer_units_assessed_score_counts_in_the_results(scene):
    scheme, ind, (a, _b), people = scene
    save(Browser(people["scorer2"]), scheme, row(ind["safety"], a, points="0.5", reason="一起隐患"))
    assessment = compute(scheme, as_of=datetime.date(2020, 12, 31))
    earned = AssessedResult.objects.get(assessment=assessment, unit=a, indicator=ind["safety"]).earned
    assert earned == D("0.5")
