"""The access log becomes the audit trail: logins, failed logins, logouts, grants and acts on data join it,
with the name given, the address and the outcome; every row is sealed into one chain (HMAC-SM3), the rows
already there in the order they were written."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def seal_existing(apps, schema_editor):
    from heluo.core.services.audit_trail import key, seal_of

    AccessEvent = apps.get_model("core", "AccessEvent")
    secret = key()
    previous = ""
    for sequence, event in enumerate(
        AccessEvent.objects.select_related("user", "content_type").order_by("pk").iterator(), start=1
    ):
        event.sequence = sequence
        event.username = event.user.username if event.user else ""
        values = {
            "at": event.at, "user_id": event.user_id, "username": event.username, "kind": event.kind,
            "outcome": event.outcome, "address": event.address, "context": event.context,
            "content_type": f"{event.content_type.app_label}.{event.content_type.model}",
            "object_ids": event.object_ids, "count": event.count,
        }
        event.previous_seal = previous
        event.seal = previous = seal_of(previous, values, secret)
        event.save(update_fields=["sequence", "username", "previous_seal", "seal"])


KINDS = [
    ("view", "viewed"), ("view_in_full", "sensitive values shown in full"), ("export", "exported"),
    ("act", "acted (without field history)"), ("create", "created"), ("change", "changed"), ("delete", "deleted"),
    ("login", "logged in"), ("login_failed", "login failed"), ("logout", "logged out"),
    ("grant", "roles or permissions changed"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0011_security_policy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="accessevent", name="sequence",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="sequence"),
        ),
        migrations.AddField(
            model_name="accessevent", name="username",
            field=models.CharField(blank=True, max_length=150, verbose_name="user name"),
        ),
        migrations.AddField(
            model_name="accessevent", name="outcome",
            field=models.CharField(choices=[("success", "succeeded"), ("failure", "failed")], default="success",
                                   max_length=10, verbose_name="outcome"),
        ),
        migrations.AddField(
            model_name="accessevent", name="address",
            field=models.CharField(blank=True, max_length=45, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="accessevent", name="previous_seal",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous seal"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessevent", name="seal",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="seal"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="accessevent", name="at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="at"),
        ),
        migrations.AlterField(
            model_name="accessevent", name="kind",
            field=models.CharField(choices=KINDS, default="view_in_full", max_length=20, verbose_name="kind"),
        ),
        migrations.AlterField(
            model_name="accessevent", name="user",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    to=settings.AUTH_USER_MODEL, verbose_name="user"),
        ),
        migrations.AlterField(
            model_name="accessevent", name="content_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    to="contenttypes.contenttype", verbose_name="kind of record"),
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="accessevent", name="sequence",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="sequence"),
        ),
        migrations.AlterModelOptions(
            name="accessevent",
            options={"ordering": ["-sequence"], "verbose_name": "access event", "verbose_name_plural": "access log"},
        ),
        migrations.AddIndex(
            model_name="accessevent", index=models.Index(fields=["at"], name="core_access_at"),
        ),
    ]
