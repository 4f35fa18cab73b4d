"""The scoring scheme of one organisation and year (考核细则), and the events recorded against it.

A scheme says how workflow facts turn into scores: categories with points (summing to the scheme's
full score), indicators within them that items may be tied to, the item rules (late, returned, not
done, indicators), the event rules (通报表扬 by level, 通报批评, 约谈, 问责, the negative list, vetoes),
the grade bands with the quota on the top band, and the reward rules that turn grades and events
into proposals. Nothing is computed here: see ``assessment.compute``.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from responsibility.models import Category, Person, ResponsibilityItem, Unit, WorkPlan
from responsibility.reporting import stored_name

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _points(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", ZERO)
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=2, **kwargs)


class Scheme(models.Model):
    """考核细则: how one organisation's year is scored."""

    class NotDone(models.TextChoices):
        ZERO = "zero", _("未完成不得分")
        PROGRESS = "progress", _("未完成按进度得分")

    class LatePeriod(models.TextChoices):
        DAY = "day", _("每逾期一天")
        WEEK = "week", _("每逾期一周（不足一周按一周计）")

    class Method(models.TextChoices):
        ADDITIVE = "additive", _("加分制：按各类别得分累加")
        DEDUCTIVE = "deductive", _("扣分制：从满分扣减")

    class TieBreak(models.TextChoices):
        BASE = "base", _("总分相同时，事项得分高者优先，再看扣分少者，再按单位排序")
        DEDUCTIONS = "deductions", _("总分相同时，扣分少者优先，再看事项得分高者，再按单位排序")

    organisation = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="schemes")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    plan = models.ForeignKey(
        WorkPlan,
        verbose_name=_("工作要点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schemes",
        help_text=_("计分的责任清单；不选则取本单位本年度已发布的工作要点"),
    )
    full_score = _points(_("满分"), default=HUNDRED)
    # 加分制 (the default, as before): the base is the categories' points rescaled to the full score over
    # the categories a unit carries. 扣分制: the full score less what was lost in the categories carried
    # (a category with nothing to score loses nothing), never below ``floor``.
    method = models.CharField(
        _("计分方式"),
        max_length=10,
        choices=Method.choices,
        default=Method.ADDITIVE,
        help_text=_("加分制：无事项的类别不计，按所计类别折算为满分；扣分制：从满分起扣，无事项的类别不扣分"),
    )
    floor = _points(
        _("最低分"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("扣分制下总分不低于此分；填 0 表示最低为 0 分"),
    )
    closes_on = models.DateField(
        _("计分截止日期"),
        null=True,
        blank=True,
        help_text=_("计算时只计此日及以前的事实；不填则为当年12月31日"),
    )
    # Item rules, in the item's own points.
    not_done = models.CharField(_("未完成事项"), max_length=10, choices=NotDone.choices, default=NotDone.PROGRESS)
    # Every rule starts off (0, or no limit): a new scheme changes no score until someone sets a rule.
    late_points = _points(
        _("逾期扣分"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("每个逾期计扣单位扣的分数；填 0 表示逾期不扣分"),
    )
    late_period = models.CharField(
        _("逾期计扣单位"), max_length=10, choices=LatePeriod.choices, default=LatePeriod.WEEK
    )
    late_cap = _points(
        _("逾期扣分上限"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("每个事项最多扣的分数；填 0 表示最多扣完该事项分值"),
    )
    return_points = _points(
        _("每次退回整改扣分"), validators=[MinValueValidator(ZERO)], help_text=_("填 0 表示退回整改不扣分")
    )
    return_cap = _points(
        _("退回整改扣分上限"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("每个事项最多扣的分数；填 0 表示最多扣完该事项分值"),
    )
    verification_grace_days = models.PositiveSmallIntegerField(
        _("核验宽限天数"),
        default=0,
        validators=[MaxValueValidator(90)],
        help_text=_(
            "计分截止日前已申请办结、截止日后该天数内核验通过的，按已完成计，该天数内的工作质量评定也计入；"
            "填 0 表示须在截止日前核验通过"
        ),
    )
    # 会办: off (0) until the office sets it, so that a scheme scores as it did before the rule existed.
    cooperation_points = _points(
        _("每次会办逾期扣分"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("配合单位未在会办时限前提交会办意见的，每次扣的分数；填 0 表示会办不计分"),
    )
    indicator_share = models.PositiveSmallIntegerField(
        _("指标达成占比（%）"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("有量化指标的事项，该比例的分值按指标达成情况计；填 0 表示不按指标计分"),
    )
    # B4: the assessor's quality rating at the 考核评分 step (0–10) counts for this share of an item's
    # points, beside completion and indicators; 0 (the default): the rating is kept but not scored.
    quality_share = models.PositiveSmallIntegerField(
        _("工作质量占比（%）"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("考核评分时考核员评定的工作质量（0–10分）按该比例计入事项分值；填 0 表示工作质量不计分"),
    )
    bonus_cap = _points(
        _("加分上限"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("每个单位全年加分最多的分数；填 0 表示不设上限"),
    )
    deduction_cap = _points(
        _("扣分上限"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("每个单位全年加减分事项扣分最多的分数（如附加项±3分）；填 0 表示不设上限"),
    )
    excellent_quota = models.PositiveSmallIntegerField(
        _("优秀比例上限（%）"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("最高等次的单位数不超过参评单位数的该比例（向下取整）；填 100 表示不限"),
    )
    tie_break = models.CharField(_("同分排序"), max_length=12, choices=TieBreak.choices, default=TieBreak.BASE)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考核细则")
        verbose_name_plural = _("考核细则")
        ordering = ["-year", "organisation__order", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_scheme_per_year")]
        permissions = [
            ("manage_scheme", _("可编辑考核细则")),
            ("record_event", _("可登记加减分事项")),
            ("compute_results", _("可计算年度考核结果")),
            ("publish_results", _("可发布年度考核结果")),
            ("decide_rewards", _("可审定奖惩建议")),
            ("view_all_results", _("可查看全部考核结果")),
        ]

    def __str__(self) -> str:
        return self.title

    def scored_plan(self) -> WorkPlan | None:
        if self.plan_id:
            return self.plan
        return (
            WorkPlan.objects.filter(organisation=self.organisation_id, year=self.year)
            .exclude(status=WorkPlan.Status.DRAFT)
            .order_by("-published_at", "-id")
            .first()
        )

    def reckoning_day(self) -> datetime.date:
        """The last day whose facts count: the scheme's closing day (12-31 by default), or today while
        the year runs."""
        return min(self.closes_on or datetime.date(self.year, 12, 31), timezone.localdate())

    def rule_values(self) -> dict[str, str]:
        """The scheme's rules (``RULE_FIELDS``) as a version keeps them; no query (an unsaved scheme too)."""
        return {name: str(getattr(self, name)) for name in RULE_FIELDS}

    def snapshot(self) -> dict:
        """The rules a computation used, kept with its version: the scheme may change after publishing."""
        rules = self.rule_values()
        bands = self.grade_bands.order_by("-min_score")
        rules["grades"] = [[band.name, str(band.min_score)] for band in bands if band.group_id is None]
        rules["groups"] = [
            [
                group.name,
                group.excellent_quota,
                [[band.name, str(band.min_score)] for band in bands if band.group_id == group.pk],
            ]
            for group in self.groups.all()
        ]
        # A ratio or per-count indicator's rule, as the breakdown states it (its points and target are
        # kept on each result row).
        counted = SchemeIndicator.objects.filter(
            category__scheme=self, method__in=[SchemeIndicator.Method.RATIO, SchemeIndicator.Method.PER_COUNT]
        )
        rules["indicators"] = {
            str(i.pk): {"method": i.method, "source": i.source, "step": str(i.step), "floor": str(i.floor)}
            for i in counted
        }
        return rules

    def category_points(self) -> Decimal:
        return sum((c.points for c in self.categories.all()), ZERO)

    def problems(self) -> list[str]:
        """What would make the scheme's results wrong: shown on its page, checked before computing."""
        found = []
        total = self.category_points()
        if total != self.full_score:
            found.append(
                gettext("各类别分值合计 %(total)s，与满分 %(full)s 不一致。")
                % {"total": f"{total.normalize():f}", "full": f"{self.full_score.normalize():f}"}
            )
        for category in self.categories.all():
            indicators = sum((i.points for i in category.indicators.all()), ZERO)
            if indicators and indicators != category.points:
                found.append(
                    gettext("“%(name)s”的指标分值合计 %(sum)s，与类别分值 %(points)s 不一致。")
                    % {
                        "name": category.name,
                        "sum": f"{indicators.normalize():f}",
                        "points": f"{category.points.normalize():f}",
                    }
                )
        return found


RULE_FIELDS = [
    "full_score",
    "method",
    "floor",
    "not_done",
    "late_points",
    "late_period",
    "late_cap",
    "return_points",
    "return_cap",
    "cooperation_points",
    "indicator_share",
    "quality_share",
    "verification_grace_days",
    "bonus_cap",
    "deduction_cap",
    "excellent_quota",
    "tie_break",
]
NUMERIC_RULES = {
    "full_score",
    "late_points",
    "late_cap",
    "return_points",
    "return_cap",
    "cooperation_points",
    "bonus_cap",
    "deduction_cap",
    "floor",
}
INTEGER_RULES = {"indicator_share", "quality_share", "excellent_quota", "verification_grace_days"}
# Rules added after versions began to keep their rules, with what a version computed before them did.
ADDED_RULES = {
    "cooperation_points": "0",
    "verification_grace_days": "0",
    "deduction_cap": "0",
    "method": "additive",
    "floor": "0",
    "quality_share": "0",
}


@dataclass(frozen=True)
class Band:
    name: str
    min_score: Decimal


class Rules:
    """A computation's rules as they were (``Assessment.rules``), read like a scheme: ``rules.late_points``."""

    def __init__(self, snapshot: dict) -> None:
        for name in RULE_FIELDS:
            value = snapshot[name] if name in snapshot else ADDED_RULES[name]
            if name in NUMERIC_RULES:
                value = Decimal(value)
            elif name in INTEGER_RULES:
                value = int(value)
            setattr(self, name, value)
        self.bands = [Band(name, Decimal(low)) for name, low in snapshot.get("grades", [])]
        # 考核分组: each group's quota (None: the scheme's) and bands (none: the scheme's), in order.
        self.groups = [
            GroupRules(name, quota, [Band(band, Decimal(low)) for band, low in bands])
            for name, quota, bands in snapshot.get("groups", [])
        ]
        self.indicators = {
            int(pk): IndicatorRule(rule["method"], rule["source"], Decimal(rule["step"]), Decimal(rule["floor"]))
            for pk, rule in snapshot.get("indicators", {}).items()
        }

    def grading(self, group: str) -> GroupRules:
        """What the units of ``group`` ("": those no group takes) are graded by: the group's own quota
        and bands where it set them, else the scheme's."""
        own = next((g for g in self.groups if g.name == group), None)
        if own is None:
            return GroupRules(group, self.excellent_quota, self.bands)
        quota = self.excellent_quota if own.excellent_quota is None else own.excellent_quota
        return GroupRules(group, quota, own.bands or self.bands)


@dataclass(frozen=True)
class IndicatorRule:
    """A ratio or per-count indicator's rule as a version was computed with it."""

    method: str
    source: str
    step: Decimal
    floor: Decimal

    @classmethod
    def of(cls, indicator: SchemeIndicator) -> IndicatorRule:
        return cls(indicator.method, indicator.source, indicator.step, indicator.floor)


@dataclass(frozen=True)
class GroupRules:
    name: str
    excellent_quota: int | None
    bands: list[Band]

    def places(self, count: int) -> int:
        """How many of ``count`` units may take the top band: the quota's share rounded down (100: all)."""
        quota = 100 if self.excellent_quota is None else self.excellent_quota
        return count if quota >= 100 else math.floor(count * quota / 100)


class SchemeCategory(models.Model):
    """A category of the scheme with its points (e.g. 依法全面履行政府职能 12 分)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("类别"), max_length=100)
    points = _points(_("分值"), validators=[MinValueValidator(ZERO)])
    order = models.PositiveIntegerField(_("排序"), default=0)
    plan_category = models.ForeignKey(
        Category,
        verbose_name=_("对应清单类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("该类别计分的责任清单事项；不选则按名称对应"),
    )

    class Meta:
        verbose_name = _("考核类别")
        verbose_name_plural = _("考核类别")
        ordering = ["scheme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="scheme_category_unique_name")]

    def __str__(self) -> str:
        return self.name


class SchemeIndicator(models.Model):
    """An indicator within a category (考核指标), with its points and criteria.

    Items tied to an indicator share its points equally; the category's other items share what the
    category's indicators leave, by their own points (分值), or equally when they have none.

    An indicator scored by the assessors (考核组评定, e.g. "工作质量 0–6 分由考核组评定") holds no items:
    each unit gets the points entered for it (``IndicatorScore``), out of the indicator's.
    """

    class Method(models.TextChoices):
        ITEMS = "items", _("按事项计分")
        ASSESSED = "assessed", _("考核组评定")
        RATIO = "ratio", _("按完成比例得分")
        PER_COUNT = "count", _("按次扣分")

    class Source(models.TextChoices):
        """Where a ratio or per-count indicator takes each unit's number from."""

        ENTERED = "entered", _("评分单位填报")
        DONE_PERCENT = "done_percent", _("事项完成率（%）")
        UNDONE_ITEMS = "undone_items", _("未完成事项数")
        LATE_ITEMS = "late_items", _("逾期事项数")
        RETURNS = "returns", _("退回整改次数")
        MISSED_CONTRIBUTIONS = "missed_contributions", _("会办逾期次数")
        MISSED_REPORTS = "missed_reports", _("少报次数")

    class AppliesTo(models.TextChoices):
        ALL = "all", _("全部单位")
        KIND = "kind", _("某类单位")
        NAMED = "named", _("指定单位")

    category = models.ForeignKey(SchemeCategory, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("考核指标"), max_length=200)
    points = _points(_("分值"), validators=[MinValueValidator(ZERO)])
    method = models.CharField(
        _("评分方式"),
        max_length=10,
        choices=Method.choices,
        default=Method.ITEMS,
        help_text=_(
            "按事项计分：按对应事项的完成情况；考核组评定：考核组为每个单位在 0 至指标分值之间评分并写明理由；"
            "按完成比例得分：指标分值 × 数值 ÷ 目标值，不超过指标分值；"
            "按次扣分：指标分值 − 每次扣分 × 次数，不低于最低得分"
        ),
    )
    # Whom a 考核组评定 indicator is scored for: a common indicator (全部单位, or every 社区), or a unit's own.
    applies_to = models.CharField(
        _("适用单位"),
        max_length=10,
        choices=AppliesTo.choices,
        default=AppliesTo.ALL,
        help_text=_("考核组评定、按比例、按次扣分的指标为哪些单位评分：全部单位、某类单位（如全部社区）或指定单位"),
    )
    unit_kind = models.CharField(_("单位类型"), max_length=20, choices=Unit.Kind.choices, blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("指定单位"), blank=True, related_name="+")
    # 按完成比例得分: points × value ÷ target, at most the points (8 of 10 cases: 80 %).
    # 按次扣分: points − step × value, not below ``floor`` (每少报一次扣0.5分，扣完为止: floor 0).
    source = models.CharField(
        _("数据来源"),
        max_length=24,
        choices=Source.choices,
        blank=True,
        help_text=_(
            "按完成比例得分、按次扣分须选：评分单位填报，或取本次计算的系统统计（事项完成率、未完成事项数、"
            "逾期事项数、退回整改次数、会办逾期次数、少报次数；少报：报送时限已过未报送进度，事后补报仍计）；"
            "按事项计分、考核组评定留空"
        ),
    )
    target = models.DecimalField(
        _("目标值"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_(
            "按完成比例得分：数值达到目标值得满分（如应报10次、满意度100%）。留空：事项完成率按 100% 计，"
            "评分单位填报的按各单位填报的目标值，其他系统统计须填写；填 0 表示不设要求，一律得满分；"
            "其他评分方式留空"
        ),
    )
    step = _points(
        _("每次扣分"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("按次扣分：每次（每个）扣的分数，须大于 0；其他评分方式留空或填 0"),
    )
    floor = _points(
        _("最低得分"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("按次扣分：本指标最低得分，不高于指标分值；留空或填 0 表示扣完为止；其他评分方式留空或填 0"),
    )
    # 评分责任单位: the department that scores this indicator, and sees only the indicators it scores.
    scorer = models.ForeignKey(
        Unit,
        verbose_name=_("评分责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scored_indicators",
        help_text=_("由该单位为各单位评分或填报数值；留空则由考核办评分或填报"),
    )
    criteria = models.TextField(_("评分标准"), blank=True)
    order = models.PositiveIntegerField(_("排序"), default=0)
    items = models.ManyToManyField(ResponsibilityItem, verbose_name=_("对应事项"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["category", "order", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scored_on_page(cls) -> Q:
        """Scored on the scoring page (考核评分): 考核组评定, and the ratio and per-count indicators whose
        numbers are entered (the others take their numbers from the workflow's facts)."""
        Method = cls.Method
        return Q(method=Method.ASSESSED) | Q(method__in=[Method.RATIO, Method.PER_COUNT], source=cls.Source.ENTERED)

    @property
    def counts(self) -> bool:
        """Scored from a number per unit (按完成比例得分, 按次扣分), not from items or by the assessors."""
        return self.method in (self.Method.RATIO, self.Method.PER_COUNT)

    @property
    def counted_by_system(self) -> bool:
        """A ratio or per-count indicator whose number the computation counts (not entered by a scorer)."""
        return self.counts and self.source not in ("", self.Source.ENTERED)

    def missing_for_count(self) -> str | None:
        """The field a ratio or per-count indicator cannot be scored without ("source", "target"), if any:
        a number needs a source; a ratio of a system count needs a target (a completion rate is out of 100,
        an entered number may bring each unit's own). What the editor, the workbook and the computation
        all refuse."""
        if not self.counts:
            return None
        if not self.source:
            return "source"
        if self.method == self.Method.RATIO and self.target is None and self.counted_by_system:
            if self.source != self.Source.DONE_PERCENT:
                return "target"
        return None

    # The rule's fields each method reads; a value in another is refused rather than cleared: a number
    # typed for a method that ignores it is most likely a 评分方式 left unchosen, and clearing it would
    # score the indicator another way than the office meant without a word.
    USES = {Method.RATIO: {"source", "target"}, Method.PER_COUNT: {"source", "step", "floor"}}

    def clean(self) -> None:
        errors = {}
        missing = self.missing_for_count()
        if missing == "source":
            errors["source"] = gettext("按完成比例得分、按次扣分的指标须选择数据来源。")
        elif missing == "target":
            errors["target"] = gettext("按完成比例得分且数据来源为系统统计的次数，须填写目标值。")
        if self.method == self.Method.PER_COUNT and not (self.step or ZERO) > 0:
            errors["step"] = gettext("按次扣分的指标须填写每次扣分（大于 0）。")
        if self.method == self.Method.PER_COUNT and (self.floor or ZERO) > (self.points or ZERO):
            errors["floor"] = gettext("最低得分不能高于指标分值。")
        set_here = {
            "source": bool(self.source),
            "target": self.target is not None,
            "step": bool(self.step),
            "floor": bool(self.floor),
        }
        used = self.USES.get(self.method, set())
        for name, is_set in set_here.items():
            if is_set and name not in used and name not in errors:
                errors[name] = gettext("“%(method)s”的指标不用“%(field)s”：请清空，或改选评分方式。") % {
                    "method": self.get_method_display(),
                    "field": self._meta.get_field(name).verbose_name,
                }
        if errors:
            raise ValidationError(errors)

    def target_for(self, own: Decimal | None = None) -> Decimal | None:
        """A ratio's target: the unit's own where one was entered, else the indicator's; a completion rate
        (%) is out of 100 unless the indicator says otherwise."""
        if own is not None:
            return own
        if self.target is None and self.source == self.Source.DONE_PERCENT:
            return HUNDRED
        return self.target

    def points_for(self, value: Decimal, target: Decimal | None = None) -> Decimal:
        """The points a unit's number earns, never more than the indicator's points nor less than 0:
        按完成比例得分 points × value ÷ target; 按次扣分 points − step × value, not below the floor.
        The one place both the computation and the scoring page take them from. A half cent rounds up,
        as every other point of the computation does (Python's default would take it to the even cent)."""
        cent = Decimal("0.01")
        if self.method == self.Method.RATIO:
            target = self.target_for(target)
            if target is None:
                return ZERO  # no target set: refused by the editor and the workbook, never scored
            if target == 0:
                return self.points  # nothing was owed
            return min(self.points, self.points * value / target).quantize(cent, ROUND_HALF_UP)
        if self.method == self.Method.PER_COUNT:
            floor = min(self.floor, self.points)
            return max(self.points - self.step * value, floor).quantize(cent, ROUND_HALF_UP)
        raise ValueError(f"{self.method} indicators are not scored from a number")

    def applicable(self, units) -> list:
        """Those of ``units`` the indicator is scored for (named units: read with ``self.units``)."""
        if self.applies_to == self.AppliesTo.KIND:
            return [unit for unit in units if unit.kind == self.unit_kind]
        if self.applies_to == self.AppliesTo.NAMED:
            named = {unit.pk for unit in self.units.all()}
            return [unit for unit in units if unit.pk in named]
        return list(units)


class IndicatorScore(models.Model):
    """考核组评定: one unit's points on an indicator the assessors score, with the reason."""

    indicator = models.ForeignKey(SchemeIndicator, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    # 考核组评定: the points given. 按完成比例得分 / 按次扣分 with an entered source: the number entered
    # (and, for a ratio, the unit's own target where it differs); the points then follow the rule.
    points = _points(_("评定分"), null=True, blank=True, validators=[MinValueValidator(ZERO)])
    value = models.DecimalField(
        _("数值"), max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    target = models.DecimalField(
        _("目标值"), max_digits=9, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    reason = models.TextField(_("评分理由"))
    scored_by = models.ForeignKey(Person, verbose_name=_("评分人"), on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    class Meta:
        verbose_name = _("评定分")
        verbose_name_plural = _("评定分")
        ordering = ["indicator", "unit__order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["indicator", "unit"], name="one_score_per_unit_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.unit}: {self.points}"


class SchemeGroup(models.Model):
    """考核分组: units ranked apart (重点/一般考核单位, 社区/科室), with their own quota and, if set, bands.

    A unit belongs to the first group (in order) that takes it; a unit no group takes is ranked with
    the other such units under the scheme's own bands and quota.
    """

    class AppliesTo(models.TextChoices):
        KIND = "kind", _("某类单位")
        NAMED = "named", _("指定单位")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("分组"), max_length=50)
    applies_to = models.CharField(_("分组方式"), max_length=10, choices=AppliesTo.choices, default=AppliesTo.KIND)
    unit_kind = models.CharField(_("单位类型"), max_length=20, choices=Unit.Kind.choices, blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("指定单位"), blank=True, related_name="+")
    excellent_quota = models.PositiveSmallIntegerField(
        _("优秀比例上限（%）"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("本组最高等次的单位数不超过本组单位数的该比例；不填则按细则的优秀比例"),
    )
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核分组")
        verbose_name_plural = _("考核分组")
        ordering = ["scheme", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="scheme_group_unique_name")]

    def __str__(self) -> str:
        return self.name

    def takes(self, unit: Unit, named: set[int] | None = None) -> bool:
        """Whether the unit is of this group (``named``: the group's unit ids, read once by the caller)."""
        if self.applies_to == self.AppliesTo.KIND:
            return bool(self.unit_kind) and unit.kind == self.unit_kind
        if named is None:
            named = {u.pk for u in self.units.all()}
        return unit.pk in named


class GradeBand(models.Model):
    """A grade (等次) from a minimum score: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 ≥ 0.

    A band of a group (考核分组) grades that group's units only; a group with no bands of its own uses
    the scheme's (bands of no group)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="grade_bands")
    group = models.ForeignKey(
        SchemeGroup,
        verbose_name=_("考核分组"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="grade_bands",
        help_text=_("不填则为各组通用的等次"),
    )
    name = models.CharField(_("等次"), max_length=20)
    min_score = _points(_("最低分"), validators=[MinValueValidator(ZERO)])

    class Meta:
        verbose_name = _("等次")
        verbose_name_plural = _("等次")
        ordering = ["scheme", "-min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "name"], condition=models.Q(group__isnull=True), name="grade_unique_name"
            ),
            models.UniqueConstraint(
                fields=["group", "name"], condition=models.Q(group__isnull=False), name="group_grade_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EventRule(models.Model):
    """A kind of bonus or deduction event, with its points and cap, or a veto (一票否决)."""

    class Kind(models.TextChoices):
        BONUS = "bonus", _("加分")
        DEDUCTION = "deduction", _("扣分")
        VETO = "veto", _("一票否决")

    class Level(models.TextChoices):
        NONE = "", _("不分级别")
        NATIONAL = "national", _("国家级")
        PROVINCIAL = "provincial", _("省级")
        CITY = "city", _("市级")
        DISTRICT = "district", _("区级")
        COUNTY = "county", _("县级")
        TOWNSHIP = "township", _("乡镇级")
        SUBDISTRICT = "subdistrict", _("街道级")

    class Veto(models.TextChoices):
        FAIL = "fail", _("定为最低等次")
        NO_TOP = "no_top", _("不得评为最高等次")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="event_rules")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100, help_text=_("如 通报表扬、通报批评、约谈、问责"))
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, blank=True, default=Level.NONE)
    points = _points(_("每次分值"), validators=[MinValueValidator(ZERO)])
    tier = models.CharField(
        _("取最高分组"),
        max_length=50,
        blank=True,
        help_text=_("同一分组的规则对同一单位只计最高的一次（如国家级5/省级3/市级1分取最高）；留空表示各自累计"),
    )
    ratio = models.PositiveSmallIntegerField(
        _("折算比例（%）"),
        default=100,
        validators=[MaxValueValidator(1000)],
        help_text=_("事项的分值按此比例计入（如上级考核扣分按50%折算）；100 表示按原分值"),
    )
    cap = _points(
        _("累计上限"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("同一单位（人员）该项累计最多加或扣的分数；填 0 表示不设上限"),
    )
    category = models.ForeignKey(
        SchemeCategory,
        verbose_name=_("所属类别"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_rules",
        help_text=_("扣分项：累计扣分不超过该类别分值"),
    )
    # 本项扣完为止: several deduction rules under one indicator share its points as their cap.
    indicator = models.ForeignKey(
        SchemeIndicator,
        verbose_name=_("所属指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_rules",
        help_text=_("扣分项：同一指标下各规则累计扣分不超过该指标分值（本项扣完为止）"),
    )
    # 黄牌: a deduction may also carry a veto's effect (扣0.5分且不得评为优秀), one rule and one record.
    veto = models.CharField(
        _("否决效果"),
        max_length=10,
        choices=Veto.choices,
        blank=True,
        help_text=_("一票否决项必选；扣分项可选（如黄牌：扣分并不得评为最高等次）"),
    )
    order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("加减分规则")
        verbose_name_plural = _("加减分规则")
        ordering = ["scheme", "kind", "order", "id"]

    def __str__(self) -> str:
        if self.level:
            return f"{self.name}（{self.get_level_display()}）"
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.VETO and not self.veto:
            raise ValidationError({"veto": gettext("一票否决项须选择否决效果。")})
        if self.kind == self.Kind.BONUS and self.veto:
            raise ValidationError({"veto": gettext("加分项不能有否决效果。")})
        if self.indicator_id and self.kind != self.Kind.DEDUCTION:
            raise ValidationError({"indicator": gettext("只有扣分项可以归入指标（本项扣完为止）。")})
        if self.indicator_id and self.category_id and self.indicator.category_id != self.category_id:
            raise ValidationError({"indicator": gettext("所属指标须在所属类别之下。")})

    @property
    def sign(self) -> int:
        return -1 if self.kind == self.Kind.DEDUCTION else 1


def event_evidence_path(instance: ScoreEvent, filename: str) -> str:
    # Cut to fit the disk as report evidence is; the name as uploaded stays in ``evidence_name``.
    return f"assessment/{instance.evidence_sha256[:2]}/{instance.evidence_sha256}/{stored_name(filename)}"


class ScoreEvent(models.Model):
    """A bonus, deduction or veto event recorded during the year, against a unit or a person."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="events")
    rule = models.ForeignKey(EventRule, verbose_name=_("规则"), on_delete=models.PROTECT, related_name="events")
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="score_events"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), null=True, blank=True, on_delete=models.PROTECT, related_name="score_events"
    )
    item = models.ForeignKey(
        ResponsibilityItem,
        verbose_name=_("相关事项"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="score_events",
    )
    occurred_on = models.DateField(_("发生日期"))
    # 少开会3次 is one record of three; 上级考核扣4分 carries its own amount, which the rule's ratio
    # (按50%折算) turns into the points asked.
    quantity = models.PositiveSmallIntegerField(
        _("次数"), default=1, validators=[MinValueValidator(1)], help_text=_("同一事由发生的次数，按次计分")
    )
    amount = models.DecimalField(
        _("本次分值"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("事由本身带有分值时填写（如上级考核扣4分）；留空按规则的每次分值"),
    )
    description = models.TextField(_("事由"))
    evidence = models.FileField(_("佐证材料"), upload_to=event_evidence_path, max_length=300, blank=True)
    evidence_name = models.CharField(_("文件名"), max_length=200, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("加减分事项")
        verbose_name_plural = _("加减分事项")
        ordering = ["scheme", "occurred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False), name="event_has_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on:%Y-%m-%d} {self.rule}"

    @property
    def points_asked(self) -> Decimal:
        """(Its own amount, or the rule's points) × quantity × the rule's ratio: before any cap."""
        each = self.amount if self.amount is not None else self.rule.points
        return (each * self.quantity * self.rule.ratio / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def clean(self) -> None:
        if self.unit_id is None and self.person_id is None:
            raise ValidationError(gettext("请选择单位或人员。"))
        if self.scheme_id and self.occurred_on and self.occurred_on.year != self.scheme.year:
            raise ValidationError({"occurred_on": gettext("发生日期不在考核年度内。")})


class RewardRule(models.Model):
    """A rule that turns a grade or an event into a proposal (奖惩建议)."""

    class Action(models.TextChoices):
        COMMENDATION = "commendation", _("通报表扬")
        BONUS_FACTOR = "bonus_factor", _("绩效奖金系数")
        CRITICISM = "criticism", _("通报批评")
        TALK = "talk", _("约谈")
        ACCOUNTABILITY = "accountability", _("问责建议")

    class Subject(models.TextChoices):
        UNIT = "unit", _("单位")
        PERSON = "person", _("个人")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="reward_rules")
    subject = models.CharField(_("对象"), max_length=10, choices=Subject.choices, default=Subject.UNIT)
    grade = models.CharField(_("等次"), max_length=20, blank=True, help_text=_("评为该等次时提出建议"))
    event_rule = models.ForeignKey(
        EventRule,
        verbose_name=_("加减分规则"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reward_rules",
        help_text=_("有该类事项时提出建议"),
    )
    action = models.CharField(_("奖惩措施"), max_length=20, choices=Action.choices)
    factor = models.DecimalField(
        _("奖金系数"), max_digits=4, decimal_places=2, null=True, blank=True, help_text=_("仅绩效奖金系数需填")
    )

    class Meta:
        verbose_name = _("奖惩规则")
        verbose_name_plural = _("奖惩规则")
        ordering = ["scheme", "id"]

    def __str__(self) -> str:
        trigger = self.grade or str(self.event_rule or "")
        return f"{trigger} → {self.get_action_display()}"

    def clean(self) -> None:
        if bool(self.grade) == bool(self.event_rule_id):
            raise ValidationError(gettext("请在“等次”和“加减分规则”中选且只选一项作为触发条件。"))
        if self.action == self.Action.BONUS_FACTOR and self.factor is None:
            raise ValidationError({"factor": gettext("绩效奖金系数须填写系数。")})
