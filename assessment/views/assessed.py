"""Page: the assessors score the indicators of a scheme that are scored by hand (考核组评定), each unit
within the indicator's points, with a reason. Nothing is saved until every row is right."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.validators import MaxValueValidator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import Assignment, ResponsibilityItem, Unit

from .. import access
from ..models import IndicatorScore, Scheme, SchemeIndicator
from .schemes import scheme_for_user


class ScoreForm(forms.Form):
    """One unit's score on one assessed indicator: blank for not (yet) scored."""

    points = forms.DecimalField(
        label=gettext_lazy("评定分"), required=False, min_value=Decimal(0), max_digits=7, decimal_places=2
    )
    reason = forms.CharField(label=gettext_lazy("评分理由"), required=False, max_length=2000)

    def __init__(self, *args, indicator: SchemeIndicator, unit: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator, self.unit = indicator, unit
        self.fields["points"].max_value = indicator.points
        self.fields["points"].validators.append(MaxValueValidator(indicator.points))

    def clean(self):
        data = super().clean()
        if data.get("points") is not None and not (data.get("reason") or "").strip():
            self.add_error("reason", _("评分须写明理由。"))
        return data


def units_to_score(scheme: Scheme) -> list[Unit]:
    """The units doing the scheme's scored items (any role), and any already scored on it."""
    plan = scheme.scored_plan()
    items = (
        ResponsibilityItem.objects.filter(plan=plan, is_heading=False) if plan else ResponsibilityItem.objects.none()
    )
    doing = Assignment.objects.filter(item__in=items).values("unit_id")
    named = ResponsibilityItem.responsible_units.through.objects.filter(responsibilityitem__in=items)
    scored = IndicatorScore.objects.filter(indicator__category__scheme=scheme).values("unit_id")
    wanted = Q(pk__in=doing) | Q(pk__in=named.values("unit_id")) | Q(pk__in=scored)
    return list(Unit.objects.filter(wanted).order_by("order", "id"))


@login_required
def assessed_scores(request, pk: int):
    scheme = scheme_for_user(request, pk, access.RECORD_EVENT)
    indicators = list(
        SchemeIndicator.objects.filter(category__scheme=scheme, method=SchemeIndicator.Method.ASSESSED)
        .select_related("category")
        .prefetch_related("units")
        .order_by("category__order", "order", "id")
    )
    units = units_to_score(scheme)
    existing = {(s.indicator_id, s.unit_id): s for s in IndicatorScore.objects.filter(indicator__in=indicators)}
    data = request.POST if request.method == "POST" else None
    tables = []
    for indicator in indicators:
        rows = []
        for unit in indicator.applicable(units):  # a common indicator for all, or for its units only
            score = existing.get((indicator.pk, unit.pk))
            initial = {"points": score.points, "reason": score.reason} if score else {}
            prefix = f"s{indicator.pk}-{unit.pk}"
            rows.append(ScoreForm(data, indicator=indicator, unit=unit, prefix=prefix, initial=initial))
        tables.append((indicator, rows))
    forms_ = [form for _indicator, rows in tables for form in rows]
    if data is not None:
        if all(form.is_valid() for form in forms_):
            changed = _save(forms_, existing, request.user)
            messages.success(request, _("已保存评定分，%(count)s 处有变动。") % {"count": changed})
            return redirect("assessment:assessed", scheme.pk)
        messages.error(request, _("有评分未通过检查，请按提示修改；本次未保存任何评分。"))
    context = {"scheme": scheme, "tables": tables, "units": units}
    return render(request, "assessment/assessed_scores.html", context)


@transaction.atomic
def _save(forms_: list[ScoreForm], existing: dict, user) -> int:
    changed = 0
    for form in forms_:
        key = (form.indicator.pk, form.unit.pk)
        points, reason = form.cleaned_data["points"], form.cleaned_data["reason"].strip()
        score = existing.get(key)
        if points is None:
            if score is not None:
                score.delete()
                changed += 1
            continue
        if score is not None and (score.points, score.reason) == (points, reason):
            continue
        IndicatorScore.objects.update_or_create(
            indicator=form.indicator, unit=form.unit, defaults={"points": points, "reason": reason, "scored_by": user}
        )
        changed += 1
    return changed


urlpatterns = [path("schemes/<int:pk>/assessed/", assessed_scores, name="assessed")]
