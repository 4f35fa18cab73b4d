"""Pages: schemes (考核细则) – the list, the editor, and the .xlsx template, export and import.

Everyone who holds a post reads the schemes; the office and the assessors (MANAGE_SCHEME) change
them. Whoever may not see a page gets a 404 (see ``assessment.access``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Subquery, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from config.downloads import attachment

from .. import access
from ..forms import ImportForm, InUse, SchemeEditor
from ..models import Scheme
from ..scheme_xlsx import COLUMNS, BookRejected, Problem, apply_book, export_scheme, read_book, template_workbook


def scheme_for_user(request, pk: int, codename: str | None = None) -> Scheme:
    """The scheme, for whoever may open the assessment pages (404) and, with a codename, do that (403)."""
    access.require(request.user, codename)
    scheme = get_object_or_404(access.schemes_for(request.user).select_related("organisation", "plan"), pk=pk)
    # A district's roles read the schemes below it; they act on their own organisation's.
    if codename is not None and not access.has(request.user, codename, scheme.organisation_id):
        raise PermissionDenied
    return scheme


@login_required
def scheme_list(request):
    access.require(request.user)
    # 考核评分: how many of each scheme's indicators the user scores (none: no link), in the same query.
    mine = access.scored_by(request.user).filter(category__scheme=OuterRef("pk")).order_by()
    schemes = (
        access.schemes_for(request.user)
        .select_related("organisation")
        .annotate(
            points_total=Sum("categories__points"),
            to_score=Subquery(mine.values("category__scheme").annotate(n=Count("id")).values("n")),
        )
        .prefetch_related("categories__indicators", "grade_bands")
    )
    context = {"schemes": schemes, "can_manage": access.has(request.user, access.MANAGE_SCHEME)}
    return render(request, "assessment/scheme_list.html", context)


@login_required
def scheme_new(request):
    access.require(request.user, access.MANAGE_SCHEME)
    within = access.organisations_with(request.user, access.MANAGE_SCHEME)
    editor = SchemeEditor(data=request.POST if request.method == "POST" else None, within=within)
    if request.method == "POST" and editor.is_valid():
        scheme = editor.save()
        messages.success(
            request, _("已新建《%(scheme)s》，请继续设置考核指标、加减分规则和奖惩规则。") % {"scheme": scheme}
        )
        return redirect("assessment:scheme", scheme.pk)
    return render(request, "assessment/scheme_form.html", {"editor": editor, "scheme": None})


@login_required
def scheme_edit(request, pk: int):
    scheme = scheme_for_user(request, pk)
    if not access.has(request.user, access.MANAGE_SCHEME, scheme.organisation_id):
        if request.method == "POST":
            raise PermissionDenied
        return _scheme_detail(request, scheme)
    within = access.organisations_with(request.user, access.MANAGE_SCHEME)
    editor = SchemeEditor(scheme, data=request.POST if request.method == "POST" else None, within=within)
    if request.method == "POST" and editor.is_valid():
        try:
            editor.save()
        except InUse as refusal:
            message = _("“%(row)s”已被登记的加减分事项或考核结果引用，不能删除；本次修改未保存。")
            messages.error(request, message % {"row": refusal.obj})
        else:
            messages.success(request, _("已保存《%(scheme)s》。") % {"scheme": scheme})
            return redirect("assessment:scheme", scheme.pk)
    context = {"editor": editor, "scheme": scheme, "problems": scheme.problems()}
    return render(request, "assessment/scheme_form.html", context)


def _scheme_detail(request, scheme: Scheme):
    categories = scheme.categories.select_related("plan_category").prefetch_related(
        "indicators__items", "indicators__scorer"
    )
    context = {
        "scheme": scheme,
        "categories": categories,
        "grades": scheme.grade_bands.select_related("group").order_by(
            F("group__order").asc(nulls_first=True), "group_id", "-min_score"
        ),
        "groups": scheme.groups.prefetch_related("units"),
        "rules": scheme.event_rules.select_related("category"),
        "rewards": scheme.reward_rules.select_related("event_rule"),
        "problems": scheme.problems(),
    }
    return render(request, "assessment/scheme_detail.html", context)


@login_required
def scheme_template(request):
    access.require(request.user, access.MANAGE_SCHEME)
    return attachment(template_workbook(), _("考核细则模板.xlsx"))


@login_required
def scheme_export(request, pk: int):
    scheme = scheme_for_user(request, pk)
    return attachment(export_scheme(scheme), f"{scheme.title}.xlsx")


@login_required
def scheme_import(request, pk: int):
    scheme = scheme_for_user(request, pk, access.MANAGE_SCHEME)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if getattr(request, "upload_too_large", None):
        form.add_error(None, _("文件“%(name)s”太大，已拒收。") % {"name": request.upload_too_large})
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            counts = apply_book(scheme, read_book(scheme, upload.name, upload.read()))
        except BookRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, _imported(counts))
            return redirect("assessment:scheme", scheme.pk)
    context = {"scheme": scheme, "form": form, "problems": problems, "layout": list(COLUMNS.items())}
    return render(request, "assessment/scheme_import.html", context)


def _imported(counts) -> str:
    parts = [
        _("类别 %(n)s 个") % {"n": counts.categories},
        _("考核指标 %(n)s 个") % {"n": counts.indicators},
    ]
    if counts.groups is not None:
        parts.append(_("考核分组 %(n)s 个") % {"n": counts.groups})
    if counts.grades is not None:
        parts.append(_("等次 %(n)s 个") % {"n": counts.grades})
    if counts.rules is not None:
        parts.append(_("加减分规则 %(n)s 条") % {"n": counts.rules})
    if counts.rewards is not None:
        parts.append(_("奖惩规则 %(n)s 条") % {"n": counts.rewards})
    return _("已导入：%(parts)s。") % {"parts": pgettext("list separator", "、").join(parts)}


urlpatterns = [
    path("schemes/", scheme_list, name="schemes"),
    path("schemes/new/", scheme_new, name="scheme_new"),
    path("schemes/template.xlsx", scheme_template, name="scheme_template"),
    path("schemes/<int:pk>/", scheme_edit, name="scheme"),
    path("schemes/<int:pk>/export.xlsx", scheme_export, name="scheme_export"),
    path("schemes/<int:pk>/import/", scheme_import, name="scheme_import"),
]
