"""Results of verification and assessment. Reads responsibility's facts; never writes them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from responsibility.models import Assignment, ResponsibilityItem


class Verification(models.Model):
    """One verification (督查核验) of a completion claim: passed, or returned for rectification."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="verifications")
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    round = models.PositiveSmallIntegerField(_("核验轮次"))
    passed = models.BooleanField(_("核验通过"))
    comments = models.TextField(_("核验意见"), blank=True)
    rectification_points = models.TextField(_("整改要求"), blank=True)
    rectification_deadline = models.DateField(_("整改时限"), null=True, blank=True)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("督查员"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("核验时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("督查核验")
        verbose_name_plural = _("督查核验")
        ordering = ["item", "round"]
        constraints = [
            models.UniqueConstraint(fields=["item", "assignment", "round"], name="one_verification_per_unit_round")
        ]

    def __str__(self) -> str:
        if self.passed:
            return gettext("%(item)s 第%(round)s轮 通过") % {"item": self.item, "round": self.round}
        return gettext("%(item)s 第%(round)s轮 退回整改") % {"item": self.item, "round": self.round}


# Before B4 the step scored on fixed weights (a 100-point scale) and stored each part's label, in
# Chinese, with its reason. Those scores show their labels through this mapping, by key, in the
# reader's language; a key unknown here shows its stored label.
FIXED_PART_LABELS = {
    "completion": _("完成情况"),
    "timeliness": _("时效"),
    "first_time_pass": _("一次通过"),
    "indicators": _("指标达成"),
    "quality": _("工作质量"),
}


def _points(verbose_name) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=9, decimal_places=2, null=True)


class ItemScore(models.Model):
    """The 考核评分 step's score of one unit's part of an item: the scheme's item rules (those of the
    plan's organisation and year; neutral with none) on the facts as they stood that day, as the
    year-end computation scores it, with the assessor's quality rating and comment. The parts are the
    year end's (``ItemResult``); ``reasons`` holds the lines that explain them, as written then.

    A score recorded before B4 has no parts (null): it was scored on fixed weights, and its reasons
    are the parts themselves (key, label, points, maximum and reason on a 100-point scale)."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="scores")
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="score"
    )
    scheme = models.ForeignKey(
        "Scheme",
        verbose_name=_("考核细则"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("评分时适用的考核细则；空：当年尚未制定细则，按中性规则计"),
    )
    # The assessor's rating (0–10); the year end reads the last one of each part (工作质量占比).
    quality = models.DecimalField(_("工作质量评定"), max_digits=7, decimal_places=2)
    completion_points = _points(_("完成得分"))
    indicator_points = _points(_("指标得分"))
    quality_points = _points(_("工作质量得分"))
    late_deduction = _points(_("逾期扣分"))
    return_deduction = _points(_("整改扣分"))
    total = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    max_total = models.DecimalField(_("满分"), max_digits=7, decimal_places=2, default=Decimal(100))
    reasons = models.JSONField(_("得分依据"), default=list)
    comment = models.TextField(_("考核意见"), blank=True)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("考核员"), on_delete=models.PROTECT)
    assessed_at = models.DateTimeField(_("考核时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("事项得分")
        verbose_name_plural = _("事项得分")

    def __str__(self) -> str:
        return pgettext("item: score", "%(item)s：%(total)s") % {"item": self.item, "total": self.total}

    @property
    def fixed_weights(self) -> bool:
        """Scored before B4, on the fixed weights: its reasons are a table of parts."""
        return self.completion_points is None

    @property
    def rows(self) -> list[dict]:
        """A score on fixed weights, for display: each part's label in the reader's language (by its
        key), its points, maximum and reason as stored (the reason is data and stays as written)."""
        return [
            {**reason, "label": _fixed_label(reason.get("key", ""), reason.get("label", ""))} for reason in self.reasons
        ]

    @property
    def lines(self) -> list[dict]:
        """A score under the scheme's rules, for display: its lines (``text``, signed ``points`` or "")."""
        return self.reasons


def _fixed_label(key: str, stored: str) -> str:
    label = FIXED_PART_LABELS.get(key)
    return str(label) if label is not None else stored
