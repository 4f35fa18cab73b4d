"""The lights, statuses, unit parts and deadlines that list rows show, written by tags (not included
templates, which cost the board a template and a context on each of its rows): the HTML is what the
templates wrote, character for character, in both languages."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from responsibility.models import Assignment, ItemStatus, Rag, RagReason, ResponsibilityItem, Unit

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
