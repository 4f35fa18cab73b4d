"""The REST API: thin views over the same doors as the pages (workflow.services, permissions).

An item you may not see answers 404, an action you may not take 403, as on the pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView
from viewflow.workflow.models import Task

from accounts import lockout, second_factor
from config.uploads import too_large_message
from responsibility import contributions, permissions
from responsibility.assignments import units_not_in
from responsibility.evidence_files import held_message
from responsibility.models import (
    Assignment,
    Evidence,
    IndicatorValue,
    ItemEvent,
    Post,
    ProgressReport,
    ResponsibilityItem,
    attach_ancestors,
)
from responsibility.reporting import current_period
from workflow import inbox, instructions, lists, previews, services
from workflow.forms import InstructionForm, extension_possible
from workflow.models import assignment_of
from workflow.views import _get_item_for_user

from . import auth, idempotency
from . import serializers as s
from .errors import Conflict, FileTooLarge, LockedOut, SecondFactorRefused, errors
from .language import ClientLanguageMixin
from .parsers import SafeJSONParser as JSONParser
from .throttling import TokenAccountThrottle, TokenAddressThrottle


class ApiView(ClientLanguageMixin, APIView):
    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if request.method == "POST" and hasattr(self, "post"):
            # Every POST answers once per Idempotency-Key (api/idempotency.py).
            self.post = idempotency.keyed(self, self.post)


class ListView(ClientLanguageMixin, generics.ListAPIView):
    pass


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def item_for(request, pk: int) -> ResponsibilityItem:
    """The item if the user may see it, else 404: the pages' own check."""
    return _get_item_for_user(request, pk)


# --- tokens ---------------------------------------------------------------------------------------


class TokenView(ApiView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    # Password guessing: a few attempts a minute per address and per account (api.throttling).
    throttle_classes = [TokenAddressThrottle, TokenAccountThrottle]

    @extend_schema(
        operation_id="token_obtain",
        summary="Get your API token (登录取得令牌)",
        description="Exchange a username and password for a new token, valid until `expiry` (API_TOKEN_TTL_HOURS, "
        "24 h by default) and ended by a password change or a revocation; the server keeps only its digest. Send "
        "it on every request as `Authorization: Token <token>`. An account with two-step verification (两步验证) "
        "also sends `otp`, the current code of its authenticator app: without it the answer is 400 `otp_required`, "
        "with a wrong one 400 `otp_invalid` (a failed login, counted toward the lockout). An account that must "
        "enrol first and has not is refused with 403 `second_factor_enrolment_required`.",
        request=s.TokenRequestSerializer,
        responses={200: s.TokenSerializer, **errors(400, 403, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        login = AuthTokenSerializer(data=request.data, context={"request": request})
        if not login.is_valid() and getattr(request, "axes_locked_out", False):
            # django-axes refused the attempt: the same lockout as /login/.
            raise LockedOut(lockout.message(), wait=settings.LOGIN_COOLOFF_MINUTES * 60)
        login.is_valid(raise_exception=True)
        user = login.validated_data["user"]
        self._second_factor(request, user)
        if user.must_change_password:
            # A one-time password the office has seen opens nothing: its holder chooses his own first.
            raise PermissionDenied(_("请先登录网页修改初始密码，再用新密码取得令牌。"), code="password_change_required")
        instance, token = auth.issue(user)
        return Response(s.TokenSerializer({"token": token, "expiry": instance.expiry, "user": user}).data)

    def _second_factor(self, request, user) -> None:
        """The password is not enough for an account with an authenticator app: its current code too.
        A wrong code is a failed login (django-axes counts it toward the lockout, as a wrong password)."""
        device = second_factor.confirmed_device(user)
        if device is None:
            if second_factor.must_enrol(user):
                message = _("您的账号须先开启两步验证：请登录网页按提示开启，再取得令牌。")
                raise PermissionDenied(message, code="second_factor_enrolment_required")
            return
        code = request.data.get("otp")
        if not isinstance(code, str) or not code.strip():
            raise SecondFactorRefused(
                _("此账号已开启两步验证，请在 otp 中一并提交验证器应用显示的 6 位验证码。"), code="otp_required"
            )
        if second_factor.code_is_right(device, code.strip()):
            return
        user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
        if getattr(request, "axes_locked_out", False):
            raise LockedOut(lockout.message(), wait=settings.LOGIN_COOLOFF_MINUTES * 60)
        raise SecondFactorRefused(_("验证码不正确或已过期，请重新输入。"), code="otp_invalid")


class TokenRevokeView(ApiView):
    @extend_schema(
        operation_id="token_revoke",
        summary="Revoke my API token (注销令牌)",
        description="Delete every token of the user making the request (a lost phone, a hand-over): they stop "
        "working at once; the next `POST /api/token/` gives a new one.",
        request=None,
        responses={204: None, **errors(401)},
        tags=["auth"],
    )
    def post(self, request):
        auth.revoke_all(request.user)
        return Response(status=204)


# --- my tasks -------------------------------------------------------------------------------------


class MyTasksView(ListView):
    serializer_class = s.TaskSerializer
    pagination_class = Pages

    @extend_schema(
        operation_id="tasks_list",
        summary="My tasks (我的待办)",
        description="What the 我的待办 page shows: the steps waiting for you, and the office's free pool tasks, "
        "oldest first, each with its item and what the item is due by; a page at a time (`page`, `page_size`), "
        "as every list of the API.",
        responses={200: s.TaskSerializer(many=True), **errors(401, 404)},
        tags=["tasks"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return services.my_tasks(self.request.user)

    def paginate_queryset(self, queryset):
        rows = services.with_items(super().paginate_queryset(queryset))
        items = [row.item for row in rows]
        attach_ancestors(items)
        prefetch_related_objects(items, "category")
        return rows


# --- items ----------------------------------------------------------------------------------------


class ItemListView(ListView):
    serializer_class = s.ItemSummarySerializer
    pagination_class = Pages

    @extend_schema(
        operation_id="items_list",
        summary="Items you may see (责任清单)",
        description="The items (not headings) you may see, in plan order, a page at a time, filtered as the "
        "责任清单 page filters them: the same query string (`q`, `plan`, `status`, `rag`, `mine`, `unit`, `overdue`) "
        "gives the same items here as on `/items/`. A wrong value is a 400 (the page shows its error "
        "and leaves that filter out).",
        parameters=[s.ItemQuerySerializer],
        responses={200: s.ItemSummarySerializer(many=True), **errors(400, 401, 404)},
        tags=["items"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = s.ItemQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        visible = lists.visible_by_plan(self.request.user)  # read by plan, as the page reads them
        unit = query.validated_data.get("unit")
        if unit is not None and not lists.units_of(visible.parts).filter(pk=unit):
            # As the page's filter refuses it: a unit that does none of the items one may see.
            raise ValidationError({"unit": [_("没有该承办单位的事项。")]})
        items = lists.filter_items(
            visible.items.filter(is_heading=False), query.validated_data, self.request.user, timezone.localdate()
        )
        return items.select_related("plan", "category", "responsible_post__holder").order_by("-plan_id", "order", "id")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        attach_ancestors(page)
        return page


class ItemDetailView(ApiView):
    @extend_schema(
        operation_id="items_retrieve",
        summary="One item (事项详情)",
        description="Status, light, deadline, assignments and whom to contact, indicators with their latest "
        "values, milestones, the timeline, the reports with their evidence (download URLs), and what you may "
        "do on it now.",
        responses={200: s.ItemDetailSerializer, **errors(401, 404)},
        tags=["items"],
    )
    def get(self, request, pk: int):
        item = item_for(request, pk)
        return Response(s.ItemDetailSerializer(item, context=detail_context(request, item)).data)


def detail_context(request, item: ResponsibilityItem) -> dict:
    reports = list(
        item.reports.select_related("author").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id")),
            Prefetch("indicator_values", queryset=IndicatorValue.objects.select_related("indicator")),
        )
    )
    events = item.events.select_related("actor").order_by("created_at", "id")
    tasks = list(services.active_task_for_item(item))
    mine = [task for task in tasks if services.can_take(request.user, task)]
    steps = [task.flow_task.name for task in mine]
    working = next((task for task in mine if task.flow_task.name == "work"), None)
    own = assignment_of(working) if working is not None else None
    if own is not None:
        own.item = item
    # Offered only where it could be granted (else the POST could only be refused), on the caller's own unit.
    extension = own is not None and extension_possible(own, timezone.localdate())
    # 牵头单位汇总办结: the lead unit claims once every other unit has handed its part in.
    claim = own is not None and not units_not_in(own)
    parts = unit_parts(request.user, item)
    transfer = any(services.holds_part(request.user, a) and a.status in services.TRANSFERABLE for a in parts)
    actions = {"report": own is not None, "claim": claim, "extension": extension, "rectify": "rectify" in steps}
    actions.update(contribute="contribute" in steps, transfer=transfer, tasks=steps)
    return {"request": request, "reports": reports, "events": events, "actions": actions, "assignments": parts}


def unit_parts(user, item: ResponsibilityItem) -> list[Assignment]:
    """The item's assignments in order, each with its unit, post and holder, its home post while
    lent (转办), whether ``user`` holds its post (``mine``), and a cooperating unit's 会办
    (``contribution``, read only where the item has cooperating units)."""
    held = Exists(Post.objects.filter(pk=OuterRef("post_id"), group__user=user.pk))
    parts = (
        services.with_last_transfer(Assignment.objects.filter(item=item))
        .select_related("unit", "post__unit", "post__holder")
        .annotate(mine=held)
        .order_by("order", "id")
    )
    parts = services.with_home_posts(list(parts))
    for contribution in contributions.of(parts):
        contribution.assignment.contribution = contribution
    return parts


# --- reporting ------------------------------------------------------------------------------------


class StepView(ApiView):
    """A POST that completes one of a unit official's steps on an item (``step``), with the step's own
    form through the page's own service: the same rules, timeline and notifications. The steps of a
    lead or responsible unit's branch by default; with ``cooperating``, a cooperating unit's 会办."""

    parser_classes = [MultiPartParser]
    step = "work"
    cooperating = False
    input_class: type[serializers.Serializer]

    def post(self, request, pk: int):
        item = item_for(request, pk)
        self.own = own_part(request.user, item, self.cooperating)
        if self.own is None:
            raise PermissionDenied(_("您不是该事项的责任人，不能提交。"))
        if self.own.runs_branch == self.cooperating:
            raise PermissionDenied(str(WRONG_ROLE[self.cooperating]))
        data = request.data  # parsed here: a file over the limit was cut off as it streamed in
        too_large = getattr(request, "upload_too_large", None)
        given = self.input_class(data=data, context={"request": request, "item": item})
        if too_large or not given.is_valid():
            open_task(request.user, item, self.own, self.step)  # a request at the wrong step is a 409
            if too_large:
                raise FileTooLarge(too_large_message(too_large))
            raise ValidationError(given.errors)
        form_data, files = self.form_input(item, given.validated_data)

        def run() -> Response:
            # The task is looked up once the request holds its key: a double tap waits for the
            # first and gets its answer, instead of finding the task the first one created.
            task = open_task(request.user, item, self.own, self.step, given.validated_data.get("task"))
            complete(request.user, task, form_data, files, api_fields=set(given.fields))
            return Response(self.result(request, item), status=status.HTTP_201_CREATED)

        if idempotency.HEADER in request.headers:
            return run()  # the client's key already holds this request (ApiView.initial)
        key = idempotency.content_key(form_data, files.getlist("evidence"))
        return idempotency.once(request.user, key, request.path, run)

    def form_input(self, item: ResponsibilityItem, data: dict) -> tuple[dict, MultiValueDict]:
        raise NotImplementedError

    def result(self, request, item: ResponsibilityItem) -> dict:
        return report_result(request, item)


class ReportView(StepView):
    """A progress report on an item, through the item's 办理反馈 step (the page's own form and service)."""

    action = "report"
    input_class = s.ReportInputSerializer

    @extend_schema(
        operation_id="items_report",
        summary="Submit a progress report (进度反馈)",
        description="Percent done, narrative, indicator values and evidence files, as multipart/form-data. "
        "Only the item's responsible official, while the item waits for a report (办理反馈). The report, "
        "its files (with SHA-256), the timeline and the notifications are the same as from the page.",
        request={"multipart/form-data": s.ReportInputSerializer},
        responses={201: s.ReportResultSerializer, **errors(400, 401, 403, 404, 409, 413)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def form_input(self, item: ResponsibilityItem, data: dict) -> tuple[dict, MultiValueDict]:
        form_data = {
            "action": self.action,
            "period": data.get("period") or current_period(timezone.localdate()),
            "percent_done": str(data.get("percent_done", 100)),
            "narrative": data["narrative"],
        }
        return with_report_extras(form_data, data)


class ClaimView(ReportView):
    action = "claim"
    input_class = s.ClaimSerializer

    @extend_schema(
        operation_id="items_claim",
        summary="Claim completion (申请办结)",
        description="The last report, at 100 %, with narrative, indicator values and evidence: the item goes "
        "to its inspector for verification (督查核验). Only the responsible official, at 办理反馈.\n\n"
        "On an item the lead unit closes for all (`closing` = `lead`, 牵头单位汇总办结), a unit other than the "
        "lead reports its part done to the lead unit instead: its part goes to `handed_in` (已报牵头单位), not "
        "to verification. The lead unit's claim is for the whole item, and is refused (400, under "
        "`non_field_errors`, naming the units) until every other unit has handed its part in.\n\n"
        "The plan's rules for a claim apply as on the page: evidence files where `claim_needs_evidence` is on, "
        "and a value for every indicator of the item where `claim_needs_indicator_values` is on (each blank "
        "one named under `indicator_values`; a rectification too, a part handed in to the lead unit not).",
        request={"multipart/form-data": s.ClaimSerializer},
        responses={201: s.ReportResultSerializer, **errors(400, 401, 403, 404, 409, 413)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class ExtensionView(StepView):
    """An extension request (延期申请): the 办理反馈 step's own form with action=extension."""

    parser_classes = [JSONParser, FormParser, MultiPartParser]
    input_class = s.ExtensionInputSerializer

    @extend_schema(
        operation_id="items_extension",
        summary="Request an extension (延期申请)",
        description="The new deadline and the reason: the item waits for the office's decision (延期审批). "
        "Only the responsible official, at 办理反馈, with the page's rules: the new date later than the "
        "current deadline, asked before that deadline passes, and never for an ongoing item (长期坚持).",
        request=s.ExtensionInputSerializer,
        responses={201: s.ExtensionResultSerializer, **errors(400, 401, 403, 404, 409, 413)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def form_input(self, item: ResponsibilityItem, data: dict) -> tuple[dict, MultiValueDict]:
        # The form asks for the period and progress of every action; a request changes neither.
        form_data = {
            "action": "extension",
            "period": current_period(timezone.localdate()),
            "percent_done": str(self.own.percent_done),
            "narrative": data["narrative"],
            "new_deadline": data["new_deadline"].isoformat(),
        }
        return form_data, MultiValueDict()

    def result(self, request, item: ResponsibilityItem) -> dict:
        requests = item.events.filter(kind=ItemEvent.Kind.EXTENSION_REQUESTED, assignment=self.own)
        requested = requests.latest("created_at", "id")
        item = item_for(request, item.pk)
        return {
            "extension": s.ExtensionRequestSerializer(requested).data,
            "item": s.ItemSummarySerializer(item, context={"request": request}).data,
        }


class RectificationView(StepView):
    """A rectification (整改反馈) of a returned item, through its 整改 step."""

    step = "rectify"
    input_class = s.RectificationInputSerializer

    @extend_schema(
        operation_id="items_rectify",
        summary="Submit a rectification (整改反馈)",
        description="What was put right, indicator values and evidence files, as multipart/form-data: the "
        "item goes back to its inspector for verification (督查核验). Only the responsible official, while "
        "the item is returned for rectification (整改). Files are stored with SHA-256, as with a report.",
        request={"multipart/form-data": s.RectificationInputSerializer},
        responses={201: s.ReportResultSerializer, **errors(400, 401, 403, 404, 409, 413)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def form_input(self, item: ResponsibilityItem, data: dict) -> tuple[dict, MultiValueDict]:
        return with_report_extras({"narrative": data["narrative"]}, data)


class ContributionView(StepView):
    """会办: a cooperating unit's contribution to the lead unit, through its own 会办 step."""

    step = "contribute"
    cooperating = True
    input_class = s.ContributionInputSerializer

    @extend_schema(
        operation_id="items_contribute",
        summary="Submit a contribution (会办意见)",
        description="A cooperating unit's (配合单位) contribution to the lead unit: narrative, indicator values "
        "and evidence files, as multipart/form-data, once, by its 会办 date (the unit's `deadline`; given "
        "later it is a late 会办, which the item's `assignments` show). Only the cooperating unit's official, "
        "while its 会办 is open (until it is given or the item closes); lead and responsible units report "
        "through `reports/` and `claim/`. The report (kind `contribution`), its files (with SHA-256) and the "
        "timeline are the same as from the page.",
        request={"multipart/form-data": s.ContributionInputSerializer},
        responses={201: s.ReportResultSerializer, **errors(400, 401, 403, 404, 409, 413)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)

    def form_input(self, item: ResponsibilityItem, data: dict) -> tuple[dict, MultiValueDict]:
        return with_report_extras({"narrative": data["narrative"]}, data)


def with_report_extras(form_data: dict, data: dict) -> tuple[dict, MultiValueDict]:
    """The indicator values, 批示 answers and evidence files of a report, as the step's form takes them."""
    for pk, value in data.get("indicator_values", {}).items():
        form_data[f"indicator_{pk}"] = str(value)
    for pk, value in data.get("answers", {}).items():
        form_data[f"answer_{pk}"] = value
    return form_data, MultiValueDict({"evidence": list(data.get("evidence", []))})


def own_part(user, item: ResponsibilityItem, cooperating: bool = False) -> Assignment | None:
    """The caller's own unit's part of the item, whatever its role, whose steps he takes (``acts_for``):
    where his reports, claims, requests and 会办 land. Of several (someone acting for two units, a
    superuser), the first a unit of that kind has: ``cooperating`` or one running the work. None for
    everyone else, even those who see the item."""
    parts = permissions.parts_acted_for(user, Assignment.objects.filter(item=item).order_by("order", "id"))
    return next((part for part in parts if part.runs_branch != cooperating), parts[0] if parts else None)


def open_task(user, item: ResponsibilityItem, own: Assignment, step: str, seen: int | None = None) -> Task:
    """The caller's own open ``step`` task on the item: his unit's, whatever the other units' steps.
    ``seen``: the task the client saw (``task`` in the input); another one open now is a 409, so a
    request sent for one step never lands on the next."""
    task = services.task_of(user, item, step)
    if task is None or (task.data or {}).get("assignment", own.pk) != own.pk:
        raise Conflict(str(WRONG_STEP[step]) % {"status": own.get_status_display()})
    if seen is not None and seen != task.pk:
        raise Conflict(_("您提交的环节（任务 %(seen)s）已办理，请刷新事项后再提交。") % {"seen": seen})
    return task


WRONG_STEP = {
    "work": gettext_lazy("该事项当前不在“办理反馈”环节（现为：%(status)s），不能提交。"),
    "rectify": gettext_lazy("该事项当前不在“整改”环节（现为：%(status)s），不能提交。"),
    "contribute": gettext_lazy("本单位的会办已结束（现为：%(status)s），不能再提交会办意见。"),
}

# A unit's part of another kind than the step's, by whether the step is a cooperating unit's (会办).
WRONG_ROLE = {
    False: gettext_lazy("您的单位是本事项的配合单位，只向牵头单位提交会办意见，不能提交。"),
    True: gettext_lazy("您的单位不是本事项的配合单位，无需提交会办意见。"),
}


def complete(user, task: Task, form_data: dict, files: MultiValueDict, api_fields: set[str]) -> None:
    """Complete the task with the step's own form, as the page posts it."""
    try:
        form = services.complete(user, task.pk, form_data, files)
    except services.TaskUnavailable as exc:
        raise Conflict(str(exc)) from exc
    if not form.is_valid():
        raise serializers.ValidationError(form_errors(form, api_fields))


def form_errors(form, api_fields: set[str]) -> dict:
    """The step form's errors under the API's field names; errors of form fields the API does not
    take (the page's action choice, say) are about the whole input."""
    fields: dict = {}
    for name, messages in form.errors.items():
        if name.startswith("indicator_"):
            fields.setdefault("indicator_values", {})[name.removeprefix("indicator_")] = list(messages)
        elif name.startswith("answer_"):
            fields.setdefault("answers", {})[name.removeprefix("answer_")] = list(messages)
        elif name in api_fields:
            fields[name] = list(messages)
        else:
            fields.setdefault("non_field_errors", []).extend(messages)
    return fields


def report_result(request, item: ResponsibilityItem) -> dict:
    report = (
        ProgressReport.objects.filter(item=item, author=request.user)
        .prefetch_related("evidence", "indicator_values__indicator")
        .select_related("author")
        .latest("created_at", "id")
    )
    item = item_for(request, item.pk)
    context = {"request": request}
    return {
        "report": s.ReportSerializer(report, context=context).data,
        "item": s.ItemSummarySerializer(item, context=context).data,
    }


class TransferView(ApiView):
    """转办: the unit's official passes his unit's part to a colleague's post, or takes it back."""

    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        operation_id="items_transfer",
        summary="Pass a unit's part to a colleague, or take it back (转办 / 收回转办)",
        description="Your unit's part of the item goes to `post`, a colleague's post in the same unit with someone "
        "in it: its open steps (签收, 办理反馈, 整改) and the right to take them go with it, and the unit's timeline "
        "says so. Without `post` the part goes back to the post it was handed to. Only the holder of the unit's "
        "post (or, while it is lent, of the post it was handed to) or the office; while the part is in the unit's "
        "keeping (not sent back, not yet verified). A post of another unit, or without a holder, is a 400. "
        "An organisation's part (a 街道 given a district item) may go to a post of one of its departments or "
        "to another of its office posts.",
        request=s.TransferInputSerializer,
        responses={200: s.TransferResultSerializer, **errors(400, 401, 403, 404, 409)},
        tags=["items"],
    )
    def post(self, request, pk: int):
        item = item_for(request, pk)
        given = s.TransferInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        part = transferred_part(request.user, item, given.validated_data.get("unit"))
        post = given.validated_data.get("post")
        if post is not None:
            post = Post.objects.select_related("unit", "holder").filter(pk=post).first()
            if post is None:
                raise serializers.ValidationError({"post": [_("所选岗位不存在。")]})
        try:
            services.transfer(part, request.user, post, given.validated_data["note"])
        except services.TransferRefused as refusal:
            raise serializers.ValidationError({"post": [str(refusal)]}) from refusal
        except services.TaskUnavailable as exc:
            raise Conflict(str(exc)) from exc
        part = next(a for a in unit_parts(request.user, item) if a.pk == part.pk)
        item = item_for(request, item.pk)
        context = {"request": request}
        return Response(
            {
                "assignment": s.AssignmentSerializer(part, context=context).data,
                "item": s.ItemSummarySerializer(item, context=context).data,
            }
        )


def transferred_part(user, item: ResponsibilityItem, unit: int | None) -> Assignment:
    """The part to transfer: the named unit's, else the one whose post (or home post) the caller holds."""
    parts = unit_parts(user, item)
    if unit is not None:
        named = next((a for a in parts if a.unit_id == unit), None)
        if named is None:
            raise serializers.ValidationError({"unit": [_("该单位不是本事项的承办单位。")]})
        return named
    own = next((a for a in parts if services.holds_part(user, a)), None)
    if own is None:
        raise PermissionDenied(_("您不是该事项承办单位的责任人，不能转办。"))
    return own


class EvidenceView(ApiView):
    @extend_schema(
        operation_id="evidence_download",
        summary="Download an evidence file (佐证材料)",
        description="The file as uploaded, for whoever may see its item.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The file"),
            **errors(401, 404),
        },
        tags=["items"],
    )
    def get(self, request, pk: int):
        evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
        item_for(request, evidence.report.item_id)
        if evidence.held:
            raise Conflict(held_message(evidence))
        try:
            handle = evidence.file.open("rb")
        except FileNotFoundError as exc:
            raise NotFound(_("该文件已不存在。")) from exc
        response = FileResponse(handle, as_attachment=True, filename=evidence.original_name)
        response["Content-Type"] = previews.download_type(evidence.original_name)
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def perform_content_negotiation(self, request, force=False):
        # A file is a file whatever the client accepts; errors still come back as JSON.
        return super().perform_content_negotiation(request, force=True)


# --- notifications --------------------------------------------------------------------------------


def my_notifications(request):
    return inbox.mine(request.user)


class NotificationListView(ListView):
    serializer_class = s.NotificationSerializer
    pagination_class = Pages

    @extend_schema(
        operation_id="notifications_list",
        summary="My notifications (通知)",
        description="Newest first; `unread=true` for the unread ones only, `kind=` for one kind (the page's filters).",
        parameters=[s.NotificationQuerySerializer],
        responses={200: s.NotificationSerializer(many=True), **errors(400, 401, 404)},
        tags=["notifications"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = s.NotificationQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return inbox.filtered(my_notifications(self.request), data.get("kind", ""), data.get("unread"))


class UnreadCountView(ApiView):
    @extend_schema(
        operation_id="notifications_unread_count",
        summary="How many notifications are unread",
        responses={200: s.UnreadCountSerializer, **errors(401)},
        tags=["notifications"],
    )
    def get(self, request):
        return Response({"unread": my_notifications(request).filter(read_at__isnull=True).count()})


class MarkReadView(ApiView):
    @extend_schema(
        operation_id="notifications_mark_read",
        summary="Mark one notification read",
        request=None,
        responses={200: s.NotificationSerializer, **errors(401, 404)},
        tags=["notifications"],
    )
    def post(self, request, pk: int):
        notification = get_object_or_404(my_notifications(request), pk=pk)
        inbox.mark_read(my_notifications(request).filter(pk=notification.pk))
        notification.refresh_from_db(fields=["read_at"])
        return Response(s.NotificationSerializer(notification, context={"request": request}).data)


class MarkAllReadView(ApiView):
    @extend_schema(
        operation_id="notifications_mark_all_read",
        summary="Mark all my notifications read (全部已读)",
        description="All of them, or with `kind` only those of that kind.",
        request=s.ReadAllSerializer,
        responses={200: s.MarkedSerializer, **errors(400, 401)},
        tags=["notifications"],
    )
    def post(self, request):
        body = s.ReadAllSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marked = inbox.mark_read(inbox.filtered(my_notifications(request), body.validated_data.get("kind", "")))
        return Response({"marked": marked})


# --- 批示 and 已阅 -------------------------------------------------------------------------------------


class InstructionListView(ApiView):
    """The item's 批示 (GET, a page at a time), and a new one (POST): the page's own doors and rules."""

    parser_classes = [JSONParser, FormParser, MultiPartParser]
    pagination_class = Pages

    @extend_schema(
        operation_id="items_instructions_list",
        summary="The item's 批示 (leaders' instructions)",
        description="Oldest first, each with its answer (given in a progress report) and, for its sender and "
        "those who supervise, who it was sent to and when each marked it read (已阅); a page at a time.",
        responses={200: s.InstructionSerializer(many=True), **errors(401, 404)},
        tags=["instructions"],
    )
    def get(self, request, pk: int):
        item = item_for(request, pk)
        pages = self.pagination_class()
        found = pages.paginate_queryset(instructions.of_item(item), request, view=self)
        instructions.attach_receipts(request.user, [i.event for i in found])
        shown = s.InstructionSerializer(found, many=True, context={"request": request})
        return pages.get_paginated_response(shown.data)

    @extend_schema(
        operation_id="items_instructions_create",
        summary="Write a 批示 (leaders' instruction)",
        description="By the committee on any item, by the lead leader on his own; on the item, or with `report` on "
        "one of its progress reports (then for that report's unit). It stands on the timeline and notifies the "
        "responsible officials and the office; they answer it in their next report (`answers`). 409 on a closed "
        "item.",
        request=s.InstructionInputSerializer,
        responses={201: s.InstructionSerializer, **errors(400, 401, 403, 404, 409)},
        tags=["instructions"],
    )
    def post(self, request, pk: int):
        item = item_for(request, pk)
        if not permissions.can_instruct(request.user, item):
            raise PermissionDenied(_("只有党工委委员和本事项的牵头领导可以批示。"))
        given = s.InstructionInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        form = InstructionForm({k: v for k, v in given.validated_data.items() if v is not None})
        if not form.is_valid():
            raise ValidationError({name: list(messages) for name, messages in form.errors.items()})
        data = form.cleaned_data
        report = get_object_or_404(ProgressReport, pk=data["report"], item=item) if data["report"] else None
        try:
            instruction = instructions.instruct(item, request.user, data["text"], data["due"], report)
        except instructions.InstructionRefused as refusal:
            raise Conflict(str(refusal)) from refusal
        instructions.attach_receipts(request.user, [instruction.event])
        return Response(s.InstructionSerializer(instruction, context={"request": request}).data, status=201)


class EventReadView(ApiView):
    @extend_schema(
        operation_id="items_event_read",
        summary="Mark a 批示 or a 督办通知单 read (已阅)",
        description="Only by those it was sent to (403 for the others who see the item); reading again keeps the "
        "first time. `event` is the 批示's `event`, or the timeline event of the step that issued the notice.",
        request=None,
        responses={200: s.ReceiptSerializer, **errors(401, 403, 404)},
        tags=["instructions"],
    )
    def post(self, request, pk: int, event_pk: int):
        item = item_for(request, pk)
        event = get_object_or_404(
            ItemEvent.objects.select_related("escalation_notice", "assignment__post"), pk=event_pk, item=item
        )
        if not instructions.acknowledged(event):
            raise NotFound
        event.item = item
        try:
            receipt = instructions.mark_read(event, request.user)
        except DjangoPermissionDenied as refusal:
            raise PermissionDenied(_("该批示或督办通知单不是发给您的。")) from refusal
        return Response(s.ReceiptSerializer(receipt).data)
