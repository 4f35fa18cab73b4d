"""The optional second factor (TOTP, django-otp): enrolment with a QR code, and the code at login.

Anyone may enrol (修改密码 → 两步验证). The office, the committee and the administrators must where
their organisation requires it (组织机构 → 登录安全) or everywhere with SECOND_FACTOR_REQUIRED (a floor
the organisations cannot lower): after the password every page sends them to enrol (first time) or to
type the code of their authenticator app, until they have. Whether one must is decided once at login
and kept in the session, so pages cost no query for it.
"""

from __future__ import annotations

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from responsibility.models import Post, Unit
from responsibility.organisation import root_of

ROLES = (Post.Role.OFFICE, Post.Role.COMMITTEE, Post.Role.ADMIN)


def required_for(user) -> bool:
    """Must ``user`` give a second factor: enrolled, or must enrol."""
    return user_has_device(user) or must_enrol(user)


def must_enrol(user) -> bool:
    """Is a second factor required of ``user``: a post of the office, the committee or the
    administrators in an organisation that requires it, or anywhere when SECOND_FACTOR_REQUIRED is on.
    Staff and superusers reach every organisation through the admin: required when any one requires it."""
    posts = Post.objects.filter(holder=user, role__in=ROLES).select_related("unit__parent")
    if settings.SECOND_FACTOR_REQUIRED:
        return user.is_staff or user.is_superuser or posts.exists()
    if user.is_staff or user.is_superuser:
        return Unit.objects.filter(parent__isnull=True, second_factor_required=True).exists()
    return any(root_of(post.unit).second_factor_required for post in posts)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def code_is_right(device: TOTPDevice, token: str) -> bool:
    """The code of ``device`` now, not used before, and not inside django-otp's pause after failures."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return device.verify_is_allowed()[0] and device.verify_token(token)


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("验证码"),
        regex=r"^\d{6}$",
        error_messages={"invalid": gettext_lazy("请输入验证器应用显示的 6 位数字。")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


@login_required
def verify(request):
    """After the password: the code of the authenticator app (or, not yet enrolled, to enrolment)."""
    if request.user.is_verified():
        return redirect("workflow:home")
    device = confirmed_device(request.user)
    if device is None:
        return redirect("second_factor_setup")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if code_is_right(device, form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(request.GET.get("next") or "workflow:home")
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    return render(request, "accounts/second_factor_verify.html", {"form": form})


@login_required
def setup(request):
    """Enrolment: a new secret as a QR code; it counts once a code from it has been typed back."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists() and not request.user.is_verified():
        return redirect("second_factor_verify")
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if code_is_right(device, form.cleaned_data["token"]):
            _confirm(device)
            otp_login(request, device)
            messages.success(request, _("两步验证已开启，以后登录时须输入验证码。"))
            return redirect("workflow:home")
        form.add_error("token", _("验证码不正确或已过期，请重新输入。"))
    qr = segno.make(device.config_url, error="m")
    context = {"form": form, "qr": qr.svg_inline(scale=5), "secret": _spaced(device)}
    return render(request, "accounts/second_factor_setup.html", context)


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=_("验证器应用"), confirmed=False)


@transaction.atomic
def _confirm(device: TOTPDevice) -> None:
    """The new device replaces any older one (a new phone). The account's API tokens end: they were
    given for the password alone, and the next ones need a code (POST /api/token/ with ``otp``)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    AuthToken.objects.filter(user=device.user).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


def _spaced(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
