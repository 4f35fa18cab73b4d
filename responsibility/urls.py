from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("import/", views.import_new, name="import"),
    path("imports/<int:pk>/", views.import_status, name="import_status"),
    path("imports/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("<int:pk>/review/", views.plan_review, name="review"),
    path("<int:pk>/details/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/names/", views.map_name, name="map_name"),
    path("<int:pk>/export.xlsx", views.plan_export, name="export"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/merge/", views.item_merge, name="item_merge"),
    path("items/<int:pk>/split/", views.item_split, name="item_split"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("items/<int:pk>/demote/", views.item_demote, name="item_demote"),
    path("guidance/<int:pk>/promote/", views.guidance_promote, name="guidance_promote"),
]
