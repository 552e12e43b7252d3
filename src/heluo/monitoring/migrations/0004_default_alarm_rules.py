"""The alarm rules a city starts with: the two methods in use in China (see ../shared/reference/hj212.md
of the project), a run of real-time readings, an offline device and a fault flag held too long. They
are data: the city edits them (扬尘在线监测 → 报警规则), none is built into the code."""

from django.db import migrations

# (code, name, method, factor, fields)
RULES = [
    # Wuhan 2017: hourly PM10 above 150 µg/m³ is a warning; above 200 an on-site check and a work stop.
    ("pm10_hourly_150", "PM10小时均值超过150（预警）", "absolute", "pm10",
     {"limit": 150, "time_limit_days": 3, "clear_minutes": 120,
      "requirements": "核查工地扬尘防治措施落实情况，整改后回复。"}),
    ("pm10_hourly_200", "PM10小时均值超过200（现场核查、停工整改）", "absolute", "pm10",
     {"limit": 200, "priority": 2, "time_limit_days": 1, "clear_minutes": 120,
      "requirements": "现场核查，停工整改至PM10小时均值低于150微克/立方米后方可复工。"}),
    # Hebei DB13/2934-2019: the site's hourly PM10 minus the same hour's control-station average (taken
    # at most 150) must not exceed 80 µg/m³ more than twice a day.
    ("pm10_difference_80", "PM10小时均值高于国控站点均值80以上（每日超过2次）", "difference", "pm10",
     {"margin": 80, "cap": 150, "per_day": 2, "time_limit_days": 3, "clear_minutes": 120,
      "requirements": "对照国控站点同时段均值，查明超标原因并整改。"}),
    ("pm10_consecutive_150", "PM10实时值连续10次超过150", "consecutive", "pm10",
     {"limit": 150, "count": 10, "time_limit_days": 3, "clear_minutes": 60}),
    ("device_offline_60", "监测设备离线超过60分钟", "offline", "pm10",
     {"minutes": 60, "time_limit_days": 2, "clear_minutes": 30,
      "requirements": "检查设备供电和网络，恢复数据上传。"}),
    ("device_flag_120", "监测设备故障或维护标记持续超过120分钟", "flag", "pm10",
     {"minutes": 120, "flags": "D,M", "time_limit_days": 2, "clear_minutes": 30,
      "requirements": "联系设备运维单位修复或完成维护，恢复正常数据。"}),
]  # fmt: skip


def seed(apps, schema_editor):
    AlarmRule = apps.get_model("monitoring", "AlarmRule")
    for code, name, method, factor, fields in RULES:
        AlarmRule.objects.get_or_create(code=code, defaults={"name": name, "method": method, "factor": factor, **fields})


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_platform")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
