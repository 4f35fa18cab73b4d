"""Reward and penalty proposals (奖惩建议) drawn from a published version; the committee decides."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from .models import Assessment, EventResult, PersonResult, RewardProposal, RewardRule, UnitResult


def propose(assessment: Assessment) -> list[RewardProposal]:
    """One proposal per rule and cause: a unit or person in the rule's grade, or each event of its rule."""
    proposals = []
    rules = list(assessment.scheme.reward_rules.select_related("event_rule"))
    for rule in rules:
        base = {"assessment": assessment, "rule": rule, "action": rule.action, "factor": rule.factor}
        if rule.grade:
            if rule.subject == RewardRule.Subject.UNIT:
                for result in UnitResult.objects.filter(assessment=assessment, grade=rule.grade):
                    proposals.append(RewardProposal(unit_id=result.unit_id, grade=rule.grade, **base))
            else:
                people = (
                    PersonResult.objects.filter(assessment=assessment, grade=rule.grade, person__isnull=False)
                    .values_list("person_id", flat=True)
                    .distinct()
                )
                proposals.extend(RewardProposal(person_id=p, grade=rule.grade, **base) for p in people)
        else:
            events = EventResult.objects.filter(assessment=assessment, event__rule=rule.event_rule).select_related(
                "event"
            )
            seen = set()
            for result in events:
                event = result.event
                if event.pk in seen:
                    continue
                seen.add(event.pk)
                if rule.subject == RewardRule.Subject.UNIT and event.unit_id:
                    proposals.append(RewardProposal(unit_id=event.unit_id, event=event, **base))
                elif rule.subject == RewardRule.Subject.PERSON and event.person_id:
                    proposals.append(RewardProposal(person_id=event.person_id, event=event, **base))
    return RewardProposal.objects.bulk_create(proposals)


class DecisionError(Exception):
    pass


@transaction.atomic
def decide(proposal: RewardProposal, *, user, approve: bool, note: str = "") -> RewardProposal:
    proposal = RewardProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != RewardProposal.Status.PROPOSED:
        raise DecisionError(gettext("党工委已对该建议作出决定。"))
    proposal.status = RewardProposal.Status.APPROVED if approve else RewardProposal.Status.REJECTED
    proposal.note = note
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "note", "decided_by", "decided_at"])
    return proposal


def approve_rest(assessment: Assessment, *, user, note: str = "") -> int:
    """Approve every proposal of the version still waiting; returns how many."""
    return RewardProposal.objects.filter(assessment=assessment, status=RewardProposal.Status.PROPOSED).update(
        status=RewardProposal.Status.APPROVED, note=note, decided_by=user, decided_at=timezone.now()
    )


def ledger(*, unit=None, person=None):
    """The approved rewards and penalties of a unit or a person (奖惩台账), newest year first."""
    proposals = RewardProposal.objects.filter(status=RewardProposal.Status.APPROVED)
    proposals = proposals.filter(unit=unit) if unit is not None else proposals.filter(person=person)
    return proposals.select_related("assessment__scheme", "event", "rule").order_by(
        "-assessment__scheme__year", "-decided_at"
    )
