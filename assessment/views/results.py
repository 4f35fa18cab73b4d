"""Pages: year-end results – versions, the ranking, each subject's breakdown, the export.

Who sees what is decided in ``assessment.access`` only: a page that shows results asks it for the
rows the reader may see; an object outside them is a 404. An action a reader (who may see the
page) may not take is a 403.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from responsibility.exports import views as exports_views

from .. import access
from ..compute import SchemeError, compute, publish
from ..explain import (
    explain_person,
    explain_unit,
    graded_per_group,
    owed_pairs,
    owed_scores,
    person_name,
    subtotals_of,
    unranked_units,
)
from ..models import Assessment, PersonResult, Scheme, UnitResult
from ..models.scheme import Rules
from ..ranking import person_rows, ranking_tables, unit_rows
from ..results_export import ResultsExport

TABS = {
    "units": gettext_lazy("单位"),
    PersonResult.Role.OFFICIAL: gettext_lazy("责任人"),
    PersonResult.Role.LEADER: gettext_lazy("牵头领导"),
}


# --- access -----------------------------------------------------------------------------------------------


def get_assessment_for_user(request, pk: int) -> Assessment:
    access.require(request.user)
    # Every version is open to insiders; what each may read inside it is access.visible_*'s business.
    assessments = Assessment.objects.filter(scheme__in=access.schemes_for(request.user))
    return get_object_or_404(assessments.select_related("scheme", "computed_by", "published_by"), pk=pk)


def may_see_unit_record(user, unit) -> bool:
    """A unit's ledger (奖惩台账): its own people, and those who see every result."""
    if access.own_units(user).filter(pk=unit.pk).exists():
        return True
    where = access.organisations_with(user, access.VIEW_ALL) if access.has(user, access.VIEW_ALL) else set()
    results = UnitResult.objects.filter(unit=unit)
    return where is None or results.filter(assessment__scheme__organisation_id__in=sorted(where)).exists()


def may_see_person_record(user, person) -> bool:
    if access.is_insider(user) and user.pk == person.pk:
        return True
    where = access.organisations_with(user, access.VIEW_ALL) if access.has(user, access.VIEW_ALL) else set()
    results = PersonResult.objects.filter(person=person)
    return where is None or results.filter(assessment__scheme__organisation_id__in=sorted(where)).exists()


# --- forms ----------------------------------------------------------------------------------------------------


class ComputeForm(forms.Form):
    as_of = forms.DateField(
        label=gettext_lazy("计分截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("不填则取年度最后一天（年度未结束时取今天）"),
    )
    reason = forms.CharField(
        label=gettext_lazy("变更原因"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("结果发布后重新计算，须说明原因"),
    )


class PublishForm(forms.Form):
    confirm = forms.BooleanField(label=gettext_lazy("我已核对本版本结果，确认发布（发布后不可修改）"))


# --- the versions ---------------------------------------------------------------------------------------------


@dataclass
class SchemeVersions:
    scheme: Scheme
    versions: list[Assessment]

    @property
    def latest(self) -> Assessment | None:
        return self.versions[0] if self.versions else None


@login_required
def index(request):
    access.require(request.user)
    schemes = (
        access.schemes_for(request.user)
        .select_related("organisation")
        .prefetch_related(Prefetch("assessments", queryset=Assessment.objects.order_by("-version")))
        .order_by("-year", "organisation__order", "id")
    )
    # Insiders see every version of every scheme: read them all at once.
    rows = [SchemeVersions(scheme, list(scheme.assessments.all())) for scheme in schemes]
    context = {"rows": rows, "can_compute": access.has(request.user, access.COMPUTE), "form": ComputeForm()}
    return render(request, "assessment/result_index.html", context)


@login_required
@require_POST
def compute_results(request, scheme_pk: int):
    access.require(request.user, access.COMPUTE)
    scheme = get_object_or_404(access.schemes_for(request.user), pk=scheme_pk)
    if not access.has(request.user, access.COMPUTE, scheme.organisation_id):
        raise PermissionDenied
    form = ComputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("计分截止日期格式不正确。"))
        return redirect("assessment:index")
    data = form.cleaned_data
    try:
        assessment = compute(scheme, user=request.user, as_of=data["as_of"], reason=data["reason"])
    except SchemeError as exc:
        messages.error(request, str(exc))
        latest = scheme.assessments.order_by("-version").first()
        return redirect("assessment:result", latest.pk) if latest else redirect("assessment:index")
    messages.success(
        request, _("已计算《%(scheme)s》第 %(version)s 版。") % {"scheme": scheme, "version": assessment.version}
    )
    return redirect("assessment:result", assessment.pk)


@login_required
@require_POST
def publish_results(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    access.require(request.user, access.PUBLISH)
    if not access.has(request.user, access.PUBLISH, assessment.scheme.organisation_id):
        raise PermissionDenied
    if not PublishForm(request.POST).is_valid():
        messages.error(request, _("请勾选确认后再发布。"))
        return redirect("assessment:result", assessment.pk)
    try:
        publish(assessment, user=request.user)
    except SchemeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已发布第 %(version)s 版，并提出奖惩建议。") % {"version": assessment.version})
    return redirect("assessment:result", assessment.pk)


# --- the ranking ---------------------------------------------------------------------------------------------


@dataclass
class GradeCount:
    name: str
    count: int
    percent: int
    y: int

    @property
    def width(self) -> int:
        return 2 * self.percent


def grade_distribution(rules: Rules, rows) -> list[GradeCount]:
    """Units per grade, in the grades of the version's own rules (the scheme may have changed since)."""
    counts = Counter(row.grade for row in rows)
    total = sum(counts.values()) or 1
    names = [band.name for band in rules.bands]
    names += [name for name in counts if name not in names and name]
    return [GradeCount(name, counts[name], round(100 * counts[name] / total), 28 * i) for i, name in enumerate(names)]


def compare(rows, before_rows, key) -> int:
    """Mark each row with the previous version's total and grade; the number of rows that changed."""
    if before_rows is None:
        return 0
    before = {key(r): r for r in before_rows}
    changed = 0
    for row in rows:
        old = before.get(key(row))
        row.previous = old
        row.changed = old is None or old.total != row.total or old.grade != row.grade
        changed += row.changed
    return changed


@login_required
def result_detail(request, pk: int):
    assessment = get_assessment_for_user(request, pk)
    user = request.user
    tab = request.GET.get("tab", "units")
    if tab not in TABS:
        raise Http404
    # The list names each version: not its frozen rules, nor its unscored items (a district's thousands).
    versions = list(assessment.scheme.assessments.order_by("-version").defer("rules", "unscored_items"))
    previous = next((v for v in versions if v.version < assessment.version), None)
    if tab == "units":
        rows = list(unit_rows(user, assessment))
        before = UnitResult.objects.filter(assessment=previous) if previous else None
        key = lambda r: r.unit_id  # noqa: E731
    else:
        rows = list(person_rows(user, assessment, tab))
        before = PersonResult.objects.filter(assessment=previous, role=tab) if previous else None
        key = lambda r: r.post_id  # noqa: E731
        for row in rows:
            row.name = person_name(row)
    rules = assessment.frozen_rules()
    full = rules.full_score or 1
    for row in rows:
        row.bar = min(100, round(100 * row.total / full))
    latest = versions[0] if versions else assessment
    distribution = grade_distribution(rules, rows)
    categories = subtotals_of(assessment, rows)
    grouped = tab == "units" and bool(rules.groups) and bool(rows)
    tables = ranking_tables(rules, rows, graded_per_group(assessment) if grouped else None)
    context = {
        "assessment": assessment,
        "scheme": assessment.scheme,
        "tab": tab,
        "tabs": TABS.items(),
        "rows": rows,
        "categories": categories,
        "columns": 10 + len(categories),
        "tables": tables,
        "grouped": grouped,
        "distribution": distribution,
        "chart_height": 28 * len(distribution),
        "versions": versions,
        "previous": previous,
        "changed": compare(rows, before, key),
        "sees_all": access.sees_all(user, assessment),
        "is_latest": latest.pk == assessment.pk,
        "can_compute": access.has(user, access.COMPUTE, assessment.scheme.organisation_id),
        "can_publish": access.has(user, access.PUBLISH, assessment.scheme.organisation_id),
        "compute_form": ComputeForm(initial={"as_of": assessment.as_of}),
        "publish_form": PublishForm(),
        "unscored": len(assessment.unscored_items),
        "unranked": unranked_units(assessment) if access.sees_all(user, assessment) else [],
        **owed_context(assessment if access.sees_all(user, assessment) else None),
        "rules": rules,
        "tie_break": Scheme.TieBreak(rules.tie_break).label,
        "report_plan": assessment.scheme.scored_plan()
        if access.has(user, access.VIEW_ALL, assessment.scheme.organisation_id)
        else None,
    }
    return render(request, "assessment/result_detail.html", context)


def owed_context(assessment: Assessment | None) -> dict:
    """What is owed on the indicators scored by hand, for those who see every result (``None``: nothing
    shown): 考核组评定 not scored, and numbers for 评分单位填报 not entered, each naming its units."""
    owed = owed_scores(assessment) if assessment is not None else []
    assessed = [o for o in owed if not o.entered]
    entered = [o for o in owed if o.entered]
    return {
        "owed_assessed": assessed,
        "unscored_assessed": owed_pairs(assessed),
        "owed_entered": entered,
        "unfilled_entered": owed_pairs(entered),
    }


# --- breakdowns ----------------------------------------------------------------------------------------------


@login_required
def unit_breakdown(request, pk: int, unit_pk: int):
    assessment = get_assessment_for_user(request, pk)
    result = get_object_or_404(unit_rows(request.user, assessment), unit_id=unit_pk)
    explanation = explain_unit(assessment, result)
    context = {
        "assessment": assessment,
        "explanation": explanation,
        "record_url": reverse("assessment:unit_record", args=[result.unit_id])
        if may_see_unit_record(request.user, result.unit)
        else "",
        "kind": "unit",
    }
    return render(request, "assessment/result_breakdown.html", context)


@login_required
def person_breakdown(request, pk: int, person_result_pk: int):
    assessment = get_assessment_for_user(request, pk)
    result = get_object_or_404(
        access.visible_person_results(request.user, assessment).select_related("post__unit", "person"),
        pk=person_result_pk,
    )
    explanation = explain_person(assessment, result)
    context = {
        "assessment": assessment,
        "explanation": explanation,
        "record_url": reverse("assessment:person_record", args=[result.person_id])
        if result.person_id and may_see_person_record(request.user, result.person)
        else "",
        "kind": "person",
    }
    return render(request, "assessment/result_breakdown.html", context)


# --- the export ---------------------------------------------------------------------------------------------


@login_required
def export_results(request, pk: int) -> HttpResponse:
    """The ranking and every breakdown line as an .xlsx: at once if small, else a job on 我的导出."""
    assessment = get_assessment_for_user(request, pk)
    return exports_views.respond(request, ResultsExport.kind, ResultsExport.params_for(assessment))


urlpatterns = [
    path("", index, name="index"),
    path("results/schemes/<int:scheme_pk>/compute/", compute_results, name="compute"),
    path("results/<int:pk>/", result_detail, name="result"),
    path("results/<int:pk>/publish/", publish_results, name="publish"),
    path("results/<int:pk>/units/<int:unit_pk>/", unit_breakdown, name="unit_result"),
    path("results/<int:pk>/people/<int:person_result_pk>/", person_breakdown, name="person_result"),
    path("results/<int:pk>/export.xlsx", export_results, name="export"),
]
