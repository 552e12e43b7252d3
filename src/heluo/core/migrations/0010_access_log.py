"""The sensitive-data access log becomes the one access log (exports, views, showings in full, acts):
its rows are kept, as showings in full, with their count of records."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def count_records(apps, schema_editor):
    AccessEvent = apps.get_model("core", "AccessEvent")
    for event in AccessEvent.objects.filter(count=0).only("pk", "object_ids").iterator():
        AccessEvent.objects.filter(pk=event.pk).update(count=len(event.object_ids or []))


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0009_notification_entries_and_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("SensitiveAccess", "AccessEvent"),
        migrations.AlterModelOptions(
            name="accessevent",
            options={"ordering": ["-at", "-pk"], "verbose_name": "access event", "verbose_name_plural": "access log"},
        ),
        migrations.AddField(
            model_name="accessevent",
            name="kind",
            field=models.CharField(
                choices=[("view", "viewed"), ("view_in_full", "sensitive values shown in full"), ("export", "exported"),
                         ("act", "acted (without field history)")],
                default="view_in_full", max_length=20, verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="accessevent",
            name="count",
            field=models.PositiveIntegerField(default=0, verbose_name="rows"),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="object_ids",
            field=models.JSONField(default=list, verbose_name="records"),
        ),
        migrations.AlterField(
            model_name="accessevent",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, to="contenttypes.contenttype", verbose_name="kind of record"
            ),
        ),
        migrations.AddIndex(
            model_name="accessevent",
            index=models.Index(fields=["user", "at"], name="core_access_user_at"),
        ),
        migrations.RunPython(count_records, migrations.RunPython.noop),
    ]
