"""The art. 9 flag with fake providers: any one kind idle for six whole months flags the member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator

import pytest

from heluo.party.activity import register_participation, registered, unregister_participation
from heluo.party.services.members import members_to_follow_up, roll

from . import factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 7, 10)


@pytest.fixture
def providers() -> Iterator[dict[str, dict[int, set[dt.date]]]]:
    data: dict[str, dict[int, set[dt.date]]] = {"life": {}, "dues": {}}
    saved = registered()
    for part in saved:  # only the fakes: the kinds the other parts register (work, …) are not under test
        unregister_participation(part.kind)
    for kind in data:

        def provide(
            ids: Collection[int], start: dt.date, end: dt.date, kind: str = kind
        ) -> dict[int, set[dt.date]]:
            assert (start, end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
            return {pk: months for pk, months in data[kind].items() if pk in ids}

        register_participation(kind, kind, provide)
    yield data
    for kind in data:
        unregister_participation(kind)
    for part in saved:
        register_participation(part.kind, part.label, part.provider)


def test_members_to_follow_up(providers) -> None:
    branch = f.organisation()
    active, no_dues, _idle, new = (f.member(branch, name=n) for n in ("甲", "乙", "丙", "丁"))
    new.joined_on = dt.date(2026, 3, 1)
    new.save()
    every = {dt.date(2026, m, 1) for m in range(1, 7)}
    providers["life"].update({active.pk: every, no_dues.pk: {dt.date(2026, 6, 1)}})
    providers["dues"].update({active.pk: {dt.date(2026, 1, 1), dt.date(2026, 6, 1)}})
    flagged = {m.name: fu.kinds for m, fu in members_to_follow_up(roll(branch), DAY)}
    assert flagged == {"乙": ("dues",), "丙": ("life", "dues")}
