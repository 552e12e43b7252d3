# The handler stops the clock while waiting on the other party (sources declaring waits_on).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_reopen'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='suspension_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='why the clock stopped'),
        ),
        migrations.AddField(
            model_name='case',
            name='waiting',
            field=models.BooleanField(default=False, editable=False, verbose_name='waiting on the other party'),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='suspension_reason',
            field=models.TextField(blank=True, editable=False, verbose_name='why the clock stopped'),
        ),
        migrations.AddField(
            model_name='historicalcase',
            name='waiting',
            field=models.BooleanField(default=False, editable=False, verbose_name='waiting on the other party'),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='kind',
            field=models.CharField(choices=[('registered', 'registered'), ('assigned', 'assigned'), ('accepted', 'accepted'), ('replied', 'reply submitted'), ('returned', 'returned'), ('closed', 'verified and closed'), ('reassigned', 'reassigned'), ('extension_requested', 'extension requested'), ('extended', 'deadline extended'), ('extension_refused', 'extension refused'), ('suspended', 'suspended (clock stopped)'), ('waiting', 'clock stopped: waiting on the other party'), ('resumed', 'resumed'), ('cancelled', 'cancelled'), ('reopened', 'reopened'), ('note', 'note'), ('edited', 'details changed'), ('reminded', 'reminder'), ('overdue', 'overdue'), ('escalated', 'escalated')], max_length=30, verbose_name='action'),
        ),
    ]
