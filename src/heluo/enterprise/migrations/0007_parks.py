"""The science parks (科技园区): parks, their enterprises, qualifications (seeded here as data), the
qualifications enterprises hold and their yearly figures."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


# (code, name, order): the qualifications the district's science-park paragraph counts.
QUALIFICATIONS = [
    ("high_tech", "高新技术企业", 10),
    ("provincial_tech_sme", "河南省科技型中小企业", 20),
    ("national_tech_sme", "国家科技型中小企业", 30),
    ("municipal_rd_centre", "市级研发中心", 40),
    ("ip_strong", "知识产权强企", 50),
    ("neeq_showcase", "新三板展示企业", 60),
    ("academician_workstation", "院士工作站", 70),
    ("heluo_talent_team", "“河洛英才”团队", 80),
    ("student_startup", "大学生创业孵化企业", 90),
]


def seed(apps, schema_editor):
    Qualification = apps.get_model("enterprise", "Qualification")
    for code, name, order in QUALIFICATIONS:
        Qualification.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0010_access_log'),
        ('enterprise', '0006_service'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Qualification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=60, unique=True, verbose_name='name')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
            ],
            options={
                'verbose_name': 'qualification',
                'verbose_name_plural': 'qualifications',
                'ordering': ['order', 'code'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalEnterpriseYear',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('revenue', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, validators=[django.core.validators.MinValueValidator(0)], verbose_name='revenue (yuan)')),
                ('rd_spend', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, validators=[django.core.validators.MinValueValidator(0)], verbose_name='R&D spend (yuan)')),
                ('employees', models.PositiveIntegerField(default=0, verbose_name='employees')),
                ('ip_applications', models.PositiveIntegerField(default=0, verbose_name='IP applications')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical enterprise yearly figures',
                'verbose_name_plural': 'historical enterprise yearly figures',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPark',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(db_index=True, max_length=120, verbose_name='name')),
                ('land_area', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='land area (mu)')),
                ('floor_area', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='floor area (m²)')),
                ('converted_from', models.CharField(blank=True, help_text='The site the park was built from.', max_length=120, verbose_name='converted from')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('division', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.division', verbose_name='division')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('operator', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='operator')),
            ],
            options={
                'verbose_name': 'historical science park',
                'verbose_name_plural': 'historical science parks',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalQualification',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('name', models.CharField(db_index=True, max_length=60, verbose_name='name')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical qualification',
                'verbose_name_plural': 'historical qualifications',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Park',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                ('land_area', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='land area (mu)')),
                ('floor_area', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.01'))], verbose_name='floor area (m²)')),
                ('converted_from', models.CharField(blank=True, help_text='The site the park was built from.', max_length=120, verbose_name='converted from')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('division', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='science_parks', to='core.division', verbose_name='division')),
                ('operator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='operated_parks', to='core.unit', verbose_name='operator')),
            ],
            options={
                'verbose_name': 'science park',
                'verbose_name_plural': 'science parks',
                'ordering': ['division__code', 'name'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalParkEnterprise',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('industry', models.CharField(choices=[('equipment', 'equipment manufacturing'), ('internet', 'internet and software'), ('electronics', 'electronics'), ('materials', 'new materials'), ('biomedicine', 'biomedicine'), ('culture', 'culture and creative industries'), ('services', 'technology services'), ('other', 'other')], max_length=20, verbose_name='industry')),
                ('incubating', models.BooleanField(default=False, help_text='Incubated by the park (在孵企业).', verbose_name='incubating')),
                ('entered', models.DateField(verbose_name='date entered')),
                ('left', models.DateField(blank=True, null=True, verbose_name='date left')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('park', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.park', verbose_name='science park')),
            ],
            options={
                'verbose_name': 'historical park enterprise',
                'verbose_name_plural': 'historical park enterprises',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalQualificationAward',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('obtained', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year obtained')),
                ('valid_until', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='valid until (year)')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('qualification', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.qualification', verbose_name='qualification')),
            ],
            options={
                'verbose_name': 'historical qualification held',
                'verbose_name_plural': 'historical qualifications held',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='EnterpriseYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('revenue', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, validators=[django.core.validators.MinValueValidator(0)], verbose_name='revenue (yuan)')),
                ('rd_spend', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=16, validators=[django.core.validators.MinValueValidator(0)], verbose_name='R&D spend (yuan)')),
                ('employees', models.PositiveIntegerField(default=0, verbose_name='employees')),
                ('ip_applications', models.PositiveIntegerField(default=0, verbose_name='IP applications')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='yearly_figures', to='core.unit', verbose_name='enterprise')),
            ],
            options={
                'verbose_name': 'enterprise yearly figures',
                'verbose_name_plural': 'enterprise yearly figures',
                'ordering': ['enterprise__name', '-year'],
                'constraints': [models.UniqueConstraint(fields=('enterprise', 'year'), name='enterprise_year_unique')],
            },
        ),
        migrations.CreateModel(
            name='ParkEnterprise',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('industry', models.CharField(choices=[('equipment', 'equipment manufacturing'), ('internet', 'internet and software'), ('electronics', 'electronics'), ('materials', 'new materials'), ('biomedicine', 'biomedicine'), ('culture', 'culture and creative industries'), ('services', 'technology services'), ('other', 'other')], max_length=20, verbose_name='industry')),
                ('incubating', models.BooleanField(default=False, help_text='Incubated by the park (在孵企业).', verbose_name='incubating')),
                ('entered', models.DateField(verbose_name='date entered')),
                ('left', models.DateField(blank=True, null=True, verbose_name='date left')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='park_stays', to='core.unit', verbose_name='enterprise')),
                ('park', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='enterprises', to='enterprise.park', verbose_name='science park')),
            ],
            options={
                'verbose_name': 'park enterprise',
                'verbose_name_plural': 'park enterprises',
                'ordering': ['park__name', 'enterprise__name'],
                'constraints': [models.UniqueConstraint(fields=('park', 'enterprise', 'entered'), name='enterprise_park_stay_unique'), models.CheckConstraint(condition=models.Q(('left__isnull', True), ('left__gte', models.F('entered')), _connector='OR'), name='enterprise_park_stay_left_after_entered')],
            },
        ),
        migrations.CreateModel(
            name='QualificationAward',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('obtained', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year obtained')),
                ('valid_until', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='valid until (year)')),
                ('notes', models.TextField(blank=True, verbose_name='notes')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='qualification_awards', to='core.unit', verbose_name='enterprise')),
                ('qualification', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='awards', to='enterprise.qualification', verbose_name='qualification')),
            ],
            options={
                'verbose_name': 'qualification held',
                'verbose_name_plural': 'qualifications held',
                'ordering': ['enterprise__name', 'qualification__order', '-obtained'],
                'constraints': [models.UniqueConstraint(fields=('enterprise', 'qualification', 'obtained'), name='enterprise_qualification_award_unique'), models.CheckConstraint(condition=models.Q(('valid_until__isnull', True), ('valid_until__gte', models.F('obtained')), _connector='OR'), name='enterprise_qualification_valid_after_obtained')],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
