"""What a locked-out login sees (django-axes' AXES_LOCKOUT_CALLABLE): a page, or the API's error shape."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def message() -> str:
    return _("登录失败次数过多，该账号或地址已被锁定 %(minutes)d 分钟。如需提前解锁，请联系党政办。") % {
        "minutes": settings.LOGIN_COOLOFF_MINUTES
    }


def response(request, original_response=None, credentials=None):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message(), "code": "locked_out"}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message()}, status=429)
