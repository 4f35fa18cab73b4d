"""python manage.py load_demo: 回兴街道's 2020 work points, one login per role, items at every stage."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.models import Person
from workflow import demo, services


class Command(BaseCommand):
    help = gettext_lazy("载入演示数据：《回兴街道2020年法治建设工作要点》、各角色的演示账号和处于各个环节的事项。")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help=gettext_lazy("删除已有的演示数据后重新载入（未办结事项的日期按今天重新推算）。"),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=gettext_lazy("DEBUG 关闭时也载入。演示账号的密码是公开的，切勿用于生产数据库。"),
        )

    def handle(self, *args, reset: bool = False, force: bool = False, **options) -> None:
        # The demo logins share a published password: never create them on a real server by accident.
        if not settings.DEBUG and not force:
            raise CommandError(_("DEBUG 未开启，拒绝载入演示数据（演示账号使用公开密码）。确需载入请加 --force。"))
        if reset:
            demo.remove()
            self.stdout.write(_("已删除原有演示数据。"))
        elif demo.is_loaded():
            self.stdout.write(_("演示数据已存在，未做改动。如需按今天的日期重建，请加 --reset。"))
            self._print_logins()
            return
        taken = demo.taken_usernames()
        if taken:
            raise CommandError(
                _("用户名已被占用：%(names)s。请换一个空数据库，或加 --reset。") % {"names": "、".join(taken)}
            )
        loaded = demo.load()
        self._print_summary(loaded)
        self._print_logins()

    def _print_summary(self, loaded: demo.Demo) -> None:
        plan, today = loaded.plan, loaded.today
        self.stdout.write(
            self.style.SUCCESS(
                _("已载入《%(title)s》：%(categories)d 个类别，%(items)d 项事项。")
                % {
                    "title": plan.title,
                    "categories": plan.categories.count(),
                    "items": plan.items.filter(is_heading=False).count(),
                }
            )
        )
        counts = "，".join(f"{label} {count}" for label, count in demo.status_counts(plan))
        self.stdout.write(_("事项状态：%(counts)s。") % {"counts": counts})
        for item in demo.overdue_items(plan, today):
            self.stdout.write(
                _("逾期：%(item)s（逾期 %(days)d 天）")
                % {"item": f"{item.full_number}{item.title}", "days": item.days_overdue(today)}
            )
        self.stdout.write(
            _(
                "说明：已办结事项按 2020 年的实际时间回放；未办结事项的时间节点按今天（%(today)s）推算，"
                "以便演示正在办理的流程。"
            )
            % {"today": today.isoformat()}
        )

    def _print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(_("演示账号（密码均为 %(password)s）：") % {"password": demo.PASSWORD})
        people = Person.objects.in_bulk([username for username, _role in demo.LOGINS], field_name="username")
        for username, role in demo.LOGINS:
            person = people.get(username)
            if person is None:
                continue
            # Ideographic spaces keep the columns straight: a Chinese character is two columns wide.
            name = person.full_name + "\u3000" * (4 - len(person.full_name))
            self.stdout.write(f"  {username:<10} {name} {role}{self._waiting(person)}")

    @staticmethod
    def _waiting(person: Person) -> str:
        titles = Counter(str(task.flow_task.task_title) for task in services.my_tasks(person))
        if not titles:
            return ""
        return _("；待办：%(tasks)s") % {"tasks": "、".join(f"{title} {n}" for title, n in titles.items())}
