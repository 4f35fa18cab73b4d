"""The pages of batch work (批量部署, 批量签收, 批量催办): pick on a list, confirm what will happen to
each item, then do all or nothing. Thin: ``workflow.batch`` decides."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import batch
from .forms import BatchDeployForm, UrgeForm


def _picked(request, name: str) -> list[int] | None:
    """The ids picked on the list (a GET from the list, then hidden on the confirmation page);
    None, with a message, when there are none or too many."""
    source = request.POST if request.method == "POST" else request.GET
    picked = batch.ids(source.getlist(name))
    if not picked:
        messages.warning(request, _("请先勾选要批量办理的事项。"))
        return None
    if len(picked) > batch.MAX_ITEMS:
        messages.warning(request, _("一次最多批量办理 %(max)s 项，请分批办理。") % {"max": batch.MAX_ITEMS})
        return None
    return picked


def _lines(compute):
    """``compute()``'s lines; an item one may not see is a 404 (PermissionDenied passes as 403)."""
    try:
        return compute()
    except batch.NotVisible as exc:
        raise Http404 from exc


def _confirm_page(request, context: dict, status: int = 200):
    lines = context["lines"]
    context.setdefault("refused", batch.refused(lines))
    return render(request, "workflow/batch_confirm.html", context, status=status)


@login_required
def batch_accept(request):
    """签收 several tasks of 我的待办 at once."""
    picked = _picked(request, "task")
    if picked is None:
        return redirect("workflow:my_tasks")
    context = {"action": "accept", "title": _("批量签收"), "button": _("确认签收"), "field": "task", "ids": picked}
    if request.method != "POST":
        return _confirm_page(request, {**context, "lines": _lines(lambda: batch.accept_lines(request.user, picked))})
    try:
        lines = _lines(lambda: batch.accept(request.user, picked))
    except batch.Refused as refusal:
        return _refused_page(request, context, refusal)
    messages.success(request, _("已签收 %(count)s 项。") % {"count": len(lines)})
    return redirect("workflow:my_tasks")


@login_required
def batch_deploy(request):
    """部署 several items of 我的待办 at once, with shared settings."""
    picked = _picked(request, "task")
    if picked is None:
        return redirect("workflow:my_tasks")
    context = {"action": "deploy", "title": _("批量部署"), "button": _("确认部署"), "field": "task", "ids": picked}
    form = BatchDeployForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():  # first the shared settings, shown with the items picked
        lines = _lines(lambda: batch.deploy_lines(request.user, picked))
        return render(request, "workflow/batch_deploy.html", {**context, "form": form, "lines": lines})
    context.update(form=form, settings=form.chosen())
    if "confirm" not in request.POST:
        lines = _lines(lambda: batch.deploy_lines(request.user, picked, form.shared()))
        return _confirm_page(request, {**context, "lines": lines})
    try:
        lines = _lines(lambda: batch.deploy(request.user, picked, form.shared()))
    except batch.Refused as refusal:
        return _refused_page(request, context, refusal)
    messages.success(request, _("已部署交办 %(count)s 项。") % {"count": len(lines)})
    return redirect("workflow:my_tasks")


@login_required
def batch_urge(request):
    """催办 several items of the supervision board at once, with one note."""
    picked = _picked(request, "item")
    if picked is None:
        return redirect("workflow:board")
    context = {"action": "urge", "title": _("批量催办"), "button": _("确认催办"), "field": "item", "ids": picked}
    form = UrgeForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if not form.is_valid():
        if form.is_bound:
            messages.error(request, _("请填写催办内容。"))
        return _confirm_page(request, {**context, "lines": _lines(lambda: batch.urge_lines(request.user, picked))})
    try:
        lines = _lines(lambda: batch.urge_all(request.user, picked, form.cleaned_data["note"]))
    except batch.Refused as refusal:
        return _refused_page(request, context, refusal)
    messages.success(request, _("已催办 %(count)s 项，责任人将收到通知。") % {"count": len(lines)})
    return redirect("workflow:board")


def _refused_page(request, context: dict, refusal: batch.Refused):
    """Nothing was done: the confirmation page again, each refused item with its reason."""
    messages.error(request, str(refusal))
    return _confirm_page(request, {**context, "lines": refusal.lines}, status=409)
