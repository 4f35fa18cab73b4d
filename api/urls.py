from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="token"),
    path("token/revoke/", views.TokenRevokeView.as_view(), name="token_revoke"),
    path("tasks/", views.MyTasksView.as_view(), name="tasks"),
    path("items/", views.ItemListView.as_view(), name="items"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/reports/", views.ReportView.as_view(), name="report"),
    path("items/<int:pk>/claim/", views.ClaimView.as_view(), name="claim"),
    path("items/<int:pk>/extension/", views.ExtensionView.as_view(), name="extension"),
    path("items/<int:pk>/rectification/", views.RectificationView.as_view(), name="rectification"),
    path("items/<int:pk>/contribution/", views.ContributionView.as_view(), name="contribution"),
    path("items/<int:pk>/transfer/", views.TransferView.as_view(), name="transfer"),
    path("items/<int:pk>/instructions/", views.InstructionListView.as_view(), name="instructions"),
    path("items/<int:pk>/events/<int:event_pk>/read/", views.EventReadView.as_view(), name="event_read"),
    path("evidence/<int:pk>/", views.EvidenceView.as_view(), name="evidence"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/unread-count/", views.UnreadCountView.as_view(), name="unread_count"),
    path("notifications/read-all/", views.MarkAllReadView.as_view(), name="read_all"),
    path("notifications/<int:pk>/read/", views.MarkReadView.as_view(), name="read"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
