"""Seed the training outline's default subjects and the cases' militia category, as data (a city sets its
own hours; these are defaults, not a rule).

Hours at 8 a training day. Sources differ (../shared/reference/modules.md): cadres train about 30 days a
year, militia 10–15. The defaults: cadres 240 hours (30 days); every primary unit 96 hours (12 days:
common subjects 56, emergency tasks 40); a specialist unit 24 hours more in its speciality, so 120 hours
(15 days) in all."""

from decimal import Decimal

from django.db import migrations

PRIMARY = [("共同科目训练", Decimal("56"), 10), ("应急处突任务训练", Decimal("40"), 20)]
CADRES = ("民兵干部集训", Decimal("240"), 1)
SPECIALIST_HOURS = Decimal("24")


def seed(apps, schema_editor):
    Subject = apps.get_model("militia", "TrainingSubject")
    Category = apps.get_model("militia", "UnitCategory")
    CaseCategory = apps.get_model("cases", "CaseCategory")
    CaseCategory.objects.get_or_create(code="militia", defaults={"name": "民兵工作", "order": 90})
    name, hours, order = CADRES
    Subject.objects.get_or_create(
        name=name, defaults={"audience": "cadres", "required_hours": hours, "order": order}
    )
    for name, hours, order in PRIMARY:
        Subject.objects.get_or_create(
            name=name, defaults={"audience": "primary", "required_hours": hours, "order": order}
        )
    for category in Category.objects.filter(is_specialist=True):
        Subject.objects.get_or_create(
            name=f"{category.name}专业训练",
            defaults={"audience": "specialist", "category": category, "required_hours": SPECIALIST_HOURS,
                      "order": 100 + category.order},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("militia", "0002_seed_categories"), ("cases", "0002_seed_categories")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
