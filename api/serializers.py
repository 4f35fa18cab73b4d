"""What the API shows of items, tasks, reports and notifications, and what it accepts."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from config import safejson
from responsibility.models import (
    Assignment,
    Closing,
    Evidence,
    Indicator,
    IndicatorValue,
    Instruction,
    ItemEvent,
    ItemStatus,
    Milestone,
    Person,
    Post,
    ProgressReport,
    Rag,
    RagReason,
    ResponsibilityItem,
    Unit,
)
from workflow.models import Notification

# --- people, units, posts -------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "username", "name"]


class ContactSerializer(serializers.Serializer):
    """Someone to call about the item (联系人): the holder of one of its posts."""

    role = serializers.CharField(help_text="responsible_official, unit_head (of the official's unit) or lead_leader")
    role_label = serializers.CharField()
    post = serializers.CharField(help_text="The post's title")
    unit = serializers.CharField()
    name = serializers.CharField(allow_null=True, help_text="The holder; null while the post is vacant")
    phone = serializers.CharField()
    email = serializers.CharField()


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name"]


class PostSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)
    holder = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "title", "unit", "holder"]

    @extend_schema_field(PersonSerializer(allow_null=True))
    def get_holder(self, post: Post):
        return PersonSerializer(post.holder).data if post.holder_id else None


# --- items ----------------------------------------------------------------------------------------


class LabelField(serializers.CharField):
    """A choice's label (``source="get_status_display"``), called directly: DRF inspects a callable
    source's signature on every row, which cost a list page more than its labels."""

    def get_attribute(self, instance):
        return getattr(instance, self.source)()


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class ItemSummarySerializer(serializers.ModelSerializer):
    """One line of the responsibility list, as the 责任清单 page shows it."""

    full_number = serializers.CharField(read_only=True, help_text="Numbers from the top heading down: 一、（一）1.")
    breadcrumb = serializers.CharField(read_only=True, help_text="Where the item sits: 一、 › （一）依法全面履行…")
    plan_title = serializers.CharField(source="plan.title", read_only=True)
    category = serializers.CharField(source="category.name", read_only=True, allow_null=True, default=None)
    status_label = LabelField(source="get_status_display", read_only=True)
    rag = serializers.ChoiceField(
        choices=Rag.choices, allow_blank=True, read_only=True, help_text="Empty while the item has no light"
    )
    rag_label = LabelField(source="get_rag_display", read_only=True)
    deadline_display = serializers.CharField(read_only=True, help_text="长期坚持 for ongoing items")
    days_overdue = serializers.SerializerMethodField()
    responsible_official = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    class Meta:
        model = ResponsibilityItem
        fields = [
            "id",
            "number",
            "full_number",
            "title",
            "breadcrumb",
            "plan",
            "plan_title",
            "category",
            "status",
            "status_label",
            "rag",
            "rag_label",
            "deadline",
            "ongoing",
            "deadline_display",
            "due_by",
            "days_overdue",
            "percent_done",
            "expected_percent",
            "responsible_official",
            "url",
            "web_url",
        ]
        read_only_fields = fields

    def get_days_overdue(self, item: ResponsibilityItem) -> int:
        return item.days_overdue()

    @extend_schema_field(OpenApiTypes.STR)
    def get_responsible_official(self, item: ResponsibilityItem) -> str:
        post = item.responsible_post
        return str(post.holder or "") if post is not None else ""

    def get_url(self, item: ResponsibilityItem) -> str:
        return _absolute(self.context.get("request"), reverse("api:item", args=[item.pk]))

    def get_web_url(self, item: ResponsibilityItem) -> str:
        return _absolute(self.context.get("request"), reverse("workflow:item", args=[item.pk]))


class IndicatorSerializer(serializers.ModelSerializer):
    comparator_label = serializers.CharField(source="get_comparator_display", read_only=True)
    target_display = serializers.CharField(read_only=True)
    latest_value = serializers.SerializerMethodField(help_text="The value in the latest report that gave one")
    reached = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "comparator", "comparator_label", "target_value", "target_display"]
        fields += ["latest_value", "reached"]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True))
    def get_latest_value(self, indicator: Indicator):
        value = self.context.get("latest_values", {}).get(indicator.pk)
        return None if value is None else f"{value:.2f}"

    def get_reached(self, indicator: Indicator) -> bool:
        return indicator.is_reached(self.context.get("latest_values", {}).get(indicator.pk))


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "due", "title", "expected_percent"]
        read_only_fields = fields


class EventSerializer(serializers.ModelSerializer):
    """One line of the item's timeline (事项动态)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    actor = serializers.SerializerMethodField()
    from_status_label = serializers.CharField(read_only=True)
    to_status_label = serializers.CharField(read_only=True)

    class Meta:
        model = ItemEvent
        fields = ["id", "created_at", "kind", "kind_label", "actor", "from_status", "from_status_label"]
        fields += ["to_status", "to_status_label", "note"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_actor(self, event: ItemEvent) -> str:
        return str(event.actor) if event.actor_id else ""


class EvidenceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download_url = serializers.SerializerMethodField(help_text="GET with the same token or session")

    class Meta:
        model = Evidence
        fields = ["id", "name", "content_type", "size", "sha256", "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, evidence: Evidence) -> str:
        return _absolute(self.context.get("request"), reverse("api:evidence", args=[evidence.pk]))


class IndicatorValueSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "name", "value"]
        read_only_fields = fields


class ReportSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    author = serializers.CharField(read_only=True)
    indicator_values = IndicatorValueSerializer(many=True, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "kind", "kind_label", "period", "percent_done", "narrative", "author", "created_at"]
        fields += ["indicator_values", "evidence"]
        read_only_fields = fields


class AssignmentBriefSerializer(serializers.ModelSerializer):
    """A unit's part of an item (承办), as a task names it."""

    unit = UnitSerializer(read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "unit", "role", "role_label", "deadline", "status", "status_label"]
        read_only_fields = fields


class ContributionSerializer(serializers.Serializer):
    """Where a cooperating unit's 会办 stands (responsibility.contributions), as the item page shows it."""

    text = serializers.CharField(
        help_text="In one phrase: 待会办，6月30日前提交牵头单位 / 已会办（6月20日） / 会办逾期5天（时限6月30日） / "
        "逾期会办：7月5日提交，时限6月30日 / 未会办（事项已于会办时限前办结）"
    )
    missed = serializers.BooleanField(
        help_text="The 会办 date (the unit's `deadline`) has passed with nothing given by it, as of the end of "
        "yesterday"
    )


class AssignmentSerializer(AssignmentBriefSerializer):
    """A unit's part of the item (承办): its responsible official, its own clock and progress."""

    post = PostSerializer(read_only=True, allow_null=True, help_text="The unit's 责任人: the post and who holds it")
    home_post = serializers.SerializerMethodField(
        help_text="While a colleague holds the part by 转办: the post it was handed to (null otherwise)"
    )
    runs_branch = serializers.BooleanField(
        read_only=True, help_text="false for a cooperating unit (配合), which contributes and has no steps of its own"
    )
    days_overdue = serializers.SerializerMethodField()
    rag_label = serializers.CharField(source="get_rag_display", read_only=True)
    mine = serializers.SerializerMethodField(
        help_text="You hold the unit's post: your reports, claims and requests on the item act on this part"
    )
    contribution = serializers.SerializerMethodField(
        help_text="A cooperating unit's 会办 (its contribution to the lead unit, due by its `deadline`); null for "
        "the others"
    )

    class Meta(AssignmentBriefSerializer.Meta):
        fields = [
            *AssignmentBriefSerializer.Meta.fields,
            "post",
            "home_post",
            "runs_branch",
            "original_deadline",
            "percent_done",
            "days_overdue",
            "rag",
            "rag_label",
            "mine",
            "contribution",
        ]
        read_only_fields = fields

    @extend_schema_field(PostSerializer(allow_null=True))
    def get_home_post(self, assignment: Assignment):
        home = getattr(assignment, "home_post", None)
        return PostSerializer(home).data if home is not None else None

    def get_days_overdue(self, assignment: Assignment) -> int:
        return assignment.days_overdue() if assignment.runs_branch else 0

    def get_mine(self, assignment: Assignment) -> bool:
        return bool(getattr(assignment, "mine", False))

    @extend_schema_field(ContributionSerializer(allow_null=True))
    def get_contribution(self, assignment: Assignment):
        contribution = getattr(assignment, "contribution", None)  # read with the parts (api.views.unit_parts)
        if contribution is None:
            return None
        today = timezone.localdate()
        return {"text": contribution.describe(today), "missed": contribution.missed_by_now(today)}


class ActionsSerializer(serializers.Serializer):
    """What the requesting user may do on the item now, through this API."""

    report = serializers.BooleanField(help_text="POST …/reports/ will be accepted (the item waits for your 办理反馈)")
    claim = serializers.BooleanField(
        help_text="POST …/claim/ will be accepted (on an item the lead unit closes for all, the lead's once every "
        "other unit has handed its part in)"
    )
    extension = serializers.BooleanField(
        help_text="POST …/extension/ may be sent: at 办理反馈, for an item whose deadline has not passed (not 长期坚持)"
    )
    rectify = serializers.BooleanField(help_text="POST …/rectification/ will be accepted (the item was returned: 整改)")
    contribute = serializers.BooleanField(
        help_text="POST …/contribution/ will be accepted (your unit cooperates and its 会办 is open)"
    )
    transfer = serializers.BooleanField(
        help_text="POST …/transfer/ may be sent: you hold a unit's post (or the post it was handed to) and its part "
        "is in the unit's keeping"
    )
    tasks = serializers.ListField(child=serializers.CharField(), help_text="Steps you may take now, by name")


class ItemDetailSerializer(ItemSummarySerializer):
    plan_year = serializers.IntegerField(source="plan.year", read_only=True)
    escalation_level_label = serializers.CharField(source="get_escalation_level_display", read_only=True)
    rag_reason = serializers.ChoiceField(choices=RagReason.choices, allow_blank=True, read_only=True)
    rag_reason_label = serializers.CharField(source="get_rag_reason_display", read_only=True)
    closing = serializers.ChoiceField(
        choices=Closing.choices,
        read_only=True,
        help_text="How an item of several units closes: each (each unit claims, is verified and assessed on its "
        "own) or lead (the other units hand their part in to the lead unit, which claims for the whole item)",
    )
    closing_label = serializers.CharField(source="get_closing_display", read_only=True)
    lead_leader_post = PostSerializer(read_only=True, allow_null=True)
    lead_unit = UnitSerializer(read_only=True, allow_null=True)
    responsible_units = UnitSerializer(many=True, read_only=True)
    cooperating_units = UnitSerializer(many=True, read_only=True)
    responsible_post = PostSerializer(read_only=True, allow_null=True)
    inspector_post = PostSerializer(read_only=True, allow_null=True)
    assessor_post = PostSerializer(read_only=True, allow_null=True)
    contacts = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()
    indicators = serializers.SerializerMethodField()
    milestones = MilestoneSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()
    reports = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(ItemSummarySerializer.Meta):
        fields = [
            *ItemSummarySerializer.Meta.fields,
            "plan_year",
            "content",
            "target",
            "points",
            "rag_reason",
            "rag_reason_label",
            "escalation_level",
            "escalation_level_label",
            "next_report_due",
            "reports_missed",
            "rectification_due",
            "original_deadline",
            "report_cadence",
            "report_day",
            "closing",
            "closing_label",
            "lead_leader_post",
            "lead_unit",
            "responsible_units",
            "cooperating_units",
            "responsible_post",
            "inspector_post",
            "assessor_post",
            "contacts",
            "assignments",
            "indicators",
            "milestones",
            "timeline",
            "reports",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, item: ResponsibilityItem):
        return ContactSerializer(contacts_of(item), many=True).data

    @extend_schema_field(AssignmentSerializer(many=True))
    def get_assignments(self, item: ResponsibilityItem):
        return AssignmentSerializer(self.context["assignments"], many=True).data

    @extend_schema_field(IndicatorSerializer(many=True))
    def get_indicators(self, item: ResponsibilityItem):
        context = {**self.context, "latest_values": latest_values(self.context["reports"])}
        return IndicatorSerializer(item.indicators.all(), many=True, context=context).data

    @extend_schema_field(EventSerializer(many=True))
    def get_timeline(self, item: ResponsibilityItem):
        return EventSerializer(self.context["events"], many=True).data

    @extend_schema_field(ReportSerializer(many=True))
    def get_reports(self, item: ResponsibilityItem):
        return ReportSerializer(self.context["reports"], many=True, context=self.context).data

    @extend_schema_field(ActionsSerializer)
    def get_actions(self, item: ResponsibilityItem):
        return self.context["actions"]


def contacts_of(item: ResponsibilityItem) -> list[dict]:
    """The item page's contacts (workflow.views.contacts), with how to reach each."""
    from workflow.views import contacts

    return [contact_row(item, str(label), post) for label, post in contacts(item)]


def contact_row(item: ResponsibilityItem, label: str, post: Post) -> dict:
    roles = {item.responsible_post_id: "responsible_official", item.lead_leader_post_id: "lead_leader"}
    holder = post.holder
    return {
        "role": roles.get(post.pk, "unit_head"),
        "role_label": label,
        "post": post.title,
        "unit": post.unit.name,
        "name": str(holder) if holder else None,
        "phone": holder.phone if holder else "",
        "email": holder.email if holder else "",
    }


def latest_values(reports) -> dict[int, Decimal]:
    """Each indicator's value in the latest report that gave one (reports come newest first)."""
    values: dict[int, Decimal] = {}
    for report in reports:
        for row in report.indicator_values.all():
            values.setdefault(row.indicator_id, row.value)
    return values


# --- tasks ----------------------------------------------------------------------------------------


class TaskSerializer(serializers.Serializer):
    """One line of 我的待办."""

    id = serializers.IntegerField(source="task.pk")
    step = serializers.CharField(source="task.flow_task.name", help_text="deploy, accept, work, decide_extension, …")
    step_title = serializers.CharField(source="title", help_text="The step's name, e.g. 办理反馈")
    claimed = serializers.SerializerMethodField(help_text="false: a pool task (e.g. the office's), free to take")
    created = serializers.DateTimeField(source="task.created")
    due = serializers.SerializerMethodField(help_text="What the unit's part (else the item) is due by now")
    item = ItemSummarySerializer()
    assignment = serializers.SerializerMethodField(
        help_text="The unit whose part the step is (分办), in its role; null for a step on the whole item (部署交办)"
    )
    web_url = serializers.SerializerMethodField(help_text="The step's form on the site")

    def get_claimed(self, row) -> bool:
        return row.task.owner_id is not None

    def get_web_url(self, row) -> str:
        return _absolute(self.context.get("request"), reverse("workflow:task", args=[row.task.pk]))

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_due(self, row):
        assignment = self._assignment(row)
        due = assignment.due_by if assignment is not None else row.item.due_by
        return due.isoformat() if due else None

    @extend_schema_field(AssignmentBriefSerializer(allow_null=True))
    def get_assignment(self, row):
        assignment = self._assignment(row)
        return self._brief.to_representation(assignment) if assignment is not None else None

    @cached_property
    def _brief(self) -> AssignmentBriefSerializer:
        # One serializer for every row of a page: a ModelSerializer builds its fields anew for each
        # instance made, which cost more than the rest of a page of tasks.
        return AssignmentBriefSerializer()

    def _assignment(self, row) -> Assignment | None:
        return row.part


# --- reporting ------------------------------------------------------------------------------------


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "decimal", "pattern": r"^\d{1,12}(\.\d{1,2})?$"},
        "description": 'Values by indicator id, e.g. {"12": "213"}. In multipart, send it as one JSON '
        "text part, or as one part per indicator named indicator_values.<id>.",
    }
)
class IndicatorValuesField(serializers.DictField):
    child = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0))

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and self.field_name in dictionary:
            raw = dictionary.get(self.field_name)
            try:
                return safejson.loads(raw) if isinstance(raw, str) else raw
            except ValueError:
                return raw  # not JSON: to_internal_value says it is not an object
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        known = set(self.context["item"].indicators.values_list("pk", flat=True)) if values else set()
        errors = {}
        result = {}
        for key, value in values.items():
            pk = int(key) if str(key).isdigit() else None
            if pk is None or pk not in known:
                errors[key] = [_("该事项没有编号为 %(id)s 的量化指标。") % {"id": key}]
            else:
                result[pk] = value
        if errors:
            raise serializers.ValidationError(errors)
        return result


def evidence_field() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(max_length=200, allow_empty_file=False),
        required=False,
        max_length=20,
        help_text="Evidence files (佐证材料), each within the size limit; SHA-256 is stored",
    )


class AnswersField(IndicatorValuesField):
    """批示 id → the answer (答复) given in this report: every 批示 still open for the unit is answered."""

    child = serializers.CharField(max_length=2000, allow_blank=True)

    def to_internal_value(self, data):
        values = serializers.DictField.to_internal_value(self, data)
        bad = [key for key in values if not str(key).isdigit()]
        if bad:
            raise serializers.ValidationError({key: [_("没有编号为 %(id)s 的领导批示。") % {"id": key}] for key in bad})
        return {int(key): value for key, value in values.items()}


class ClaimSerializer(serializers.Serializer):
    """A completion claim (办结申请): the last report, at 100 %, that asks an inspector to verify."""

    task = serializers.IntegerField(
        required=False,
        help_text="The task you saw (`id` in `tasks/`): if another task is open now, the request is a 409, never a "
        "second report",
    )
    period = serializers.CharField(
        max_length=20, required=False, help_text="The reporting period, e.g. 2020-03 or 2020Q1; default this month"
    )
    narrative = serializers.CharField(max_length=20000, help_text="What was done (工作进展)")
    indicator_values = IndicatorValuesField(required=False)
    answers = AnswersField(
        required=False,
        help_text="Answers to the 批示 still open for your unit (GET …/instructions/), by 批示 id: each must be "
        "answered in the report",
    )
    evidence = evidence_field()


class ReportInputSerializer(ClaimSerializer):
    """A progress report (进度反馈)."""

    percent_done = serializers.IntegerField(min_value=0, max_value=100, help_text="Progress, 0–100 %")

    field_order = ["period", "percent_done", "narrative", "indicator_values", "answers", "evidence", "task"]


class ReportResultSerializer(serializers.Serializer):
    report = ReportSerializer()
    item = ItemSummarySerializer()


class RectificationInputSerializer(serializers.Serializer):
    """A rectification (整改反馈) of an item the inspector returned: it goes back to him to verify."""

    task = serializers.IntegerField(
        required=False,
        help_text="The task you saw (`id` in `tasks/`): if another task is open now, the request is a 409, never a "
        "second report",
    )
    narrative = serializers.CharField(max_length=20000, help_text="What was put right (整改情况)")
    indicator_values = IndicatorValuesField(required=False)
    evidence = evidence_field()


class ContributionInputSerializer(serializers.Serializer):
    """A cooperating unit's contribution (会办意见) to the lead unit."""

    task = serializers.IntegerField(
        required=False,
        help_text="The task you saw (`id` in `tasks/`): if another task is open now, the request is a 409, never a "
        "second report",
    )
    narrative = serializers.CharField(max_length=20000, help_text="The unit's contribution (会办意见)")
    indicator_values = IndicatorValuesField(required=False)
    evidence = evidence_field()


class ExtensionInputSerializer(serializers.Serializer):
    """An extension request (延期申请), decided by the office (延期审批)."""

    task = serializers.IntegerField(
        required=False,
        help_text="The task you saw (`id` in `tasks/`): if another task is open now, the request is a 409, never a "
        "second report",
    )
    new_deadline = serializers.DateField(
        help_text="The deadline asked for (申请延期至), later than the current one; asked before the current one passes"
    )
    narrative = serializers.CharField(max_length=20000, help_text="Why the item needs more time (the reason)")


class ExtensionRequestSerializer(serializers.Serializer):
    requested_at = serializers.DateTimeField(source="created_at")
    old_deadline = serializers.DateField(source="data.old_deadline")
    new_deadline = serializers.DateField(source="data.new_deadline")
    reason = serializers.CharField(source="note")


class ExtensionResultSerializer(serializers.Serializer):
    extension = ExtensionRequestSerializer(help_text="The request as it stands on the timeline")
    item = ItemSummarySerializer()


class TransferInputSerializer(serializers.Serializer):
    """转办: a unit's part passed to a colleague's post in the same unit (a 街道's part: a post of one of
    its departments, or another office post), or taken back."""

    post = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text="The colleague's post (a post of the same unit with a holder; for an organisation's part, a "
        "post of one of its departments or another office post); omitted or null: take the part "
        "back to the post it was handed to (收回转办)",
    )
    unit = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="Which unit's part (a unit's id): by default your own, the one whose post (or home post) you hold; "
        "the office names it",
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class TransferResultSerializer(serializers.Serializer):
    assignment = AssignmentSerializer(help_text="The unit's part as it now stands")
    item = ItemSummarySerializer()


# --- notifications --------------------------------------------------------------------------------


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unread = serializers.SerializerMethodField()
    item_url = serializers.SerializerMethodField(help_text="The item in the API, if the notice is about one")

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "body",
            "created_at",
            "read_at",
            "unread",
            "item",
            "item_url",
            "link",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "link": {"help_text": "The page (a path on this site) the notice opens when it is not about an item"}
        }

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None

    @extend_schema_field(OpenApiTypes.URI)
    def get_item_url(self, notification: Notification) -> str | None:
        if not notification.item_id:
            return None
        return _absolute(self.context.get("request"), reverse("api:item", args=[notification.item_id]))


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many notifications were unread and are read now")


class NotificationQuerySerializer(serializers.Serializer):
    """The filters of the 通知 page (workflow.inbox), under the API's names."""

    unread = serializers.BooleanField(required=False, allow_null=True, default=None, help_text="true: only unread")
    kind = serializers.ChoiceField(
        choices=Notification.Kind.choices, required=False, help_text="Only notices of this kind (类型)"
    )


class ReadAllSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=Notification.Kind.choices, required=False, help_text="Only those of this kind; without it, all"
    )


class ItemQuerySerializer(serializers.Serializer):
    """The filters of the 责任清单 page (workflow.lists.filter_items), under the same names."""

    q = serializers.CharField(required=False, max_length=100, help_text="Search in number, title, content and target")
    plan = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, help_text="A work plan's id")
    status = serializers.ChoiceField(choices=ItemStatus.choices, required=False)
    rag = serializers.ChoiceField(choices=Rag.choices, required=False, help_text="The light (督办灯)")
    mine = serializers.ChoiceField(
        choices=[("lead", "lead"), ("responsible", "responsible"), ("cooperating", "cooperating")],
        required=False,
        help_text="lead: the items you lead (我牵头的); responsible: those you are responsible for (我负责的), "
        "your unit's part included; cooperating: those your unit contributes to (我配合的, 会办)",
    )
    unit = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="A unit's id: the items it does a part of, in any role (承办单位); before deploy, those naming it",
    )
    overdue = serializers.BooleanField(
        required=False, help_text="true (or on, as the page sends it): only open items past their due date"
    )


# --- tokens ---------------------------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.CharField(
        required=False,
        max_length=6,
        help_text="The current 6-digit code of the authenticator app: required when the account has enrolled "
        "in two-step verification (两步验证)",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as the header  Authorization: Token <token>")
    expiry = serializers.DateTimeField(help_text="When the token stops working; sign in again then")
    user = PersonSerializer()


# --- 批示 and 已阅 -------------------------------------------------------------------------------------


class ReadingSerializer(serializers.Serializer):
    person = serializers.CharField(source="person.__str__")
    person_id = serializers.IntegerField(source="person.pk")
    read_at = serializers.DateTimeField(allow_null=True, help_text="When he marked it read (已阅); null: not yet")


class ReceiptsMixin(serializers.Serializer):
    to_me = serializers.SerializerMethodField(help_text="It was sent to you: POST …/events/{event}/read/ marks it 已阅")
    my_read_at = serializers.SerializerMethodField(help_text="When you marked it read; null: not yet (or not yours)")
    readings = serializers.SerializerMethodField(
        help_text="Who it was sent to and when each read it: shown to its sender and to those who supervise, "
        "empty for everyone else"
    )

    def _event(self, obj) -> ItemEvent:
        return obj

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_to_me(self, obj) -> bool:
        return bool(getattr(self._event(obj), "to_me", False))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_my_read_at(self, obj):
        value = getattr(self._event(obj), "my_receipt", None)
        return serializers.DateTimeField().to_representation(value) if value else None

    @extend_schema_field(ReadingSerializer(many=True))
    def get_readings(self, obj) -> list:
        return ReadingSerializer(getattr(self._event(obj), "readings", []), many=True).data


class InstructionSerializer(ReceiptsMixin, serializers.ModelSerializer):
    """A leader's 批示 on the item (or on one of its reports), with its answer and its receipts."""

    author = serializers.CharField(source="author.__str__", read_only=True)
    unit = serializers.CharField(source="assignment.unit.name", default=None, read_only=True)
    answered_by = serializers.CharField(source="answered_by.__str__", default=None, read_only=True)
    is_answered = serializers.BooleanField(read_only=True)

    class Meta:
        model = Instruction
        fields = ["id", "event", "author", "text", "due", "report", "unit", "created_at"]
        fields += ["is_answered", "answer", "answered_by", "answered_at", "answer_report"]
        fields += ["to_me", "my_read_at", "readings"]
        read_only_fields = fields

    def _event(self, obj) -> ItemEvent:
        return getattr(obj, "shown_event", None) or obj.event


class InstructionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000, help_text="The 批示 (批示内容)")
    due = serializers.DateField(required=False, allow_null=True, help_text="Optional date to act by (办理时限)")
    report = serializers.IntegerField(
        required=False, allow_null=True, help_text="A progress report of the item: the 批示 is on it (and its unit)"
    )


class ReceiptSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="event_id")
    read_at = serializers.DateTimeField()
