"""Check the timeline's hash chain: ``manage.py verify_timeline [--item N]``; exit status 1 if broken."""

from django.core.management.base import BaseCommand, CommandError

from responsibility import timeline
from responsibility.models import ItemEvent


class Command(BaseCommand):
    help = "逐条核对事项动态的哈希链，报告每个事项第一处断链。"

    def add_arguments(self, parser):
        parser.add_argument("--item", type=int, help="只核对这个事项（id）")

    def handle(self, *args, item=None, **options):
        broken = list(timeline.verify(item))
        for link in broken:
            self.stderr.write(str(link))
        if broken:
            raise CommandError(f"事项动态哈希链有 {len(broken)} 处断链。")
        events = ItemEvent.objects.filter(item=item) if item else ItemEvent.objects.all()
        self.stdout.write(f"事项动态哈希链完整：{events.count()} 条动态。")
