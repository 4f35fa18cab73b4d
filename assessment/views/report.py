"""Pages: the annual report drafted from the data, as a .docx download (see assessment/urls.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path

from config.downloads import attachment
from responsibility.models import WorkPlan

from .. import access, annual_report


@login_required
def annual_report_docx(request, plan_pk: int):
    # The report names late and returned items of every unit: only those who see all results get it.
    if not access.has(request.user, access.VIEW_ALL):
        raise Http404
    plan = get_object_or_404(WorkPlan.objects.select_related("organisation"), pk=plan_pk)
    if not access.has(request.user, access.VIEW_ALL, plan.organisation_id):
        raise Http404
    return attachment(annual_report.build(plan), annual_report.file_name(plan))


urlpatterns = [
    path("annual-report/<int:plan_pk>.docx", annual_report_docx, name="annual_report"),
]
