from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from . import models
from .permissions import sync_item_permissions


class RecordAdmin(admin.ModelAdmin):
    """A record of what happened (a timeline event, a score): shown, never added, edited or deleted
    here, where it would look like the real thing and leave no trace (issue 17, F6)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Person)
class PersonAdmin(UserAdmin):
    list_display = ["username", "full_name", "email", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = UserAdmin.fieldsets + (
        (_("落实"), {"fields": ["full_name", "phone", "organisation", "must_change_password"]}),
    )


@admin.register(models.Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(models.Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "role", "holder"]
    list_filter = ["role"]
    list_select_related = ["unit", "holder"]

    def get_readonly_fields(self, request, obj=None):
        # Changing the holder here would leave the open tasks with the old holder: use 人员交接.
        return ["holder"] if obj is not None else []


class CategoryInline(admin.TabularInline):
    model = models.Category
    extra = 0


@admin.register(models.WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "year", "status"]
    inlines = [CategoryInline]


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


@admin.register(models.ResponsibilityItem)
class ResponsibilityItemAdmin(GuardedModelAdmin):
    list_display = ["__str__", "plan", "status", "deadline", "responsible_post"]
    list_filter = ["plan", "status", "category", "is_heading"]
    search_fields = ["title", "number"]
    list_select_related = ["plan", "responsible_post__unit", "responsible_post__holder"]
    inlines = [IndicatorInline, MilestoneInline]
    readonly_fields = ["status", "status_changed_at", "closed_at"]
    # Who answers for an item decides who may see and act on it: once the item exists these change
    # only through the pages that move the rights with them (部署交办, 人员交接, 转办).
    rights_fields = [
        "plan",
        "lead_leader_post",
        "lead_unit",
        "responsible_units",
        "cooperating_units",
        "responsible_post",
        "inspector_post",
        "assessor_post",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, *(self.rights_fields if obj is not None else [])]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if not change:
            sync_item_permissions(form.instance)


@admin.register(models.ItemEvent)
class ItemEventAdmin(RecordAdmin):
    list_display = ["created_at", "item", "seq", "kind", "actor", "from_status", "to_status"]
    list_filter = ["kind"]
