"""Per request, for a logged-in browser: the idle timeout, and the second factor when it is owed."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.passwords import _url_name

from .signals import LAST_SEEN, SECOND_FACTOR_REQUIRED

# The session is written again at most this often to move its expiry on (not on every request).
TOUCH_SECONDS = 60
SECOND_FACTOR_PAGES = ("second_factor_verify", "second_factor_setup", "logout", "set_language")


class LoginSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            refused = self._idle(request) or self._second_factor(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _idle(self, request):
        now = time.time()
        last = request.session.get(LAST_SEEN)
        if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
            logout(request)
            message = _("长时间未操作，已自动退出，请重新登录。")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "session_expired"}, status=401)
            messages.info(request, message)
            return redirect_to_login(request.get_full_path())
        if last is None or now - last > TOUCH_SECONDS:
            request.session[LAST_SEEN] = now
        return None

    def _second_factor(self, request):
        if not request.session.get(SECOND_FACTOR_REQUIRED) or request.user.is_verified():
            return None
        if _url_name(request.path_info) in SECOND_FACTOR_PAGES:
            return None
        message = _("请先完成两步验证。")
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "second_factor_required"}, status=403)
        return redirect("second_factor_verify")
