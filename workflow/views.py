"""Pages: thin views that parse the request, call services, and render."""

from __future__ import annotations

import datetime
from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Value, prefetch_related_objects
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST
from viewflow.workflow.models import Task

from assessment import item_score
from assessment.explain import year_end_of
from assessment.models import Verification
from config.downloads import attachment
from config.uploads import too_large_message
from responsibility import contributions, deadlines, permissions
from responsibility.assignments import branches, standing, weigh
from responsibility.cascade import is_organisation, may_hold, own_units
from responsibility.evidence_files import held_message
from responsibility.exports import views as exports_views
from responsibility.models import (
    Assignment,
    Closing,
    Evidence,
    Indicator,
    ItemEvent,
    ItemStatus,
    PlanImport,
    Post,
    ProgressReport,
    ResponsibilityItem,
    Unit,
    attach_ancestors,
    outline,
)
from responsibility.organisation import Tree, people_in

from . import (
    board,
    board_export,
    cascade,
    escalation,
    escalation_notice,
    inbox,
    instructions,
    lists,
    previews,
    services,
    summary,
    task_lists,
    workspace,
)
from .board_export import BoardExport
from .forms import EscalateForm, HandOverForm, InstructionForm, TransferForm, UnitPointsForm, UrgeForm
from .models import Delivery, Notification
from .notifications import queue_delivery
from .organisation import access as org_access
from .organisation import services as org_services


def _get_item_for_user(request, pk: int) -> ResponsibilityItem:
    """The item if the user may see it; otherwise 404, so its existence is not revealed."""
    visible = permissions.visible_items(request.user)
    # The headings above the item (一、 › （一）) come with it, without a query per level.
    related = visible.select_related("plan", "category", "parent__parent__parent", "lead_unit")
    item = get_object_or_404(related.defer(*_headings_unread()), pk=pk)
    _attach_posts(item)
    return item


# What a heading above an item shows (its number and title, and the heading above it), as
# ``attach_ancestors`` reads them: read whole, the three were 150 of the item query's 200 columns.
HEADING_FIELDS = {"id", "plan", "parent", "order", "number", "title", "is_heading"}


@cache
def _headings_unread() -> list[str]:
    """The columns of the three headings above an item that the item's pages leave unread."""
    rest = [field.name for field in ResponsibilityItem._meta.concrete_fields if field.name not in HEADING_FIELDS]
    return [f"{'parent__' * level}{name}" for level in (1, 2, 3) for name in rest]


ITEM_POSTS = ("lead_leader_post", "responsible_post", "inspector_post", "assessor_post")


def _attach_posts(item: ResponsibilityItem) -> None:
    """The item's posts, each with its unit and holder, in one query of their own: joined to the
    item's (18 tables) they cost PostgreSQL more to plan, and Django more to compile, than the read."""
    ids = {getattr(item, f"{name}_id") for name in ITEM_POSTS} - {None}
    found = Post.objects.select_related("unit", "holder").in_bulk(ids) if ids else {}
    for name in ITEM_POSTS:
        post = found.get(getattr(item, f"{name}_id"))
        if post is not None:  # a post left blank reads as None without a query
            setattr(item, name, post)


def _get_task_for_user(request, task_pk: int) -> tuple[Task, ResponsibilityItem]:
    task = get_object_or_404(Task.objects.select_related("process", "owner"), pk=task_pk)
    if task.process.flow_class is not services.ItemFlow:
        raise Http404
    item = _get_item_for_user(request, task.process.artifact_object_id)
    return task, item


@login_required
def home(request):
    """The workspace (工作台): a section for each role the user holds; nothing for someone without a post."""
    space = workspace.build(request.user, request.GET.get("plan"))
    return render(request, "workflow/workspace.html", {"space": space, "today": timezone.localdate()})


@login_required
def my_tasks(request):
    tasks = services.my_tasks(request.user)
    counted = task_lists.counts(tasks.all)
    titles = {name: str(getattr(services.ItemFlow, name).task_title) for name, _back in counted}
    steps = sorted(titles.items(), key=lambda step: step[1])
    step, q = request.GET.get("step", ""), request.GET.get("q", "").strip()[:50]
    tasks = tasks.map(lambda part: task_lists.matching(task_lists.of_steps(part, step) if step else part, q))
    paginator = Paginator(tasks, lists.PAGE_SIZE)
    if not q:  # the steps' counts are the pager's: no second count
        paginator.count = task_lists.total(counted, *([step] if step else []))
    page = paginator.get_page(request.GET.get("page"))
    rows = services.with_items(page.object_list)
    attach_ancestors(row.item for row in rows)
    context = {
        "rows": rows,
        "page": page,
        "steps": steps,
        "step": step,
        "q": q,
        "query": lists.query_without_page(request),
        "today": timezone.localdate(),
        "waiting": _waiting_tasks(request.user),
        # The steps of the page that may be done several at once (批量签收, 批量部署).
        "batch_steps": sorted({row.task.flow_task.name for row in rows} & {"accept", "deploy"}),
    }
    return render(request, "workflow/my_tasks.html", context)


def _waiting_tasks(user) -> list:
    """The office's pool of work nobody holds (a vacant post's steps, 人走事不断): to see the items,
    one needs to see every item; to fill the posts, to manage them."""
    if not (permissions.can_manage_posts(user) and user.has_perm(permissions.perm(permissions.VIEW))):
        return []
    rows = org_services.waiting_tasks(user)
    attach_ancestors(row.item for row in rows)
    return rows


@login_required
def item_list(request):
    """The items the user may see, under their headings, a page at a time. Headings are shown for
    their number and title only, so an official sees where their items sit without seeing anyone
    else's."""
    visible = lists.visible_by_plan(request.user)
    form = lists.ItemFilter(request.GET or None, visible=visible)
    data = {}
    if form.is_bound:
        form.is_valid()  # a filter given wrongly is shown with its error and left out; the others apply
        data = form.cleaned_data
    items = (
        lists.rows(lists.filter_items(visible.items.filter(is_heading=False), data, request.user, timezone.localdate()))
        # The newest plan first, off the ``list_order`` index: "plan" (WorkPlan's -year) joined and
        # sorted every item the reader may see.
        .order_by("-plan_id", "order", "id")
    )
    page = Paginator(items, lists.PAGE_SIZE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    # Each row's plan is one of those read for the filter: not joined again, a copy (its source text
    # too) on every row.
    read = {plan.pk: plan for plan in visible.plans}
    for item in items:
        item.plan = read[item.plan_id]
    board.attach_units(items)  # an item of several units lists them under it, each where it stands
    plans = {item.plan_id: item.plan for item in items}
    rows = outline(items)
    # Where the list moves to another plan, say which: two plans' 一、 must not run together.
    for row, previous in zip(rows, [None, *rows], strict=False):
        starts = previous is None or previous.item.plan_id != row.item.plan_id
        row.item.plan_starts = plans[row.item.plan_id] if starts and len(plans) > 1 else None
    context = {
        "items": items,
        "rows": rows,
        "form": form,
        "page": page,
        "query": lists.query_without_page(request),
        "filtered": bool(data and any(data.values())),
        "today": timezone.localdate(),
    }
    return render(request, "workflow/item_list.html", context)


@login_required
def item_detail(request, pk: int, instruction_form: InstructionForm | None = None):
    """The item's page; ``instruction_form``: a 批示 sent back with its errors, the text kept."""
    item = _get_item_for_user(request, pk)
    indicators = list(item.indicators.all())
    reports = _reports_of(item, indicators)
    events = list(item.events.select_related("actor", "escalation_notice").order_by("created_at", "id"))
    instructions.attach_receipts(request.user, events)
    tasks = list(services.active_task_for_item(item).select_related("owner"))
    actionable = [t for t in tasks if services.can_take(request.user, t)]
    units = with_transfers(request.user, unit_rows(item))
    cascade.attach(request.user, units)
    year_end = year_end_of(request.user, item)
    # A version computed before the item was done no longer scores it: the step's score stands.
    year_end_stale = item_score.stale_note(item, year_end)
    item_score.show(units, [] if year_end_stale else year_end)  # one score per unit: the year end's where it counts
    # Each right asked once: an urge is the inspector's and the office's, and the lead leader's.
    escalates = item.is_open and permissions.can(request.user, permissions.URGE, item)
    leads = item.is_open and permissions.leads(request.user, item)
    context = {
        "item": item,
        "today": timezone.localdate(),
        "indicators": indicators,
        "milestones": item.milestones.all(),
        **_units_named(item),
        "reports": reports,
        "events": events,
        "tasks": tasks,
        "actionable": actionable,
        "verifications": Verification.objects.filter(item=item).select_related("inspector"),
        # One unit: its score is the item's; several: each unit's stands in its row of 承办单位.
        "score": units[0].unit_score if len(units) == 1 else None,
        "shown": units[0].shown_score if len(units) == 1 else None,
        "assignments": units,
        "standing_text": str(standing(units)) if len(branches(units)) > 1 else "",
        # Points per unit matter on a shared item only (one unit's part weighs the item's points).
        "can_weigh_units": len(branches(units)) > 1 and permissions.can(request.user, permissions.DEPLOY, item),
        "year_end": year_end,
        "year_end_stale": year_end_stale,
        "can_urge": escalates or leads,
        "can_escalate": escalates,
        **instruction_context(request.user, item, events, leads, instruction_form),
        "urge_form": UrgeForm(),
        "escalate_form": EscalateForm(levels=escalation.next_levels(item), auto_id="escalate_%s"),
        "contacts": contacts(item),
        "cascade_source": cascade.source_of(request.user, item),
    }
    return render(request, "workflow/item_detail.html", context)


def _units_named(item: ResponsibilityItem) -> dict[str, list[Unit]]:
    """The units the item names as 责任单位 and as 配合单位 (each in the units' order), in one query."""
    # Each part unordered: SQLite (the demo) refuses an ORDER BY inside a compound statement's parts.
    responsible = item.responsible_units.order_by().annotate(cooperating=Value(False))
    cooperating = item.cooperating_units.order_by().annotate(cooperating=Value(True))
    units = list(responsible.union(cooperating, all=True).order_by("cooperating", "order", "id"))
    return {
        "responsible_units": [unit for unit in units if not unit.cooperating],
        "cooperating_units": [unit for unit in units if unit.cooperating],
    }


def _reports_of(item: ResponsibilityItem, indicators: list[Indicator]) -> list[ProgressReport]:
    """The item's reports with their files and indicator values, each value with its indicator taken
    from ``indicators`` (the item's, read for the page already) instead of read a second time."""
    reports = list(
        item.reports.select_related("author").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id")), "indicator_values"
        )
    )
    by_pk = {indicator.pk: indicator for indicator in indicators}
    values = [value for report in reports for value in report.indicator_values.all()]
    for value in values:
        if value.indicator_id in by_pk:
            value.indicator = by_pk[value.indicator_id]
    # Not the item's (no writer makes such a value): read as the prefetch read them.
    prefetch_related_objects([value for value in values if value.indicator_id not in by_pk], "indicator")
    return reports


@login_required
def unit_points(request, pk: int):
    """The office weighs a shared item per unit (单位分值): the year end scores each unit's part on its
    own points, or on the item's where none is set."""
    item = _get_item_for_user(request, pk)
    if not permissions.can(request.user, permissions.DEPLOY, item):
        raise PermissionDenied
    units = unit_rows(item)
    form = UnitPointsForm(request.POST or None, assignments=branches(units), item_points=item.points)
    if request.method == "POST" and form.is_valid():
        changed = weigh(form.points())
        messages.success(request, _("已保存单位分值，%(count)s 个单位有变动。") % {"count": changed})
        return redirect(f"{reverse('workflow:item', args=[item.pk])}#units")
    cooperating = [a.unit.name for a in units if not a.runs_branch]
    return render(request, "workflow/unit_points.html", {"item": item, "form": form, "cooperating": cooperating})


def instruction_context(user, item: ResponsibilityItem, events: list[ItemEvent], leads: bool, form=None) -> dict:
    """The item's 批示 with their answers and, as its timeline shows them, their receipts; the form
    to write one for whoever may."""
    found = list(instructions.of_item(item))
    shown = {event.pk: event for event in events}
    for instruction in found:
        instruction.shown_event = shown.get(instruction.event_id)
    may = item.is_open and permissions.can_instruct(user, item, leading=leads)
    form = (form or InstructionForm()) if may else None
    return {"instructions": found, "can_instruct": may, "instruction_form": form}


def unit_rows(item: ResponsibilityItem) -> list[Assignment]:
    """The item's assignments with their units, posts and holders, each with its score (or None)."""
    assignments = list(
        services.with_last_transfer(Assignment.objects.filter(item=item))
        .select_related("unit", "post__holder", "score__assessor", "score__scheme")
        .order_by("order", "id")
    )
    for assignment in assignments:
        assignment.item = item
        assignment.unit_score = getattr(assignment, "score", None)
    today = timezone.localdate()
    for contribution in contributions.of(assignments):
        contribution.assignment.contribution_text = contribution.describe(today)
        contribution.assignment.contribution_missed = contribution.missed_by_now(today)
    return assignments


def parts_for_lead(work) -> list[Assignment]:
    """What the lead unit sees when it reports (会办, 汇总办结): each cooperating unit's contribution,
    and on an item the lead closes for all, each other unit's part; each with its latest report of
    that kind and what it stands at. Nothing for any other unit."""
    if not isinstance(work, Assignment) or work.role != Assignment.Role.LEAD:
        return []
    item = work.item
    lead_sums_up = item.closing == Closing.LEAD
    if not (lead_sums_up or item.contribution_count):
        return []  # nothing for the lead to see: no query on the lead's every step page
    others = [a for a in unit_rows(item) if a.pk != work.pk and (not a.runs_branch or lead_sums_up)]
    if not others:
        return []
    reports = (
        ProgressReport.objects.filter(assignment__in=others)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .order_by("-created_at", "-id")
    )
    latest = {}
    for report in reports:
        latest.setdefault(report.assignment_id, report)
    for a in others:
        a.latest_report = latest.get(a.pk)
        if a.runs_branch:
            a.contribution_text = a.get_status_display()
    return others


def with_transfers(user, assignments: list[Assignment]) -> list[Assignment]:
    """The 转办 state of each unit on the 承办单位 card: ``home_post``, the post the part was handed
    to while a colleague holds it (read only when one does); and, where ``user`` may pass the part
    on (its post is his, or its home post), ``colleagues``: the posts of his unit that could take it."""
    for a in services.with_home_posts(assignments):
        a.may_transfer = services.holds_part(user, a) and a.status in services.TRANSFERABLE
    # 上级交办: an organisation's part goes to the posts of its own departments (``cascade.may_hold``).
    trees = {a.unit_id: own_units(a.unit) for a in assignments if a.may_transfer and is_organisation(a.unit)}
    units = {a.unit_id for a in assignments if a.may_transfer}.union(*trees.values())
    posts = Post.objects.filter(unit__in=units, holder__isnull=False).select_related("holder").order_by("id")
    posts = list(posts) if units else []
    for a in assignments:
        # The home post is offered by its own button (收回转办).
        taken = {a.post_id, a.home_post_id}
        if a.unit_id in trees:
            fits = [p for p in posts if may_hold(a.unit, p, trees[a.unit_id])]
        else:
            fits = [p for p in posts if p.unit_id == a.unit_id]
        a.colleagues = [p for p in fits if p.pk not in taken] if a.may_transfer else []
    return assignments


def contacts(item: ResponsibilityItem) -> list[tuple[str, Post]]:
    """Whom to ask about the item (联系人): its responsible official, the head of the official's unit,
    its lead leader; each a post, with whoever holds it now. Shown only to those who may see the item."""
    people = [(_("责任人"), item.responsible_post), (_("牵头领导"), item.lead_leader_post)]
    if item.responsible_post is not None:
        head = (
            Post.objects.filter(unit_id=item.responsible_post.unit_id, role=Post.Role.UNIT_HEAD, holder__isnull=False)
            .exclude(pk=item.responsible_post.pk)
            .select_related("unit", "holder")
            .first()
        )
        people.insert(1, (_("单位负责人"), head))
    return [(label, post) for label, post in people if post is not None]


@login_required
def task_form(request, task_pk: int):
    task, item = _get_task_for_user(request, task_pk)
    if task.status not in services.ACTIVE:
        messages.info(request, _("该任务已办理完毕。"))
        return redirect("workflow:item", pk=item.pk)
    if not services.can_take(request.user, task):
        raise PermissionDenied
    step = services.step_of(task)
    if request.method == "POST" and getattr(request, "upload_too_large", None):
        # The body was cut off at the oversized file: nothing of it is trusted or stored.
        form = services.step_form(task, item)
        messages.error(request, too_large_message(request.upload_too_large))
    elif request.method == "POST" and request.POST.get("add_row"):
        # 添加一行 without scripts: the page again as filled in, with one more empty row; nothing saved.
        form = services.step_form(task, item, with_row_added(request.POST, request.POST["add_row"]), request.FILES)
        quiet(form)
    elif request.method == "POST":
        try:
            form = services.complete(request.user, task.pk, request.POST, request.FILES)
        except services.TaskUnavailable as exc:
            messages.warning(request, str(exc))
            return redirect("workflow:item", pk=item.pk)
        if form.is_valid():
            messages.success(request, _("已提交：%(step)s") % {"step": task.flow_task.task_title})
            return redirect("workflow:item", pk=item.pk)
    else:
        form = services.step_form(task, item)
    events = item.events.select_related("actor").order_by("-created_at", "-id")
    if step.per_unit:
        events = events.filter(Q(assignment=form.work) | Q(assignment__isnull=True))
    context = {
        "task": task,
        "item": item,
        "form": form,
        "step": step,
        "parts": parts_for_lead(form.work) if step.per_unit else [],
        "today": timezone.localdate(),
        # Why the task is here: a send-back's reason, the rectification points and their deadline.
        "last_event": events.first(),
    }
    return render(request, "workflow/task_form.html", context)


def with_row_added(data, prefix: str):
    """``data`` with one more row in the table ``prefix`` (an unknown table: unchanged)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    if key in data and data[key].isdigit():
        data[key] = str(int(data[key]) + 1)
    return data


def quiet(form) -> None:
    """A form shown back as filled in without being submitted: no errors yet (its tables neither)."""
    form._errors = ErrorDict()
    for formset in getattr(form, "formsets", []):
        formset._errors = [ErrorDict() for _row in formset.forms]
        formset._non_form_errors = formset.error_class()
        for row in formset.forms:
            row._errors = ErrorDict()


@login_required
@require_POST
def urge_item(request, pk: int):
    item = _get_item_for_user(request, pk)
    if not permissions.can_urge(request.user, item):
        raise PermissionDenied
    form = UrgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写催办内容。"))
        return redirect("workflow:item", pk=item.pk)
    try:
        services.urge(item, request.user, form.cleaned_data["note"])
    except services.TaskUnavailable as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, _("已催办，责任人将收到通知。"))
    return redirect("workflow:item", pk=item.pk)


@login_required
@require_POST
def escalate_item(request, pk: int):
    """An inspector takes an item up the ladder by hand (督办升级), with a reason."""
    item = _get_item_for_user(request, pk)
    if not permissions.can(request.user, permissions.URGE, item):
        raise PermissionDenied
    form = EscalateForm(request.POST, levels=escalation.next_levels(item))
    if not form.is_valid():
        messages.error(request, _("请选择升级级别并填写督办事由。"))
        return redirect("workflow:item", pk=item.pk)
    try:
        escalation.escalate_by_hand(item, request.user, form.cleaned_data["level"], form.cleaned_data["note"])
    except escalation.EscalationRefused as refusal:
        messages.warning(request, str(refusal))
    else:
        messages.success(request, _("已升级督办，相关人员将收到通知。"))
    return redirect("workflow:item", pk=item.pk)


def _notice_for_user(request, pk: int, event_pk: int) -> escalation_notice.Notice:
    """The 督办通知单 of a step up the ladder of an item the user may see; otherwise 404."""
    item = _get_item_for_user(request, pk)
    steps = ItemEvent.objects.select_related(*escalation_notice.RELATED).filter(
        item=item, kind=ItemEvent.Kind.ESCALATED, escalation_notice__isnull=False
    )
    return escalation_notice.notice_for(get_object_or_404(steps, pk=event_pk))


@login_required
def escalation_notice_page(request, pk: int, event_pk: int):
    """The notice as a page to print (A4, the 公文 layout), with its Word version beside it."""
    notice = _notice_for_user(request, pk, event_pk)
    instructions.attach_receipts(request.user, [notice.event])  # 已阅, and who has read it
    return render(request, "workflow/escalation_notice.html", {"notice": notice})


@login_required
def escalation_notice_docx(request, pk: int, event_pk: int):
    notice = _notice_for_user(request, pk, event_pk)
    return attachment(escalation_notice.as_docx(notice), notice.file_name)


@login_required
@require_POST
def transfer_assignment(request, pk: int, assignment_pk: int):
    """转办: the unit's official passes his unit's part to a colleague's post (the 承办单位 card)."""
    item, assignment = _get_assignment_for_user(request, pk, assignment_pk)
    form = TransferForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return _to_units(item)
    post, note = form.cleaned_data["post"], form.cleaned_data["note"]
    if _transferred(request, assignment, post, note):
        messages.success(request, _("已转办给 %(post)s（%(holder)s）。") % {"post": post.title, "holder": post.holder})
    return _to_units(item)


@login_required
@require_POST
def take_back_assignment(request, pk: int, assignment_pk: int):
    """收回转办: the unit's part goes back to the post it was handed to."""
    item, assignment = _get_assignment_for_user(request, pk, assignment_pk)
    if _transferred(request, assignment, None, request.POST.get("note", "")[:500]):
        messages.success(request, _("已收回转办。"))
    return _to_units(item)


def _get_assignment_for_user(request, pk: int, assignment_pk: int) -> tuple[ResponsibilityItem, Assignment]:
    item = _get_item_for_user(request, pk)
    return item, get_object_or_404(Assignment, pk=assignment_pk, item=item)


def _transferred(request, assignment: Assignment, post: Post | None, note: str) -> bool:
    try:
        services.transfer(assignment, request.user, post, note)
    except (services.TransferRefused, services.TaskUnavailable) as refusal:
        messages.error(request, str(refusal))
        return False
    return True


def _to_units(item: ResponsibilityItem):
    return redirect(reverse("workflow:item", args=[item.pk]) + "#units")


@login_required
@xframe_options_sameorigin
def evidence_download(request, pk: int):
    """The file, as a download; ``?inline=1`` shows an image or a PDF in the page (its preview)."""
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    _get_item_for_user(request, evidence.report.item_id)
    if evidence.held:
        return HttpResponse(held_message(evidence), status=409, content_type="text/plain; charset=utf-8")
    shown_as = previews.inline_type(evidence.original_name) if request.GET.get("inline") else None
    response = FileResponse(evidence.file.open("rb"), as_attachment=shown_as is None, filename=evidence.original_name)
    response["Content-Type"] = shown_as or previews.download_type(evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def notification_list(request):
    """One's notices, newest first, 50 a page, by kind and read state; those the channels sent as one
    message shown together."""
    form = inbox.NoticeFilter(request.GET or None)
    data = {}
    if form.is_bound:
        form.is_valid()  # a filter given wrongly is shown with its error and left out; the other applies
        data = form.cleaned_data
    state = data.get("state", "")
    notices = inbox.filtered(inbox.mine(request.user), data.get("kind", ""), {"unread": True, "read": False}.get(state))
    page = Paginator(notices.select_related("item"), inbox.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "groups": inbox.grouped(list(page.object_list)),
        "page": page,
        "form": form,
        "kind": data.get("kind", ""),
        "filtered": bool(data and any(data.values())),
        "query": lists.query_without_page(request),
    }
    return render(request, "workflow/notifications.html", context)


@login_required
@require_POST
def notification_read(request, pk: int):
    """Read a notice (with the others shown with it, ``also``) and open what it is about."""
    notification = get_object_or_404(inbox.mine(request.user), pk=pk)
    also = [value for value in request.POST.getlist("also") if value.isdigit()]
    inbox.mark_read(inbox.mine(request.user).filter(pk__in=[pk, *also]))
    if notification.item_id:
        return redirect("workflow:item", pk=notification.item_id)
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("workflow:notifications")


@login_required
@require_POST
def notification_read_all(request):
    """全部已读: every unread notice (of the kind the page is filtered by, if it is)."""
    kind = request.POST.get("kind", "")
    if kind and kind not in Notification.Kind.values:
        kind = ""
    marked = inbox.mark_read(inbox.filtered(inbox.mine(request.user), kind))
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": marked})
    return redirect(reverse("workflow:notifications") + (f"?kind={kind}" if kind else ""))


@login_required
def notification_channels(request):
    """The channels one receives notices through (接收设置): one's own, nobody else's."""
    form = inbox.ChannelChoiceForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("通知接收渠道已保存。"))
        return redirect("workflow:notification_channels")
    return render(request, "workflow/notification_channels.html", {"form": form})


@login_required
def post_list(request):
    organisations = org_access.require_post_manager(request)
    # In the order of the units' trees, a unit's posts under its parent's.
    place = {unit.pk: n for n, unit in enumerate(u for o in organisations for u in Tree(o).units)}
    posts = Post.objects.filter(unit_id__in=place).select_related("unit", "holder").order_by("id")
    posts = sorted(posts, key=lambda post: place[post.unit_id])
    waiting = org_services.waiting_per_post(request.user)
    for post in posts:
        post.waiting = waiting.get(post.pk, 0)
    return render(request, "workflow/post_list.html", {"posts": posts, "organisations": organisations})


@login_required
def post_hand_over(request, pk: int):
    """人走事不断: a successor takes the post, and its open items and tasks with it."""
    post, scope = org_access.post_for(request, pk, org_access.require_post_manager(request))
    people = scope.people().filter(is_active=True).order_by("full_name", "username")
    form = HandOverForm(request.POST or None, post=post, people=people)
    if request.method == "POST" and form.is_valid():
        previous = post.holder
        moved = org_services.assign(post, form.cleaned_data["successor"], by=request.user)
        messages.success(
            request,
            _("%(post)s 已由 %(old)s 移交给 %(new)s，转交待办 %(moved)s 项。")
            % {
                "post": post.title,
                "old": previous or "—",
                "new": form.cleaned_data["successor"] or "—",
                "moved": moved,
            },
        )
        return redirect("workflow:posts")
    open_items = post.responsible_items.filter(status__in=services._open_statuses()).count()
    context = {"post": post, "form": form, "open_items": open_items, "organisation": scope.organisation}
    return render(request, "workflow/post_hand_over.html", context)


def _plans_for(request):
    """Work plans are the office's and the committee's business; others see items, not plans."""
    if not request.user.has_perm(permissions.perm(permissions.VIEW)):
        raise Http404
    # Each office and committee its own organisation's plans (and a district's, those below it).
    return permissions.visible_plans(request.user).select_related("organisation")


@login_required
def plan_list(request):
    plans = _plans_for(request).annotate(
        leaf_count=Count("items", filter=Q(items__is_heading=False)),
        draft_count=Count("items", filter=Q(items__is_heading=False, items__status=ItemStatus.DRAFT)),
        passed_count=Count(
            "items", filter=Q(items__status=ItemStatus.DRAFT) & deadlines.passed_q(timezone.localdate(), "items__")
        ),
    )
    can_publish = request.user.has_perm(permissions.perm(permissions.DEPLOY))
    for plan in plans:
        plan.passed_warning = deadlines.passed_warning(plan.passed_count) if plan.passed_count else ""
        # A district's office reads the plans below it; it publishes its own.
        plan.may_publish = can_publish and permissions.can_plan(request.user, permissions.DEPLOY, plan)
    # Imports still running or failed have no plan to list: show them, or the clerk loses track.
    imports = (
        PlanImport.objects.exclude(status=PlanImport.Status.DONE)
        .filter(organisation__in=permissions.organisations_for(request.user, permissions.DEPLOY))
        .select_related("organisation")[:10]
    )
    context = {"plans": plans, "can_publish": can_publish, "imports": imports if can_publish else []}
    return render(request, "workflow/plan_list.html", context)


@login_required
@require_POST
def plan_publish(request, pk: int):
    plan = get_object_or_404(_plans_for(request), pk=pk)
    drafts = plan.items.filter(status=ItemStatus.DRAFT)
    passed = drafts.filter(deadlines.passed_q(timezone.localdate())).count()
    try:
        launched = services.publish(plan, request.user)
    except services.TaskUnavailable as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(
            request, _("已发布《%(plan)s》：%(count)s 项事项进入部署交办。") % {"plan": plan, "count": launched}
        )
        if passed:
            messages.warning(request, deadlines.passed_notice(passed))
    return redirect("workflow:plans")


# --- the supervision board ------------------------------------------------------------------------


BOARD_PAGE_SIZE = 50


@login_required
def supervision_board(request):
    if not permissions.can_supervise(request.user):
        raise Http404
    form = board.BoardFilter(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if request.GET.get("format") == "xlsx":
        return exports_views.respond(request, BoardExport.kind, board_export.params_of(form))
    items = board.board_items(request.user, data)
    parts = board.board_parts(request.user, data)
    context = {
        **board_page(request, form, items, parts),
        "per_unit": board.counts_per_unit(*parts),
        "can_batch_urge": board.may_urge_any(request.user),
    }
    return render(request, "workflow/board.html", context)


def board_page(request, form, items, parts) -> dict:
    """What every board shows of its filtered items: one page of them with their headings and units,
    the light counts (over ``parts``, the same items in disjoint parts), and the filters for the
    pager's links."""
    counts = board.counts(*parts)
    paginator = Paginator(board.rows(items), BOARD_PAGE_SIZE)
    paginator.count = counts["total"]  # counted with the lights already: not a second scan
    page = paginator.get_page(request.GET.get("page"))
    attach_ancestors(page.object_list)
    board.attach_units(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "page": page,
        "counts": counts,
        "query": query.urlencode(),
        "today": timezone.localdate(),
    }


# --- the quarterly summary ------------------------------------------------------------------------


@login_required
def quarter_summary(request, pk: int, year: int, quarter: int):
    plan = get_object_or_404(_plans_for(request), pk=pk)
    # A quarter that exists, and whose next one does (the page links it): no calendar past 9999.
    if not (1 <= quarter <= 4 and datetime.MINYEAR < year < datetime.MAXYEAR):
        raise Http404
    report = summary.summarise(plan, year, quarter)
    if request.GET.get("format") == "docx":
        return attachment(summary.as_docx(report), f"{report.title}.docx")
    previous = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    following = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    context = {"report": report, "plan": plan, "previous": previous, "following": following}
    return render(request, "workflow/quarter_summary.html", context)


@login_required
def current_quarter(request, pk: int):
    plan = get_object_or_404(_plans_for(request), pk=pk)
    year, quarter = summary.quarter_of(timezone.localdate())
    return redirect("workflow:quarter", pk=plan.pk, year=year, quarter=quarter)


# --- failed deliveries -------------------------------------------------------------------------------


def _require_office(request) -> None:
    if not request.user.has_perm(permissions.perm(permissions.DEPLOY)):
        raise Http404


def _deliveries_of_office(user) -> Q:
    """The notices of the office's organisations: about their items, or to their people."""
    plans = permissions.visible_plans(user, permissions.DEPLOY)
    people = people_in(permissions.organisations_for(user, permissions.DEPLOY))
    about_theirs = Q(notification__item__plan__in=plans)
    return about_theirs | Q(notification__item__isnull=True, notification__recipient__in=people)


@login_required
def delivery_failures(request):
    """Notifications a channel has not got through yet, with the reason: for the office to act on."""
    _require_office(request)
    failures = (
        Delivery.objects.filter(sent_at__isnull=True)
        .filter(_deliveries_of_office(request.user))
        .select_related("notification__recipient", "notification__item")
        .order_by("-notification__created_at")[:200]
    )
    return render(request, "workflow/delivery_failures.html", {"failures": failures})


@login_required
@require_POST
def delivery_retry(request, pk: int):
    _require_office(request)
    failed = Delivery.objects.filter(_deliveries_of_office(request.user), sent_at__isnull=True)
    delivery = get_object_or_404(failed, pk=pk)
    queue_delivery(delivery.notification_id)
    messages.success(request, _("已重新发送，请稍后刷新查看结果。"))
    return redirect("workflow:delivery_failures")
