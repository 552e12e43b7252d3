"""Chief service officers and the enterprise problem ledger, with the seeded problem categories and the
time limits of common practice (report 1 working day, opinion 2, done 5, feedback 1, misdirected 2)."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


CATEGORIES = [
    ("funds", "资金", 10),
    ("land", "土地", 20),
    ("power", "用电", 30),
    ("approval", "审批", 40),
    ("environment", "经营环境", 50),
    ("other", "其他", 100),
]
TIME_LIMITS = [
    ("report", 1, "接报后1个工作日内报告"),
    ("opinion", 2, "2个工作日内提出办理意见"),
    ("done", 5, "5个工作日内办结"),
    ("feedback", 1, "办结后1个工作日内反馈企业"),
    ("misdirected", 2, "非本部门职责的2个工作日内退回"),
]


def seed(apps, schema_editor):
    ProblemCategory = apps.get_model("enterprise", "ProblemCategory")
    TimeLimit = apps.get_model("enterprise", "TimeLimit")
    for code, name, order in CATEGORIES:
        ProblemCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for stage, days, note in TIME_LIMITS:
        TimeLimit.objects.get_or_create(stage=stage, category=None, defaults={"working_days": days, "note": note})


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_waiting'),
        ('core', '0010_access_log'),
        ('enterprise', '0005_briefings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProblemCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=60, unique=True, verbose_name='name')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
            ],
            options={
                'verbose_name': 'problem category',
                'verbose_name_plural': 'problem categories',
                'ordering': ['order', 'code'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalOfficerAssignment',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('start', models.DateField(verbose_name='from')),
                ('end', models.DateField(blank=True, null=True, verbose_name='to')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('officer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.person', verbose_name='chief service officer')),
            ],
            options={
                'verbose_name': 'historical officer assignment',
                'verbose_name_plural': 'historical officer assignments',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalProblemCategory',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('code', models.SlugField(max_length=40, verbose_name='code')),
                ('name', models.CharField(db_index=True, max_length=60, verbose_name='name')),
                ('order', models.PositiveSmallIntegerField(default=100, verbose_name='order')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical problem category',
                'verbose_name_plural': 'historical problem categories',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalVisit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('date', models.DateField(verbose_name='date')),
                ('discussed', models.TextField(verbose_name='what was discussed')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('officer', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.person', verbose_name='chief service officer')),
            ],
            options={
                'verbose_name': 'historical visit',
                'verbose_name_plural': 'historical visits',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Problem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('description', models.TextField(verbose_name='description')),
                ('raised_on', models.DateField(verbose_name='raised on')),
                ('case', models.OneToOneField(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='enterprise_problem', to='cases.case', verbose_name='supervised case')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('responsible_unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='responsible unit')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='enterprise.problemcategory', verbose_name='category')),
            ],
            options={
                'verbose_name': 'enterprise problem',
                'verbose_name_plural': 'enterprise problems',
                'ordering': ['-raised_on', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalFollowUp',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('called_on', models.DateField(verbose_name='called on')),
                ('called_by', models.CharField(max_length=60, verbose_name='called by')),
                ('satisfaction', models.CharField(choices=[('satisfied', 'satisfied'), ('fairly', 'fairly satisfied'), ('unsatisfied', 'unsatisfied')], max_length=20, verbose_name='satisfaction')),
                ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('problem', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.problem', verbose_name='enterprise problem')),
            ],
            options={
                'verbose_name': 'historical follow-up call',
                'verbose_name_plural': 'historical follow-up calls',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('called_on', models.DateField(verbose_name='called on')),
                ('called_by', models.CharField(max_length=60, verbose_name='called by')),
                ('satisfaction', models.CharField(choices=[('satisfied', 'satisfied'), ('fairly', 'fairly satisfied'), ('unsatisfied', 'unsatisfied')], max_length=20, verbose_name='satisfaction')),
                ('remarks', models.TextField(blank=True, verbose_name='remarks')),
                ('problem', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups', to='enterprise.problem', verbose_name='enterprise problem')),
            ],
            options={
                'verbose_name': 'follow-up call',
                'verbose_name_plural': 'follow-up calls',
                'ordering': ['called_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalTimeLimit',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('stage', models.CharField(choices=[('report', 'report received'), ('opinion', 'opinion given'), ('done', 'done'), ('feedback', 'feedback to the enterprise'), ('misdirected', 'sent back when misdirected')], max_length=20, verbose_name='stage')),
                ('working_days', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(250)], verbose_name='working days')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('category', models.ForeignKey(blank=True, db_constraint=False, help_text='Empty: the default for every category.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.problemcategory', verbose_name='problem category')),
            ],
            options={
                'verbose_name': 'historical time limit',
                'verbose_name_plural': 'historical time limits',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Visit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('date', models.DateField(verbose_name='date')),
                ('discussed', models.TextField(verbose_name='what was discussed')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('officer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.person', verbose_name='chief service officer')),
            ],
            options={
                'verbose_name': 'visit',
                'verbose_name_plural': 'visits',
                'ordering': ['-date', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='problem',
            name='visit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='problems', to='enterprise.visit', verbose_name='raised during the visit'),
        ),
        migrations.CreateModel(
            name='HistoricalProblem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created at')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('description', models.TextField(verbose_name='description')),
                ('raised_on', models.DateField(verbose_name='raised on')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('case', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='supervised case')),
                ('enterprise', models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'unit_type__code': 'enterprise'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('responsible_unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='core.unit', verbose_name='responsible unit')),
                ('category', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.problemcategory', verbose_name='category')),
                ('visit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='enterprise.visit', verbose_name='raised during the visit')),
            ],
            options={
                'verbose_name': 'historical enterprise problem',
                'verbose_name_plural': 'historical enterprise problems',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='OfficerAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('start', models.DateField(verbose_name='from')),
                ('end', models.DateField(blank=True, null=True, verbose_name='to')),
                ('enterprise', models.ForeignKey(limit_choices_to={'unit_type__code': 'enterprise'}, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.unit', verbose_name='enterprise')),
                ('officer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.person', verbose_name='chief service officer')),
            ],
            options={
                'verbose_name': 'officer assignment',
                'verbose_name_plural': 'officer assignments',
                'ordering': ['enterprise__name', '-start'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('end__isnull', True)), fields=('enterprise',), name='enterprise_assignment_one_current', violation_error_message='This enterprise already has a chief service officer.')],
            },
        ),
        migrations.CreateModel(
            name='TimeLimit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('row_version', models.PositiveIntegerField(default=1, editable=False, verbose_name='row version')),
                ('is_demo', models.BooleanField(default=False, editable=False, verbose_name='demo data')),
                ('stage', models.CharField(choices=[('report', 'report received'), ('opinion', 'opinion given'), ('done', 'done'), ('feedback', 'feedback to the enterprise'), ('misdirected', 'sent back when misdirected')], max_length=20, verbose_name='stage')),
                ('working_days', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(250)], verbose_name='working days')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                ('category', models.ForeignKey(blank=True, help_text='Empty: the default for every category.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='time_limits', to='enterprise.problemcategory', verbose_name='problem category')),
            ],
            options={
                'verbose_name': 'time limit',
                'verbose_name_plural': 'time limits',
                'ordering': ['category__order', 'stage'],
                'constraints': [models.UniqueConstraint(fields=('stage', 'category'), name='enterprise_timelimit_category_unique', violation_error_message='This stage already has a time limit for this category.')],
            },
        ),
        migrations.AddIndex(
            model_name='visit',
            index=models.Index(fields=['officer', 'date'], name='enterprise_visit_officer'),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
