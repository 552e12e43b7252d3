"""Each alarm method on hand-made series (pure: no database)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from heluo.monitoring.alarm_rules import (
    Finding,
    Method,
    Point,
    Rule,
    Streak,
    clears,
    hourly_findings,
    offline_finding,
    reading_findings,
    summarise,
)

T0 = datetime(2026, 11, 25, 8)
H = timedelta(hours=1)
M = timedelta(minutes=1)


def breaches(findings: list[Finding]) -> list[datetime]:
    return [f.at for f in findings if f.breach]


def test_absolute_breaches_above_the_limit_only() -> None:
    rule = Rule(Method.ABSOLUTE, limit=150)
    found = hourly_findings(rule, [(T0, 150.0), (T0 + H, 151.0), (T0 + 2 * H, None), (T0 + 3 * H, 90.0)])
    assert breaches(found) == [T0 + 2 * H]  # stamped with the end of the hour
    assert [f.at for f in found if not f.breach] == [T0 + H, T0 + 4 * H]  # no valid value: nothing found


def test_difference_tolerates_per_day_exceedances_then_raises() -> None:
    rule = Rule(Method.DIFFERENCE, margin=80, cap=150, per_day=2)
    hours = [(T0 + i * H, 200.0) for i in range(4)]
    control = {T0 + i * H: 100.0 for i in range(4)}  # excess 100 > 80 every hour
    found = hourly_findings(rule, hours, control=control)
    assert breaches(found) == [T0 + 3 * H, T0 + 4 * H]  # the third and fourth exceedance of the day


def test_difference_caps_the_subtracted_control_average() -> None:
    rule = Rule(Method.DIFFERENCE, margin=80, cap=150, per_day=0)
    # Control 300 is taken as 150: 240 - 150 = 90 > 80 raises; uncapped it would be -60.
    assert breaches(hourly_findings(rule, [(T0, 240.0)], control={T0: 300.0})) == [T0 + H]
    assert breaches(hourly_findings(rule, [(T0, 230.0)], control={T0: 300.0})) == []


def test_difference_counts_per_day_and_skips_hours_without_a_control_value() -> None:
    rule = Rule(Method.DIFFERENCE, margin=80, per_day=1)
    late = datetime(2026, 11, 25, 23)
    hours = [(late, 200.0), (late + H, 200.0), (late + 2 * H, 200.0)]
    control = {late: 50.0, late + H: 50.0}  # no control value for the third hour
    found = hourly_findings(rule, hours, control=control, day_of=lambda hour: hour.date())
    assert breaches(found) == []  # one a day is tolerated, and the new day starts again
    earlier = hourly_findings(rule, hours[:1], control=control, earlier_exceedances={date(2026, 11, 25): 1})
    assert breaches(earlier) == [late + H]


def test_consecutive_needs_n_in_a_row_and_survives_across_batches() -> None:
    rule = Rule(Method.CONSECUTIVE, limit=150, count=3)
    first, found = reading_findings(rule, Streak(), [Point(T0, 160.0), Point(T0 + M, 170.0)])
    assert (first.count, breaches(found)) == (2, [])
    second, found = reading_findings(rule, first, [Point(T0 + 2 * M, 155.0), Point(T0 + 3 * M, 151.0)])
    assert breaches(found) == [T0 + 2 * M, T0 + 3 * M]
    reset, found = reading_findings(rule, second, [Point(T0 + 4 * M, 100.0), Point(T0 + 5 * M, 200.0)])
    assert (reset.count, breaches(found)) == (1, [])


def test_consecutive_ignores_old_readings_and_missing_values() -> None:
    rule = Rule(Method.CONSECUTIVE, limit=150, count=2)
    state, _ = reading_findings(rule, Streak(), [Point(T0, 160.0)])
    state, found = reading_findings(
        rule, state, [Point(T0 - M, 10.0), Point(T0 + M, None), Point(T0 + 2 * M, 170.0)]
    )
    assert breaches(found) == [T0 + 2 * M]


def test_flag_held_too_long() -> None:
    rule = Rule(Method.FLAG, minutes=30, flags=frozenset({"D", "M"}))
    points = [Point(T0 + i * 10 * M, None, frozenset({"D"})) for i in range(4)]  # 0, 10, 20, 30 minutes
    state, found = reading_findings(rule, Streak(), points)
    assert breaches(found) == [T0 + 30 * M] and found[-1].since == T0  # one condition, held since T0
    state, found = reading_findings(rule, state, [Point(T0 + 40 * M, 50.0, frozenset({"C"}))])
    assert (state.since, breaches(found), [f.at for f in found]) == (None, [], [T0 + 40 * M])


def test_offline() -> None:
    rule = Rule(Method.OFFLINE, minutes=60)
    now = T0 + 3 * H
    assert offline_finding(rule, None, now) is None  # never heard from: not an outage
    assert offline_finding(rule, now - 61 * M, now) == Finding(now, True, 61.0, since=now - 61 * M)
    assert offline_finding(rule, now - 5 * M, now) == Finding(now - 5 * M, False, 5.0)


def test_silence_counts_only_while_someone_was_watching() -> None:
    """After the platform itself was down, a device is not offline for the hours nobody listened: its
    silence counts from when the watching began, and until it is heard nothing is said of it."""
    rule = Rule(Method.OFFLINE, minutes=60)
    now = T0 + 3 * H
    assert offline_finding(rule, now - 2 * H, now, watching_since=now - 5 * M) is None
    assert offline_finding(rule, now - 2 * H, now, watching_since=now - 61 * M) == Finding(
        now, True, 120.0, since=now - 2 * H
    )
    assert offline_finding(rule, now - 5 * M, now, watching_since=now - 61 * M) == Finding(
        now - 5 * M, False, 5.0
    )


def test_an_alarm_clears_after_the_clean_period_following_its_last_breach() -> None:
    outcome = summarise(
        [Finding(T0, True, 160.0), Finding(T0 + H, True, 190.0), Finding(T0 + 2 * H, False, 90.0)]
    )
    assert (outcome.breach_at, outcome.peak, outcome.latest, outcome.clean_through) == (
        T0 + H,
        190.0,
        190.0,
        T0 + 2 * H,
    )
    assert not clears(outcome.breach_at, outcome.clean_through, 120)
    assert clears(T0 + H, T0 + 3 * H, 120)
    assert summarise([Finding(T0, False), Finding(T0 + H, True, 5.0)]).clean_through is None


def test_the_outcome_says_when_the_latest_breachs_condition_began() -> None:
    held = [Finding(T0 + 2 * H, True, 120.0, since=T0), Finding(T0 + 3 * H, True, 180.0, since=T0)]
    assert summarise(held).since == T0
    assert summarise([Finding(T0, True, 160.0)]).since is None  # an hour's breach stands alone
