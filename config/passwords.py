"""The password-change page (修改密码), and the first login's forced change.

An account the office created (or whose password it reset) has a one-time password that someone else
has seen; until its holder chooses his own, every page sends him to this one (the API answers 403),
except what he needs to get there: the page itself, logging out, the language switch.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

PASSWORD_EXPIRED = "luoshi:password_expired"
ALLOWED = ("password_change", "logout", "login", "set_language")


class OneTimePasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2 with fewer rounds, for one-time passwords only.

    Django's million rounds cost about 0.4 s a password on our two-core server: a roster of 1,000
    new people took 7½ minutes, beyond any request's time (13 s with these, 6 s of it hashing). A
    one-time password is random (about 57 bits,
    ``responsibility.accounts``), not a word someone chose, and lives until its first login, where
    Django stores it again with the default hasher and the holder must replace it; 20,000 rounds of
    PBKDF2 over 57 random bits still put a brute force out of reach.
    """

    algorithm = "pbkdf2_sha256_once"
    iterations = 20_000


def one_time_hash(password: str) -> str:
    try:
        return make_password(password, hasher=OneTimePasswordHasher.algorithm)
    except ValueError:  # not among settings.PASSWORD_HASHERS (tests use a fast hasher for all)
        return make_password(password)


class ChangeForm(PasswordChangeForm):
    def clean(self):
        data = super().clean()
        password = data.get("new_password2")
        if password and "new_password2" not in self.errors and self.user.check_password(password):
            self.add_error("new_password2", forms.ValidationError(_("新密码不能与原密码相同。"), code="unchanged"))
        return data


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's own page (its validators, as settings define them) in the project's templates."""

    form_class = ChangeForm
    template_name = "registration/password_change_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if settings.SINGLE_SESSION:
            from accounts.signals import remember_session  # accounts builds on this module

            remember_session(user, self.request.session)
        self.request.session.pop(PASSWORD_EXPIRED, None)
        if getattr(user, "must_change_password", False):
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("密码已修改。"))
        return response

    def get_success_url(self) -> str:
        return reverse("workflow:home")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and _must_change(request, user):
            refused = self._refused(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _refused(self, request):
        if _url_name(request.path_info) in ALLOWED:
            return None
        if getattr(request.user, "must_change_password", False):
            message = _("请先修改初始密码。")
        else:
            message = _("密码已超过 %(days)d 天未修改，请先修改密码。") % {"days": settings.PASSWORD_MAX_AGE_DAYS}
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "password_change_required"}, status=403)
        if request.method == "GET":
            messages.warning(request, message)
        return redirect("password_change")


def _must_change(request, user) -> bool:
    # Expiry is decided at login (accounts.signals) and kept in the session: no query per page.
    return getattr(user, "must_change_password", False) or bool(request.session.get(PASSWORD_EXPIRED))


def _url_name(path: str) -> str | None:
    # Middleware runs before the URL is resolved: resolve it here (a cached lookup).
    try:
        return resolve(path).url_name
    except Resolver404:
        return None
