"""Deadlines as people say them (剩余3天 / 今天到期 / 逾期12天), the lights and statuses rows show, and
evidence kinds for previews."""

from __future__ import annotations

import datetime

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

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
    return _deadline_html(deadlines.state(work, today), block)


def _deadline_html(deadline: deadlines.Deadline, block: bool) -> str:
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
    return _status_html(work, work.deadline_state(), left_shown)


def _status_html(work, deadline: deadlines.Deadline, left_shown: bool) -> str:
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


# --- the board's rows -----------------------------------------------------------------------------
# The 督办看板 writes its 50 rows here rather than in its template: each row was some 25 template
# nodes (variables, tags, a {% url %}, a {% blocktranslate %}), and the nodes, not the facts they
# show, were most of the page's time. The labels are translated once a page; every fact comes from
# the same helper as before (the badges above, ``full_number``, ``breadcrumb``, the item's URL).

# Marked for the catalogue, translated per page (the table's header says the same words).
_BOARD_LABELS = (
    gettext_noop("选择"), gettext_noop("督办灯"), gettext_noop("工作任务"), gettext_noop("牵头单位"),
    gettext_noop("责任人"), gettext_noop("完成时限"), gettext_noop("进度/应达"), gettext_noop("状态"),
)  # fmt: skip


@register.simple_tag
def board_rows(items, pick: bool = False) -> str:
    """The board's rows of ``items`` (each with its ``unit_parts``), with a checkbox to pick each
    for 批量催办 if ``pick``; the board's empty row if there are none."""
    if not items:
        return format_html('\n  \n  <tr><td colspan="8" class="empty">{}</td></tr>\n  ', _("没有符合条件的在办事项。"))
    labels = [conditional_escape(_(label)) for label in _BOARD_LABELS]
    picked = _("选择“%(item)s”") if pick else ""
    link = _link_of("workflow:item")
    return mark_safe("\n  " + "".join(_board_row(item, labels, picked, link) for item in items))


_KEY = 987654321  # stands for a row's key in a URL reversed once a page (no key of ours has its digits' length)


def _link_of(name: str):
    """``reverse(name, args=[pk])`` for every row's ``pk``, the URL resolver asked once a page."""
    before, after = reverse(name, args=[_KEY]).split(str(_KEY))
    return lambda pk: f"{before}{pk}{after}"


def _board_row(item, labels: list[str], picked: str, link) -> str:
    pick = ""
    if picked:
        pick = format_html(
            '<td data-label="{}"><input type="checkbox" name="item" value="{}" aria-label="{}"></td>',
            labels[0],
            localize(item.pk),
            _translated(picked, item=item.title),
        )
    breadcrumb = item.breadcrumb
    holder = item.responsible_post.holder if item.responsible_post else None
    deadline = deadlines.state(item)  # for its deadline cell and its status both
    return format_html(
        "\n  <tr>\n    {}\n"
        '    <td data-label="{}">{}<div class="small muted">{}</div></td>\n'
        '    <td data-label="{}"><a href="{}">{} {}</a>{}\n      {}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}% / {}%</td>\n'
        '    <td data-label="{}">{}</td>\n'
        "  </tr>\n  ",
        pick,
        labels[1], rag_badge(item), item.get_rag_reason_display(),
        labels[2], link(item.pk), item.full_number, item.title,
        format_html('<div class="path">{}</div>', breadcrumb) if breadcrumb else "", unit_parts(item),
        labels[3], item.lead_unit or "—",
        labels[4], holder or "—",
        labels[5], _deadline_html(deadline, block=True),
        labels[6], localize(item.percent_done), localize(item.expected_percent),
        labels[7], _status_html(item, deadline, left_shown=False),
    )  # fmt: skip


# --- the responsibility list's rows ----------------------------------------------------------------
# 责任清单 writes its rows here for the board's reasons: the labels translated once a page, no
# template node per cell. Each row's deadline is reckoned once for its two cells, and its category's
# and post's names once a page (a page of a plan shares a few).

_LIST_LABELS = (
    gettext_noop("类别"),
    gettext_noop("责任人"),
    gettext_noop("完成时限"),
    gettext_noop("进度"),
    gettext_noop("状态"),
)


@register.simple_tag
def item_rows(rows, today: datetime.date | None = None) -> str:
    """The list's rows (``outline``'s: each item or heading with its depth), a plan's title row
    where the list moves to it (``item.plan_starts``); each row followed by the template's indent."""
    labels = [conditional_escape(_(label)) for label in _LIST_LABELS]
    names: dict[tuple[str, int | None], str] = {}
    return mark_safe("".join(_list_row(row, labels, names, today) + "\n  " for row in rows))


def _list_row(row, labels: list[str], names: dict, today: datetime.date | None) -> str:
    item = row.item
    html = ""
    if plan := getattr(item, "plan_starts", None):
        html = format_html(
            '\n  <tr class="plan-row"><td colspan="7"><strong>{}</strong> '
            '<span class="muted small">{}</span></td></tr>',
            plan.title,
            localize(plan.year),
        )
    if item.is_heading:
        return html + format_html(
            '\n  <tr class="heading">\n    <td class="number depth-{}">{}</td>\n'
            '    <td colspan="6"><strong>{}</strong></td>\n  </tr>',
            localize(row.depth),
            item.number,
            item.title,
        )
    deadline = deadlines.state(item, today)
    return html + format_html(
        '\n  <tr>\n    <td class="number depth-{}" title="{}">{}</td>\n'
        '    <td><a href="{}">{}</a>{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}%</td>\n'
        '    <td data-label="{}">{} {}</td>\n  </tr>',
        localize(row.depth), item.full_number, item.number,
        reverse("workflow:item", args=[item.pk]), item.title, unit_parts(item),
        labels[0], _name(names, "category", item),
        labels[1], _name(names, "responsible_post", item),
        labels[2], _deadline_html(deadline, block=True),
        labels[3], localize(item.percent_done),
        labels[4], _status_html(item, deadline, left_shown=True), rag_badge(item),
    )  # fmt: skip


def _name(names: dict, relation: str, item) -> str:
    """The related row's name as ``{{ item.<relation>|default:"—" }}`` wrote it, once a page."""
    key = relation, getattr(item, f"{relation}_id")
    if key not in names:
        related = getattr(item, relation)
        names[key] = conditional_escape(related or "—")
    return names[key]


# --- my tasks' rows -------------------------------------------------------------------------------
# 我的待办 writes its rows here for the same reasons: each row's five labels, its headings' path (an
# included template a row) and its two links were most of the page's time at fifty rows.

# The labels as the template's {% translate %} wrote them: a literal's translation, not escaped.
_TASK_LABELS = (
    gettext_noop("待办"),
    gettext_noop("事项"),
    gettext_noop("责任人"),
    gettext_noop("完成时限"),
    gettext_noop("状态"),
    gettext_noop("（本岗位人员均可办理）"),
    gettext_noop("办理"),
)


@register.simple_tag
def task_rows(rows, batch_steps=()) -> str:
    """My tasks' rows (``services.TaskRow``), with a checkbox to pick a task of ``batch_steps`` (the
    steps done several at once) if there are any; each row followed by the template's indent."""
    labels = [mark_safe(_(label)) for label in _TASK_LABELS]
    picked = _("选择“%(item)s”")
    return mark_safe("".join(_task_row(row, labels, batch_steps, picked) for row in rows))


def _task_row(row, labels: list[str], batch_steps, picked: str) -> str:
    task, item = row.task, row.item
    pick = ""
    if batch_steps:
        box = ""
        if task.flow_task.name in batch_steps:
            box = format_html(
                '<input type="checkbox" name="task" value="{}" id="pick-{}" aria-label="{}">',
                localize(task.pk),
                localize(task.pk),
                _translated(picked, item=item.title),
            )
        pick = format_html("<td>{}</td>", box)
    free = format_html(' <small class="muted">{}</small>', labels[5]) if not task.owner_id else ""
    return format_html(
        "\n  <tr>\n    {}\n"
        '    <td data-label="{}">{}{}</td>\n'
        '    <td data-label="{}">{}<a href="{}">{}</a><div class="muted small">{}</div></td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td data-label="{}">{}</td>\n'
        '    <td><a class="button" href="{}">{}</a></td>\n'
        "  </tr>\n  ",
        pick,
        labels[0], row.title, free,
        labels[1], _path(item), reverse("workflow:item", args=[item.pk]), item, item.plan,
        labels[2], item.responsible_post or "—",
        labels[3], deadline_line(row.work, block=True),
        labels[4], status_badge(item, left_shown=True),
        reverse("workflow:task", args=[task.pk]), labels[6],
    )  # fmt: skip


def _path(item) -> str:
    """workflow/_path.html in a <div>, as the rows included it: the headings above the item."""
    if not item.ancestors:
        return ""
    titles = " › ".join(conditional_escape(title) for title in item.path_titles)
    return format_html('<div><span class="path" title="{}">{}</span></div>', mark_safe(titles), item.breadcrumb)


@register.simple_tag
def unit_count_rows(counts) -> str:
    """The board's lights per unit (``board.UnitCount``, a row each); a row saying there are none.
    Written here for the same reason as the rows: a hundred units' five cells were 500 template
    variables, and their four counts repeat a few numbers, each localized once."""
    if not counts:
        return format_html('<tr><td colspan="5" class="empty">{}</td></tr>', _("暂无在办事项。"))
    shown: dict[int, str] = {}

    def number(value: int) -> str:
        if value not in shown:
            shown[value] = conditional_escape(localize(value))
        return shown[value]

    return mark_safe(
        "".join(
            format_html(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n      ",
                row.unit,
                number(row.red),
                number(row.yellow),
                number(row.green),
                number(row.total),
            )
            for row in counts
        )
    )


def _overdue_days(count: int) -> str:
    """逾期12天, counted (the catalogue holds it as a plural: 1 day / 12 days overdue)."""
    return _translated(ngettext("逾期%(days)s天", "逾期%(days)s天", count), days=count)


def _translated(message: str, **values) -> str:
    """``message`` filled in as {% blocktranslate %} does: the translator's words as they are, the
    values localized and escaped."""
    return mark_safe(message % {name: conditional_escape(localize(value)) for name, value in values.items()})
