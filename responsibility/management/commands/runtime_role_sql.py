"""The grants of the runtime role in the two-role setup (README, 生产部署 › 数据库的两个角色).

The owner role runs ``migrate`` and owns every table, trigger and function. The application runs as
a second role that may read and write rows (DML) and nothing more: it cannot TRUNCATE, cannot alter,
disable or drop the timeline's triggers, and the triggers refuse it every UPDATE and DELETE of an event.
Run as the owner: ``manage.py runtime_role_sql luoshi_app | psql "$OWNER_DATABASE_URL"``."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def grants(role: str, owner: str) -> list[str]:
    quoted = connection.ops.quote_name(role)
    defaults = f"ALTER DEFAULT PRIVILEGES FOR ROLE {connection.ops.quote_name(owner)} IN SCHEMA public"
    return [
        f"GRANT CONNECT ON DATABASE {connection.ops.quote_name(connection.settings_dict['NAME'])} TO {quoted};",
        f"GRANT USAGE ON SCHEMA public TO {quoted};",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted};",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {quoted};",
        f"{defaults} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {quoted};",
        f"{defaults} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {quoted};",
    ]


class Command(BaseCommand):
    help = "打印运行角色（只有增删改查权限、不能改表结构）的授权语句，由属主角色执行。"

    def add_arguments(self, parser):
        parser.add_argument("role", help="运行角色名，如 luoshi_app")

    def handle(self, *args, role: str, **options):
        if connection.vendor != "postgresql":
            raise CommandError("两个角色的部署只用于 PostgreSQL。")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            owner = cursor.fetchone()[0]
        self.stdout.write("\n".join(grants(role, owner)))
