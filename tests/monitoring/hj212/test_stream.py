from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from heluo.monitoring.hj212 import (
    CrcForm,
    Frame,
    HJ212Error,
    Reason,
    StreamDecoder,
    build_frame,
    crc_text,
)

from .examples import EXAMPLE_FRAMES, FUZZ, PROPERTY, wire

STREAM = b"".join(wire(frame) for frame in EXAMPLE_FRAMES)


def frames_of(results: list[Frame | HJ212Error]) -> list[str]:
    return [result.raw for result in results if isinstance(result, Frame)]


def errors_of(results: list[Frame | HJ212Error]) -> list[Reason]:
    return [result.reason for result in results if isinstance(result, HJ212Error)]


def feed_all(decoder: StreamDecoder, chunks: list[bytes]) -> list[Frame | HJ212Error]:
    return [result for chunk in chunks for result in decoder.feed(chunk)]


def test_sticky_frames_in_one_chunk_all_decode() -> None:
    assert frames_of(StreamDecoder().feed(STREAM)) == list(EXAMPLE_FRAMES)


def test_bytes_trickled_one_at_a_time_decode() -> None:
    decoder = StreamDecoder()
    assert frames_of(feed_all(decoder, [bytes([byte]) for byte in STREAM])) == list(EXAMPLE_FRAMES)


def test_frame_waits_for_its_last_byte() -> None:
    decoder = StreamDecoder()
    data = wire(EXAMPLE_FRAMES[0])
    assert decoder.feed(data[:-3]) == []
    assert frames_of(decoder.feed(data[-3:])) == [EXAMPLE_FRAMES[0]]


def test_frames_without_crlf_are_split_by_their_length() -> None:
    data = b"".join(frame.encode() for frame in EXAMPLE_FRAMES)
    assert frames_of(StreamDecoder().feed(data)) == list(EXAMPLE_FRAMES)


def test_frame_is_delivered_before_its_crlf_arrives() -> None:
    decoder = StreamDecoder()
    assert frames_of(decoder.feed(EXAMPLE_FRAMES[0].encode())) == [EXAMPLE_FRAMES[0]]
    assert frames_of(decoder.feed(b"\r\n" + wire(EXAMPLE_FRAMES[1]))) == [EXAMPLE_FRAMES[1]]
    assert decoder.stats.skipped_bytes == 0


@PROPERTY
@given(st.lists(st.integers(0, len(STREAM)), max_size=12))
def test_any_split_of_a_stream_yields_the_same_frames(cuts: list[int]) -> None:
    points = [0, *sorted(cuts), len(STREAM)]
    chunks = [STREAM[start:end] for start, end in itertools.pairwise(points)]
    results = feed_all(StreamDecoder(), chunks)
    assert frames_of(results) == list(EXAMPLE_FRAMES)
    assert errors_of(results) == []


def test_garbage_between_frames_is_skipped() -> None:
    data = b"\x00\xffAT+OK\r\n" + wire(EXAMPLE_FRAMES[0]) + b"garbage#" + wire(EXAMPLE_FRAMES[1])
    decoder = StreamDecoder()
    assert frames_of(decoder.feed(data)) == list(EXAMPLE_FRAMES[:2])
    assert decoder.stats.skipped_bytes == 17


@PROPERTY
@given(
    st.lists(st.binary(max_size=40), min_size=len(EXAMPLE_FRAMES), max_size=len(EXAMPLE_FRAMES)), st.data()
)
def test_random_garbage_between_frames_never_loses_a_following_frame(
    garbage: list[bytes], data: st.DataObject
) -> None:
    stream = b"".join(junk + wire(frame) for junk, frame in zip(garbage, EXAMPLE_FRAMES, strict=True))
    cut = data.draw(st.integers(0, len(stream)))
    results = feed_all(StreamDecoder(), [stream[:cut], stream[cut:]])
    assert frames_of(results) == list(EXAMPLE_FRAMES)
    assert all(isinstance(result, HJ212Error) for result in results if not isinstance(result, Frame))


def test_bad_crc_frame_is_refused_and_the_next_frame_decodes() -> None:
    broken = wire(EXAMPLE_FRAMES[0][:-4] + "0000")
    decoder = StreamDecoder()
    results = decoder.feed(broken + wire(EXAMPLE_FRAMES[1]))
    assert errors_of(results) == [Reason.BAD_CRC]
    assert frames_of(results) == [EXAMPLE_FRAMES[1]]
    assert decoder.stats.refused == {Reason.BAD_CRC: 1}


def test_declared_length_too_long_does_not_stall_the_following_frames() -> None:
    overlong = wire("##0900" + EXAMPLE_FRAMES[0][6:])
    decoder = StreamDecoder()
    results = decoder.feed(overlong + wire(EXAMPLE_FRAMES[1]) + wire(EXAMPLE_FRAMES[2]))
    assert errors_of(results) == [Reason.BAD_LENGTH]
    assert frames_of(results) == list(EXAMPLE_FRAMES[1:3])


def test_length_counted_in_characters_is_found_in_the_stream() -> None:
    segment = "QN=20250101000000000;ST=22;CN=3020;PW=1;MN=M1;Flag=4;CP=&&i11001-Info=扬尘超标&&"
    data = segment.encode()
    by_characters = b"##%04d" % len(segment) + data + crc_text(data).encode() + b"\r\n"
    decoder = StreamDecoder()
    results = feed_all(decoder, [by_characters[:60], by_characters[60:] + wire(EXAMPLE_FRAMES[0])])
    assert [result.cn for result in results if isinstance(result, Frame)] == ["3020", "1062"]


def test_stats_count_frames_refusals_and_crc_forms() -> None:
    segment = EXAMPLE_FRAMES[1][6:-4]
    swapped = b"##0139" + segment.encode() + crc_text(segment.encode(), CrcForm.SWAPPED).encode()
    decoder = StreamDecoder(crc_variants={CrcForm.SWAPPED})
    decoder.feed(wire(EXAMPLE_FRAMES[0]) + swapped + b"\r\n" + wire(EXAMPLE_FRAMES[2][:-4] + "FFFF"))
    assert decoder.stats.frames == 2
    assert decoder.stats.crc_forms == {CrcForm.STANDARD: 1, CrcForm.SWAPPED: 1}
    assert decoder.stats.refused == {Reason.BAD_CRC: 1}


def test_peer_sending_much_without_a_frame_is_told_too_long() -> None:
    decoder = StreamDecoder(max_bytes_without_frame=4096)
    results = feed_all(decoder, [b"x" * 1000] * 5)
    assert errors_of(results) == [Reason.TOO_LONG]
    assert frames_of(decoder.feed(wire(EXAMPLE_FRAMES[0]))) == [EXAMPLE_FRAMES[0]]


def test_frame_header_that_never_completes_is_bounded() -> None:
    decoder = StreamDecoder(max_bytes_without_frame=4096)
    results = feed_all(decoder, [b"##9999QN="] + [b"a" * 1000] * 5)
    assert errors_of(results) == [Reason.TOO_LONG]


def test_valid_frames_reset_the_bound() -> None:
    decoder = StreamDecoder(max_bytes_without_frame=1000)
    chunks = [b"x" * 600 + wire(EXAMPLE_FRAMES[0])] * 10
    results = feed_all(decoder, chunks)
    assert errors_of(results) == []
    assert len(frames_of(results)) == 10


def test_megabytes_of_hashes_are_refused() -> None:
    decoder = StreamDecoder()
    results = decoder.feed(b"#" * 5_000_000) + decoder.feed(b"##0001" * 500_000)
    assert Reason.TOO_LONG in errors_of(results)


def test_large_batch_of_frames_decodes_whole() -> None:
    results = StreamDecoder().feed(STREAM * 500)
    assert len(frames_of(results)) == 500 * len(EXAMPLE_FRAMES)


@FUZZ
@given(st.lists(st.binary(max_size=200), max_size=8))
def test_random_chunks_yield_only_frames_and_hj212_errors(chunks: list[bytes]) -> None:
    decoder = StreamDecoder(max_bytes_without_frame=512)
    for result in feed_all(decoder, chunks):
        assert isinstance(result, Frame | HJ212Error)


@FUZZ
@given(st.data())
def test_mutated_streams_yield_only_frames_and_hj212_errors(data: st.DataObject) -> None:
    raw = bytearray(STREAM)
    for _ in range(data.draw(st.integers(1, 6))):
        index = data.draw(st.integers(0, len(raw) - 1))
        raw[index] = data.draw(st.sampled_from(b"#0123456789;=&,\r\n\xe4"))
    cut = data.draw(st.integers(0, len(raw)))
    decoder = StreamDecoder()
    results = feed_all(decoder, [bytes(raw[:cut]), bytes(raw[cut:])])
    assert all(isinstance(result, Frame | HJ212Error) for result in results)
    assert decoder.stats.frames == len(frames_of(results))


def test_split_built_frames_decode_too() -> None:
    frames = [
        build_frame(
            qn=f"2025010100000{index:04d}", st="22", cn="2051", pw="1", mn="M1", flag=6, pnum=3, pno=index
        )
        for index in (1, 2, 3)
    ]
    results = StreamDecoder().feed(b"".join(frames))
    assert [result.pno for result in results if isinstance(result, Frame)] == [1, 2, 3]
