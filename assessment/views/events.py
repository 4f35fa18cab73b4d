"""Pages: bonus, deduction and veto events (加减分事项) of a scheme, with their evidence.

The office and the assessors (RECORD_EVENT) record them and, with everyone who sees all results, read
them all; any other post holder reads only the events of his own units and of himself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from config.uploads import too_large_message
from responsibility.models import Unit

from .. import access
from ..explain import event_effect
from ..forms import EventFilter, EventForm
from ..models import Scheme, ScoreEvent
from .schemes import scheme_for_user as _scheme

LIST_LIMIT = 500


def sees_all_events(user, scheme: Scheme) -> bool:
    organisation = scheme.organisation_id
    return access.has(user, access.VIEW_ALL, organisation) or access.has(user, access.RECORD_EVENT, organisation)


def visible_events(user, scheme: Scheme) -> QuerySet[ScoreEvent]:
    events = ScoreEvent.objects.filter(scheme=scheme)
    if sees_all_events(user, scheme):
        return events
    return events.filter(Q(unit__in=access.own_units(user)) | Q(person=user))


@login_required
def event_list(request, pk: int):
    scheme = _scheme(request, pk)
    everyone = sees_all_events(request.user, scheme)
    units = Unit.objects.exclude(kind=Unit.Kind.ORGANISATION) if everyone else access.own_units(request.user)
    form = EventFilter(request.GET or None, units=units)
    events = (
        visible_events(request.user, scheme)
        .select_related("rule", "unit", "person", "item", "recorded_by")
        .order_by("-occurred_on", "-id")
    )
    if form.is_valid():
        if form.cleaned_data["unit"]:
            events = events.filter(unit=form.cleaned_data["unit"])
        if form.cleaned_data["kind"]:
            events = events.filter(rule__kind=form.cleaned_data["kind"])
    rows = list(events[: LIST_LIMIT + 1])
    top = scheme.grade_bands.filter(group__isnull=True).order_by("-min_score").values_list("name", flat=True).first()
    for row in rows:
        row.effect = event_effect(row.rule, row.points_asked, top or "")
    context = {
        "scheme": scheme,
        "form": form,
        "events": rows[:LIST_LIMIT],
        "truncated": len(rows) > LIST_LIMIT,
        "limit": LIST_LIMIT,
        "can_record": access.has(request.user, access.RECORD_EVENT, scheme.organisation_id),
    }
    return render(request, "assessment/event_list.html", context)


@login_required
def event_new(request, pk: int):
    scheme = _scheme(request, pk, access.RECORD_EVENT)
    form = EventForm(request.POST or None, request.FILES or None, scheme=scheme)
    if request.method == "POST" and getattr(request, "upload_too_large", None):
        # The body was cut off at the oversized file: nothing of it is trusted or stored.
        form = EventForm(scheme=scheme)
        messages.error(request, too_large_message(request.upload_too_large))
    elif request.method == "POST" and form.is_valid():
        form.instance.recorded_by = request.user
        event = form.save()
        messages.success(request, _("已登记：%(event)s") % {"event": event})
        return redirect("assessment:events", scheme.pk)
    return render(request, "assessment/event_form.html", {"scheme": scheme, "form": form})


@login_required
def event_evidence(request, pk: int, event_pk: int):
    scheme = _scheme(request, pk)
    event = get_object_or_404(visible_events(request.user, scheme), pk=event_pk)
    if not event.evidence:
        raise Http404
    # Always a download: an uploaded .html or .svg must not run in the site's pages.
    return FileResponse(event.evidence.open("rb"), as_attachment=True, filename=event.evidence_name)


urlpatterns = [
    path("schemes/<int:pk>/events/", event_list, name="events"),
    path("schemes/<int:pk>/events/new/", event_new, name="event_new"),
    path("schemes/<int:pk>/events/<int:event_pk>/evidence/", event_evidence, name="event_evidence"),
]
