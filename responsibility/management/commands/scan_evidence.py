"""Scan every evidence file still 待查毒 now (after clamd or the broker was down): ``manage.py scan_evidence``."""

from django.core.management.base import BaseCommand, CommandError

from responsibility import scanning
from responsibility.clamd import ScanError


class Command(BaseCommand):
    help = "对所有“待查毒”的佐证材料立即查毒。"

    def handle(self, *args, **options):
        results = {}
        for pk in scanning.pending():
            try:
                results[pk] = scanning.scan_one(pk)
            except ScanError as error:
                raise CommandError(str(error)) from error
        infected = [pk for pk, result in results.items() if result == "infected"]
        self.stdout.write(f"已查毒 {len(results)} 个文件，染毒 {len(infected)} 个。")
