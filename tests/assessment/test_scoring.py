"""Item scores, computed by hand from the rules of assessment.scoring.

The weights (on a 100-point scale): completion 40, timeliness 20, first-time pass 15, indicators 15,
quality 10. Late claims lose 2 points per started week; each return loses 5; nothing goes below 0.
The total is then scaled to the item's points (分值), or left out of 100 when the item has none.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from assessment.models import ItemScore
from assessment.scoring import PART_LABELS, Facts, gather_facts, score, score_item
from responsibility.models import Indicator, ItemEvent
from tests.test_i18n import CHINESE_CHROME, assert_shows, logged_in, screen_text
from tests.workflow.drive import do, in_days, item_at

DEADLINE = datetime.date(2030, 12, 31)
KEYS = ["completion", "timeliness", "first_time_pass", "indicators", "quality"]


def facts(**changes) -> Facts:
    """An item that did everything right: verified, claimed on the deadline, never returned, no indicators."""
    values = {
        "verified": True,
        "percent_done": 100,
        "first_claim_date": DEADLINE,
        "deadline": DEADLINE,
        "ongoing": False,
        "returns": 0,
        "indicators_total": 0,
        "indicators_reached": 0,
    }
    values.update(changes)
    return Facts(**values)


def part(key: str, quality: str = "10", max_total: str = "100", **changes) -> Decimal:
    return score(facts(**changes), Decimal(quality), Decimal(max_total)).part(key)


def reason(key: str, quality: str = "10", **changes) -> str:
    breakdown = score(facts(**changes), Decimal(quality))
    return next(r["reason"] for r in breakdown.reasons() if r["key"] == key)


def late(days: int) -> datetime.date:
    return DEADLINE + datetime.timedelta(days=days)


# --- Completion (40) ---------------------------------------------------------------------------------


def test_verified_earns_full_completion():
    assert part("completion") == Decimal(40)
    assert part("completion", verified=True, percent_done=30) == Decimal(40), "verification counts, not percent"
    assert reason("completion") == "已办结并通过核验"


@pytest.mark.parametrize(
    ("percent", "points"),
    [(0, "0.00"), (50, "20.00"), (65, "26.00"), (33, "13.20"), (99, "39.60"), (100, "40.00")],
)
def test_unverified_completion_is_40_times_the_percent_done(percent, points):
    assert part("completion", verified=False, percent_done=percent) == Decimal(points)


def test_unverified_completion_reason_names_the_percent():
    assert reason("completion", verified=False, percent_done=65) == "未通过核验，按进度 65% 计"


# --- Timeliness (20) ---------------------------------------------------------------------------------


def test_ongoing_item_has_full_timeliness_claimed_or_not():
    assert part("timeliness", ongoing=True, deadline=None, first_claim_date=None) == Decimal(20)
    assert part("timeliness", ongoing=True, deadline=None, first_claim_date=late(100)) == Decimal(20)
    assert reason("timeliness", ongoing=True, deadline=None) == "长期坚持事项，不计逾期"


def test_item_without_deadline_has_full_timeliness():
    assert part("timeliness", deadline=None, first_claim_date=None) == Decimal(20)
    assert part("timeliness", deadline=None, first_claim_date=late(100)) == Decimal(20)
    assert reason("timeliness", deadline=None) == "未设完成时限，不计逾期"


def test_no_claim_earns_no_timeliness():
    assert part("timeliness", verified=False, percent_done=80, first_claim_date=None) == Decimal(0)
    assert reason("timeliness", first_claim_date=None) == "未申请办结"


@pytest.mark.parametrize("claimed", [DEADLINE, late(-1), late(-200)])
def test_claim_on_or_before_the_deadline_earns_20(claimed):
    assert part("timeliness", first_claim_date=claimed) == Decimal(20)
    assert reason("timeliness", first_claim_date=claimed) == f"{claimed:%Y-%m-%d} 按期申请办结"


@pytest.mark.parametrize(
    ("days", "points"),
    [
        (1, 18),  # 1 week started × 2
        (6, 18),
        (7, 18),  # a full week is still one week
        (8, 16),  # the second week has started
        (14, 16),
        (15, 14),
        (63, 2),  # 9 weeks
        (64, 0),  # 10 weeks × 2 = 20
        (70, 0),
        (71, 0),  # 11 weeks would be −2: floor at 0
        (365, 0),
    ],
)
def test_late_claim_loses_2_per_started_week_down_to_0(days, points):
    assert part("timeliness", first_claim_date=late(days)) == Decimal(points)


def test_late_reason_names_days_and_weeks():
    assert reason("timeliness", first_claim_date=late(1)) == "逾期 1 天（1 周，每周扣 2 分）"
    assert reason("timeliness", first_claim_date=late(8)) == "逾期 8 天（2 周，每周扣 2 分）"
    assert reason("timeliness", first_claim_date=late(100)) == "逾期 100 天（15 周，每周扣 2 分）"


# --- First-time pass (15) ----------------------------------------------------------------------------


@pytest.mark.parametrize(("returns", "points"), [(0, 15), (1, 10), (2, 5), (3, 0), (4, 0), (10, 0)])
def test_each_return_loses_5_down_to_0(returns, points):
    assert part("first_time_pass", returns=returns) == Decimal(points)


def test_first_time_pass_reasons():
    assert reason("first_time_pass") == "核验一次通过"
    assert reason("first_time_pass", returns=2) == "退回整改 2 次，每次扣 5 分"
    assert reason("first_time_pass", returns=4) == "退回整改 4 次，每次扣 5 分"


# --- Indicators (15) ---------------------------------------------------------------------------------


def test_no_indicators_earns_full_points():
    assert part("indicators", indicators_total=0, indicators_reached=0) == Decimal(15)
    assert reason("indicators") == "无量化指标"


@pytest.mark.parametrize(
    ("reached", "total", "points"),
    [(0, 1, "0.00"), (1, 1, "15.00"), (1, 3, "5.00"), (2, 3, "10.00"), (0, 3, "0.00"), (1, 7, "2.14"), (1, 2, "7.50")],
)
def test_indicators_earn_their_share_of_15(reached, total, points):
    assert part("indicators", indicators_total=total, indicators_reached=reached) == Decimal(points)


def test_indicator_reason_names_the_count():
    assert reason("indicators", indicators_total=3, indicators_reached=1) == "3 项指标达成 1 项"


# --- Quality (10) ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "points"), [("-3", "0"), ("0", "0"), ("7.5", "7.5"), ("10", "10"), ("12", "10"), ("100", "10")]
)
def test_quality_is_clamped_to_0_10(given, points):
    assert part("quality", quality=given) == Decimal(points)


def test_quality_reason_names_the_rating():
    assert reason("quality", quality="7.5") == "考核员评定质量 7.5/10"
    assert reason("quality", quality="12") == "考核员评定质量 10/10"


# --- The total ---------------------------------------------------------------------------------------


def test_everything_right_is_100():
    breakdown = score(facts(), Decimal(10))
    assert breakdown.raw_total == Decimal(100)
    assert breakdown.total == Decimal("100.00")
    assert breakdown.max_total == Decimal(100)


def raw_80() -> Facts:
    # 40 (verified) + 18 (1 day late) + 10 (returned once) + 5 (1 of 3 indicators) + 7 (quality) = 80
    return facts(first_claim_date=late(1), returns=1, indicators_total=3, indicators_reached=1)


def test_the_total_is_scaled_to_the_items_points():
    breakdown = score(raw_80(), Decimal(7), Decimal(7))
    assert [breakdown.part(key) for key in KEYS] == [Decimal(40), Decimal(18), Decimal(10), Decimal(5), Decimal(7)]
    assert breakdown.raw_total == Decimal(80)
    assert breakdown.total == Decimal("5.60")
    assert breakdown.max_total == Decimal(7)
    assert score(raw_80(), Decimal(7), Decimal(10)).total == Decimal("8.00")
    assert score(raw_80(), Decimal(7), Decimal("12.5")).total == Decimal("10.00")


def test_a_zero_point_item_is_scored_out_of_100():
    breakdown = score(raw_80(), Decimal(7), Decimal(0))
    assert breakdown.max_total == Decimal(100)
    assert breakdown.total == Decimal("80.00")
    assert score(raw_80(), Decimal(7)).total == Decimal("80.00"), "100 is the default"


def test_the_scaled_total_rounds_half_up_to_cents():
    nothing = facts(verified=False, percent_done=0, first_claim_date=None, returns=3, indicators_total=1)
    assert score(nothing, Decimal(0)).raw_total == Decimal(0)
    # 4.5 × 1 / 100 = 0.045 → 0.05 (half up, not half even)
    assert score(nothing, Decimal("4.5"), Decimal(1)).total == Decimal("0.05")
    # 80 × 3 / 100 = 2.4 → 2.40
    assert score(raw_80(), Decimal(7), Decimal(3)).total == Decimal("2.40")


def test_the_reasons_name_each_fact_in_order():
    rows = score(raw_80(), Decimal(7), Decimal(7)).reasons()
    assert rows == [
        {"key": "completion", "label": "完成情况", "points": "40", "max": "40", "reason": "已办结并通过核验"},
        {
            "key": "timeliness",
            "label": "时效",
            "points": "18",
            "max": "20",
            "reason": "逾期 1 天（1 周，每周扣 2 分）",
        },
        {
            "key": "first_time_pass",
            "label": "一次通过",
            "points": "10",
            "max": "15",
            "reason": "退回整改 1 次，每次扣 5 分",
        },
        {"key": "indicators", "label": "指标达成", "points": "5", "max": "15", "reason": "3 项指标达成 1 项"},
        {"key": "quality", "label": "工作质量", "points": "7", "max": "10", "reason": "考核员评定质量 7/10"},
    ]


def test_reason_points_are_plain_numbers():
    rows = score(facts(verified=False, percent_done=33, indicators_total=2, indicators_reached=1), Decimal("6.5"))
    points = {row["key"]: row["points"] for row in rows.reasons()}
    assert points == {
        "completion": "13.2",
        "timeliness": "20",
        "first_time_pass": "15",
        "indicators": "7.5",
        "quality": "6.5",
    }


# --- Part labels: stored in Chinese, shown in the reader's language -----------------------------------


def test_every_part_has_a_label():
    assert list(PART_LABELS) == KEYS
    assert [p.key for p in score(facts(), Decimal(10)).parts] == KEYS


def test_stored_labels_stay_chinese_in_english():
    with translation.override("en"):
        rows = score(facts(), Decimal(10)).reasons()
    assert [row["label"] for row in rows] == ["完成情况", "时效", "一次通过", "指标达成", "工作质量"]


def test_a_score_shows_its_labels_in_the_readers_language():
    with translation.override("zh-hans"):
        reasons = score(raw_80(), Decimal(7)).reasons()
    item_score = ItemScore(reasons=reasons)
    with translation.override("en"):
        rows = item_score.rows
    assert [row["label"] for row in rows] == [
        "Completion",
        "Timeliness",
        "First-time pass",
        "Indicators reached",
        "Work quality",
    ]
    assert [row["reason"] for row in rows] == [r["reason"] for r in reasons], "reasons are data, kept as stored"
    assert item_score.reasons == reasons, "the stored reasons are not changed"
    with translation.override("zh-hans"):
        assert [row["label"] for row in item_score.rows] == ["完成情况", "时效", "一次通过", "指标达成", "工作质量"]


def test_a_part_unknown_to_the_code_shows_its_stored_label():
    item_score = ItemScore(reasons=[{"key": "bonus", "label": "加分", "points": "2", "max": "5", "reason": "获表彰"}])
    with translation.override("en"):
        assert item_score.rows[0]["label"] == "加分"


# --- Facts from a real timeline ----------------------------------------------------------------------


def claim(cast, item, period: str = "2030-12", **values):
    do(cast.official, item, "work", action="claim", period=period, percent_done="100", narrative="全年完成", **values)


def test_facts_of_an_item_verified_first_time(cast):
    item = item_at(cast, "assess")
    found = gather_facts(item)
    assert found.verified is True
    assert found.percent_done == 100
    assert found.returns == 0
    assert found.deadline == DEADLINE
    assert found.ongoing is False
    assert (found.indicators_total, found.indicators_reached) == (1, 0), "no value was reported for 法律咨询"


def test_facts_before_verification(cast):
    item = item_at(cast, "work")
    do(cast.official, item, "work", action="report", period="2020-03", percent_done="40", narrative="已接待咨询 80 起")
    found = gather_facts(item)
    assert (found.verified, found.percent_done, found.first_claim_date, found.returns) == (False, 40, None, 0)
    assert score(found, Decimal(5)).part("completion") == Decimal(16)
    assert score(found, Decimal(5)).part("timeliness") == Decimal(0)


def test_two_returns_are_counted(cast):
    item = item_at(cast, "rectify")  # returned once
    do(cast.official, item, "rectify", narrative="已补充台账")
    do(
        cast.inspector,
        item,
        "verify",
        decision="return",
        rectification_points="台账仍不全",
        rectification_deadline=in_days(5),
    )
    do(cast.official, item, "rectify", narrative="已再次补充")
    do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
    assert item.events.filter(kind=ItemEvent.Kind.RETURNED).count() == 2
    assert item.events.filter(kind=ItemEvent.Kind.CLAIMED).count() == 1, "a rectification is not a new claim"
    found = gather_facts(item)
    assert (found.returns, found.verified) == (2, True)
    assert score(found, Decimal(8)).part("first_time_pass") == Decimal(5)


@pytest.mark.parametrize(
    ("claimed_at", "claim_date", "timeliness"),
    [
        # 23:30 in Shanghai on the deadline: on time (15:30 UTC, the same day)
        ("2030-12-31T23:30:00+08:00", datetime.date(2030, 12, 31), Decimal(20)),
        # 07:00 in Shanghai on 1 January is 23:00 UTC on 31 December: a UTC date would call it on time
        ("2031-01-01T07:00:00+08:00", datetime.date(2031, 1, 1), Decimal(18)),
    ],
)
def test_the_claim_day_is_the_local_day(cast, claimed_at, claim_date, timeliness):
    with time_machine.travel(datetime.datetime(2030, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        item = item_at(cast, "work")
    with time_machine.travel(claimed_at, tick=False):
        claim(cast, item)
    claimed = item.events.get(kind=ItemEvent.Kind.CLAIMED)
    assert claimed.created_at.astimezone(datetime.UTC).date() == datetime.date(2030, 12, 31)
    found = gather_facts(item)
    assert found.first_claim_date == claim_date
    assert score(found, Decimal(8)).part("timeliness") == timeliness


def test_the_first_claim_counts_not_a_later_one(cast):
    with time_machine.travel("2030-12-30T10:00:00+08:00", tick=False):
        item = item_at(cast, "verify")  # claimed on 30 December
    with time_machine.travel("2031-01-20T10:00:00+08:00", tick=False):
        do(
            cast.inspector,
            item,
            "verify",
            decision="return",
            rectification_points="补充台账",
            rectification_deadline="2031-01-30",
        )
        do(cast.official, item, "rectify", narrative="已补充台账")
        do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
    found = gather_facts(item)
    assert found.first_claim_date == datetime.date(2030, 12, 30)
    assert score(found, Decimal(8)).part("timeliness") == Decimal(20)


def test_the_latest_indicator_value_wins(cast):
    item = item_at(cast, "work")
    indicator = item.indicators.get()
    field = f"indicator_{indicator.pk}"
    with time_machine.travel("2030-06-30T10:00:00+08:00", tick=False):
        do(
            cast.official,
            item,
            "work",
            action="report",
            period="2030-06",
            percent_done="60",
            narrative="上半年",
            **{field: "210"},
        )
    assert gather_facts(item).indicators_reached == 1
    with time_machine.travel("2030-09-30T10:00:00+08:00", tick=False):
        do(
            cast.official,
            item,
            "work",
            action="report",
            period="2030-09",
            percent_done="80",
            narrative="更正",
            **{field: "150"},
        )
    found = gather_facts(item)
    assert (found.indicators_total, found.indicators_reached) == (1, 0), "the corrected 150 < 200 counts"
    with time_machine.travel("2030-12-20T10:00:00+08:00", tick=False):
        claim(cast, item, **{field: "213"})
    found = gather_facts(item)
    assert (found.indicators_total, found.indicators_reached) == (1, 1)
    assert score(found, Decimal(8)).part("indicators") == Decimal(15)


def test_indicators_count_each_by_its_own_latest_value(cast):
    item = item_at(cast, "work")
    consults = item.indicators.get()
    mediation = Indicator.objects.create(item=item, name="矛盾纠纷调解", unit="件", target_value=Decimal(150))
    complaints = Indicator.objects.create(
        item=item, name="信访积案", unit="件", comparator=Indicator.Comparator.AT_MOST, target_value=Decimal(5)
    )
    values = {f"indicator_{consults.pk}": "213", f"indicator_{mediation.pk}": "100", f"indicator_{complaints.pk}": "9"}
    with time_machine.travel("2030-06-30T10:00:00+08:00", tick=False):
        do(
            cast.official,
            item,
            "work",
            action="report",
            period="2030-06",
            percent_done="60",
            narrative="上半年",
            **values,
        )
    with time_machine.travel("2030-12-20T10:00:00+08:00", tick=False):
        # only the mediations are reported again; the other two keep their June values
        claim(cast, item, **{f"indicator_{mediation.pk}": "192"})
    found = gather_facts(item)
    # 213 ≥ 200 reached; 192 ≥ 150 reached; 9 ≤ 5 not reached
    assert (found.indicators_total, found.indicators_reached) == (3, 2)
    assert score(found, Decimal(8)).part("indicators") == Decimal("10.00")


def test_an_approved_extension_moves_the_deadline_used(cast):
    with time_machine.travel("2030-12-01T10:00:00+08:00", tick=False):
        item = item_at(cast, "decide_extension")  # asks for 2031-06-30
        do(cast.office, item, "decide_extension", decision="approve", comment="同意")
    assert (item.deadline, item.original_deadline) == (datetime.date(2031, 6, 30), DEADLINE)
    with time_machine.travel("2031-01-10T10:00:00+08:00", tick=False):
        claim(cast, item, period="2031-01")
    found = gather_facts(item)
    assert found.deadline == datetime.date(2031, 6, 30)
    assert found.first_claim_date == datetime.date(2031, 1, 10)
    breakdown = score(found, Decimal(8))
    assert breakdown.part("timeliness") == Decimal(20), "10 days after the old deadline, on time for the new one"
    assert score(facts(first_claim_date=found.first_claim_date), Decimal(8)).part("timeliness") == Decimal(16)


def test_a_refused_extension_keeps_the_deadline(cast):
    with time_machine.travel("2030-12-01T10:00:00+08:00", tick=False):
        item = item_at(cast, "decide_extension")
        do(cast.office, item, "decide_extension", decision="refuse", comment="不同意")
    with time_machine.travel("2031-01-10T10:00:00+08:00", tick=False):
        claim(cast, item, period="2031-01")
    found = gather_facts(item)
    assert found.deadline == DEADLINE
    assert score(found, Decimal(8)).part("timeliness") == Decimal(16), "10 days late: 2 weeks × 2"


def test_score_item_scales_to_the_items_points(cast):
    with time_machine.travel("2031-01-01T07:00:00+08:00", tick=False):
        item = item_at(cast, "assess")
    item.points = Decimal(7)  # the deploy step set 10
    item.save(update_fields=["points"])
    breakdown = score_item(item, Decimal(7))
    # 40 (verified) + 18 (1 day late, local date) + 15 (first time) + 0 (0 of 1 indicators) + 7 = 80
    assert breakdown.raw_total == Decimal(80)
    assert breakdown.total == Decimal("5.60")


# --- The score table on the item page ----------------------------------------------------------------


def scored_item(cast):
    with time_machine.travel("2031-01-01T07:00:00+08:00", tick=False):
        item = item_at(cast, "assess")
        do(cast.assessor, item, "assess", quality="8", comment="较好")
    return item


def score_labels(page) -> list[str]:
    """The first cell of each row of the score table."""
    table = page.content.decode().split('<table class="list">')[-1].split("</table>")[0]
    return re.findall(r"<tr><td>(.*?)</td>", table)


def test_score_table_in_english(cast):
    item = scored_item(cast)
    page = logged_in(cast.assessor, language="en").get(reverse("workflow:item", args=[item.pk]))
    assert score_labels(page) == ["Completion", "Timeliness", "First-time pass", "Indicators reached", "Work quality"]
    assert_shows(
        screen_text(page),
        [
            "Assessment score: 8.10 / 10.00",
            "Part Score Maximum Reason",
            "Timeliness 18 20 逾期 1 天（1 周，每周扣 2 分）",  # the reason is stored data and stays as written
        ],
        [*CHINESE_CHROME, "完成情况", "时效"],
    )
    labels = [row["label"] for row in item.scores.get().reasons]
    assert labels == ["完成情况", "时效", "一次通过", "指标达成", "工作质量"]


def test_score_table_in_chinese(cast):
    item = scored_item(cast)
    page = logged_in(cast.assessor).get(reverse("workflow:item", args=[item.pk]))
    assert score_labels(page) == ["完成情况", "时效", "一次通过", "指标达成", "工作质量"]
    assert_shows(screen_text(page), ["考核得分：8.10 / 10.00"], ["Completion", "Timeliness", "Work quality"])
