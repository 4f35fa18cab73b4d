"""Forms of the import and review pages."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .importing.headers import doc_number_of
from .models import Category, Post, ResponsibilityItem, Unit, WorkPlan


class UnitCheckboxes(forms.CheckboxSelectMultiple):
    """Units as check boxes (in a multiple select one plain click drops every other unit), with a
    search box above them where scripts run (``static/js/choices.js``): a street has dozens of units.
    The pages that show it render ``{{ form.media }}``."""

    class Media:
        js = ["js/choices.js"]

    def __init__(self, attrs=None) -> None:
        # The wrapper takes the class; every box carries the search box's label for the script.
        super().__init__({"class": "choices searchable", "data-search": _("搜索单位"), **(attrs or {})})


def _organisations():
    return Unit.objects.filter(kind=Unit.Kind.ORGANISATION)


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("单位"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=200, required=False, help_text=_("留空则使用文件中的标题"))
    file = forms.FileField(label=_("文件"), required=False)
    text = forms.CharField(label=_("或粘贴文本"), required=False, widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        """``organisations``: those the user may import for (his office's); every one if not given."""
        super().__init__(*args, **kwargs)
        self._organisations = _organisations() if organisations is None else organisations
        self.fields["organisation"].queryset = self._organisations
        size = filesizeformat(settings.IMPORT_MAX_BYTES)
        self.fields["file"].help_text = _(
            "支持 .docx、.doc、.wps、.xlsx、.pdf（含扫描件）、.txt、.md 和页面照片（.png、.jpg）；上限 %(size)s"
        ) % {"size": size}
        if not self.is_bound:
            self.fields["year"].initial = datetime.date.today().year
            organisations = list(self._organisations[:2])
            if len(organisations) == 1:
                self.fields["organisation"].initial = organisations[0].pk

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError(_("请选择文件，或粘贴工作要点文本。"))
        if upload and text:
            raise forms.ValidationError(_("请只选择一种方式：上传文件或粘贴文本。"))
        if upload and upload.size > settings.IMPORT_MAX_BYTES:
            self.add_error(
                "file",
                _("文件“%(name)s”超过大小上限 %(size)s。")
                % {"name": upload.name, "size": filesizeformat(settings.IMPORT_MAX_BYTES)},
            )
        data["text"] = text
        return data


class ItemEditForm(forms.ModelForm):
    """Everything the office may correct on an imported item before publishing."""

    class Meta:
        model = ResponsibilityItem
        fields = [
            "number",
            "title",
            "content",
            "target",
            "category",
            "points",
            "lead_leader_post",
            "lead_unit",
            "responsible_units",
            "cooperating_units",
            "responsible_post",
            "deadline",
            "ongoing",
            "deadline_text",
            "report_cadence",
            "report_day",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 6}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            # Check boxes: in a multiple select one plain click drops every other unit.
            "responsible_units": UnitCheckboxes(),
            "cooperating_units": UnitCheckboxes(),
        }
        help_texts = {"content": _("段落之间空一行；“拆分”按段落拆分事项。")}

    groups = forms.MultipleChoiceField(
        label=_("单位组"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        help_text=_("部署时展开为该类全部单位；取消勾选即不再按单位组交办。"),
    )

    def __init__(self, *args, units=None, posts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        plan = self.instance.plan
        self.fields["category"].queryset = Category.objects.filter(plan=plan)
        for name in ("lead_unit", "responsible_units", "cooperating_units"):
            self.fields[name].queryset = units
        for name in ("lead_leader_post", "responsible_post"):
            self.fields[name].queryset = posts
        # The group words the import kept (各社区): the office may drop one, e.g. a group the
        # organisation has no unit of, which deploy would refuse.
        written = [(field, word) for field, words in (self.instance.unit_groups or {}).items() for word in words]
        if not written:
            del self.fields["groups"]
            return
        labels = _group_labels()
        self.fields["groups"].choices = [(f"{field}:{word}", f"{labels[field]}：{word}") for field, word in written]
        self.fields["groups"].initial = [value for value, _label in self.fields["groups"].choices]

    def clean_groups(self) -> list[str]:
        kept: dict[str, list[str]] = {}
        for value in self.cleaned_data["groups"]:
            field, word = value.split(":", 1)
            kept.setdefault(field, []).append(word)
        self.instance.unit_groups = kept  # saved with the row (the field is not one of the form's own)
        return self.cleaned_data["groups"]

    def clean_content(self) -> str:
        return _unix_lines(self.cleaned_data["content"])

    def clean_target(self) -> str:
        return _unix_lines(self.cleaned_data["target"])


def _group_labels() -> dict[str, str]:
    return {
        name: ResponsibilityItem._meta.get_field(name).verbose_name
        for name in ("responsible_units", "cooperating_units")
    }


def _unix_lines(text: str) -> str:
    """Browsers send line breaks as \r\n; paragraphs are told apart by a blank line, so keep one form."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class PlanDetailsForm(forms.Form):
    """What the import read from the document's frame and the office may correct before publishing."""

    title = forms.CharField(label=_("标题"), max_length=200)
    doc_number = forms.CharField(
        label=_("文号"), max_length=100, required=False, help_text=_("如“某政办发〔2024〕3号”；没有可留空")
    )
    year = forms.IntegerField(
        label=_("年度"),
        min_value=2000,
        max_value=2100,
        help_text=_("改动年度时，原文未写年份的完成时限和时间节点随之改到新的年度。"),
    )
    claim_needs_evidence = forms.BooleanField(
        label=WorkPlan._meta.get_field("claim_needs_evidence").verbose_name,
        required=False,
        help_text=WorkPlan._meta.get_field("claim_needs_evidence").help_text,
    )
    claim_needs_indicator_values = forms.BooleanField(
        label=WorkPlan._meta.get_field("claim_needs_indicator_values").verbose_name,
        required=False,
        help_text=WorkPlan._meta.get_field("claim_needs_indicator_values").help_text,
    )
    extension_max_days = forms.IntegerField(
        label=WorkPlan._meta.get_field("extension_max_days").verbose_name,
        min_value=1,
        max_value=1000,
        required=False,  # blank: as it was
        help_text=WorkPlan._meta.get_field("extension_max_days").help_text,
    )

    FRAME = ("title", "doc_number", "year")  # read from the document: fixed once the plan is published

    @classmethod
    def of(cls, plan, data=None, *, frame_editable: bool = True) -> PlanDetailsForm:
        initial = {
            "title": plan.title,
            "doc_number": doc_number_of(plan.headers or {}),
            "year": plan.year,
            "claim_needs_evidence": plan.claim_needs_evidence,
            "claim_needs_indicator_values": plan.claim_needs_indicator_values,
            "extension_max_days": plan.extension_max_days,
        }
        form = cls(data, initial=initial)
        for name in cls.FRAME:
            form.fields[name].disabled = not frame_editable
        return form

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class NameMappingForm(forms.Form):
    """One unknown name: match it to a unit or post, create a unit, or leave it as text."""

    ACTIONS = [("map", _("对应到已有单位/岗位")), ("create", _("新建单位")), ("ignore", _("不对应，保留原文"))]

    field = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("处理方式"), choices=ACTIONS)
    unit = forms.TypedChoiceField(label=_("单位"), coerce=int, empty_value=None, required=False)
    post = forms.TypedChoiceField(label=_("岗位"), coerce=int, empty_value=None, required=False)
    kind = forms.ChoiceField(label=_("新单位类型"), choices=Unit.Kind.choices, required=False)

    def __init__(self, *args, units: list[Unit] = (), posts: list[Post] = (), **kwargs) -> None:
        # The review page shows one form per unknown name: the units and posts come in as lists
        # read once for the page, not as querysets each form would read again.
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.posts = {post.pk: post for post in posts}
        self.fields["unit"].choices = [("", "---------"), *((pk, str(unit)) for pk, unit in self.units.items())]
        self.fields["post"].choices = [("", "---------"), *((pk, str(post)) for pk, post in self.posts.items())]
        if self.initial.get("field") in ("lead_leaders", "persons"):
            # People are not created here: a name either is a post's holder or stays as written.
            self.fields["action"].choices = [choice for choice in self.ACTIONS if choice[0] != "create"]

    def clean_unit(self) -> Unit | None:
        pk = self.cleaned_data["unit"]
        return self.units[pk] if pk is not None else None

    def clean_post(self) -> Post | None:
        pk = self.cleaned_data["post"]
        return self.posts[pk] if pk is not None else None

    def clean(self):
        data = super().clean()
        is_unit = data.get("field") in ("lead_units", "responsible_units", "cooperating_units")
        if data.get("action") == "map":
            if is_unit and not data.get("unit"):
                self.add_error("unit", _("请选择单位。"))
            if not is_unit and not data.get("post"):
                self.add_error("post", _("请选择岗位。"))
        if data.get("action") == "create" and not is_unit:
            raise forms.ValidationError(_("人员请在“岗位与人员”中维护，这里只能对应到已有岗位。"))
        if data.get("action") == "create" and not data.get("kind"):
            self.add_error("kind", _("请选择新单位的类型。"))
        return data


class SplitForm(forms.Form):
    paragraph = forms.TypedChoiceField(label=_("从哪一段开始拆分为新事项"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, paragraphs=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [(index, text[:80]) for index, text in enumerate(paragraphs)]
