"""The year-end computation: every item, unit and person of a scheme, set-based in the database.

Each lead or responsible unit of an item is scored on its own part (分办). Facts are read as they
stood at the end of ``as_of`` (Asia/Shanghai): a unit's part is done when it passed verification by
then; late by the days between the unit's deadline (an approved extension of its own moves it) and
its first completion claim – or, not done, and ``as_of`` itself; its progress is that of its last
report by then; an indicator is reached when the unit's last reported value meets the target; its
quality is the assessor's last rating of its part (考核评分, 0–10) by then, which earns the scheme's
工作质量占比 of its points. An item that never had units is scored once on all of its facts, as
before. The steps:

1. one INSERT … SELECT per source (units' assignments; items without units) writes every scored
   row's facts and weight (``ItemResult``);
2. in the same statement, the facts become points by the scheme's item rules;
3. one INSERT … SELECT per subject kind sums the rows into category results (units by their own
   rows, or an unsplit item's responsible units; officials by the post each row counted for; lead
   leaders by the item's lead post, over all its units' rows);
4. one INSERT … SELECT per subject kind turns category results into base scores: 加分制 rescaled to
   the full score over the categories the subject carries; 扣分制 the full score less what the
   categories it carries lost;
5. events (few) are applied with their caps in order of date, vetoes (and 黄牌, a deduction with a
   veto's effect) noted;
6. 会办: each cooperating unit's contribution to a scored item is kept as it stood at the end of
   ``as_of`` (before step 3, so that an indicator may count the missed ones); each one missed costs
   the unit the scheme's 每次会办逾期扣分 (0, the default: nothing);
7. totals (never below 0; under 扣分制 never below the scheme's 最低分), grades (with the quota on the
   top band and the stated tie-break) and ranks: units within their 考核分组 (a group's own quota and
   bands, else the scheme's), by the rules the version recorded.

Indicators that hold no items are scored per unit beside the items of their category (step 3):
考核组评定 by the points entered; 按完成比例得分 and 按次扣分 from a number – entered for the unit
(评分单位填报), or counted from this version's item and 会办 rows and the reporting deadlines its units
missed by ``as_of`` (少报次数) – by ``SchemeIndicator.points_for``.

Steps 1 and 2 for one unit's part, as of a day and written nowhere, are the 考核评分 step's score
(``score_part``): one item, one score, one set of rules.

Running it again on a draft replaces the draft's rows; a published version is never touched: a
change after publishing is a new version, with its reason.
"""

from __future__ import annotations

import datetime
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Greatest, TruncDate
from django.db.models.lookups import Exact, GreaterThan
from django.utils import timezone
from django.utils.translation import gettext

from config.rows import convert
from responsibility import contributions
from responsibility.models import (
    FINISHED_KINDS,
    Assignment,
    Category,
    Indicator,
    IndicatorValue,
    ItemEvent,
    ItemStatus,
    MissedReport,
    ProgressReport,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)

from .models import (
    AssessedResult,
    Assessment,
    CategoryResult,
    ContributionResult,
    EventResult,
    EventRule,
    IndicatorScore,
    ItemResult,
    ItemScore,
    PersonResult,
    Scheme,
    SchemeCategory,
    SchemeIndicator,
    ScoreEvent,
    UnitResult,
)
from .models.scheme import GroupRules, Rules

# The columns of one row's facts, in the order both sources (units, items without units) select them.
FACT_NAMES = (
    "assessment_id", "item_id", "unit_id", "assignment_id", "post_id", "category_id", "indicator_id", "points",
    "done", "percent_done", "deadline", "finished_on", "returns", "indicators_total", "indicators_reached",
    "quality",
)  # fmt: skip

# A kept 会办's columns (ContributionResult) and the aliases the SELECT gives them.
CONTRIBUTION_COLUMNS = {
    "assessment_id": "c_assessment", "item_id": "c_item", "assignment_id": "c_assignment", "unit_id": "c_unit",
    "due": "c_due", "given_on": "c_given", "closed_on": "c_closed",
}  # fmt: skip

ZERO = Decimal(0)
CENT = Decimal("0.01")
POINTS = models.DecimalField(max_digits=9, decimal_places=2)


class SchemeError(Exception):
    """The scheme cannot be computed as it stands (message in the user's language)."""


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


# --- versions ----------------------------------------------------------------------------------------


@transaction.atomic
def compute(scheme: Scheme, *, user=None, as_of: datetime.date | None = None, reason: str = "") -> Assessment:
    """Compute the scheme's year: recompute the draft version, or open a new one after a published one."""
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    plan = scheme.scored_plan()
    if plan is None:
        raise SchemeError(gettext("本单位本年度没有已发布的工作要点，无法计分。"))
    check_indicators(scheme)
    latest = scheme.assessments.order_by("-version").first()
    as_of = as_of or scheme.reckoning_day()
    now = timezone.now()
    if latest is not None and latest.status == Assessment.Status.DRAFT:
        assessment = latest
        _clear(assessment)
        assessment.as_of, assessment.computed_at, assessment.computed_by = as_of, now, user
        if reason:
            assessment.reason = reason
    else:
        if latest is not None and not reason.strip():
            raise SchemeError(gettext("结果已发布，重新计算须说明变更原因。"))
        assessment = Assessment(
            scheme=scheme,
            version=(latest.version + 1) if latest else 1,
            reason=reason.strip(),
            as_of=as_of,
            computed_at=now,
            computed_by=user,
        )
    assessment.rules = scheme.snapshot()
    assessment.save()
    if connection.vendor == "postgresql":
        # The item query is large but runs once: compiling it (JIT) costs PostgreSQL more than it saves.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
    computation = Computation(scheme, plan, assessment)
    computation.run()
    assessment.timings = computation.timings  # not stored: what each step took, for the benchmark
    return assessment


def check_indicators(scheme: Scheme) -> None:
    """Refuse a ratio or per-count indicator that cannot be scored (the editor and the workbook refuse
    it earlier; one saved before them, or through the admin, is stopped here)."""
    counted = SchemeIndicator.objects.filter(
        category__scheme=scheme,
        method__in=[SchemeIndicator.Method.RATIO, SchemeIndicator.Method.PER_COUNT],
        points__gt=0,
    ).order_by("category__order", "order", "id")
    for indicator in counted:
        missing = indicator.missing_for_count()
        values = {"name": indicator.name, "method": indicator.get_method_display()}
        if missing == "source":
            raise SchemeError(gettext("考核指标“%(name)s”（%(method)s）没有选择数据来源，无法计分。") % values)
        if missing == "target":
            values["source"] = indicator.get_source_display()
            raise SchemeError(
                gettext("考核指标“%(name)s”按完成比例得分，数据来源为“%(source)s”，须填写目标值，无法计分。") % values
            )


def _clear(assessment: Assessment) -> None:
    models_ = (EventResult, ContributionResult, AssessedResult, CategoryResult, PersonResult, UnitResult, ItemResult)
    for model in models_:
        model.objects.filter(assessment=assessment).delete()


@transaction.atomic
def publish(assessment: Assessment, *, user) -> Assessment:
    """Freeze a draft version and draw up its reward and penalty proposals."""
    from .rewards import propose
    from .signals import results_published

    # The scheme's row first, as compute takes it: a publication and a recomputation run one after
    # the other, and neither decides from what the other is about to change.
    Scheme.objects.select_for_update().get(pk=assessment.scheme_id)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_published:
        raise SchemeError(gettext("该版本已发布。"))
    assessment.status = Assessment.Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.published_by = user
    assessment.save(update_fields=["status", "published_at", "published_by"])
    propose(assessment)
    results_published.send(sender=Assessment, assessment=assessment, user=user)
    return assessment


# --- one part, as of a day ---------------------------------------------------------------------------


def score_part(
    scheme: Scheme, work: Assignment | ResponsibilityItem, quality: Decimal, day: datetime.date
) -> ItemResult:
    """One unit's part of an item (or an item without units) scored by ``scheme``'s item rules on the
    facts as they stand at the end of ``day``, with ``quality`` as the assessor's rating: the row the
    year-end computation would write for it, by the same SQL, not saved (the 考核评分 step's score).
    An unsaved ``scheme`` is the neutral rules of a year without one: the item's own points, no rule set."""
    item = work.item if isinstance(work, Assignment) else work
    # The plan only filters (its items, its categories): its key will do, without reading its row.
    return Computation(scheme, item.plan_id, Assessment(as_of=day)).part(work, quality)


# Items not scored: not yet in the plan's life, or still with the office that deploys them.
NOT_GIVEN = [ItemStatus.DRAFT, ItemStatus.DEPLOYING, ItemStatus.SENT_BACK]


# --- the computation ---------------------------------------------------------------------------------


class Computation:
    def __init__(self, scheme: Scheme, plan: WorkPlan | int, assessment: Assessment) -> None:
        self.scheme, self.plan, self.assessment = scheme, plan, assessment
        # A scheme not saved is the neutral rules of a year without one (the 考核评分 step): no categories.
        self.categories = list(scheme.categories.all()) if scheme.pk else []
        self.timings: dict[str, float] = {}  # seconds per step, for the benchmark
        self.end = timezone.make_aware(
            datetime.datetime.combine(assessment.as_of + datetime.timedelta(days=1), datetime.time())
        )

    def run(self) -> None:
        for name, step in (
            ("facts", self.insert_item_facts),
            ("contributions", self.keep_contributions),
            ("assessed", self.insert_assessed),
            ("units", self.sum_units),
            ("posts", self.sum_posts),
            ("events", self.apply_events),
            ("cooperation", self.apply_cooperation),
            ("totals", self.totals),
            ("grades", self.grade_all),
        ):
            started = time.perf_counter()
            step()
            self.timings[name] = time.perf_counter() - started

    def grade_all(self) -> None:
        # The bands and quotas the version recorded (its rules snapshot), not the scheme as it may stand later.
        rules = self.assessment.frozen_rules()
        self.grade_units(rules)
        for role in PersonResult.Role.values:
            people = PersonResult.objects.filter(assessment=self.assessment, role=role)
            self.grade(people, "post__unit__order", "post_id", rules.grading(""), rules.tie_break)

    # 1. facts --------------------------------------------------------------------------------------

    def category_map(self) -> dict[int, int]:
        """plan category id -> scheme category id (chosen, or by the same name)."""
        if not self.categories:
            return {}
        by_name = {c.name: c.pk for c in Category.objects.filter(plan=self.plan)}
        mapping = {}
        for category in self.categories:
            plan_category = category.plan_category_id or by_name.get(category.name)
            if plan_category:
                mapping[plan_category] = category.pk
        return mapping

    def scored_items(self):
        """The plan's items given to someone: an item the office has not (yet) handed over (待部署, or
        sent back to it) has no unit, official or deadline to answer for it, and scoring it 0 would
        grade its lead leader and units for work never given to them (issue 16: a 党工委书记 graded
        不合格 on an item still waiting to be deployed)."""
        items = ResponsibilityItem.objects.filter(plan=self.plan, is_heading=False)
        return items.exclude(status__in=NOT_GIVEN)

    @cached_property
    def mapping(self) -> dict[int, int]:
        return self.category_map()

    def insert_item_facts(self) -> None:
        mapping = self.mapping
        items = self.scored_items()
        self.assessment.unscored_items = list(
            items.exclude(category_id__in=mapping).order_by("order", "id").values_list("pk", flat=True)
        )
        self.assessment.save(update_fields=["unscored_items"])
        if not mapping:
            return
        links, shares = self.weights(items, mapping)
        in_scheme = items.filter(category_id__in=mapping)
        # 分办: a row per lead or responsible unit, on its own facts. A cooperating unit is not scored on
        # the item as if it did the work (会办 has its own rule); an item that never had units is
        # scored once, as before, for its responsible units and post.
        units = Assignment.objects.filter(item__in=in_scheme).exclude(role=Assignment.Role.COOPERATING)
        unsplit = in_scheme.filter(~Exists(Assignment.objects.filter(item=OuterRef("pk"))))
        selects = (
            self.unit_facts(units.filter(item__branch_count=1), mapping, links, only_unit=True),
            self.unit_facts(units.exclude(item__branch_count=1), mapping, links, only_unit=False),
            self.item_facts(unsplit, mapping, links),
        )
        for select in selects:
            facts_sql, params = select.query.sql_with_params()
            self._insert_items(facts_sql, params, [f"r_{n}" for n in FACT_NAMES], shares)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The sums below join these rows: plan them from what is there, not from an empty table;
                # by the columns they filter, join and group by (all of them: four times the work).
                keys = ", ".join(
                    qn(ItemResult._meta.get_field(name).column)
                    for name in ("assessment", "item", "unit", "post", "category")
                )
                cursor.execute(f"ANALYZE {ItemResult._meta.db_table} ({keys})")

    def unit_facts(
        self, assignments, mapping: dict[int, int], links: dict[int, list[int]], *, only_unit: bool, quality=None
    ):
        """Each unit's facts on its item: its own claims, returns, verification, reports and deadline
        (an approved extension of its own moved it), and, on the ``assignments`` of items with one
        unit (``only_unit``), those recorded without a unit (before the item had units); the item's
        points unless the office set the unit's own.

        The two kinds of item are read apart so that each reads its facts by one plain comparison: a
        unit of several by its own key (which lets the database read whole kinds of fact once, by
        hash, rather than row by row), the only unit by "its key or none"."""

        def own(path: str = "", ref=OuterRef):
            if only_unit:
                # One comparison, not "this unit's OR no unit's": an OR lets the planner fetch every
                # row without a unit, of all items, through the assignment index.
                return Q(Exact(Coalesce(F(f"{path}assignment_id"), ref("pk")), ref("pk")))
            return Q(**{f"{path}assignment_id": ref("pk")})

        return self._facts(
            assignments,
            item="item__",
            own=own,
            keyed=not only_unit,
            mapping=mapping,
            links=links,
            subject={"unit_id": F("unit_id"), "assignment_id": F("pk"), "post_id": F("post_id")},
            points=Coalesce(F("points"), F("item__points")),
            quality=quality,
        )

    def item_facts(self, items, mapping: dict[int, int], links: dict[int, list[int]], quality=None):
        """An item that never had units: all of its facts, for its responsible post."""
        no_key = Cast(Value(None), output_field=models.BigIntegerField())  # a typed NULL for PostgreSQL
        return self._facts(
            items,
            item="",
            own=lambda path="", ref=OuterRef: Q(),
            mapping=mapping,
            links=links,
            subject={"unit_id": no_key, "assignment_id": no_key, "post_id": F("responsible_post_id")},
            points=F("points"),
            quality=quality,
        )

    def _facts(self, rows, *, item: str, own, mapping, links, subject: dict, points, quality=None, keyed=False):
        """The facts of ``rows`` (items, or units' assignments) as of the end of the day of reckoning,
        one column each (``FACT_NAMES``). ``item`` leads from a row to its item's fields; ``own(path,
        ref)`` keeps the facts that are the row's (``keyed``: by the row's key alone, without the item's).
        ``quality``: the rating to use instead of the last one recorded (the 考核评分 step scores with
        the rating it is about to record)."""
        key = "item_id" if item else "pk"
        item_id = OuterRef(key)
        before_end = Q(created_at__lt=self.end)
        events = ItemEvent.objects.filter(before_end, own(), item=item_id)
        first_claim = Subquery(
            events.filter(kind__in=FINISHED_KINDS)
            .order_by("created_at", "id")
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .values("day")[:1]
        )
        returns = Subquery(
            events.filter(kind=ItemEvent.Kind.RETURNED).order_by().values("item").annotate(n=Count("*")).values("n")
        )
        # B3: a claim (or rectification) the inspector returned is not progress: its 100 % stands only
        # until the return; the progress is then that of the last report not returned.
        same_unit = Exact(Coalesce(F("assignment_id"), Value(0)), Coalesce(OuterRef("assignment_id"), Value(0)))
        returned = ItemEvent.objects.filter(
            same_unit,
            before_end,
            item=OuterRef("item_id"),
            kind=ItemEvent.Kind.RETURNED,
            created_at__gte=OuterRef("created_at"),
        )
        claims = [ProgressReport.Kind.COMPLETION, ProgressReport.Kind.RECTIFICATION]
        # A unit's reports are filed on its assignment, which is of one item: read by that key alone. With
        # the item's key too, PostgreSQL intersects both indexes for every unit's part (a bitmap AND with
        # the reports of all the item's units): 0.10 ms a part against 0.07 at 100,000 items.
        reports = (
            ProgressReport.objects.filter(before_end, own())
            if keyed
            else ProgressReport.objects.filter(before_end, own(), item=item_id)
        )
        last_percent = Subquery(
            reports.exclude(Q(kind__in=claims) & Exists(returned))
            .order_by("-created_at", "-id")
            .values("percent_done")[:1]
        )
        latest_value = Subquery(
            IndicatorValue.objects.filter(
                own("report__", lambda name: OuterRef(OuterRef(name))),
                indicator=OuterRef("pk"),
                report__created_at__lt=self.end,
            )
            .order_by("-report__created_at", "-report_id")
            .values("value")[:1]
        )
        reached = (
            Indicator.objects.filter(item=item_id)
            .annotate(latest=latest_value)
            .filter(
                Q(comparator=Indicator.Comparator.AT_MOST, latest__lte=F("target_value"))
                | Q(~Q(comparator=Indicator.Comparator.AT_MOST), latest__gte=F("target_value"))
            )
            .order_by()
            .values("item")
            .annotate(n=Count("*"))
            .values("n")
        )
        indicators = Indicator.objects.filter(item=item_id).order_by().values("item").annotate(n=Count("*"))
        verified = Exists(events.filter(kind=ItemEvent.Kind.VERIFIED))
        grace = self.scheme.verification_grace_days
        if grace:
            # 核验宽限: work finished by the day of reckoning and verified within the grace days after
            # it counts as done (a claim of 12-31 verified on 01-08 is the year's work).
            late_check = ItemEvent.objects.filter(
                own(),
                item=item_id,
                kind=ItemEvent.Kind.VERIFIED,
                created_at__lt=self.end + datetime.timedelta(days=grace),
            )
            verified = verified | (Exists(events.filter(kind__in=FINISHED_KINDS)) & Exists(late_check))
        columns = {
            "assessment_id": Value(self.assessment.pk, output_field=models.BigIntegerField()),
            "item_id": F(key),
            **subject,
            "category_id": Case(
                *(When(**{f"{item}category_id": k}, then=Value(v)) for k, v in mapping.items()),
                output_field=IntegerField(),
            ),
            # A typed NULL when no item is tied to an indicator (PostgreSQL reads a bare NULL as text).
            "indicator_id": Case(
                *(When(**{f"{key}__in": items_of}, then=Value(indicator)) for indicator, items_of in links.items()),
                output_field=IntegerField(),
            )
            if links
            else Cast(Value(None), output_field=models.BigIntegerField()),
            "points": points,
            "done": verified,
            # 100 for a part done, without reading its reports (two parts in three at year end); ``verified``
            # is read a second time for it, which costs less than the report it saves.
            "percent_done": Case(
                When(verified, then=Value(100)), default=Coalesce(last_percent, Value(0)), output_field=IntegerField()
            ),
            "deadline": Case(
                When(**{f"{item}ongoing": True}, then=Value(None)),
                default=F("deadline"),
                output_field=models.DateField(),
            ),
            "finished_on": first_claim,
            "returns": Coalesce(returns, Value(0), output_field=IntegerField()),
            "indicators_total": Coalesce(Subquery(indicators.values("n")), Value(0), output_field=IntegerField()),
            "indicators_reached": Coalesce(Subquery(reached), Value(0), output_field=IntegerField()),
            "quality": quality if quality is not None else self.rating(own, item_id),
        }
        aliases = {f"r_{name}": expression for name, expression in columns.items()}
        return (
            rows.order_by()
            .annotate(r_finished_on=first_claim)
            .annotate(**{k: v for k, v in aliases.items() if k != "r_finished_on"})
            .values(*aliases)
        )

    def rating(self, own, item_id):
        """The assessor's last quality rating (考核评分, 0–10) of the row's part by the end of the day of
        reckoning, or of the 核验宽限 after it (work verified then is rated after it); NULL if none."""
        until = self.end + datetime.timedelta(days=self.scheme.verification_grace_days)
        ratings = ItemScore.objects.filter(own(), item=item_id, assessed_at__lt=until)
        return Subquery(
            ratings.order_by("-assessed_at", "-id").values("quality")[:1],
            output_field=models.DecimalField(max_digits=7, decimal_places=2),
        )

    def weights(self, items, mapping: dict[int, int]) -> tuple[dict[int, list[int]], dict]:
        """The items tied to each indicator (an item counts for its first indicator), and the points
        an item without its own takes: its indicator's points shared by the indicator's items, else its
        category's shared by the category's items without points or indicator. Links are few (set by
        hand), counts are one GROUP BY: no loop over items."""
        if self.scheme.pk is None:
            return {}, {"indicator": {}, "category": {}}
        through = SchemeIndicator.items.through
        rows = (
            through.objects.filter(
                schemeindicator__category__scheme=self.scheme,
                schemeindicator__method=SchemeIndicator.Method.ITEMS,
                responsibilityitem__in=items,
            )
            .order_by("schemeindicator__category__order", "schemeindicator__order", "schemeindicator_id")
            .values_list("responsibilityitem_id", "schemeindicator_id", "responsibilityitem__points")
        )
        first: dict[int, tuple[int, Decimal]] = {}
        for item_id, indicator_id, points in rows:
            first.setdefault(item_id, (indicator_id, points))
        links: dict[int, list[int]] = defaultdict(list)
        for item_id, (indicator_id, _points) in first.items():
            links[indicator_id].append(item_id)
        indicators = SchemeIndicator.objects.filter(category__scheme=self.scheme, points__gt=0)
        indicator_points = {i.pk: i.points for i in indicators}
        indicator_category = {i.pk: i.category_id for i in indicators}
        shares: dict[str, dict[int, Decimal]] = {"indicator": {}, "category": {}}
        for indicator_id, item_ids in links.items():
            without = sum(1 for item_id in item_ids if not first[item_id][1])
            if indicator_id in indicator_points and without:
                shares["indicator"][indicator_id] = money(indicator_points[indicator_id] / without)
        taken: dict[int, int] = defaultdict(int)  # per plan category: items without points on an indicator's share
        sharing = [
            i for i, (indicator_id, points) in first.items() if not points and indicator_id in shares["indicator"]
        ]
        for category_id in items.filter(pk__in=sharing).values_list("category_id", flat=True):
            taken[category_id] += 1
        # What the indicators that took items, and those the assessors score, leave of their category
        # goes to its other items.
        left = {c.pk: c.points for c in self.categories}
        for indicator_id in shares["indicator"]:
            left[indicator_category[indicator_id]] -= indicator_points[indicator_id]
        for indicator in self.assessed_indicators():
            left[indicator.category_id] -= indicator.points
        zero = items.filter(points=0, category_id__in=mapping).order_by().values("category_id").annotate(n=Count("*"))
        for row in zero:
            n = row["n"] - taken[row["category_id"]]
            scheme_category = mapping[row["category_id"]]
            if n > 0 and left[scheme_category] > 0:
                shares["category"][scheme_category] = money(left[scheme_category] / n)
        return links, shares

    def part(self, work: Assignment | ResponsibilityItem, quality: Decimal) -> ItemResult:
        """``score_part``: the facts of one row and its points, read by the year's SELECT, nothing inserted."""
        mapping = self.mapping
        links, shares = self.weights(self.scored_items(), mapping)
        rating = Value(quality, output_field=models.DecimalField(max_digits=7, decimal_places=2))
        if isinstance(work, Assignment):
            one = Assignment.objects.filter(pk=work.pk)
            select = self.unit_facts(one, mapping, links, only_unit=work.item.branch_count == 1, quality=rating)
        else:
            select = self.item_facts(ResponsibilityItem.objects.filter(pk=work.pk), mapping, links, quality=rating)
        facts_sql, params = select.query.sql_with_params()
        columns, sql = self.scored_select(facts_sql, [f"r_{n}" for n in FACT_NAMES], shares)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        fields = [ItemResult._meta.get_field(column) for column in columns]
        result = ItemResult(**{f.attname: convert(f, value) for f, value in zip(fields, row, strict=True)})
        result.item = work.item if isinstance(work, Assignment) else work
        return result

    # 2. points -------------------------------------------------------------------------------------------

    def _insert_items(self, facts_sql: str, params: list, names: list[str], shares: dict) -> None:
        """One INSERT … SELECT: the facts, the item's points, and its score by the scheme's item rules."""
        columns, select = self.scored_select(facts_sql, names, shares)
        column_list = ", ".join(qn(ItemResult._meta.get_field(c).column) for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {ItemResult._meta.db_table} ({column_list}) {select}", params)

    def scored_select(self, facts_sql: str, names: list[str], shares: dict) -> tuple[list[str], str]:
        """The SELECT that gives each row of ``facts_sql`` its facts, its weight and its points by the
        scheme's item rules, and the ``ItemResult`` fields of its columns, in order: what the year-end
        computation inserts, and what the 考核评分 step reads for one unit's part."""
        scheme = self.scheme
        least, greatest = ("MIN", "MAX") if connection.vendor == "sqlite" else ("LEAST", "GREATEST")
        f = {n[2:]: f"f.{qn(n)}" for n in names}

        def number(value) -> str:
            return f"{Decimal(value):f}"

        # Written out where it is used (a CASE over constants): the same on PostgreSQL and SQLite.
        weight = " ".join(
            [f"(CASE WHEN {f['points']} > 0 THEN {f['points']}"]
            + [f"WHEN {f['indicator_id']} = {k} THEN {number(v)}" for k, v in shares["indicator"].items()]
            + [f"WHEN {f['category_id']} = {k} THEN {number(v)}" for k, v in shares["category"].items()]
            + ["ELSE 0 END)"]
        )
        share = (
            f"(CASE WHEN {f['indicators_total']} > 0 THEN {number(Decimal(scheme.indicator_share) / 100)} ELSE 0 END)"
        )
        # 工作质量占比: this share of the weight is the assessor's rating's (0–10), taken off completion's.
        quality_share = number(Decimal(scheme.quality_share) / 100)
        # Done: late by its first claim. Not done: late until the day of reckoning, so that finishing,
        # however late, never scores below not finishing. (An ongoing item has no deadline here.)
        day = self.assessment.as_of.isoformat()
        if connection.vendor == "sqlite":
            as_of = f"'{day}'"

            def days(later: str, earlier: str) -> str:
                return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"
        else:
            as_of = f"DATE '{day}'"

            def days(later: str, earlier: str) -> str:
                return f"({later} - {earlier})"

        days_late = (
            f"(CASE WHEN {f['done']} AND {f['deadline']} IS NOT NULL AND {f['finished_on']} > {f['deadline']}"
            f" THEN {days(f['finished_on'], f['deadline'])}"
            f" WHEN NOT {f['done']} AND {f['deadline']} < {as_of} THEN {days(as_of, f['deadline'])} ELSE 0 END)"
        )
        not_done = f"({f['percent_done']} * 0.01)" if scheme.not_done == Scheme.NotDone.PROGRESS else "0"
        ratio = f"(CASE WHEN {f['done']} THEN 1.0 ELSE {not_done} END)"
        periods = f"(({days_late} + 6) / 7)" if scheme.late_period == Scheme.LatePeriod.WEEK else days_late
        late_cap = number(scheme.late_cap) if scheme.late_cap > 0 else weight
        return_cap = number(scheme.return_cap) if scheme.return_cap > 0 else weight
        completion = f"ROUND({weight} * (1 - {share} - {quality_share}) * {ratio}, 2)"
        indicator = (
            f"(CASE WHEN {f['indicators_total']} > 0"
            f" THEN ROUND({weight} * {share} * {f['indicators_reached']} / {f['indicators_total']}, 2) ELSE 0 END)"
        )
        quality = (
            f"(CASE WHEN {f['quality']} IS NOT NULL"
            f" THEN ROUND({weight} * {quality_share} * {f['quality']} / 10, 2) ELSE 0 END)"
        )
        late = f"{least}({number(scheme.late_points)} * {periods}, {late_cap}, {weight})"
        returned = f"{least}({number(scheme.return_points)} * {f['returns']}, {return_cap}, {weight})"
        fact_columns = [name for name in FACT_NAMES if name != "points"]
        scored = [
            "weight", "completion_points", "indicator_points", "quality_points", "late_deduction", "return_deduction",
        ]  # fmt: skip
        # Each fact is one subquery; used several times below, it must be computed once per row, not
        # inlined at each use when the database flattens the query: OFFSET 0 keeps it a subquery.
        fence = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
        inner = (
            f"SELECT {', '.join(f'{f[c]} AS {c}' for c in fact_columns)}, {days_late} AS days_late,"
            f" {weight} AS weight,"
            f" {completion} AS completion_points, {indicator} AS indicator_points, {quality} AS quality_points,"
            f" {late} AS late_deduction, {returned} AS return_deduction"
            f" FROM ({facts_sql}{fence}) f"
        )
        earned = (
            f"{greatest}({least}(s.completion_points + s.indicator_points + s.quality_points, s.weight)"
            f" - s.late_deduction - s.return_deduction, 0)"
        )
        columns = [*fact_columns, "days_late", *scored, "earned"]
        select_list = ", ".join(f"s.{c}" for c in [*fact_columns, "days_late", *scored])
        return columns, f"SELECT {select_list}, {earned} AS earned FROM ({inner}) s"

    # 4. subjects ----------------------------------------------------------------------------------------

    def assessed_indicators(self) -> list[SchemeIndicator]:
        """The indicators scored per unit rather than by items, with points: 考核组评定, 按完成比例得分,
        按次扣分. Their points are taken out of their category's share for items (``weights``)."""
        if not hasattr(self, "_assessed"):
            self._assessed = list(
                SchemeIndicator.objects.filter(category__scheme=self.scheme, points__gt=0)
                .exclude(method=SchemeIndicator.Method.ITEMS)
                .prefetch_related("units")
            )
        return self._assessed

    def insert_assessed(self) -> None:
        """Each unit's points on the indicators scored per unit, kept with the version: 考核组评定 by the
        points entered, as they stand now; 评分单位填报 by the number entered (and the unit's own target);
        a system source by the number counted from this version's rows. A unit with nothing entered has
        no row: the indicator does not count for it (neither its points nor its share), and the results
        page names what is owed. A unit the indicator does not apply to has no row either."""
        indicators = self.assessed_indicators()
        if not indicators:
            return
        entered = {i.pk: i for i in indicators if not i.counted_by_system}
        counted = [i for i in indicators if i.counted_by_system]
        rows = self._entered_rows(entered) if entered else []
        if counted:
            rows += self._counted_rows(counted)
        insert_rows(AssessedResult, ["assessment", *ASSESSED_COLUMNS], [(self.assessment.pk, *row) for row in rows])

    def _entered_rows(self, indicators: dict[int, SchemeIndicator]) -> list[tuple]:
        rows = []
        scores = IndicatorScore.objects.filter(indicator__in=list(indicators)).values_list(
            "indicator_id", "unit_id", "unit__kind", "points", "value", "target", "reason"
        )
        for indicator_id, unit_id, kind, points, value, own_target, reason in scores:
            indicator = indicators[indicator_id]
            # A score left for a unit the indicator no longer applies to does not count.
            if not indicator.applicable([Unit(pk=unit_id, kind=kind)]):
                continue
            if indicator.method == SchemeIndicator.Method.ASSESSED:
                if points is not None:
                    rows.append(_assessed_row(indicator, unit_id, min(points, indicator.points), reason=reason))
                continue
            # A ratio with no target, the unit's own or the indicator's, cannot be scored: owed, as no value.
            target = indicator.target_for(own_target) if indicator.method == SchemeIndicator.Method.RATIO else None
            if value is None or (indicator.method == SchemeIndicator.Method.RATIO and target is None):
                continue
            earned = indicator.points_for(value, own_target)
            rows.append(_assessed_row(indicator, unit_id, earned, value=value, target=target, reason=reason))
        return rows

    def _counted_rows(self, indicators: list[SchemeIndicator]) -> list[tuple]:
        """A row per unit of this version's item or 会办 rows that the indicator applies to, with the
        number counted for it."""
        tallies = self.tallies()
        units = list(Unit.objects.filter(pk__in=list(tallies)).order_by("order", "id").only("pk", "kind"))
        rows = []
        for indicator in indicators:
            for unit in indicator.applicable(units):
                value = tallies[unit.pk].value(indicator.source)
                if value is None:
                    continue  # a completion rate of no items: nothing to rate
                ratio = indicator.method == SchemeIndicator.Method.RATIO
                target = indicator.target_for() if ratio else None
                rows.append(_assessed_row(indicator, unit.pk, indicator.points_for(value), value=value, target=target))
        return rows

    def tallies(self) -> dict[int, Tally]:
        """Each unit's counts over this version's rows: its item rows (an item without units counts for
        each of its responsible units, as in the sums) in one grouped query, and its 会办 as kept."""
        through = ResponsibilityItem.responsible_units.through
        item_column = qn(through._meta.get_field("responsibilityitem").column)
        unit_column = qn(through._meta.get_field("unit").column)
        facts = "ir.done, ir.days_late, ir.returns"
        # Two parts, not one LEFT JOIN: the join would read every item's responsible units to serve
        # the items without units, which a year scored per unit has few of or none.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT x.unit_id, COUNT(*), SUM(CASE WHEN x.done THEN 1 ELSE 0 END),"
                f" SUM(CASE WHEN x.days_late > 0 THEN 1 ELSE 0 END), SUM(x.returns) FROM ("
                f"SELECT ir.unit_id, {facts} FROM {ItemResult._meta.db_table} ir"
                f" WHERE ir.assessment_id = %s AND ir.unit_id IS NOT NULL"
                f" UNION ALL SELECT ru.{unit_column}, {facts} FROM {ItemResult._meta.db_table} ir"
                f" JOIN {through._meta.db_table} ru ON ru.{item_column} = ir.item_id"
                f" WHERE ir.assessment_id = %s AND ir.unit_id IS NULL) x GROUP BY x.unit_id",
                [self.assessment.pk, self.assessment.pk],
            )
            found = cursor.fetchall()
        tallies: dict[int, Tally] = defaultdict(Tally)
        for unit_id, rows, done, late, returns in found:
            tallies[unit_id] = Tally(rows=rows, done=int(done), late=int(late), returns=int(returns))
        for unit_id in self.cooperating:
            tallies[unit_id].missed = self.missed[unit_id]
        if any(i.source == SchemeIndicator.Source.MISSED_REPORTS for i in self.assessed_indicators()):
            for unit_id, count in self.missed_reports():
                tallies[unit_id].missed_reports = count
        return dict(tallies)

    def missed_reports(self) -> list[tuple[int, int]]:
        """(unit, reporting deadlines missed by ``as_of``) over this version's rows, in one grouped
        query: a unit's row counts its own; an item without units counts its own for each responsible
        unit; and, as the other facts, those recorded before the item had units count for its only unit."""
        through = ResponsibilityItem.responsible_units.through
        unit = f"COALESCE(ir.unit_id, ru.{qn(through._meta.get_field('unit').column)})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {unit}, COUNT(*) FROM {ItemResult._meta.db_table} ir"
                f" JOIN {ResponsibilityItem._meta.db_table} it ON it.id = ir.item_id"
                f" JOIN {MissedReport._meta.db_table} mr ON mr.item_id = ir.item_id"
                f" AND (mr.assignment_id = ir.assignment_id"
                f" OR (mr.assignment_id IS NULL AND (ir.assignment_id IS NULL OR it.branch_count = 1)))"
                f" LEFT JOIN {through._meta.db_table} ru ON ir.unit_id IS NULL"
                f" AND ru.{qn(through._meta.get_field('responsibilityitem').column)} = ir.item_id"
                f" WHERE ir.assessment_id = %s AND mr.due <= %s AND {unit} IS NOT NULL GROUP BY {unit}",
                [self.assessment.pk, self.assessment.as_of],
            )
            return cursor.fetchall()

    def sum_units(self) -> None:
        """A unit's rows are its own (分办); an item without units counts for each responsible unit; its
        assessed indicators (考核组评定) count in their categories beside its items."""
        through = ResponsibilityItem.responsible_units.through
        items, assessed = ItemResult._meta.db_table, AssessedResult._meta.db_table
        item_column = qn(through._meta.get_field("responsibilityitem").column)
        unit_column = qn(through._meta.get_field("unit").column)
        # Three parts, not a LEFT JOIN of every row to the responsible units (which the database reads
        # for each row before it sees that the row has its unit): units' rows, items without units by
        # their responsible units, assessed indicators. A unit has an item once, so no DISTINCT.
        self._insert_categories(
            source=(
                f"(SELECT assessment_id, item_id, unit_id, category_id, weight, earned FROM {items}"
                f" WHERE assessment_id = %s AND unit_id IS NOT NULL"
                f" UNION ALL SELECT i.assessment_id, i.item_id, ru.{unit_column}, i.category_id, i.weight, i.earned"
                f" FROM {items} i JOIN {through._meta.db_table} ru ON ru.{item_column} = i.item_id"
                f" WHERE i.assessment_id = %s AND i.unit_id IS NULL"
                f" UNION ALL SELECT assessment_id, NULL, unit_id, category_id, possible,"
                f" earned FROM {assessed} WHERE assessment_id = %s)"
            ),
            source_params=[self.assessment.pk] * 3,
            subject_column="unit_id",
            subject_sql="ir.unit_id",
            join="",
            distinct=False,
        )
        self._insert_subjects(UnitResult, "unit_id", "cr.unit_id", "cr.unit_id IS NOT NULL")

    def sum_posts(self) -> None:
        """Officials by the post each unit's row counts for (the unit's 责任人 when computed); lead
        leaders by the item's lead leader, over all of the item's units' rows."""
        item_table = ResponsibilityItem._meta.db_table
        for role, post_sql, join in (
            (PersonResult.Role.OFFICIAL, "ir.post_id", ""),
            (PersonResult.Role.LEADER, "it.lead_leader_post_id", f"JOIN {item_table} it ON it.id = ir.item_id"),
        ):
            post_table = PersonResult._meta.get_field("post").related_model._meta.db_table
            results = PersonResult._meta.db_table
            # One row per post that carries scored items; its holder as it stands now.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {results} (assessment_id, role, post_id, person_id, items, base, bonus, deduction,"
                    f" total, grade, rank, veto, quota_limited, {qn('order')}, {qn('group')}, floored)"
                    f" SELECT %s, %s, {post_sql}, MIN(p.holder_id), COUNT(DISTINCT ir.item_id), 0, 0, 0, 0, '', NULL,"
                    f" '', %s, 0, '', %s FROM {ItemResult._meta.db_table} ir {join}"
                    f" JOIN {post_table} p ON p.id = {post_sql}"
                    f" WHERE ir.assessment_id = %s GROUP BY {post_sql}",
                    [self.assessment.pk, role, False, False, self.assessment.pk],
                )
            self._insert_categories(
                subject_column="person_result_id",
                subject_sql="pr.id",
                join=(
                    f"{join} JOIN {results} pr ON pr.assessment_id = ir.assessment_id AND pr.role = %s"
                    f" AND pr.post_id = {post_sql}"
                ),
                join_params=[role],
            )
        self._insert_person_bases()

    def _insert_categories(
        self,
        subject_column: str,
        subject_sql: str,
        join: str,
        join_params=(),
        source: str = "",
        source_params=(),
        distinct: bool = True,
    ) -> None:
        """``distinct``: a subject may have an item more than once (a leader's item carried by three
        units is one item of his); items are counted, not rows."""
        table = CategoryResult._meta.db_table
        other = "person_result_id" if subject_column == "unit_id" else "unit_id"
        items = "COUNT(DISTINCT ir.item_id)" if distinct else "COUNT(ir.item_id)"
        sql = (
            f"INSERT INTO {table} (assessment_id, {subject_column}, {other}, category_id,"
            f" items, possible, earned, points)"
            f" SELECT ir.assessment_id, {subject_sql}, NULL, ir.category_id, {items},"
            f" SUM(ir.weight), SUM(ir.earned),"
            f" CASE WHEN SUM(ir.weight) > 0"
            f" THEN ROUND(MIN(c.points) * 1.0 * SUM(ir.earned) / SUM(ir.weight), 2) ELSE 0 END"
            f" FROM {source or ItemResult._meta.db_table} ir {join}"
            f" JOIN {SchemeCategory._meta.db_table} c ON c.id = ir.category_id"
            f" WHERE ir.assessment_id = %s AND {subject_sql} IS NOT NULL"
            f" GROUP BY ir.assessment_id, {subject_sql}, ir.category_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*source_params, *join_params, self.assessment.pk])

    def _base_sql(self) -> str:
        """A subject's base over its category results (``cr``, each with its scheme category ``c``), with
        one parameter, the full score. 加分制: Σ category points × full score ÷ Σ points of the
        categories carried (rescaled). 扣分制: the full score less what each category carried lost
        (its points less what it earned); a category with nothing to score loses nothing, nor does
        one the subject does not carry."""
        if self.scheme.method == Scheme.Method.DEDUCTIVE:
            return "(%s - SUM(CASE WHEN cr.possible > 0 THEN c.points - cr.points ELSE 0 END))"
        return "(CASE WHEN SUM(c.points) > 0 THEN ROUND(SUM(cr.points) * 1.0 * %s / SUM(c.points), 2) ELSE 0 END)"

    def _insert_subjects(self, model, subject_column: str, subject_sql: str, where: str) -> None:
        sql = (
            f"INSERT INTO {model._meta.db_table} (assessment_id, {subject_column}, items, base, bonus, deduction,"
            f" total, grade, rank, veto, quota_limited, {qn('order')}, {qn('group')}, floored)"
            f" SELECT cr.assessment_id, {subject_sql}, SUM(cr.items),"
            f" {self._base_sql()}, 0, 0, 0, '', NULL, '', %s, 0, '', %s"
            f" FROM {CategoryResult._meta.db_table} cr JOIN {SchemeCategory._meta.db_table} c ON c.id = cr.category_id"
            f" WHERE cr.assessment_id = %s AND {where} GROUP BY cr.assessment_id, {subject_sql}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.scheme.full_score, False, False, self.assessment.pk])

    def _insert_person_bases(self) -> None:
        """Each post's base from its category results: one UPDATE from one grouped SELECT."""
        table = PersonResult._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET base = sums.base FROM (SELECT cr.person_result_id AS id,"
                f" {self._base_sql()} AS base"
                f" FROM {CategoryResult._meta.db_table} cr JOIN {SchemeCategory._meta.db_table} c"
                f" ON c.id = cr.category_id WHERE cr.assessment_id = %s AND cr.person_result_id IS NOT NULL"
                f" GROUP BY cr.person_result_id) sums WHERE {table}.id = sums.id",
                [self.scheme.full_score, self.assessment.pk],
            )

    # 5. events --------------------------------------------------------------------------------------------

    def apply_events(self) -> None:
        events = list(
            ScoreEvent.objects.filter(scheme=self.scheme, occurred_on__lte=self.assessment.as_of)
            .select_related("rule", "rule__category", "rule__indicator")
            .order_by("occurred_on", "id")
        )
        if not events:
            return
        units = dict(UnitResult.objects.filter(assessment=self.assessment).values_list("unit_id", "pk"))
        people: dict[int, list[int]] = defaultdict(list)
        for pk, person_id in PersonResult.objects.filter(assessment=self.assessment).values_list("pk", "person_id"):
            if person_id:
                people[person_id].append(pk)
        ledgers: dict[tuple[str, int], Ledger] = {}
        rows = []
        for event in events:
            subjects = []
            if event.unit_id:
                subjects.append(("unit", event.unit_id))
            if event.person_id:
                subjects.extend(("person", pk) for pk in people.get(event.person_id, []))
            for subject in subjects:
                ledger = ledgers.setdefault(subject, Ledger(self.scheme))
                applied = ledger.apply(event)
                kind, key = subject
                asked = event.points_asked * event.rule.sign if event.rule.kind != EventRule.Kind.VETO else ZERO
                rows.append(
                    (
                        self.assessment.pk,
                        event.pk,
                        key if kind == "unit" else None,
                        key if kind == "person" else None,
                        asked,
                        applied,
                        ledger.limited_by,
                    )
                )
        names = ["assessment", "event", "unit", "person_result", "points", "applied", "limited_by"]
        insert_rows(EventResult, names, rows)
        unit_updates, person_updates = [], []
        for (kind, key), ledger in ledgers.items():
            if kind == "unit":
                if key not in units:
                    # A unit with no scored item of its own has no total for its events to change:
                    # it is not ranked (B1: with a base of 0 it was graded last and counted in the
                    # quota); its events stay on record with the version, and the results page names it.
                    continue
                unit_updates.append((units[key], ledger.bonus, ledger.deduction, ledger.veto))
            else:
                person_updates.append((key, ledger.bonus, ledger.deduction, ledger.veto))
        columns = [("bonus", "NUMERIC"), ("deduction", "NUMERIC"), ("veto", "VARCHAR(10)")]
        update_rows(UnitResult, columns, unit_updates)
        update_rows(PersonResult, columns, person_updates)

    # 6. 会办 ------------------------------------------------------------------------------------------------

    def keep_contributions(self) -> None:
        """Keep each cooperating unit's 会办 on the scored items as it stood at the end of ``as_of`` (one
        INSERT … SELECT: its date, and the day it was given or saw the item close, from the timeline),
        and count the ones each unit missed, by ``Contribution.missed`` written as a condition
        (``missed_q``), whatever the rule: an indicator may count them (会办逾期次数) when no points are
        deducted."""
        in_scheme = self.scored_items().filter(category_id__in=self.mapping)
        cooperating = Assignment.objects.filter(item__in=in_scheme, role=Assignment.Role.COOPERATING)
        events = ItemEvent.objects.filter(assignment=OuterRef("pk"), created_at__lt=self.end)

        def first(kind: str) -> Subquery:
            day = TruncDate("created_at", tzinfo=timezone.get_current_timezone())
            return Subquery(events.filter(kind=kind).order_by("created_at", "id").annotate(day=day).values("day")[:1])

        select = (
            cooperating.order_by()
            .annotate(
                c_assessment=Value(self.assessment.pk),
                c_item=F("item_id"),
                c_assignment=F("pk"),
                c_unit=F("unit_id"),
                c_due=F("deadline"),
                c_given=first(ItemEvent.Kind.CONTRIBUTED),
                c_closed=first(ItemEvent.Kind.CONTRIBUTION_CLOSED),
            )
            .values(*CONTRIBUTION_COLUMNS.values())
        )
        sql, params = select.query.sql_with_params()
        names = ", ".join(CONTRIBUTION_COLUMNS)
        # The kept rows are read under the table's own name and columns, so that ``missed_q``, compiled
        # for the table, decides each row's deduction as it is inserted (not by an UPDATE of each after).
        table = ContributionResult._meta.db_table
        row = ", ".join(f"s.{qn(alias)} AS {qn(column)}" for column, alias in CONTRIBUTION_COLUMNS.items())
        missed_q = contributions.Contribution.missed_q(self.assessment.as_of)
        query = ContributionResult.objects.filter(missed_q).query
        missed_sql, missed_params = query.get_compiler(connection=connection).compile(query.where)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}, deduction) SELECT {names},"
                f" CASE WHEN {missed_sql} THEN %s ELSE 0 END FROM (SELECT {row} FROM ({sql}) s) {qn(table)}",
                [*missed_params, self.scheme.cooperation_points, *params],
            )
        kept = ContributionResult.objects.filter(assessment=self.assessment)
        missed = kept.filter(missed_q)
        counts = missed.order_by().values("unit_id").annotate(n=Count("*")).values_list("unit_id", "n")
        self.missed = Counter(dict(counts))
        self.cooperating = set(kept.order_by().values_list("unit_id", flat=True).distinct())

    def apply_cooperation(self) -> None:
        """Add 每次会办逾期扣分 × the 会办 it missed to each unit's deductions. The unit's alone: as an event
        that names no person, it does not reach the official, whose results count only the items his post
        does, and a cooperating unit's part is none of them."""
        if self.scheme.cooperation_points and self.missed:  # none under a rule of 0
            self._deduct_missed(self.missed)

    def _deduct_missed(self, missed: Counter) -> None:
        found = UnitResult.objects.filter(assessment=self.assessment, unit_id__in=missed)
        units = {unit_id: (pk, deduction) for unit_id, pk, deduction in found.values_list("unit_id", "pk", "deduction")}
        # A unit with no scored item of its own has no total to come off: it is not ranked (a base of
        # 0 would grade it last for work it was never given); its missed 会办 stays on record with the
        # version (ContributionResult) and the results page names it (``unranked_cooperators``).
        updates = []
        for unit_id, count in missed.items():
            if unit_id in units:
                pk, deduction = units[unit_id]
                updates.append((pk, deduction + count * self.scheme.cooperation_points))
        update_rows(UnitResult, [("deduction", "NUMERIC")], updates)

    # 7. totals, grades, quota, ranks ------------------------------------------------------------------------

    def totals(self) -> None:
        """Base + bonus − deduction, never below 0; under 扣分制 never below the scheme's floor (最低分),
        marked ``floored`` where the floor raised it. 加分制 has no floor but 0, as before."""
        raw = F("base") + F("bonus") - F("deduction")
        deductive = self.scheme.method == Scheme.Method.DEDUCTIVE
        floor = Value(self.scheme.floor if deductive else ZERO, output_field=POINTS)
        floored = Case(When(GreaterThan(floor, raw), then=Value(True)), default=Value(False)) if deductive else False
        for model in (UnitResult, PersonResult):
            model.objects.filter(assessment=self.assessment).update(total=Greatest(raw, floor), floored=floored)

    def grade_units(self, rules: Rules) -> None:
        """考核分组: each group's units are graded and ranked among themselves, by the group's quota (of
        its own units) and bands; the units no group takes, together, by the scheme's."""
        fields = ("pk", "total", "base", "deduction", "veto", "unit__order", "unit_id", "unit__kind")
        rows = list(UnitResult.objects.filter(assessment=self.assessment).values(*fields))
        members = self.unit_groups(rows)
        by_group: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_group[members.get(row["unit_id"], "")].append(row)
        updates = []
        for group, group_rows in by_group.items():
            ranked = self.ranked(group_rows, "unit__order", "unit_id", rules.grading(group), rules.tie_break)
            updates.extend((*update, group) for update in ranked)
        update_rows(UnitResult, [*GRADE_COLUMNS, ("group", "VARCHAR(50)")], updates)

    def unit_groups(self, rows: list[dict]) -> dict[int, str]:
        """unit id -> the name of the first group (in order) that takes it; units no group takes are left out."""
        groups = list(self.scheme.groups.prefetch_related("units")) if self.assessment.rules.get("groups") else []
        named = {group.pk: {unit.pk for unit in group.units.all()} for group in groups}
        members = {}
        for row in rows:
            unit = Unit(pk=row["unit_id"], kind=row["unit__kind"])
            group = next((g for g in groups if g.takes(unit, named[g.pk])), None)
            if group is not None:
                members[unit.pk] = group.name
        return members

    def grade(self, results, order_field: str, subject_field: str, grading: GroupRules, tie_break: str) -> None:
        rows = list(results.values("pk", "total", "base", "deduction", "veto", order_field, subject_field))
        update_rows(results.model, GRADE_COLUMNS, self.ranked(rows, order_field, subject_field, grading, tie_break))

    @staticmethod
    def ranked(rows: list[dict], order_field: str, subject_field: str, grading: GroupRules, tie_break: str) -> list:
        """(pk, grade, rank, order, quota_limited) of each row, ranked among ``rows`` only, by ``grading``'s
        bands and quota."""
        bands = grading.bands
        # A scheme may rank without grades (等次): then every grade is blank, and no quota applies.
        top, bottom = (bands[0], bands[-1]) if bands else (None, None)
        if tie_break == Scheme.TieBreak.DEDUCTIONS:
            key = lambda r: (-r["total"], r["deduction"], -r["base"], r[order_field] or 0, r[subject_field])  # noqa: E731
        else:
            key = lambda r: (-r["total"], -r["base"], r["deduction"], r[order_field] or 0, r[subject_field])  # noqa: E731
        # B5: a unit vetoed to the bottom band ranks after every unit that was not, whatever its total.
        rows = sorted(rows, key=lambda r: (r["veto"] == EventRule.Veto.FAIL, *key(r)))
        quota = grading.places(len(rows))
        granted = 0
        updates = []
        rank, previous = 0, None
        for position, row in enumerate(rows, start=1):
            standing = (row["veto"] == EventRule.Veto.FAIL, row["total"])
            if standing != previous:
                rank, previous = position, standing
            band = next((b for b in bands if row["total"] >= b.min_score), bottom)
            limited = False
            if band is None:
                updates.append((row["pk"], "", rank, position, False))
                continue
            if row["veto"] == EventRule.Veto.FAIL:
                band = bottom
            elif band == top and row["veto"] == EventRule.Veto.NO_TOP:
                band = bands[1] if len(bands) > 1 else bottom
            elif band == top:
                if granted < quota:
                    granted += 1
                else:
                    band, limited = (bands[1] if len(bands) > 1 else bottom), True
            updates.append((row["pk"], band.name, rank, position, limited))
        return updates


GRADE_COLUMNS = [("grade", "VARCHAR(20)"), ("rank", "INTEGER"), ("order", "INTEGER"), ("quota_limited", "BOOLEAN")]

# An assessed indicator's row (AssessedResult) after its version: the fields of ``_assessed_row``'s tuple.
ASSESSED_COLUMNS = ["indicator", "category", "unit", "possible", "earned", "value", "target", "reason"]


def _assessed_row(
    indicator: SchemeIndicator, unit_id: int, earned: Decimal, *, value=None, target=None, reason: str = ""
) -> tuple:
    return (indicator.pk, indicator.category_id, unit_id, indicator.points, earned, value, target, reason)


def qn(name: str) -> str:
    return connection.ops.quote_name(name)


def update_rows(model, columns: list[tuple[str, str]], rows: list[tuple], batch: int = 2000) -> None:
    """Set ``columns`` (name, SQL type) of many rows, each ``(pk, *values)``, in one UPDATE … FROM a
    VALUES list per batch: Django's bulk_update writes a CASE per column and row, which is slower."""
    table = model._meta.db_table
    names = ["id", *(name for name, _type in columns)]
    types = ["BIGINT", *(sql_type for _name, sql_type in columns)]
    row_sql = "(" + ", ".join(f"CAST(%s AS {sql_type})" for sql_type in types) + ")"
    sets = ", ".join(f"{qn(name)} = v.{qn(name)}" for name, _type in columns)
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH v ({', '.join(qn(n) for n in names)}) AS (VALUES {', '.join([row_sql] * len(chunk))})"
                f" UPDATE {table} SET {sets} FROM v WHERE {table}.id = v.id",
                [value for row in chunk for value in row],
            )


def insert_rows(model, names: list[str], rows: list[tuple], batch: int = 1000) -> None:
    """Insert ``rows``, each a tuple of the values of the fields ``names`` as the database adapter takes
    them (keys, Decimals, strings, None: no field prepares them), in their order, without a model
    instance each: for the thousands of rows a year's events and per-unit indicators make,
    ``bulk_create`` spent more time preparing instances and their fields than the database storing
    them. On PostgreSQL one statement of an array per column; elsewhere a VALUES list per batch."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    table, columns = model._meta.db_table, ", ".join(qn(field.column) for field in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            aliases = ", ".join(f"c{n}" for n in range(len(fields)))
            # WITH ORDINALITY … ORDER BY: the rows take their ids in the order given, as bulk_create's.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {aliases} FROM unnest({arrays})"
                f" WITH ORDINALITY AS n ({aliases}, position) ORDER BY position",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))}",
                [value for row in chunk for value in row],
            )


@dataclass
class Tally:
    """One unit's counts over a version's rows, from which a system-sourced indicator takes its number."""

    rows: int = 0
    done: int = 0
    late: int = 0
    returns: int = 0
    missed: int = 0  # 会办 missed
    missed_reports: int = 0  # reporting deadlines missed (漏报)

    def value(self, source: str) -> Decimal | None:
        """The number for ``source``; a completion rate of a unit with no item rows is none."""
        Source = SchemeIndicator.Source
        if source == Source.DONE_PERCENT:
            return money(Decimal(100 * self.done) / self.rows) if self.rows else None
        counts = {
            Source.UNDONE_ITEMS: self.rows - self.done,
            Source.LATE_ITEMS: self.late,
            Source.RETURNS: self.returns,
            Source.MISSED_CONTRIBUTIONS: self.missed,
            Source.MISSED_REPORTS: self.missed_reports,
        }
        return Decimal(counts[source])


class Ledger:
    """One subject's events, applied in date order with the caps: per rule, per category, on bonuses."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.by_rule: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self.by_category: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self.by_indicator: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self.bonus = ZERO
        self.deduction = ZERO
        self.veto = ""
        self.best: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)  # per (kind, tier): counted so far
        self.limited_by = ""  # what cut the last event applied, if anything (EventResult.Limit)

    def apply(self, event: ScoreEvent) -> Decimal:
        """The signed points the event adds to the total, after the tiers and the caps; ``limited_by``
        then says which of them cut it."""
        rule = event.rule
        self.limited_by = ""
        if rule.veto and rule.kind != EventRule.Kind.BONUS:
            # A veto, or a deduction with a veto's effect (黄牌): the worse effect stands, whatever the order.
            if rule.veto == EventRule.Veto.FAIL or not self.veto:
                self.veto = rule.veto
        if rule.kind == EventRule.Kind.VETO:
            return ZERO
        asked = event.points_asked
        points = asked
        limits = []
        if rule.tier:
            # 取最高: the group counts its best event only; a better one later adds the difference.
            key = (rule.kind, rule.tier)
            limits.append((max(asked - self.best[key], ZERO), EventResult.Limit.TIER))
        if rule.cap > 0:
            limits.append((rule.cap - self.by_rule[rule.pk], EventResult.Limit.RULE_CAP))
        if rule.kind == EventRule.Kind.DEDUCTION and rule.indicator_id:
            limits.append((rule.indicator.points - self.by_indicator[rule.indicator_id], EventResult.Limit.INDICATOR))
        if rule.kind == EventRule.Kind.DEDUCTION and rule.category_id:
            limits.append((rule.category.points - self.by_category[rule.category_id], EventResult.Limit.CATEGORY))
        if rule.kind == EventRule.Kind.BONUS and self.scheme.bonus_cap > 0:  # 0: no cap, as every 0 cap
            limits.append((self.scheme.bonus_cap - self.bonus, EventResult.Limit.BONUS_CAP))
        if rule.kind == EventRule.Kind.DEDUCTION and self.scheme.deduction_cap > 0:
            limits.append((self.scheme.deduction_cap - self.deduction, EventResult.Limit.DEDUCTION_CAP))
        for room, limit in limits:
            if room < points:
                points, self.limited_by = room, limit
        points = max(points, ZERO)
        if rule.tier:
            self.best[(rule.kind, rule.tier)] += points
        self.by_rule[rule.pk] += points
        if rule.kind == EventRule.Kind.DEDUCTION:
            if rule.category_id:
                self.by_category[rule.category_id] += points
            if rule.indicator_id:
                self.by_indicator[rule.indicator_id] += points
            self.deduction += points
            return -points
        self.bonus += points
        return points
