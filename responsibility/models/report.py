"""What happened to an item: progress reports, evidence, and the append-only timeline."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..storage import get_evidence_storage
from .plan import Indicator, ResponsibilityItem


class ProgressReport(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("进度反馈")
        COMPLETION = "completion", _("办结申请")
        RECTIFICATION = "rectification", _("整改反馈")
        CONTRIBUTION = "contribution", _("会办意见")

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="reports")
    # The item's plan, kept on the report (an item never changes plan): a plan's reports of a
    # quarter are counted off one index (``report_plan_time``), not matched against its items.
    plan = models.ForeignKey(
        "WorkPlan", verbose_name=_("年度工作要点"), on_delete=models.CASCADE, related_name="+", db_index=False
    )
    assignment = models.ForeignKey(
        "Assignment",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.PROGRESS)
    period = models.CharField(_("汇报期"), max_length=20, help_text=_("如 2020-03 或 2020Q1"))
    percent_done = models.PositiveSmallIntegerField(_("完成进度（%）"))
    narrative = models.TextField(_("工作进展"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("进度反馈")
        verbose_name_plural = _("进度反馈")
        ordering = ["item", "-created_at", "-id"]
        # The quarterly summary counts a plan's reports of a quarter from the index alone.
        indexes = [models.Index(fields=["plan", "created_at"], name="report_plan_time")]

    def __str__(self) -> str:
        return f"{self.item} {self.period} {self.percent_done}%"


class MissedReport(models.Model):
    """A reporting deadline that passed without a report (漏报), one row per deadline and unit (or item
    without units): the year's fact that 每少报一次扣0.5分 counts. Written by the daily sweep, never
    removed: a report given late settles the counter of missed reports in a row, not this."""

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="missed_reports")
    assignment = models.ForeignKey(
        "Assignment",
        verbose_name=_("承办单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="missed_reports",
        db_index=False,  # the index below leads with it
    )
    due = models.DateField(_("报送时限"))
    created_at = models.DateTimeField(_("记录时间"), default=timezone.now)

    class Meta:
        verbose_name = _("漏报记录")
        verbose_name_plural = _("漏报记录")
        ordering = ["item", "due", "id"]
        # NULLs are distinct in a unique index: an item without units needs a constraint of its own.
        constraints = [
            models.UniqueConstraint(
                fields=["item", "assignment", "due"],
                condition=models.Q(assignment__isnull=False),
                name="one_missed_report_per_unit_and_due",
            ),
            models.UniqueConstraint(
                fields=["item", "due"],
                condition=models.Q(assignment__isnull=True),
                name="one_missed_report_per_item_and_due",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "due"], name="missed_report_by_assignment")]

    def __str__(self) -> str:
        return f"{self.item} {self.due}"


class IndicatorValue(models.Model):
    """The value of one indicator as reported; the latest report's value is the item's actual."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("实际值"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("指标实际值")
        verbose_name_plural = _("指标实际值")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.value}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class Evidence(models.Model):
    """A file that proves the work (佐证材料), fingerprinted with SHA-256."""

    class Scan(models.TextChoices):
        NONE = "", _("未查毒")  # no virus scanner configured
        PENDING = "pending", _("待查毒")
        CLEAN = "clean", _("无毒")
        INFECTED = "infected", _("染毒")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to=evidence_path, max_length=300, storage=get_evidence_storage)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    # With a virus scanner (CLAMD_URL) a file is 待查毒 until clamd has read it, and only then sent.
    scan = models.CharField(_("查毒"), max_length=10, choices=Scan.choices, blank=True, default="")
    scan_result = models.CharField(_("查毒结果"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def held(self) -> bool:
        """Not to be sent: waiting for its scan, or found infected."""
        return self.scan in (self.Scan.PENDING, self.Scan.INFECTED)

    @staticmethod
    def fingerprint(uploaded) -> str:
        digest = hashlib.sha256()
        for chunk in uploaded.chunks():
            digest.update(chunk)
        uploaded.seek(0)
        return digest.hexdigest()


class AppendOnlyError(Exception):
    pass


class ItemEvent(models.Model):
    """One line of an item's timeline: who did what, when, from which state to which.

    Append-only: scoring reads these facts, so a row once written is never changed or deleted.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("创建")
        DEPLOYED = "deployed", _("部署交办")
        ACCEPTED = "accepted", _("签收")
        SENT_BACK = "sent_back", _("退回")
        REPORTED = "reported", _("进度反馈")
        EXTENSION_REQUESTED = "extension_requested", _("申请延期")
        EXTENSION_APPROVED = "extension_approved", _("同意延期")
        EXTENSION_REFUSED = "extension_refused", _("不同意延期")
        CLAIMED = "claimed", _("申请办结")
        VERIFIED = "verified", _("核验通过")
        RETURNED = "returned", _("退回整改")
        RECTIFIED = "rectified", _("整改完成")
        ASSESSED = "assessed", _("考核评分")
        URGED = "urged", _("催办")
        ESCALATED = "escalated", _("督办升级")
        HANDED_OVER = "handed_over", _("人员交接")
        TRANSFERRED = "transferred", _("转办")
        TRANSFERRED_BACK = "transferred_back", _("收回转办")
        CONTRIBUTED = "contributed", _("提交会办意见")
        CONTRIBUTION_MISSED = "contribution_missed", _("会办逾期")
        CONTRIBUTION_CLOSED = "contribution_closed", _("会办终止")
        CONTRIBUTION_DUE_MOVED = "contribution_due_moved", _("会办时限调整")
        HANDED_IN = "handed_in", _("报送牵头单位")
        INSTRUCTED = "instructed", _("领导批示")
        INSTRUCTION_ANSWERED = "instruction_answered", _("答复批示")
        # 上级交办: an organisation's part made into items of its own list (on the part and on each item).
        DECOMPOSED = "decomposed", _("上级交办分解")

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="events")
    # The unit's assignment the event belongs to; none for what concerns the whole item (created,
    # deployed, closed) and for events recorded before items had assignments.
    assignment = models.ForeignKey("Assignment", null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_status = models.CharField(_("原状态"), max_length=30, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, blank=True)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), db_index=True)
    # The tamper-evident chain (responsibility/timeline.py): the database numbers each event of an
    # item and hashes it with the previous event's hash, on insert, under the item's row lock.
    seq = models.PositiveIntegerField(_("序号"), null=True, blank=True, editable=False)
    prev_hash = models.CharField(_("上一条哈希"), max_length=64, blank=True, editable=False, db_default="")
    hash = models.CharField(_("哈希"), max_length=64, blank=True, editable=False, db_default="")

    class Meta:
        verbose_name = _("事项动态")
        verbose_name_plural = _("事项动态")
        ordering = ["item", "created_at", "id"]
        indexes = [
            models.Index(fields=["item", "kind"]),
            # An item's steps since a moment (a past quarter's end): whether it has any, and the first
            # that changed its status, read per item off the index, not picked out of every event since.
            models.Index(fields=["item", "created_at"], name="event_item_time"),
            # An item's own status changes in order, with the status each left (``standing.status_left_since``).
            models.Index(
                fields=["item", "created_at", "id"],
                name="event_item_change",
                condition=models.Q(assignment__isnull=True) & ~models.Q(from_status=models.F("to_status")),
                include=["from_status"],
            ),
            # A unit's part's steps since a moment, in order (``standing.standings_asked``: the first
            # that changed its status, whether any came since), read off the part's own index.
            models.Index(
                fields=["assignment", "created_at", "id"],
                name="event_part_time",
                condition=models.Q(assignment__isnull=False),
                include=["from_status", "to_status", "kind"],
            ),
            # The quarterly summary's escalations and approved extensions (rare among the timeline's
            # steps): read off a small index by time, not picked out of every event of the quarter.
            models.Index(
                fields=["created_at"],
                name="event_ladder_time",
                condition=models.Q(kind__in=["escalated", "extension_approved"]),
                include=["item"],
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["item", "seq"], name="one_event_per_place_in_chain")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("timeline events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("timeline events are append-only")

    def status_label(self, value: str) -> str:
        from .plan import ItemStatus

        return ItemStatus(value).label if value in ItemStatus.values else value

    @property
    def rectification_deadline(self) -> datetime.date | None:
        """The deadline a return for rectification set (stored as an ISO date in ``data``)."""
        value = self.data.get("deadline") if self.kind == self.Kind.RETURNED else None
        return datetime.date.fromisoformat(value) if value else None

    @property
    def new_deadline(self) -> datetime.date | None:
        """The deadline an extension request asked for, or its approval set, if this event carries one."""
        value = (self.data or {}).get("new_deadline")
        return datetime.date.fromisoformat(value) if value else None

    @property
    def from_status_label(self) -> str:
        return self.status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return self.status_label(self.to_status)


# The events that say a unit finished its work: a completion claim, or (牵头单位汇总办结) its part
# reported done to the lead unit. The first of them dates the work for timeliness.
FINISHED_KINDS = (ItemEvent.Kind.CLAIMED, ItemEvent.Kind.HANDED_IN)
