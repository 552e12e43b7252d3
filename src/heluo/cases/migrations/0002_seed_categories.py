"""The kinds of matter a city starts with (it adds its own as data)."""

from django.db import migrations

CATEGORIES = [
    ("dust", "扬尘治理", 10),
    ("environment", "生态环境", 20),
    ("construction", "城乡建设", 30),
    ("city_management", "城市管理", 40),
    ("enterprise", "企业服务", 50),
    ("safety", "安全生产", 60),
    ("livelihood", "民生服务", 70),
    ("party", "党建工作", 80),
    ("other", "其他", 100),
]


def seed(apps, schema_editor):
    CaseCategory = apps.get_model("cases", "CaseCategory")
    for code, name, order in CATEGORIES:
        CaseCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
