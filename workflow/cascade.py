"""上级交办 in the flow (issue 18, cascade): an organisation's office decomposes its part of a higher
organisation's item into items of its own, which start their own flow waiting to be deployed.

The facts (which post receives the part, the plan of incoming work, the roll-up, the claim's text)
are ``responsibility.cascade``'s; this module holds the door that checks the rights and the pages.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility import cascade, permissions
from responsibility.models import Assignment, ResponsibilityItem
from responsibility.scope import forget

from . import services

MAX_ITEMS = 50


class Refused(Exception):
    """The part cannot be decomposed now; the message says why, in Chinese."""


def may_decompose(user, assignment: Assignment) -> bool:
    """The organisation's part is decomposed by the organisation: by whoever holds the part (its
    post, or the post it is lent to by 转办 within the organisation), or by its office (a role that
    deploys in that organisation, wherever the part is lent). Nobody else: not the higher
    organisation, whose office deploys only in its own. The items made wait for the organisation's
    office to deploy them, whoever made them."""
    if not cascade.is_organisation(assignment.unit):
        return False
    return permissions.reaches(user, permissions.DEPLOY, assignment.unit_id) or permissions.acts_for(user, assignment)


def decompose(assignment: Assignment, user, titles: list[str]) -> list[ResponsibilityItem]:
    """Make the organisation's own items of ``assignment``; each waits for its office to deploy it.
    All or nothing, with the part's row locked (two clicks make one set of items)."""
    if not may_decompose(user, assignment):
        raise PermissionDenied
    with transaction.atomic():
        parts = Assignment.objects.select_for_update(of=("self",))
        locked = parts.select_related("unit", "item__plan__organisation", "post").get(pk=assignment.pk)
        if locked.status not in cascade.DECOMPOSABLE:
            message = _("只有已签收、尚未申请办结的上级交办事项才能分解（当前：%(status)s）。")
            raise Refused(message % {"status": locked.get_status_display()})
        made = cascade.create_items(locked, titles)
        forget(user)  # the plan of incoming work may have just been made: read the user's reach again
        cascade.record_decomposition(locked, made, user)
        for item in made:
            services.start(item, user)  # the right checked above: the holder of a lent part may
        return made


class DecomposeForm(forms.Form):
    titles = forms.CharField(
        label=gettext_lazy("本单位事项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("每行一项，写明本单位承担的具体任务；分解后在“我的待办”中部署到本单位的责任单位。"),
    )

    def clean_titles(self) -> list[str]:
        titles = [line.strip() for line in self.cleaned_data["titles"].splitlines() if line.strip()]
        if len(titles) > MAX_ITEMS:
            raise forms.ValidationError(_("一次最多分解 %(count)s 项。") % {"count": MAX_ITEMS})
        too_long = [t for t in titles if len(t) > 300]
        if too_long:
            raise forms.ValidationError(_("每项不超过300字：“%(title)s…”。") % {"title": too_long[0][:20]})
        if not titles:
            raise forms.ValidationError(_("请至少填写一项。"))
        return titles


@login_required
def decompose_page(request, pk: int, assignment_pk: int):
    """分解到本单位责任清单: the organisation's office turns its part into items of its own list."""
    item = get_object_or_404(permissions.visible_items(request.user).select_related("plan"), pk=pk)
    assignment = get_object_or_404(Assignment.objects.select_related("unit", "post"), pk=assignment_pk, item=item)
    assignment.item = item
    if not may_decompose(request.user, assignment):
        raise PermissionDenied
    form = DecomposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = decompose(assignment, request.user, form.cleaned_data["titles"])
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            message = _("已分解为本单位事项 %(count)s 项，请在“我的待办”中部署交办。") % {"count": len(made)}
            messages.success(request, message)
        return redirect(reverse("workflow:item", args=[item.pk]) + "#units")
    context = {"item": item, "assignment": assignment, "form": form, "items": _shown(request.user, assignment)}
    return render(request, "workflow/decompose.html", context)


def _shown(user, assignment: Assignment) -> list[ResponsibilityItem]:
    """The part's items, each linked only for those who may see it (a holder of a lent part made
    them, but they are the office's drafts until deployed)."""
    made = cascade.cascaded(assignment)
    visible = permissions.visible_items(user).filter(pk__in=[i.pk for i in made]).values_list("pk", flat=True)
    visible = set(visible) if made else set()
    for i in made:
        i.visible_here = i.pk in visible
    return made


def attach(user, assignments: list[Assignment]) -> None:
    """On the item page's 承办单位 card: each organisation's part with its own items (each linked
    only for those who may see it), their roll-up, and whether ``user`` may decompose it now."""
    parts = [a for a in assignments if cascade.is_organisation(a.unit)]
    for a in assignments:
        a.cascade = None
    if not parts:
        return
    made = ResponsibilityItem.objects.filter(source_assignment__in=parts).select_related("plan")
    made = list(made.order_by("order", "id"))
    visible = set(permissions.visible_items(user).filter(pk__in=[i.pk for i in made]).values_list("pk", flat=True))
    for a in parts:
        own = [i for i in made if i.source_assignment_id == a.pk]
        for i in own:
            i.visible_here = i.pk in visible
        a.cascade = {
            "items": own,
            "rollup": cascade.rollup(own),
            "may_decompose": a.status in cascade.DECOMPOSABLE and may_decompose(user, a),
        }


def source_of(user, item: ResponsibilityItem) -> Assignment | None:
    """The higher organisation's part this item was made from, if ``user`` may see that item."""
    if item.source_assignment_id is None:
        return None
    source = Assignment.objects.select_related("item__plan__organisation", "unit").get(pk=item.source_assignment_id)
    return source if permissions.can(user, permissions.VIEW, source.item) else None
