"""An item of several units takes its supervision from them in one set-based UPDATE: held here to
the rule it states, case by case (the reddest unit by light, then order; the mean expected progress,
floored; the nearest report a reporting unit owes; the most reports missed; the highest step)."""

import datetime

from responsibility.models import Assignment, ItemStatus, Rag, RagReason, ResponsibilityItem
from responsibility.supervision import derive_supervision

D = datetime.date
S = ItemStatus


def shared_item(cast, *units: dict, title: str = "多单位事项"):
    """An item handed to ``units`` (each a dict of the assignment's fields, with its ``unit``)."""
    item = cast.item(title, deadline=D(2021, 12, 31))
    for order, fields in enumerate(units):
        Assignment.objects.create(item=item, order=fields.pop("order", order), **fields)
    ResponsibilityItem.objects.filter(pk=item.pk).update(branch_count=len(units), status=S.IN_PROGRESS)
    return item


def derived(item) -> tuple:
    item.refresh_from_db()
    fields = ("rag", "rag_reason", "expected_percent", "next_report_due", "reports_missed", "escalation_level")
    return tuple(getattr(item, name) for name in fields)


def test_an_item_takes_its_reddest_unit_and_the_extremes_of_the_others(cast):
    item = shared_item(
        cast,
        {
            "unit": cast.justice,
            "status": S.IN_PROGRESS,
            "rag": Rag.YELLOW,
            "rag_reason": RagReason.BEHIND,
            "expected_percent": 33,
            "next_report_due": D(2021, 7, 25),
            "reports_missed": 1,
            "escalation_level": 2,
        },
        {
            "unit": cast.community,
            "status": S.RECTIFYING,
            "rag": Rag.RED,
            "rag_reason": RagReason.OVERDUE,
            "expected_percent": 34,
            "next_report_due": D(2021, 8, 25),
            "reports_missed": 3,
            "escalation_level": 1,
        },
        {
            "unit": cast.office_unit,
            "status": S.ACCEPTING,
            "rag": Rag.GREEN,
            "rag_reason": RagReason.ON_TRACK,
            "expected_percent": 0,
            "next_report_due": D(2021, 6, 1),
        },
        # 会办 never colours its item, however red, nor counts in its sums.
        {
            "unit": cast.inspection,
            "role": Assignment.Role.COOPERATING,
            "status": S.IN_PROGRESS,
            "rag": Rag.RED,
            "rag_reason": RagReason.REPORTS_MISSED,
            "expected_percent": 100,
            "reports_missed": 9,
            "escalation_level": 4,
        },
    )
    assert derive_supervision(item.plan) == 1
    # (33 + 34 + 0) / 3 = 22.33 → 22; the accepting unit owes no report, so 6 June is not the next.
    assert derived(item) == (Rag.RED, RagReason.OVERDUE, 22, D(2021, 7, 25), 3, 2)
    assert derive_supervision(item.plan) == 0  # nothing left to change: nothing written


def test_units_of_the_same_light_give_the_first_in_order(cast):
    item = shared_item(
        cast,
        {"unit": cast.justice, "status": S.IN_PROGRESS, "rag": Rag.YELLOW, "rag_reason": RagReason.BEHIND, "order": 2},
        {
            "unit": cast.community,
            "status": S.IN_PROGRESS,
            "rag": Rag.YELLOW,
            "rag_reason": RagReason.DUE_SOON,
            "order": 1,
        },
        {
            "unit": cast.office_unit,
            "status": S.IN_PROGRESS,
            "rag": Rag.GREEN,
            "rag_reason": RagReason.ON_TRACK,
            "order": 0,
        },
    )
    derive_supervision(item.plan)
    assert derived(item)[:2] == (Rag.YELLOW, RagReason.DUE_SOON)


def test_an_unlit_unit_ranks_after_the_lit_ones_and_an_item_of_cooperating_units_only_is_cleared(cast):
    lit = shared_item(
        cast,
        {"unit": cast.justice, "status": S.VERIFIED, "rag": ""},
        {"unit": cast.community, "status": S.IN_PROGRESS, "rag": Rag.GREEN, "rag_reason": RagReason.ON_TRACK},
    )
    only_cooperating = shared_item(
        cast, {"unit": cast.inspection, "role": Assignment.Role.COOPERATING, "rag": Rag.RED}, title="仅配合"
    )
    ResponsibilityItem.objects.filter(pk=only_cooperating.pk).update(
        rag=Rag.RED,
        rag_reason=RagReason.OVERDUE,
        expected_percent=50,
        reports_missed=2,
        escalation_level=1,
        next_report_due=D(2021, 7, 1),
    )
    assert derive_supervision(lit.plan) == 2
    assert derived(lit)[:3] == (Rag.GREEN, RagReason.ON_TRACK, 0)
    assert derived(only_cooperating) == ("", "", 0, None, 0, 0)
