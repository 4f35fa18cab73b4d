"""One form per human step of the item flow."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessment import item_score
from config import rows
from responsibility import cascade, evidence_files
from responsibility.assignments import Planned, expand_groups, group_members, hands_in, named_units, units_not_in
from responsibility.forms import UnitCheckboxes
from responsibility.models import (
    Assignment,
    Closing,
    Indicator,
    Instruction,
    ItemEvent,
    Milestone,
    Person,
    Post,
    ProgressReport,
    ResponsibilityItem,
    Unit,
)
from responsibility.reporting import check_evidence_file, clean_period, current_period


class DateInput(forms.DateInput):
    input_type = "date"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for f in cleaned:
            check_evidence_file(f)
        evidence_files.check_request_total(cleaned)
        return cleaned


class StepForm(forms.Form):
    """Every step form knows its item and the work it acts on: the unit's assignment on a step of
    the unit's branch, else the item."""

    def __init__(self, *args, item: ResponsibilityItem, assignment: Assignment | None = None, **kwargs):
        self.item = item
        self.work = assignment if assignment is not None else item
        super().__init__(*args, **kwargs)

    def clean_evidence(self) -> list:
        """A step's files (report, rectification, 会办) keep the item under its evidence total."""
        files = self.cleaned_data["evidence"]
        evidence_files.check_item_total(self.item.pk, files)
        return files


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "comparator", "target_value"]

    def clean_target_value(self):
        value = self.cleaned_data["target_value"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("目标值不能为负数。"))
        return value


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["due", "title", "expected_percent"]
        widgets = {"due": DateInput()}

    def clean_expected_percent(self):
        value = self.cleaned_data["expected_percent"]
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(_("应达进度须在 0 到 100 之间。"))
        return value


class RowsFormSet(forms.BaseInlineFormSet):
    """The rows of one kind under an item, edited on the deploy page; ``title`` heads the table."""

    title = ""
    rows_on_demand = True  # no empty rows: "添加一行" adds one (tables of a step page)

    def __init__(self, *args, deploy_form: DeployForm, **kwargs):
        self.deploy_form = deploy_form
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        # The item's rows of this kind (a list: the formset only counts, indexes and iterates them),
        # read with SQL built once: the deploy step reads them inside the process lock.
        if not hasattr(self, "_queryset"):
            pk = self.instance.pk
            self._queryset = rows.reader(self.model).of(self.fk.name, pk) if pk is not None else []
        return self._queryset

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("删除")
        key = form.fields.get(self._pk_field.name)
        if form.is_bound and isinstance(key, forms.ModelChoiceField):
            form.fields[self._pk_field.name] = OwnRowField(
                key.queryset, initial=key.initial, required=False, widget=key.widget, formset=self
            )

    def kept_rows(self, field: str) -> list:
        """The rows that stay (filled in, not marked for deletion) whose ``field`` is valid."""
        return [
            form
            for form in self.forms
            if form.cleaned_data.get(field) is not None and not self._should_delete_form(form)
        ]


class OwnRowField(forms.ModelChoiceField):
    """The hidden id of a posted row. Django checks it with a query of its own; a row of this item
    has just been read by the formset (the same lock), so it is taken from there."""

    def __init__(self, *args, formset: RowsFormSet, **kwargs):
        self.formset = formset
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        own = getattr(self.formset, "_object_dict", {}).get(_as_pk(value))
        return own if own is not None else super().to_python(value)


class IndicatorFormSet(RowsFormSet):
    title = _("量化指标")


class MilestoneFormSet(RowsFormSet):
    title = _("时间节点")

    def clean(self):
        super().clean()
        rows = [(form.cleaned_data["due"], index, form) for index, form in enumerate(self.kept_rows("due"))]
        if not rows:
            return  # nothing to check: the window (the plan's year, a query) is not needed
        first, last, ongoing = self.deploy_form.milestone_window()
        for due, _index, form in rows:
            if due < first:
                form.add_error("due", _("时间节点不能早于工作要点年度（%(year)s年）。") % {"year": first.year})
            elif last is not None and due > last:
                if ongoing:
                    message = _("长期坚持的事项，时间节点须在工作要点年度（%(year)s年）内。") % {"year": last.year}
                else:
                    message = _("时间节点不能晚于完成时限（%(date)s）。") % {"date": date_format(last)}
                form.add_error("due", message)
        # The expected progress grows with time: a later milestone never expects less than an earlier one.
        highest_before: int | None = None
        previous_due = None
        highest_so_far: int | None = None
        for due, _index, form in sorted(rows, key=lambda row: row[:2]):
            if due != previous_due:
                highest_before, previous_due = highest_so_far, due
            percent = form.cleaned_data.get("expected_percent")
            if percent is None:
                continue
            if highest_before is not None and percent < highest_before:
                form.add_error(
                    "expected_percent",
                    _("应达进度不能低于更早时间节点的 %(percent)s%%。") % {"percent": highest_before},
                )
            highest_so_far = percent if highest_so_far is None else max(highest_so_far, percent)


def _rows_formset(form_class, formset_class):
    return forms.inlineformset_factory(
        ResponsibilityItem, form_class.Meta.model, form=form_class, formset=formset_class, extra=0, can_delete=True
    )


IndicatorRows = _rows_formset(IndicatorForm, IndicatorFormSet)
MilestoneRows = _rows_formset(MilestoneForm, MilestoneFormSet)


class ChosenRows:
    """The rows of ``model`` a bound deploy form names (in several fields), read in one query when
    the first of those fields is cleaned. Each field would otherwise read its own (a query a field)."""

    def __init__(self, model, values: list):
        self.model = model
        flat = [v for value in values for v in (value if isinstance(value, (list, tuple)) else [value])]
        self.pks = {pk for pk in map(_as_pk, flat) if pk is not None}
        self._rows: dict | None = None

    def get(self, value):
        if self._rows is None:
            self._rows = rows.reader(self.model).many(self.pks)
        return self._rows.get(_as_pk(value))


def _as_pk(value) -> int | None:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None  # not an id: an invalid choice, as Django's own lookup says
    return pk if -(2**63) <= pk < 2**63 else None  # no key column holds more (SQLite would overflow)


class PostChoiceField(forms.ModelChoiceField):
    """A post of one of ``roles``; on a bound deploy form it is looked up among the ``chosen`` posts."""

    roles: list[str] = []
    chosen: ChosenRows | None = None

    def to_python(self, value):
        if self.chosen is None or value in self.empty_values:
            return super().to_python(value)
        post = self.chosen.get(value)
        if post is None or post.role not in self.roles:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return post


class UnitChoiceField(forms.ModelChoiceField):
    """Any unit; on a bound deploy form it is looked up among the ``chosen`` units."""

    chosen: ChosenRows | None = None

    def to_python(self, value):
        if self.chosen is None or value in self.empty_values:
            return super().to_python(value)
        unit = self.chosen.get(value)
        if unit is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return unit


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    """Units; on a bound deploy form they are looked up among the ``chosen`` units."""

    chosen: ChosenRows | None = None

    def _check_values(self, value):
        if self.chosen is None:
            return super()._check_values(value)
        units = {}
        for v in value:
            if _as_pk(v) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": v}
                )
            unit = self.chosen.get(v)
            if unit is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": v}
                )
            units[unit.pk] = unit
        return [units[pk] for pk in sorted(units)]


def _units_field(name: str) -> UnitsChoiceField:
    # Declared rather than generated from the model: the form reads the item's units for both
    # fields in one query (ModelForm would read each relation in a query of its own).
    return ResponsibilityItem._meta.get_field(name).formfield(form_class=UnitsChoiceField, widget=UnitCheckboxes())


# Who may be chosen for each post of an item.
POST_ROLES = {
    "lead_leader_post": [Post.Role.LEADER, Post.Role.COMMITTEE],
    "responsible_post": [Post.Role.OFFICIAL, Post.Role.UNIT_HEAD],
    "inspector_post": [Post.Role.INSPECTOR],
    "assessor_post": [Post.Role.ASSESSOR],
}


UNIT_FIELDS = ["responsible_units", "cooperating_units"]


class DeployForm(forms.ModelForm):
    note = forms.CharField(label=_("交办说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible_units = _units_field("responsible_units")
    cooperating_units = _units_field("cooperating_units")
    unit_posts = forms.ModelMultipleChoiceField(
        label=_("其他承办单位的责任人"),
        queryset=Post.objects.filter(role__in=POST_ROLES["responsible_post"]).select_related("unit", "holder"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "牵头单位、责任单位、配合单位各自承办本单位的部分（分办）。每个单位选一个岗位；未选的单位由其责任人岗位承办。"
        ),
    )

    contribution_due = forms.DateField(
        label=_("会办时限"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "配合单位向牵头单位提交会办意见的期限；不填则为本事项的完成时限（长期坚持的事项不填则不设会办时限）。"
        ),
    )

    class Meta:
        model = ResponsibilityItem
        fields = [
            "closing",
            "target",
            "lead_leader_post",
            "lead_unit",
            "responsible_post",
            "inspector_post",
            "assessor_post",
            "deadline",
            "ongoing",
            "report_cadence",
            "report_day",
            "points",
        ]
        field_classes = {"lead_unit": UnitChoiceField, **{name: PostChoiceField for name in POST_ROLES}}
        widgets = {
            "deadline": DateInput(),
            "target": forms.Textarea(attrs={"rows": 2}),
            "closing": forms.RadioSelect,
        }

    field_order = ["target", "lead_leader_post", "lead_unit", *UNIT_FIELDS, "contribution_due", "closing"]

    def __init__(self, data=None, files=None, *, item: ResponsibilityItem, **kwargs):
        self.item = self.work = item  # deploying acts on the whole item
        super().__init__(data, files, instance=item, **kwargs)
        # The units the item has now, both relations in one query: the fields' initial values, with
        # every unit of a group the item names (各社区) ticked: the office unticks those not taking part.
        self.current_units: dict[str, list] = {name: [] for name in UNIT_FIELDS}
        self.groups: dict[str, dict[str, list[Unit]]] = {}
        if item.pk is not None:
            self.current_units = rows.linked(item, UNIT_FIELDS)
            self.groups = group_members(item)
            expanded = expand_groups(item, self.groups)
            for name in UNIT_FIELDS:
                named = self.current_units[name]
                self.initial.setdefault(name, [*named, *(u.pk for u in expanded.get(name, []) if u.pk not in named)])
            for name, groups in self.groups.items():
                self.fields[name].help_text = _("已按“%(groups)s”选中该类全部单位，请取消不承办本事项的单位。") % {
                    "groups": "、".join(groups)
                }
        # The item's quantitative indicators and milestones are confirmed on the same page, in the same POST.
        self.indicators = IndicatorRows(data, files, instance=item, prefix="indicators", deploy_form=self)
        self.milestones = MilestoneRows(data, files, instance=item, prefix="milestones", deploy_form=self)
        posts = Post.objects.select_related("unit", "holder")
        # Checking a choice reads the role and the holder's id: no units or persons joined for the labels.
        chosen_posts = ChosenRows(Post, [self[name].data for name in POST_ROLES]) if self.is_bound else None
        for name, roles in POST_ROLES.items():
            field = self.fields[name]
            field.queryset, field.roles, field.chosen = posts.filter(role__in=roles), roles, chosen_posts
        chosen_units = (
            ChosenRows(Unit, [self[name].data for name in ["lead_unit", *UNIT_FIELDS]]) if self.is_bound else None
        )
        for name in ["lead_unit", *UNIT_FIELDS]:
            self.fields[name].queryset, self.fields[name].chosen = Unit.objects.all(), chosen_units
        for name in ["responsible_post", "inspector_post", "assessor_post"]:
            self.fields[name].required = True
        self.fields["closing"].required = False  # not chosen: each unit closes its own part

    def clean_closing(self) -> str:
        return self.cleaned_data.get("closing") or Closing.EACH

    def clean(self):
        data = super().clean()
        if data.get("ongoing") and data.get("deadline"):
            self.add_error("deadline", _("长期坚持的事项不设完成时限。"))
        if not data.get("ongoing") and not data.get("deadline"):
            self.add_error("deadline", _("请填写完成时限，或勾选“长期坚持”。"))
        # A step assigned to an empty post would wait in nobody's task list.
        for name in ["responsible_post", "inspector_post", "assessor_post"]:
            post = data.get(name)
            if post is not None and not post.holder_id:
                self.add_error(name, _("该岗位暂无在岗人员，请先配备人员。"))
        self._check_groups()
        self._check_closing(data)
        if not self.errors:
            self.assignment_plan = self._plan_assignments(data)
        return data

    def _check_closing(self, data) -> None:
        if data.get("closing") == Closing.LEAD and not data.get("lead_unit"):
            self.add_error("closing", _("牵头单位汇总办结须指定牵头单位。"))
        due, deadline = data.get("contribution_due"), data.get("deadline")
        if due is None:
            return
        if not data.get("cooperating_units"):
            self.add_error("contribution_due", _("没有配合单位，无需填写会办时限。"))
        elif due < timezone.localdate():
            self.add_error("contribution_due", _("会办时限不能早于今天。"))
        elif deadline and due > deadline:
            self.add_error("contribution_due", _("会办时限不能晚于完成时限：牵头单位须在完成前收到会办意见。"))

    def _check_groups(self) -> None:
        """A group word that stands for no unit here would hand its part to nobody."""
        for name, groups in self.groups.items():
            for word, units in groups.items():
                if not units:
                    message = _("“%(group)s”没有对应的单位，无法交办：请先在组织机构中添加该类单位，再部署。")
                    self.add_error(name, message % {"group": word})

    def _plan_assignments(self, data) -> list[Planned]:
        """Each unit named on the form, once, in its role, with the post that will do its part: the
        responsible official's for his own unit, a post chosen for it, or the unit's own 责任人."""
        named = named_units(
            data.get("lead_unit"), data.get("responsible_units") or [], data.get("cooperating_units") or []
        )
        chosen = {post.unit_id: post for post in data.get("unit_posts") or []}
        official = data["responsible_post"]
        chosen[official.unit_id] = official
        if official.unit_id not in {unit.pk for unit, _role in named}:
            role = (
                Assignment.Role.RESPONSIBLE if named and named[0][1] == Assignment.Role.LEAD else Assignment.Role.LEAD
            )
            named.insert(1 if role == Assignment.Role.RESPONSIBLE else 0, (official.unit, role))
        stray = [post for unit_id, post in chosen.items() if unit_id not in {unit.pk for unit, _r in named}]
        if stray:
            self.add_error("unit_posts", _("岗位“%(post)s”所在单位不是本事项的承办单位。") % {"post": stray[0]})
        defaults = _default_posts([unit for unit, _role in named if unit.pk not in chosen])
        planned = []
        for unit, role in named:
            if cascade.is_organisation(unit):
                # 上级交办: an organisation's part goes to its office, which decomposes it into its own list.
                post = cascade.office_post(unit)
                if post is None:
                    message = _(
                        "“%(unit)s”是使用本系统的组织，但没有在岗的党政办（办公室）岗位，无法交办："
                        "请该组织先配备人员，或取消该单位。"
                    )
                    self.add_error("unit_posts", message % {"unit": unit})
                    continue
            else:
                post = chosen.get(unit.pk) or defaults.get(unit.pk)
            if post is None:
                self.add_error(
                    "unit_posts",
                    _("“%(unit)s”没有在岗的责任人，无法交办：请为其选择岗位，或取消该单位。") % {"unit": unit},
                )
            elif not post.holder_id:
                self.add_error("unit_posts", _("岗位“%(post)s”暂无在岗人员，请先配备人员。") % {"post": post})
            else:
                due = data.get("contribution_due") if role == Assignment.Role.COOPERATING else None
                planned.append(Planned(unit, role, post, due))
        return planned

    def _get_validation_exclusions(self):
        # Each post and unit chosen here has just been fetched and checked by its field (queryset
        # or roles); the model's own check that the row exists would read it again (5 queries).
        # Django's hook for what the model does not re-validate; with unique or other constraints
        # on the model they would be checked without these fields, so then nothing is skipped.
        exclude = super()._get_validation_exclusions()
        opts = self.instance._meta
        if opts.constraints or opts.unique_together:
            return exclude
        checked = {
            name
            for name, field in self.fields.items()
            if isinstance(field, forms.ModelChoiceField) and name in self._meta.fields
        }
        return exclude | {name for name in checked - set(self._errors) if opts.get_field(name).many_to_one}

    @property
    def formsets(self) -> list:
        return [self.indicators, self.milestones]

    def is_valid(self) -> bool:
        return all([super().is_valid(), *(formset.is_valid() for formset in self.formsets)])

    def milestone_window(self) -> tuple[datetime.date, datetime.date | None, bool]:
        """The dates a milestone may fall on: (first, last, ongoing).

        A milestone is a step of this year's plan towards the item's deadline, so it lies between
        the first day of the plan year and the deadline confirmed on this form. An ongoing item has
        no deadline: its milestones stay within the plan year. While the deadline itself is in
        error there is no upper bound (the deadline's own error says what to fix).
        """
        errors = self.errors  # the main form is cleaned first: the window depends on its deadline
        year = self.item.plan.year
        first = datetime.date(year, 1, 1)
        if "deadline" in errors or "ongoing" in errors:
            return first, None, False
        if self.cleaned_data.get("ongoing"):
            return first, datetime.date(year, 12, 31), True
        return first, self.cleaned_data.get("deadline"), False

    def save(self, commit: bool = True):
        if not self.instance.original_deadline:
            self.instance.original_deadline = self.instance.deadline  # written by the same UPDATE
        # The groups are spent: the units chosen for them now stand on the item (a redeploy after a
        # unit sent its part back must not tick again the units the office unticked).
        self.instance.unit_groups = {}
        item = super().save(commit=False)
        if commit:
            item.write(
                [f for f in rows.columns(ResponsibilityItem) if f != "parent"]
            )  # what item.save() writes: the whole row (its place in the tree stays)
            self._save_changed_units()
        return item

    def _save_changed_units(self) -> None:
        # The item's units were read when the form was built (inside the same lock); set() would read
        # them again to compare, a query a field, mostly to change nothing.
        for name in UNIT_FIELDS:
            chosen = list(self.cleaned_data[name])
            if {unit.pk for unit in chosen} != {_as_pk(unit) for unit in self.current_units[name]}:
                getattr(self.instance, name).set(chosen)


class BatchDeployForm(forms.Form):
    """The settings shared by the items of a batch deploy (批量部署): the deploy form's own fields,
    each optional; a field left empty keeps each item's own value, as its deploy page would show it."""

    SHARED = [
        "lead_leader_post",
        "lead_unit",
        "responsible_units",
        "cooperating_units",
        "responsible_post",
        "inspector_post",
        "assessor_post",
        "deadline",
        "ongoing",
        "report_cadence",
        "report_day",
        "points",
        "closing",
        "contribution_due",
        "note",
    ]
    KEEP = _("（不变，保留各事项原设置）")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        template = DeployForm(item=ResponsibilityItem())
        for name in self.SHARED:
            field = copy.deepcopy(template.fields[name])
            field.required = False
            field.help_text = ""
            field.initial = None  # not the model's default (分值 0): an empty field keeps each item's own
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [("", self.KEEP), *[(k, v) for k, v in field.choices if k != ""]]
                field.initial = ""
            elif isinstance(field, forms.ModelChoiceField) and not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = self.KEEP
            self.fields[name] = field
        self.fields["ongoing"].help_text = _("勾选则各事项均改为长期坚持，不设完成时限。")
        self.fields["responsible_units"].help_text = _("勾选则以所选单位替换各事项的责任单位。")
        self.fields["cooperating_units"].help_text = _("勾选则以所选单位替换各事项的配合单位。")

    def clean(self):
        data = super().clean()
        if data.get("ongoing") and data.get("deadline"):
            self.add_error("deadline", _("长期坚持的事项不设完成时限。"))
        return data

    def shared(self) -> dict:
        """The settings given (the empty ones left out): what is written over each item's values."""
        given = {}
        for name, value in self.cleaned_data.items():
            value = list(value) if isinstance(value, QuerySet) else value
            if not (value is None or value is False or value == "" or value == []):
                given[name] = value
        return given

    def chosen(self) -> list[tuple[str, str]]:
        """(label, value) of each setting given, for the confirmation page."""
        said = []
        for name, value in self.shared().items():
            field = self.fields[name]
            if isinstance(value, bool):
                shown = gettext("是")
            elif hasattr(value, "__iter__") and not isinstance(value, str):
                shown = "、".join(str(v) for v in value)
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                shown = str(dict(field.choices).get(value, value))
            elif isinstance(value, datetime.date):
                shown = date_format(value)
            else:
                shown = str(value)
            if shown:
                said.append((str(field.label), shown))
        return said


def _default_posts(units: list[Unit]) -> dict[int, Post]:
    """Each unit's own 责任人: its first responsible-official post with a holder, else its head's."""
    if not units:
        return {}
    found: dict[int, Post] = {}
    posts = Post.objects.filter(unit__in=units, role__in=POST_ROLES["responsible_post"], holder__isnull=False)
    for post in posts.select_related("unit").order_by("unit", "role", "id"):
        current = found.get(post.unit_id)
        if current is None or (current.role != Post.Role.OFFICIAL and post.role == Post.Role.OFFICIAL):
            found[post.unit_id] = post
    return found


class RedeployForm(StepForm):
    """A unit sent its part back: hand it to the same or another post of a unit not yet on the item."""

    post = PostChoiceField(label=_("承办岗位"), queryset=Post.objects.none())
    note = forms.CharField(label=_("交办说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["post"]
        field.roles = POST_ROLES["responsible_post"]
        field.queryset = Post.objects.filter(role__in=field.roles).select_related("unit", "holder")
        field.initial = self.work.post_id
        # 上级交办: an organisation's part goes back to an office post of its own tree.
        self.organisation = self.work.unit if cascade.may_have_items(self.work) else None
        if self.organisation is not None and cascade.is_organisation(self.organisation):
            field.roles = [Post.Role.OFFICE]
            own = cascade.own_units(self.organisation)
            field.queryset = Post.objects.filter(role=Post.Role.OFFICE, unit__in=own).select_related("unit", "holder")
        else:
            self.organisation = None
        sent_back = self.work.latest_event(ItemEvent.Kind.SENT_BACK)
        self.sent_back_reason = sent_back.note if sent_back else ""

    def clean_post(self):
        post = self.cleaned_data["post"]
        if not post.holder_id:
            raise forms.ValidationError(_("该岗位暂无在岗人员，请先配备人员。"))
        if self.organisation is None and post.unit_id != self.work.unit_id:
            raise forms.ValidationError(_("请选择本单位（%(unit)s）的岗位。") % {"unit": self.work.unit})
        return post


class AcceptForm(StepForm):
    DECISIONS = [("accept", _("签收")), ("send_back", _("退回（说明理由）"))]
    decision = forms.ChoiceField(label=_("办理意见"), choices=DECISIONS, widget=forms.RadioSelect, initial="accept")
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "send_back" and not data.get("reason", "").strip():
            self.add_error("reason", _("退回时必须说明理由。"))
        return data


class IndicatorFieldsMixin:
    """One number field per quantitative indicator of the item."""

    def add_indicator_fields(self) -> None:
        indicators = rows.reader(Indicator).of("item", self.item.pk)
        self.indicator_ids = {indicator.pk for indicator in indicators}  # read inside the lock: the item's own
        for indicator in indicators:
            field = forms.DecimalField(
                label=_("%(name)s（目标 %(target)s）") % {"name": indicator.name, "target": indicator.target_display},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal(0),
            )
            field.indicator_name = indicator.name
            self.fields[f"indicator_{indicator.pk}"] = field

    def indicator_values(self) -> dict[int, Decimal]:
        return {
            int(name.removeprefix("indicator_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("indicator_") and value is not None
        }

    def indicator_fields(self):
        return [self[name] for name in self.fields if name.startswith("indicator_")]

    def say_indicator_values_needed(self) -> None:
        """Under the plan's rule, each indicator field says beforehand that a claim must fill it."""
        if self.item.plan.claim_needs_indicator_values:
            for name, field in self.fields.items():
                if name.startswith("indicator_"):
                    field.help_text = _("本工作要点规定：申请办结和整改反馈时必填。")

    def require_indicator_values(self) -> None:
        """The plan's rule (``claim_needs_indicator_values``): a claim states the result of every indicator."""
        if not self.item.plan.claim_needs_indicator_values:
            return
        for name, field in self.fields.items():
            if name.startswith("indicator_") and name not in self._errors and self.cleaned_data.get(name) is None:
                self.add_error(name, indicator_missing(field.indicator_name))


def indicator_missing(name: str) -> str:
    """The error on a blank indicator of a claim or rectification where the plan wants every result."""
    return _("请填写“%(name)s”的实际完成值（本工作要点规定申请办结须填写全部量化指标）。") % {"name": name}


class AnswerFieldsMixin:
    """One answer field per 批示 still open for the work: a report answers every one of them."""

    def add_answer_fields(self) -> None:
        self.open_instructions = list(Instruction.objects.open_for(self.work))
        for instruction in self.open_instructions:
            self.fields[f"answer_{instruction.pk}"] = forms.CharField(
                label=_("答复%(leader)s的批示") % {"leader": instruction.author},
                help_text=instruction.text,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"answer_{i.pk}", "") for i in self.open_instructions}

    def require_answers(self) -> None:
        for instruction in self.open_instructions:
            name = f"answer_{instruction.pk}"
            if name in self.cleaned_data and not self.cleaned_data[name].strip():
                self.add_error(name, _("请在本次反馈中答复领导批示。"))


class WorkForm(AnswerFieldsMixin, IndicatorFieldsMixin, StepForm):
    ACTIONS = [
        ("report", _("提交进度反馈")),
        ("claim", _("申请办结")),
        ("extension", _("申请延期")),
    ]
    # The fields each action reads ("indicators": the indicator fields, "answers": the answers to open
    # 批示); the others are not shown for it (the page hides them by the chosen action) and whatever
    # they carry is dropped.
    ACTION_FIELDS = {
        "report": {"period", "percent_done", "narrative", "evidence", "indicators", "answers"},
        "claim": {"period", "narrative", "evidence", "indicators", "answers"},
        "extension": {"narrative", "new_deadline"},
    }
    action = forms.ChoiceField(label=_("本次操作"), choices=ACTIONS, widget=forms.RadioSelect, initial="report")
    period = forms.CharField(label=_("汇报期"), max_length=20, help_text=_("如 2020-03 或 2020Q1"))
    percent_done = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("工作进展"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("申请延期时，请写明延期理由。"),
    )
    evidence = MultipleFileField(label=_("佐证材料"))
    new_deadline = forms.DateField(label=_("申请延期至"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["period"].initial = current_period(today)
        self.fields["percent_done"].initial = self.work.percent_done
        self.cascaded = cascade.cascaded(self.work) if cascade.may_have_items(self.work) else []
        self._fill_from_cascaded()
        self.add_indicator_fields()
        self.add_answer_fields()
        choices = list(self.ACTIONS)
        if hands_in(self.work):
            # 牵头单位汇总办结: this unit's completion goes to the lead unit, not to verification.
            handed = _("完成本单位任务，报牵头单位")
            choices = [(value, handed if value == "claim" else label) for value, label in choices]
        else:
            self.say_indicator_values_needed()
        self.fields["action"].choices = choices
        if not extension_possible(self.work, today):
            # Not offered where it is always refused; a request sent anyway still gets the reason.
            self.fields["action"].widget.choices = [c for c in choices if c[0] != "extension"]
        chosen = self.data.get("action") if self.is_bound else None
        if chosen in self.ACTION_FIELDS:
            for name in ("period", "percent_done", "narrative"):
                self.fields[name].required = name in self.ACTION_FIELDS[chosen]
        for name, field in self.fields.items():
            field.actions = self.actions_of(name)  # read by workflow/_field.html

    def _fill_from_cascaded(self) -> None:
        """上级交办: an organisation's part reports what its own items made of it stand at."""
        rolled = cascade.rollup(self.cascaded)
        if rolled is None:
            return
        self.fields["percent_done"].initial = rolled.percent
        if rolled.all_closed:
            self.fields["action"].initial = "claim"
            self.fields["narrative"].initial = cascade.claim_narrative(self.cascaded)

    @staticmethod
    def field_kind(name: str) -> str:
        """The name ACTION_FIELDS knows the field by: one for all indicator fields, one for all answers."""
        if name.startswith("indicator_"):
            return "indicators"
        return "answers" if name.startswith("answer_") else name

    def actions_of(self, name: str) -> str:
        """The actions the field ``name`` serves, space-separated: the page shows it for those only."""
        key = self.field_kind(name)
        if key == "action" or not any(key in fields for fields in self.ACTION_FIELDS.values()):
            return ""
        return " ".join(action for action, fields in self.ACTION_FIELDS.items() if key in fields)

    def clean_period(self) -> str:
        text = self.cleaned_data["period"]
        if not text or self.data.get("action") == "extension":
            return text
        today = timezone.localdate()
        due = self.work.deadline
        return clean_period(text, self.item.plan.year, max(today.year, due.year if due else 0), today)

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action in self.ACTION_FIELDS:
            self._drop_unused(data, self.ACTION_FIELDS[action])
        if action == "claim":
            data["percent_done"] = 100
            still_open = cascade.not_closed(self.cascaded)
            if still_open:
                message = _("本单位分解的上级交办事项尚未全部办结：%(items)s。全部办结后方可申请办结。")
                self.add_error("action", message % {"items": "、".join(still_open)})
            waiting = units_not_in(self.work)
            if waiting:
                self.add_error(
                    "action",
                    _("本事项由牵头单位汇总办结，以下单位尚未报送完成情况：%(units)s。")
                    % {"units": "、".join(waiting)},
                )
            if self.item.plan.claim_needs_evidence and not data.get("evidence") and "evidence" not in self.errors:
                self.add_error("evidence", _("申请办结须上传佐证材料（本工作要点的规定）。"))
            if not hands_in(self.work):
                # A part handed in goes to the lead unit, whose own claim states the item's results.
                self.require_indicator_values()
        if action == "extension":
            self._clean_extension(data)
        elif action in ("report", "claim"):
            self.require_answers()
        return data

    def _drop_unused(self, data: dict, used: set[str]) -> None:
        for name in list(self.fields):
            key = self.field_kind(name)
            if name == "action" or key in used:
                continue
            self._errors.pop(name, None)
            data[name] = [] if name == "evidence" else None

    def _clean_extension(self, data) -> None:
        new_deadline: datetime.date | None = data.get("new_deadline")
        item = self.work
        if new_deadline is None:
            if "new_deadline" not in self.errors:
                self.add_error("new_deadline", _("申请延期须填写新的完成时限。"))
        elif item.ongoing or item.deadline is None:
            self.add_error("action", _("长期坚持的事项无需申请延期。"))
        elif item.deadline < timezone.localdate():
            self.add_error("action", _("已超过完成时限，不能再申请延期。"))
        elif new_deadline <= item.deadline:
            self.add_error("new_deadline", _("新的完成时限须晚于现有时限。"))
        else:
            days = self.item.plan.extension_max_days
            latest = item.deadline + datetime.timedelta(days=days)
            if new_deadline > latest:
                message = _("一次最多延期 %(days)s 天，即不晚于 %(date)s。")
                self.add_error("new_deadline", message % {"days": days, "date": date_format(latest)})


def extension_possible(item: ResponsibilityItem, today: datetime.date) -> bool:
    """May an extension of ``item`` be asked for today (WorkForm's rules, before the new date)?"""
    return not item.ongoing and item.deadline is not None and item.deadline >= today


class DecideExtensionForm(StepForm):
    DECISIONS = [("approve", _("同意延期")), ("refuse", _("不同意延期"))]
    decision = forms.ChoiceField(label=_("审批意见"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The office must see what it is asked to approve: the requested date and the reason.
        request = self.work.latest_event(ItemEvent.Kind.EXTENSION_REQUESTED)
        self.requested_deadline = None
        if request is not None:
            self.requested_deadline = datetime.date.fromisoformat(request.data["new_deadline"])
            self.fields["decision"].help_text = _("申请延期至 %(date)s。理由：%(reason)s") % {
                "date": date_format(self.requested_deadline),
                "reason": request.note,
            }

    def clean(self):
        data = super().clean()
        requested = self.requested_deadline
        if data.get("decision") == "approve" and requested and requested < timezone.localdate():
            # Approving a date already past would make the item overdue the moment it is approved.
            self.add_error("decision", _("申请的延期日期已过，不能同意；请不同意并说明，由责任人重新申请。"))
        return data


class VerifyForm(StepForm):
    DECISIONS = [("pass", _("核验通过")), ("return", _("退回整改"))]
    decision = forms.ChoiceField(label=_("核验结论"), choices=DECISIONS, widget=forms.RadioSelect)
    comments = forms.CharField(label=_("核验意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rectification_points = forms.CharField(
        label=_("整改要求"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rectification_deadline = forms.DateField(label=_("整改时限"), required=False, widget=DateInput())

    @cached_property
    def claim_reports(self) -> list[ProgressReport]:
        return claim_reports(self.work)  # for the page only: a POST does not read them

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return":
            if not data.get("rectification_points", "").strip():
                self.add_error("rectification_points", _("退回整改须写明整改要求。"))
            deadline = data.get("rectification_deadline")
            if deadline is None:
                self.add_error("rectification_deadline", _("退回整改须给出整改时限。"))
            elif deadline < timezone.localdate():
                self.add_error("rectification_deadline", _("整改时限不能早于今天。"))
        return data


def claim_reports(work: ResponsibilityItem | Assignment) -> list[ProgressReport]:
    """What the inspector judges: the last completion claim and the rectifications since, with their
    narrative, indicator values and evidence."""
    found = (
        _claims_of(work)
        .select_related("author")
        .prefetch_related("evidence", "indicator_values__indicator")
        .order_by("-created_at", "-id")
    )
    shown = []
    for report in found:
        shown.append(report)
        if report.kind == ProgressReport.Kind.COMPLETION:
            break
    return shown[::-1]


def _claims_of(work: ResponsibilityItem | Assignment) -> QuerySet[ProgressReport]:
    """The work's completion claims and rectifications (a unit's part: its own; an item: the item's)."""
    owner = {"assignment": work} if isinstance(work, Assignment) else {"item": work, "assignment": None}
    kinds = [ProgressReport.Kind.COMPLETION, ProgressReport.Kind.RECTIFICATION]
    return ProgressReport.objects.filter(kind__in=kinds, **owner)


def claimed_values(work: ResponsibilityItem | Assignment) -> dict[str, Decimal]:
    """The indicator values of the work's last claim or rectification, by form field name: where the
    rectify form starts, so the official changes what the inspector found wrong and keeps the rest."""
    last = _claims_of(work).order_by("-created_at", "-id").first()
    if last is None:
        return {}
    return {f"indicator_{v.indicator_id}": v.value for v in last.indicator_values.all()}


class RectifyForm(AnswerFieldsMixin, IndicatorFieldsMixin, StepForm):
    narrative = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence = MultipleFileField(label=_("佐证材料"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_indicator_fields()
        self.add_answer_fields()
        self.say_indicator_values_needed()
        if not self.is_bound:
            for name, value in claimed_values(self.work).items():
                if name in self.fields:
                    self.fields[name].initial = value

    def clean(self):
        data = super().clean()
        self.require_answers()
        # A rectification goes back to verification in the claim's place: the inspector judges the
        # results as they stand now, and a return is often about the numbers themselves.
        self.require_indicator_values()
        return data


class ContributeForm(IndicatorFieldsMixin, StepForm):
    """会办: a cooperating unit's contribution to the lead unit, with its evidence and numbers."""

    narrative = forms.CharField(label=_("会办意见"), widget=forms.Textarea(attrs={"rows": 5}))
    evidence = MultipleFileField(label=_("佐证材料"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_indicator_fields()
        lead = self.item.lead_unit.name if self.item.lead_unit_id else _("牵头单位")
        due = self.work.deadline
        help_text = _("提交给%(lead)s，%(due)s前。") if due else _("提交给%(lead)s。")
        self.fields["narrative"].help_text = help_text % {"lead": lead, "due": date_format(due) if due else ""}


class AssessForm(StepForm):
    quality = forms.DecimalField(
        label=_("工作质量（0–10 分）"), min_value=Decimal(0), max_value=Decimal(10), max_digits=4, decimal_places=1
    )
    comment = forms.CharField(label=_("考核意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The step scores by the year's scheme, as the year end does: the form says which, and what
        # the rating counts for under it.
        self.scheme = item_score.scheme_of(self.item)  # read once: the step scores by it too
        self.scoring_note = item_score.scheme_note(self.scheme, self.work)
        self.fields["quality"].help_text = item_score.quality_note(self.scheme, self.work)


class UrgeForm(forms.Form):
    note = forms.CharField(label=_("催办内容"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class EscalateForm(forms.Form):
    level = forms.TypedChoiceField(label=_("升级为"), coerce=int, choices=[])
    note = forms.CharField(label=_("督办事由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args, levels=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = list(levels)


class UnitPointsForm(forms.Form):
    """The points each unit's part of a shared item weighs at year end (单位分值); empty: the item's."""

    def __init__(self, *args, assignments: list[Assignment], item_points: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.assignments = assignments
        for assignment in assignments:
            self.fields[self.name_of(assignment)] = forms.DecimalField(
                label=f"{assignment.unit.name}（{assignment.get_role_display()}）",
                required=False,
                max_digits=7,
                decimal_places=2,
                min_value=Decimal("0.01"),
                initial=assignment.points,
                help_text=gettext("留空则按事项分值 %(points)s 分计") % {"points": f"{item_points.normalize():f}"},
                error_messages={
                    "invalid": _("请填写数字，如 5 或 7.5。"),
                    "min_value": _("单位分值须大于 0；留空则按事项分值计。"),
                    "max_digits": _("单位分值过大。"),
                    "max_whole_digits": _("单位分值过大。"),
                    "max_decimal_places": _("单位分值最多两位小数。"),
                },
            )

    @staticmethod
    def name_of(assignment: Assignment) -> str:
        return f"points_{assignment.pk}"

    def points(self) -> dict[Assignment, Decimal | None]:
        return {a: self.cleaned_data[self.name_of(a)] for a in self.assignments}


class HandOverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("接任人员"),
        queryset=Person.objects.filter(is_active=True).order_by("full_name", "username"),
        required=False,
        help_text=_("留空表示岗位暂时空缺：待办将等待新的在岗人员。"),
    )

    def __init__(self, *args, post: Post, people=None, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)
        self.fields["successor"].initial = post.holder_id
        if people is not None:  # the post's organisation's people
            self.fields["successor"].queryset = people

    def clean_successor(self):
        successor = self.cleaned_data["successor"]
        if successor is not None and successor.pk == self.post.holder_id:
            raise forms.ValidationError(_("接任人员与现任人员相同。"))
        return successor


class TransferForm(forms.Form):
    """转办: a colleague's post in the same unit. Any post is read here; the service says, in words,
    why one of another unit or without a holder cannot take the part."""

    post = forms.ModelChoiceField(
        label=_("转办给"),
        queryset=Post.objects.select_related("unit", "holder"),
        error_messages={"required": _("请选择转办给本单位的哪个岗位。"), "invalid_choice": _("所选岗位不存在。")},
    )
    note = forms.CharField(
        label=_("转办说明"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class InstructionForm(forms.Form):
    """批示: text, an optional date to act by, on the item or on one of its reports."""

    text = forms.CharField(
        label=_("批示内容"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("请填写批示内容。")},
    )
    due = forms.DateField(label=_("办理时限"), required=False, widget=DateInput())
    report = forms.IntegerField(required=False, widget=forms.HiddenInput())

    def clean_due(self) -> datetime.date | None:
        due = self.cleaned_data["due"]
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(_("办理时限不能早于今天。"))
        return due
