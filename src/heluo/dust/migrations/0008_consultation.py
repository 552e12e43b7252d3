"""Demolition consultation and assessment: sensitive receptors, weather forecasts, the consultation rules
(with a default set seeded as data: a city edits, reorders or adds its own), the daily decisions and the
assessment schemes.

The default rules: orange or red heavy-pollution alert → stop (Henan's heavy-pollution emergency plans
stop earthwork and demolition from orange); wind of force 4 (5.5 m/s) or more → stop (HJ/T 393-2007,
防治城市扬尘污染技术规范: no earthwork in force-4 wind or stronger); AQI of heavy pollution (201+) →
stop; a sensitive receptor within 200 m downwind in wind of force 3 (3.4 m/s) or more → stop; a yellow
alert, moderate pollution (151+), a receptor within 500 m or a control station within 1 km on a dry day
(under 5 mm) → wet work only. The last five thresholds are Heluo's own sensible defaults, not a
published rule.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

DEFAULT_RULES = [
    (10, "橙色及以上重污染天气预警", "stopped", {"alert_at_least": "orange"},
     "河南省重污染天气应急预案：橙色及以上预警期间停止土石方作业和建筑拆除作业"),
    (20, "四级及以上大风", "stopped", {"wind_at_least": 5.5},
     "HJ/T 393-2007《防治城市扬尘污染技术规范》：四级或四级以上大风天气不得进行土方、拆除等易产生扬尘的作业"),
    (30, "重度及以上污染（AQI≥201）", "stopped", {"aqi_at_least": 201}, "默认规则（可修改）"),
    (40, "下风向200米内有敏感目标且风力三级及以上", "stopped",
     {"receptor_within": 200, "receptor_downwind": True, "wind_at_least": 3.4}, "默认规则（可修改）"),
    (50, "黄色重污染天气预警", "wet_only", {"alert_at_least": "yellow"}, "默认规则（可修改）"),
    (60, "中度污染（AQI≥151）", "wet_only", {"aqi_at_least": 151}, "默认规则（可修改）"),
    (70, "500米内有敏感目标且无有效降水", "wet_only", {"receptor_within": 500, "precipitation_below": 5},
     "默认规则（可修改）"),
    (80, "1公里内有国控、省控站点且无有效降水", "wet_only", {"station_within": 1000, "precipitation_below": 5},
     "默认规则（可修改）"),
]


def seed(apps, schema_editor):
    ConsultationRule = apps.get_model("dust", "ConsultationRule")
    for order, name, decision, conditions, basis in DEFAULT_RULES:
        ConsultationRule.objects.get_or_create(
            order=order, defaults={"name": name, "decision": decision, "basis": basis, **conditions}
        )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0010_access_log'),
        ('dust', '0007_enforcement'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConsultationRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('order', models.PositiveSmallIntegerField(unique=True, verbose_name='order')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('decision', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='decision')),
                ('alert_at_least', models.CharField(blank=True, choices=[('blue', 'blue'), ('yellow', 'yellow'), ('orange', 'orange'), ('red', 'red')], max_length=10, verbose_name='alert at least')),
                ('aqi_at_least', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='AQI at least')),
                ('wind_at_least', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='wind speed at least (m/s)')),
                ('precipitation_below', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='precipitation below (mm)')),
                ('receptor_within', models.PositiveIntegerField(blank=True, null=True, verbose_name='sensitive receptor within (m)')),
                ('receptor_downwind', models.BooleanField(default=False, help_text='With a distance: only a receptor the wind blows towards (within 45°) counts.', verbose_name='only a receptor downwind')),
                ('station_within', models.PositiveIntegerField(blank=True, null=True, verbose_name='control station within (m)')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('basis', models.TextField(blank=True, help_text='The rule or notice this follows.', verbose_name='basis')),
            ],
            options={
                'verbose_name': 'consultation rule',
                'verbose_name_plural': 'consultation rules',
                'ordering': ['order'],
            },
        ),
        migrations.CreateModel(
            name='AssessmentScheme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('subject', models.CharField(choices=[('district', 'districts and counties'), ('enterprise', 'enterprises')], max_length=12, verbose_name='assessed')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('period_end', models.DateField(verbose_name='period end')),
                ('base_score', models.DecimalField(decimal_places=2, default=Decimal('100'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='base score')),
                ('per_failed_item', models.DecimalField(decimal_places=2, default=Decimal('0.5'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per failed inspection item')),
                ('per_overdue_case', models.DecimalField(decimal_places=2, default=Decimal('2'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per overdue case')),
                ('per_alarm_hour', models.DecimalField(decimal_places=2, default=Decimal('0.1'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per alarm hour')),
                ('per_enforcement', models.DecimalField(decimal_places=2, default=Decimal('3'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per enforcement measure')),
                ('cap_per_kind', models.DecimalField(blank=True, decimal_places=2, help_text='Empty: no cap.', max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='most deducted per kind')),
                ('clean_bonus', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='bonus for a clean record')),
                ('issuer', models.CharField(blank=True, help_text='The office issuing the bulletin (通报).', max_length=100, verbose_name='issuer')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
            ],
            options={
                'verbose_name': 'assessment scheme',
                'verbose_name_plural': 'assessment schemes',
                'ordering': ['-period_end', 'subject', 'name'],
                'constraints': [models.UniqueConstraint(fields=('name', 'subject'), name='dust_assessment_name_subject_unique')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalAssessmentScheme',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('subject', models.CharField(choices=[('district', 'districts and counties'), ('enterprise', 'enterprises')], max_length=12, verbose_name='assessed')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('period_end', models.DateField(verbose_name='period end')),
                ('base_score', models.DecimalField(decimal_places=2, default=Decimal('100'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='base score')),
                ('per_failed_item', models.DecimalField(decimal_places=2, default=Decimal('0.5'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per failed inspection item')),
                ('per_overdue_case', models.DecimalField(decimal_places=2, default=Decimal('2'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per overdue case')),
                ('per_alarm_hour', models.DecimalField(decimal_places=2, default=Decimal('0.1'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per alarm hour')),
                ('per_enforcement', models.DecimalField(decimal_places=2, default=Decimal('3'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='per enforcement measure')),
                ('cap_per_kind', models.DecimalField(blank=True, decimal_places=2, help_text='Empty: no cap.', max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='most deducted per kind')),
                ('clean_bonus', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='bonus for a clean record')),
                ('issuer', models.CharField(blank=True, help_text='The office issuing the bulletin (通报).', max_length=100, verbose_name='issuer')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical assessment scheme',
                'verbose_name_plural': 'historical assessment schemes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsultationDecision',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('day', models.DateField(verbose_name='date')),
                ('proposed', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='proposed decision')),
                ('decision', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='decision')),
                ('inputs', models.JSONField(default=dict, verbose_name='inputs')),
                ('proposed_at', models.DateTimeField(verbose_name='proposed at')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed at')),
                ('override_reason', models.TextField(blank=True, verbose_name='reason for overriding')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('confirmed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='confirmed by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('rule', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='dust.consultationrule', verbose_name='rule applied')),
                ('site', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='dust.site', verbose_name='construction site')),
            ],
            options={
                'verbose_name': 'historical consultation decision',
                'verbose_name_plural': 'historical consultation decisions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalConsultationRule',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('order', models.PositiveSmallIntegerField(db_index=True, verbose_name='order')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('decision', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='decision')),
                ('alert_at_least', models.CharField(blank=True, choices=[('blue', 'blue'), ('yellow', 'yellow'), ('orange', 'orange'), ('red', 'red')], max_length=10, verbose_name='alert at least')),
                ('aqi_at_least', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='AQI at least')),
                ('wind_at_least', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='wind speed at least (m/s)')),
                ('precipitation_below', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='precipitation below (mm)')),
                ('receptor_within', models.PositiveIntegerField(blank=True, null=True, verbose_name='sensitive receptor within (m)')),
                ('receptor_downwind', models.BooleanField(default=False, help_text='With a distance: only a receptor the wind blows towards (within 45°) counts.', verbose_name='only a receptor downwind')),
                ('station_within', models.PositiveIntegerField(blank=True, null=True, verbose_name='control station within (m)')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('basis', models.TextField(blank=True, help_text='The rule or notice this follows.', verbose_name='basis')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical consultation rule',
                'verbose_name_plural': 'historical consultation rules',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSensitiveReceptor',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('kind', models.CharField(choices=[('school', 'school'), ('kindergarten', 'kindergarten'), ('hospital', 'hospital'), ('elderly_home', 'home for the elderly'), ('residential', 'residential area'), ('other', 'other')], max_length=20, verbose_name='kind')),
                ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                ('longitude', models.DecimalField(decimal_places=6, max_digits=9, validators=[django.core.validators.MinValueValidator(73), django.core.validators.MaxValueValidator(136)], verbose_name='longitude')),
                ('latitude', models.DecimalField(decimal_places=6, max_digits=9, validators=[django.core.validators.MinValueValidator(3), django.core.validators.MaxValueValidator(54)], verbose_name='latitude')),
                ('coordinate_system', models.CharField(choices=[('gcj02', 'GCJ-02 (AMap, Tencent)'), ('bd09', 'BD-09 (Baidu)'), ('wgs84', 'WGS-84 (GPS)'), ('cgcs2000', 'CGCS2000 (Tianditu, surveying)')], default='gcj02', help_text='Distances are measured only to sites whose coordinates are in the same system.', max_length=10, verbose_name='coordinate system')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('division', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.division', verbose_name='division')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical sensitive receptor',
                'verbose_name_plural': 'historical sensitive receptors',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalWeatherForecast',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('day', models.DateField(verbose_name='date')),
                ('wind_speed', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(60)], verbose_name='wind speed (m/s)')),
                ('wind_direction', models.PositiveSmallIntegerField(blank=True, help_text='Where the wind blows from, in degrees clockwise from north: 0 north, 90 east, 180 south.', null=True, validators=[django.core.validators.MaxValueValidator(359)], verbose_name='wind direction (°)')),
                ('precipitation', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1000)], verbose_name='precipitation (mm)')),
                ('alert', models.CharField(choices=[('none', 'no alert'), ('blue', 'blue'), ('yellow', 'yellow'), ('orange', 'orange'), ('red', 'red')], default='none', max_length=10, verbose_name='heavy-pollution alert')),
                ('source', models.CharField(blank=True, max_length=100, verbose_name='source')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('division', models.ForeignKey(blank=True, db_constraint=False, help_text="The city for the whole city's forecast, or a district or county with its own.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.division', verbose_name='city, district or county')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical weather forecast',
                'verbose_name_plural': 'historical weather forecasts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='ConsultationDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='date')),
                ('proposed', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='proposed decision')),
                ('decision', models.CharField(choices=[('allowed', 'work allowed'), ('wet_only', 'wet work only'), ('stopped', 'work stopped')], max_length=10, verbose_name='decision')),
                ('inputs', models.JSONField(default=dict, verbose_name='inputs')),
                ('proposed_at', models.DateTimeField(verbose_name='proposed at')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed at')),
                ('override_reason', models.TextField(blank=True, verbose_name='reason for overriding')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='confirmed by')),
                ('site', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='consultation_decisions', to='dust.site', verbose_name='construction site')),
                ('rule', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='dust.consultationrule', verbose_name='rule applied')),
            ],
            options={
                'verbose_name': 'consultation decision',
                'verbose_name_plural': 'consultation decisions',
                'ordering': ['-day', 'site__name'],
                'constraints': [models.UniqueConstraint(fields=('site', 'day'), name='dust_decision_site_day')],
            },
        ),
        migrations.CreateModel(
            name='SensitiveReceptor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('kind', models.CharField(choices=[('school', 'school'), ('kindergarten', 'kindergarten'), ('hospital', 'hospital'), ('elderly_home', 'home for the elderly'), ('residential', 'residential area'), ('other', 'other')], max_length=20, verbose_name='kind')),
                ('address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                ('longitude', models.DecimalField(decimal_places=6, max_digits=9, validators=[django.core.validators.MinValueValidator(73), django.core.validators.MaxValueValidator(136)], verbose_name='longitude')),
                ('latitude', models.DecimalField(decimal_places=6, max_digits=9, validators=[django.core.validators.MinValueValidator(3), django.core.validators.MaxValueValidator(54)], verbose_name='latitude')),
                ('coordinate_system', models.CharField(choices=[('gcj02', 'GCJ-02 (AMap, Tencent)'), ('bd09', 'BD-09 (Baidu)'), ('wgs84', 'WGS-84 (GPS)'), ('cgcs2000', 'CGCS2000 (Tianditu, surveying)')], default='gcj02', help_text='Distances are measured only to sites whose coordinates are in the same system.', max_length=10, verbose_name='coordinate system')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('division', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sensitive_receptors', to='core.division', verbose_name='division')),
            ],
            options={
                'verbose_name': 'sensitive receptor',
                'verbose_name_plural': 'sensitive receptors',
                'ordering': ['division__code', 'name'],
                'constraints': [models.UniqueConstraint(fields=('name', 'division'), name='dust_receptor_name_division_unique')],
            },
        ),
        migrations.CreateModel(
            name='WeatherForecast',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('day', models.DateField(verbose_name='date')),
                ('wind_speed', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(60)], verbose_name='wind speed (m/s)')),
                ('wind_direction', models.PositiveSmallIntegerField(blank=True, help_text='Where the wind blows from, in degrees clockwise from north: 0 north, 90 east, 180 south.', null=True, validators=[django.core.validators.MaxValueValidator(359)], verbose_name='wind direction (°)')),
                ('precipitation', models.FloatField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(1000)], verbose_name='precipitation (mm)')),
                ('alert', models.CharField(choices=[('none', 'no alert'), ('blue', 'blue'), ('yellow', 'yellow'), ('orange', 'orange'), ('red', 'red')], default='none', max_length=10, verbose_name='heavy-pollution alert')),
                ('source', models.CharField(blank=True, max_length=100, verbose_name='source')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('division', models.ForeignKey(help_text="The city for the whole city's forecast, or a district or county with its own.", on_delete=django.db.models.deletion.PROTECT, related_name='weather_forecasts', to='core.division', verbose_name='city, district or county')),
            ],
            options={
                'verbose_name': 'weather forecast',
                'verbose_name_plural': 'weather forecasts',
                'ordering': ['-day', 'division__code'],
                'constraints': [models.UniqueConstraint(fields=('day', 'division'), name='dust_forecast_day_division', violation_error_message='There is already a forecast for this day and place.')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
