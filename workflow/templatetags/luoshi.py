"""Deadlines as people say them (剩余3天 / 今天到期 / 逾期12天) and evidence kinds for previews."""

from __future__ import annotations

import datetime

from django import template

from responsibility import deadlines
from workflow.previews import preview_kind

register = template.Library()


@register.filter
def time_left(item, today: datetime.date | None = None) -> str:
    """How long open work has left before it is due (剩余3天 / 今天到期 / 逾期12天; while rectifying,
    said of the 整改), or how long it is overdue; empty for work without a date or no longer open."""
    return deadlines.state(item, today).left


@register.filter
def time_left_class(item, today: datetime.date | None = None) -> str:
    return deadlines.state(item, today).left_class


@register.inclusion_tag("workflow/_deadline.html")
def deadline_line(work, block: bool = False, today: datetime.date | None = None) -> dict:
    """The 完成时限, the 整改时限 while rectifying, and the days left to whichever is due: every page
    that shows a deadline with its days says it this way, so the days never stand beside the wrong date."""
    return {"deadline": deadlines.state(work, today), "block": block}


@register.filter
def evidence_kind(evidence) -> str:
    """ "image", "pdf" or "" (listed only): what the item page may show inline (nothing held back
    for its virus scan)."""
    return "" if getattr(evidence, "held", False) else preview_kind(evidence.original_name)
