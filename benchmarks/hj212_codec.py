"""The pure HJ 212 codec on one core: CRC, frame parsing and stream decoding of a realistic dust frame.

The ratio row compares parsing with the CRC alone over the same bytes, in the same run: it says how
much of a frame's cost is the checksum (the part a compiled CRC would remove)."""

from __future__ import annotations

import time
from collections.abc import Callable

from heluo.monitoring.hj212 import StreamDecoder, build_frame, crc16, parse_frame

FRAMES = 20_000


def _dust_frame(n: int) -> bytes:
    factors = [
        ("a34002", f"{60 + n % 40}.1"), ("a34004", f"{30 + n % 20}.4"), ("a34001", "120.0"), ("LA", "55.2"),
        ("a01007", "1.8"), ("a01008", "135"), ("a01001", "17.5"), ("a01002", "62"), ("a01006", "100.2"),
    ]  # fmt: skip
    cp = [[("DataTime", f"20261125{n % 24:02d}0000")]]
    cp += [[(f"{code}-Rtd", value), (f"{code}-Flag", "N")] for code, value in factors]
    mn = f"4103000000{n % 200:04d}"
    return build_frame(
        st="39", cn="2011", mn=mn, pw="123456", qn=f"20261125100000{n % 1000:03d}", flag=5, cp=cp
    )


def _rate(work: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = work()
    return count / (time.perf_counter() - started)


def run() -> list[tuple[str, float, str]]:
    frames = [_dust_frame(n) for n in range(FRAMES)]
    stream = b"".join(frames)
    segments = [frame[6:-6] for frame in frames]
    crc_rate = _rate(lambda: sum(1 for s in segments if crc16(s) >= 0))
    parse_rate = _rate(lambda: sum(1 for f in frames if parse_frame(f)))
    stream_rate = _rate(lambda: len(StreamDecoder().feed(stream)))
    size = sum(len(f) for f in frames) / len(frames)
    return [
        (f"hj212 CRC16 ({size:.0f}-byte frame)", crc_rate, "frames/s"),
        ("hj212 parse_frame", parse_rate, "frames/s"),
        ("hj212 StreamDecoder.feed (one 8 MB chunk)", stream_rate, "frames/s"),
        ("hj212 parse cost ÷ CRC cost", crc_rate / parse_rate, "ratio"),
    ]
