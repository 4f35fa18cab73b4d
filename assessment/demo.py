"""The demo's scoring scheme for 回兴街道 2020, its events, and a first computation left as a draft.

The categories are the plan's eight (their points sum to 100); the rules are those the domain page
names (通报表扬 by level with caps, 通报批评 capped at its category, 约谈, 问责, two vetoes, a 黄牌);
the events are a handful a 考核组 would have recorded in the year. The last category holds two
indicators every unit is scored on, as real schemes have them: 工作质量 rated by the 考核组 (some
units still waiting for their rating) and 进度报送, 0.5 off per report missed. Communities and
departments are ranked apart, each with its own 优秀 quota. Called by ``workflow.demo``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import Q

from responsibility.importing.run import sha256
from responsibility.models import Person, Unit, WorkPlan

from .compute import compute
from .models import (
    Assessment,
    EventRule,
    GradeBand,
    IndicatorScore,
    RewardRule,
    Scheme,
    SchemeCategory,
    SchemeGroup,
    SchemeIndicator,
    ScoreEvent,
)

D = Decimal
GRADES = [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]


def build(plan: WorkPlan, units: dict[str, Unit], people: dict[str, Person], closes_on: datetime.date) -> Scheme:
    """The scheme with its rules and the year's events. Built before the items are played: the
    考核评分 step scores each part by it, as the year end does."""
    scheme = Scheme.objects.create(
        organisation=plan.organisation,
        year=plan.year,
        title=f"{plan.organisation.name}{plan.year}年度法治建设目标考核细则",
        plan=plan,
        closes_on=closes_on,
        late_points=D("0.5"),
        late_period=Scheme.LatePeriod.WEEK,
        late_cap=D(0),
        return_points=D(1),
        return_cap=D(0),
        cooperation_points=D("0.5"),  # 规环办 missed its 会办 on 强化法制宣传
        indicator_share=20,
        bonus_cap=D(5),
        excellent_quota=20,
    )
    categories = [
        SchemeCategory.objects.create(
            scheme=scheme, name=category.name, points=category.points, order=category.order, plan_category=category
        )
        for category in plan.categories.order_by("order", "id")
    ]
    for name, low in GRADES:
        GradeBand.objects.create(scheme=scheme, name=name, min_score=D(low))
    _common_indicators(categories[-1])
    # 考核分组: three communities, one 优秀 among them; the departments at the scheme's 20 %.
    SchemeGroup.objects.create(scheme=scheme, name="社区", unit_kind=Unit.Kind.COMMUNITY, excellent_quota=34, order=1)
    SchemeGroup.objects.create(scheme=scheme, name="内设机构", unit_kind=Unit.Kind.DEPARTMENT, order=2)
    rules = {}
    for key, kind, name, level, points, cap, category in [
        ("national", EventRule.Kind.BONUS, "通报表扬", EventRule.Level.NATIONAL, 3, 0, None),
        ("provincial", EventRule.Kind.BONUS, "通报表扬", EventRule.Level.PROVINCIAL, 2, 4, None),
        ("city", EventRule.Kind.BONUS, "通报表扬", EventRule.Level.CITY, 1, 3, None),
        ("district", EventRule.Kind.BONUS, "通报表扬", EventRule.Level.DISTRICT, D("0.5"), 2, None),
        ("criticism", EventRule.Kind.DEDUCTION, "通报批评", "", 1, 0, categories[5]),
        ("talk", EventRule.Kind.DEDUCTION, "约谈", "", 2, 4, None),
        ("accountability", EventRule.Kind.DEDUCTION, "问责", "", 3, 0, None),
    ]:
        rules[key] = EventRule.objects.create(
            scheme=scheme, kind=kind, name=name, level=level, points=D(points), cap=D(cap), category=category
        )
    rules["accident"] = EventRule.objects.create(
        scheme=scheme, kind=EventRule.Kind.VETO, name="发生重大安全生产责任事故", veto=EventRule.Veto.FAIL
    )
    rules["lawsuit"] = EventRule.objects.create(
        scheme=scheme, kind=EventRule.Kind.VETO, name="行政诉讼败诉被上级通报", veto=EventRule.Veto.NO_TOP
    )
    rules["yellow_card"] = EventRule.objects.create(  # 黄牌: 0.5 off, and not 优秀
        scheme=scheme,
        kind=EventRule.Kind.DEDUCTION,
        name="安全生产黄牌警告",
        points=D("0.5"),
        cap=D(0),
        veto=EventRule.Veto.NO_TOP,
    )
    for values in [
        {"grade": "优秀", "action": RewardRule.Action.COMMENDATION},
        {"grade": "优秀", "action": RewardRule.Action.BONUS_FACTOR, "factor": D("1.2")},
        {"grade": "良好", "action": RewardRule.Action.BONUS_FACTOR, "factor": D("1.0")},
        {"grade": "不合格", "action": RewardRule.Action.TALK},
        {"event_rule": rules["criticism"], "action": RewardRule.Action.CRITICISM},
        {"event_rule": rules["accountability"], "action": RewardRule.Action.ACCOUNTABILITY},
        {"event_rule": rules["city"], "action": RewardRule.Action.COMMENDATION, "subject": RewardRule.Subject.PERSON},
    ]:
        RewardRule.objects.create(scheme=scheme, **values)
    recorder = people["assessor"]
    year = plan.year
    for rule, day, unit, person, text in [
        ("city", (9, 15), "justice", None, "人民调解工作获市司法局通报表扬"),
        ("city", (9, 15), None, "official", "赵所长获评全市人民调解先进个人"),
        ("district", (6, 12), "service_centre", None, "公共服务站品牌建设获区政府通报表扬"),
        ("district", (11, 3), "justice", None, "“法律明白人”培训获区司法局通报表扬"),
        ("criticism", (7, 20), "safety", None, "信访事项办理超期，区信访办通报批评"),
        ("talk", (10, 10), "enforcement", None, "执法案卷评查不合格，区司法局约谈"),
        ("yellow_card", (8, 6), "planning", None, "辖区工地安全检查不合格，区安委办黄牌警告"),
    ]:
        event = ScoreEvent(
            scheme=scheme,
            rule=rules[rule],
            unit=units[unit] if unit else None,
            person=people[person] if person else None,
            occurred_on=datetime.date(year, *day),
            description=text,
            recorded_by=recorder,
        )
        content = f"{text}\n（通报文件扫描件，演示数据）\n".encode()
        event.evidence_name = f"{text[:12]}.txt"
        event.evidence_sha256 = sha256(content)
        event.evidence.save(event.evidence_name, ContentFile(content), save=False)
        event.save()
    return scheme


def _common_indicators(category: SchemeCategory) -> None:
    """Two of the category's points scored per unit by the 考核组, two by the reports each unit missed."""
    SchemeIndicator.objects.create(
        category=category,
        name="工作质量评定",
        points=D(2),
        method=SchemeIndicator.Method.ASSESSED,
        criteria="考核组根据全年工作质量评定，0—2分",
        order=1,
    )
    SchemeIndicator.objects.create(
        category=category,
        name="进度报送",
        points=D(2),
        method=SchemeIndicator.Method.PER_COUNT,
        source=SchemeIndicator.Source.MISSED_REPORTS,
        step=D("0.5"),
        floor=D(0),
        criteria="按时报送工作进度，每少报一次扣0.5分，扣完为止",
        order=2,
    )


# The 考核组's ratings so far: the other units are still owed one (the results page names them).
RATINGS = [
    ("justice", "1.8", "人民调解、法律明白人培训成效突出，资料规范"),
    ("economy", "1.5", "营商环境法治保障工作扎实，个别台账不够完整"),
    ("xingke", "1.6", "社区法律顾问作用发挥较好"),
    ("enforcement", "1.0", "执法案卷评查不合格，规范化程度有待提高"),
    ("safety", "0.8", "信访事项办理超期被通报，整改不到位"),
]


def rate_units(scheme: Scheme, units: dict[str, Unit], assessor: Person) -> None:
    indicator = SchemeIndicator.objects.get(category__scheme=scheme, method=SchemeIndicator.Method.ASSESSED)
    for key, points, reason in RATINGS:
        IndicatorScore.objects.create(
            indicator=indicator, unit=units[key], points=D(points), reason=reason, scored_by=assessor
        )


def first_computation(scheme: Scheme, units: dict[str, Unit], people: dict[str, Person]) -> Assessment:
    """The 考核组's ratings so far, and the year computed once, left as a draft waiting to be published."""
    rate_units(scheme, units, people["assessor"])
    return compute(scheme, user=people["assessor"])


def remove(units: list[Unit]) -> list:
    """Delete the schemes of ``units`` with their results and events; returns the evidence files to
    delete once the removal commits. Results first, then events, then schemes: each protects the last."""
    schemes = Scheme.objects.filter(organisation__in=units)
    events = ScoreEvent.objects.filter(Q(scheme__in=schemes) | Q(unit__in=units))
    files = [event.evidence for event in events.exclude(evidence="")]
    Assessment.objects.filter(scheme__in=schemes).delete()
    events.delete()
    schemes.delete()
    return files
