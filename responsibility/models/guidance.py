"""Guidance text of a plan (总体要求, 保障措施, 工作要求 …): shown and exported with the plan, never tracked.

A model of its own rather than a flag on ``ResponsibilityItem``: every list, board, count, sweep,
score and the publishing of a plan reads items, and a flag would have to be excluded in each of
them (and in every query written later). A guidance section is simply not an item: nothing that
reads items can ever see it. The office turns one into items (``importing.review.promote``) or an
item back into guidance (``importing.review.demote``) while the plan is a draft.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .plan import ResponsibilityItem, WorkPlan


@dataclass(frozen=True)
class GuidanceLine:
    """One numbered part of a guidance section, for pages and the export."""

    depth: int
    number: str
    title: str
    content: str

    @property
    def heading(self) -> str:
        separator = " " if self.number and self.number[-1].isdigit() else ""
        return f"{self.number}{separator}{self.title}"


class PlanGuidance(models.Model):
    plan = models.ForeignKey(WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="guidance")
    # Where it stands: under an item (a part demoted from inside the tree) or at the top, at ``order``
    # among its siblings, in the same order as the items, so that promoting puts it back in place.
    parent = models.ForeignKey(
        ResponsibilityItem,
        verbose_name=_("上级事项"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="guidance",
    )
    order = models.PositiveIntegerField(_("排序"), default=0)
    number = models.CharField(_("编号"), max_length=20, blank=True)
    title = models.CharField(_("标题"), max_length=300)
    content = models.TextField(_("内容"), blank=True)
    # The numbered parts under it, as written: [{"number", "title", "content", "sections": [...]}].
    sections = models.JSONField(_("下级内容"), default=list, blank=True)
    source_line = models.PositiveIntegerField(_("原文行号"), null=True, blank=True)

    class Meta:
        verbose_name = _("指导性内容")
        verbose_name_plural = _("指导性内容")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.lines()[0].heading

    def lines(self) -> list[GuidanceLine]:
        """The section and its parts in reading order, each with its depth (0 for the section)."""
        top = GuidanceLine(0, self.number, self.title, self.content)
        return [top, *_lines(self.sections or [], 1)]

    @property
    def text(self) -> str:
        """All of it as plain text, as the document had it."""
        parts = []
        for line in self.lines():
            parts += [part for part in (line.heading, line.content) if part]
        return "\n".join(parts)


def _lines(sections: list[dict], depth: int) -> Iterator[GuidanceLine]:
    for section in sections:
        yield GuidanceLine(depth, section.get("number", ""), section.get("title", ""), section.get("content", ""))
        yield from _lines(section.get("sections", []), depth + 1)
