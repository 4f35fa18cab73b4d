from django.contrib import admin

from .models import ItemScore, Verification


@admin.register(Verification)
class VerificationAdmin(admin.ModelAdmin):
    list_display = ["item", "round", "passed", "inspector", "created_at"]
    list_filter = ["passed"]


@admin.register(ItemScore)
class ItemScoreAdmin(admin.ModelAdmin):
    list_display = ["item", "total", "max_total", "assessor", "assessed_at"]
