"""Deadlines as people say them (剩余3天 / 今天到期 / 逾期12天) and evidence kinds for previews."""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


@register.simple_tag
def deadline_line(work, block: bool = False, today: datetime.date | None = None) -> str:
    """The 完成时限, the 整改时限 while rectifying, and the days left to whichever is due: every page
    that shows a deadline with its days says it this way, so the days never stand beside the wrong date.
    Written here rather than in a template of its own: lists show it on every row, and an inclusion
    tag's template and context cost more than the sentence (bench/README.md, 2026-12-06)."""
    deadline = deadlines.state(work, today)
    html = format_html('<span class="deadline">{}</span>', deadline.deadline_text)
    if deadline.rectifying:
        # The translator's words are the template's (blocktranslate): only the date is escaped.
        due = _("整改时限 %(date)s") % {"date": conditional_escape(deadline.rectification_text)}
        if block:
            html += mark_safe(f'<div class="rectification-due small">{due}</div>')
        else:
            html += mark_safe(f' · <span class="rectification-due">{due}</span>')
    if left := deadline.left:
        css = deadline.left_class
        if block:
            html += format_html('<div class="left left-{} small">{}</div>', css, left)
        else:
            html += format_html(' · <span class="left left-{}">{}</span>', css, left)
    return html


@register.filter
def evidence_kind(evidence) -> str:
    """ "image", "pdf" or "" (listed only): what the item page may show inline (nothing held back
    for its virus scan)."""
    return "" if getattr(evidence, "held", False) else preview_kind(evidence.original_name)
