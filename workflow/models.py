"""Process data for the item flow, and in-app notifications."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process

from config import rows
from responsibility.models import (
    Assignment,
    Category,
    EscalationLevel,
    ItemEvent,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)

# A step reads its item with these (the plan for its dates, the posts for who gets the next task):
# ``select_related`` with the same four, without compiling a five-table join on every step.
_ITEM_WITH = ("plan", "responsible_post", "inspector_post", "assessor_post")


class ItemProcess(Process):
    """The life of one responsibility item. The item is the source of truth; the process points at it.

    A proxy keeps one row per process (no join per step); the item is the process's artifact.
    """

    class Meta:
        proxy = True
        verbose_name = _("事项流程")
        verbose_name_plural = _("事项流程")

    @property
    def item(self) -> ResponsibilityItem:
        cached = getattr(self, "_item_cache", None)
        if cached is None or cached.pk != self.artifact_object_id:
            cached = rows.reader(ResponsibilityItem, _ITEM_WITH).get(self.artifact_object_id)
            self._item_cache = cached
        return cached

    def branch_assignments(self, cooperating: bool = False) -> list[int]:
        """The assignments that get a branch at the split, in order: lead and responsible units (the
        whole flow), or with ``cooperating`` the cooperating units (a contribution, 会办).

        Read once with their posts and kept, as ``assignment_of`` keeps them: each branch's first
        task is given to its unit's 责任人 without reading its assignment again."""
        cache = self.__dict__.setdefault("_assignments", {})
        found = self.__dict__.get("_split_assignments")
        if found is None:
            found = rows.reader(Assignment, ("post",)).of("item", self.artifact_object_id)
            for assignment in found:
                assignment.item = self.item
                cache[assignment.pk] = assignment
            self._split_assignments = found
        return [assignment.pk for assignment in found if assignment.runs_branch != cooperating]

    @item.setter
    def item(self, item: ResponsibilityItem) -> None:
        self.artifact_content_type = ContentType.objects.get_for_model(ResponsibilityItem)
        self.artifact_object_id = item.pk
        self._item_cache = item


def of_items(items: int | list[int], path: str = "") -> models.Q:
    """The item processes of ``items`` (an item's key, or a list of them) as a filter; ``path``: the
    relation to the process (``"process__"`` for its tasks). Asked by the artifact's content type
    and key together: viewflow's index is (artifact_content_type, artifact_object_id), and by the
    key alone PostgreSQL reads all of it (1.4 ms an item page at 100,000 items, bench/README.md)."""
    item_type = ContentType.objects.get_for_model(ResponsibilityItem)
    key = "artifact_object_id" if isinstance(items, int) else "artifact_object_id__in"
    return models.Q(**{f"{path}artifact_content_type": item_type, f"{path}{key}": items})


def assignment_of(task) -> Assignment:
    """The unit's assignment a branch task works on, read once per process object (a task read
    with its process carries viewflow's plain Process; an ItemProcess also knows its item)."""
    pk = (task.data or {}).get("assignment")
    if pk is None:
        raise LookupError(f"task {task.pk} ({task.flow_task}) belongs to no unit's branch")
    process = task.process
    cache = process.__dict__.setdefault("_assignments", {})
    if pk not in cache:
        assignment = rows.reader(Assignment, ("post",)).get(pk)
        if isinstance(process, ItemProcess) and assignment.item_id == process.artifact_object_id:
            assignment.item = process.item
        cache[pk] = assignment
    return cache[pk]


TITLE_LENGTH = 200


def notice_title(text: str) -> str:
    """A notice's title as stored: whole if it fits its column, else cut with "…" to say so."""
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"


class Notification(models.Model):
    """A message to one person. Stored first, delivered by a Celery task after commit."""

    class Kind(models.TextChoices):
        # A hand-over or decision of the item's flow: one notice per event and person (workflow.notices).
        DEPLOYED = "deployed", _("交办")
        SENT_BACK = "sent_back", _("退回交办")
        TO_VERIFY = "to_verify", _("待核验")
        RETURNED = "returned", _("退回整改")
        EXTENSION_DECIDED = "extension_decided", _("延期审批结果")
        CLOSED = "closed", _("办结销号")
        TASK = "task", _("待办")  # any other step that lands in someone's queue (延期审批, 考核评分, 转办)
        PUBLISHED = "published", _("考核结果发布")
        URGE = "urge", _("催办")
        DUE_SOON = "due_soon", _("临期提醒")
        REPORT_MISSED = "report_missed", _("漏报提醒")
        OVERDUE = "overdue", _("逾期提醒")
        ESCALATION = "escalation", _("督办升级")
        CONTRIBUTION_DUE = "contribution_due", _("会办提醒")
        CONTRIBUTION_MISSED = "contribution_missed", _("会办逾期")
        SUMMARY = "summary", _("季度汇报")
        INSTRUCTION = "instruction", _("领导批示")
        INSTRUCTION_ANSWERED = "instruction_answered", _("批示答复")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    item = models.ForeignKey(ResponsibilityItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=TITLE_LENGTH)
    body = models.TextField(_("内容"), blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    # What the notice is about, e.g. "overdue:42:2021-12-31": a sweep that runs twice, or two at
    # once, cannot store the same notice twice (the database refuses the second row).
    key = models.CharField(max_length=120, null=True, blank=True, unique=True, editable=False)
    # The page the notice opens when it is not about an item (e.g. the published results).
    link = models.CharField(_("链接"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # One's notices, newest first, a page read off the index (通知, its API).
            models.Index(fields=["recipient", "-created_at", "-id"], name="notice_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Which of the configured channels a person does not want (none: every channel, the default).

    Kept as the channels turned off, not those turned on, so that a channel the office configures
    later reaches everyone until they turn it off. The in-app list always has every notice."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    muted_channels = models.JSONField(_("不接收的渠道"), default=list, blank=True)

    class Meta:
        verbose_name = _("通知接收设置")
        verbose_name_plural = _("通知接收设置")

    def __str__(self) -> str:
        return str(self.person)


class EscalationRule(models.Model):
    """When the sweep takes an item up to a step of the ladder, and who hears of it there.

    A step is reached when the item is ``days_overdue`` days past its deadline, or has missed
    ``reports_missed`` reports in a row (either, where both are set). The official always hears.
    """

    level = models.PositiveSmallIntegerField(_("督办级别"), choices=EscalationLevel.choices, unique=True)
    days_overdue = models.PositiveSmallIntegerField(_("逾期天数达到"), null=True, blank=True)
    reports_missed = models.PositiveSmallIntegerField(_("连续漏报次数达到"), null=True, blank=True)
    notify_unit_head = models.BooleanField(_("通知单位负责人"), default=False)
    notify_lead_leader = models.BooleanField(_("通知牵头领导"), default=False)
    notify_committee = models.BooleanField(_("通知党工委"), default=False)

    class Meta:
        verbose_name = _("督办升级规则")
        verbose_name_plural = _("督办升级规则")
        ordering = ["level"]

    def __str__(self) -> str:
        return self.get_level_display()


class EscalationNotice(models.Model):
    """The number of the 督办通知单 a step of the ladder issued (督〔2026〕12号): one sequence per
    organisation and year, given when the step is taken (``workflow.escalation_notice.number``)."""

    event = models.OneToOneField(
        ItemEvent, verbose_name=_("督办升级"), on_delete=models.CASCADE, related_name="escalation_notice"
    )
    organisation = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveIntegerField(_("序号"))

    class Meta:
        verbose_name = _("督办通知单")
        verbose_name_plural = _("督办通知单")
        ordering = ["organisation", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="escalation_notice_number_once")
        ]

    def __str__(self) -> str:
        return notice_number(self.year, self.number)


def notice_number(year: int, number: int) -> str:
    """督〔2026〕12号: the 文号 of a 督办通知单, with the standard's hexagonal brackets 〔〕."""
    return f"督〔{year}〕{number}号"


class Delivery(models.Model):
    """One notification through one channel: the delivery log, with its failures in sight."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=20)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    error = models.CharField(_("失败原因"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("通知送达记录")
        verbose_name_plural = _("通知送达记录")
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel")]

    def __str__(self) -> str:
        return f"{self.notification} · {self.channel}"


class LightCount(models.Model):
    """How many open items of a plan showed each light on one day, per category and lead unit.

    The sweep writes one day's rows at once (``workflow.lights.record``) after it has set the lights;
    the rows are the history the items themselves do not keep (their ``rag`` is today's), for the
    committee's quarter trend and the role workspace's charts.
    """

    day = models.DateField(_("日期"))
    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The lead unit (牵头单位): one per item, so that a plan's rows add up to its items.
    unit = models.ForeignKey(
        Unit, verbose_name=_("牵头单位"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    red = models.PositiveIntegerField(_("红灯"), default=0)
    yellow = models.PositiveIntegerField(_("黄灯"), default=0)
    green = models.PositiveIntegerField(_("绿灯"), default=0)

    class Meta:
        verbose_name = _("督办灯日统计")
        verbose_name_plural = _("督办灯日统计")
        ordering = ["-day", "plan", "category", "unit"]
        constraints = [
            # Over the ids with NULL as 0: a plain unique constraint lets NULLs repeat, and items
            # without a category or a lead unit would then be counted twice on the same day.
            models.UniqueConstraint(
                "day", "plan", Coalesce("category", 0), Coalesce("unit", 0), name="light_count_once_a_day"
            ),
        ]
        indexes = [models.Index(fields=["plan", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.plan}: {self.red}/{self.yellow}/{self.green}"


class QuarterRecord(models.Model):
    """A past quarter of a plan, kept: each item's standing at the quarter's end (``QuarterStanding``).

    Read back from the timeline once (``workflow.quarter_end.kept``: at the next quarter's start by
    beat, or by the first reader), since the timeline is append-only and what stood then no longer
    changes; a past quarter's summary then counts these rows instead of reading back thousands of
    items each time it is opened.
    """

    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    quarter = models.PositiveSmallIntegerField(_("季度"))
    kept_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("季度末事项状态记录")
        verbose_name_plural = _("季度末事项状态记录")
        constraints = [models.UniqueConstraint(fields=["plan", "year", "quarter"], name="quarter_record_once")]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}Q{self.quarter}"


class QuarterStanding(models.Model):
    """One item as it stood at a past quarter's end: counted (it was in the plan's life then), its
    category and status, what it was due by then (``Standing.due``: NULL once closed or without a date) and
    whether it was closed within the quarter."""

    # Its index is the (record, due) one below.
    record = models.ForeignKey(QuarterRecord, on_delete=models.CASCADE, related_name="standings", db_index=False)
    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="+")
    # Its category then (a category deleted since: none, as its items' goes).
    category = models.ForeignKey(Category, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("状态"), max_length=30)
    due = models.DateField(_("当时时限"), null=True)
    closed_in_quarter = models.BooleanField(_("本季度办结"), default=False)

    class Meta:
        verbose_name = _("季度末事项状态")
        verbose_name_plural = _("季度末事项状态")
        # The overdue list: a record's rows by what they were due by (the longest overdue first).
        indexes = [models.Index(fields=["record", "due"], name="quarter_standing_due")]

    def __str__(self) -> str:
        return f"{self.record}: {self.item_id} {self.status}"
