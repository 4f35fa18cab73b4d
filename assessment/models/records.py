"""Results of verification and assessment. Reads responsibility's facts; never writes them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from responsibility.models import Assignment, ResponsibilityItem

from ..scoring import part_label


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


class ItemScore(models.Model):
    """The assessed score of an item, with the parts and the reason for each point."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="scores")
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="score"
    )
    completion = models.DecimalField(_("完成情况"), max_digits=7, decimal_places=2)
    timeliness = models.DecimalField(_("时效"), max_digits=7, decimal_places=2)
    first_time_pass = models.DecimalField(_("一次通过"), max_digits=7, decimal_places=2)
    indicators = models.DecimalField(_("指标达成"), max_digits=7, decimal_places=2)
    quality = models.DecimalField(_("工作质量"), max_digits=7, decimal_places=2)
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
    def rows(self) -> list[dict]:
        """The stored parts for display: the label in the reader's language (by the part's key), the
        points, the maximum and the reason as stored (the reason is data and stays as written)."""
        return [
            {**reason, "label": part_label(reason.get("key", ""), reason.get("label", ""))} for reason in self.reasons
        ]
