"""python manage.py import_workplan PATH --org NAME --year YYYY [--title T] [--json] [--dry-run]"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from responsibility.importing.document import ImportRejected
from responsibility.importing.run import import_plan, parse_upload
from responsibility.models import Unit
from responsibility.models.org import UnitNotFound, unit_named


class Command(BaseCommand):
    help = (
        "Import a 工作要点 (.docx, .doc, .wps, .xlsx, .pdf, a scan or photo, .txt, .md) as a draft work plan "
        "and print what was understood."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--org", required=True, help="the organisation's unit name, e.g. 回兴街道")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--title", default="", help="the plan's title (default: the document's)")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")
        parser.add_argument("--dry-run", action="store_true", help="parse and match names, then roll back")

    def handle(self, *args, **options) -> None:
        organisation = self._organisation(options["org"])
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"没有找到文件：{path}")
        try:
            parsed = parse_upload(path.name, path.read_bytes(), options["year"])
            with transaction.atomic():
                plan, summary = import_plan(parsed, organisation, options["year"], options["title"])
                if options["dry_run"]:
                    summary["plan"]["id"] = None
                    transaction.set_rollback(True)
        except ImportRejected as refusal:
            raise CommandError(refusal.message) from refusal
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._print(summary)

    def _organisation(self, name: str) -> Unit:
        try:
            return unit_named(name)
        except UnitNotFound as missing:
            raise CommandError(str(missing)) from missing

    def _print(self, summary: dict) -> None:
        plan = summary["plan"]
        counts = f"{summary['items']} 个事项，{summary['headings']} 个分组标题"
        self.stdout.write(f"{plan['title']}（{plan['year']}）：{counts}")
        for level, count in summary["counts_per_level"].items():
            self.stdout.write(f"  第 {level} 级：{count}")
        for section in summary["guidance"]:
            self.stdout.write(f"  指导性内容（不列为事项）：{section['number']}{section['title']}")
        for entry in summary["unresolved"]:
            self.stdout.write(f"  未识别的{entry['field_label']}：{entry['name']}（{'、'.join(entry['items'])}）")
        shape = summary["shape"]
        if not shape["looks_like_plan"]:
            self.stdout.write(f"  这份文件看起来不像工作要点：{'；'.join(shape['missing'])}")
        for problem in summary["warnings"] + summary["not_understood"]:
            where = f"第 {problem['line']} 行：" if problem["line"] else ""
            self.stdout.write(f"  {where}{problem['message']}")
