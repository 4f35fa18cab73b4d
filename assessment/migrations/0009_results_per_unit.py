"""Item results per unit: a row per (item, unit), with the unit, its assignment and the official's post
it counts for. Rows computed before keep no unit (the item's one result, for its responsible units as
before) and count for the post that answered for the item then: its responsible post."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def forwards(apps, schema_editor):
    ItemResult = apps.get_model("assessment", "ItemResult")
    Item = apps.get_model("responsibility", "ResponsibilityItem")
    post = Subquery(Item.objects.filter(pk=OuterRef("item_id")).values("responsible_post_id")[:1])
    ItemResult.objects.filter(post__isnull=True).update(post_id=post)


class Migration(migrations.Migration):

    dependencies = [
        ('assessment', '0008_results_per_assignment'),
        ('responsibility', '0013_assignment_points'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='itemresult',
            name='one_result_per_item',
        ),
        migrations.AddField(
            model_name='itemresult',
            name='assignment',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='responsibility.assignment', verbose_name='承办单位'),
        ),
        migrations.AddField(
            model_name='itemresult',
            name='post',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='responsibility.post', verbose_name='责任人岗位'),
        ),
        migrations.AddField(
            model_name='itemresult',
            name='unit',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='responsibility.unit', verbose_name='单位'),
        ),
        migrations.AddIndex(
            model_name='itemresult',
            index=models.Index(fields=['assessment', 'unit'], name='assessment__assessm_fe4571_idx'),
        ),
        migrations.AddIndex(
            model_name='itemresult',
            index=models.Index(fields=['assessment', 'post'], name='assessment__assessm_51d671_idx'),
        ),
        migrations.AddConstraint(
            model_name='itemresult',
            constraint=models.UniqueConstraint(fields=('assessment', 'item', 'unit'), name='one_result_per_item_unit'),
        ),
        migrations.AddConstraint(
            model_name='itemresult',
            constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', True)), fields=('assessment', 'item'), name='one_result_per_item'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
