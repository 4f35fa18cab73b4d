"""The roster (人员名册): an organisation's units, posts and people as one .xlsx, downloaded as it
stands and imported whole (all or nothing, every bad row named, the same file twice changes nothing).

``workbook`` reads and writes the file, ``check`` checks its rows together and against the
organisation, ``apply`` carries out a clean roster.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Unit
from .apply import HandOver, Summary, apply_roster
from .check import check_roster
from .workbook import COLUMNS, SHEET, Problem, RosterRejected, read_roster, roster_workbook

__all__ = [
    "COLUMNS",
    "SHEET",
    "HandOver",
    "Problem",
    "RosterRejected",
    "Summary",
    "apply_roster",
    "check_roster",
    "import_roster",
    "read_roster",
    "roster_workbook",
]


def import_roster(
    organisation: Unit, name: str, data: bytes, hand_over: HandOver | None = None, superuser: bool = False
) -> Summary:
    """Read, check and apply a roster file; ``RosterRejected`` with every problem, nothing saved.

    One roster of an organisation at a time (its row locked): checked and applied on the same state.
    """
    rows, problems = read_roster(name, data)
    with transaction.atomic():
        list(Unit.objects.select_for_update().filter(pk=organisation.pk).values_list("pk", flat=True))
        plan = check_roster(organisation, rows, problems, superuser)
        return apply_roster(plan, hand_over) if hand_over is not None else apply_roster(plan)
