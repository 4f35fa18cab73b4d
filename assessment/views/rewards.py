"""Pages: reward and penalty proposals (奖惩建议) of a published version, and the ledger (奖惩台账).

Proposals are drawn up when a version is published; the committee approves or rejects each with
a note. Those who see every result see every proposal; the others the proposals about their own
units and themselves. A unit's ledger is for its own people and those who see every result; a
person's for himself and those who see every result.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from responsibility.models import Person, Unit

from .. import access
from ..explain import person_name
from ..models import Assessment, PersonResult, RewardProposal, UnitResult
from ..rewards import DecisionError, approve_rest, decide, ledger
from .results import get_assessment_for_user, may_see_person_record, may_see_unit_record


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("审定"), choices=[("approve", gettext_lazy("同意")), ("reject", gettext_lazy("不同意"))]
    )
    note = forms.CharField(label=gettext_lazy("审定意见"), required=False, max_length=2000)


class ApproveAllForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("审定意见"), required=False, max_length=2000)


def _published_for_user(request, pk: int) -> Assessment:
    assessment = get_assessment_for_user(request, pk)
    if not assessment.is_published:
        raise Http404
    return assessment


def visible_proposals(user, assessment: Assessment):
    proposals = RewardProposal.objects.filter(assessment=assessment)
    if not access.has(user, access.VIEW_ALL, assessment.scheme.organisation_id):
        proposals = proposals.filter(Q(unit__in=access.own_units(user)) | Q(person=user))
    return proposals.select_related("unit", "person", "event__rule", "decided_by").order_by("status", "id")


@login_required
def proposal_list(request, pk: int):
    assessment = _published_for_user(request, pk)
    proposals = list(visible_proposals(request.user, assessment))
    context = {
        "assessment": assessment,
        "proposals": proposals,
        "pending": sum(p.status == RewardProposal.Status.PROPOSED for p in proposals),
        "can_decide": access.has(request.user, access.DECIDE, assessment.scheme.organisation_id),
        "form": DecisionForm(),
    }
    return render(request, "assessment/result_rewards.html", context)


@login_required
@require_POST
def proposal_decide(request, pk: int, proposal_pk: int):
    assessment = _published_for_user(request, pk)
    proposal = get_object_or_404(visible_proposals(request.user, assessment), pk=proposal_pk)
    access.require_in(request.user, access.DECIDE, assessment.scheme.organisation_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择同意或不同意。"))
        return redirect("assessment:rewards", assessment.pk)
    try:
        approve = form.cleaned_data["decision"] == "approve"
        decide(proposal, user=request.user, approve=approve, note=form.cleaned_data["note"])
    except DecisionError as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, _("已决定：%(proposal)s") % {"proposal": proposal})
    return redirect("assessment:rewards", assessment.pk)


@login_required
@require_POST
def proposal_approve_all(request, pk: int):
    assessment = _published_for_user(request, pk)
    access.require_in(request.user, access.DECIDE, assessment.scheme.organisation_id)
    form = ApproveAllForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    # One UPDATE: a proposal decided meanwhile by someone else is no longer PROPOSED and stays as decided.
    approved = approve_rest(assessment, user=request.user, note=note)
    messages.success(request, _("已同意其余 %(count)s 条建议。") % {"count": approved})
    return redirect("assessment:rewards", assessment.pk)


# --- the ledger --------------------------------------------------------------------------------------------


def latest_published(results) -> list:
    """The newest published version's result of each year (a later version replaces an earlier one)."""
    seen, kept = set(), []
    for result in results.order_by("-assessment__scheme__year", "assessment__scheme_id", "-assessment__version"):
        key = (result.assessment.scheme_id, getattr(result, "role", ""))
        if key not in seen:
            seen.add(key)
            kept.append(result)
    return kept


@login_required
def unit_record(request, unit_pk: int):
    access.require(request.user)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not may_see_unit_record(request.user, unit):
        raise Http404
    results = UnitResult.objects.filter(
        unit=unit,
        assessment__status=Assessment.Status.PUBLISHED,
        assessment__scheme__in=access.schemes_for(request.user),
    ).select_related("assessment__scheme")
    context = {
        "subject": unit.name,
        "results": _linked(latest_published(results), lambda r: r.unit_id, "unit_result"),
        "entries": ledger(unit=unit).select_related("unit", "person", "event__rule"),
    }
    return render(request, "assessment/result_record.html", context)


@login_required
def person_record(request, person_pk: int):
    access.require(request.user)
    person = get_object_or_404(Person, pk=person_pk)
    if not may_see_person_record(request.user, person):
        raise Http404
    results = PersonResult.objects.filter(
        person=person,
        assessment__status=Assessment.Status.PUBLISHED,
        assessment__scheme__in=access.schemes_for(request.user),
    ).select_related("assessment__scheme", "post__unit", "person")
    kept = _linked(latest_published(results), lambda r: r.pk, "person_result")
    for result in kept:
        result.label = f"{result.get_role_display()}：{person_name(result)}"
    context = {
        "subject": str(person),
        "results": kept,
        "entries": ledger(person=person).select_related("unit", "person", "event__rule"),
    }
    return render(request, "assessment/result_record.html", context)


def _linked(results: list, key, name: str) -> list:
    for result in results:
        result.url = reverse(f"assessment:{name}", args=[result.assessment_id, key(result)])
    return results


urlpatterns = [
    path("results/<int:pk>/rewards/", proposal_list, name="rewards"),
    path("results/<int:pk>/rewards/<int:proposal_pk>/decide/", proposal_decide, name="decide"),
    path("results/<int:pk>/rewards/approve-all/", proposal_approve_all, name="approve_all"),
    path("units/<int:unit_pk>/record/", unit_record, name="unit_record"),
    path("people/<int:person_pk>/record/", person_record, name="person_record"),
]
