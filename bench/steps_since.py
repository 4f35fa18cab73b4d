#!/usr/bin/env python
"""Give a copy of the ``pages.py`` database the steps a past quarter meets in real use since its end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_copy .venv/bin/python bench/steps_since.py

``pages.py`` moves each copied item's whole timeline back by a few days a copy, so at the end of the
last quarter an item either had taken every step of its flow already or none (it stood as a draft):
no item at work then has a step since, and a past quarter's 季度汇报 never reads one back. In real
use almost every item at work then has: a monthly report, a claim, a verification. This moves, in
every plan, the last steps of the items at work at the end of the last quarter (every step before
it) to after it, spread over the days since, so that their standing then differs from their row or
must be read back to be known:
- 办理中: its progress report (the part's ``reported`` step, and the report itself);
- 待核验: every second one its claim (it was 办理中 then);
- 整改中: its return, every second one (it was 待核验 then);
- 办结: every second one its verification and assessment (it was 待核验 then; its ``closed_at`` is
  already the build's day).
The rows stay as they are (the flow's state is today's). ``pages.py`` does this itself while it
builds (``move``); this script gives it to a database built before it did (the timeline's
append-only trigger is bypassed, as the database's owner). Prints how many items of each plan have
a step since and were not drafts then.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lifecycle import configure, vacuum  # noqa: E402

# The steps moved, by the item's stored status: (kinds moved, every n-th item).
MOVED = {
    "in_progress": (["reported"], 1),
    "claimed": (["claimed"], 2),
    "rectifying": (["returned"], 2),
    "closed": (["verified", "assessed"], 2),
}


def main() -> None:
    configure()
    move()
    vacuum()
    for plan, n in at_work_with_a_step_since().items():
        print(f"plan {plan}: {n} items at work at the last quarter's end with a step since")


def last_quarter_end():
    """The moment the last quarter ended (as ``pages.cast``'s past quarter takes it)."""
    from django.utils import timezone

    from workflow.quarter_end import end_of, quarter_of

    today = timezone.localdate()
    year, quarter = quarter_of(today.replace(day=1) - datetime.timedelta(days=(today.month - 1) % 3 * 31 + 1))
    return end_of(year, quarter)[0]


def move() -> None:
    """Move the last steps of the items at work at the last quarter's end to after it (see above)."""
    from django.db import connection, transaction
    from django.utils import timezone

    moment = last_quarter_end()
    days = (timezone.localdate() - moment.date()).days
    with transaction.atomic(), connection.cursor() as cursor:
        # The timeline is append-only (a trigger refuses an UPDATE): a copy's is rewritten here by
        # its owner, with triggers off for this transaction only.
        cursor.execute("SET LOCAL session_replication_role = replica")
        for status, (kinds, every) in MOVED.items():
            # Items deployed before the moment whose every step precedes it, one in ``every`` of them.
            cursor.execute(
                """
                CREATE TEMP TABLE moved ON COMMIT DROP AS
                SELECT i.id, (i.id %% %(days)s) + 1 AS shift
                FROM responsibility_responsibilityitem i
                WHERE i.status = %(status)s AND i.id %% %(every)s = 0
                  AND NOT EXISTS (SELECT 1 FROM responsibility_itemevent e
                                  WHERE e.item_id = i.id AND e.created_at >= %(moment)s)
                  AND EXISTS (SELECT 1 FROM responsibility_itemevent e WHERE e.item_id = i.id)
                """,
                {"days": max(days - 1, 1), "status": status, "every": every, "moment": moment},
            )
            at = "%(moment)s + m.shift * interval '1 day' + (e.id %% 3600) * interval '1 second'"
            cursor.execute(
                f"UPDATE responsibility_itemevent e SET created_at = {at} FROM moved m"
                " WHERE e.item_id = m.id AND e.kind = ANY(%(kinds)s)",
                {"moment": moment, "kinds": kinds},
            )
            if "reported" in kinds:
                cursor.execute(
                    f"UPDATE responsibility_progressreport e SET created_at = {at} FROM moved m WHERE e.item_id = m.id",
                    {"moment": moment},
                )
            cursor.execute("DROP TABLE moved")


def at_work_with_a_step_since() -> dict[int, int]:
    """Per plan: how many items took a step before the last quarter's end and one after it."""
    from django.db import connection

    moment = last_quarter_end()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.plan_id, count(*) FROM responsibility_responsibilityitem i
            WHERE EXISTS (SELECT 1 FROM responsibility_itemevent e WHERE e.item_id = i.id AND e.created_at >= %s)
              AND EXISTS (SELECT 1 FROM responsibility_itemevent e WHERE e.item_id = i.id AND e.created_at < %s)
            GROUP BY 1 ORDER BY 1
            """,
            [moment, moment],
        )
        return dict(cursor.fetchall())


if __name__ == "__main__":
    main()
