"""Each construction site gets its monitoring point, and its monitors and alarms move to the point:
monitoring stops referring to dust control's sites (it knows places only as points)."""

from django.db import migrations

POINT_FIELDS = ("name", "division_id", "address", "longitude", "latitude", "coordinate_system", "is_demo")


def sites_to_points(apps, schema_editor):
    Site = apps.get_model("dust", "Site")
    Point = apps.get_model("monitoring", "MonitoringPoint")
    Monitor = apps.get_model("monitoring", "Monitor")
    Alarm = apps.get_model("monitoring", "Alarm")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind, _created = ContentType.objects.get_or_create(app_label="dust", model="site")
    for site in Site.objects.iterator():
        point, _created = Point.objects.get_or_create(
            watched_type=kind, watched_id=site.pk,
            defaults={field: getattr(site, field) for field in POINT_FIELDS},
        )  # fmt: skip
        Monitor.objects.filter(site_id=site.pk).update(point=point)
        Alarm.objects.filter(site_id=site.pk).update(point=point)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("dust", "0002_seed_grid_roles"),
        ("monitoring", "0005_monitoring_point"),
    ]
    run_before = [("monitoring", "0006_point_instead_of_site")]

    operations = [migrations.RunPython(sites_to_points, migrations.RunPython.noop)]
