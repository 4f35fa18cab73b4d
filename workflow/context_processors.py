from responsibility import permissions

from .models import Notification


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_count": lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
        "can_supervise": lambda: permissions.can_supervise(user),
    }
