"""Year-end results: versions of one scheme's computation and the breakdown behind every number.

A version is computed (draft, recomputable) and then published, which freezes it. A change after
publishing makes a new version with its reason; every version stays readable. The breakdown is
stored as facts and amounts (days late, returns, points lost), never as prose: pages and exports
write the sentences ("−0.5：第3项逾期12天") in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from responsibility.contributions import Contribution
from responsibility.models import Assignment, Person, Post, ResponsibilityItem, Unit

from .scheme import EventRule, RewardRule, Rules, Scheme, SchemeCategory, SchemeIndicator, ScoreEvent

ZERO = Decimal(0)


def _points(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(verbose_name, max_digits=9, decimal_places=2, **kwargs)


class Assessment(models.Model):
    """One version of a scheme's year-end results (年度考核结果)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("待发布")
        PUBLISHED = "published", _("已发布")

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="assessments")
    version = models.PositiveSmallIntegerField(_("版本"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(_("变更原因"), blank=True)
    as_of = models.DateField(_("计分截止日期"))
    computed_at = models.DateTimeField(_("计算时间"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("计算人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unscored_items = models.JSONField(_("未计分事项"), default=list, blank=True)
    rules = models.JSONField(
        _("计分规则"), default=dict, blank=True, help_text=_("计算时的规则，细则此后修改也不影响本版本")
    )

    class Meta:
        verbose_name = _("年度考核结果")
        verbose_name_plural = _("年度考核结果")
        ordering = ["scheme", "-version"]
        constraints = [models.UniqueConstraint(fields=["scheme", "version"], name="one_assessment_per_version")]

    def __str__(self) -> str:
        return f"{self.scheme} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def frozen_rules(self) -> Rules:
        """The rules this version was computed with (the scheme as it stands, for a version that has none)."""
        return Rules(self.rules or self.scheme.snapshot())


class ItemResult(models.Model):
    """One unit's score on an item under the scheme (分办: each unit on its own part), with the facts
    it came from; for an item that never had units (no assignment), the item's one score, which
    counts for each of its responsible units as read when explained.

    The unit and the official's post are stored as they were when computed: a published version's
    sums and its explanation stay the same when the item is later handed to another post (转办).
    """

    # Written 100,000 at a time, so only the indexes that pages read by: the unique (assessment, item,
    # unit) and (assessment, unit), (assessment, post) and item (none by category: the sums read every
    # row of the version). No database constraint: the rows are written once, by the computation, into
    # the version it has just saved, from rows it has just read under the scheme's lock; checking seven
    # keys of each at the commit, one row at a time, cost more than computing them (bench/README.md,
    # scoring). Django applies on_delete (CASCADE, PROTECT, SET_NULL) itself on every ORM deletion.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="item_results", db_index=False, db_constraint=False
    )
    item = models.ForeignKey(ResponsibilityItem, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("承办单位"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("单位"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("责任人岗位"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    category = models.ForeignKey(
        SchemeCategory, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    indicator = models.ForeignKey(
        SchemeIndicator, null=True, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    weight = _points(_("分值"))
    done = models.BooleanField(_("已办结"))
    percent_done = models.PositiveSmallIntegerField(_("完成进度"))
    deadline = models.DateField(_("完成时限"), null=True)
    finished_on = models.DateField(_("申请办结日期"), null=True)
    days_late = models.PositiveIntegerField(_("逾期天数"), default=0)
    returns = models.PositiveSmallIntegerField(_("退回整改次数"), default=0)
    indicators_total = models.PositiveSmallIntegerField(_("量化指标数"), default=0)
    indicators_reached = models.PositiveSmallIntegerField(_("达成指标数"), default=0)
    completion_points = _points(_("完成得分"))
    indicator_points = _points(_("指标得分"))
    # B4: the assessor's last quality rating (0–10) at the 考核评分 step, if any, and what it earned
    # under the scheme's 工作质量占比 (0: nothing).
    quality = models.DecimalField(_("工作质量"), max_digits=5, decimal_places=2, null=True)
    quality_points = _points(_("工作质量得分"))
    late_deduction = _points(_("逾期扣分"))
    return_deduction = _points(_("整改扣分"))
    earned = _points(_("得分"))

    class Meta:
        verbose_name = _("事项考核结果")
        verbose_name_plural = _("事项考核结果")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item", "unit"], name="one_result_per_item_unit"),
            models.UniqueConstraint(
                fields=["assessment", "item"], condition=models.Q(unit__isnull=True), name="one_result_per_item"
            ),
        ]
        indexes = [
            models.Index(fields=["assessment", "unit"]),
            models.Index(fields=["assessment", "post"]),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}/{self.unit_id}: {self.earned}/{self.weight}"


class Subject(models.Model):
    """What unit and person results share: totals, grade and rank."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    items = models.PositiveIntegerField(_("事项数"), default=0)
    base = _points(_("事项得分"))
    bonus = _points(_("加分"))
    deduction = _points(_("扣分"))
    total = _points(_("总分"))
    grade = models.CharField(_("等次"), max_length=20, blank=True)
    rank = models.PositiveIntegerField(_("排名"), null=True)
    veto = models.CharField(_("一票否决"), max_length=10, choices=EventRule.Veto.choices, blank=True)
    # 考核分组: the group the subject was ranked in, as it was named when computed ("": ungrouped);
    # ``rank`` and ``order`` are within it.
    group = models.CharField(_("考核分组"), max_length=50, blank=True, default="")
    # 扣分制: the total was raised to the scheme's floor (最低分).
    floored = models.BooleanField(_("按最低分计"), default=False)
    quota_limited = models.BooleanField(_("受优秀比例限制"), default=False)
    order = models.PositiveIntegerField(_("同分排序"), default=0)

    class Meta:
        abstract = True
        ordering = ["assessment", "order"]


class UnitResult(Subject):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="unit_results")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")

    class Meta(Subject.Meta):
        verbose_name = _("单位考核结果")
        verbose_name_plural = _("单位考核结果")
        constraints = [models.UniqueConstraint(fields=["assessment", "unit"], name="one_result_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.total}"


class PersonResult(Subject):
    """The result of a post's holder as responsible official (责任人) or lead leader (牵头领导)."""

    class Role(models.TextChoices):
        OFFICIAL = "official", _("责任人")
        LEADER = "leader", _("牵头领导")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="person_results")
    role = models.CharField(_("身份"), max_length=10, choices=Role.choices)
    post = models.ForeignKey(Post, verbose_name=_("岗位"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("人员"), null=True, on_delete=models.PROTECT, related_name="+")

    class Meta(Subject.Meta):
        verbose_name = _("个人考核结果")
        verbose_name_plural = _("个人考核结果")
        constraints = [models.UniqueConstraint(fields=["assessment", "role", "post"], name="one_result_per_post")]

    def __str__(self) -> str:
        return f"{self.post}: {self.total}"


class CategoryResult(models.Model):
    """A unit's (or post's) points in one category: the category's points × earned / possible."""

    # Written tens of thousands at a time by the computation, as item results are: no database
    # constraint (see ItemResult); Django applies on_delete on every ORM deletion.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="category_results", db_constraint=False
    )
    unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    person_result = models.ForeignKey(
        PersonResult, null=True, on_delete=models.CASCADE, related_name="categories", db_constraint=False
    )
    category = models.ForeignKey(SchemeCategory, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    items = models.PositiveIntegerField(_("事项数"))
    possible = _points(_("应得分值"))
    earned = _points(_("实得分值"))
    points = _points(_("折算得分"))

    class Meta:
        ordering = ["assessment", "category__order", "category_id"]
        indexes = [models.Index(fields=["assessment", "unit"])]

    def __str__(self) -> str:
        return f"{self.category_id}: {self.points}"


class EventResult(models.Model):
    """An event as it counted for one subject: its points, and what a cap left of them."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="event_results")
    event = models.ForeignKey(ScoreEvent, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, on_delete=models.PROTECT, related_name="+")
    person_result = models.ForeignKey(PersonResult, null=True, on_delete=models.CASCADE, related_name="events")

    class Limit(models.TextChoices):
        NONE = "", _("未受限")
        RULE_CAP = "rule_cap", _("该项累计上限")
        CATEGORY = "category", _("所属类别分值")
        INDICATOR = "indicator", _("所属指标分值")
        BONUS_CAP = "bonus_cap", _("加分上限")
        DEDUCTION_CAP = "deduction_cap", _("扣分上限")
        TIER = "tier", _("同组取最高")

    points = _points(_("分值"))
    applied = _points(_("计入分值"))
    limited_by = models.CharField(_("受限原因"), max_length=20, choices=Limit.choices, blank=True, default="")

    class Meta:
        ordering = ["assessment", "event__occurred_on", "event_id"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.applied}"


class ContributionResult(models.Model):
    """A cooperating unit's 会办 on a scored item (配合) as it stood at the end of ``as_of``, and what it
    cost the unit. The dates are kept, as an item's facts are: a version's explanation stays the same
    when the 会办 date is changed later or the unit is taken off the item."""

    # Written one per 会办 of the year by the computation: no database constraint (see ItemResult).
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="contribution_results", db_constraint=False
    )
    item = models.ForeignKey(ResponsibilityItem, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("承办单位"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    due = models.DateField(_("会办时限"), null=True)
    given_on = models.DateField(_("提交会办意见日期"), null=True)
    closed_on = models.DateField(_("事项办结日期（未会办）"), null=True)
    deduction = _points(_("会办逾期扣分"))

    class Meta:
        verbose_name = _("会办考核结果")
        verbose_name_plural = _("会办考核结果")
        ordering = ["assessment", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item", "unit"], name="one_contribution_result_per_unit")
        ]
        indexes = [models.Index(fields=["assessment", "unit"])]

    def __str__(self) -> str:
        return f"{self.item_id}/{self.unit_id}: {self.deduction}"

    def contribution(self) -> Contribution:
        """The 会办 as its facts were kept, to be read by the one helper of whether it was missed."""
        return Contribution(assignment=self.assignment, due=self.due, given_on=self.given_on, closed_on=self.closed_on)


class RewardProposal(models.Model):
    """A proposed reward or penalty (奖惩建议) from a published version; the committee decides."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待审定")
        APPROVED = "approved", _("已同意，执行")
        REJECTED = "rejected", _("未同意，不执行")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="proposals")
    rule = models.ForeignKey(RewardRule, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="reward_proposals")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="reward_proposals")
    action = models.CharField(_("奖惩措施"), max_length=20, choices=RewardRule.Action.choices)
    factor = models.DecimalField(_("奖金系数"), max_digits=4, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("等次"), max_length=20, blank=True)
    event = models.ForeignKey(ScoreEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    note = models.TextField(_("审定意见"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审定时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("奖惩建议")
        verbose_name_plural = _("奖惩建议")
        ordering = ["assessment", "id"]

    def __str__(self) -> str:
        return f"{self.unit or self.person} {self.get_action_display()}"


class AssessedResult(models.Model):
    """A unit's points on an indicator the assessors score (考核组评定) as they stood when computed, with
    the reason given: counted in its category beside the unit's items, out of the indicator's points."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assessed_results")
    indicator = models.ForeignKey(SchemeIndicator, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(SchemeCategory, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    possible = _points(_("指标分值"))
    earned = _points(_("评定分"))
    # 按完成比例得分 / 按次扣分: the number the points came from (entered or counted) and the target used.
    value = models.DecimalField(_("数值"), max_digits=9, decimal_places=2, null=True)
    target = models.DecimalField(_("目标值"), max_digits=9, decimal_places=2, null=True)
    reason = models.TextField(_("评分理由"), blank=True)

    class Meta:
        verbose_name = _("评定指标结果")
        verbose_name_plural = _("评定指标结果")
        ordering = ["assessment", "category__order", "indicator__order", "indicator_id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator", "unit"], name="one_assessed_result_per_unit")
        ]
        indexes = [models.Index(fields=["assessment", "unit"])]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.unit_id}: {self.earned}/{self.possible}"

    @property
    def weight(self) -> Decimal:
        """What it counts out of in its category, as an item's weight does."""
        return self.possible
