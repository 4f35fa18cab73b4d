"""The access log's writers and its filter: every file the site sends (evidence, exports, annual and
quarterly documents) and every login and failed login, with who, what, when and from where.

Files are recognised by the response, not listed per view: anything sent with a
``Content-Disposition`` (all downloads and previews go through FileResponse or
config.downloads.attachment) is a sensitive read, so a new export is logged without anyone
remembering to."""

from __future__ import annotations

from django import forms
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import QuerySet
from django.dispatch import receiver
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext_lazy

from .models import AccessRecord

Kind = AccessRecord.Kind
PAGE_SIZE = 50


def client_address(request) -> str | None:
    """The address the request came from, as the login protection reads it (TRUSTED_PROXIES)."""
    from accounts.client import client_ip

    return client_ip(request) or None


def record(request, kind: str, what: str = "", user=None, username: str = "") -> AccessRecord:
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    meta = request.META if request is not None else {}
    return AccessRecord.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user is not None else username)[:150],
        what=what[:300],
        path=request.get_full_path()[:500] if request is not None else "",
        address=client_address(request) if request is not None else None,
        user_agent=meta.get("HTTP_USER_AGENT", "")[:300],
    )


def sent_file_name(response) -> str | None:
    """The file name a response sends, or None if it sends no file."""
    header = response.get("Content-Disposition")
    if not header:
        return None
    _disposition, params = parse_header_parameters(header)
    return params.get("filename", "")


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200:
            name = sent_file_name(response)
            if name is not None:
                record(request, Kind.DOWNLOAD, what=name)
        return response


@receiver(user_logged_in, dispatch_uid="access_log_login")
def _logged_in(sender, request, user, **kwargs) -> None:
    record(request, Kind.LOGIN, user=user)


@receiver(user_login_failed, dispatch_uid="access_log_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(request, Kind.LOGIN_FAILED, username=str(credentials.get("username", "")))


DATE = forms.DateInput(attrs={"type": "date"})


class AccessFilter(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("类别"), choices=[("", gettext_lazy("全部")), *Kind.choices], required=False
    )
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=150, required=False)
    address = forms.CharField(label=gettext_lazy("来源地址"), max_length=45, required=False)
    since = forms.DateField(label=gettext_lazy("起始日期"), required=False, widget=DATE)
    until = forms.DateField(label=gettext_lazy("截止日期"), required=False, widget=DATE)


def filtered(data: dict) -> QuerySet[AccessRecord]:
    records = AccessRecord.objects.all()
    if data.get("kind"):
        records = records.filter(kind=data["kind"])
    if data.get("username"):
        records = records.filter(username__icontains=data["username"])
    if data.get("address"):
        records = records.filter(address__startswith=data["address"])
    if data.get("since"):
        records = records.filter(at__date__gte=data["since"])
    if data.get("until"):
        records = records.filter(at__date__lte=data["until"])
    return records


def cleaned(form: AccessFilter) -> dict:
    """The filters given rightly (one given wrongly shows its error and is left out)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
