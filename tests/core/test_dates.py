"""One way dates, times and deadlines read (heluo.core.dates), in both languages and where Django
renders a date itself."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import timezone, translation

from heluo.core import dates


def local(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_dates_and_times_read_the_same_in_both_languages() -> None:
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert dates.date_text(dt.date(2026, 11, 7)) == "2026-11-07"
            assert dates.datetime_text(local("2026-11-07 09:05:03")) == "2026-11-07 09:05"
            assert dates.datetime_text(local("2026-11-07 09:05:03"), "seconds") == "2026-11-07 09:05:03"
            assert dates.date_text(None) == dates.datetime_text(None) == "—"


def test_a_time_reads_in_beijing_time_whatever_zone_it_comes_in() -> None:
    utc = dt.datetime(2026, 11, 7, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 8th in Beijing
    assert dates.datetime_text(utc) == "2026-11-08 01:30"
    assert dates.date_text(utc) == "2026-11-08"


def test_a_deadline_that_ends_at_midnight_reads_as_its_last_day() -> None:
    assert dates.deadline_text(local("2026-09-17 00:00")) == "2026-09-16"
    assert dates.deadline_day(local("2026-09-17 00:00")) == dt.date(2026, 9, 16)
    assert dates.deadline_cell(local("2026-09-17 00:00")) == dt.date(2026, 9, 16)
    # With office hours (HELUO_CASES_OFFICE_CLOSE) a deadline ends at their close, that day.
    assert dates.deadline_text(local("2026-09-16 17:30")) == "2026-09-16 17:30"
    assert dates.deadline_text(None) == "—"


def test_the_official_date_of_a_printed_notice() -> None:
    with translation.override("zh-hans"):
        assert dates.official_date(dt.date(2026, 9, 6)) == "2026年9月6日"
    with translation.override("en"):
        assert dates.official_date(dt.date(2026, 9, 6)) == "September 6, 2026"


def test_django_renders_a_date_as_the_formatter_does() -> None:
    template = Template("{{ day }} | {{ moment }} | {{ day|date }}")
    with translation.override("zh-hans"):
        rendered = template.render(
            Context({"day": dt.date(2026, 11, 17), "moment": local("2026-11-17 08:00")})
        )
    assert rendered == "2026-11-17 | 2026-11-17 08:00 | 2026-11-17"
