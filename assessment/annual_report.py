"""The annual report (年度法治政府建设情况报告), drafted from the data in the seed's structure.

一、主要举措和成效: one section per category of the plan, in its order, with the year's indicator values
written into sentences; 二、第一责任人履职情况: the lead leaders' items and results, and the committee's
supervision; 三、存在的不足和原因: red, late, returned and unfinished items, by name; 四、下一年度工作思路:
a draft for the office to edit.

Every sentence comes from a fact, and a category without data says so. This module gathers the
facts (``report_facts``: one named field per fact) and lays out the document; the sentences are
``report_sentences``, one function per kind. The text is data in Chinese,
like the document it stands in for, not a page in the reader's language. When the year has been
computed, facts are read as they stood at the end of the results' ``as_of`` (the latest published
version, else the latest draft), so that the report and the scores agree; without results, every
fact recorded so far.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from config import gongwen
from config.gongwen import date_cn
from responsibility import deadlines
from responsibility.models import (
    EscalationLevel,
    IndicatorValue,
    ItemEvent,
    ItemStatus,
    ProgressReport,
    ResponsibilityItem,
    WorkPlan,
    outline,
)
from responsibility.models.org import UnitNotFound, unit_named

from .models import Assessment, ItemResult, PersonResult, RewardProposal, Scheme, UnitResult
from .report_facts import AnnualReport, ItemFacts, Leader, Quarter, Section, Supervision, Value
from .report_sentences import (  # noqa: F401 (amount, percent: the report's number style, used by its callers)
    amount,
    chinese_number,
    item_paragraph,
    leader_paragraph,
    next_year,
    opening,
    overview,
    percent,
    quarters_paragraph,
    responsibility_paragraph,
    results_paragraph,
    section_summary,
    shortcomings,
    supervision_paragraph,
)

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
    for item_id, done, narrative, at in reports.values_list("item_id", "percent_done", "narrative", "created_at"):
        one = facts[item_id]
        if not one.narrative:
            one.percent, one.narrative = done, narrative.strip()
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
        if one.finished_on is not None:
            one.days_late = deadlines.days_past(deadline, one.finished_on)
        elif not one.done:
            one.days_overdue = deadlines.days_past(deadline, as_of)
    return events


def _overlay_results(facts: dict[int, ItemFacts], assessment: Assessment) -> None:
    """The computed version's facts and points, where it scored the item: what was published stands.
    An item scored per unit is as its units are together: done when every unit is, as far along as
    their mean, returned as often as all of them, earning their sum.

    A version's ``days_late`` means two things: for a part done, the days its claim came after the
    deadline; for a part not done, the days it has been overdue at ``as_of``, claimed or not. So a
    done item is as late as its latest part's claim; an open item keeps the timeline's facts (a claim
    made late, or days overdue without one), never a late claim it did not make."""
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
        one.returns = sum(row[3] for row in units)
        one.earned = sum((row[4] for row in units), Decimal(0))
        one.weight = sum((row[5] for row in units), Decimal(0))
        if one.done:
            one.days_late, one.days_overdue = max(row[2] for row in units), 0


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
