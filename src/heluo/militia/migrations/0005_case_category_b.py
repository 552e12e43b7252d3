"""The kind of supervised matter a shortfall of new-type militia forces opens (民兵工作), as data."""

from django.db import migrations


def seed(apps, schema_editor):
    CaseCategory = apps.get_model("cases", "CaseCategory")
    CaseCategory.objects.get_or_create(code="militia", defaults={"name": "民兵工作", "order": 90})


class Migration(migrations.Migration):
    dependencies = [
        ("militia", "0004_reorganisation_b"),
        ("cases", "0002_seed_categories"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
