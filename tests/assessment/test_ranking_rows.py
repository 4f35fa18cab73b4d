"""考核结果's ranking rows, written by the ``ranking_row`` tag: the HTML is what the page's template wrote
for every kind of row (units and people; changed, vetoed, limited by the quota, ungraded, without a
rank; with a previous version, new or moved to another group), in both languages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.template import Context, Template
from django.utils import translation

from assessment.models import Assessment, EventRule, PersonResult, UnitResult
from responsibility.models import Unit

# The row as templates/assessment/result_detail.html wrote it, inside its loop.
OLD = (
    "{% load i18n %}"
    '  <tr{% if row.changed %} class="changed"{% endif %}>\n'
    '    <td>{{ row.rank|default:"—" }}</td>\n'
    '    <td>{% if tab == "units" %}<a href="{% url \'assessment:unit_result\' assessment.pk row.unit_id %}">'
    "{{ row.unit.name }}</a>{% else %}<a href=\"{% url 'assessment:person_result' assessment.pk row.pk %}\">"
    "{{ row.name }}</a>{% endif %}</td>\n"
    "    <td>{{ row.items }}</td>\n"
    "    <td>{{ row.base }}</td>\n"
    "    <td>{{ row.bonus }}</td>\n"
    "    <td>{{ row.deduction }}</td>\n"
    '    {% for value in row.subtotals %}<td class="subtotal">{{ value|default_if_none:"—" }}</td>\n'
    "    {% endfor %}\n"
    '    <td class="subtotal">{{ row.rest }}</td>\n'
    '    <td class="total"><span class="bar" aria-hidden="true"><span style="width:{{ row.bar }}%"></span></span>'
    "{{ row.total }}</td>\n"
    '    <td>{{ row.grade|default:_("未设等次") }}{% if row.veto %} <span class="mark veto" '
    'title="{{ row.get_veto_display }}">{% translate "一票否决" %}</span>{% endif %}{% if row.quota_limited %} '
    '<span class="mark quota">{% translate "受优秀比例限制" %}</span>{% endif %}</td>\n'
    '    {% if previous %}<td class="previous">{% if row.previous %}{{ row.previous.total }} '
    '{{ row.previous.grade }}{% if row.previous.group != row.group %} <span class="small">'
    '（{{ row.previous.group|default:_("未分组") }}）</span>{% endif %}{% else %}{% translate "新增" %}'
    "{% endif %}</td>{% endif %}\n"
    "  </tr>"
)
NEW = "{% load ranking %}  {% ranking_row row tab assessment previous %}"

ASSESSMENT = Assessment(pk=7, version=2)
PREVIOUS = Assessment(pk=6, version=1)


def filled(row, **values):
    values = {
        "items": 12,
        "base": D("81.25"),
        "bonus": D("1.50"),
        "deduction": D("0.00"),
        "total": D("1234.50"),
        "grade": "优秀",
        "rank": 3,
        "subtotals": [D("40.00"), None, D("-2.50")],
        "rest": D("0.75"),
        "bar": 83,
        **values,
    }
    for name, value in values.items():
        setattr(row, name, value)
    return row


def unit_row(**values) -> UnitResult:
    return filled(UnitResult(unit=Unit(pk=41, name='甲社区 <"A&B">')), **values)


def person_row(**values) -> PersonResult:
    return filled(PersonResult(pk=93), name="赵所长（司法所 司法所所长）", **values)


ROWS = {
    "plain": lambda: unit_row(),
    "no rank, no grade": lambda: unit_row(rank=None, grade="", subtotals=[None, None]),
    "vetoed": lambda: unit_row(veto=EventRule.Veto.FAIL, grade="不合格"),
    "vetoed from the top, limited": lambda: unit_row(veto=EventRule.Veto.NO_TOP, quota_limited=True),
    "limited by the quota": lambda: unit_row(quota_limited=True, grade="良好"),
    "changed, new": lambda: unit_row(changed=True, previous=None),
    "unchanged": lambda: unit_row(changed=False, previous=UnitResult(total=D("1234.50"), grade="优秀")),
    "moved group": lambda: unit_row(changed=True, group="社区", previous=UnitResult(total=D("80"), grade="良好")),
    "left its group": lambda: unit_row(group="", previous=UnitResult(total=D("80"), grade="良好", group="村")),
    "a person": lambda: person_row(),
    "a person, changed": lambda: person_row(changed=True, previous=PersonResult(total=D("70.5"), grade="合格")),
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("with_previous", [False, True])
@pytest.mark.parametrize("name", list(ROWS))
def test_a_ranking_row_is_what_the_template_wrote(name, with_previous, language):
    row = ROWS[name]()
    if with_previous and not hasattr(row, "previous"):
        row.previous = None
    tab = "units" if isinstance(row, UnitResult) else PersonResult.Role.OFFICIAL
    context = {"row": row, "tab": tab, "assessment": ASSESSMENT, "previous": PREVIOUS if with_previous else None}
    with translation.override(language):
        old = Template(OLD).render(Context(context))
        new = Template(NEW).render(Context(context))
    assert new == old
    assert "/assessment/results/7/" in new


def test_rows_of_one_page_write_equal_numbers_as_each_is_written():
    """The numbers a page's rows share are written once per page: 1.5 and 1.50 stay themselves."""
    rows = [
        unit_row(base=D("1.5"), bonus=D("1.50"), rest=D(1), subtotals=[D("1.50"), D("1.5")]),
        unit_row(base=D("1.50"), bonus=D("1.5"), rest=1, bar=True, subtotals=[D("1.5"), None]),
    ]
    loop = "{% for row in rows %}\nROW\n{% endfor %}"
    context = {"rows": rows, "tab": "units", "assessment": ASSESSMENT, "previous": None}
    old = Template(loop.replace("ROW", OLD)).render(Context(context))
    new = Template("{% load ranking %}" + loop.replace("ROW", NEW.removeprefix("{% load ranking %}"))).render(
        Context(context)
    )
    assert new == old
    assert "<td>1.5</td>" in new and "<td>1.50</td>" in new
