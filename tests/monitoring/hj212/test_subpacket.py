from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from heluo.monitoring.hj212 import (
    Frame,
    HJ212Error,
    PacketKey,
    Reason,
    SubpacketCollector,
    build_frame,
    parse_frame,
)

from .examples import EXAMPLE_FRAMES, wire

NOW = datetime(2025, 6, 6, 9, 0)


def part(pno: int, pnum: int = 3, *, mn: str = "M1", data_time: str | None = "20250606080000") -> Frame:
    cp = [[("DataTime", data_time)]] if data_time else []
    cp.append([(f"a3400{pno}-Avg", str(pno)), (f"a3400{pno}-Flag", "N")])
    return parse_frame(
        build_frame(
            qn=f"2025060609000{pno:04d}", st="22", cn="2061", pw="1", mn=mn, flag=7, pnum=pnum, pno=pno, cp=cp
        )
    )


def test_frame_that_is_not_split_is_whole_at_once() -> None:
    combined = SubpacketCollector().add(parse_frame(wire(EXAMPLE_FRAMES[2])), NOW)
    assert combined is not None
    assert len(combined.values) == 5


def test_parts_in_any_order_combine_in_pno_order() -> None:
    collector = SubpacketCollector()
    assert collector.add(part(3), NOW) is None
    assert collector.add(part(1), NOW) is None
    combined = collector.add(part(2), NOW)
    assert combined is not None
    assert [frame.pno for frame in combined.frames] == [1, 2, 3]
    assert [value.code for value in combined.values] == ["a34001", "a34002", "a34003"]
    assert combined.key == PacketKey("M1", "2061", "20250606080000")
    assert collector.pending == 0


def test_resent_part_replaces_the_first_copy() -> None:
    collector = SubpacketCollector()
    collector.add(part(1, 2), NOW)
    collector.add(part(1, 2), NOW)
    combined = collector.add(part(2, 2), NOW)
    assert combined is not None and len(combined.frames) == 2


def test_parts_of_different_devices_are_kept_apart() -> None:
    collector = SubpacketCollector()
    collector.add(part(1, 2, mn="A"), NOW)
    assert collector.add(part(2, 2, mn="B"), NOW) is None
    assert collector.pending == 2


def test_parts_without_data_time_are_grouped_by_qn_to_the_second() -> None:
    collector = SubpacketCollector()
    collector.add(part(1, 2, data_time=None), NOW)
    combined = collector.add(part(2, 2, data_time=None), NOW)
    assert combined is not None
    assert combined.key.stem == "20250606090000"


def test_a_new_pnum_restarts_the_group() -> None:
    collector = SubpacketCollector()
    collector.add(part(1, 3), NOW)
    collector.add(part(1, 2), NOW)
    assert collector.add(part(2, 2), NOW) is not None
    assert collector.dropped == 1


def test_pending_groups_are_bounded_and_the_oldest_dropped() -> None:
    collector = SubpacketCollector(max_pending=2)
    for mn in ("A", "B", "C"):
        collector.add(part(1, 2, mn=mn), NOW)
    assert collector.pending == 2
    assert collector.dropped == 1
    assert collector.add(part(2, 2, mn="A"), NOW) is None  # A's first part was dropped
    assert collector.add(part(2, 2, mn="C"), NOW) is not None


def test_expiry_is_driven_by_the_callers_clock() -> None:
    collector = SubpacketCollector(max_age=timedelta(minutes=5))
    collector.add(part(1, 2, mn="A"), NOW)
    collector.add(part(1, 2, mn="B"), NOW + timedelta(minutes=4))
    assert collector.expire(NOW + timedelta(minutes=5)) == []
    assert collector.expire(NOW + timedelta(minutes=6)) == [PacketKey("A", "2061", "20250606080000")]
    assert collector.pending == 1
    assert collector.dropped == 1


def test_part_number_out_of_range_is_refused() -> None:
    with pytest.raises(HJ212Error) as caught:
        SubpacketCollector().add(part(4, 3), NOW)
    assert caught.value.reason is Reason.BAD_SUBPACKET


def test_collector_needs_room_for_one_group() -> None:
    with pytest.raises(ValueError):
        SubpacketCollector(max_pending=0)
