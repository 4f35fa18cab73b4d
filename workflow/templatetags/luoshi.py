"""Deadlines as people say them (剩余3天 / 今天到期 / 逾期12天), the lights and statuses rows show, and
evidence kinds for previews."""

from __future__ import annotations

import datetime

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
        due = _translated(_("整改时限 %(date)s"), date=deadline.rectification_text)
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


# --- the badges every list row shows ---------------------------------------------------------------
# Tags rather than included templates: the board, the item list and the workspace show them on each
# of their rows, and an {% include %} pushes a context and renders a template of its own each time.
# Each ends in a newline, as the templates they replace did (their files' last line): the pages stay
# byte for byte what they were.


@register.simple_tag
def rag_badge(work) -> str:
    """The light of an item or a unit's part of it, its reason on hover (nothing while unlit)."""
    if not work.rag:
        return "\n"
    return format_html(
        '<span class="rag rag-{}" title="{}">{}</span>\n',
        work.rag,
        work.get_rag_reason_display(),
        work.get_rag_display(),
    )


@register.simple_tag
def status_badge(work, left_shown: bool = False) -> str:
    """The status, marked overdue with its days (unless the row says its days left already)."""
    deadline = work.deadline_state()
    overdue = " overdue" if deadline.overdue else ""
    days = ""
    if deadline.overdue and not left_shown:
        days = mark_safe(" · " + _overdue_days(deadline.days_overdue))
    return format_html(
        '<span class="status status-{}{}">{}{}</span>\n', work.status, overdue, work.get_status_display(), days
    )


@register.simple_tag
def unit_parts(item) -> str:
    """Each unit's part of an item of several units: its light, status, progress and days overdue."""
    parts = item.unit_parts
    if not parts:
        return "\n"
    return format_html('<ul class="unit-parts small">{}</ul>\n', mark_safe("".join(_unit_part(part) for part in parts)))


def _unit_part(part) -> str:
    deadline = part.deadline_state()
    late = ""
    if deadline.overdue:
        late = format_html(' · <span class="error">{}</span>', _overdue_days(deadline.days_overdue))
    return format_html(
        "<li>{} {} · {} · {}%{}</li>",
        rag_badge(part),
        part.unit.name,
        part.get_status_display(),
        localize(part.percent_done),
        late,
    )


def _overdue_days(count: int) -> str:
    """逾期12天, counted (the catalogue holds it as a plural: 1 day / 12 days overdue)."""
    return _translated(ngettext("逾期%(days)s天", "逾期%(days)s天", count), days=count)


def _translated(message: str, **values) -> str:
    """``message`` filled in as {% blocktranslate %} does: the translator's words as they are, the
    values localized and escaped."""
    return mark_safe(message % {name: conditional_escape(localize(value)) for name, value in values.items()})
