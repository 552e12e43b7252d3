"""Seed the unit types and generic grid roles (data a city may extend)."""

from django.db import migrations

UNIT_TYPES = [
    ("government", "党政机关", 10),
    ("party_organisation", "党组织", 20),
    ("public_institution", "事业单位", 30),
    ("enterprise", "企业", 40),
    ("financial_institution", "金融机构", 50),
    ("school", "学校", 60),
    ("hospital", "医疗机构", 70),
    ("prison", "监狱", 80),
    ("armed_forces_department", "人民武装部", 90),
    ("military", "军事单位", 95),
    ("residents_committee", "社区居委会/村委会", 100),
    ("social_organisation", "社会组织", 110),
    ("other", "其他", 200),
]
GRID_ROLES = [("grid_leader", "网格长", 10), ("grid_member", "网格员", 20)]


def seed(apps, schema_editor):
    UnitType = apps.get_model("core", "UnitType")
    GridRole = apps.get_model("core", "GridRole")
    for code, name, order in UNIT_TYPES:
        UnitType.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for code, name, order in GRID_ROLES:
        GridRole.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
