from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from . import models


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


@admin.register(models.ItemEvent)
class ItemEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "item", "kind", "actor", "from_status", "to_status"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
