"""A small scored year for the result pages: three units, their items, events and reward rules.

By hand (scheme: 12 + 88 points, 0.5 per started week late, 1 per return, 20% of an item with
indicators on them, bonus cap 5, 优秀 for at most half of the units):

- 司法所 (official): 第3项 done 12 days late, returned twice: 10 − 1 − 2 = 7 of 10 in 依法全面履行政府职能
  → 12 × 7/10 = 8.4; 第5项 in 其他工作, on time, indicator reached: 8 + 2 = 10 of 10 → 88. Base 96.4
  (it carries both categories: no rescaling); two commendations +1 and +1 under a cap of 1.5:
  +1, +0.5 → 97.9. Second to 甲单位 under the quota of one 优秀: 良好.
- 兴科社区 (official2): 第4项 not done, 40% → 4 of 10 → 4.8 of 12, rescaled: 4.8 × 100 / 12 = 40;
  a criticism −2 → 38: 不合格.
- 甲单位: 第6项 on time → 12 of 12 → 100: 优秀.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from assessment.compute import compute
from assessment.models import Assessment, EventRule, RewardRule, Scheme, UnitResult
from responsibility.models import Category, ResponsibilityItem, Unit
from tests.assessment.scenario import event, finish, item_for, report, rule, scheme_for, unit_with_official

D = Decimal


def url(name: str, *args) -> str:
    return reverse(f"assessment:{name}", args=args)


@dataclass
class Year:
    scheme: Scheme
    other: Unit
    commendation: EventRule
    criticism: EventRule
    items: dict

    def compute(self, user, **kwargs) -> Assessment:
        return compute(self.scheme, user=user, **kwargs)


def in_category(item, name: str) -> None:
    ResponsibilityItem.objects.filter(pk=item.pk).update(category=Category.objects.get(plan=item.plan, name=name))


def build_year(cast) -> Year:
    scheme = scheme_for(cast, excellent_quota=50, indicator_share=20)
    official, official2 = cast.posts["official"], cast.posts["official2"]
    late = item_for(cast, cast.justice, official, title="完善内部制度建设", number="3.")
    finish(late, datetime.date(2020, 7, 12), returns=2)
    behind = item_for(
        cast, cast.community, official2, title="开展法治宣传", number="4.", deadline=datetime.date(2020, 12, 31)
    )
    report(behind, 40, datetime.date(2020, 5, 1), cast.official2)
    counted = item_for(cast, cast.justice, official, title="法律顾问全覆盖", number="5.", with_indicator=True)
    in_category(counted, "其他工作")
    report(counted, 100, datetime.date(2020, 6, 1), cast.official, {counted.indicators.get(): "213"})
    finish(counted, datetime.date(2020, 6, 10))
    other, other_post = unit_with_official(cast, "甲单位", 9)
    on_time = item_for(cast, other, other_post, title="规范执法", number="6.")
    finish(on_time, datetime.date(2020, 6, 1))
    commendation = rule(scheme, EventRule.Kind.BONUS, "通报表扬", 1, level=EventRule.Level.CITY, cap=D("1.5"))
    criticism = rule(scheme, EventRule.Kind.DEDUCTION, "通报批评", 2)
    event(scheme, commendation, datetime.date(2020, 5, 3), cast.assessor, unit=cast.justice, text="法律援助获市表扬")
    event(scheme, commendation, datetime.date(2020, 9, 8), cast.assessor, unit=cast.justice, text="调解工作获表扬")
    event(scheme, criticism, datetime.date(2020, 8, 1), cast.assessor, unit=cast.community, text="宣传台账缺失")
    RewardRule.objects.create(scheme=scheme, grade="优秀", action=RewardRule.Action.COMMENDATION)
    RewardRule.objects.create(scheme=scheme, grade="良好", action=RewardRule.Action.BONUS_FACTOR, factor=D("1.1"))
    RewardRule.objects.create(scheme=scheme, event_rule=criticism, action=RewardRule.Action.TALK)
    return Year(
        scheme,
        other,
        commendation,
        criticism,
        {"late": late, "behind": behind, "counted": counted, "on_time": on_time},
    )


def unit_result(assessment: Assessment, unit: Unit) -> UnitResult:
    return UnitResult.objects.get(assessment=assessment, unit=unit)
