"""Deadlines as people say them (剩余3天 / 今天到期 / 逾期12天) and evidence kinds for previews."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workflow.previews import preview_kind

register = template.Library()


@register.filter
def time_left(item, today: datetime.date | None = None) -> str:
    """How long an open item has left before it is due, or how long it is overdue; empty for an
    item without a date (长期坚持) or no longer open."""
    due = item.effective_deadline() if item.is_open else None
    if due is None:
        return ""
    days = (due - (today or timezone.localdate())).days
    if days > 0:
        return ngettext("剩余%(days)d天", "剩余%(days)d天", days) % {"days": days}
    if days == 0:
        return _("今天到期")
    return ngettext("逾期%(days)d天", "逾期%(days)d天", -days) % {"days": -days}


@register.filter
def time_left_class(item, today: datetime.date | None = None) -> str:
    due = item.effective_deadline() if item.is_open else None
    if due is None:
        return ""
    days = (due - (today or timezone.localdate())).days
    return "late" if days < 0 else "soon" if days <= 7 else "ahead"


@register.filter
def evidence_kind(evidence) -> str:
    """ "image", "pdf" or "" (listed only): what the item page may show inline (nothing held back
    for its virus scan)."""
    return "" if getattr(evidence, "held", False) else preview_kind(evidence.original_name)
