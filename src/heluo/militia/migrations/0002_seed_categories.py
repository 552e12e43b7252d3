"""Seed the categories of militia units as data (a city renames, adds or re-marks its own).

Which categories count as 新质力量 (new-type forces): the seed article asks for new-type forces at 20 % or
more of the primary militia without listing them, and no public rule text was found
(../shared/reference/modules.md). The defaults mark the forces the 2018 militia reform named new: 信息通信,
无人机, 网络, 电磁频谱, 心理服务; the traditional emergency, rescue and support units do not count.
"""

from django.db import migrations

CATEGORIES = [
    # code, name, counts as new-type forces, specialist unit
    ("emergency", "应急分队", False, False),
    ("rescue", "抢险救援分队", False, True),
    ("support", "支援保障分队", False, True),
    ("chemical_defence", "防化分队", False, True),
    ("medical", "医疗救护分队", False, True),
    ("communications", "信息通信分队", True, True),
    ("drone", "无人机分队", True, True),
    ("cyber", "网络分队", True, True),
    ("electromagnetic", "电磁频谱分队", True, True),
    ("psychological", "心理服务分队", True, True),
    ("ordinary", "普通民兵", False, False),
]


def seed(apps, schema_editor):
    UnitCategory = apps.get_model("militia", "UnitCategory")
    for order, (code, name, new_type, specialist) in enumerate(CATEGORIES, start=1):
        UnitCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "counts_as_new_type": new_type,
                "is_specialist": specialist,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("militia", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
