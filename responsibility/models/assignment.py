"""Assignments (承办): one per unit an item names, each doing its part on its own clock (分办).

An item's line in the responsibility list names units in roles: 牵头单位 (lead), 责任单位
(responsible), 配合单位 (cooperating). At deploy each becomes an assignment with its own 责任人
(post), deadline, status, progress, light, report schedule and escalation level; the item's own
state is then derived from them (``responsibility.assignments.derive``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from config import rows

from ..dates import date_text
from .org import Post, Unit
from .plan import _EVENT_FIELDS, LIT_STATUSES, ResponsibilityItem, WorkPlan, WorkState

# Fields that decide ``due_by``: writing any of them writes it too.
DUE_BY_SOURCES = {"deadline", "status", "rectification_due"}


class Assignment(WorkState):
    class Role(models.TextChoices):
        LEAD = "lead", _("牵头")
        RESPONSIBLE = "responsible", _("责任")
        COOPERATING = "cooperating", _("配合")

    item = models.ForeignKey(
        ResponsibilityItem, verbose_name=_("责任事项"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("承办单位"), on_delete=models.PROTECT, related_name="assignments")
    # The item's plan, copied (an item never changes plan): a plan's parts are then read off an index
    # of their own, not found by hashing the plan's items against every organisation's parts.
    item_plan = models.ForeignKey(
        WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="+", editable=False, db_index=False
    )
    role = models.CharField(_("承办角色"), max_length=20, choices=Role.choices, default=Role.RESPONSIBLE)
    post = models.ForeignKey(
        Post,
        verbose_name=_("责任人岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    original_deadline = models.DateField(_("原定时限"), null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    # A shared item may weigh differently for each unit (水利站 5 / 环保办 15 / 城建办 10); empty: the
    # item's own points, so that an item nobody weighs per unit scores as it always did.
    points = models.DecimalField(
        _("单位分值"), max_digits=7, decimal_places=2, null=True, blank=True, help_text=_("留空则按事项分值计")
    )

    class Meta:
        verbose_name = _("承办单位")
        verbose_name_plural = _("承办单位")
        ordering = ["item", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "unit"], name="one_assignment_per_unit")]
        indexes = [
            models.Index(fields=["status", "next_report_due"]),
            models.Index(fields=["post", "status"]),
            # The board's lights per unit: a plan's lit parts read from the index alone (their key
            # too: the lights count it), by item, to be merged with the plan's open items of several
            # units (``board_parted_items``, in the same order) rather than hashed against them.
            models.Index(
                fields=["item_plan", "item"],
                include=["unit", "rag", "id"],
                name="lit_parts_by_plan",
                condition=models.Q(status__in=LIT_STATUSES) & ~models.Q(role="cooperating"),
            ),
            # The units doing a plan's items (the board's 承办单位 filter); a plan deleted.
            models.Index(fields=["item_plan", "unit"], include=["item"], name="parts_by_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.unit}"

    # What the work shares with its item: how it is reported on, whether it has a deadline at all.
    @property
    def plan(self):
        return self.item.plan

    @property
    def is_ongoing(self) -> bool:
        """An ongoing item's units have no deadline; a cooperating unit's 会办 date is its own, though."""
        return self.item.ongoing and (self.runs_branch or self.deadline is None)

    @property
    def ongoing(self) -> bool:
        return self.item.ongoing

    @property
    def report_cadence(self) -> str:
        return self.item.report_cadence

    @property
    def report_day(self) -> int | None:
        return self.item.report_day

    @property
    def milestones(self):
        return self.item.milestones

    @property
    def scored_points(self):
        """The points this unit's part weighs: its own where the office set them, else the item's."""
        return self.points if self.points is not None else self.item.points

    @property
    def deadline_display(self) -> str:
        """The unit's own deadline as the item's is shown (长期坚持 for an ongoing item)."""
        if self.is_ongoing:
            return str(_("长期坚持"))
        return date_text(self.deadline) if self.deadline else self.item.deadline_display

    @property
    def runs_branch(self) -> bool:
        """Lead and responsible units each run the whole flow; cooperating units contribute to them."""
        return self.role != self.Role.COOPERATING

    def latest_event(self, kind: str):
        """The unit's newest timeline event of ``kind`` (or, for an item that had no units when it was
        recorded, the item's)."""
        from .report import ItemEvent

        events = ItemEvent.objects.filter(item_id=self.item_id, kind=kind)
        mine = events.filter(models.Q(assignment=self) | models.Q(assignment__isnull=True))
        return mine.order_by("-created_at", "-id").first()

    def _event_of(self) -> tuple[dict, tuple[str, ...]]:
        """Events of ``move`` go on the item's timeline, marked as this unit's."""
        return {"item_id": self.item_id, "assignment": self}, (*_EVENT_FIELDS, "assignment")

    def write(self, fields: Iterable[str]) -> None:
        """``save(update_fields=fields)`` with the ``due_by`` they imply, without compiling it."""
        fields = list(dict.fromkeys(fields))
        self.due_by = self.effective_deadline()
        if DUE_BY_SOURCES & set(fields):
            fields.append("due_by")
        rows.update(self, fields)

    def save(self, *args, **kwargs) -> None:
        self.due_by = self.effective_deadline()
        if self.item_plan_id is None:
            self.item_plan_id = self.item.plan_id
        if kwargs.get("update_fields") is not None and DUE_BY_SOURCES & set(kwargs["update_fields"]):
            kwargs["update_fields"] = [*kwargs["update_fields"], "due_by"]
        super().save(*args, **kwargs)
