"""The default ladder (an administrator changes it under 督办升级规则)."""

from django.db import migrations

DEFAULTS = [
    # level, days overdue, reports missed, unit head, lead leader, committee
    (1, 1, 1, False, False, False),  # 提醒
    (2, 7, 2, True, False, False),  # 催办
    (3, 15, 3, True, True, False),  # 督办通知单
    (4, 30, None, True, True, True),  # 挂牌督办
    (5, 60, None, True, True, True),  # 约谈建议
]


def create(apps, schema_editor):
    rule = apps.get_model("workflow", "EscalationRule")
    for level, days, missed, unit_head, leader, committee in DEFAULTS:
        rule.objects.get_or_create(
            level=level,
            defaults={
                "days_overdue": days,
                "reports_missed": missed,
                "notify_unit_head": unit_head,
                "notify_lead_leader": leader,
                "notify_committee": committee,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0003_escalation_rules")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
