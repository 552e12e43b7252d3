"""Blank the access password in the frames already kept by the message log, the conflicts and the unknown
devices (new ones are stored blanked). Old readings keep their text until retention drops them: rewriting
every partition of the readings table is not a migration's job, and no page shows a reading's text
without blanking it (the conflicts page)."""

from django.db import migrations


def redact(apps, schema_editor):
    from heluo.monitoring.hj212 import redact_password

    for model_name, field in (("MessageLog", "text"), ("ReadingConflict", "raw"), ("UnknownDevice", "last_frame")):
        model = apps.get_model("monitoring", model_name)
        changed = []
        for row in model.objects.filter(**{f"{field}__contains": "PW="}).only("pk", field).iterator(chunk_size=2000):
            text = redact_password(getattr(row, field))
            if text != getattr(row, field):
                setattr(row, field, text)
                changed.append(row)
            if len(changed) >= 2000:
                model.objects.bulk_update(changed, [field])
                changed = []
        if changed:
            model.objects.bulk_update(changed, [field])


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_point_instead_of_site")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
