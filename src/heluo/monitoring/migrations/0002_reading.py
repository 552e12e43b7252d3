"""The readings table. On PostgreSQL it is partitioned by month of DataTime (Beijing months) from the
start, with a function that creates partitions ahead of time (called here, by the receiver and by
`heluo hj212 partitions`); on SQLite it is a plain table. The model's state is the same on both."""

from django.db import migrations, models

CREATE_PARTITIONED = """
CREATE TABLE "monitoring_reading" (
    "mn" varchar(32) NOT NULL,
    "cn" varchar(4) NOT NULL,
    "data_time" timestamp with time zone NOT NULL,
    "pno" smallint NOT NULL CHECK ("pno" >= 0),
    "pnum" smallint NOT NULL CHECK ("pnum" >= 0),
    "st" varchar(8) NOT NULL,
    "qn" varchar(20) NOT NULL,
    "flag" smallint NULL CHECK ("flag" >= 0),
    "received_at" timestamp with time zone NOT NULL,
    "backfill" boolean NOT NULL,
    "pm10" double precision NULL,
    "pm25" double precision NULL,
    "tsp" double precision NULL,
    "noise" double precision NULL,
    "wind_speed" double precision NULL,
    "wind_direction" double precision NULL,
    "temperature" double precision NULL,
    "humidity" double precision NULL,
    "pressure" double precision NULL,
    "flags" jsonb NULL,
    "extra" jsonb NULL,
    "problems" jsonb NULL,
    "raw" text NOT NULL,
    CONSTRAINT "monitoring_reading_packet_number"
        CHECK ((("pno" = 0 AND "pnum" = 0) OR ("pno" >= 1 AND "pno" <= ("pnum")))),
    PRIMARY KEY ("mn", "cn", "data_time", "pno")
) PARTITION BY RANGE ("data_time");

-- One partition per Beijing month, named monitoring_reading_YYYYMM. No default partition: one would
-- stop a month's partition from being created once it held that month's rows.
CREATE FUNCTION monitoring_ensure_reading_partitions(first_month date, last_month date)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    month date := date_trunc('month', first_month)::date;
    created integer := 0;
    partition text;
BEGIN
    -- Two receivers starting at once must not race to create the same partition.
    PERFORM pg_advisory_xact_lock(hashtext('monitoring_reading_partitions'));
    WHILE month <= last_month LOOP
        partition := format('monitoring_reading_%s', to_char(month, 'YYYYMM'));
        IF to_regclass(partition) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %I PARTITION OF monitoring_reading FOR VALUES FROM (%L) TO (%L)',
                partition,
                month::timestamp AT TIME ZONE 'Asia/Shanghai',
                (month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'
            );
            created := created + 1;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
    RETURN created;
END
$$;

SELECT monitoring_ensure_reading_partitions(
    (now() AT TIME ZONE 'Asia/Shanghai' - interval '4 months')::date,
    (now() AT TIME ZONE 'Asia/Shanghai' + interval '3 months')::date
);
"""

DROP_PARTITIONED = """
DROP TABLE "monitoring_reading";
DROP FUNCTION monitoring_ensure_reading_partitions(date, date);
"""


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_PARTITIONED, params=None)
    else:
        schema_editor.create_model(apps.get_model("monitoring", "Reading"))


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_PARTITIONED, params=None)
    else:
        schema_editor.delete_model(apps.get_model("monitoring", "Reading"))


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Reading",
                    fields=[
                        (
                            "pk",
                            models.CompositePrimaryKey(
                                "mn",
                                "cn",
                                "data_time",
                                "pno",
                                blank=True,
                                editable=False,
                                primary_key=True,
                                serialize=False,
                            ),
                        ),
                        ("mn", models.CharField(max_length=32, verbose_name="MN")),
                        ("cn", models.CharField(max_length=4, verbose_name="command code")),
                        ("data_time", models.DateTimeField(verbose_name="data time")),
                        ("pno", models.PositiveSmallIntegerField(default=0, verbose_name="packet number")),
                        ("pnum", models.PositiveSmallIntegerField(default=0, verbose_name="packets")),
                        ("st", models.CharField(max_length=8, verbose_name="system code")),
                        ("qn", models.CharField(blank=True, max_length=20, verbose_name="request number")),
                        (
                            "flag",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="flag"),
                        ),
                        ("received_at", models.DateTimeField(verbose_name="received at")),
                        ("backfill", models.BooleanField(default=False, verbose_name="backfill")),
                        ("pm10", models.FloatField(blank=True, null=True, verbose_name="PM10")),
                        ("pm25", models.FloatField(blank=True, null=True, verbose_name="PM2.5")),
                        ("tsp", models.FloatField(blank=True, null=True, verbose_name="TSP")),
                        ("noise", models.FloatField(blank=True, null=True, verbose_name="noise")),
                        ("wind_speed", models.FloatField(blank=True, null=True, verbose_name="wind speed")),
                        (
                            "wind_direction",
                            models.FloatField(blank=True, null=True, verbose_name="wind direction"),
                        ),
                        ("temperature", models.FloatField(blank=True, null=True, verbose_name="temperature")),
                        ("humidity", models.FloatField(blank=True, null=True, verbose_name="humidity")),
                        ("pressure", models.FloatField(blank=True, null=True, verbose_name="pressure")),
                        ("flags", models.JSONField(blank=True, null=True, verbose_name="data flags")),
                        ("extra", models.JSONField(blank=True, null=True, verbose_name="other values")),
                        ("problems", models.JSONField(blank=True, null=True, verbose_name="problems")),
                        ("raw", models.TextField(verbose_name="frame")),
                    ],
                    options={
                        "verbose_name": "reading",
                        "verbose_name_plural": "readings",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("pno", 0), ("pnum", 0)),
                                    models.Q(("pno__gte", 1), ("pno__lte", models.F("pnum"))),
                                    _connector="OR",
                                ),
                                name="monitoring_reading_packet_number",
                            )
                        ],
                    },
                ),
            ]
        ),
        migrations.RunPython(create_table, drop_table),
    ]
