"""Core's figures registry: a figure counts the rows of a territory (with its predecessor divisions) and a
period, series and breakdowns read it period by period and division by division, sentences carry the
written figures, and every figure the apps register computes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import timezone

from heluo.core import figures as registry
from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing
from heluo.core.models import Division
from tests.testapp.models import PartyRecord

LAOCHENG, LUOLONG, MENGJIN, JILI = "410302000000", "410311000000", "410308000000", "410306000000"


def records(territory: Territory, period: Period) -> int:
    made = PartyRecord.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
    return territory.filter(made).count()


def share(territory: Territory, period: Period) -> Decimal | None:
    count = records(territory, period)
    return Decimal(count * 100) / 8 if count else None


@pytest.fixture
def declared() -> Iterator[None]:
    """Test figures and a sentence, taken out again so the registry stays the apps' own."""
    saved = dict(registry.FIGURES), dict(registry.SENTENCES)
    register_figure(
        Figure("test.records", "records", "core", compute=records, unit="条"),
        Figure("test.share", "share", "core", compute=share, unit="%", writing=Writing("percent")),
    )
    register_sentence(Sentence("test.summary", "core", "{period}，共记录{records}，占比{share}。",
                               {"records": "test.records", "share": "test.share"}))  # fmt: skip
    yield
    registry.FIGURES.clear(), registry.SENTENCES.clear()
    registry.FIGURES.update(saved[0]), registry.SENTENCES.update(saved[1])


def record(code: str, on: dt.date) -> None:
    row = PartyRecord.objects.create(name="记录", division=Division.objects.get(code=code))
    at = dt.datetime.combine(on, dt.time(10), tzinfo=timezone.get_current_timezone())
    PartyRecord.objects.filter(pk=row.pk).update(created_at=at)


@pytest.fixture
def rows(db: None, declared: None) -> None:
    """老城区: 2 in March 2030, 1 in April; 洛龙区: 1 in March; 吉利区 (now 孟津区): 1 in March; 2029: 1."""
    for code, day in [(LAOCHENG, 3), (LAOCHENG, 20), (LUOLONG, 5), (JILI, 9)]:
        record(code, dt.date(2030, 3, day))
    record(LAOCHENG, dt.date(2030, 4, 1))
    record(LAOCHENG, dt.date(2029, 6, 1))


def test_a_figure_counts_the_rows_of_its_territory_and_period(rows: None) -> None:
    march = Period.month(2030, 3)
    assert registry.value("test.records", Territory.city(), march).number == 4
    assert (
        registry.value("test.records", Territory.of(Division.objects.get(code=LAOCHENG)), march).number == 2
    )
    assert registry.value("test.records", Territory.of(LAOCHENG[:6]), Period.year(2030)).number == 3
    reading = registry.value("test.records", Territory.city(), Period.year(2030))
    assert (reading.number, reading.text, str(reading)) == (5, "5条", "5条")


def test_a_territory_counts_the_rows_of_its_predecessor_divisions(rows: None) -> None:
    mengjin = Division.objects.get(code=MENGJIN)
    assert registry.value("test.records", Territory.of(mengjin), Period.month(2030, 3)).number == 1


def test_a_series_reads_period_by_period_and_a_breakdown_division_by_division(rows: None) -> None:
    months = [Period.month(2030, m) for m in (2, 3, 4)]
    series = registry.series("test.records", Territory.of(LAOCHENG[:6]), months)
    assert [r.number for r in series] == [0, 2, 1]
    assert [r.period.label for r in series] == ["2030年2月", "2030年3月", "2030年4月"]
    districts = list(Division.objects.filter(code__in=[LAOCHENG, LUOLONG, MENGJIN]).order_by("code"))
    table = registry.breakdown("test.records", districts, Period.month(2030, 3))
    assert [(d.name, r.number) for d, r in table] == [("老城区", 2), ("孟津区", 1), ("洛龙区", 1)]


def test_a_sentence_carries_the_written_figures_and_the_period(rows: None) -> None:
    text = registry.render_sentence("test.summary", Territory.city(), Period.month(2030, 3))
    assert text == "2030年3月，共记录4条，占比50%。"


def test_a_figure_without_a_value_is_written_as_a_dash(rows: None) -> None:
    reading = registry.value("test.share", Territory.city(), Period.month(2030, 1))
    assert reading.number is None and reading.text == "—"


def test_a_figure_registered_twice_or_a_sentence_of_unknown_figures_is_refused(declared: None) -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register_figure(Figure("test.records", "other", "core", compute=share))
    with pytest.raises(ValueError, match="unknown figures"):
        register_sentence(Sentence("test.bad", "core", "{x}", {"x": "test.missing"}))
    with pytest.raises(KeyError):
        registry.value("test.missing", Territory.city(), Period.year(2030))


def test_periods_know_their_year_before_and_the_span_before() -> None:
    march = Period.month(2030, 3)
    assert march.year_before() == Period(dt.date(2029, 3, 1), dt.date(2029, 3, 31), "2029年3月")
    assert march.previous().end == dt.date(2030, 2, 28)


def test_every_registered_figure_and_sentence_computes(db: None) -> None:
    modules = {item.module for item in registry.FIGURES.values()}
    assert {"cases", "monitoring", "dust"} <= modules
    period, laocheng = Period.year(2026), Territory.of(LAOCHENG[:6])
    for key in registry.FIGURES:
        for territory in (Territory.city(), laocheng):
            reading = registry.value(key, territory, period)
            assert reading.number is None or reading.number >= 0, key
            assert reading.text, key
    for key in registry.SENTENCES:
        text = registry.render_sentence(key, Territory.city(), period)
        assert text and "{" not in text and "}" not in text, key


def test_a_period_is_labelled_as_officials_write_it() -> None:
    assert Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)).label == "2026年"
    assert Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30)).label == "2026年11月"
    assert Period(dt.date(2026, 3, 5), dt.date(2026, 4, 2)).label == "2026年3月5日至4月2日"
    assert Period(dt.date(2025, 12, 1), dt.date(2026, 1, 31)).label == "2025年12月1日至2026年1月31日"
    assert Period.day(dt.date(2026, 3, 5)).label == "2026年3月5日"
    with pytest.raises(ValueError):
        Period(dt.date(2026, 3, 5), dt.date(2026, 3, 4))


def test_the_figures_report_compares_each_figure_with_the_same_period_last_year(rows: None) -> None:
    from heluo.core.figures.report import report

    record(LAOCHENG, dt.date(2029, 3, 1)), record(LUOLONG, dt.date(2029, 3, 2))
    sections = report(Territory.city(), Period.month(2030, 3), ["core", "militia"])
    (section,) = [s for s in sections if s.module == "core"]
    assert (section.module, [s.key for s in section.sentences]) == ("core", ["test.summary"])
    rows_by_key = {row.reading.figure.key: row for row in section.rows}
    records_row, share_row = rows_by_key["test.records"], rows_by_key["test.share"]
    assert (records_row.reading.text, records_row.last_year_text, records_row.change) == (
        "4条",
        "2条",
        "同比增长100%",
    )
    assert (share_row.reading.text, share_row.last_year_text) == ("50%", "25%")
    assert share_row.change == "同比提高25个百分点"  # rates change in percentage points
