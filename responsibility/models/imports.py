"""Imports of work plans: the job that reads a document, and the other names units go by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .org import Unit
from .plan import WorkPlan


class UnitAlias(models.Model):
    """Another name a document uses for a unit (区司法局 for 司法局, 综治办 for 综治中心)."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("别名"), max_length=100)

    class Meta:
        verbose_name = _("单位别名")
        verbose_name_plural = _("单位别名")
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unit_alias_unique")]

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"


def import_upload_path(instance: PlanImport, filename: str) -> str:
    return f"imports/{instance.organisation_id}/{instance.sha256[:2]}/{instance.sha256}"


class PlanImport(models.Model):
    """One document read into a draft plan. The source is kept, so the review can show it whole."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("导入中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    organisation = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200, blank=True)
    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("工作要点"), null=True, blank=True, on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("文件名"), max_length=255)
    file = models.FileField(_("原文件"), upload_to=import_upload_path, blank=True)
    pasted_text = models.TextField(_("粘贴的文本"), blank=True)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度"), default=0)
    message = models.TextField(_("说明"), blank=True)
    summary = models.JSONField(_("导入结果"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("工作要点导入")
        verbose_name_plural = _("工作要点导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
