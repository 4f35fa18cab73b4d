"""Page: 考核评分. Each unit's score on the indicators scored by hand: points with a reason on a
考核组评定 indicator, a number (and, for a ratio, the unit's own target) with a reason on a ratio or
per-count indicator whose numbers are entered, the points then following the indicator's rule.

Whoever records events scores every such indicator; a 评分责任单位 scores its own (``access``).
Nothing is saved until every row the user changed is right; a row he left alone is not saved at all,
so that two people scoring the same scheme do not undo each other's rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import Assignment, ResponsibilityItem, Unit

from .. import access
from ..explain import indicator_rule, num
from ..models import IndicatorScore, Scheme, SchemeIndicator
from .schemes import scheme_for_user

NUMBER_ERRORS = {
    "invalid": gettext_lazy("请填写数字。"),
    "max_digits": gettext_lazy("数字位数过多。"),
    "max_decimal_places": gettext_lazy("最多保留两位小数。"),
    "max_whole_digits": gettext_lazy("数字位数过多。"),
}


def number_field(label, *, max_digits: int, **kwargs) -> forms.DecimalField:
    errors = {**NUMBER_ERRORS, **kwargs.pop("error_messages", {})}
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=max_digits,
        decimal_places=2,
        show_hidden_initial=True,
        error_messages=errors,
        **kwargs,
    )


class RowForm(forms.Form):
    """One unit's row on one indicator. Its fields carry what the page showed (``show_hidden_initial``)
    and ``seen`` when the score shown was given: a row the user left alone is neither judged nor
    saved; a row he changed that someone else scored since he opened the page is refused."""

    reason = forms.CharField(label=gettext_lazy("评分理由"), required=False, max_length=2000, show_hidden_initial=True)
    scored_fields: tuple[str, ...] = ()

    def __init__(self, *args, indicator: SchemeIndicator, unit: Unit, score: IndicatorScore | None, **kwargs):
        super().__init__(*args, initial=self.initial_for(score), **kwargs)
        self.indicator, self.unit, self.score = indicator, unit, score
        self.stamp = score.scored_at.isoformat() if score else ""

    def initial_for(self, score: IndicatorScore | None) -> dict:
        if score is None:
            return {}
        return {"reason": score.reason, **{name: getattr(score, name) for name in self.scored_fields}}

    @property
    def changed(self) -> bool:
        return self.is_bound and self.has_changed()

    def full_clean(self) -> None:
        super().full_clean()
        if self.is_bound and not self.changed:
            self._errors.clear()  # not saved, so not judged: an old score left alone stays as it is

    def clean(self):
        data = super().clean()
        if not self.changed:
            return data
        if self.data.get(self.add_prefix("seen"), "") != self.stamp:
            raise ValidationError(self.conflict())
        if self.entered(data) and not (data.get("reason") or "").strip():
            self.add_error("reason", _("评分须写明理由。"))
        return data

    def conflict(self) -> str:
        if self.score is None:
            return _("该单位的评分刚被删除，请核对后重新保存。")
        return _("该单位的评分已由 %(who)s 于 %(when)s 改过，请核对后重新保存。") % {
            "who": self.score.scored_by,
            "when": date_format(timezone.localtime(self.score.scored_at), "DATETIME_FORMAT"),
        }

    # Each kind says whether a row gives a score (``entered``: else the score is cleared, not or no
    # longer scored), the fields it stores (``values``, the other kind's cleared) and the points the
    # stored score earns now under the indicator as it stands (``earned``).

    @property
    def earned_text(self) -> str:
        """The stored score's points now, as the rules state numbers ("2.4", "0"); "" for none."""
        earned = self.earned
        return "" if earned is None else num(earned)

    @property
    def scored(self) -> bool:
        """Whether the unit has a score of this kind as stored."""
        return self.score is not None and getattr(self.score, self.scored_fields[0]) is not None


class AssessedForm(RowForm):
    """考核组评定: points between 0 and the indicator's, with a reason."""

    scored_fields = ("points",)

    def __init__(self, *args, indicator: SchemeIndicator, **kwargs) -> None:
        super().__init__(*args, indicator=indicator, **kwargs)
        within = _("评定分须在 0 至 %(points)s 分之间。") % {"points": num(indicator.points)}
        points = number_field(
            gettext_lazy("评定分"),
            max_digits=7,
            max_value=indicator.points,
            error_messages={"min_value": within, "max_value": within},
        )
        self.fields = {"points": points, **self.fields}

    def entered(self, data: dict) -> bool:
        return data.get("points") is not None

    def values(self, data: dict) -> dict:
        return {"points": data["points"], "value": None, "target": None}

    @property
    def earned(self) -> Decimal | None:
        return self.score.points if self.scored else None


class CountForm(RowForm):
    """按完成比例得分 / 按次扣分 from an entered number: the number, for a ratio the unit's own target
    (blank: the indicator's), and a reason."""

    scored_fields = ("value", "target")

    def __init__(self, *args, indicator: SchemeIndicator, **kwargs) -> None:
        super().__init__(*args, indicator=indicator, **kwargs)
        fields = {
            "value": number_field(
                gettext_lazy("数值"), max_digits=9, error_messages={"min_value": gettext_lazy("数值不能为负数。")}
            )
        }
        if indicator.method == SchemeIndicator.Method.RATIO:
            default = indicator.target_for()  # shown as the placeholder: a blank target is the indicator's
            hint = num(default) if default is not None else _("须填写")
            fields["target"] = number_field(
                gettext_lazy("目标值"),
                max_digits=9,
                error_messages={"min_value": gettext_lazy("目标值不能为负数。")},
                widget=forms.NumberInput(attrs={"placeholder": hint}),
            )
        self.fields = {**fields, **self.fields}

    def clean(self):
        data = super().clean()
        if not self.changed or self.errors:
            return data
        target = data.get("target")
        if data.get("value") is None:
            if target is not None:
                self.add_error("value", _("填写目标值时须同时填写数值。"))
        elif "target" in self.fields and self.indicator.target_for(target) is None:
            self.add_error("target", _("本指标未设目标值，请填写该单位的目标值。"))
        return data

    def entered(self, data: dict) -> bool:
        return data.get("value") is not None

    def values(self, data: dict) -> dict:
        return {"points": None, "value": data["value"], "target": data.get("target")}

    @property
    def earned(self) -> Decimal | None:
        return self.indicator.points_for(self.score.value, self.score.target) if self.scored else None


@dataclass
class Table:
    """An indicator's card: its rows and how many of its units are still unscored."""

    indicator: SchemeIndicator
    rows: list[RowForm]
    rule: str  # the rule in words, for a ratio or per-count indicator

    @property
    def unscored(self) -> int:
        return sum(1 for row in self.rows if not row.scored)


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


# A row's fields, and what the page showed in them: s<indicator>-<unit>-points, initial-s<indicator>-…
ROW_KEY = re.compile(r"^(?:initial-)?s(\d+)-\d+-")


def asked_indicators(data) -> set[int]:
    return {int(match[1]) for key in data if (match := ROW_KEY.match(key))}


def tables_for(indicators: list[SchemeIndicator], units: list[Unit], data) -> list[Table]:
    existing = {
        (s.indicator_id, s.unit_id): s
        for s in IndicatorScore.objects.filter(indicator__in=indicators).select_related("scored_by")
    }
    tables = []
    for indicator in indicators:
        form_class = CountForm if indicator.counts else AssessedForm
        rows = [
            form_class(
                data,
                indicator=indicator,
                unit=unit,
                score=existing.get((indicator.pk, unit.pk)),
                prefix=f"s{indicator.pk}-{unit.pk}",
            )
            for unit in indicator.applicable(units)  # a common indicator for all, or for its units only
        ]
        tables.append(Table(indicator, rows, indicator_rule(indicator) if indicator.counts else ""))
    return tables


@login_required
def assessed_scores(request, pk: int):
    scheme = scheme_for_user(request, pk)
    indicators = access.indicators_to_score(request.user, scheme)
    data = request.POST if request.method == "POST" else None
    if data is not None:
        access.require_own_indicators(scheme, asked_indicators(data), indicators)
    tables = tables_for(indicators, units_to_score(scheme), data)
    if data is not None:
        forms_ = [form for table in tables for form in table.rows]
        if all([form.is_valid() for form in forms_]):  # every row judged: each shows its errors
            changed = _save([form for form in forms_ if form.changed], request.user)
            messages.success(request, _("已保存评分，%(count)s 处有变动。") % {"count": changed})
            return redirect("assessment:assessed", scheme.pk)
        messages.error(request, _("有评分未通过检查，请按提示修改；本次未保存任何评分。"))
    scores_all = access.has(request.user, access.RECORD_EVENT, scheme.organisation_id)
    context = {"scheme": scheme, "tables": tables, "scores_all": scores_all}
    return render(request, "assessment/assessed_scores.html", context)


@transaction.atomic
def _save(forms_: list[RowForm], user) -> int:
    for form in forms_:
        data = form.cleaned_data
        if not form.entered(data):
            IndicatorScore.objects.filter(indicator=form.indicator, unit=form.unit).delete()
            continue
        defaults = {**form.values(data), "reason": data["reason"].strip(), "scored_by": user}
        IndicatorScore.objects.update_or_create(indicator=form.indicator, unit=form.unit, defaults=defaults)
    return len(forms_)


urlpatterns = [path("schemes/<int:pk>/assessed/", assessed_scores, name="assessed")]
