import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("dust", "0002_seed_grid_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Monitor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "row_version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="row version"),
                ),
                ("is_demo", models.BooleanField(default=False, editable=False, verbose_name="demo data")),
                (
                    "mn",
                    models.CharField(
                        help_text="The data logger's code, as the device sends it.",
                        max_length=32,
                        unique=True,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Za-z_.\\-]{4,32}$",
                                "An MN has 4 to 32 letters, digits, '_', '-' or '.'.",
                            )
                        ],
                        verbose_name="MN",
                    ),
                ),
                (
                    "pw",
                    models.CharField(
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[^;,=&\\s]{1,32}$",
                                "A password has 1 to 32 characters without ; , = & or spaces.",
                            )
                        ],
                        verbose_name="access password",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                ("vendor", models.CharField(blank=True, max_length=100, verbose_name="vendor and model")),
                (
                    "protocol_version",
                    models.CharField(
                        choices=[
                            ("HJT212_2005", "HJ/T 212-2005"),
                            ("HJ212_2017", "HJ 212-2017"),
                            ("HJ212_2025", "HJ 212-2025"),
                        ],
                        default="HJ212_2017",
                        max_length=20,
                        verbose_name="protocol version",
                    ),
                ),
                (
                    "particulate_unit",
                    models.CharField(
                        choices=[("ug_m3", "µg/m³"), ("mg_m3", "mg/m³")],
                        default="ug_m3",
                        help_text="The standard says ng/m³; devices send µg/m³ or mg/m³. Stored values are µg/m³.",
                        max_length=10,
                        verbose_name="unit of particulate values",
                    ),
                ),
                (
                    "accept_crc_swapped",
                    models.BooleanField(default=False, verbose_name="accept CRC with bytes swapped"),
                ),
                (
                    "accept_crc_modbus_swapped",
                    models.BooleanField(default=False, verbose_name="accept Modbus CRC with bytes swapped"),
                ),
                ("accept_crc_modbus", models.BooleanField(default=False, verbose_name="accept Modbus CRC")),
                (
                    "sm4_key",
                    models.CharField(
                        blank=True,
                        help_text="Only for HJ 212-2025 devices that encrypt their data.",
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Fa-f]{32}$", "An SM4 key is 32 hex digits (16 bytes)."
                            )
                        ],
                        verbose_name="SM4 key",
                    ),
                ),
                (
                    "sm4_padding",
                    models.CharField(
                        choices=[("none", "none"), ("pkcs7", "PKCS#7"), ("zero", "zero bytes")],
                        default="none",
                        max_length=10,
                        verbose_name="SM4 padding",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True,
                        help_text="Frames of an inactive monitor are refused.",
                        verbose_name="active",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="monitors",
                        to="dust.site",
                        verbose_name="construction site",
                    ),
                ),
            ],
            options={
                "verbose_name": "monitor",
                "verbose_name_plural": "monitors",
                "ordering": ["mn"],
            },
        ),
        migrations.CreateModel(
            name="UnknownDevice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("mn", models.CharField(max_length=32, unique=True, verbose_name="MN")),
                ("first_seen", models.DateTimeField(verbose_name="first seen")),
                ("last_seen", models.DateTimeField(verbose_name="last seen")),
                ("count", models.PositiveBigIntegerField(default=0, verbose_name="frames")),
                ("last_frame", models.TextField(blank=True, verbose_name="last frame")),
                ("last_peer", models.CharField(blank=True, max_length=64, verbose_name="last address")),
            ],
            options={
                "verbose_name": "unknown device",
                "verbose_name_plural": "unknown devices",
                "ordering": ["-last_seen"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalMonitor",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False, verbose_name="created at")),
                ("updated_at", models.DateTimeField(blank=True, editable=False, verbose_name="updated at")),
                (
                    "row_version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="row version"),
                ),
                ("is_demo", models.BooleanField(default=False, editable=False, verbose_name="demo data")),
                (
                    "mn",
                    models.CharField(
                        db_index=True,
                        help_text="The data logger's code, as the device sends it.",
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Za-z_.\\-]{4,32}$",
                                "An MN has 4 to 32 letters, digits, '_', '-' or '.'.",
                            )
                        ],
                        verbose_name="MN",
                    ),
                ),
                (
                    "pw",
                    models.CharField(
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[^;,=&\\s]{1,32}$",
                                "A password has 1 to 32 characters without ; , = & or spaces.",
                            )
                        ],
                        verbose_name="access password",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                ("vendor", models.CharField(blank=True, max_length=100, verbose_name="vendor and model")),
                (
                    "protocol_version",
                    models.CharField(
                        choices=[
                            ("HJT212_2005", "HJ/T 212-2005"),
                            ("HJ212_2017", "HJ 212-2017"),
                            ("HJ212_2025", "HJ 212-2025"),
                        ],
                        default="HJ212_2017",
                        max_length=20,
                        verbose_name="protocol version",
                    ),
                ),
                (
                    "particulate_unit",
                    models.CharField(
                        choices=[("ug_m3", "µg/m³"), ("mg_m3", "mg/m³")],
                        default="ug_m3",
                        help_text="The standard says ng/m³; devices send µg/m³ or mg/m³. Stored values are µg/m³.",
                        max_length=10,
                        verbose_name="unit of particulate values",
                    ),
                ),
                (
                    "accept_crc_swapped",
                    models.BooleanField(default=False, verbose_name="accept CRC with bytes swapped"),
                ),
                (
                    "accept_crc_modbus_swapped",
                    models.BooleanField(default=False, verbose_name="accept Modbus CRC with bytes swapped"),
                ),
                ("accept_crc_modbus", models.BooleanField(default=False, verbose_name="accept Modbus CRC")),
                (
                    "sm4_key",
                    models.CharField(
                        blank=True,
                        help_text="Only for HJ 212-2025 devices that encrypt their data.",
                        max_length=32,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[0-9A-Fa-f]{32}$", "An SM4 key is 32 hex digits (16 bytes)."
                            )
                        ],
                        verbose_name="SM4 key",
                    ),
                ),
                (
                    "sm4_padding",
                    models.CharField(
                        choices=[("none", "none"), ("pkcs7", "PKCS#7"), ("zero", "zero bytes")],
                        default="none",
                        max_length=10,
                        verbose_name="SM4 padding",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True,
                        help_text="Frames of an inactive monitor are refused.",
                        verbose_name="active",
                    ),
                ),
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="dust.site",
                        verbose_name="construction site",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical monitor",
                "verbose_name_plural": "historical monitors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MessageLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField(db_index=True, verbose_name="time")),
                ("mn", models.CharField(blank=True, max_length=32, verbose_name="MN")),
                (
                    "direction",
                    models.CharField(
                        choices=[("in", "received"), ("out", "sent"), ("refused", "refused")],
                        max_length=10,
                        verbose_name="direction",
                    ),
                ),
                ("cn", models.CharField(blank=True, max_length=4, verbose_name="command code")),
                ("peer", models.CharField(blank=True, max_length=64, verbose_name="address")),
                ("reason", models.CharField(blank=True, max_length=40, verbose_name="reason")),
                ("text", models.TextField(verbose_name="text")),
            ],
            options={
                "verbose_name": "message log entry",
                "verbose_name_plural": "message log",
                "ordering": ["-id"],
                "indexes": [models.Index(fields=["mn", "id"], name="monitoring_log_mn_id")],
            },
        ),
        migrations.CreateModel(
            name="MonitorStatus",
            fields=[
                (
                    "monitor",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="status",
                        serialize=False,
                        to="monitoring.monitor",
                        verbose_name="monitor",
                    ),
                ),
                ("last_seen", models.DateTimeField(blank=True, null=True, verbose_name="last seen")),
                (
                    "last_data_time",
                    models.DateTimeField(blank=True, null=True, verbose_name="latest data time"),
                ),
                ("last_peer", models.CharField(blank=True, max_length=64, verbose_name="last address")),
                ("frames", models.PositiveBigIntegerField(default=0, verbose_name="frames accepted")),
                ("stored", models.PositiveBigIntegerField(default=0, verbose_name="readings stored")),
                ("duplicates", models.PositiveBigIntegerField(default=0, verbose_name="retransmissions")),
                ("conflicts", models.PositiveBigIntegerField(default=0, verbose_name="conflicts")),
                ("backfilled", models.PositiveBigIntegerField(default=0, verbose_name="backfilled")),
                ("heartbeats", models.PositiveBigIntegerField(default=0, verbose_name="heartbeats")),
                ("refused", models.PositiveBigIntegerField(default=0, verbose_name="refused")),
                ("last_refusal", models.CharField(blank=True, max_length=200, verbose_name="last refusal")),
                (
                    "last_refusal_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last refused at"),
                ),
            ],
            options={
                "verbose_name": "monitor status",
                "verbose_name_plural": "monitor statuses",
            },
        ),
        migrations.CreateModel(
            name="ReadingConflict",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("mn", models.CharField(max_length=32, verbose_name="MN")),
                ("cn", models.CharField(max_length=4, verbose_name="command code")),
                ("data_time", models.DateTimeField(verbose_name="data time")),
                ("pno", models.PositiveSmallIntegerField(default=0, verbose_name="packet number")),
                ("digest", models.CharField(max_length=64, verbose_name="content digest")),
                ("qn", models.CharField(blank=True, max_length=20, verbose_name="request number")),
                ("received_at", models.DateTimeField(verbose_name="received at")),
                ("raw", models.TextField(verbose_name="frame")),
                ("resolved", models.BooleanField(default=False, verbose_name="resolved")),
                (
                    "monitor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="conflicts",
                        to="monitoring.monitor",
                        verbose_name="monitor",
                    ),
                ),
            ],
            options={
                "verbose_name": "reading conflict",
                "verbose_name_plural": "reading conflicts",
                "ordering": ["-received_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("mn", "cn", "data_time", "pno", "digest"), name="monitoring_conflict_unique"
                    )
                ],
            },
        ),
    ]
