"""The enterprise module's first migration: each part's tables follow in its own."""

from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = [("core", "0010_access_log"), ("cases", "0003_reopen")]
    operations: list = []
