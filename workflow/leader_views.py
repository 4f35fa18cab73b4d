"""The leaders' pages: the lead leader's board, 批示, and 已阅 on what was sent to people."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from responsibility import permissions
from responsibility.models import ProgressReport

from . import board, instructions
from .forms import InstructionForm
from .views import _get_item_for_user, board_page, item_detail


@login_required
def leader_board(request):
    """我牵头的事项: the supervision board of the items the user leads, with their lights."""
    if not permissions.leads_items(request.user):
        raise Http404
    form = board.LeaderBoardFilter(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    items = board.led_items(request.user, data)
    parts = board.led_parts(request.user, data)
    return render(request, "workflow/leader_board.html", board_page(request, form, items, parts))


@login_required
@require_POST
def instruct(request, pk: int):
    """批示 on the item, or (``report``) on one of its progress reports."""
    item = _get_item_for_user(request, pk)
    if not permissions.can_instruct(request.user, item):
        raise PermissionDenied
    form = InstructionForm(request.POST)
    if not form.is_valid():  # the item's page again, the text kept and the errors under its fields
        return item_detail(request, item.pk, instruction_form=form)
    report = None
    if form.cleaned_data["report"]:
        report = get_object_or_404(ProgressReport, pk=form.cleaned_data["report"], item=item)
    data = form.cleaned_data
    try:
        instructions.instruct(item, request.user, data["text"], data["due"], report)
    except instructions.InstructionRefused as refusal:
        messages.warning(request, str(refusal))
    else:
        messages.success(request, _("已批示，责任人和党政办将收到通知。"))
    return redirect(_instructions_of(item.pk))


def _instructions_of(item_pk: int) -> str:
    return reverse("workflow:item", args=[item_pk]) + "#instructions"


@login_required
@require_POST
def event_read(request, pk: int, event_pk: int):
    """已阅: a recipient acknowledges a 批示 or a 督办通知单 of an item he may see."""
    item = _get_item_for_user(request, pk)
    event = instructions.sent_event(item, event_pk)
    instructions.mark_read(event, request.user)
    messages.success(request, _("已阅。"))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(reverse("workflow:item", args=[item.pk]) + f"#event-{event.pk}")
