"""试算: what a unit would score now under the scheme as it stands, computed and thrown away.

The preview runs the year-end computation itself (``compute``) inside a savepoint and rolls it back:
the numbers are those a version computed now would give, from one code path, and nothing is kept –
no version, no draft replaced. The page is rendered before the rollback, while the rows exist.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import Unit

from .. import access
from ..compute import SchemeError, compute
from ..explain import explain_unit
from ..forms import own_units
from ..models import Scheme, UnitResult
from .schemes import scheme_for_user


class PreviewForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("单位"), queryset=Unit.objects.none())

    def __init__(self, *args, scheme: Scheme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        own = [unit.pk for unit in own_units(scheme)]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=own).order_by("order", "id")


class _Discard(Exception):
    """Raised to roll the trial computation back."""


def trial(scheme: Scheme, unit: Unit, request) -> str:
    """The unit's breakdown as a version computed now would give it, rendered; "" when the unit would
    not be ranked. Raises SchemeError as computing would."""
    html = ""
    try:
        with transaction.atomic():
            assessment = compute(scheme, user=request.user, reason=_("试算"))
            result = UnitResult.objects.filter(assessment=assessment, unit=unit).select_related("unit").first()
            if result is not None:
                context = {"explanation": explain_unit(assessment, result), "subject": result}
                html = render_to_string("assessment/_breakdown.html", context, request=request)
            raise _Discard
    except _Discard:
        pass
    return html


@login_required
def scheme_preview(request, pk: int):
    scheme = scheme_for_user(request, pk, access.COMPUTE)
    form = PreviewForm(request.GET or None, scheme=scheme)
    context = {"scheme": scheme, "form": form, "today": timezone.localdate()}
    if form.is_valid():
        context["unit"] = form.cleaned_data["unit"]
        try:
            context["breakdown"] = trial(scheme, context["unit"], request)
        except SchemeError as refusal:
            context["refusal"] = str(refusal)
        context["tried"] = True
    return render(request, "assessment/scheme_preview.html", context)


urlpatterns = [path("schemes/<int:pk>/preview/", scheme_preview, name="scheme_preview")]
