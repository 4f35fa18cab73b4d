"""The set-up pages (组织机构): the unit tree, each unit's posts, the people, the roster."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.downloads import attachment
from responsibility.accounts import create_account
from responsibility.models import Post
from responsibility.roster import COLUMNS, RosterRejected, roster_workbook

from . import access, services
from .forms import AssignForm, NewPersonForm, PersonForm, PostForm, RosterForm, SecondFactorForm, UnitForm

log = logging.getLogger("luoshi.login")


@login_required
def home(request):
    organisations = access.require_manager(request)
    if len(organisations) == 1:
        return redirect("workflow:org_tree", organisations[0].pk)
    return render(request, "workflow/organisation/home.html", {"organisations": organisations})


# --- 登录安全 ------------------------------------------------------------------------------------------


@login_required
def security(request, pk: int):
    """Whether the organisation requires a second factor of its office, committee and administrators,
    and who of them has enrolled."""
    scope = access.scope(request, pk)
    floor = settings.SECOND_FACTOR_REQUIRED
    form = SecondFactorForm(request.POST or None, instance=scope.organisation, floor=floor)
    if request.method == "POST" and form.is_valid():
        if not floor and form.has_changed():
            form.save()
            state = "required" if form.instance.second_factor_required else "not required"
            log.info("second factor %s in %s by %s", state, scope.organisation, request.user.get_username())
        required = floor or form.instance.second_factor_required
        messages.success(request, _("已要求两步验证。") if required else _("已不再要求两步验证。"))
        return redirect("workflow:org_security", scope.organisation.pk)
    context = {
        "organisation": scope.organisation,
        "form": form,
        "floor": floor,
        "holders": services.second_factor_holders(scope),
    }
    return render(request, "workflow/organisation/security.html", context)


# --- units ----------------------------------------------------------------------------------------------


@login_required
def tree(request, pk: int):
    scope = access.scope(request, pk)
    counts = {
        row["unit_id"]: (row["posts"], row["vacant"])
        for row in Post.objects.filter(unit_id__in=scope.unit_ids)
        .values("unit_id")
        .annotate(posts=Count("pk"), vacant=Count("pk", filter=Q(holder__isnull=True)))
    }
    for unit in scope.tree.units:
        unit.post_count, unit.vacant_count = counts.get(unit.pk, (0, 0))
    context = {"scope": scope, "organisation": scope.organisation, "tree": scope.tree}
    return render(request, "workflow/organisation/tree.html", context)


@login_required
def unit_new(request, pk: int):
    scope = access.scope(request, pk)
    form = UnitForm(request.POST or None, scope=scope, initial={"parent": request.GET.get("parent")})
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("已新建单位“%(unit)s”。") % {"unit": unit})
        return redirect("workflow:org_unit", unit.pk)
    return render(request, "workflow/organisation/unit_new.html", {"form": form, "organisation": scope.organisation})


@login_required
def unit_edit(request, pk: int):
    unit, scope = access.unit_for(request, pk)
    form = UnitForm(request.POST or None, instance=unit, scope=scope)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存单位“%(unit)s”。") % {"unit": unit})
        return redirect("workflow:org_unit", unit.pk)
    posts = unit.posts.select_related("holder").order_by("id")
    context = {
        "unit": unit,
        "form": form,
        "organisation": scope.organisation,
        "posts": posts,
        "post_form": PostForm(unit=unit, scope=scope),
        "children": scope.tree.children[unit.pk],
    }
    return render(request, "workflow/organisation/unit_edit.html", context)


# --- posts ----------------------------------------------------------------------------------------------


@login_required
def post_new(request, pk: int):
    unit, scope = access.unit_for(request, pk)
    form = PostForm(request.POST or None, unit=unit, scope=scope)
    if request.method == "POST" and form.is_valid():
        form.instance.unit = unit
        post = form.save()
        holder = form.cleaned_data.get("holder")
        if holder is not None:
            services.assign(post, holder, by=request.user)
        messages.success(request, _("已新增岗位“%(post)s”。") % {"post": post.title})
        return redirect("workflow:org_unit", unit.pk)
    return render(request, "workflow/organisation/post_form.html", {"form": form, "unit": unit, "post": None})


@login_required
def post_edit(request, pk: int):
    post, scope = access.post_for(request, pk)
    role = post.role
    form = PostForm(request.POST or None, instance=post, unit=post.unit, scope=scope)
    if request.method == "POST" and form.is_valid():
        new_role = form.cleaned_data["role"]
        with transaction.atomic():
            post.role = role  # as it was: change_role moves the holder's rights from it to the new one
            post.save(update_fields=["title"])
            post.change_role(new_role)
        messages.success(request, _("已保存岗位“%(post)s”。") % {"post": post.title})
        return redirect("workflow:org_unit", post.unit_id)
    return render(request, "workflow/organisation/post_form.html", {"form": form, "unit": post.unit, "post": post})


# --- people ---------------------------------------------------------------------------------------------


@login_required
def people(request, pk: int):
    scope = access.scope(request, pk)
    q = request.GET.get("q", "").strip()[:50]
    found = scope.people().prefetch_related(Prefetch("posts", queryset=Post.objects.select_related("unit")))
    if q:
        found = found.filter(Q(full_name__icontains=q) | Q(phone__icontains=q) | Q(username__icontains=q))
    found = found.order_by("-is_active", "full_name", "username")[:500]
    context = {"organisation": scope.organisation, "people": found, "q": q}
    return render(request, "workflow/organisation/people.html", context)


@login_required
def person_new(request, pk: int):
    scope = access.scope(request, pk)
    form = NewPersonForm(request.POST or None, scope=scope, initial={"post": request.GET.get("post")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person, password = create_account(
                    data["full_name"], data["phone"], data["email"], scope.organisation, data["username"]
                )
                if data["post"] is not None:
                    services.assign(data["post"], person, by=request.user)
        except IntegrityError:  # the same number or login name saved by someone else a moment ago
            form.add_error(None, _("手机号或登录名刚被其他人使用，请检查后重试。"))
        else:
            return _credentials(request, scope, [(person, password)], _("已新建人员"))
    return render(request, "workflow/organisation/person_new.html", {"form": form, "organisation": scope.organisation})


def _credentials(request, scope, accounts: list, title: str, summary=None):
    """The one-time passwords, shown this once (this response is their only copy)."""
    context = {"organisation": scope.organisation, "accounts": accounts, "title": title, "summary": summary}
    response = render(request, "workflow/organisation/credentials.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def person_edit(request, pk: int):
    person, scope = access.person_for(request, pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存“%(person)s”的信息。") % {"person": person})
        return redirect("workflow:org_person", person.pk)
    context = {
        "person": person,
        "form": form,
        "organisation": scope.organisation,
        "posts": person.posts.select_related("unit").order_by("unit__order", "id"),
        "assign_form": AssignForm(scope=scope, person=person),
    }
    return render(request, "workflow/organisation/person_edit.html", context)


@login_required
@require_POST
def person_assign(request, pk: int):
    person, scope = access.person_for(request, pk)
    form = AssignForm(request.POST, scope=scope, person=person)
    if not person.is_active:
        messages.error(request, _("“%(person)s”已停用，不能指定岗位。") % {"person": person})
    elif form.is_valid():
        post = form.cleaned_data["post"]
        previous = post.holder
        moved = services.assign(post, person, by=request.user)
        messages.success(
            request,
            _("%(post)s 已由 %(old)s 移交给 %(new)s，转交待办 %(moved)s 项。")
            % {"post": _post_name(post), "old": previous or _("（空缺）"), "new": person, "moved": moved},
        )
    else:
        messages.error(request, " ".join(form.errors.get("post", [])))
    return redirect("workflow:org_person", person.pk)


@login_required
@require_POST
def person_vacate(request, pk: int, post_pk: int):
    """离岗: the person leaves one post; it falls vacant and its tasks wait for the next holder."""
    person, scope = access.person_for(request, pk)
    post = get_object_or_404(Post.objects.select_related("unit"), pk=post_pk, holder=person)
    moved = services.assign(post, None, by=request.user)
    messages.success(
        request,
        _("%(person)s 已离开岗位 %(post)s，岗位空缺；%(moved)s 项待办等待新的在岗人员。")
        % {"person": person, "post": _post_name(post), "moved": moved},
    )
    return redirect("workflow:org_person", person.pk)


def _post_name(post: Post) -> str:
    return f"{post.unit.name}{post.title}"


@login_required
@require_POST
def person_deactivate(request, pk: int):
    person, scope = access.person_for(request, pk)
    if person.pk == request.user.pk:
        messages.error(request, _("不能停用自己的账号。"))
    elif person.is_active:
        freed = services.deactivate(person, by=request.user)
        messages.success(
            request,
            _("已停用“%(person)s”：其岗位已空缺，%(freed)s 项待办留在待办池中，指定新的在岗人员后自动转交。")
            % {"person": person, "freed": freed},
        )
    return redirect("workflow:org_person", person.pk)


@login_required
@require_POST
def person_activate(request, pk: int):
    person, scope = access.person_for(request, pk)
    if not person.is_active:
        services.reactivate(person)
        messages.success(request, _("已启用“%(person)s”。请为其指定岗位。") % {"person": person})
    return redirect("workflow:org_person", person.pk)


@login_required
@require_POST
def person_reset_password(request, pk: int):
    person, scope = access.person_for(request, pk)
    if person.pk == request.user.pk:
        messages.error(request, _("请在“修改密码”页面修改自己的密码。"))
        return redirect("workflow:org_person", person.pk)
    password = services.reset_password(person)
    return _credentials(request, scope, [(person, password)], _("已重置初始密码"))


# --- the roster -----------------------------------------------------------------------------------------


@login_required
def roster_download(request, pk: int):
    scope = access.scope(request, pk)
    return attachment(
        roster_workbook(scope.organisation),
        _("%(organisation)s人员名册.xlsx") % {"organisation": scope.organisation.name},
    )


@login_required
def roster_import(request, pk: int):
    scope = access.scope(request, pk)
    form = RosterForm(request.POST or None, request.FILES or None)
    problems = []
    if getattr(request, "upload_too_large", None):
        form.add_error(None, _("文件“%(name)s”太大，已拒收。") % {"name": request.upload_too_large})
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = services.import_roster(scope.organisation, upload.name, upload.read(), request.user)
        except RosterRejected as rejected:
            problems = rejected.problems
        except IntegrityError:
            form.add_error(None, _("导入时组织机构被其他人同时修改，未导入任何内容，请重新导入。"))
        else:
            if not summary.changed:
                messages.info(request, _("名册与系统中的组织机构一致，没有需要更新的内容。"))
                return redirect("workflow:org_tree", scope.organisation.pk)
            return _credentials(request, scope, summary.accounts, _("名册已导入"), summary)
    context = {"organisation": scope.organisation, "form": form, "problems": problems, "columns": COLUMNS}
    return render(request, "workflow/organisation/roster.html", context)
