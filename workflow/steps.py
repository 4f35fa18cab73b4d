"""What each human step of the item flow does to the domain.

A step is a form and a handler. The handler runs inside the process lock and the transaction of
the task's completion, records facts on the item's timeline and moves a status: the item's at
deploy, the unit's assignment on every step of a unit's branch (the item's own state is then
derived from its assignments by ``services.complete``); the flow then routes on that status.
The rows a step adds are written with ``config.rows`` (SQL built once; none of these models has
signals or a ``save`` of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, override
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from assessment import item_score
from assessment.models import Verification
from config import rows
from responsibility import cascade, permissions
from responsibility.assignments import derive, hand_out, hands_in, of_item, siblings
from responsibility.models import (
    Assignment,
    Closing,
    EscalationLevel,
    ItemEvent,
    ItemStatus,
    ProgressReport,
    ResponsibilityItem,
)
from responsibility.reporting import REPORT_FIELDS, current_period, record_report
from responsibility.supervision import relight

from . import forms, instructions, notices
from .flows import ItemFlow
from .models import assignment_of, of_items

Kind = ItemEvent.Kind


@dataclass(frozen=True)
class Step:
    form_class: type
    # (the item, or a unit's assignment for a step of the unit's branch; the user; the valid form)
    handle: Callable[[ResponsibilityItem | Assignment, object, object], None]
    submit_label: str
    per_unit: bool = True  # a step of one unit's branch, on its assignment


def deploy(item: ResponsibilityItem, user, form) -> None:
    # The form saves the whole row, the new status and the units' branch count with it (form.instance
    # is the item).
    note = form.cleaned_data.get("note", "")
    event = item.move(Kind.DEPLOYED, user, ItemStatus.ACCEPTING, note=note, save=False)
    handed = hand_out(item, form.assignment_plan)
    form.save()
    form.indicators.save()
    form.milestones.save()
    permissions.sync_item_permissions(item, handed)
    notices.deployed(item, handed, event, user, note)


def redeploy(assignment: Assignment, user, form) -> None:
    """A unit sent its part back: the office hands it over again, to the same or another post."""
    data = form.cleaned_data
    assignment.post = data["post"]
    event = assignment.move(Kind.DEPLOYED, user, ItemStatus.ACCEPTING, note=data["note"], also_save=["post"])
    settle(assignment)
    permissions.sync_item_permissions(assignment.item)
    notices.deployed(assignment.item, [assignment], event, user, data["note"])


def settle(assignment: Assignment, reported: bool = False) -> None:
    """The item after a step of one of its units: its state derived from its units' again.
    ``reported``: the step carried a report (which, on an item made from a higher organisation's
    part, meets that part's report due, ``cascade.roll_up_into``)."""
    derive(assignment.item, siblings(assignment))
    if assignment.item.source_assignment_id is not None:  # 上级交办: the higher part follows its items
        cascade.roll_up_into(assignment.item, reported)


def accept(assignment: Assignment, user, form) -> None:
    data = form.cleaned_data
    if data["decision"] == "accept":
        assignment.move(Kind.ACCEPTED, user, ItemStatus.IN_PROGRESS)
    else:
        event = assignment.move(Kind.SENT_BACK, user, ItemStatus.SENT_BACK, note=data["reason"])
        notices.sent_back(assignment, event, user, data["reason"])
    settle(assignment)


def work(assignment: Assignment, user, form) -> None:
    data = form.cleaned_data
    action = data["action"]
    if action == "extension":
        event = assignment.move(
            Kind.EXTENSION_REQUESTED,
            user,
            ItemStatus.EXTENSION_REQUESTED,
            note=data["narrative"],
            data={"new_deadline": data["new_deadline"].isoformat(), "old_deadline": assignment.deadline.isoformat()},
        )
        notices.extension_requested(assignment, event, user, data["new_deadline"], data["narrative"])
        settle(assignment)
        return
    claim = action == "claim"
    kind = ProgressReport.Kind.COMPLETION if claim else ProgressReport.Kind.PROGRESS
    report = _report(assignment, user, form, kind, data["period"], data["percent_done"])
    if claim and hands_in(assignment):
        # 牵头单位汇总办结: the unit's part goes to its lead unit, its branch ends here, and the lead's
        # verification and assessment later stand for it too.
        assignment.move(Kind.HANDED_IN, user, ItemStatus.HANDED_IN, data={"report": report.pk}, also_save=REPORT_FIELDS)
    elif claim:
        data = {"report": report.pk}
        event = assignment.move(Kind.CLAIMED, user, ItemStatus.CLAIMED, data=data, also_save=REPORT_FIELDS)
        notices.to_verify(assignment, event, user)
    else:
        data = {"report": report.pk, "percent_done": report.percent_done}
        assignment.move(Kind.REPORTED, user, data=data, also_save=REPORT_FIELDS)
    instructions.answer(assignment, user, report, form.answers())
    settle(assignment, reported=True)


def contribute(assignment: Assignment, user, form) -> None:
    """会办: a cooperating unit gives the lead unit its contribution; its part is then done."""
    report = _report(assignment, user, form, ProgressReport.Kind.CONTRIBUTION, current_period(timezone.localdate()))
    assignment.move(Kind.CONTRIBUTED, user, ItemStatus.CLOSED, data={"report": report.pk}, also_save=REPORT_FIELDS)


def _report(assignment: Assignment, user, form, kind: str, period: str, percent_done: int = 100):
    """The report a step's form carries (its narrative, indicator values and evidence), on the unit's
    part; its progress is written with the step's status (``move``'s ``also_save``)."""
    data = form.cleaned_data
    return record_report(
        assignment,
        user,
        kind=kind,
        period=period,
        percent_done=percent_done,
        narrative=data["narrative"],
        indicator_values=form.indicator_values(),
        item_indicators=form.indicator_ids,
        files=data["evidence"],
        save_item=False,
    )


def decide_extension(assignment: Assignment, user, form) -> None:
    data = form.cleaned_data
    request = assignment.latest_event(Kind.EXTENSION_REQUESTED)
    if data["decision"] != "approve":
        event = assignment.move(Kind.EXTENSION_REFUSED, user, ItemStatus.IN_PROGRESS, note=data["comment"])
        notices.extension_decided(assignment, event, user, request, data["comment"])
        settle(assignment)
        return
    new_deadline = timezone.datetime.fromisoformat(request.data["new_deadline"]).date()
    if not assignment.original_deadline:
        assignment.original_deadline = assignment.deadline
    assignment.deadline = new_deadline
    # A new deadline is a fresh start: off the ladder, and lit for the new date at once, with the
    # progress expected by the new date (the sweep's own rules, from the saved row).
    assignment.escalation_level = EscalationLevel.NONE
    assignment.save(update_fields=["deadline", "original_deadline", "escalation_level"])
    relight(assignment, timezone.localdate())
    event = assignment.move(
        Kind.EXTENSION_APPROVED,
        user,
        ItemStatus.IN_PROGRESS,
        note=data["comment"],
        data={"new_deadline": new_deadline.isoformat()},
        also_save=["expected_percent", "rag", "rag_reason"],
    )
    notices.extension_decided(assignment, event, user, request, data["comment"])
    item = assignment.item
    if not item.original_deadline:
        item.original_deadline = assignment.original_deadline
        item.write(["original_deadline"])
    follow_lead(assignment, request.data["old_deadline"], new_deadline, user)
    settle(assignment)


_CONTRIBUTION_MOVED = gettext_noop("会办时限随牵头单位延期调整至%(date)s")


def follow_lead(lead: Assignment, old_deadline: str, new_deadline, user) -> None:
    """The lead unit's deadline moved: contributions still owed by that same date (the 会办 date the
    office left at the item's deadline) move with it, on each unit's timeline; a 会办 date the office
    set earlier stays, as it was chosen."""
    if lead.role != Assignment.Role.LEAD or not lead.item.contribution_count:
        return
    old = timezone.datetime.fromisoformat(old_deadline).date()
    for unit in of_item(lead.item):
        if unit.runs_branch or unit.status == ItemStatus.CLOSED or unit.deadline != old:
            continue
        unit.deadline = new_deadline
        with override(settings.LANGUAGE_CODE):  # stored text, read later by others: the site's language
            note = _CONTRIBUTION_MOVED % {"date": date_format(new_deadline)}
        unit.move(
            Kind.CONTRIBUTION_DUE_MOVED,
            user,
            note=note,
            data={"old_deadline": old.isoformat(), "new_deadline": new_deadline.isoformat()},
            also_save=["deadline"],
        )


def verify(assignment: Assignment, user, form) -> None:
    data = form.cleaned_data
    passed = data["decision"] == "pass"
    verification = Verification(
        item_id=assignment.item_id,
        assignment=assignment,
        round=rows.count(Verification, "assignment", assignment.pk) + 1,
        passed=passed,
        comments=data["comments"],
        rectification_points="" if passed else data["rectification_points"],
        rectification_deadline=None if passed else data["rectification_deadline"],
        inspector=user,
    )
    rows.insert(verification)
    if passed:
        event = assignment.move(
            Kind.VERIFIED, user, ItemStatus.VERIFIED, note=data["comments"], data={"round": verification.round}
        )
        notices.verified(assignment, event, user)
        for handed in _handed_in(assignment):  # the lead's verification covers the parts it summed up
            handed.move(Kind.VERIFIED, user, ItemStatus.VERIFIED, note=_LEAD_VERIFIED, data={"lead": assignment.pk})
    else:
        assignment.rectification_due = data["rectification_deadline"]  # due by this date while rectifying
        event = assignment.move(
            Kind.RETURNED,
            user,
            ItemStatus.RECTIFYING,
            also_save=["rectification_due"],
            note=data["rectification_points"],
            data={"round": verification.round, "deadline": data["rectification_deadline"].isoformat()},
        )
        notices.returned(assignment, event, user, data["rectification_points"], data["rectification_deadline"])
    settle(assignment)


def rectify(assignment: Assignment, user, form) -> None:
    report = _report(assignment, user, form, ProgressReport.Kind.RECTIFICATION, current_period(timezone.localdate()))
    data = {"report": report.pk}
    event = assignment.move(Kind.RECTIFIED, user, ItemStatus.CLAIMED, data=data, also_save=REPORT_FIELDS)
    notices.to_verify(assignment, event, user, rectified=True)
    instructions.answer(assignment, user, report, form.answers())
    settle(assignment, reported=True)


def assess(assignment: Assignment, user, form) -> None:
    data = form.cleaned_data
    # 牵头单位汇总办结: the lead's assessment scores each unit whose part it summed up, on that unit's
    # own facts, and closes it. Each part is scored by the year's scheme, as the year end scores it.
    parts = [assignment, *_handed_in(assignment, ItemStatus.VERIFIED)]
    events = []
    for work in parts:
        score = item_score.scored(work, data["quality"], data["comment"], user, form.scheme)
        rows.insert(score)
        note, total = data["comment"], {"total": str(score.total)}
        events.append(work.move(Kind.ASSESSED, user, ItemStatus.CLOSED, note=note, data=total))
    settle(assignment)
    if assignment.item.status == ItemStatus.CLOSED:
        close_contributions(assignment.item, user)
    notices.closed(assignment, parts, events[0], user)


_LEAD_VERIFIED = gettext_noop("随牵头单位汇总办结核验通过")


def _handed_in(assignment: Assignment, status: str = ItemStatus.HANDED_IN) -> list[Assignment]:
    """On an item the lead unit closes for all (牵头单位汇总办结), the other units at ``status``
    when the lead's own step is done; none on any other item."""
    if assignment.role != Assignment.Role.LEAD or assignment.item.closing != Closing.LEAD:
        return []
    return [a for a in siblings(assignment) if a.pk != assignment.pk and a.runs_branch and a.status == status]


def close_contributions(item: ResponsibilityItem, user) -> None:
    """The item has closed: a contribution still open is no longer needed. Its task is cancelled (the
    join then finds every branch done) and the unit's 会办 closes, on its timeline."""
    if not item.contribution_count:
        return
    for task in open_tasks(item, "contribute"):
        task.flow_task.activation_class(task).cancel()
        unit = assignment_of(task)
        unit.item = item
        unit.move(Kind.CONTRIBUTION_CLOSED, user, ItemStatus.CLOSED, note=_CLOSED_UNSENT)


def open_tasks(item: ResponsibilityItem, name: str) -> list[Task]:
    """The item's tasks of step ``name`` still waiting for someone (none is ever left started)."""
    found = Task.objects.filter(
        of_items(item.pk, "process__"), process__flow_class=ItemFlow, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).select_related("process")
    return [task for task in found if task.flow_task.name == name]


_CLOSED_UNSENT = gettext_noop("事项已办结，未提交的会办意见不再需要")


STEPS: dict[str, Step] = {
    "deploy": Step(forms.DeployForm, deploy, _("确认交办"), per_unit=False),
    "redeploy": Step(forms.RedeployForm, redeploy, _("重新交办")),
    "accept": Step(forms.AcceptForm, accept, _("提交")),
    "work": Step(forms.WorkForm, work, _("提交")),
    "decide_extension": Step(forms.DecideExtensionForm, decide_extension, _("提交审批意见")),
    "verify": Step(forms.VerifyForm, verify, _("提交核验结论")),
    "rectify": Step(forms.RectifyForm, rectify, _("提交整改情况")),
    "assess": Step(forms.AssessForm, assess, _("确认评分")),
    "contribute": Step(forms.ContributeForm, contribute, _("提交会办意见")),
}
