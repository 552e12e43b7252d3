# Joins part C's dues and points (merged into party-d for its points API) with part D's migrations.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("party", "0030_dues_points"),
        ("party", "0040_alliance_villages"),
    ]

    operations = []
