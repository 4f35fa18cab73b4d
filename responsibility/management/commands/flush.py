"""Django's ``flush``, allowed to empty the timeline: emptying the whole database is a purge on
purpose (the tests between transactional cases, a developer starting over). As the runtime role,
which owns no table, it still fails (responsibility/timeline.py)."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from responsibility import timeline


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.alias != "default":
            return super().handle(**options)
        with timeline.purge():
            return super().handle(**options)
