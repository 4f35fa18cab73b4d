"""The annual report (年度法治政府建设情况报告), drafted from the data in the seed's structure.

一、主要举措和成效: one section per category of the plan, in its order, with the year's indicator values
written into sentences; 二、第一责任人履职情况: the lead leaders' items and results, and the committee's
supervision; 三、存在的不足和原因: red, late, returned and unfinished items, by name; 四、下一年度工作思路:
a draft for the office to edit.

Every sentence comes from a fact, and a category without data says so. The text is data in Chinese,
like the document it stands in for, not a page in the reader's language. When the year has been
computed, facts are read as they stood at the end of the results' ``as_of`` (the latest published
version, else the latest draft), so that the report and the scores agree; without results, every
fact recorded so far.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from config import gongwen
from config.gongwen import date_cn
from responsibility.models import (
    EscalationLevel,
    Indicator,
    IndicatorValue,
    ItemEvent,
    ItemStatus,
    Post,
    ProgressReport,
    Rag,
    RagReason,
    ResponsibilityItem,
    WorkPlan,
    outline,
)
from responsibility.models.org import UnitNotFound, unit_named

from .models import Assessment, ItemResult, PersonResult, RewardProposal, Scheme, UnitResult

ZERO = Decimal(0)
Kind = ItemEvent.Kind
# The timeline facts the report reads.
FACT_KINDS = [
    Kind.DEPLOYED,
    Kind.CLAIMED,  # the item's claim (牵头单位汇总办结: the lead's for all, not a unit's part handed in)
    Kind.VERIFIED,
    Kind.RETURNED,
    Kind.URGED,
    Kind.ESCALATED,
    Kind.EXTENSION_REQUESTED,
    Kind.EXTENSION_APPROVED,
]


class ReportError(Exception):
    """No report can be drafted (message in the user's language)."""


# --- finding the plan and the results ------------------------------------------------------------


def plan_for(org: str, year: int) -> WorkPlan:
    """The organisation's published plan of the year; ``org`` is a unit's name or short name."""
    try:
        organisation = unit_named(org)
    except UnitNotFound as missing:
        raise ReportError(_("找不到唯一的单位“%(org)s”（请填写单位名称或简称）。") % {"org": org}) from missing
    plan = (
        WorkPlan.objects.filter(organisation=organisation, year=year)
        .exclude(status=WorkPlan.Status.DRAFT)
        .order_by("-published_at", "-id")
        .first()
    )
    if plan is None:
        raise ReportError(_("“%(org)s”没有%(year)s年度已发布的工作要点。") % {"org": org, "year": year})
    return plan


def results_for(plan: WorkPlan) -> Assessment | None:
    """The results the report quotes: the latest published version, else the latest draft, else none."""
    scheme = Scheme.objects.filter(organisation=plan.organisation_id, year=plan.year).first()
    if scheme is None or scheme.scored_plan() != plan:
        return None
    versions = scheme.assessments.order_by("-version")
    return versions.filter(status=Assessment.Status.PUBLISHED).first() or versions.first()


# --- the facts ------------------------------------------------------------------------------------


@dataclass
class Value:
    indicator: Indicator
    value: Decimal | None

    @property
    def reached(self) -> bool:
        return self.indicator.is_reached(self.value)


@dataclass
class ItemFacts:
    item: ResponsibilityItem
    done: bool = False
    percent: int = 0
    finished_on: datetime.date | None = None
    days_late: int = 0  # claimed after the deadline
    days_overdue: int = 0  # neither done nor claimed, and past the deadline at ``as_of``
    returns: int = 0
    return_note: str = ""
    extension_note: str = ""
    narrative: str = ""
    values: list[Value] = field(default_factory=list)
    report_times: list[datetime.datetime] = field(default_factory=list)  # every report's, for the quarters
    earned: Decimal | None = None
    weight: Decimal | None = None

    @property
    def name(self) -> str:
        return f"“{self.item.title}”"

    @property
    def units(self) -> str:
        units = [unit.name for unit in self.item.responsible_units.all()]
        if not units and self.item.lead_unit:
            units = [self.item.lead_unit.name]
        return "、".join(units)

    @property
    def named(self) -> str:
        """The title with the units that answer for it: “强化法制宣传”（司法所）."""
        return f"{self.name}（{self.units}）" if self.units else self.name

    @property
    def late(self) -> bool:
        return bool(self.days_late or self.days_overdue)

    @property
    def red(self) -> bool:
        return not self.done and self.item.rag == Rag.RED


@dataclass
class Section:
    name: str
    items: list[ItemFacts]

    @property
    def done(self) -> int:
        return sum(facts.done for facts in self.items)

    @property
    def score_rate(self) -> Decimal | None:
        weight = sum((f.weight for f in self.items if f.weight is not None), ZERO)
        if not weight:
            return None
        return sum((f.earned for f in self.items if f.earned is not None), ZERO) / weight

    @property
    def weakness(self) -> tuple:
        """Lower is weaker: the results' score rate where there is one, else the share done."""
        rate = self.score_rate
        done = Decimal(self.done) / len(self.items)
        return (rate if rate is not None else done, done)


@dataclass
class Leader:
    post: Post
    items: list[ItemFacts]
    result: PersonResult | None = None

    @property
    def name(self) -> str:
        holder = self.post.holder.display_name if self.post.holder_id else ""
        return f"{self.post.unit.name}{self.post.title}{holder}"


@dataclass
class Quarter:
    year: int
    quarter: int
    reports: int = 0
    verified: int = 0
    urged: int = 0
    escalated: int = 0


@dataclass
class Supervision:
    deployed: int = 0
    urged: int = 0
    escalations: list[tuple[str, int]] = field(default_factory=list)
    returned: int = 0
    extensions: int = 0
    quarters: list[Quarter] = field(default_factory=list)


@dataclass
class AnnualReport:
    plan: WorkPlan
    as_of: datetime.date
    assessment: Assessment | None
    sections: list[Section]
    leaders: list[Leader]
    supervision: Supervision
    grades: list[tuple[str, int]] = field(default_factory=list)
    # 考核分组: each group's grades, in the version's order ("" last: the units no group took); none without groups.
    group_grades: list[tuple[str, int, list[tuple[str, int]]]] = field(default_factory=list)  # group, units, grades
    proposals: tuple[int, int] = (0, 0)  # proposed, decided

    @property
    def items(self) -> list[ItemFacts]:
        return [facts for section in self.sections for facts in section.items]

    @property
    def organisation(self) -> str:
        return self.plan.organisation.name

    @property
    def title(self) -> str:
        return f"{self.organisation}关于{self.plan.year}年度法治政府建设情况的报告"

    @property
    def whole_year(self) -> bool:
        return self.as_of >= datetime.date(self.plan.year, 12, 31)


def draft(plan: WorkPlan, assessment: Assessment | None = None, *, today: datetime.date | None = None) -> AnnualReport:
    """Gather the year's facts of ``plan`` (and the results of ``assessment``, or the latest ones)."""
    assessment = assessment or results_for(plan)
    as_of = assessment.as_of if assessment else (today or timezone.localdate())
    end = timezone.make_aware(datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time()))
    facts = _item_facts(plan, end)
    events = _timeline(facts, end, as_of)
    if assessment:
        _overlay_results(facts, assessment)
    report = AnnualReport(
        plan=plan,
        as_of=as_of,
        assessment=assessment,
        sections=_sections(plan, facts),
        leaders=_leaders(facts, assessment),
        supervision=_supervision(facts, events),
    )
    if assessment:
        report.grades, report.group_grades = _grades(assessment)
        proposals = RewardProposal.objects.filter(assessment=assessment)
        report.proposals = (proposals.count(), proposals.exclude(status=RewardProposal.Status.PROPOSED).count())
    return report


def _item_facts(plan: WorkPlan, end: datetime.datetime) -> dict[int, ItemFacts]:
    """The items in reading order, each with its last report and its indicators' latest values."""
    items = (
        ResponsibilityItem.objects.filter(plan=plan, is_heading=False)
        .exclude(status=ItemStatus.DRAFT)
        .select_related("category", "lead_unit", "lead_leader_post__unit", "lead_leader_post__holder")
        .prefetch_related("responsible_units", "indicators")
    )
    ordered = [row.item for row in outline(items) if not row.item.is_heading]
    facts = {item.pk: ItemFacts(item) for item in ordered}
    reports = ProgressReport.objects.filter(item__in=facts, created_at__lt=end).order_by("item", "-created_at", "-id")
    for item_id, percent, narrative, at in reports.values_list("item_id", "percent_done", "narrative", "created_at"):
        one = facts[item_id]
        if not one.narrative:
            one.percent, one.narrative = percent, narrative.strip()
        one.report_times.append(at)
    latest: dict[int, Decimal] = {}
    values = IndicatorValue.objects.filter(indicator__item__in=facts, report__created_at__lt=end)
    for indicator_id, value in values.order_by("indicator", "-report__created_at", "-report_id").values_list(
        "indicator_id", "value"
    ):
        latest.setdefault(indicator_id, value)
    for one in facts.values():
        one.values = [Value(indicator, latest.get(indicator.pk)) for indicator in one.item.indicators.all()]
    return facts


def _timeline(facts: dict[int, ItemFacts], end: datetime.datetime, as_of: datetime.date) -> list[tuple]:
    """Done, late and returned from the timeline, as the computation reads them; returns the events."""
    events = list(
        ItemEvent.objects.filter(item__in=facts, created_at__lt=end, kind__in=FACT_KINDS)
        .order_by("created_at", "id")
        .values_list("item_id", "kind", "created_at", "note", "data")
    )
    for item_id, kind, at, note, _data in events:
        one = facts[item_id]
        if kind == Kind.CLAIMED and one.finished_on is None:
            one.finished_on = timezone.localdate(at)
        elif kind == Kind.VERIFIED:
            one.done = True
        elif kind == Kind.RETURNED:
            one.returns += 1
            one.return_note = note.strip() or one.return_note
        elif kind == Kind.EXTENSION_REQUESTED:
            one.extension_note = note.strip() or one.extension_note
    for one in facts.values():
        deadline = None if one.item.ongoing else one.item.deadline
        one.percent = 100 if one.done else one.percent
        if deadline and one.finished_on and one.finished_on > deadline:
            one.days_late = (one.finished_on - deadline).days
        elif deadline and not one.done and one.finished_on is None and deadline < as_of:
            one.days_overdue = (as_of - deadline).days
    return events


def _overlay_results(facts: dict[int, ItemFacts], assessment: Assessment) -> None:
    """The computed version's facts and points, where it scored the item: what was published stands.
    An item scored per unit is as its units are together: done when every unit is, as far along as
    their mean, as late as the latest, returned as often as all of them, earning their sum."""
    rows = ItemResult.objects.filter(assessment=assessment).values_list(
        "item_id", "done", "percent_done", "days_late", "returns", "earned", "weight"
    )
    by_item: dict[int, list[tuple]] = defaultdict(list)
    for item_id, *values in rows:
        by_item[item_id].append(values)
    for item_id, units in by_item.items():
        one = facts.get(item_id)
        if one is None:
            continue
        one.done = all(done for done, *_rest in units)
        one.percent = sum(row[1] for row in units) // len(units)
        one.days_late = max(row[2] for row in units)
        one.returns = sum(row[3] for row in units)
        one.earned = sum((row[4] for row in units), Decimal(0))
        one.weight = sum((row[5] for row in units), Decimal(0))
        if one.done or one.days_late:
            one.days_overdue = 0


def _sections(plan: WorkPlan, facts: dict[int, ItemFacts]) -> list[Section]:
    by_category: dict[int | None, list[ItemFacts]] = defaultdict(list)
    for one in facts.values():
        by_category[one.item.category_id].append(one)
    sections = [Section(category.name, by_category.get(category.pk, [])) for category in plan.categories.all()]
    if by_category.get(None):
        sections.append(Section("其他工作", by_category[None]))
    return sections


def _leaders(facts: dict[int, ItemFacts], assessment: Assessment | None) -> list[Leader]:
    by_post: dict[int, Leader] = {}
    for one in facts.values():
        post = one.item.lead_leader_post
        if post is not None:
            by_post.setdefault(post.pk, Leader(post, [])).items.append(one)
    if assessment:
        results = PersonResult.objects.filter(assessment=assessment, role=PersonResult.Role.LEADER, post__in=by_post)
        for result in results:
            by_post[result.post_id].result = result
    return sorted(by_post.values(), key=lambda leader: (leader.post.unit.order, leader.post.pk))


def _supervision(facts: dict[int, ItemFacts], events: list[tuple]) -> Supervision:
    supervision = Supervision()
    kinds = Counter(kind for _item, kind, *_rest in events)
    supervision.deployed = len({item_id for item_id, kind, *_rest in events if kind == Kind.DEPLOYED})
    supervision.urged, supervision.returned = kinds[Kind.URGED], kinds[Kind.RETURNED]
    supervision.extensions = kinds[Kind.EXTENSION_APPROVED]
    levels = Counter(data.get("level") for _i, kind, _a, _n, data in events if kind == Kind.ESCALATED)
    supervision.escalations = [
        (EscalationLevel(level).label, n) for level, n in sorted(levels.items()) if level in EscalationLevel.values
    ]
    quarters: dict[tuple[int, int], Quarter] = {}

    def quarter(at: datetime.datetime) -> Quarter:
        day = timezone.localdate(at)
        key = (day.year, (day.month - 1) // 3 + 1)
        return quarters.setdefault(key, Quarter(*key))

    for one in facts.values():  # the reports were read with the items' facts
        for at in one.report_times:
            quarter(at).reports += 1
    for _item, kind, at, _note, _data in events:
        if kind == Kind.VERIFIED:
            quarter(at).verified += 1
        elif kind == Kind.URGED:
            quarter(at).urged += 1
        elif kind == Kind.ESCALATED:
            quarter(at).escalated += 1
    supervision.quarters = [quarters[key] for key in sorted(quarters)]
    return supervision


def _grades(assessment: Assessment) -> tuple[list[tuple[str, int]], list[tuple[str, int, list[tuple[str, int]]]]]:
    """Units per grade, in the bands the version recorded; and, with 考核分组, per group in its bands."""
    rows = (
        UnitResult.objects.filter(assessment=assessment)
        .order_by()
        .values_list("group", "grade")
        .annotate(n=Count("id"))
        .values_list("group", "grade", "n")
    )
    by_group: dict[str, Counter] = defaultdict(Counter)
    for group, grade, n in rows:
        by_group[group][grade] += n
    rules = assessment.frozen_rules()
    every = [rules.bands, *(group.bands for group in rules.groups)]
    names = list(dict.fromkeys(band.name for bands in every for band in bands))
    total = sum(by_group.values(), Counter())
    grades = [(name, total[name]) for name in names if total[name]]
    if not rules.groups:
        return grades, []
    groups = []
    for name in [*(group.name for group in rules.groups), ""]:
        counts = by_group[name]
        if counts:
            bands = rules.grading(name).bands
            groups.append((name, counts.total(), [(b.name, counts[b.name]) for b in bands if counts[b.name]]))
    return grades, groups


# --- numbers and dates, written the Chinese way ---------------------------------------------------

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (headings never run past that)."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def amount(value: Decimal | int) -> str:
    """5000 → 5000, 35000 → 3.5万, 12.50 → 12.5: no trailing zeros, 万 where it reads shorter."""
    value = Decimal(value)
    if value >= 10000:
        tens_of_thousands = (value / 10000).normalize()
        if -tens_of_thousands.as_tuple().exponent <= 2:
            return f"{tens_of_thousands:f}万"
    return f"{value.normalize():f}"


def percent(part: Decimal | int, whole: Decimal | int) -> str:
    ratio = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP)
    return f"{ratio}%"


# --- the sentences --------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？" else f"{text}。"


def value_text(value: Value) -> str:
    """One indicator's latest value against its target: 主题法治宣传36场次，完成目标30场次的120%."""
    indicator, unit = value.indicator, value.indicator.unit
    target = f"{amount(indicator.target_value)}{unit}"
    if value.value is None:
        return f"{indicator.name}尚未填报实际值（目标{target}）"
    actual = f"{indicator.name}{amount(value.value)}{unit}"
    if indicator.comparator == Indicator.Comparator.AT_MOST:
        verdict = f"控制在目标{target}以内" if value.reached else f"超出目标上限{target}"
        return f"{actual}，{verdict}"
    if unit == "%" or not indicator.target_value:
        return f"{actual}，{'达到' if value.reached else '未达到'}目标{target}"
    return f"{actual}，完成目标{target}的{percent(value.value, indicator.target_value)}"


OPEN_STATES = {
    ItemStatus.DEPLOYING: "尚未部署交办",
    ItemStatus.SENT_BACK: "被责任单位退回，待重新部署",
    ItemStatus.ACCEPTING: "已部署交办，待责任单位签收",
    ItemStatus.EXTENSION_REQUESTED: "正在办理并已申请延期",
    ItemStatus.RECTIFYING: "经督查核验退回，正在整改",
}


def status_text(facts: ItemFacts) -> str:
    """Where the item stands: done (on time, late, after rectification), or open and how far."""
    when = f"于{date_cn(facts.finished_on, year=False)}" if facts.finished_on else ""
    if facts.done:
        on_time = not facts.days_late and facts.item.deadline and not facts.item.ongoing and facts.finished_on
        text = f"该项任务已{when}{'按期' if on_time else ''}办结"
        if facts.days_late:
            text += f"，逾期{facts.days_late}天"
        if facts.returns:
            text += f"，其间经督查核验退回整改{facts.returns}次"
        return text + "。"
    if facts.item.status == ItemStatus.CLAIMED:
        return f"该项任务已{when}申请办结，待督查核验。"
    text = f"该项任务{OPEN_STATES.get(facts.item.status, '正在办理')}"
    if facts.item.status not in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK, ItemStatus.ACCEPTING):
        text += f"，完成进度{facts.percent}%"
    if facts.days_overdue:
        text += f"，已逾期{facts.days_overdue}天"
    return text + "。"


def item_paragraph(number: int, facts: ItemFacts, period: str) -> str:
    parts = [f"{number}.{_sentence(facts.item.title)}"]
    if facts.narrative:
        parts.append(_sentence(facts.narrative))
    reported = [value for value in facts.values if value.value is not None]
    if reported:
        parts.append(period + "；".join(value_text(value) for value in reported) + "。")
    missing = [value.indicator.name for value in facts.values if value.value is None]
    if missing:
        parts.append(f"{'、'.join(missing)}{'等指标' if len(missing) > 1 else '指标'}尚未填报实际值。")
    if not facts.narrative and not reported:
        parts.append("本年度未收到该项任务的进度反馈。")
    parts.append(status_text(facts))
    return "".join(parts)


def section_summary(section: Section) -> str:
    if not section.items:
        return "本年度工作要点未在该方面安排任务，暂无相关数据。"
    total, done = len(section.items), section.done
    text = f"该方面共有任务{total}项，已办结{done}项"
    if done < total:
        text += f"，办结率{percent(done, total)}"
    return text + "。"


def opening(report: AnnualReport) -> str:
    return f"按照有关规定，现将{report.organisation}{report.plan.year}年度法治政府建设情况报告如下："


def overview(report: AnnualReport) -> str:
    items, year = report.items, report.plan.year
    if not items:
        return f"{year}年，{report.organisation}制定了《{report.plan.title}》，尚未部署具体任务，暂无推进数据。"
    done = sum(facts.done for facts in items)
    counted = [section for section in report.sections if section.items]
    year_end = report.as_of == datetime.date(year, 12, 31)
    until = "年底" if year_end else date_cn(report.as_of)
    return (
        f"{year}年，{report.organisation}以《{report.plan.title}》为抓手，将全年工作分解为{len(counted)}个方面"
        f"{len(items)}项任务，截至{until}已办结{done}项，办结率{percent(done, len(items))}。各方面推进情况如下："
    )


def _tally(items: list[ItemFacts]) -> str:
    done = sum(facts.done for facts in items)
    late = sum(facts.late for facts in items)
    returns = sum(facts.returns for facts in items)
    text = f"牵头任务{len(items)}项，已办结{done}项"
    if late:
        text += f"，逾期{late}项"
    if returns:
        text += f"，退回整改{returns}次"
    return text


def leader_paragraph(number: int, leader: Leader) -> str:
    text = f"{number}.{leader.name}：{_tally(leader.items)}"
    result = leader.result
    if result is not None:
        text += f"；年度考核得分{amount(result.total)}分"
        if result.grade:
            text += f"，等次为{result.grade}"
        if result.rank:
            text += f"，排名第{result.rank}"
    return text + "。"


def responsibility_paragraph(report: AnnualReport) -> str:
    items = [facts.item for facts in report.items]
    with_leader = sum(item.lead_leader_post_id is not None for item in items)
    with_unit = sum(bool(item.responsible_units.all()) or item.lead_unit_id is not None for item in items)
    with_deadline = sum(item.ongoing or item.deadline is not None for item in items)
    return (
        f"制定《{report.plan.title}》，将全年任务分解为{len(items)}项，其中明确牵头领导的{with_leader}项、"
        f"明确责任单位的{with_unit}项、明确完成时限（含长期坚持）的{with_deadline}项；"
        f"已部署交办{report.supervision.deployed}项。"
    )


def supervision_paragraph(supervision: Supervision) -> str:
    text = f"全年催办{supervision.urged}次"
    if supervision.escalations:
        steps = "、".join(f"{label}{n}次" for label, n in supervision.escalations)
        text += f"，督办升级{sum(n for _label, n in supervision.escalations)}次（其中{steps}）"
    else:
        text += "，未发生督办升级"
    return text + f"；督查核验退回整改{supervision.returned}次，批准延期{supervision.extensions}次。"


def quarter_text(quarter: Quarter) -> str:
    name = f"{quarter.year}年第{chinese_number(quarter.quarter)}季度"
    parts = [f"收到进度反馈{quarter.reports}份", f"核验办结{quarter.verified}项"]
    if quarter.urged:
        parts.append(f"催办{quarter.urged}次")
    if quarter.escalated:
        parts.append(f"督办升级{quarter.escalated}次")
    return name + "，".join(parts)


def quarters_paragraph(supervision: Supervision) -> str:
    if not supervision.quarters:
        return "各季度均无进度反馈和督办记录。"
    return "按季度汇总督办情况：" + "；".join(quarter_text(q) for q in supervision.quarters) + "。"


def results_paragraph(report: AnnualReport) -> str:
    assessment = report.assessment
    if assessment is None:
        return "本年度尚未计算考核结果，以上情况依据任务办理记录统计。"
    state = f"已于{date_cn(timezone.localdate(assessment.published_at))}发布" if assessment.is_published else "待发布"
    text = f"依据《{assessment.scheme.title}》计算年度考核结果（第{assessment.version}版，{state}）"
    units = sum(n for _grade, n in report.grades)
    if units:
        grades = "、".join(f"{grade}{n}个" for grade, n in report.grades)
        text += f"，参评单位{units}个，其中{grades}"
    if report.group_grades:
        text += "；分组考核：" + "，".join(group_grades_text(*group) for group in report.group_grades)
    proposed, decided = report.proposals
    if proposed:
        text += f"；提出奖惩建议{proposed}项，党工委已审定{decided}项"
    return text + "。"


def group_grades_text(group: str, units: int, grades: list[tuple[str, int]]) -> str:
    """“社区”组3个（好1个、中2个）, or 未分组单位1个（良好1个）: one 考核分组's units, each ranked within it."""
    who = f"“{group}”组" if group else "未分组单位"
    if not grades:
        return f"{who}{units}个"
    return f"{who}{units}个（" + "、".join(f"{grade}{n}个" for grade, n in grades) + "）"


# --- 三 and 四 --------------------------------------------------------------------------------------


def shortcomings(report: AnnualReport) -> list[str]:
    """The paragraphs of part 三: each kind of shortfall with the items that show it, by name."""
    items = report.items
    found = []
    late = [facts for facts in items if facts.late]
    if late:
        found.append(("部分任务未能按期完成。", "；".join(_late_text(facts, report.as_of) for facts in late)))
    returned = [facts for facts in items if facts.returns]
    if returned:
        found.append(("部分任务办理质量有待提高。", "；".join(_returned_text(facts) for facts in returned)))
    red = [facts for facts in items if facts.red]
    if red:
        found.append(("部分任务亮红灯。", "；".join(_red_text(facts) for facts in red)))
    open_ = [facts for facts in items if not facts.done]
    if open_:
        names = "、".join(_open_name(facts) for facts in open_)
        found.append(("部分任务尚未办结。", f"截至{date_cn(report.as_of)}，尚有{len(open_)}项任务未办结：{names}"))
    missed = [_missed_text(facts) for facts in items if _missed(facts)]
    if missed:
        found.append(("部分量化指标未达到目标。", "。".join(missed)))
    return [f"{number}.{head}{_sentence(body)}" for number, (head, body) in enumerate(found, start=1)]


def _open_name(facts: ItemFacts) -> str:
    state = f"{facts.item.get_status_display()}，进度{facts.percent}%"
    return f"{facts.name}（{facts.units}，{state}）" if facts.units else f"{facts.name}（{state}）"


def _late_text(facts: ItemFacts, as_of: datetime.date) -> str:
    if facts.days_late:
        text = f"{facts.named}逾期{facts.days_late}天申请办结"
    else:
        text = f"{facts.named}截至{date_cn(as_of)}已逾期{facts.days_overdue}天，尚未办结"
    if facts.extension_note:
        text += f"（申请延期理由：{facts.extension_note.rstrip('。')}）"
    return text


def _returned_text(facts: ItemFacts) -> str:
    text = f"{facts.named}经督查核验退回整改{facts.returns}次"
    if facts.return_note:
        text += f"，整改要求：{facts.return_note.rstrip('。')}"
    return text


def _red_text(facts: ItemFacts) -> str:
    reason = facts.item.rag_reason
    label = RagReason(reason).label if reason in RagReason.values else ""
    return f"{facts.named}亮红灯（{label}）" if label else f"{facts.named}亮红灯"


def _missed(facts: ItemFacts) -> list[Value]:
    # A value not yet reported is missing work, already named above while the item is open.
    return [value for value in facts.values if not value.reached and (value.value is not None or facts.done)]


def _missed_text(facts: ItemFacts) -> str:
    return f"{facts.name}的" + "；".join(value_text(value) for value in _missed(facts))


def next_year(report: AnnualReport) -> list[tuple[str, list[str]]]:
    """Part 四's draft: (heading, paragraphs) from the weakest categories and the open or late items."""
    parts = []
    weakest = [section for section in report.sections if section.items and section.weakness[0] < 1]
    weakest = sorted(weakest, key=lambda section: section.weakness)[:3]
    if weakest:
        parts.append(("补齐薄弱环节", [_weak_text(section, report.plan.year) for section in weakest]))
    open_ = [facts for facts in report.items if not facts.done]
    if open_:
        parts.append(("推进未完成任务落实", [_open_text(facts) for facts in open_]))
    troubled = [facts for facts in report.items if facts.late or facts.returns]
    if troubled:
        names = "".join(facts.name for facts in troubled)
        parts.append(
            (
                "加强督查督办",
                [f"对本年度逾期或退回整改的{names}等任务，加强进度调度和跟踪督办，确保按期保质完成，防止问题反弹。"],
            )
        )
    return parts


def _weak_text(section: Section, year: int) -> str:
    text = f"{section.name}方面本年度办结{section.done}项、共{len(section.items)}项"
    rate = section.score_rate
    if rate is not None:
        text += f"，考核得分率{percent(rate, 1)}"
    pending = [facts.name for facts in section.items if not facts.done or facts.late or facts.returns]
    if pending:
        text += f"，{year + 1}年着力推进{''.join(pending)}等任务落实"
    return text + "。"


def _open_text(facts: ItemFacts) -> str:
    """A next step that follows from where the item stands."""
    unit = facts.item.lead_unit.name if facts.item.lead_unit else facts.units
    name = f"{facts.name}（{unit}牵头）" if unit else facts.name
    status = facts.item.status
    if status in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK):
        return f"尽快部署交办{name}，明确责任单位、责任人和完成时限。"
    if status == ItemStatus.ACCEPTING:
        return f"督促责任单位签收{name}，按计划推进。"
    if status == ItemStatus.CLAIMED:
        return f"抓紧完成{name}的督查核验，核验通过后办结销号。"
    if status == ItemStatus.RECTIFYING:
        return f"督促{name}按整改要求完成整改，重新申请核验。"
    return f"继续推进{name}，当前完成进度{facts.percent}%，确保按期办结。"


# --- the document ---------------------------------------------------------------------------------

# The report goes up to a superior that no record names: the office fills it in.
ADDRESSEE = "【请填写主送机关】："
DRAFT_NOTE = (
    "【草稿】以下要点由系统根据本年度未办结、逾期、退回整改事项和完成情况较弱的方面生成，"
    "请法治办结合实际修改完善后使用。"
)


def as_docx(report: AnnualReport) -> bytes:
    """The report as a Word document in the 公文 format, for the office to finish (its 文号 is the
    office's to give, so the draft has none)."""
    with override("zh-hans"):
        writer = gongwen.Document(title=report.title, author=report.organisation)
        writer.title(report.title)
        writer.note(ADDRESSEE)
        writer.paragraph(opening(report))
        _part_one(writer, report)
        _part_two(writer, report)
        _part_three(writer, report)
        _part_four(writer, report)
        writer.signature(report.organisation, timezone.localdate())
        return writer.save()


def _part_one(writer: gongwen.Document, report: AnnualReport) -> None:
    year = report.plan.year
    writer.heading(f"一、{year}年推进法治政府建设的主要举措和成效", level=1)
    writer.paragraph(overview(report))
    period = "全年" if report.whole_year else f"截至{date_cn(report.as_of, year=False)}，"
    for number, section in enumerate(report.sections, start=1):
        name = section.name if section.name.endswith("情况") else f"{section.name}情况"
        writer.heading(f"（{chinese_number(number)}）{name}", level=2)
        writer.paragraph(section_summary(section))
        for n, facts in enumerate(section.items, start=1):
            writer.paragraph(item_paragraph(n, facts, period))


def _part_two(writer: gongwen.Document, report: AnnualReport) -> None:
    year = report.plan.year
    writer.heading(f"二、{year}年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", level=1)
    writer.heading("（一）压实工作责任", level=2)
    writer.paragraph(responsibility_paragraph(report))
    writer.heading("（二）牵头领导履职情况", level=2)
    for number, leader in enumerate(report.leaders, start=1):
        writer.paragraph(leader_paragraph(number, leader))
    if not report.leaders:
        writer.paragraph("本年度任务均未明确牵头领导，暂无相关数据。")
    writer.heading("（三）督查督办情况", level=2)
    writer.paragraph(supervision_paragraph(report.supervision))
    writer.paragraph(quarters_paragraph(report.supervision))
    writer.heading("（四）考核奖惩情况", level=2)
    writer.paragraph(results_paragraph(report))


def _part_three(writer: gongwen.Document, report: AnnualReport) -> None:
    writer.heading(f"三、{report.plan.year}年推进法治政府建设存在的不足和原因", level=1)
    found = shortcomings(report)
    for text in found:
        writer.paragraph(text)
    if not found:
        writer.paragraph("本年度各项任务均已按期办结，未发现红灯、逾期、退回整改、未办结或量化指标未达标的情况。")


def _part_four(writer: gongwen.Document, report: AnnualReport) -> None:
    writer.heading(f"四、{report.plan.year + 1}年推进法治政府建设的工作思路（草稿）", level=1)
    writer.note(DRAFT_NOTE)
    parts = next_year(report)
    for number, (heading, paragraphs) in enumerate(parts, start=1):
        writer.heading(f"（{chinese_number(number)}）{heading}", level=2)
        for n, text in enumerate(paragraphs, start=1):
            writer.paragraph(f"{n}.{text}" if len(paragraphs) > 1 else text)
    if not parts:
        writer.paragraph("本年度各项任务均已办结，暂无需要延续推进的事项，请结合下一年度工作要点补充。")


def file_name(plan: WorkPlan) -> str:
    return f"{plan.organisation.name}{plan.year}年度法治政府建设情况报告.docx"


def build(plan: WorkPlan) -> bytes:
    """The draft for ``plan`` from its latest results, or from the facts alone."""
    return as_docx(draft(plan))
