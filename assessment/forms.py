"""Forms of the scheme and event pages.

The scheme page edits the scheme's settings and every table under it at once (categories, the
indicators of each category, 考核分组, grade bands, event rules, reward rules): ``SchemeEditor`` validates and
saves them together, so a page either saves whole or shows every error beside its field.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import F, ProtectedError, Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from responsibility.importing.resolve import tree_units
from responsibility.models import Category, Evidence, Person, ResponsibilityItem, Unit, WorkPlan
from responsibility.reporting import check_evidence_file

from .models import (
    EventRule,
    GradeBand,
    RewardRule,
    Scheme,
    SchemeCategory,
    SchemeGroup,
    SchemeIndicator,
    ScoreEvent,
)
from .models.scheme import RULE_FIELDS
from .plan_items import PlanItems

SUGGESTED_GRADES = [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]


class DateInput(forms.DateInput):
    input_type = "date"


class InUse(Exception):
    """A row marked for deletion is still referenced (by results, events or proposals)."""

    def __init__(self, obj) -> None:
        super().__init__(str(obj))
        self.obj = obj


# --- the scheme's settings ---------------------------------------------------------------------------

SETTINGS_FIELDS = ["title", "plan", "closes_on", *RULE_FIELDS]


def organisations():
    return Unit.objects.filter(Q(kind=Unit.Kind.ORGANISATION) | Q(work_plans__isnull=False)).distinct()


class SchemeForm(forms.ModelForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    class Meta:
        model = Scheme
        fields = ["organisation", "year", *SETTINGS_FIELDS]

    def __init__(self, *args, within: set[int] | None = None, **kwargs) -> None:
        """``within``: the organisations the user keeps schemes for (None: every one)."""
        super().__init__(*args, **kwargs)
        choices = organisations() if within is None else organisations().filter(pk__in=sorted(within))
        self.fields["organisation"].queryset = choices
        plans = WorkPlan.objects.exclude(status=WorkPlan.Status.DRAFT)
        self.fields["plan"].queryset = plans if within is None else plans.filter(organisation_id__in=sorted(within))
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("year", datetime.date.today().year)
            found = list(choices[:2])
            if len(found) == 1:
                self.initial.setdefault("organisation", found[0].pk)

    def clean(self):
        data = super().clean()
        plan, organisation, year = data.get("plan"), data.get("organisation"), data.get("year")
        if plan and organisation and year and (plan.organisation_id != organisation.pk or plan.year != year):
            self.add_error("plan", _("所选工作要点不是该单位该年度的。"))
        indicator_share, quality_share = data.get("indicator_share"), data.get("quality_share")
        if indicator_share is not None and quality_share is not None and indicator_share + quality_share > 100:
            # The two shares are taken off completion's: together they cannot pass the item's points.
            self.add_error(
                "quality_share",
                _("指标达成占比与工作质量占比合计 %(total)s%%，不能超过 100%%。")
                % {"total": indicator_share + quality_share},
            )
        if self.instance.pk and year and year != self.instance.year:
            # Events are dated within the scheme's year: moving the year would strand them.
            if self.instance.events.exclude(occurred_on__year=year).exists():
                self.add_error("year", _("已登记的加减分事项不在新的年度内，不能更改年度。"))
        return data


# --- the tables under the scheme -----------------------------------------------------------------------


class Rows(forms.BaseInlineFormSet):
    """The rows of one table of the scheme; ``title`` heads the table."""

    title = ""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("删除")

    def delete_existing(self, obj, commit: bool = True) -> None:
        try:
            with transaction.atomic():
                super().delete_existing(obj, commit=commit)
        except ProtectedError as exc:
            raise InUse(obj) from exc

    def deleted_pks(self) -> set[int]:
        return {form.instance.pk for form in self.deleted_forms if form.instance.pk}


def _static_choices(field: forms.ModelChoiceField, rows: list[tuple[int, str]]) -> None:
    """Render from a list read once for the whole table, not a query per row."""
    field.choices = [("", "---------"), *rows]


class CategoryForm(forms.ModelForm):
    class Meta:
        model = SchemeCategory
        fields = ["name", "points", "order", "plan_category"]

    def __init__(self, *args, plan_items: PlanItems, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan_category"]
        field.queryset = Category.objects.filter(plan=plan_items.plan) if plan_items.plan else Category.objects.none()
        _static_choices(field, [(c.pk, c.name) for c in plan_items.categories])


class CategoryRows(Rows):
    title = _("考核类别")


class IndicatorForm(forms.ModelForm):
    items = forms.TypedMultipleChoiceField(
        label=_("对应事项"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    class Meta:
        model = SchemeIndicator
        fields = [
            "name",
            "points",
            "method",
            "source",
            "target",
            "step",
            "floor",
            "scorer",
            "applies_to",
            "unit_kind",
            "units",
            "criteria",
            "order",
        ]
        # What each rule's blank or 0 means is its field's help text: the page and the workbook's 填写说明
        # show the same one.
        widgets = {"criteria": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self, *args, item_choices: list[tuple[int, str]], scorer_choices: list[tuple[int, str]] = (), **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("step", "floor"):
            self.fields[name].required = False  # blank is 0: no deduction, no floor above 0
        scorer = self.fields["scorer"]
        scorer.queryset = Unit.objects.filter(pk__in=[pk for pk, _name in scorer_choices])
        _static_choices(scorer, list(scorer_choices))
        choices = list(item_choices)
        if self.instance.pk:
            linked = list(self.instance.items.all())
            self.initial["items"] = [item.pk for item in linked]
            # An item linked before (another plan, another category) stays visible rather than being
            # dropped unseen at the next save.
            offered = {pk for pk, _label in choices}
            choices += [(item.pk, str(item)) for item in linked if item.pk not in offered]
        self.fields["items"].choices = choices

    def clean_step(self) -> Decimal:
        return self.cleaned_data.get("step") or Decimal(0)

    def clean_floor(self) -> Decimal:
        return self.cleaned_data.get("floor") or Decimal(0)

    def clean(self):
        # The rule's own checks (a source, a target, a step, the floor, no stray values) are the model's,
        # shared with the workbook: ``SchemeIndicator.clean``.
        data = super().clean()
        if data.get("method") != SchemeIndicator.Method.ITEMS and data.get("items"):
            self.add_error(
                "items",
                _("%(method)s的指标按单位计分，不对应事项；请清空对应事项，或改为按事项计分。")
                % {"method": SchemeIndicator.Method(data["method"]).label},
            )
        applies = data.get("applies_to")
        if applies == SchemeIndicator.AppliesTo.KIND and not data.get("unit_kind"):
            self.add_error("unit_kind", _("适用于某类单位时，请选择单位类型。"))
        if applies == SchemeIndicator.AppliesTo.NAMED and not data.get("units"):
            self.add_error("units", _("适用于指定单位时，请至少选择一个单位。"))
        return data

    def save(self, commit: bool = True):
        indicator = super().save(commit=commit)
        if commit:
            indicator.items.set(self.cleaned_data.get("items") or [])
        return indicator


class IndicatorRows(Rows):
    title = _("考核指标")


class GradeBandForm(forms.ModelForm):
    class Meta:
        model = GradeBand
        fields = ["name", "min_score", "group"]

    def __init__(self, *args, groups: list[SchemeGroup] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if groups is None:
            del self.fields["group"]  # a new scheme has no groups yet
            return
        field = self.fields["group"]
        field.queryset = SchemeGroup.objects.filter(pk__in=[g.pk for g in groups])
        field.label = _("分组")
        # Read once for the table; blank: the common bands, used by every group without bands of its own.
        field.choices = [("", _("（各组通用）")), *((g.pk, g.name) for g in groups)]

    def _get_validation_exclusions(self):
        # Names are checked once for the whole table (NamedRows.clean).
        return {*super()._get_validation_exclusions(), "name"}

    def has_changed(self) -> bool:
        if self.instance.pk or not self.initial or not self.is_bound:
            return super().has_changed()
        # A suggested band (优秀 ≥ 90 …) kept as offered is still a band to save; emptied, it is dropped.
        return bool((self.data.get(self.add_prefix("name")) or "").strip())


class NamedRows(Rows):
    """A table whose names are unique (within a scope), checked here for the whole table, in Chinese: its
    forms leave the name out of the database's check of one row, which would word it by the constraint's
    name and refuse two rows swapping names."""

    def key(self, values: dict) -> tuple:
        """A row's name with its scope, from its cleaned data or its initial values."""
        return (values.get("name"),)

    def repeated(self, values: dict) -> str:
        raise NotImplementedError

    def clean(self) -> None:
        given_up = self._given_up()
        seen: set[tuple] = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or not data.get("name") or self._should_delete_form(form):
                continue
            key = self.key(data)
            if key in seen:
                form.add_error("name", self.repeated(form.cleaned_data))
            elif form in self.initial_forms and given_up.get(key, form) is not form:
                message = _("“%(name)s”是另一行原来的名称：请先保存那一行的修改，再改用这个名称。")
                form.add_error("name", message % {"name": form.cleaned_data["name"]})
            seen.add(key)
        super().clean()

    def _given_up(self) -> dict[tuple, forms.Form]:
        """The names saved rows give up in this save (renamed or deleted): saved rows are written one by
        one, so another may not take such a name in the same save."""
        given_up = {}
        for form in self.initial_forms:
            old = self.key(form.initial)
            if self._should_delete_form(form) or self.key(getattr(form, "cleaned_data", {})) != old:
                given_up[old] = form
        return given_up


class GradeRows(NamedRows):
    """A band's name once among the common bands, and once within each group."""

    title = _("等次")

    def key(self, values: dict) -> tuple:
        group = values.get("group")
        return (getattr(group, "pk", group), values.get("name"))

    def repeated(self, values: dict) -> str:
        if values.get("group"):
            return _("分组“%(group)s”的等次“%(name)s”重复。") % {"group": values["group"].name, "name": values["name"]}
        return _("等次“%(name)s”重复。") % {"name": values["name"]}


# --- 考核分组 ------------------------------------------------------------------------------------------------


class GroupForm(forms.ModelForm):
    """考核分组: a group's units (a kind of unit, or units named from the organisation's tree) and quota."""

    class Meta:
        model = SchemeGroup
        fields = ["name", "applies_to", "unit_kind", "units", "excellent_quota", "order"]
        widgets = {"units": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        field.queryset = Unit.objects.filter(pk__in=[unit.pk for unit in units])
        field.choices = [(unit.pk, unit.name) for unit in units]  # read once for the table
        field.help_text = _("按指定单位分组时选择")
        self.fields["unit_kind"].help_text = _("按单位类型分组时选择")
        self.fields["excellent_quota"].help_text = _("不填则按细则的优秀比例上限")

    def _get_validation_exclusions(self):
        # Names are checked once for the whole table (NamedRows.clean).
        return {*super()._get_validation_exclusions(), "name"}

    def clean(self):
        data = super().clean()
        applies = data.get("applies_to")
        if applies == SchemeGroup.AppliesTo.KIND and not data.get("unit_kind"):
            self.add_error("unit_kind", _("按单位类型分组时，请选择单位类型。"))
        if applies == SchemeGroup.AppliesTo.NAMED and not data.get("units"):
            self.add_error("units", _("按指定单位分组时，请至少选择一个单位。"))
        return data


class GroupRows(NamedRows):
    title = _("考核分组")

    def repeated(self, values: dict) -> str:
        return _("分组“%(name)s”重复。") % {"name": values["name"]}


def own_units(scheme: Scheme) -> list[Unit]:
    """The scheme's organisation's own units, in order: those a group, an event or a preview may name
    (another organisation's unit would join this ranking, B1)."""
    units = [unit for unit in tree_units(scheme.organisation) if unit.kind != Unit.Kind.ORGANISATION]
    return sorted(units, key=lambda unit: (unit.order, unit.pk))


class EventRuleForm(forms.ModelForm):
    class Meta:
        model = EventRule
        fields = ["kind", "name", "level", "points", "ratio", "tier", "cap", "category", "indicator", "veto", "order"]

    def __init__(self, *args, categories: list[SchemeCategory], indicators: list[SchemeIndicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        field.queryset = SchemeCategory.objects.filter(pk__in=[c.pk for c in categories])
        _static_choices(field, [(c.pk, c.name) for c in categories])
        # The scheme's indicators, read once for the table, named with their category (names recur).
        field = self.fields["indicator"]
        field.queryset = SchemeIndicator.objects.filter(pk__in=[i.pk for i in indicators])
        _static_choices(field, [(i.pk, f"{i.category.name} · {i.name}") for i in indicators])


class EventRuleRows(Rows):
    title = _("加减分规则")


class RewardRuleForm(forms.ModelForm):
    grade = forms.ChoiceField(label=_("等次"), required=False, help_text=_("评为该等次时提出建议"))

    class Meta:
        model = RewardRule
        fields = ["subject", "grade", "event_rule", "action", "factor"]

    def __init__(self, *args, grades: list[str], rules: list[EventRule], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = list(grades)
        if self.instance.grade and self.instance.grade not in names:
            names.append(self.instance.grade)
        self.fields["grade"].choices = [("", "---------"), *((name, name) for name in names)]
        field = self.fields["event_rule"]
        field.queryset = EventRule.objects.filter(pk__in=[r.pk for r in rules])
        _static_choices(field, [(r.pk, str(r)) for r in rules])


class RewardRuleRows(Rows):
    title = _("奖惩规则")


def _rows(parent, form, formset, extra: int):
    return forms.inlineformset_factory(parent, form.Meta.model, form=form, formset=formset, extra=extra)


CategoryTable = _rows(Scheme, CategoryForm, CategoryRows, 3)
NewCategoryTable = _rows(Scheme, CategoryForm, CategoryRows, 8)
IndicatorTable = _rows(SchemeCategory, IndicatorForm, IndicatorRows, 2)
GradeTable = _rows(Scheme, GradeBandForm, GradeRows, 2)
GroupTable = _rows(Scheme, GroupForm, GroupRows, 2)
NewGradeTable = _rows(Scheme, GradeBandForm, GradeRows, len(SUGGESTED_GRADES) + 1)
EventRuleTable = _rows(Scheme, EventRuleForm, EventRuleRows, 2)
RewardRuleTable = _rows(Scheme, RewardRuleForm, RewardRuleRows, 2)


class SchemeEditor:
    """The scheme's settings with its tables.

    A new scheme gets its settings, categories and grade bands; indicators, event rules and reward
    rules refer to saved categories, rules and bands, so they follow on the edit page."""

    def __init__(self, scheme: Scheme | None = None, data=None, within: set[int] | None = None) -> None:
        self.is_new = scheme is None
        self.scheme = scheme if scheme is not None else Scheme()
        self.form = SchemeForm(data, instance=self.scheme, prefix="scheme", within=within)
        self.plan_items = PlanItems(None if self.is_new else self.scheme.scored_plan())
        kwargs = {"instance": self.scheme, "form_kwargs": {"plan_items": self.plan_items}}
        if self.is_new:
            self.categories = NewCategoryTable(data, prefix="categories", **kwargs)
            initial = [{"name": name, "min_score": Decimal(low)} for name, low in SUGGESTED_GRADES]
            self.grades = NewGradeTable(data, instance=self.scheme, prefix="grades", initial=initial)
            self.indicators: list[tuple[SchemeCategory, IndicatorRows]] = []
            self.rules = self.rewards = self.groups = None
            return
        self.categories = CategoryTable(data, prefix="categories", **kwargs)
        saved = list(self.categories.queryset)
        # 评分责任单位: a unit of the scheme's organisation, read once for every indicator table.
        units = sorted(tree_units(self.scheme.organisation), key=lambda unit: (unit.order, unit.pk))
        self.scorers = [(unit.pk, unit.name) for unit in units]
        self.indicators = [(category, self._indicator_table(category, data)) for category in saved]
        self.groups = GroupTable(
            data,
            instance=self.scheme,
            prefix="groups",
            queryset=SchemeGroup.objects.prefetch_related("units"),
            form_kwargs={"units": own_units(self.scheme)},
        )
        self.grades = GradeTable(
            data,
            instance=self.scheme,
            prefix="grades",
            # The common bands first, then each group's, each from the top.
            queryset=GradeBand.objects.order_by(F("group__order").asc(nulls_first=True), "group_id", "-min_score"),
            form_kwargs={"groups": list(self.groups.queryset)},
        )
        indicators = list(
            SchemeIndicator.objects.filter(category__in=saved)
            .select_related("category")
            .order_by("category__order", "category_id", "order", "id")
        )
        self.rules = EventRuleTable(
            data, instance=self.scheme, prefix="rules", form_kwargs={"categories": saved, "indicators": indicators}
        )
        bands = list(dict.fromkeys(band.name for band in self.grades.queryset))  # a group may repeat a name
        rules = list(self.rules.queryset)
        self.rewards = RewardRuleTable(
            data, instance=self.scheme, prefix="rewards", form_kwargs={"grades": bands, "rules": rules}
        )

    def _indicator_table(self, category: SchemeCategory, data) -> IndicatorRows:
        plan_category = self.plan_items.plan_category(category.name, category.plan_category_id)
        choices = self.plan_items.choices().get(plan_category.pk, []) if plan_category else []
        table = IndicatorTable(
            data,
            instance=category,
            prefix=f"indicators-{category.pk}",
            queryset=SchemeIndicator.objects.prefetch_related("items"),
            form_kwargs={"item_choices": choices, "scorer_choices": self.scorers},
        )
        table.title = _("“%(category)s”的考核指标") % {"category": category.name}
        table.has_items = bool(choices)
        return table

    def tables(self) -> list:
        """Every table that is validated and saved: the indicators of a category being deleted go with it."""
        gone = self.categories.deleted_pks() if self.categories.is_valid() else set()
        indicators = [table for category, table in self.indicators if category.pk not in gone]
        rest = [table for table in (self.rules, self.rewards) if table is not None]
        groups = [self.groups] if self.groups is not None else []  # saved before the bands that name them
        return [self.categories, *indicators, *groups, self.grades, *rest]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([table.is_valid() for table in self.tables()]) and valid
        return self._check_group_references() and self._check_references() and valid

    def _check_group_references(self) -> bool:
        """A band may not stay with a group deleted in the same submission (it would go with it)."""
        if self.groups is None or not (self.groups.is_valid() and self.grades.is_valid()):
            return True
        gone, ok = self.groups.deleted_pks(), True
        for form in self.grades.forms:
            group = form.cleaned_data.get("group")
            if group and group.pk in gone and not self.grades._should_delete_form(form):
                form.add_error("group", _("该分组将被删除，请另选分组或一并删除本行。"))
                ok = False
        return ok

    def _check_references(self) -> bool:
        """A row may not point at a row deleted in the same submission."""
        if self.is_new or not all(t.is_valid() for t in (self.categories, self.rules)):
            return True
        ok = True
        gone_categories, gone_rules = self.categories.deleted_pks(), self.rules.deleted_pks()
        for form in self.rules.forms:
            category = form.cleaned_data.get("category")
            if category and category.pk in gone_categories and not self.rules._should_delete_form(form):
                form.add_error("category", _("该类别将被删除，请另选或留空。"))
                ok = False
        if self.rewards.is_valid():
            for form in self.rewards.forms:
                rule = form.cleaned_data.get("event_rule")
                if rule and rule.pk in gone_rules and not self.rewards._should_delete_form(form):
                    form.add_error("event_rule", _("该规则将被删除，请另选或一并删除本行。"))
                    ok = False
        return ok

    @transaction.atomic
    def save(self) -> Scheme:
        scheme = self.form.save()
        for table in self.tables():
            table.save()
        return scheme


# --- events ------------------------------------------------------------------------------------------------


class EventForm(forms.ModelForm):
    class Meta:
        model = ScoreEvent
        fields = ["rule", "unit", "person", "item", "occurred_on", "quantity", "amount", "description", "evidence"]
        widgets = {"occurred_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, scheme: Scheme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        self.fields["rule"].queryset = scheme.event_rules.all()
        # B1: only the scheme's own organisation's units and people (another organisation's unit
        # would join this ranking).
        own = [unit.pk for unit in own_units(scheme)]
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=own).order_by("order", "id")
        self.fields["person"].queryset = Person.objects.filter(posts__unit__in=own).distinct().order_by("id")
        plan = scheme.scored_plan()
        items = ResponsibilityItem.objects.filter(plan=plan, is_heading=False) if plan else None
        self.fields["item"].queryset = (
            items.order_by("order", "id") if items is not None else ResponsibilityItem.objects.none()
        )
        self.fields["unit"].help_text = _("单位和人员至少选一项")
        self.fields["quantity"].required = False
        self.fields["occurred_on"].help_text = _("须在 %(year)s 年内") % {"year": scheme.year}
        evidence = self.fields["evidence"]
        evidence.required = True
        evidence.help_text = _("上限 %(size)s") % {"size": filesizeformat(settings.EVIDENCE_MAX_BYTES)}

    def clean_quantity(self) -> int:
        return self.cleaned_data.get("quantity") or 1  # left empty: once

    def clean_evidence(self):
        uploaded = self.cleaned_data.get("evidence")
        if uploaded and hasattr(uploaded, "size"):
            check_evidence_file(uploaded)
        return uploaded

    def save(self, commit: bool = True) -> ScoreEvent:
        uploaded = self.cleaned_data.get("evidence")
        if uploaded:
            # The storage path is made from the fingerprint, so it is taken before the file is written.
            self.instance.evidence_sha256 = Evidence.fingerprint(uploaded)
            self.instance.evidence_name = uploaded.name[:200]
        return super().save(commit=commit)


class EventFilter(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("类型"), required=False)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = _("全部单位")
        self.fields["kind"].choices = [("", _("全部类型")), *EventRule.Kind.choices]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("考核细则表格（.xlsx）"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("上限 %(size)s") % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}
