"""Frames out of a TCP byte stream: sticky and split packets, garbage, and peers that never stop.

A frame is found by `##` + 4 length digits and taken whole (never split on CRLF alone). After garbage
or a refused frame the decoder resynchronises on the next `##`. Work is linear in the bytes received:
the buffer is a bytearray searched with `find`, and consumed bytes are cut once per `feed`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from .crc import CrcForm
from .errors import HJ212Error, Reason
from .model import Frame
from .parse import parse_frame
from .sm4 import Sm4Cipher

# Above the largest frame 4 length digits allow, even when they count 4-byte characters.
DEFAULT_MAX_BYTES_WITHOUT_FRAME = 64 * 1024
_HEADER_BYTES = 6  # "##" + 4 length digits
_CRC_BYTES = 4


@dataclass
class StreamStats:
    frames: int = 0
    refused: Counter[Reason] = field(default_factory=Counter)
    crc_forms: Counter[CrcForm] = field(default_factory=Counter)
    skipped_bytes: int = 0  # bytes outside any `##`+length candidate, dropped without an error


class _Garbage:
    """`##` not followed by length digits: skipped like any byte before a frame."""


_GARBAGE = _Garbage()


@dataclass(frozen=True, slots=True)
class _Wait:
    needed: int  # the stream offset the buffer must reach before the candidate can be decided


_Outcome = tuple[Frame, int] | HJ212Error | _Garbage | _Wait  # a frame comes with its end in the buffer


class StreamDecoder:
    """One per connection. `feed` returns the frames and refusals completed by each chunk, in order.

    A `too_long` error means `max_bytes_without_frame` bytes arrived without one good frame: the buffer
    is dropped and the caller should close the connection.
    """

    def __init__(
        self,
        *,
        crc_variants: Collection[CrcForm] = (),
        ciphers: Mapping[str, Sm4Cipher] | None = None,
        max_bytes_without_frame: int = DEFAULT_MAX_BYTES_WITHOUT_FRAME,
    ) -> None:
        self.crc_variants = crc_variants
        self.ciphers = ciphers
        self.max_bytes_without_frame = max_bytes_without_frame
        self.stats = StreamStats()
        self._buffer = bytearray()
        self._base = 0  # stream offset of _buffer[0]; every offset kept below is a stream offset
        self._last_frame_end = 0
        self._head_wait: tuple[int, int] | None = None  # (start, needed) of the candidate waited for
        # Look-ahead past a waiting candidate, so a wrong length cannot hold back the frames behind it.
        # Each `##` is classified once, then again only when the bytes it waits for have arrived.
        self._scanned = 0
        self._ahead_waiting: list[tuple[int, int]] = []  # heap of (needed, start)
        self._ahead_valid: list[int] = []  # heap of starts of complete, valid frames

    def feed(self, chunk: bytes) -> list[Frame | HJ212Error]:
        self._buffer += chunk
        out: list[Frame | HJ212Error] = []
        pos = self._scan(out)
        del self._buffer[:pos]
        self._base += pos
        if self._end - self._last_frame_end > self.max_bytes_without_frame:
            self._give_up(out)
        return out

    @property
    def _end(self) -> int:
        return self._base + len(self._buffer)

    def _scan(self, out: list[Frame | HJ212Error]) -> int:
        """Decode what the buffer holds; returns how many leading bytes are consumed."""
        buffer, pos = self._buffer, 0
        if self._base == self._last_frame_end:
            pos = self._skip_line_end(0)  # the CRLF of a frame delivered by the previous chunk
            self._last_frame_end = self._base + pos
        while True:
            start = buffer.find(b"##", pos)
            if start < 0:
                keep = 1 if buffer.endswith(b"#") else 0  # may be the first half of the next `##`
                end = max(pos, len(buffer) - keep)
                self.stats.skipped_bytes += end - pos
                return end
            self.stats.skipped_bytes += start - pos
            if self._base + start - self._last_frame_end > self.max_bytes_without_frame:
                return len(buffer)  # feed() reports too_long; no point decoding the rest
            outcome = self._decide_head(start)
            if isinstance(outcome, _Wait):
                later = self._look_ahead(start)
                if later is None:
                    return start
                self._refuse(out, HJ212Error(Reason.BAD_LENGTH, "declared length runs into a later frame"))
                pos = later - self._base
            elif isinstance(outcome, _Garbage):
                self.stats.skipped_bytes += 1
                pos = start + 1
            elif isinstance(outcome, HJ212Error):
                self._refuse(out, outcome)
                pos = start + 1
            else:
                frame, end = outcome
                out.append(frame)
                self.stats.frames += 1
                self.stats.crc_forms[frame.crc_form] += 1
                pos = self._skip_line_end(end)
                self._last_frame_end = self._base + pos

    def _decide_head(self, pos: int) -> _Outcome:
        start = self._base + pos
        if self._head_wait is not None and self._head_wait[0] == start and self._end < self._head_wait[1]:
            return _Wait(self._head_wait[1])  # nothing new to decide on: do not parse it again
        outcome = self._frame_at(pos)
        self._head_wait = (start, outcome.needed) if isinstance(outcome, _Wait) else None
        return outcome

    def _frame_at(self, pos: int) -> _Outcome:
        buffer = self._buffer
        digits = bytes(buffer[pos + 2 : pos + _HEADER_BYTES])
        if digits and not digits.isdigit():
            return _GARBAGE
        if len(digits) < 4:
            return _Wait(self._base + pos + _HEADER_BYTES)
        length = int(digits)
        end = pos + _HEADER_BYTES + length + _CRC_BYTES
        if len(buffer) < end:
            return _Wait(self._base + end)
        first = self._parse(pos, end)
        if isinstance(first, Frame):
            return first, end
        if buffer[pos + _HEADER_BYTES : pos + _HEADER_BYTES + length].isascii():
            return first
        # Non-ASCII: the length may count characters, which ends the frame later.
        char_end = self._character_end(pos, length)
        if isinstance(char_end, _Wait):
            return char_end
        second = self._parse(pos, char_end)
        return (second, char_end) if isinstance(second, Frame) else first

    def _character_end(self, pos: int, length: int) -> int | _Wait:
        start = pos + _HEADER_BYTES
        window = bytes(self._buffer[start : start + 4 * length])
        # surrogateescape keeps one character per undecodable byte, so re-encoding gives exact offsets.
        text = window.decode("utf-8", errors="surrogateescape")
        if len(window) < 4 * length and len(text) < length + 3:
            # The last characters may still be arriving; each byte adds at most one character.
            return _Wait(self._base + start + len(window) + length + 3 - len(text))
        end = start + len(text[:length].encode("utf-8", errors="surrogateescape")) + _CRC_BYTES
        return end if end <= len(self._buffer) else _Wait(self._base + end)

    def _parse(self, start: int, end: int) -> Frame | HJ212Error:
        try:
            return parse_frame(
                bytes(self._buffer[start:end]), crc_variants=self.crc_variants, ciphers=self.ciphers
            )
        except HJ212Error as error:
            return error

    def _look_ahead(self, head: int) -> int | None:
        """The stream offset of the first complete, valid frame after the waiting candidate at `head`."""
        head_start = self._base + head
        position = max(self._scanned - self._base, head + 1)
        while (position := self._buffer.find(b"##", position)) >= 0:
            self._classify(self._base + position)
            position += 1
        self._scanned = max(self._end - 1, head_start + 1)  # the last byte may begin a `##`
        while self._ahead_waiting and self._ahead_waiting[0][0] <= self._end:
            _, start = heapq.heappop(self._ahead_waiting)
            if start > head_start:
                self._classify(start)
        while self._ahead_valid and self._ahead_valid[0] <= head_start:
            heapq.heappop(self._ahead_valid)
        return self._ahead_valid[0] if self._ahead_valid else None

    def _classify(self, start: int) -> None:
        outcome = self._frame_at(start - self._base)
        if isinstance(outcome, _Wait):
            heapq.heappush(self._ahead_waiting, (outcome.needed, start))
        elif isinstance(outcome, tuple):
            heapq.heappush(self._ahead_valid, start)

    def _skip_line_end(self, pos: int) -> int:
        buffer = self._buffer
        while pos < len(buffer) and buffer[pos] in b"\r\n":
            pos += 1
        return pos

    def _refuse(self, out: list[Frame | HJ212Error], error: HJ212Error) -> None:
        out.append(error)
        self.stats.refused[error.reason] += 1

    def _give_up(self, out: list[Frame | HJ212Error]) -> None:
        self._refuse(
            out,
            HJ212Error(
                Reason.TOO_LONG, f"more than {self.max_bytes_without_frame} bytes without a valid frame"
            ),
        )
        self._base += len(self._buffer)
        self._buffer.clear()
        self._last_frame_end = self._scanned = self._base
        self._head_wait = None
        self._ahead_waiting.clear()
        self._ahead_valid.clear()
