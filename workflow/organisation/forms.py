"""The set-up pages' forms: what each checks before a unit, post or person is saved."""

from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from responsibility.accounts import normal_phone
from responsibility.models import Person, Post, Unit
from responsibility.roster import COLUMNS

from .access import Scope


class SecondFactorForm(forms.ModelForm):
    """登录安全: does the organisation require a second factor of its office, committee and administrators."""

    class Meta:
        model = Unit
        fields = ["second_factor_required"]

    def __init__(self, *args, floor: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if floor:
            # SECOND_FACTOR_REQUIRED: required everywhere, whatever the organisation chose.
            self.fields["second_factor_required"].disabled = True
            self.initial["second_factor_required"] = True


class UnitForm(forms.ModelForm):
    """Create, rename, move (上级单位) and order (排序) a unit of the organisation."""

    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "parent", "order"]
        help_texts = {"order": _("同一上级单位下按排序数字从小到大排列。")}

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scope = scope
        parent = self.fields["parent"]
        if self.instance.pk == scope.organisation.pk:
            del self.fields["parent"]  # the organisation is the top of its tree
            self.fields["kind"].disabled = True
            return
        below = scope.tree.below(self.instance) if self.instance.pk else set()
        parent.queryset = Unit.objects.filter(pk__in=[u.pk for u in scope.tree.rows if u.pk not in below])
        parent.label_from_instance = lambda unit: "　" * getattr(scope.tree.by_id.get(unit.pk), "depth", 0) + unit.name
        parent.required = not (self.instance.pk and self.instance.parent_id is None)
        parent.empty_label = _("（不属于本组织的单位树：区直部门）") if not parent.required else None
        if not self.instance.pk:
            parent.initial = scope.organisation.pk

    def clean(self):
        data = super().clean()
        name = data.get("name")
        if name:
            same = [u for u in self.scope.tree.units if u.name == name and u.pk != self.instance.pk]
            if same:
                where = same[0].parent.name if same[0].parent_id else _("区直部门")
                self.add_error(
                    "name", _("本组织已有名为“%(name)s”的单位（在“%(where)s”下）。") % {"name": name, "where": where}
                )
        return data


class PostForm(forms.ModelForm):
    """A post of a unit and its role; its holder changes by 人员交接 (the tasks move with it)."""

    holder = forms.ModelChoiceField(
        label=_("在岗人员"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("可留空，之后在“人员交接”中指定。"),
    )

    class Meta:
        model = Post
        fields = ["title", "role"]

    def __init__(self, *args, unit: Unit, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        if self.instance.pk:
            del self.fields["holder"]
        else:
            self.fields["holder"].queryset = scope.people().filter(is_active=True).order_by("full_name", "username")

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if Post.objects.filter(unit=self.unit, title=title).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("“%(unit)s”已有岗位“%(title)s”。") % {"unit": self.unit.name, "title": title})
        return title


class PersonForm(forms.ModelForm):
    """A person's name, mobile number and e-mail; a new one also his login name."""

    class Meta:
        model = Person
        fields = ["full_name", "phone", "email", "username"]
        labels = {"phone": _("手机"), "email": _("邮箱"), "username": _("登录名")}
        help_texts = {"username": _("留空则使用手机号登录。")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["phone"].required = not self.instance.pk or bool(self.instance.phone)
        if self.instance.pk:
            del self.fields["username"]
        else:
            self.fields["username"].required = False
            self.fields["username"].validators = [UnicodeUsernameValidator()]

    def clean_phone(self):
        text = self.cleaned_data["phone"].strip()
        if not text:
            return ""
        phone = normal_phone(text)
        other = Person.objects.filter(phone=phone).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise ValidationError(_("手机号 %(phone)s 已是“%(person)s”的手机号。") % {"phone": phone, "person": other})
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email:
            taken = Person.objects.annotate(address=Lower("email")).filter(address=email.lower())
            other = taken.exclude(pk=self.instance.pk).first()
            if other is not None:
                raise ValidationError(_("邮箱“%(email)s”已是“%(person)s”的邮箱。") % {"email": email, "person": other})
        return email

    def clean_username(self):
        username = self.cleaned_data.get("username", "").strip()
        if username and Person.objects.filter(username=username).exists():
            raise ValidationError(_("登录名“%(username)s”已被使用。") % {"username": username})
        return username

    def clean(self):
        data = super().clean()
        if not self.instance.pk and not data.get("username") and not data.get("phone") and not self.errors:
            self.add_error("username", _("请填写手机号或登录名。"))
        return data


class NewPersonForm(PersonForm):
    post = forms.ModelChoiceField(
        label=_("岗位"),
        queryset=Post.objects.none(),
        required=False,
        help_text=_("可留空，之后在人员页面指定。所选岗位已有在岗人员的，将移交给此人。"),
    )

    def __init__(self, *args, scope: Scope, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = (
            scope.posts().select_related("unit", "holder").order_by("unit__order", "unit_id", "id")
        )


class AssignForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("岗位"),
        queryset=Post.objects.none(),
        error_messages={"required": _("请选择岗位。"), "invalid_choice": _("所选岗位不存在。")},
    )

    def __init__(self, *args, scope: Scope, person: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        posts = scope.posts().exclude(holder=person).select_related("unit", "holder")
        self.fields["post"].queryset = posts.order_by("unit__order", "unit_id", "id")


class RosterForm(forms.Form):
    file = forms.FileField(label=_("人员名册（.xlsx）"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("列：%(columns)s") % {"columns": " | ".join(COLUMNS)}
