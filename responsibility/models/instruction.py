"""Leaders' instructions (领导批示) and read receipts (已阅).

A 批示 is a fact of the item like a report: it stands on the timeline as an ``ItemEvent``
(``INSTRUCTED``) that says whom it was sent to; its answer, given by the responsible official in a
later report, stands there too (``INSTRUCTION_ANSWERED``). A read receipt belongs to a timeline event
that was sent to people (a 批示, a 督办通知单) and records when one of them read it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plan import ResponsibilityItem
from .report import ItemEvent, ProgressReport


class InstructionQuerySet(models.QuerySet):
    def open_for(self, work) -> InstructionQuerySet:
        """The 批示 a unit's next report answers (``work``: its assignment, or an item without
        units): those on its own part, and those on the whole item that nobody has answered yet."""
        from .assignment import Assignment

        if isinstance(work, Assignment):
            mine = self.filter(item_id=work.item_id).filter(models.Q(assignment=work) | models.Q(assignment=None))
        else:
            mine = self.filter(item_id=work.pk)
        return mine.filter(answered_at=None).select_related("author").order_by("created_at", "id")


class Instruction(models.Model):
    """One 批示 of a leader on an item, or on one of its progress reports (and so on that unit's part)."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="instructions")
    # The unit's part the 批示 is for (that of the report it was written on); none: the whole item,
    # answered by the first of its units to report.
    assignment = models.ForeignKey(
        "Assignment", verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("批示的进度反馈"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="instructions",
    )
    event = models.OneToOneField(ItemEvent, on_delete=models.CASCADE, related_name="instruction")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批示人"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("批示内容"))
    due = models.DateField(_("办理时限"), null=True, blank=True)
    created_at = models.DateTimeField(_("批示时间"), auto_now_add=True)
    answer = models.TextField(_("答复"), blank=True)
    answer_report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("答复所在的进度反馈"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_instructions",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = InstructionQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["item", "created_at", "id"]
        indexes = [models.Index(fields=["item", "answered_at"])]

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ReadReceipt(models.Model):
    """已阅: one recipient of a 批示 or a 督办通知单 read it, once (the first time counts)."""

    event = models.ForeignKey(ItemEvent, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("阅读人"), on_delete=models.CASCADE, related_name="+"
    )
    read_at = models.DateTimeField(_("已阅时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已阅回执")
        verbose_name_plural = _("已阅回执")
        ordering = ["event", "read_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="read_receipt_once")]

    def __str__(self) -> str:
        return f"{self.event} · {self.person}"
