"""The points of hand-made years against hand-computed totals, caps, base once, and rankings (1, 1, 3)."""

from decimal import Decimal

import pytest

from heluo.party.rules.points import Fact, Ranked, Rule, Totals, rank, year_totals

D = Decimal

SCHEME = {
    rule.code: rule
    for rule in (
        Rule("base", "base", D("20")),
        Rule("meeting_attended", "task", D("2")),
        Rule("study_hour", "task", D("1"), unit="hour"),
        Rule("activity_hour", "task", D("1"), unit="hour", yearly_cap=D("30")),
        Rule("volunteer_task", "task", D("3")),
        Rule("bonus", "bonus", D("1"), yearly_cap=D("10")),
        Rule("deduction", "deduction", D("1")),
    )
}


def test_a_hand_made_year_equals_the_hand_computed_totals():
    facts = [
        Fact("base"),
        *[Fact("meeting_attended") for _ in range(9)],  # 9 × 2 = 18
        Fact("study_hour", D("12.5")),  # 12.5
        Fact("study_hour", D("3")),  # 3 → study 15.5
        Fact("activity_hour", D("20")),
        Fact("activity_hour", D("16")),  # 36 hours, capped at 30
        Fact("volunteer_task", D("2")),  # 6
        Fact("bonus", points=D("6")),
        Fact("bonus", points=D("7")),  # 13, capped at 10
        Fact("deduction", points=D("5")),  # −5
    ]
    totals = year_totals(SCHEME, facts)
    assert totals.by_rule == {
        "base": D("20"),
        "meeting_attended": D("18"),
        "study_hour": D("15.5"),
        "activity_hour": D("30"),
        "volunteer_task": D("6"),
        "bonus": D("10"),
        "deduction": D("-5"),
    }
    assert totals.by_category == {"base": D("20"), "task": D("69.5"), "bonus": D("10"), "deduction": D("-5")}
    assert totals.total == D("94.5")  # 20 + 18 + 15.5 + 30 + 6 + 10 − 5


def test_base_points_count_once_a_year_however_many_base_entries():
    assert year_totals(SCHEME, [Fact("base"), Fact("base"), Fact("base", D("3"))]).total == D("20")


def test_an_empty_year_is_zero_in_every_category():
    assert year_totals(SCHEME, []) == Totals(
        by_rule={},
        by_category={"base": D("0"), "task": D("0"), "bonus": D("0"), "deduction": D("0")},
        total=D("0"),
    )


def test_a_year_can_end_below_zero_by_deductions():
    assert year_totals(SCHEME, [Fact("deduction", points=D("8"))]).total == D("-8")


def test_hours_are_counted_to_the_hundredth_half_up():
    scheme = {"h": Rule("h", "task", D("0.5"), unit="hour")}
    assert year_totals(scheme, [Fact("h", D("1.25"))]).total == D("0.63")  # 0.625 → 0.63


def test_a_fact_outside_the_scheme_is_refused():
    with pytest.raises(ValueError, match="不在积分方案中"):
        year_totals(SCHEME, [Fact("unknown")])


@pytest.mark.parametrize("fact", [Fact("study_hour", D("-1")), Fact("deduction", points=D("-3"))])
def test_negative_quantities_and_points_are_refused(fact):
    with pytest.raises(ValueError):
        year_totals(SCHEME, [fact])


def test_rankings_share_a_rank_on_a_tie_and_skip_the_next():
    totals = {11: D("80"), 12: D("95"), 13: D("80"), 14: D("60"), 15: D("95"), 16: D("80")}
    assert rank(totals) == [
        Ranked(1, 12, D("95")),
        Ranked(1, 15, D("95")),
        Ranked(3, 11, D("80")),
        Ranked(3, 13, D("80")),
        Ranked(3, 16, D("80")),
        Ranked(6, 14, D("60")),
    ]


def test_ranking_nobody_is_empty():
    assert rank({}) == []
