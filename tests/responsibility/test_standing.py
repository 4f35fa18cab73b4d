"""Each fact of where work stood at a past moment, and its opposite."""

import datetime

from responsibility.models import ItemEvent, ItemStatus
from responsibility.standing import Standing, Step, deadline_then, derived_then, rectification_due_then, status_then

D = datetime.date
Kind = ItemEvent.Kind
MOMENT = datetime.datetime(2021, 7, 1, tzinfo=datetime.UTC)
BEFORE = datetime.datetime(2021, 5, 20, tzinfo=datetime.UTC)
AFTER = datetime.datetime(2021, 7, 5, tzinfo=datetime.UTC)


def step(kind, at, from_status="in_progress", to_status="in_progress", **data) -> Step:
    return Step(kind, from_status, to_status, data, at)


def test_work_closed_after_the_moment_stood_in_the_status_its_closing_steps_left():
    steps = [
        step(Kind.CLAIMED, AFTER, ItemStatus.IN_PROGRESS, ItemStatus.CLAIMED),
        step(Kind.ASSESSED, AFTER, ItemStatus.VERIFIED, ItemStatus.CLOSED),
    ]
    assert status_then(ItemStatus.CLOSED, steps, MOMENT) == ItemStatus.IN_PROGRESS


def test_work_closed_before_the_moment_stands_as_stored():
    steps = [step(Kind.ASSESSED, BEFORE, ItemStatus.VERIFIED, ItemStatus.CLOSED), step(Kind.URGED, AFTER)]
    assert status_then(ItemStatus.CLOSED, steps, MOMENT) == ItemStatus.CLOSED


def test_an_extension_approved_after_the_moment_leaves_the_deadline_its_request_named():
    steps = [
        step(Kind.EXTENSION_REQUESTED, BEFORE, old_deadline="2021-05-31", new_deadline="2021-08-31"),
        step(Kind.EXTENSION_APPROVED, AFTER, new_deadline="2021-08-31"),
    ]
    assert deadline_then(D(2021, 8, 31), steps, MOMENT) == D(2021, 5, 31)


def test_an_extension_approved_before_the_moment_is_the_deadline_then():
    steps = [
        step(Kind.EXTENSION_REQUESTED, BEFORE, old_deadline="2021-05-31", new_deadline="2021-08-31"),
        step(Kind.EXTENSION_APPROVED, BEFORE, new_deadline="2021-08-31"),
    ]
    assert deadline_then(D(2021, 8, 31), steps, MOMENT) == D(2021, 8, 31)


def test_the_rectification_deadline_then_is_the_last_returns_up_to_the_moment():
    steps = [
        step(Kind.RETURNED, BEFORE, ItemStatus.CLAIMED, ItemStatus.RECTIFYING, deadline="2021-06-10"),
        step(Kind.RECTIFIED, AFTER, ItemStatus.RECTIFYING, ItemStatus.CLAIMED),
        step(Kind.RETURNED, AFTER, ItemStatus.CLAIMED, ItemStatus.RECTIFYING, deadline="2021-07-20"),
    ]
    assert rectification_due_then(D(2021, 7, 20), steps, MOMENT) == D(2021, 6, 10)


def test_work_never_returned_before_the_moment_had_no_rectification_deadline():
    steps = [step(Kind.RETURNED, AFTER, ItemStatus.CLAIMED, ItemStatus.RECTIFYING, deadline="2021-07-20")]
    assert rectification_due_then(D(2021, 7, 20), steps, MOMENT) is None


def test_overdue_then_is_open_and_past_its_date_on_the_day_counted():
    late = Standing(ItemStatus.IN_PROGRESS, D(2021, 5, 31), None, D(2021, 7, 1))
    assert (late.overdue, late.days_overdue) == (True, 31)
    closed = Standing(ItemStatus.CLOSED, D(2021, 5, 31), None, D(2021, 7, 1))
    due_on_the_day_counted = Standing(ItemStatus.IN_PROGRESS, D(2021, 7, 1), None, D(2021, 7, 1))
    rectifying = Standing(ItemStatus.RECTIFYING, D(2021, 5, 31), D(2021, 7, 10), D(2021, 7, 1))
    assert not closed.overdue and not due_on_the_day_counted.overdue and not rectifying.overdue


def test_an_item_of_several_units_stood_where_its_least_advanced_unit_stood():
    as_of = D(2021, 7, 1)
    done = Standing(ItemStatus.CLOSED, D(2021, 5, 31), None, as_of)
    late = Standing(ItemStatus.IN_PROGRESS, D(2021, 6, 15), None, as_of)
    item = derived_then([("司法所", done), ("兴科社区", late)], as_of)
    assert (item.status, item.deadline, item.late_units) == (ItemStatus.IN_PROGRESS, D(2021, 6, 15), ["兴科社区"])
    both_done = derived_then([("司法所", done), ("兴科社区", done)], as_of)
    assert (both_done.status, both_done.overdue, both_done.late_units) == (ItemStatus.CLOSED, False, [])
