from django.contrib import admin

from .models import Delivery, EscalationNotice, EscalationRule, LightCount, Notification, NotificationPreference


@admin.register(EscalationRule)
class EscalationRuleAdmin(admin.ModelAdmin):
    list_editable = ["days_overdue", "reports_missed", "notify_unit_head", "notify_lead_leader", "notify_committee"]
    list_display = ["level", *list_editable]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The delivery log: what was sent to whom, and whether it has gone out."""

    list_display = ["created_at", "recipient", "kind", "title", "delivered_at", "read_at"]
    list_filter = ["kind", ("delivered_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "recipient__full_name", "recipient__username"]
    readonly_fields = [field.name for field in Notification._meta.fields]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    """The channels each person turned off (everyone chooses his own on the 接收设置 page)."""

    list_display = ["person", "muted_channels"]
    search_fields = ["person__full_name", "person__username"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Failures stay here, with their reason, until a retry gets through."""

    list_display = ["notification", "channel", "attempts", "sent_at", "error"]
    list_filter = ["channel", ("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["notification", "channel", "attempts", "sent_at", "error"]


@admin.register(LightCount)
class LightCountAdmin(admin.ModelAdmin):
    """The sweep's daily record of the lights, read-only: it is history."""

    list_display = ["day", "plan", "category", "unit", "red", "yellow", "green"]
    list_filter = ["plan", "day"]
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(EscalationNotice)
class EscalationNoticeAdmin(admin.ModelAdmin):
    """The numbers the ladder's steps drew, read-only: a 文号 once issued is not changed."""

    list_display = ["__str__", "organisation", "event"]
    list_filter = ["organisation", "year"]
    list_select_related = ["organisation", "event"]
    readonly_fields = ["event", "organisation", "year", "number"]

    def has_add_permission(self, request) -> bool:
        return False
