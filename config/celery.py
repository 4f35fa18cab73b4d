import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("luoshi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def send(task, *args, countdown=None, fallback=None, log=None, note: str = "left for the resend sweep") -> None:
    """Queue ``task`` (to run ``countdown`` seconds from now, if given). With the broker unreachable
    (kombu has already retried) say so on ``log`` and go on – what the task would do is stored, and a
    sweep resends it – or, given a ``fallback``, do it here."""
    import logging

    from kombu.exceptions import OperationalError as BrokerUnreachable

    try:
        if countdown is None:
            task.delay(*args)
        else:
            task.apply_async(args, countdown=countdown)
    except BrokerUnreachable as error:
        (log or logging.getLogger(__name__)).warning("broker unreachable, %s%s %s: %s", task.name, args, note, error)
        if fallback is not None:
            fallback(*args)
