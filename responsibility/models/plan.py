"""Work plans (年度工作要点) and their responsibility items (责任清单)."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config import rows
from responsibility.id_lists import id_list

from ..dates import date_text
from .org import Post, Unit


class WorkPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        CLOSED = "closed", _("已结束")

    organisation = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    source_text = models.TextField(_("原文"), blank=True)
    headers = models.JSONField(_("文件信息"), default=dict, blank=True, help_text=_("文号、主送机关、落款等"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    # Supervision thresholds (红黄绿灯), per plan: see responsibility.supervision.
    yellow_days_before = models.PositiveSmallIntegerField(_("临期预警天数"), default=7)
    yellow_points_behind = models.PositiveSmallIntegerField(_("落后预警（百分点）"), default=10)
    red_points_behind = models.PositiveSmallIntegerField(_("落后告警（百分点）"), default=30)
    red_reports_missed = models.PositiveSmallIntegerField(_("漏报告警（次）"), default=2)

    # What a responsible official must bring (see workflow.forms.WorkForm).
    claim_needs_evidence = models.BooleanField(
        _("申请办结须附佐证材料"), default=True, help_text=_("勾选后，申请办结时必须上传至少一份佐证材料。")
    )
    claim_needs_indicator_values = models.BooleanField(
        _("申请办结须填写全部量化指标"),
        default=True,
        help_text=_("勾选后，申请办结和整改反馈时，事项的每项量化指标都须填写实际完成值。"),
    )
    extension_max_days = models.PositiveSmallIntegerField(
        _("延期最长天数"), default=365, help_text=_("一次延期申请的新时限，最多比现有完成时限晚多少天。")
    )

    class Meta:
        verbose_name = _("年度工作要点")
        verbose_name_plural = _("年度工作要点")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title


class Category(models.Model):
    """A heading that groups items and points, e.g. one of the eight 法治政府 categories."""

    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("名称"), max_length=100)
    order = models.PositiveIntegerField(_("排序"), default=0)
    points = models.DecimalField(_("分值"), max_digits=7, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("类别")
        verbose_name_plural = _("类别")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.name


def _short_heading(heading, length: int = 10) -> str:
    title = heading.title if len(heading.title) <= length else heading.title[:length] + "…"
    return f"{heading.number}{title}"


class ItemStatus(models.TextChoices):
    """Where an item stands in its life. The flow moves it; pages and scoring read it."""

    DRAFT = "draft", _("草稿")
    DEPLOYING = "deploying", _("待部署")
    SENT_BACK = "sent_back", _("被退回待重新部署")
    ACCEPTING = "accepting", _("待签收")
    IN_PROGRESS = "in_progress", _("办理中")
    EXTENSION_REQUESTED = "extension_requested", _("延期审批中")
    CLAIMED = "claimed", _("待核验")
    RECTIFYING = "rectifying", _("整改中")
    VERIFIED = "verified", _("待考核")
    # 牵头单位汇总办结: a unit other than the lead has done its part and reported it to the lead unit,
    # which claims completion for the whole item once every unit has.
    HANDED_IN = "handed_in", _("已报牵头单位")
    CLOSED = "closed", _("已办结销号")


OPEN_STATUSES = [
    ItemStatus.DEPLOYING,
    ItemStatus.SENT_BACK,
    ItemStatus.ACCEPTING,
    ItemStatus.IN_PROGRESS,
    ItemStatus.EXTENSION_REQUESTED,
    ItemStatus.CLAIMED,
    ItemStatus.RECTIFYING,
]


class Rag(models.TextChoices):
    """The supervision light of an open item (红黄绿灯)."""

    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


# Reddest first: the board's order, and which unit's light an item of several units shows.
RAG_ORDER = {Rag.RED: 0, Rag.YELLOW: 1, Rag.GREEN: 2, "": 3}


def rag_rank() -> models.Case:
    """``RAG_ORDER`` as an expression over a row's ``rag`` (the board's index is built on it)."""
    return models.Case(
        *(models.When(rag=rag, then=models.Value(rank)) for rag, rank in RAG_ORDER.items()),
        default=models.Value(len(RAG_ORDER)),
        output_field=models.IntegerField(),
    )


class RagReason(models.TextChoices):
    ON_TRACK = "on_track", _("按计划推进")
    DUE_SOON = "due_soon", _("临近完成时限")
    BEHIND = "behind", _("进度落后于计划")
    REPORTS_MISSED = "reports_missed", _("未按期汇报")
    OVERDUE = "overdue", _("已逾期")


# Fields that decide ``due_by``: saving any of them saves it too.
DUE_BY_SOURCES = {"deadline", "ongoing", "status", "rectification_due"}

# Items with a supervision light: in someone's hands and owing work by a date (a claimed item waits
# for the inspector, not for its official).
LIT_STATUSES = [ItemStatus.ACCEPTING, ItemStatus.IN_PROGRESS, ItemStatus.EXTENSION_REQUESTED, ItemStatus.RECTIFYING]
# Items whose official owes progress reports on the item's cadence.
REPORTING_STATUSES = [ItemStatus.IN_PROGRESS, ItemStatus.EXTENSION_REQUESTED, ItemStatus.RECTIFYING]


class EscalationLevel(models.IntegerChoices):
    """The supervision ladder, each step sterner and seen by more people."""

    NONE = 0, _("未升级")
    REMIND = 1, _("提醒")
    URGE = 2, _("催办")
    NOTICE = 3, _("督办通知单")
    LISTED = 4, _("挂牌督办")
    INTERVIEW = 5, _("约谈建议")


class ReportCadence(models.TextChoices):
    NONE = "none", _("不定期")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    PER_STAGE = "per_stage", _("按阶段")


class WorkState(models.Model):
    """Where a piece of work stands: its status, progress and supervision (light, reports owed, the
    ladder). An item has one (derived from its assignments once deployed); so does each assignment."""

    status = models.CharField(_("状态"), max_length=30, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    # Supervision, kept current by the sweep and by every report (responsibility.supervision).
    rag = models.CharField(_("督办灯"), max_length=10, choices=Rag.choices, blank=True, editable=False)
    rag_reason = models.CharField(_("亮灯原因"), max_length=20, choices=RagReason.choices, blank=True, editable=False)
    expected_percent = models.PositiveSmallIntegerField(_("应达进度"), default=0, editable=False)
    started_on = models.DateField(_("开始办理日期"), null=True, blank=True, editable=False)
    next_report_due = models.DateField(_("下次汇报截止"), null=True, blank=True, editable=False)
    reports_missed = models.PositiveSmallIntegerField(_("连续漏报次数"), default=0, editable=False)
    rectification_due = models.DateField(_("整改时限"), null=True, blank=True, editable=False)
    # What the item is due by now (``effective_deadline``), stored so the sweep can compare in SQL.
    due_by = models.DateField(_("当前时限"), null=True, blank=True, editable=False)
    escalation_level = models.PositiveSmallIntegerField(
        _("督办级别"), choices=EscalationLevel.choices, default=EscalationLevel.NONE, editable=False
    )
    percent_done = models.PositiveSmallIntegerField(_("完成进度"), default=0)
    status_changed_at = models.DateTimeField(_("状态变更时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def _get_FIELD_display(self, field) -> str:
        """``get_status_display`` and the rest, read from a table made once per field and language:
        Django's rebuilds the field's choices and hashes every lazy label on each call (a tenth of
        the board's time at 50 rows, measured with bench/page_times.py)."""
        value = getattr(self, field.attname)
        return _choice_labels(field, get_language()).get(value, value)

    def effective_deadline(self) -> datetime.date | None:
        """The date the work is due by now: the rectification deadline while it is being rectified,
        otherwise its deadline (none for ongoing work)."""
        if self.status == ItemStatus.RECTIFYING and self.rectification_due:
            return self.rectification_due
        return None if self.is_ongoing else self.deadline

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.deadline_state(today).overdue

    def days_overdue(self, today: datetime.date | None = None) -> int:
        return self.deadline_state(today).days_overdue

    def deadline_state(self, today: datetime.date | None = None):
        """Where the work stands against its dates (``responsibility.deadlines``: the one rule)."""
        from ..deadlines import state

        return state(self, today)

    def move(
        self,
        kind: str,
        actor=None,
        to_status: str | None = None,
        note: str = "",
        data: dict | None = None,
        at: datetime.datetime | None = None,
        *,
        also_save: Iterable[str] = (),
        save: bool = True,
    ):
        """Record ``kind`` on the timeline and, if given, move the work to ``to_status``.

        ``also_save`` names fields the caller has changed: the same UPDATE writes them with the
        status. ``save=False`` leaves the whole row to the caller, who saves it right after (a form
        saving the item): one UPDATE instead of two either way.
        """
        from .report import ItemEvent

        at = at or timezone.now()
        from_status = self.status
        fields = [*also_save, *self._moved(to_status, at)]
        if fields and save:
            self.write(fields)
        owner, columns = self._event_of()
        event = ItemEvent(
            **owner,
            kind=kind,
            actor=actor,
            from_status=from_status,
            to_status=self.status,
            note=note,
            data=data or {},
            created_at=at,
        )
        return rows.insert(event, columns)  # an event is only ever inserted (ItemEvent.save)

    def _moved(self, to_status: str | None, at: datetime.datetime) -> list[str]:
        """Set ``to_status`` and what changes with it; the fields to write."""
        fields: list[str] = []
        if to_status and to_status != self.status:
            self.status = to_status
            self.status_changed_at = at
            if to_status == ItemStatus.CLOSED:
                self.closed_at = at
            fields += ["status", "status_changed_at", "closed_at"]
            if to_status == ItemStatus.IN_PROGRESS and self.started_on is None:
                self.started_on = timezone.localdate(at)  # expected progress counts from here
                fields.append("started_on")
            if to_status not in LIT_STATUSES and self.rag:
                self.rag, self.rag_reason = "", ""
                fields += ["rag", "rag_reason"]
        return fields


@functools.cache
def _choice_labels(field: models.Field, language: str | None) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


class Closing(models.TextChoices):
    """How an item of several units closes, chosen by the office at deploy."""

    EACH = "each", _("各单位分别办结")
    LEAD = "lead", _("牵头单位汇总办结")


def item_name(number: str, title: str) -> str:
    """How an item is named (its ``str``), from its two columns: for rows read as values."""
    if not number:
        return title
    # "2 健全法律顾问制度": a number written without its dot would run into the title.
    separator = " " if number[-1].isdigit() else ""
    return f"{number}{separator}{title}"


class ResponsibilityItem(WorkState):
    """One line of the responsibility list; items nest (一、 →（一）→ 1. →（1））."""

    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", verbose_name=_("上级事项"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    number = models.CharField(_("编号"), max_length=20, blank=True, help_text=_("保留原文写法，如 一、（一）1."))
    title = models.CharField(_("工作任务"), max_length=300)
    # Stored, not counted, so that lists can leave headings out and find a plan's headings in one query.
    is_heading = models.BooleanField(
        _("分组标题"),
        default=False,
        editable=False,
        help_text=_("有下级事项的条目（如 一、（一））只用于分组，不进入办理流程。"),
    )
    content = models.TextField(_("具体内容"), blank=True)
    target = models.TextField(_("工作目标"), blank=True)
    category = models.ForeignKey(
        Category, verbose_name=_("类别"), null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    points = models.DecimalField(_("分值"), max_digits=7, decimal_places=2, default=Decimal(0))

    lead_leader_post = models.ForeignKey(
        Post, verbose_name=_("牵头领导"), null=True, blank=True, on_delete=models.PROTECT, related_name="led_items"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("牵头单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="led_items"
    )
    responsible_units = models.ManyToManyField(
        Unit, verbose_name=_("责任单位"), blank=True, related_name="responsible_items"
    )
    cooperating_units = models.ManyToManyField(
        Unit, verbose_name=_("配合单位"), blank=True, related_name="cooperating_items"
    )
    responsible_post = models.ForeignKey(
        Post,
        verbose_name=_("责任人岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_items",
    )
    inspector_post = models.ForeignKey(
        Post, verbose_name=_("督查员"), null=True, blank=True, on_delete=models.PROTECT, related_name="inspected_items"
    )
    assessor_post = models.ForeignKey(
        Post, verbose_name=_("考核员"), null=True, blank=True, on_delete=models.PROTECT, related_name="assessed_items"
    )

    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    original_deadline = models.DateField(_("原定时限"), null=True, blank=True, editable=False)
    ongoing = models.BooleanField(_("长期坚持"), default=False)
    deadline_text = models.CharField(_("时限原文"), max_length=100, blank=True)
    report_cadence = models.CharField(
        _("汇报频次"), max_length=20, choices=ReportCadence.choices, default=ReportCadence.QUARTERLY
    )
    report_day = models.PositiveSmallIntegerField(_("汇报日"), null=True, blank=True, help_text=_("如每月28日前填 28"))

    # Names the import could not match to a unit or person, by field: kept until the office maps them.
    unresolved = models.JSONField(_("未识别的名称"), default=dict, blank=True)
    # Names the office chose to keep as written rather than match: still shown and exported.
    kept_names = models.JSONField(_("保留原文的名称"), default=dict, blank=True)
    # Group words (各社区, 区直各部门) by field, as written: a group stands for every unit of its kind
    # on the day the item is deployed, not on the day it was imported (assignments.expand_groups).
    unit_groups = models.JSONField(_("单位组"), default=dict, blank=True)
    source_line = models.PositiveIntegerField(_("原文行号"), null=True, blank=True)
    # How many units run the item's flow (lead and responsible assignments), set at deploy: a step
    # of a one-unit item knows its item's state without reading the other units.
    branch_count = models.PositiveSmallIntegerField(_("分办单位数"), default=0, editable=False)
    # How many cooperating units got a contribution task (会办) at deploy: closing the item closes
    # those still open, and an item without any need not look for them.
    contribution_count = models.PositiveSmallIntegerField(_("会办单位数"), default=0, editable=False)
    closing = models.CharField(
        _("办结方式"),
        max_length=10,
        choices=Closing.choices,
        default=Closing.EACH,
        help_text=_(
            "各单位分别办结：每个单位各自申请办结、核验、考核；牵头单位汇总办结：其他单位完成后报牵头单位，由牵头单位统一申请办结。"
        ),
    )
    # 上级交办 (issue 18, cascade): an item an organisation made from its part of a higher
    # organisation's item (a 街道's share of the district's), whose progress rolls up to that part.
    source_assignment = models.ForeignKey(
        "responsibility.Assignment",
        verbose_name=_("上级交办"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cascaded_items",
        editable=False,
    )

    class Meta:
        verbose_name = _("责任事项")
        verbose_name_plural = _("责任清单")
        ordering = ["plan", "order", "id"]
        indexes = [
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["plan", "rag"]),
            models.Index(fields=["status", "next_report_due"]),
            # The supervision board: open items reddest first, a page read off the index; the light,
            # status and number of units included, so its counts are read from the index alone.
            models.Index(
                rag_rank(),
                "deadline",
                "id",
                name="board_order",
                condition=models.Q(is_heading=False, status__in=OPEN_STATUSES),
                include=["rag", "status", "branch_count"],
            ),
            # The board's counts of one organisation's open items, and the quarter's lights and red
            # lights per category: grouped from the index alone (``visible_item_parts`` asks by plan).
            models.Index(
                fields=["plan", "rag", "status"],
                name="board_plan_lights",
                condition=models.Q(is_heading=False, status__in=OPEN_STATUSES),
                include=["branch_count", "category", "id"],
            ),
            # The quarter's longest overdue (``summary.OVERDUE_LISTED``): read off the index, not
            # picked from every item of the plan.
            models.Index(
                fields=["plan", "due_by", "order", "id"],
                name="plan_overdue",
                condition=models.Q(is_heading=False, status__in=OPEN_STATUSES),
            ),
            # The item list (责任清单) and its API: the newest plan first, then the plan's own order.
            models.Index(
                models.F("plan").desc(), "order", "id", name="list_order", condition=models.Q(is_heading=False)
            ),
            models.Index(fields=["closed_at"], name="item_closed_at"),
            # The keys of a plan's items read from the index alone, in order, with their lead units
            # (whether a unit leads one is asked of ``item_plan_lead_unit``, below).
            models.Index(fields=["plan", "id"], include=["lead_unit"], name="item_plan_key"),
            # Whether a unit leads an item of the plan, asked per unit: the 承办单位 filters of the list
            # and the board (``lists.doing``) probe it for each unit instead of hashing the plan's items.
            models.Index(fields=["plan", "lead_unit"], name="item_plan_lead_unit"),
            # The board's lights per unit: a plan's open items of several units, by key, which a
            # plan's lit parts (``Assignment``'s ``lit_parts_by_plan``, in the same order) are merged
            # with, both read from the index alone.
            models.Index(
                fields=["plan", "id"],
                name="board_parted_items",
                condition=models.Q(is_heading=False, status__in=OPEN_STATUSES, branch_count__gt=0),
            ),
            # And its lit items without units (counted under the units they name): read from an index
            # of those alone, not filtered from every open item (a scan the planner ran in parallel
            # workers, costlier to start than the few rows they found).
            models.Index(
                fields=["plan"],
                include=["rag", "id"],
                name="board_unparted_items",
                condition=models.Q(is_heading=False, status__in=LIT_STATUSES, branch_count=0),
            ),
            # The committee's workspace: a plan's lights by category and lead unit, counted from the
            # index alone; and the quarterly summary's count of every item by category, status and
            # light, overdue and closed within the quarter (hence the deadline and the closing time).
            models.Index(
                fields=["plan", "category", "lead_unit"],
                name="plan_lights",
                condition=models.Q(is_heading=False),
                include=["id", "status", "rag", "percent_done", "due_by", "closed_at"],
            ),
        ]
        permissions = [
            ("deploy_item", _("部署交办事项")),
            ("report_item", _("签收并反馈事项")),
            ("verify_item", _("督查核验事项")),
            ("assess_item", _("考核评分事项")),
            ("urge_item", _("催办事项")),
            ("supervise_items", _("查看督办看板")),
            ("instruct_item", _("批示事项")),
        ]

    def __str__(self) -> str:
        return item_name(self.number, self.title)

    def save(self, *args, **kwargs) -> None:
        self.due_by = self.effective_deadline()
        if kwargs.get("update_fields") is not None and DUE_BY_SOURCES & set(kwargs["update_fields"]):
            kwargs["update_fields"] = [*kwargs["update_fields"], "due_by"]
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" not in update_fields and "parent_id" not in update_fields:
            return
        before = getattr(self, "_loaded_parent_id", None)
        if self.parent_id != before:
            _refresh_headings([self.parent_id, before])
            if self.parent_id and ResponsibilityItem.parent.is_cached(self):
                self.parent.is_heading = True
            self._loaded_parent_id = self.parent_id
            self.__dict__.pop("_ancestors", None)

    def delete(self, *args, **kwargs):
        parent_id = self.parent_id
        deleted = super().delete(*args, **kwargs)
        _refresh_headings([parent_id])
        return deleted

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        # The parent as loaded: save() compares with it to know which headings gained or lost a child.
        item._loaded_parent_id = item.__dict__.get("parent_id")
        return item

    def clean(self) -> None:
        if self.ongoing and self.deadline:
            raise ValidationError({"deadline": _("长期坚持的事项不设完成时限。")})
        if self.percent_done > 100:
            raise ValidationError({"percent_done": _("完成进度不能超过 100%。")})

    def group_words(self, field: str) -> list[str]:
        """The group words (各社区) written for ``field``, e.g. "responsible_units", still to expand."""
        return list((self.unit_groups or {}).get(field, []))

    @property
    def named_groups(self) -> list[tuple[str, list[str]]]:
        """(the field's label, its group words) for each field that has any: for pages."""
        return [
            (str(self._meta.get_field(field).verbose_name), words)
            for field, words in (self.unit_groups or {}).items()
            if words
        ]

    def unmatched_names(self, field: str) -> list[str]:
        """Names written for ``field`` (e.g. "responsible_units") that stand for no unit or post here."""
        return [*(self.unresolved or {}).get(field, []), *(self.kept_names or {}).get(field, [])]

    @property
    def ancestors(self) -> list[ResponsibilityItem]:
        """The headings above the item, outermost first.

        Free after ``attach_ancestors`` or ``select_related("parent__parent__parent")``; otherwise
        one query per level.
        """
        cached = getattr(self, "_ancestors", None)
        if cached is None:
            cached, parent, seen = [], self.parent, {self.pk}
            while parent is not None and parent.pk not in seen:
                seen.add(parent.pk)
                cached.insert(0, parent)
                parent = parent.parent
            self._ancestors = cached
        return cached

    @property
    def full_number(self) -> str:
        """The numbers from the top heading down, e.g. 一、（一）1."""
        return "".join(item.number for item in [*self.ancestors, self])

    @property
    def path_titles(self) -> list[str]:
        """The headings above the item in full, e.g. ["一、2020 年推进…", "（一）依法全面履行政府职能情况"]."""
        return [str(heading) for heading in self.ancestors]

    @property
    def breadcrumb(self) -> str:
        """Where the item sits, short enough for a list: the nearest heading in full, the ones above it
        by number and the start of their title (a bare "一、" says nothing to a reader), e.g.
        "一、2020 年推进法治… › （一）依法全面履行政府职能情况". Empty for an item at the top."""
        *above, nearest = self.ancestors or [None]
        if nearest is None:
            return ""
        return " › ".join([*(_short_heading(heading) for heading in above), str(nearest)])

    @property
    def is_ongoing(self) -> bool:
        return self.ongoing

    def _event_of(self) -> tuple[dict, tuple[str, ...]]:
        """Whose timeline an event of ``move`` goes on: the item's (the columns it writes)."""
        return {"item": self}, _EVENT_FIELDS

    def latest_event(self, kind: str):
        """The item's newest timeline event of ``kind``."""
        return self.events.filter(kind=kind).order_by("-created_at", "-id").first()

    def write(self, fields: Iterable[str]) -> None:
        """``save(update_fields=fields)`` for a step: the same UPDATE (with the ``due_by`` the fields
        imply) without compiling it. Only for fields that leave the item's place in the tree alone."""
        fields = list(fields)
        if "parent" in fields or "parent_id" in fields:
            raise ValueError("a move in the tree refreshes its headings: use save()")
        self.due_by = self.effective_deadline()
        if DUE_BY_SOURCES & set(fields):
            fields.append("due_by")
        rows.update(self, fields)

    @property
    def deadline_display(self) -> str:
        if self.ongoing:
            return str(_("长期坚持"))
        if self.deadline:
            return date_text(self.deadline)
        return self.deadline_text or "—"


def _refresh_headings(pks: Iterable[int | None]) -> None:
    """An item is a heading exactly while it has children."""
    pks = [pk for pk in pks if pk]
    if pks:
        has_children = Exists(ResponsibilityItem.objects.filter(parent=OuterRef("pk")))
        ResponsibilityItem.objects.filter(pk__in=pks).update(is_heading=has_children)


def _headings_above(parents: list[int]) -> RawSQL:
    """The ids of the given parents and of every heading above them: the chains of the rows shown,
    walked up by primary key, not every heading of their plans."""
    given, params = id_list(parents)
    return RawSQL(_headings_above_sql(given), params)


def _headings_above_sql(given: str) -> str:
    meta = ResponsibilityItem._meta
    table, pk, parent = meta.db_table, meta.pk.column, meta.get_field("parent").column
    return f"""
        WITH RECURSIVE up AS (
            SELECT {pk}, {parent} FROM {table} WHERE {pk} IN ({given})
            UNION SELECT h.{pk}, h.{parent} FROM {table} h JOIN up ON h.{pk} = up.{parent}
        ) SELECT {pk} FROM up"""


def attach_ancestors(items: Iterable[ResponsibilityItem]) -> None:
    """Give each item its ``ancestors`` with one query for the headings of their plans, not one per row."""
    items = list(items)
    headings: dict[int, ResponsibilityItem] = {}
    parents = sorted({item.parent_id for item in items if item.parent_id})
    if parents:
        rows = ResponsibilityItem.objects.filter(pk__in=_headings_above(parents), is_heading=True)
        headings = rows.only("plan", "parent", "order", "number", "title", "is_heading").in_bulk()
    for item in items:
        chain, parent_id = [], item.parent_id
        while parent_id in headings and headings[parent_id] not in chain:
            chain.insert(0, headings[parent_id])
            parent_id = headings[parent_id].parent_id
        item._ancestors = chain


@dataclass(frozen=True)
class OutlineRow:
    """One line of the responsibility list: an item, or a heading above items, indented by ``depth``."""

    item: ResponsibilityItem
    depth: int


def outline(items: Iterable[ResponsibilityItem]) -> list[OutlineRow]:
    """The items under their headings, in plan order, each heading once before its first item.

    Only the headings above the given items are added, so a list cut down to what a user may see
    places those items without showing any other. Plans keep the order in which ``items`` has them;
    siblings go by ``order``, then id.
    """
    items = list(items)
    attach_ancestors(items)
    plan_rank: dict[int, int] = {}
    children: dict[int | None, dict[int, ResponsibilityItem]] = defaultdict(dict)
    for item in items:
        plan_rank.setdefault(item.plan_id, len(plan_rank))
        parent_id = None
        for node in [*item.ancestors, item]:
            children[parent_id].setdefault(node.pk, node)
            parent_id = node.pk

    def ordered(parent_id: int | None) -> list[ResponsibilityItem]:
        nodes = children.get(parent_id, {}).values()
        return sorted(nodes, key=lambda node: (plan_rank[node.plan_id], node.order, node.pk), reverse=True)

    rows: list[OutlineRow] = []
    stack = [(node, 0) for node in ordered(None)]
    while stack:
        node, depth = stack.pop()
        rows.append(OutlineRow(node, depth))
        stack.extend((child, depth + 1) for child in ordered(node.pk))
    return rows


class Indicator(models.Model):
    """A quantitative target of an item (e.g. 普法活动 ≥ 30 场次)."""

    class Comparator(models.TextChoices):
        AT_LEAST = "gte", "≥"
        AT_MOST = "lte", "≤"

    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("指标名称"), max_length=100)
    unit = models.CharField(_("计量单位"), max_length=20, blank=True)
    comparator = models.CharField(_("比较"), max_length=3, choices=Comparator.choices, default=Comparator.AT_LEAST)
    target_value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("量化指标")
        verbose_name_plural = _("量化指标")
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.target_display}"

    @property
    def target_display(self) -> str:
        return f"{self.get_comparator_display()} {self.target_value.normalize():f}{self.unit}"

    def is_reached(self, value: Decimal | None) -> bool:
        if value is None:
            return False
        if self.comparator == self.Comparator.AT_MOST:
            return value <= self.target_value
        return value >= self.target_value


class Milestone(models.Model):
    item = models.ForeignKey(ResponsibilityItem, on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField(_("时间节点"))
    title = models.CharField(_("节点任务"), max_length=200)
    expected_percent = models.PositiveSmallIntegerField(_("应达进度"), default=0)

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        ordering = ["item", "due"]

    def __str__(self) -> str:
        return f"{self.due:%Y-%m-%d} {self.title}"


# Every column of a timeline event, as ``move`` writes it.
_EVENT_FIELDS = ("item", "kind", "actor", "from_status", "to_status", "note", "data", "created_at")
