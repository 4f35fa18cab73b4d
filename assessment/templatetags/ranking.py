"""A ranking's rows (考核结果), written by a tag: the page shows a row of a dozen cells for each unit or
person, and the template's lookups, filters and ``{% url %}`` per cell cost more than the numbers
(bench/README.md, 2026-12-06). The HTML is what the template wrote, character for character."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def ranking_row(context, row, tab: str, assessment, previous) -> SafeString:
    """One row of a ranking: rank, name linked to its breakdown, the sums, 分类小计, total, grade and
    its marks, and the previous version's total and grade when there is one."""
    # A page's rows repeat their numbers (0 bonus, the same subtotals): each written once per page.
    written = context.render_context.setdefault("ranking_numbers", {})

    def _text(value) -> str:
        key = (type(value), str(value))  # Decimal 1.5 and 1.50 are equal, and written differently
        if key not in written:
            written[key] = _written(value)
        return written[key]

    changed = ' class="changed"' if getattr(row, "changed", False) else ""
    subtotals = "".join(f'<td class="subtotal">{_text("—" if v is None else v)}</td>\n    ' for v in row.subtotals)
    html = (
        f"<tr{changed}>\n"
        f"    <td>{_text(row.rank or '—')}</td>\n"
        f"    <td>{_name(row, tab, assessment)}</td>\n"
        f"    <td>{_text(row.items)}</td>\n"
        f"    <td>{_text(row.base)}</td>\n"
        f"    <td>{_text(row.bonus)}</td>\n"
        f"    <td>{_text(row.deduction)}</td>\n"
        f"    {subtotals}\n"
        f'    <td class="subtotal">{_text(row.rest)}</td>\n'
        f'    <td class="total"><span class="bar" aria-hidden="true"><span style="width:{_text(row.bar)}%"></span>'
        f"</span>{_text(row.total)}</td>\n"
        f"    <td>{_grade(row)}</td>\n"
        f"    {_previous(row) if previous else ''}\n"
        "  </tr>"
    )
    return mark_safe(html)  # every value in it went through _written or format_html


def _written(value) -> str:
    """A value as ``{{ value }}`` writes it: localized, then escaped."""
    return conditional_escape(localize(value))


def _name(row, tab: str, assessment) -> str:
    """The unit or person, linked to the breakdown."""
    if tab == "units":
        url, name = reverse("assessment:unit_result", args=[assessment.pk, row.unit_id]), row.unit.name
    else:
        url, name = reverse("assessment:person_result", args=[assessment.pk, row.pk]), row.name
    return format_html('<a href="{}">{}</a>', url, name)


def _grade(row) -> str:
    html = _written(row.grade or _("未设等次"))
    if row.veto:
        html += format_html(' <span class="mark veto" title="{}">{}</span>', row.get_veto_display(), _("一票否决"))
    if row.quota_limited:
        html += format_html(' <span class="mark quota">{}</span>', _("受优秀比例限制"))
    return html


def _previous(row) -> str:
    """The previous version's total and grade (its group too, if the row moved), or 新增."""
    before = row.previous
    if not before:
        return format_html('<td class="previous">{}</td>', _("新增"))
    html = f"{_written(before.total)} {_written(before.grade)}"
    if before.group != row.group:
        html += f' <span class="small">（{_written(before.group or _("未分组"))}）</span>'
    return f'<td class="previous">{html}</td>'
