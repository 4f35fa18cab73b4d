"""登录锁定: the office sees which accounts and addresses are locked out and can lift a lockout early.

django-axes keeps a row per account, address and browser; a lock is the sum of an account's rows
(whatever the address) or of an address's rows (whatever the account) reaching the limit.
"""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from responsibility.organisation import managed_by, names_of, people_in
from responsibility.permissions import can_manage_organisation

KINDS = {"username": gettext_lazy("账号"), "ip_address": gettext_lazy("地址")}


def _office_only(request) -> None:
    if not can_manage_organisation(request.user):
        raise PermissionDenied


def _recent(user):
    return _attempts_of(user).filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def _attempts_of(user):
    """The attempts an office may see and lift: under its own organisations' people's names, or under
    names nobody has (guesses); never another organisation's people's. A superuser's: all."""
    attempts = AccessAttempt.objects.all()
    if user.is_superuser:
        return attempts
    return attempts.filter(names_of(people_in(managed_by(user))))


def locked(user) -> list[dict]:
    rows = []
    for field, label in KINDS.items():
        totals = (
            _recent(user)
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        rows += [{"kind": field, "label": label, "value": t[field], **t} for t in totals]
    return rows


@login_required
def lockout_list(request):
    _office_only(request)
    return render(request, "accounts/lockouts.html", {"locks": locked(request.user)})


@login_required
@require_POST
def unlock(request):
    _office_only(request)
    kind, value = request.POST.get("kind"), request.POST.get("value", "")
    if kind not in KINDS or not value:
        raise Http404
    # The attempt rows are the lock: without them the account or the address starts from nothing.
    deleted, _rows = _attempts_of(request.user).filter(**{kind: value}).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("已解除%(kind)s %(value)s 的登录锁定。") % {"kind": KINDS[kind], "value": value})
    return redirect("lockouts")
