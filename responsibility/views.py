"""Pages of the work-plan import: upload or paste, watch it run, review the draft, export the list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.celery import send
from config.downloads import attachment

from . import access_export, deadlines, permissions
from . import access_log as access_log_queries
from .exports import views as exports_views
from .exports.plan import PlanExport
from .forms import ImportForm, ItemEditForm, NameMappingForm, PlanDetailsForm, SplitForm
from .importing import review
from .importing.document import ImportRejected
from .importing.headers import HEADER_LABELS, doc_number_of
from .importing.readers import check, read_pasted
from .importing.resolve import Resolver
from .importing.review_page import item_page, review_page
from .importing.run import FIELD_LABELS, progress_of, sha256
from .models import ItemStatus, PlanGuidance, PlanImport, Post, ResponsibilityItem, Unit, WorkPlan
from .organisation import managed_by, names_of, people_in
from .tasks import run_import


def _require(request, codename: str) -> None:
    """Plans are the office's (to change) and the committee's (to read); to others they do not exist."""
    if not request.user.has_perm(permissions.perm(codename)):
        raise Http404


def _plan(request, pk: int, codename: str = permissions.VIEW) -> WorkPlan:
    """A plan of an organisation where the user's role carries ``codename``; another's is a 404."""
    _require(request, codename)
    return get_object_or_404(permissions.visible_plans(request.user, codename).select_related("organisation"), pk=pk)


def _draft_item(request, pk: int) -> ResponsibilityItem:
    _require(request, permissions.DEPLOY)
    plans = permissions.visible_plans(request.user, permissions.DEPLOY)
    items = ResponsibilityItem.objects.filter(plan__in=plans).select_related("plan__organisation")
    return get_object_or_404(items, pk=pk)


@login_required
def import_new(request):
    _require(request, permissions.DEPLOY)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        organisations=permissions.organisations_for(request.user, permissions.DEPLOY),
    )
    if getattr(request, "upload_too_large", None):
        form.add_error(None, _("文件“%(name)s”太大，已拒收。") % {"name": request.upload_too_large})
    elif request.method == "POST" and form.is_valid():
        job = _queue(request, form.cleaned_data, form)
        if job:
            return redirect("plans:import_status", job.pk)
    return render(request, "responsibility/import_form.html", {"form": form})


def _queue(request, data: dict, form: ImportForm) -> PlanImport | None:
    """Check the file can be read at all (a refusal belongs on the form), then queue the import: a
    PDF, a scan or a .doc/.wps is only looked into here, and read (OCR, LibreOffice) by the task."""
    upload = data.get("file")
    content = upload.read() if upload else data["text"]
    try:
        check(upload.name, content) if upload else read_pasted(content)
    except ImportRejected as refusal:
        form.add_error("file" if upload else "text", refusal.message)
        return None
    job = PlanImport(
        organisation=data["organisation"],
        year=data["year"],
        title=data["title"],
        file_name=upload.name if upload else _("粘贴的文本"),
        pasted_text="" if upload else content,
        sha256=sha256(content),
        created_by=request.user,
    )
    if upload:
        upload.seek(0)
        job.file.save(upload.name, upload, save=False)
    job.save()
    # With the broker down the import runs here (it takes seconds), rather than waiting for nobody.
    transaction.on_commit(lambda: send(run_import, job.pk, fallback=run_import, note="run here instead"), robust=True)
    _warn_if_seen(request, job)
    return job


def _warn_if_seen(request, job: PlanImport) -> None:
    """The same file imported again makes a second draft: say so, since publishing both doubles the work."""
    earlier = (
        PlanImport.objects.filter(organisation=job.organisation, sha256=job.sha256, plan__isnull=False)
        .exclude(pk=job.pk)
        .select_related("plan")
        .first()
    )
    if earlier:
        message = _("这份文件已于 %(when)s 导入过，生成了《%(plan)s》。新的导入会另建一份草稿，请勿重复发布。")
        when = formats.date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT")
        messages.warning(request, message % {"when": when, "plan": earlier.plan})


def _job(request, pk: int) -> PlanImport:
    _require(request, permissions.DEPLOY)
    organisations = permissions.organisations_for(request.user, permissions.DEPLOY)
    return get_object_or_404(PlanImport.objects.filter(organisation__in=organisations).select_related("plan"), pk=pk)


@login_required
def import_status(request, pk: int):
    job = _job(request, pk)
    if job.status == PlanImport.Status.DONE:
        return redirect("plans:review", job.plan_id)
    return render(request, "responsibility/import_status.html", {"job": job, "progress": progress_of(job)})


@login_required
def import_progress(request, pk: int):
    """What the status page polls: a few fields, no page."""
    job = _job(request, pk)
    done_url = reverse("plans:review", args=[job.plan_id]) if job.plan_id else None
    return JsonResponse(
        {"status": job.status, "progress": progress_of(job), "message": job.message, "review_url": done_url}
    )


@login_required
def plan_review(request, pk: int):
    plan = _plan(request, pk)
    job = plan.imports.order_by("-created_at").first()
    summary = job.summary if job else {}
    shown = review_page(plan, request.GET.get("page"), summary)
    resolver = Resolver(plan.organisation)
    can_edit = review.editable(plan) and permissions.can_plan(request.user, permissions.DEPLOY, plan)
    for entry in shown.unresolved:
        entry["form"] = _mapping_form(entry, resolver)
    # Items still to publish whose deadline has gone by: say so before they go out overdue.
    passed = plan.items.filter(deadlines.passed_q(timezone.localdate()), status=ItemStatus.DRAFT)
    passed = passed.order_by("order", "id")
    passed_count = passed.count()
    context = {
        "plan": plan,
        "doc_number": doc_number_of(plan.headers or {}),
        "headers": [(HEADER_LABELS.get(key, key), value) for key, value in plan.headers.items() if value],
        "rows": shown.rows,
        "page": shown.page,
        "job": job,
        "summary": summary,
        "problems": shown.problems,
        "problems_left_out": shown.problems_left_out,
        "guidance": shown.guidance,
        "source_lines": shown.source_lines,
        "unresolved": shown.unresolved,
        "unresolved_count": shown.unresolved_count,
        "can_edit": can_edit,
        "can_publish": can_edit and not shown.unresolved_count,
        "field_labels": FIELD_LABELS,
        "passed": list(passed[:PASSED_SHOWN]) if passed_count else [],
        "passed_count": passed_count,
        "passed_warning": deadlines.passed_warning(passed_count) if passed_count else "",
    }
    return render(request, "responsibility/review.html", context)


# The review page lists this many of the items whose deadline has passed (the count says the rest).
PASSED_SHOWN = 20


@login_required
def plan_edit(request, pk: int):
    """The title, 文号 and year of a draft, as the import read them from the document's frame, and the
    plan's rules for claims and extensions (those stay editable once it is published)."""
    plan = _plan(request, pk, permissions.DEPLOY)
    frame_editable = review.editable(plan)
    form = PlanDetailsForm.of(plan, request.POST or None, frame_editable=frame_editable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review.change_rules(
            plan, data["claim_needs_evidence"], data["claim_needs_indicator_values"], data["extension_max_days"]
        )
        if not frame_editable:
            messages.success(request, _("已保存《%(plan)s》的办结与延期规则。") % {"plan": plan})
            return redirect("plans:plan_edit", plan.pk)
        moved = review.change_details(plan, data["title"], data["year"], data["doc_number"].strip())
        messages.success(request, _("已保存《%(plan)s》的标题、文号和年度。") % {"plan": plan})
        if moved:
            note = _("%(count)s 个原文未写年份的完成时限或时间节点已改到 %(year)s 年。")
            messages.info(request, note % {"count": moved, "year": plan.year})
        return redirect("plans:review", plan.pk)
    context = {"plan": plan, "form": form, "frame_editable": frame_editable}
    return render(request, "responsibility/plan_edit.html", context)


def _review_url(plan_id: int, item: ResponsibilityItem | None = None, anchor: str = "") -> str:
    """The review page at ``anchor``, on the page that shows ``item``."""
    url = reverse("plans:review", args=[plan_id])
    if item is not None and item.pk:
        number = item_page(item.plan, item)
        url += f"?page={number}" if number > 1 else ""
    return url + anchor


def _mapping_form(entry: dict, resolver: Resolver, data=None) -> NameMappingForm:
    return NameMappingForm(
        data,
        initial={"field": entry["field"], "name": entry["name"], "kind": review.guess_kind(entry["name"])},
        units=resolver.all_units,
        posts=resolver.posts,
        auto_id=False,  # one small form per name on the page: ids would repeat
    )


@login_required
@require_POST
def map_name(request, pk: int):
    plan = _plan(request, pk, permissions.DEPLOY)
    resolver = Resolver(plan.organisation)
    entry = {"field": request.POST.get("field", ""), "name": request.POST.get("name", "")}
    form = _mapping_form(entry, resolver, request.POST)
    if not form.is_valid():
        errors = "；".join(str(error) for errors in form.errors.values() for error in errors)
        messages.error(request, _("“%(name)s”未处理：%(errors)s") % {"name": entry["name"], "errors": errors})
        return redirect(reverse("plans:review", args=[plan.pk]) + "#unresolved")
    data = form.cleaned_data
    target = None
    if data["action"] == "map":
        target = data["unit"] if data["field"] in review.UNIT_FIELDS else data["post"]
    elif data["action"] == "create":
        target = review.create_unit(plan, data["name"], data["kind"])
    try:
        count = review.map_name(plan, data["field"], data["name"], target)
    except review.ReviewError as error:
        messages.error(request, str(error))
    else:
        done = _("“%(name)s”已处理，涉及 %(count)s 个事项。") % {"name": data["name"], "count": count}
        messages.success(request, done)
    return redirect(reverse("plans:review", args=[plan.pk]) + "#unresolved")


@login_required
def item_edit(request, pk: int):
    item = _draft_item(request, pk)
    if not review.editable(item.plan):
        messages.error(request, _("工作要点已发布，不能再调整结构；请在事项页面办理。"))
        return redirect("plans:review", item.plan_id)
    resolver = Resolver(item.plan.organisation)
    form = ItemEditForm(
        request.POST or None,
        instance=item,
        units=Unit.objects.filter(pk__in=[unit.pk for unit in resolver.all_units]),
        posts=Post.objects.filter(pk__in=[post.pk for post in resolver.posts]).select_related("unit", "holder"),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存“%(item)s”。") % {"item": item})
        return redirect(_review_url(item.plan_id, item, f"#item-{item.pk}"))
    return render(request, "responsibility/item_edit.html", {"item": item, "form": form})


@login_required
@require_POST
def item_merge(request, pk: int):
    item = _draft_item(request, pk)
    try:
        previous = review.merge_with_previous(item)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("plans:review", item.plan_id)
    messages.success(request, _("已并入“%(item)s”。") % {"item": previous})
    return redirect(_review_url(previous.plan_id, previous, f"#item-{previous.pk}"))


@login_required
def item_split(request, pk: int):
    item = _draft_item(request, pk)
    form = SplitForm(request.POST or None, paragraphs=review.paragraphs_of(item))
    if request.method == "POST" and form.is_valid():
        try:
            new = review.split(item, form.cleaned_data["paragraph"])
        except review.ReviewError as error:
            messages.error(request, str(error))
            return redirect("plans:review", item.plan_id)
        messages.success(request, _("已拆分出“%(item)s”。") % {"item": new})
        return redirect(_review_url(item.plan_id, new, f"#item-{new.pk}"))
    return render(request, "responsibility/item_split.html", {"item": item, "form": form})


@login_required
def item_remove(request, pk: int):
    """Confirm, then take an entry and what is under it out of the draft."""
    item = _draft_item(request, pk)
    if request.method == "POST":
        try:
            count = review.remove(item)
        except review.ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("已从草稿中删除“%(item)s”等 %(count)s 项。") % {"item": item, "count": count})
        return redirect("plans:review", item.plan_id)
    below = len(review.subtree_ids(item)) - 1
    return render(request, "responsibility/item_remove.html", {"item": item, "below": below})


@login_required
@require_POST
def item_demote(request, pk: int):
    item = _draft_item(request, pk)
    try:
        section = review.demote(item)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("plans:review", item.plan_id)
    messages.success(request, _("“%(item)s”已转为指导性内容，不再作为事项跟踪。") % {"item": section})
    return redirect(reverse("plans:review", args=[item.plan_id]) + f"#guidance-{section.pk}")


@login_required
@require_POST
def guidance_promote(request, pk: int):
    _require(request, permissions.DEPLOY)
    plans = permissions.visible_plans(request.user, permissions.DEPLOY)
    section = get_object_or_404(PlanGuidance.objects.filter(plan__in=plans).select_related("plan__organisation"), pk=pk)
    try:
        item = review.promote(section)
    except review.ReviewError as error:
        messages.error(request, str(error))
        return redirect("plans:review", section.plan_id)
    messages.success(request, _("“%(item)s”已转为事项，发布后进入部署交办。") % {"item": item})
    return redirect(_review_url(item.plan_id, item, f"#item-{item.pk}"))


@login_required
def plan_export(request, pk: int):
    plan = _plan(request, pk)
    return exports_views.respond(request, PlanExport.kind, PlanExport.params_for(plan))


# --- the access log (访问日志) ---------------------------------------------------------------------


@login_required
def access_log(request):
    """Who read which file and who signed in or failed to, newest first, 50 a page, filterable."""
    form, records = _access_records(request)
    page = Paginator(records.select_related(None), access_log_queries.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "records": page.object_list, "query": query.urlencode()}
    return render(request, "responsibility/access_log.html", context)


@login_required
def access_log_export(request):
    """The records the page's filters select, all of them, as a workbook."""
    _form, records = _access_records(request)
    return attachment(access_export.workbook(records), access_export.file_name())


def _access_records(request):
    """The page's filter and the records it selects among those the user may read: the office reads
    its own organisations' people, sign-ins under their names, and those under names nobody has
    (guesses at the login page); never another organisation's people. A superuser reads all."""
    _require_access_log(request)
    form = access_log_queries.AccessFilter(request.GET or None)
    records = access_log_queries.filtered(access_log_queries.cleaned(form))
    if not request.user.is_superuser:
        people = people_in(managed_by(request.user))
        records = records.filter(Q(user__in=people) | Q(user__isnull=True) & names_of(people))
    return form, records


def _require_access_log(request) -> None:
    if not request.user.has_perm("responsibility.view_accessrecord"):
        raise PermissionDenied
