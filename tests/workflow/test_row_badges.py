"""The lights, statuses, unit parts and deadlines that list rows show, written by tags (not included
templates, which cost the board a template and a context on each of its rows): the HTML is what the
templates wrote, character for character, in both languages."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format
from viewflow.workflow.models import Task

from responsibility.dates import date_text
from responsibility.models import (
    Assignment,
    Category,
    ItemStatus,
    OutlineRow,
    Person,
    Post,
    Rag,
    RagReason,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from workflow.board import UnitCount
from workflow.flows import ItemFlow
from workflow.services import TaskRow

TODAY = datetime.date(2026, 12, 6)

# The templates the tags replace, as they were (workflow/_rag.html, _status.html, _unit_parts.html and
# _deadline.html, the last rendered by the inclusion tag with ``deadline`` and ``block``).
RAG = (
    '{% load i18n %}{% if item.rag %}<span class="rag rag-{{ item.rag }}" title="{{ item.get_rag_reason_display }}">'
    "{{ item.get_rag_display }}</span>{% endif %}\n"
)
STATUS = (
    '{% load i18n %}<span class="status status-{{ item.status }}{% if item.is_overdue %} overdue{% endif %}">'
    "{{ item.get_status_display }}{% if item.is_overdue and not left_shown %} · {% blocktranslate count "
    "days=item.days_overdue %}逾期{{ days }}天{% plural %}逾期{{ days }}天{% endblocktranslate %}{% endif %}</span>\n"
)
UNIT_PARTS = (
    '{% load i18n %}{% if item.unit_parts %}<ul class="unit-parts small">{% for part in item.unit_parts %}<li>'
    "RAG_OF_PART {{ part.unit.name }} · {{ part.get_status_display }} · {{ part.percent_done }}%"
    "{% if part.is_overdue %}"
    ' · <span class="error">{% blocktranslate count days=part.days_overdue %}逾期{{ days }}天{% plural %}'
    "逾期{{ days }}天{% endblocktranslate %}</span>{% endif %}</li>{% endfor %}</ul>{% endif %}\n"
)  # counted as _status.html counts: the template asked for the plural-only message without a count
DEADLINE = (
    '{% load i18n %}<span class="deadline">{{ deadline.deadline_text }}</span>'
    "{% if deadline.rectifying %}{% if block %}"
    '<div class="rectification-due small">{% else %} · <span class="rectification-due">{% endif %}{% blocktranslate '
    "with date=deadline.rectification_text %}整改时限 {{ date }}{% endblocktranslate %}{% if block %}</div>{% else %}"
    '</span>{% endif %}{% endif %}{% if deadline.left %}{% if block %}<div class="left left-{{ deadline.left_class }} '
    'small">{{ deadline.left }}</div>{% else %} · <span class="left left-{{ deadline.left_class }}">{{ deadline.left }}'
    "</span>{% endif %}{% endif %}"
)

# The board's rows as its template wrote them (templates/workflow/board.html before ``board_rows``).
BOARD_ROWS = (
    '{% translate "选择" as pick_label %}{% translate "督办灯" as rag_label %}'
    '{% translate "工作任务" as task_label %}{% translate "牵头单位" as lead_label %}'
    '{% translate "责任人" as person_label %}{% translate "完成时限" as deadline_label %}'
    '{% translate "进度/应达" as progress_label %}{% translate "状态" as status_label %}\n'
    "  {% for item in items %}\n"
    "  <tr>\n"
    '    {% if can_batch_urge %}<td data-label="{{ pick_label }}">'
    '<input type="checkbox" name="item" value="{{ item.pk }}" aria-label="'
    "{% blocktranslate with item=item.title %}选择“{{ item }}”"
    '{% endblocktranslate %}"></td>{% endif %}\n'
    '    <td data-label="{{ rag_label }}">{% rag_badge item %}'
    '<div class="small muted">{{ item.get_rag_reason_display }}</div></td>\n'
    '    <td data-label="{{ task_label }}"><a href="'
    '{% url \'workflow:item\' item.pk %}">{{ item.full_number }} {{ item.title }}</a>'
    '{% if item.breadcrumb %}<div class="path">{{ item.breadcrumb }}</div>'
    "{% endif %}\n"
    "      {% unit_parts item %}</td>\n"
    '    <td data-label="{{ lead_label }}">{{ item.lead_unit|default:"—" }}</td>\n'
    '    <td data-label="{{ person_label }}">'
    '{{ item.responsible_post.holder|default:"—" }}</td>\n'
    '    <td data-label="{{ deadline_label }}">{% deadline_line item block=True %}'
    "</td>\n"
    '    <td data-label="{{ progress_label }}">{{ item.percent_done }}% / '
    "{{ item.expected_percent }}%</td>\n"
    '    <td data-label="{{ status_label }}">{% status_badge item %}</td>\n'
    "  </tr>\n"
    "  {% empty %}\n"
    '  <tr><td colspan="8" class="empty">{% translate "没有符合条件的在办事项。" %}</td></tr>\n'
    "  {% endfor %}"
)  # fmt: skip

UNIT_COUNTS = (
    "{% for row in per_unit %}<tr><td>{{ row.unit }}</td><td>{{ row.red }}</td><td>{{ row.yellow }}</td>"
    "<td>{{ row.green }}</td><td>{{ row.total }}</td></tr>\n"
    '      {% empty %}<tr><td colspan="5" class="empty">{% translate "暂无在办事项。" %}</td></tr>{% endfor %}'
)


# The 责任清单's rows as its template wrote them (templates/workflow/item_list.html before ``item_rows``).
LIST_ROWS = (
    '{% translate "类别" as category_label %}{% translate "责任人" as official_label %}'
    '{% translate "完成时限" as deadline_label %}{% translate "进度" as progress_label %}'
    '{% translate "状态" as status_label %}{% for row in rows %}{% with item=row.item %}{% if item.plan_starts %}\n'
    '  <tr class="plan-row"><td colspan="7"><strong>{{ item.plan_starts.title }}</strong> '
    '<span class="muted small">{{ item.plan_starts.year }}</span></td></tr>{% endif %}{% if item.is_heading %}\n'
    '  <tr class="heading">\n'
    '    <td class="number depth-{{ row.depth }}">{{ item.number }}</td>\n'
    '    <td colspan="6"><strong>{{ item.title }}</strong></td>\n'
    "  </tr>{% else %}\n"
    "  <tr>\n"
    '    <td class="number depth-{{ row.depth }}" title="{{ item.full_number }}">{{ item.number }}</td>\n'
    "    <td><a href=\"{% url 'workflow:item' item.pk %}\">{{ item.title }}</a>{% unit_parts item %}</td>\n"
    '    <td data-label="{{ category_label }}">{{ item.category|default:"—" }}</td>\n'
    '    <td data-label="{{ official_label }}">{{ item.responsible_post|default:"—" }}</td>\n'
    '    <td data-label="{{ deadline_label }}">{% deadline_line item block=True today=today %}</td>\n'
    '    <td data-label="{{ progress_label }}">{{ item.percent_done }}%</td>\n'
    '    <td data-label="{{ status_label }}">{% status_badge item left_shown=True %} {% rag_badge item %}</td>\n'
    "  </tr>{% endif %}{% endwith %}\n"
    "  {% endfor %}"
)  # fmt: skip


# My tasks' rows as its template wrote them (templates/workflow/my_tasks.html before ``task_rows``).
TASK_ROWS = (
    "{% for row in rows %}\n"
    "  <tr>\n"
    '    {% if batch_steps %}<td>{% if row.task.flow_task.name in batch_steps %}<input type="checkbox" name="task" '
    'value="{{ row.task.pk }}" id="pick-{{ row.task.pk }}" aria-label="{% blocktranslate with item=row.item.title %}'
    '选择“{{ item }}”{% endblocktranslate %}">{% endif %}</td>{% endif %}\n'
    '    <td data-label="{% translate "待办" %}">{{ row.title }}{% if not row.task.owner_id %} <small class="muted">'
    '{% translate "（本岗位人员均可办理）" %}</small>{% endif %}</td>\n'
    '    <td data-label="{% translate "事项" %}">{% if row.item.ancestors %}<div>{% include "workflow/_path.html" '
    "with item=row.item %}</div>{% endif %}<a href=\"{% url 'workflow:item' row.item.pk %}\">{{ row.item }}</a>"
    '<div class="muted small">{{ row.item.plan }}</div></td>\n'
    '    <td data-label="{% translate "责任人" %}">{{ row.item.responsible_post|default:"—" }}</td>\n'
    '    <td data-label="{% translate "完成时限" %}">{% deadline_line row.work block=True %}</td>\n'
    '    <td data-label="{% translate "状态" %}">{% status_badge row.item left_shown=True %}</td>\n'
    "    <td><a class=\"button\" href=\"{% url 'workflow:task' row.task.pk %}\">{% translate \"办理\" %}</a></td>\n"
    "  </tr>\n"
    "  {% endfor %}"
)  # fmt: skip


def old(source: str, **context) -> str:
    if "RAG_OF_PART" in source:  # the part's light was _rag.html included with item=part
        head, tail = source.split("RAG_OF_PART")
        source = head + "{% with item=part %}" + RAG.removeprefix("{% load i18n %}") + "{% endwith %}" + tail
    return Template(source).render(Context(context))


def new(source: str, **context) -> str:
    return Template("{% load luoshi %}" + source).render(Context(context))


def works() -> list[ResponsibilityItem]:
    """Items in the states the rows tell apart: unlit, lit for each reason, overdue, rectifying, ongoing,
    closed, with unit parts on time and overdue, and a title that needs escaping."""
    found = []
    for n, (status, rag, reason, deadline, rectification) in enumerate(
        [
            (ItemStatus.DRAFT, "", "", None, None),
            (ItemStatus.IN_PROGRESS, Rag.GREEN, RagReason.ON_TRACK, TODAY + datetime.timedelta(days=30), None),
            (ItemStatus.IN_PROGRESS, Rag.YELLOW, RagReason.DUE_SOON, TODAY, None),
            (ItemStatus.IN_PROGRESS, Rag.RED, RagReason.OVERDUE, TODAY - datetime.timedelta(days=1), None),
            (ItemStatus.IN_PROGRESS, Rag.RED, RagReason.OVERDUE, TODAY - datetime.timedelta(days=1234), None),
            (ItemStatus.RECTIFYING, Rag.RED, RagReason.BEHIND, TODAY, TODAY + datetime.timedelta(days=3)),
            (ItemStatus.RECTIFYING, Rag.RED, RagReason.OVERDUE, TODAY, TODAY - datetime.timedelta(days=2)),
            (ItemStatus.VERIFIED, "", "", TODAY - datetime.timedelta(days=9), None),
        ]
    ):
        item = ResponsibilityItem(
            title=f"事项<{n}>&", status=status, rag=rag, rag_reason=reason, deadline=deadline, percent_done=n * 7
        )
        item.rectification_due = rectification
        item.unit_parts = []
        found.append(item)
    ongoing = ResponsibilityItem(title="长期", status=ItemStatus.IN_PROGRESS, ongoing=True, rag=Rag.GREEN)
    ongoing.unit_parts = []
    found.append(ongoing)
    several = found[3]
    several.unit_parts = [
        Assignment(item=several, unit=Unit(name="甲<局>"), status=ItemStatus.IN_PROGRESS, rag=Rag.RED,
                   rag_reason=RagReason.OVERDUE, deadline=TODAY - datetime.timedelta(days=4), percent_done=40),
        Assignment(item=several, unit=Unit(name="乙局"), status=ItemStatus.HANDED_IN, percent_done=100),
        Assignment(item=several, unit=Unit(name="丙局"), status=ItemStatus.IN_PROGRESS, rag=Rag.GREEN,
                   rag_reason=RagReason.ON_TRACK, deadline=TODAY + datetime.timedelta(days=40), percent_done=5),
    ]  # fmt: skip
    return found


def board_items() -> list[ResponsibilityItem]:
    """``works()`` as the board's rows: each with its page (a pk), at the top or under one or two
    headings, with a lead unit or none, a responsible post with a person, without one, or none."""
    heading = ResponsibilityItem(pk=900, number="一、", title="推进<法治>政府建设，依法全面履行政府职能")
    inner = ResponsibilityItem(pk=901, number="（一）", title="依法行政&")
    holders = [None, Post(holder=None), Post(holder=Person(username="zhang", full_name="张<三>"))]
    items = works()
    for n, item in enumerate(items):
        item.pk, item.number, item.expected_percent = n + 1, f"{n + 1}.", n * 9
        item._ancestors = [[], [heading], [heading, inner]][n % 3]
        item.lead_unit = Unit(name="兴科<社区>") if n % 2 else None
        item.responsible_post = holders[n % 3]
    return items


def list_rows() -> list[OutlineRow]:
    """``works()`` as the list's rows: five under a heading and its sub-heading in one plan, the rest
    at the top of another (each plan's title where the list moves to it), with a category or none, a
    responsible post with its person, without one, or none; names and titles that need escaping."""
    plans = [WorkPlan(title="2026年<法治>工作要点", year=2026), WorkPlan(title="2025年工作要点&", year=2025)]
    heading = ResponsibilityItem(pk=900, number="一、", title="推进<法治>政府建设", is_heading=True)
    inner = ResponsibilityItem(pk=901, number="（一）", title="依法行政&", is_heading=True)
    unit = Unit(name="司法<所>")
    posts = [
        None,
        Post(pk=1, unit=unit, title="责任人"),
        Post(pk=2, unit=unit, title="所长", holder=Person(pk=7, username="zhang", full_name="张<三>")),
        Post(pk=3, unit=Unit(name="兴科社区"), title="主任", holder=Person(pk=8, username="li")),
    ]
    categories = [None, Category(pk=1, name="依法<行政>"), Category(pk=2, name="普法")]
    rows = [OutlineRow(heading, 0), OutlineRow(inner, 1)]
    for n, item in enumerate(works()):
        item.pk, item.number, item.plan_starts = n + 1, f"{n + 1}.", None
        item.category, item.responsible_post = categories[n % 3], posts[n % 4]
        item._ancestors = [heading, inner] if n < 5 else []
        rows.append(OutlineRow(item, len(item._ancestors)))
    heading.plan_starts, inner.plan_starts, rows[7].item.plan_starts = plans[0], None, plans[1]
    return rows


def task_rows() -> list[TaskRow]:
    """``list_rows()``'s items as steps waiting: to deploy (in the pool, or held), to accept, to
    decide an extension; a unit's step on its own part (its deadline), the rest on the whole item."""
    steps = [ItemFlow.deploy, ItemFlow.accept, ItemFlow.decide_extension, ItemFlow.work]
    rows = []
    items = [row.item for row in list_rows() if not row.item.is_heading]
    for n, item in enumerate(items):
        item.plan = WorkPlan(title=f"{2020 + n % 2}年<工作>要点", year=2020 + n % 2)
        task = Task(pk=1000 + n, flow_task=steps[n % 4], owner_id=None if n % 3 == 0 else 5)
        part = item.unit_parts[0] if item.unit_parts else None
        rows.append(TaskRow(task, item, part))
    return rows


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_row_badges_write_what_their_templates_wrote(language):
    with translation.override(language):
        for item in works():
            assert new("{% rag_badge item %}", item=item) == old(RAG, item=item)
            assert new("{% unit_parts item %}", item=item) == old(UNIT_PARTS, item=item)
            for shown in (False, True):
                assert new("{% status_badge item left_shown=shown %}", item=item, shown=shown) == old(
                    STATUS, item=item, left_shown=shown
                )
            for block in (False, True):
                deadline = item.deadline_state()
                assert new("{% deadline_line item block=block %}", item=item, block=block) == old(
                    DEADLINE, deadline=deadline, block=block
                )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_boards_rows_write_what_its_template_wrote(language):
    with translation.override(language):
        for items in (board_items(), []):
            for pick in (False, True):
                assert new("{% board_rows items pick=pick %}", items=items, pick=pick) == old(
                    "{% load i18n luoshi %}" + BOARD_ROWS, items=items, can_batch_urge=pick
                )


def test_the_boards_rows_meet_every_cell():
    """The comparison above meets headings, escaping, the missing lead unit and person, the checkbox."""
    with translation.override("zh-hans"):
        html = new("{% board_rows items pick=True %}", items=board_items())
    for piece in ['<div class="path">一、推进&lt;法治&gt;政府建设… › （一）依法行政&amp;</div>', "兴科&lt;社区&gt;",
                  "张&lt;三&gt;", "<td data-label=\"责任人\">—</td>", "<td data-label=\"牵头单位\">—</td>",
                  'aria-label="选择“事项&lt;3&gt;&amp;”"', 'href="/items/4/"', "21% / 27%"]:  # fmt: skip
        assert piece in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_lists_rows_write_what_its_template_wrote(language):
    rows = list_rows()
    with translation.override(language):
        for shown in (rows, rows[:1], []):
            assert new("{% item_rows rows today=today %}", rows=shown, today=TODAY) == old(
                "{% load i18n luoshi %}" + LIST_ROWS, rows=shown, today=TODAY
            )


def test_the_lists_rows_meet_every_cell():
    """The comparison above meets headings, both plans' title rows, escaping, a missing category and
    post, a post with and without its person, the parts of an item of several units."""
    with translation.override("zh-hans"):
        html = new("{% item_rows rows today=today %}", rows=list_rows(), today=TODAY)
    for piece in ['<tr class="plan-row"><td colspan="7"><strong>2026年&lt;法治&gt;工作要点</strong>',
                  "<strong>2025年工作要点&amp;</strong>", '<tr class="heading">\n    <td class="number depth-0">一、',
                  '<td data-label="类别">依法&lt;行政&gt;</td>', '<td data-label="类别">—</td>',
                  '<td data-label="责任人">—</td>', "司法&lt;所&gt;所长（张&lt;三&gt;）", "兴科社区主任（li）",
                  '<td data-label="责任人">司法&lt;所&gt;责任人</td>', 'href="/items/4/"',
                  '<ul class="unit-parts small">', "整改时限", "长期坚持", 'title="一、（一）3."']:  # fmt: skip
        assert piece in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_my_tasks_rows_write_what_its_template_wrote(language):
    rows = task_rows()
    with translation.override(language):
        for shown in (rows, rows[:1], []):
            for batch_steps in ([], ["accept", "deploy"], ["deploy"]):
                assert new("{% task_rows rows batch_steps %}", rows=shown, batch_steps=batch_steps) == old(
                    "{% load i18n luoshi %}" + TASK_ROWS, rows=shown, batch_steps=batch_steps
                )


def test_my_tasks_rows_meet_every_cell():
    """The comparison above meets the checkbox and its absence, a pool's task and a held one, the
    headings' path, a unit's own deadline, escaping."""
    with translation.override("zh-hans"):
        html = new("{% task_rows rows batch_steps %}", rows=task_rows(), batch_steps=["deploy"])
    for piece in ['<input type="checkbox" name="task" value="1000" id="pick-1000" '
                  'aria-label="选择“事项&lt;0&gt;&amp;”">', "<td></td>",
                  '<small class="muted">（本岗位人员均可办理）</small>',
                  '<div><span class="path" title="一、推进&lt;法治&gt;政府建设 › （一）依法行政&amp;">',
                  '<div class="muted small">2021年&lt;工作&gt;要点</div>', 'href="/tasks/1003/"',
                  "逾期4天"]:  # fmt: skip
        assert piece in html


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_date_is_written_as_django_writes_it_however_often(language):
    with translation.override(language):
        for day in (TODAY, datetime.date(2027, 1, 1), datetime.date(1999, 2, 28), TODAY):
            assert date_text(day) == date_format(day)
        moment = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC)
        assert date_text(moment) == date_format(moment)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_lights_per_unit_write_what_their_template_wrote(language):
    counts = [
        UnitCount("兴科<社区>", 12, 0, 1234, 1246),
        UnitCount("未指定单位", 0, 3, 0, 3),
        UnitCount("甲&乙", 0, 0, 12, 12),
    ]
    with translation.override(language):
        for shown in (counts, []):
            assert new("{% unit_count_rows per_unit %}", per_unit=shown) == old(
                "{% load i18n %}" + UNIT_COUNTS, per_unit=shown
            )
        assert "<td>兴科&lt;社区&gt;</td><td>12</td><td>0</td><td>1234</td><td>1246</td>" in new(
            "{% unit_count_rows per_unit %}", per_unit=counts
        )


def test_a_units_overdue_days_are_in_english_on_an_english_page():
    """The template asked for "逾期%(days)s天" without its count: the catalogue holds it as a plural
    only, so an English page said 逾期4天 beside "In progress"."""
    with translation.override("en"):
        html = new("{% unit_parts item %}", item=works()[3])
    assert "4 days overdue" in html and "逾期" not in html


def test_the_states_are_all_met():
    """The comparison above meets every branch: lit and unlit, overdue with and without its days,
    rectifying, a unit's part overdue."""
    with translation.override("zh-hans"):
        html = "".join(
            new("{% rag_badge item %}{% unit_parts item %}{% status_badge item %}{% deadline_line item %}", item=item)
            for item in works()
        )
    for piece in ["rag-red", "rag-yellow", " overdue\">", "逾期1234天", '<span class="error">逾期4天', "整改时限",
                  "整改逾期2天", "长期坚持", "&lt;局&gt;", "100%"]:  # fmt: skip
        assert piece in html
