"""Seed the grid roles of dust control's "一长三员" (one grid leader, three officers).

Luoyang's text (the seed article) names "一长三员" without spelling it out, and no Luoyang rule naming
the three was found. Henan's dust grids use 网格长 with 网格员、巡查员、监督员 — e.g. Zhengzhou's
大气污染监管网格 "一长三员" (中原西路街道 training, 2017-08-15: "各级网格长、网格员、巡查员、监督员",
http://henan.kjzch.com/zhengzhou/2017-08-16/666792.html). 网格长 and 网格员 are core's generic roles;
this adds the other two. Roles are data: a city renames or adds its own.
"""

from django.db import migrations

DUST_GRID_ROLES = [("dust_inspector", "巡查员", 30), ("dust_supervisor", "监督员", 40)]


def seed(apps, schema_editor):
    GridRole = apps.get_model("core", "GridRole")
    for code, name, order in DUST_GRID_ROLES:
        GridRole.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("dust", "0001_initial"), ("core", "0002_seed_types")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
