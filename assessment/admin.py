from django.contrib import admin

from responsibility.admin import RecordAdmin

from .models import ItemScore, Verification


@admin.register(Verification)
class VerificationAdmin(RecordAdmin):
    list_display = ["item", "round", "passed", "inspector", "created_at"]
    list_filter = ["passed"]


@admin.register(ItemScore)
class ItemScoreAdmin(RecordAdmin):
    list_display = ["item", "total", "max_total", "assessor", "assessed_at"]
