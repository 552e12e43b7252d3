"""The alliance's matching on a hand-made set: which needs get which resources, in which order, and
why the others are not proposed."""

from __future__ import annotations

import datetime as dt

import pytest

from heluo.party.rules import matching as m
from heluo.party.rules.matching import NeedFact, ResourceFact

# Divisions: 瀍河区 (10) holds 北窑街道 (20), which holds 金家街社区 (31) and 北窑社区 (32); 孟津区 (50).
CHANHE, BEIYAO, JINJIAJIE, BEIYAO_COMMUNITY, MENGJIN = 10, 20, 31, 32, 50
UNDER_JINJIAJIE = (JINJIAJIE, BEIYAO, CHANHE)
UNDER_BEIYAO_COMMUNITY = (BEIYAO_COMMUNITY, BEIYAO, CHANHE)

JAN, JUN, DEC = dt.date(2026, 1, 1), dt.date(2026, 6, 1), dt.date(2026, 12, 31)

RESOURCES = [
    # 1 a clinic in 金家街 itself, 20 places, 5 taken: 15 left
    ResourceFact(1, "medical", JINJIAJIE, capacity=20, taken=5, listed_on=dt.date(2026, 3, 1)),
    # 2 the 正骨医院 in 瀍河区 serving the whole district, 40 left
    ResourceFact(2, "medical", CHANHE, capacity=40, serves=CHANHE, listed_on=dt.date(2026, 2, 1)),
    # 3 a street-level team serving 北窑街道, 40 left, listed earlier than 4
    ResourceFact(3, "medical", BEIYAO, capacity=40, serves=BEIYAO, listed_on=dt.date(2026, 1, 5)),
    # 4 the same as 3 but listed later
    ResourceFact(4, "medical", BEIYAO, capacity=40, serves=BEIYAO, listed_on=dt.date(2026, 1, 9)),
    # 5 volunteers anywhere, plenty
    ResourceFact(5, "medical", MENGJIN, capacity=100, anywhere=True, listed_on=dt.date(2025, 1, 1)),
    # 6 in 孟津区, serving only 孟津区
    ResourceFact(6, "medical", MENGJIN, capacity=100, serves=MENGJIN),
    # 7 legal aid in 金家街: another category
    ResourceFact(7, "legal", JINJIAJIE, capacity=50),
    # 8 in 金家街 but only in the first half of the year
    ResourceFact(
        8, "medical", JINJIAJIE, capacity=50, available_from=JAN, available_until=dt.date(2026, 5, 31)
    ),
    # 9 in 金家街, 12 of 14 taken: 2 left
    ResourceFact(9, "medical", JINJIAJIE, capacity=14, taken=12),
    # 10 in 金家街, withdrawn
    ResourceFact(10, "medical", JINJIAJIE, capacity=50, available=False),
]

# Need 100: 金家街 residents want medical help for 10 people from June on.
NEED = NeedFact(100, "medical", UNDER_JINJIAJIE, size=10, wanted_from=JUN, wanted_until=DEC)


def test_a_need_gets_the_fitting_resources_closest_first_then_most_left_then_oldest() -> None:
    # 1 same division (0); 3 and 4 serve 北窑街道, the first ancestor (2), 40 left each, 3 listed first;
    # 2 serves 瀍河区, the second ancestor (3); 5 anywhere, last though it has the most left.
    assert m.proposals_for(NEED, RESOURCES) == [1, 3, 4, 2, 5]


@pytest.mark.parametrize(
    ("resource_id", "reason"),
    [
        (6, m.PLACE),  # 孟津区 serving 孟津区 only
        (7, m.CATEGORY),
        (8, m.TIME),  # ends 31 May, the need starts 1 June
        (9, m.CAPACITY),  # 2 left for 10 people
        (10, m.NOT_AVAILABLE),
    ],
)
def test_the_others_are_not_proposed_for_a_reason(resource_id: int, reason: str) -> None:
    resource = next(r for r in RESOURCES if r.id == resource_id)
    assert m.why_not(resource, NEED) == reason
    assert reason in m.REASONS


def test_a_need_of_another_street_sees_only_the_district_wide_and_the_anywhere_resources() -> None:
    need = NeedFact(101, "medical", UNDER_BEIYAO_COMMUNITY, size=30)
    # 3 and 4 serve 北窑街道, which holds 北窑社区: they come first; 2 (district) then 5 (anywhere).
    assert m.proposals_for(need, RESOURCES) == [3, 4, 2, 5]


def test_more_capacity_left_ranks_first_among_equally_close_resources() -> None:
    resources = [
        ResourceFact(1, "c", 7, capacity=10, listed_on=dt.date(2020, 1, 1)),
        ResourceFact(2, "c", 7, capacity=30, taken=5, listed_on=dt.date(2024, 1, 1)),
    ]
    assert m.proposals_for(NeedFact(1, "c", (7,), size=10), resources) == [2, 1]


def test_capacity_exactly_enough_is_enough_and_one_short_is_not() -> None:
    exact = ResourceFact(1, "c", 7, capacity=12, taken=2)
    assert m.why_not(exact, NeedFact(1, "c", (7,), size=10)) is None
    assert m.why_not(exact, NeedFact(2, "c", (7,), size=11)) == m.CAPACITY


@pytest.mark.parametrize(
    ("resource_window", "need_window", "overlap"),
    [
        ((JAN, JUN), (JUN, DEC), True),  # sharing one day, 1 June
        ((JAN, dt.date(2026, 5, 31)), (JUN, DEC), False),
        ((None, None), (JUN, DEC), True),  # always available
        ((JUN, None), (None, JAN), False),  # from June on, wanted until January
        ((dt.date(2027, 1, 1), None), (JUN, None), True),
    ],
)
def test_windows_overlap_with_both_ends_included(
    resource_window: tuple[dt.date | None, dt.date | None],
    need_window: tuple[dt.date | None, dt.date | None],
    overlap: bool,
) -> None:
    assert m.windows_overlap(*resource_window, *need_window) is overlap
    assert m.windows_overlap(*need_window, *resource_window) is overlap


def test_propose_covers_open_needs_only_and_skips_rejected_pairs() -> None:
    legal = NeedFact(102, "legal", UNDER_JINJIAJIE, size=5)
    closed = NeedFact(103, "medical", UNDER_JINJIAJIE, size=1, open=False)
    nothing = NeedFact(104, "housing", UNDER_JINJIAJIE, size=1)
    proposals = m.propose([NEED, legal, closed, nothing], RESOURCES, rejected={(100, 3)})
    assert proposals == {100: [1, 4, 2, 5], 102: [7], 104: []}
    assert m.why_not(RESOURCES[2], NEED, rejected={(100, 3)}) == m.REJECTED
    assert m.why_not(RESOURCES[0], closed) == m.NOT_OPEN
