"""python manage.py import_roster FILE --org NAME [--dry-run]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from responsibility import roster
from responsibility.models.org import UnitNotFound, unit_named
from responsibility.organisation import organisations
from workflow import services


class Command(BaseCommand):
    help = "Import a roster (人员名册 .xlsx: 单位, 上级单位, 岗位, 角色, 姓名, 手机, 邮箱) into an organisation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path")
        parser.add_argument("--org", required=True, help="the organisation's name, e.g. 回兴街道")
        parser.add_argument("--dry-run", action="store_true", help="check the roster and report, save nothing")

    def handle(self, *args, **options) -> None:
        organisation = self._organisation(options["org"])
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"没有找到文件：{path}")
        try:
            with transaction.atomic():
                summary = roster.import_roster(
                    organisation, path.name, path.read_bytes(), hand_over=_hand_over, superuser=True
                )
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except roster.RosterRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"名册中有 {len(rejected.problems)} 处问题，未导入任何内容。") from rejected
        self._print(summary, options["dry_run"])

    def _organisation(self, name: str):
        try:
            unit = unit_named(name)
        except UnitNotFound as missing:
            raise CommandError(f"{missing} 先用 manage.py create_organisation {name} 创建组织。") from missing
        if not organisations().filter(pk=unit.pk).exists():
            raise CommandError(f"“{name}”不是一个组织（街道/机关）的名称。")
        return unit

    def _print(self, summary: roster.Summary, dry_run: bool) -> None:
        if not summary.changed:
            self.stdout.write("名册与系统中的组织机构一致，没有需要更新的内容。")
            return
        lead = "检查通过（未保存）：" if dry_run else "已导入："
        self.stdout.write(
            f"{lead}新建单位 {summary.units_created} 个，调整上级单位 {summary.units_moved} 个，"
            f"新建岗位 {summary.posts_created} 个，修改岗位角色 {summary.roles_changed} 个，"
            f"新建人员 {summary.people_created} 人，更新人员联系方式 {summary.people_updated} 人，"
            f"更换在岗人员 {summary.holders_changed} 个岗位（转交待办 {summary.tasks_moved} 项）。"
        )
        if summary.accounts and not dry_run:
            self.stdout.write("新账号的初始密码（只显示这一次，请转告本人；首次登录须修改密码）：")
            for person, password in summary.accounts:
                self.stdout.write(f"  {person}\t登录名 {person.username}\t初始密码 {password}")


def _hand_over(post, person) -> int:
    return services.hand_over(post, person)
