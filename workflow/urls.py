from django.urls import path

from . import batch_views, cascade, leader_views, views
from .organisation.urls import urlpatterns as organisation_urls

app_name = "workflow"

urlpatterns = [
    path("", views.home, name="home"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("items/", views.item_list, name="items"),
    path("board/", views.supervision_board, name="board"),
    path("board/led/", leader_views.leader_board, name="leader_board"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/urge/", views.urge_item, name="urge"),
    path("items/<int:pk>/instructions/", leader_views.instruct, name="instruct"),
    path("items/<int:pk>/events/<int:event_pk>/read/", leader_views.event_read, name="event_read"),
    path("items/<int:pk>/unit-points/", views.unit_points, name="unit_points"),
    path("items/<int:pk>/escalate/", views.escalate_item, name="escalate"),
    path("items/<int:pk>/escalations/<int:event_pk>/notice/", views.escalation_notice_page, name="escalation_notice"),
    path(
        "items/<int:pk>/escalations/<int:event_pk>/notice.docx",
        views.escalation_notice_docx,
        name="escalation_notice_docx",
    ),
    path("items/<int:pk>/units/<int:assignment_pk>/transfer/", views.transfer_assignment, name="transfer"),
    path("items/<int:pk>/units/<int:assignment_pk>/take-back/", views.take_back_assignment, name="take_back"),
    path("items/<int:pk>/units/<int:assignment_pk>/decompose/", cascade.decompose_page, name="decompose"),
    path("tasks/<int:task_pk>/", views.task_form, name="task"),
    path("tasks/batch/accept/", batch_views.batch_accept, name="batch_accept"),
    path("tasks/batch/deploy/", batch_views.batch_deploy, name="batch_deploy"),
    path("board/batch/urge/", batch_views.batch_urge, name="batch_urge"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="publish"),
    path("plans/<int:pk>/quarters/", views.current_quarter, name="current_quarter"),
    path("plans/<int:pk>/quarters/<int:year>/<int:quarter>/", views.quarter_summary, name="quarter"),
    path("posts/", views.post_list, name="posts"),
    path("posts/<int:pk>/hand-over/", views.post_hand_over, name="hand_over"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notification_read_all, name="notification_read_all"),
    path("notifications/channels/", views.notification_channels, name="notification_channels"),
    path("notifications/failures/", views.delivery_failures, name="delivery_failures"),
    path("notifications/failures/<int:pk>/retry/", views.delivery_retry, name="delivery_retry"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    *organisation_urls,
]
