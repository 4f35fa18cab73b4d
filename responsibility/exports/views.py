"""Pages: 我的导出 (the user's export jobs, their progress and downloads), and the answer a page gives
when it is asked for an export."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.downloads import attachment

from ..models import ExportJob
from .jobs import Inline, retry, start
from .kinds import Refused

PAGE_SIZE = 20


def respond(request, kind: str, params: dict) -> HttpResponse:
    """What a page sends when asked for an export: the file if it is small, else the job's line on
    我的导出. The page has checked its own rights; a refusal here (rights lost meanwhile) is a 404."""
    try:
        started = start(request.user, kind, params)
    except Refused as refusal:
        raise Http404(refusal.message) from refusal
    if isinstance(started, Inline):
        return attachment(started.data, started.file_name)
    message = _("“%(title)s”共约 %(rows)s 行，正在后台生成；完成后可在此下载。")
    messages.info(request, message % {"title": started.title, "rows": started.rows_total})
    return redirect("exports:list")


def _own_job(request, pk: int) -> ExportJob:
    """A job is its owner's alone: to anyone else (an administrator too) it does not exist."""
    return get_object_or_404(ExportJob, pk=pk, owner=request.user)


@login_required
def export_list(request):
    jobs = ExportJob.objects.filter(owner=request.user).defer("params")
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    unfinished = [job.pk for job in page.object_list if not job.is_finished]
    context = {"page": page, "unfinished": unfinished, "keep_days": settings.EXPORT_KEEP_DAYS}
    return render(request, "responsibility/exports.html", context)


@login_required
def export_progress(request):
    """The given jobs' progress, for the page's poll: only the asker's own jobs are answered."""
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.isdigit()][:PAGE_SIZE]
    jobs = ExportJob.objects.filter(owner=request.user, pk__in=ids).only("pk", "status", "rows_done", "rows_total")
    return JsonResponse(
        {"jobs": [{"id": job.pk, "status": job.status, "rows": job.rows_done, "percent": job.percent} for job in jobs]}
    )


@login_required
def export_download(request, pk: int):
    job = _own_job(request, pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=job.file_name)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def export_retry(request, pk: int):
    job = _own_job(request, pk)
    try:
        retry(job)
    except Refused as refusal:
        messages.error(request, refusal.message)
    return redirect("exports:list")


app_name = "exports"
urlpatterns = [
    path("", export_list, name="list"),
    path("progress/", export_progress, name="progress"),
    path("<int:pk>/download/", export_download, name="download"),
    path("<int:pk>/retry/", export_retry, name="retry"),
]
