"""Assessment scores and ranking on a hand-computed fixture."""

from __future__ import annotations

from decimal import Decimal as D

from heluo.dust.rules.assessment import Scheme, rank, score

SCHEME = Scheme(
    base=D(100),
    per_event={"failed_items": D("0.5"), "overdue_cases": D(2), "alarm_hours": D("0.1"), "enforcement": D(5)},
    caps={"alarm_hours": D(10)},
    clean_bonus=D(3),
)


def test_scores_on_a_hand_computed_fixture() -> None:
    # 洛龙区: 6 failed items (3), 2 overdue cases (4), 37 alarm hours (3.7), 1 measure (5): 100 − 15.7 = 84.3
    luolong = score(
        SCHEME, "洛龙区", {"failed_items": 6, "overdue_cases": 2, "alarm_hours": 37, "enforcement": 1}
    )
    assert luolong.deductions == {"failed_items": D(3), "overdue_cases": D(4), "alarm_hours": D("3.7"),
                                  "enforcement": D(5)}  # fmt: skip
    assert (luolong.bonus, luolong.total) == (D(0), D("84.3"))
    # 涧西区: 250 alarm hours would cost 25, capped at 10: 100 − 10 − 2 = 88
    jianxi = score(SCHEME, "涧西区", {"alarm_hours": 250, "overdue_cases": 1})
    assert (jianxi.deductions["alarm_hours"], jianxi.total) == (D(10), D(88))
    # 西工区: nothing counted: 100 + 3
    xigong = score(SCHEME, "西工区", {"failed_items": 0, "overdue_cases": 0})
    assert (xigong.bonus, xigong.total) == (D(3), D(103))
    # 老城区: 30 overdue cases (60) and 10 measures (50) would go below zero: 0
    laocheng = score(SCHEME, "老城区", {"overdue_cases": 30, "enforcement": 10})
    assert laocheng.total == D(0)
    # A kind the scheme does not weigh deducts nothing.
    assert score(SCHEME, "x", {"patrols": 9}).total == D(100)
    # 瀍河区 ties with 涧西区.
    chanhe = score(SCHEME, "瀍河区", {"overdue_cases": 6})
    ranked = rank([luolong, jianxi, xigong, laocheng, chanhe], key=lambda s: s.subject)
    assert [(r.rank, r.score.subject, r.score.total) for r in ranked] == [
        (1, "西工区", D(103)),
        (2, "涧西区", D(88)),
        (2, "瀍河区", D(88)),
        (4, "洛龙区", D("84.3")),
        (5, "老城区", D(0)),
    ]
