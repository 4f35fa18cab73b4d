"""python manage.py supervise [--day YYYY-MM-DD]: run the supervision sweep now (beat runs it daily)."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from workflow.supervision import sweep


class Command(BaseCommand):
    help = "Run the supervision sweep: report schedules, red/yellow/green lights, due-soon/missed/overdue notices."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--day", help="sweep as of this day (default: today, Asia/Shanghai)")

    def handle(self, *args, day=None, **options) -> None:
        try:
            today = datetime.date.fromisoformat(day) if day else None
        except ValueError as error:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{day}") from error
        self.stdout.write(json.dumps(sweep(today).as_dict(), ensure_ascii=False))
