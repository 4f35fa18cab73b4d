"""Remove expired API tokens: ``manage.py clear_expired_tokens`` (daily, from cron or Celery beat)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from knox.models import AuthToken


class Command(BaseCommand):
    help = "删除已过期的接口令牌。"

    def handle(self, *args, **options):
        count, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
        self.stdout.write(f"已删除 {count} 个过期令牌。")
