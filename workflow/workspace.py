"""The workspace (工作台): for each role the user holds, what to do next, read from the stored facts.

One section per role, in a fixed order; someone holding several posts sees the sections of each.
Every section is a handful of queries whatever the number of items: counts are aggregated in the
database, lists are cut to a few rows and link to the full, paginated page. Who may see which item
is asked of ``responsibility.permissions`` and which result of ``assessment.access``, as the
pages do, so a section never shows what its page would refuse.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessment import access
from assessment.models import Assessment, RewardProposal, Scheme, SchemeIndicator, ScoreEvent, UnitResult
from responsibility import deadlines, permissions
from responsibility.models import (
    Category,
    ItemStatus,
    PlanImport,
    Post,
    Rag,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from responsibility.models.plan import rag_rank
from responsibility.organisation import units_in

from . import board, lights, services, summary, task_lists
from .task_parts import TaskParts

Role = Post.Role

# The sections in the order they are shown, and the post roles that open each.
SECTIONS: dict[str, set[str]] = {
    "committee": {Role.COMMITTEE},
    "office": {Role.OFFICE},
    "leader": {Role.LEADER},
    "official": {Role.OFFICIAL, Role.UNIT_HEAD},
    "scorer": set(),  # opened by a post in a 评分责任单位 (考核评分), whatever its role
    "inspector": {Role.INSPECTOR},
    "assessor": {Role.ASSESSOR},
}
SHOWN = 8  # rows of a list in a section; the rest are one click away
RANKED = 10  # units shown of the score ranking


def sections_of(user) -> list[str]:
    """The sections the user's posts open (one query): a post's role, and also the leader's section
    for whoever leads items, the official's for whoever answers for items, and the scorer's for whoever
    holds a post in a unit that scores indicators (评分责任单位), whatever the post."""
    if not user.is_authenticated:
        return []
    # Whether he leads (answers for) any item, asked once of the items of all his posts: asked per
    # post, the planner guesses a post leads a quarter of the items and scans them all for a post
    # that leads none (the office's).
    posts = Post.objects.filter(holder=user).annotate(
        leads=Exists(ResponsibilityItem.objects.filter(lead_leader_post__holder=user)),
        answers=Exists(ResponsibilityItem.objects.filter(responsible_post__holder=user)),
        scores=Exists(SchemeIndicator.objects.filter(SchemeIndicator.scored_on_page(), scorer=OuterRef("unit"))),
    )
    roles: set[str] = set()
    for role, leads, answers, scores in posts.values_list("role", "leads", "answers", "scores"):
        roles.update(name for name, opening in SECTIONS.items() if role in opening)
        if leads:
            roles.add("leader")
        if answers:
            roles.add("official")
        if scores:
            roles.add("scorer")
    return [name for name in SECTIONS if name in roles]


# --- shared pieces ----------------------------------------------------------------------------------------


@dataclass
class LightCounts:
    name: str
    total: int
    closed: int
    red: int
    yellow: int
    green: int
    percent_done: int  # the mean progress of the items

    @property
    def completion(self) -> int:
        """Closed items as a percentage of all (办结率)."""
        return round(100 * self.closed / self.total) if self.total else 0


# The two groupings the committee's section shows: the item's key and the model it names.
BY_CATEGORY = ("category_id", Category)
BY_LEAD_UNIT = ("lead_unit_id", Unit)


def _light_counts(items: QuerySet[ResponsibilityItem], *groupings: tuple[str, type]) -> list[list[LightCounts]]:
    """The items' lights per group of each grouping, from one grouped query over every grouping's key
    at once, read off an index alone (``plan_lights``): a plan's items are read once, not once a
    grouping, and the groups' names are joined to the few groups, not to every item."""
    keys = [key for key, _model in groupings]
    rows = list(
        items.order_by()
        .values(*keys)
        .annotate(
            total=Count("id"),
            closed=Count("id", filter=Q(status=ItemStatus.CLOSED)),
            **lights.light_counts(),
            done=Sum("percent_done"),
        )
    )
    sums: list[dict] = [{} for _grouping in groupings]
    for row in rows:
        for key, found in zip(keys, sums, strict=True):
            line = found.setdefault(row[key], dict.fromkeys(("total", "closed", "red", "yellow", "green", "done"), 0))
            for name in line:
                line[name] += row[name] or 0
    labels = _labels(
        [(model, [pk for pk in found if pk is not None]) for (_key, model), found in zip(groupings, sums, strict=True)]
    )
    return [_lines(found, labels[index]) for index, found in enumerate(sums)]


def _labels(wanted: list[tuple[type, list[int]]]) -> list[dict[int, tuple[str, int]]]:
    """Each grouping's groups' (name, order) by key, in one query over the groupings' tables."""
    queries = [
        model.objects.filter(pk__in=pks)
        .annotate(grouping=Value(index))
        .values_list("grouping", "pk", "name", "order")
        .order_by()
        for index, (model, pks) in enumerate(wanted)
        if pks
    ]
    found: list[dict[int, tuple[str, int]]] = [{} for _wanted in wanted]
    if queries:
        union = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        for grouping, pk, name, order in union:
            found[grouping][pk] = (name, order)
    return found


def _lines(found: dict, labels: dict[int, tuple[str, int]]) -> list[LightCounts]:
    # Groups by their order (no group: last), then by key, as the items' own ordering would.
    def label(key: int | None) -> tuple[str, int]:
        return labels.get(key, ("—", 0)) if key is not None else ("—", 0)

    return [
        LightCounts(
            label(key)[0],
            line["total"],
            line["closed"],
            line["red"],
            line["yellow"],
            line["green"],
            round(line["done"] / line["total"]) if line["total"] else 0,
        )
        for key, line in sorted(found.items(), key=lambda pair: (pair[0] is None, label(pair[0])[1], pair[0] or 0))
    ]


def current_plans(user) -> QuerySet[WorkPlan]:
    plans = permissions.visible_plans(user).exclude(status=WorkPlan.Status.DRAFT)
    return plans.select_related("organisation").order_by("-year", "-id")


def latest_results(user) -> Assessment | None:
    """The results the workspace quotes: the latest published version, else the latest one the user
    may see (a draft shows the insiders where the year stands)."""
    if not access.is_insider(user):
        return None
    versions = Assessment.objects.filter(scheme__in=access.schemes_for(user)).select_related("scheme")
    published = versions.filter(status=Assessment.Status.PUBLISHED)
    found = published.order_by("-scheme__year", "-published_at", "-version").first()
    return found or versions.order_by("-scheme__year", "-computed_at", "-version").first()


@dataclass
class Ranking:
    assessment: Assessment | None
    rows: list[UnitResult] = field(default_factory=list)
    total: int = 0


def ranking(user) -> Ranking:
    assessment = latest_results(user)
    if assessment is None:
        return Ranking(None)
    rows = access.visible_unit_results(user, assessment).select_related("unit").order_by("order", "id")
    shown = list(rows[:RANKED])
    return Ranking(assessment, shown, len(shown) if len(shown) < RANKED else rows.count())


@dataclass
class Tasks:
    """The user's tasks (``services.my_tasks``, not read) and how many wait at each step: ``parts``
    for lists in the tasks' own order (each part the first rows of its index), ``query`` (the parts
    as one) for counting and for lists in another order."""

    query: QuerySet
    counted: dict[tuple[str, bool], int]
    parts: TaskParts

    def total(self, *names: str, sent_back: bool | None = None) -> int:
        return task_lists.total(self.counted, *names, sent_back=sent_back)

    def soonest(self, *names: str) -> task_lists.TaskList:
        """The first of these steps' tasks, soonest due first, and how many."""
        query = task_lists.by_due_date(task_lists.of_steps(self.query, *names))
        return task_lists.firsts(SHOWN, (query, self.total(*names)))[0]


# --- the sections -------------------------------------------------------------------------------------------


@dataclass
class Committee:
    plan: WorkPlan | None
    plans: list[WorkPlan]
    categories: list[LightCounts]
    units: list[LightCounts]
    totals: LightCounts | None
    quarter: str
    trend: list[lights.LightPoint]
    ranking: Ranking
    to_publish: list[Assessment]
    proposals: list[dict]

    @property
    def chart_categories(self) -> dict:
        """The categories' lights for the bar chart (the table beside it holds the same numbers)."""
        return _chart([line.name for line in self.categories], self.categories)

    @property
    def chart_trend(self) -> dict:
        return _chart([date_format(point.day, "MONTH_DAY_FORMAT") for point in self.trend], self.trend)


def _chart(labels: list[str], rows) -> dict:
    names = {"red": _("红灯"), "yellow": _("黄灯"), "green": _("绿灯")}
    return {
        "labels": labels,
        "series": [
            {"key": key, "label": str(name), "data": [getattr(row, key) for row in rows]} for key, name in names.items()
        ],
    }


def committee(user, plan_id: str | None, today: datetime.date, results: Ranking | None = None) -> Committee:
    plans = list(current_plans(user))
    plan = next((p for p in plans if str(p.pk) == plan_id), plans[0] if plans else None)
    categories, units, totals, trend = [], [], None, []
    year, quarter = summary.quarter_of(today)
    if plan is not None:
        items = permissions.visible_items(user).filter(plan=plan, is_heading=False).exclude(status=ItemStatus.DRAFT)
        categories, units = _light_counts(items, BY_CATEGORY, BY_LEAD_UNIT)
        totals = _sum(categories)
        start, end = summary.bounds(year, quarter)
        trend = lights.series(plan, start, min(end, today))
    return Committee(
        plan=plan,
        plans=plans,
        categories=categories,
        units=units,
        totals=totals,
        quarter=f"{year} {summary.quarter_name(quarter)}",
        trend=trend,
        ranking=results or ranking(user),
        to_publish=_to_publish(user),
        proposals=_proposals(user),
    )


def _sum(lines: list[LightCounts]) -> LightCounts | None:
    if not lines:
        return None
    total = sum(line.total for line in lines)
    mean = round(sum(line.percent_done * line.total for line in lines) / total) if total else 0
    return LightCounts(
        "",
        total,
        sum(line.closed for line in lines),
        sum(line.red for line in lines),
        sum(line.yellow for line in lines),
        sum(line.green for line in lines),
        mean,
    )


def _to_publish(user) -> list[Assessment]:
    """Each scheme's latest version while it is a draft: the results waiting to be published."""
    if not access.has(user, access.PUBLISH):
        return []
    later = Assessment.objects.filter(scheme=OuterRef("scheme"), version__gt=OuterRef("version"))
    drafts = Assessment.objects.filter(status=Assessment.Status.DRAFT).exclude(Exists(later))
    where = access.organisations_with(user, access.PUBLISH)
    if where is not None:
        drafts = drafts.filter(scheme__organisation_id__in=sorted(where))
    return list(drafts.select_related("scheme").order_by("-scheme__year", "scheme_id")[:SHOWN])


def _proposals(user) -> list[dict]:
    """Reward proposals waiting for the committee's decision, counted per result version."""
    if not access.has(user, access.DECIDE):
        return []
    proposals = RewardProposal.objects.filter(status=RewardProposal.Status.PROPOSED)
    where = access.organisations_with(user, access.DECIDE)
    if where is not None:
        proposals = proposals.filter(assessment__scheme__organisation_id__in=sorted(where))
    rows = (
        proposals.values("assessment_id", "assessment__scheme__title", "assessment__version")
        .annotate(n=Count("id"))
        .order_by("-assessment_id")
    )
    return list(rows[:SHOWN])


@dataclass
class Office:
    plans: list[WorkPlan]
    imports: list[PlanImport]
    to_deploy: task_lists.TaskList
    extensions: task_lists.TaskList
    sent_back: task_lists.TaskList
    # A new office's first days: no post that work can be given to yet, so a plan imported now would
    # name units and people nobody can map it to; the roster comes first.
    needs_roster: bool


def _count(condition: Q) -> Coalesce:
    """How many of the plan's items meet ``condition``, as an annotation of a plan."""
    items = ResponsibilityItem.objects.filter(condition, plan=OuterRef("pk")).order_by().values("plan")
    return Coalesce(Subquery(items.annotate(n=Count("id")).values("n")), 0)


def office(user, tasks: Tasks) -> Office:
    # Counted for the plans shown only (a subquery each, after the limit), not joined to every item.
    plans = (
        permissions.visible_plans(user, permissions.DEPLOY)
        .select_related("organisation")
        .annotate(
            leaf_count=_count(Q(is_heading=False)),
            draft_count=_count(Q(is_heading=False, status=ItemStatus.DRAFT)),
        )
    )
    organisations = permissions.organisations_for(user, permissions.DEPLOY)
    imports = PlanImport.objects.exclude(status=PlanImport.Status.DONE).filter(organisation__in=organisations)
    imports = imports.select_related("organisation")
    # Read part by part, oldest first (``task_parts``): the parts as one query matched no index in
    # order, and the office's whole pool (1,000 deploy steps) was read and sorted for its first eight.
    parts = tasks.parts
    to_deploy, extensions, sent_back = task_lists.firsts(
        SHOWN,
        (parts.map(_to_deploy), tasks.total("deploy", sent_back=False)),
        (parts.map(lambda part: task_lists.of_steps(part, "decide_extension")), tasks.total("decide_extension")),
        (parts.map(_sent_back), tasks.total("redeploy") + tasks.total("deploy", sent_back=True)),
    )
    return Office(
        plans=list(plans.order_by("-year", "-id")[:SHOWN]),
        imports=list(imports.order_by("-id")[:SHOWN]),
        to_deploy=to_deploy,
        extensions=extensions,
        sent_back=sent_back,
        needs_roster=not Post.objects.filter(
            role__in=[Post.Role.OFFICIAL, Post.Role.UNIT_HEAD],
            unit__in=units_in(organisations.values_list("pk", flat=True)),
        ).exists(),
    )


def _to_deploy(tasks: QuerySet) -> QuerySet:
    return task_lists.on_items(task_lists.of_steps(tasks, "deploy"), task_lists.SENT_BACK, negated=True)


def _sent_back(tasks: QuerySet) -> QuerySet:
    """A unit's send-back waits at 重新交办 (redeploy); an item sent back whole, at deploy again."""
    deploy = task_lists.of_steps(tasks, "deploy")
    return task_lists.of_steps(tasks, "redeploy") | task_lists.on_items(deploy, task_lists.SENT_BACK)


@dataclass
class Leader:
    total: int
    by_status: list[tuple[str, str, int]]  # (status, label, count)
    lights: dict[str, int]
    items: list[ResponsibilityItem]
    late: list[ResponsibilityItem]
    late_count: int


def led_items(user) -> QuerySet[ResponsibilityItem]:
    return permissions.visible_items(user).filter(lead_leader_post__holder=user, is_heading=False)


def leader(user, today: datetime.date) -> Leader:
    items = led_items(user).exclude(status=ItemStatus.DRAFT)
    counted = {
        row["status"]: row
        for row in items.order_by()
        .values("status")
        .annotate(
            n=Count("id"),
            **lights.light_counts(),
            late=Count("id", filter=deadlines.overdue_q(today)),
        )
    }
    related = items.select_related(
        "plan", "category", "lead_unit", "responsible_post__unit", "responsible_post__holder"
    )
    late = list(related.filter(deadlines.overdue_q(today)).order_by("due_by", "id")[:SHOWN])
    shown = list(related.alias(rank=rag_rank()).order_by("rank", "due_by", "id")[:SHOWN])
    board.attach_units([*shown, *late])
    return Leader(
        total=sum(row["n"] for row in counted.values()),
        by_status=[(s, label, counted[s]["n"]) for s, label in ItemStatus.choices if s in counted],
        lights={name: sum(row[name] for row in counted.values()) for name in ("red", "yellow", "green")},
        items=shown,
        late=late,
        late_count=sum(row["late"] for row in counted.values()),
    )


@dataclass
class Official:
    tasks: task_lists.TaskList
    items: int


def official(user, tasks: Tasks) -> Official:
    mine = permissions.visible_items(user).filter(responsible_post__holder=user, is_heading=False)
    return Official(
        tasks=tasks.soonest("accept", "work", "rectify", "contribute"),
        items=mine.exclude(status=ItemStatus.DRAFT).count(),
    )


@dataclass
class Inspector:
    counts: dict[str, int]
    reddest: list[ResponsibilityItem]
    to_verify: task_lists.TaskList


def inspector(user, tasks: Tasks) -> Inspector:
    items = board.board_items(user, {}) if permissions.can_supervise(user) else ResponsibilityItem.objects.none()
    reddest = list(items.filter(rag__in=[Rag.RED, Rag.YELLOW]).select_related("responsible_post__unit")[:SHOWN])
    board.attach_units(reddest)
    return Inspector(
        counts=board.counts(items),
        reddest=reddest,
        to_verify=tasks.soonest("verify"),
    )


@dataclass
class Assessor:
    to_score: task_lists.TaskList
    schemes: list[Scheme]
    results: Ranking


def assessor(user, tasks: Tasks, results: Ranking | None = None) -> Assessor:
    """Items to score, each scheme's events (the latest years first), and the results to quote."""
    events = ScoreEvent.objects.filter(scheme=OuterRef("pk")).order_by().values("scheme")
    event_count = events.annotate(n=Count("id")).values("n")
    schemes = (
        access.schemes_for(user)
        .select_related("organisation")
        .annotate(events_recorded=event_count)
        .order_by("-year", "id")
    )
    return Assessor(to_score=tasks.soonest("assess"), schemes=list(schemes[:SHOWN]), results=results or ranking(user))


@dataclass
class Scorer:
    schemes: list[dict]  # per scheme (latest years first): id, year, title and n, the indicators scored


def scorer(user) -> Scorer:
    """考核评分: the schemes with indicators the user's units score, and how many, for the link to the
    scoring page, which shows him those (``assessment.access.scored_by``)."""
    rows = (
        access.scored_by(user)
        .order_by()
        .values("category__scheme", "category__scheme__year", "category__scheme__title")
        .annotate(n=Count("id"))
        .order_by("-category__scheme__year", "category__scheme")
    )
    return Scorer(
        [
            {
                "id": row["category__scheme"],
                "year": row["category__scheme__year"],
                "title": row["category__scheme__title"],
                "n": row["n"],
            }
            for row in rows[:SHOWN]
        ]
    )


# --- the whole page -------------------------------------------------------------------------------------


@dataclass
class Workspace:
    sections: list[str]
    tasks: int = 0
    committee: Committee | None = None
    office: Office | None = None
    leader: Leader | None = None
    official: Official | None = None
    inspector: Inspector | None = None
    assessor: Assessor | None = None
    scorer: Scorer | None = None


def build(user, plan_id: str | None = None, today: datetime.date | None = None) -> Workspace:
    today = today or timezone.localdate()
    workspace = Workspace(sections_of(user))
    if not workspace.sections:
        return workspace
    parts = services.my_tasks(user)
    tasks = Tasks(parts.all, task_lists.counts(parts.all), parts)
    workspace.tasks = tasks.total()
    # The committee's and the assessor's sections show the same ranking: read it once.
    results = ranking(user) if {"committee", "assessor"} <= set(workspace.sections) else None
    for name in workspace.sections:
        if name == "committee":
            workspace.committee = committee(user, plan_id, today, results)
        elif name == "office":
            workspace.office = office(user, tasks)
        elif name == "leader":
            workspace.leader = leader(user, today)
        elif name == "official":
            workspace.official = official(user, tasks)
        elif name == "inspector":
            workspace.inspector = inspector(user, tasks)
        elif name == "assessor":
            workspace.assessor = assessor(user, tasks, results)
        elif name == "scorer":
            workspace.scorer = scorer(user)
    return workspace
