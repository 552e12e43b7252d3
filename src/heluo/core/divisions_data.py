"""Read the vendored Chinese division tables. Pure: no Django, no database (standard library only).

``data/divisions/divisions-2023.tsv.xz`` holds the NBS 2023 statistical division codes (cut-off
2023-06-30) of the whole country, one ``code<TAB>name`` line per division, sorted by code (built
by ``scripts/build_divisions.py``; see ``data/divisions/SOURCE.md``). ``succession.tsv`` is a
hand-kept list of Luoyang divisions that existed before and are gone from that table.

Levels and parents are derived from the 12-digit code alone:

* segments are ``PP CC DD SSS VVV`` (province, city, county, township/street, village);
  the level is the position of the last non-zero segment: 1 province, 2 city/prefecture,
  3 county-level, 4 township/street, 5 community/village;
* the parent is the nearest existing ancestor: the code with its lowest non-zero segment and
  everything below it zeroed, then the next one up, until a code present in the data is found.

Quirks kept as the dataset has them: municipalities have ``市辖区`` city-level rows
(110100000000 北京市/市辖区, parent of 110101000000 东城区); provinces have
``省直辖县级行政区划`` rows (e.g. 419000000000 above 419001000000 济源市); 东莞市, 中山市 and
儋州市 have no county level, so their streets (e.g. 441900003000, level 4) have the city as parent;
functional zones such as 410371000000 洛阳高新技术产业开发区 appear as county-level rows.
"""

from __future__ import annotations

import csv
import lzma
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "divisions"
DIVISIONS_FILE = DATA_DIR / "divisions-2023.tsv.xz"
SUCCESSION_FILE = DATA_DIR / "succession.tsv"

# End offsets of the code segments: province, city, county, township/street, village.
_SEGMENT_ENDS: tuple[int, ...] = (2, 4, 6, 9, 12)
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class DivisionRecord:
    code: str  # 12 digits
    name: str
    level: int  # 1 province .. 5 community/village
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class SuccessionRecord:
    code: str
    name: str
    level: int
    parent_code: str | None
    valid_from: date | None
    valid_to: date
    successor_codes: tuple[str, ...]


def normalize_code(code: str) -> str:
    """Return ``code`` right-padded with zeros to 12 digits (accepts 2/4/6/9/12-digit forms)."""
    code = code.strip()
    if not code.isdigit() or len(code) > 12:
        raise ValueError(f"not a division code: {code!r}")
    return code.ljust(12, "0")


def _level(code: str) -> int:
    """Level of a normalized (12-digit) code; 0 for the all-zero code."""
    if code[9:] != "000":
        return 5
    if code[6:9] != "000":
        return 4
    if code[4:6] != "00":
        return 3
    if code[2:4] != "00":
        return 2
    return 1 if code[:2] != "00" else 0


def level_of(code: str) -> int:
    """Level 1..5 of a division code: the position of its last non-zero segment."""
    level = _level(normalize_code(code))
    if level == 0:
        raise ValueError(f"not a division code: {code!r}")
    return level


def _ancestors(code: str, level: int) -> Iterator[str]:
    previous = code
    for end in reversed(_SEGMENT_ENDS[: level - 1]):
        candidate = code[:end] + "0" * (12 - end)
        if candidate != previous and candidate.strip("0"):
            yield candidate
        previous = candidate


def ancestor_codes(code: str) -> list[str]:
    """Structural ancestors of ``code``, nearest first (existence in the data not checked)."""
    code = normalize_code(code)
    return list(_ancestors(code, level_of(code)))


def _iter_rows(prefix: str, want: set[str]) -> Iterator[tuple[str, str] | str]:
    """Yield (code, name) for codes starting with ``prefix``; also yield, as plain strings,
    the codes of ``want`` found before that range. Stops reading at the end of the range."""
    pb = prefix.encode("ascii")
    want_b = [(c, b"\n" + c.encode("ascii") + b"\t") for c in want]
    rest = b""
    with lzma.open(DIVISIONS_FILE, "rb") as f:
        while chunk := f.read(_CHUNK):
            buf = rest + chunk
            cut = buf.rfind(b"\n") + 1
            lines, rest = buf[:cut], buf[cut:]
            last_start = lines.rfind(b"\n", 0, len(lines) - 1) + 1
            if lines[last_start : last_start + len(pb)] < pb:  # whole chunk before the range
                hay = b"\n" + lines
                yield from (c for c, needle in want_b if needle in hay)
                continue
            for line in lines.splitlines():
                head = line[: len(pb)]
                if head < pb:
                    if line[:12].decode("ascii") in want:
                        yield line[:12].decode("ascii")
                    continue
                if head > pb:
                    return
                code, name = line.decode("utf-8").split("\t")
                yield code, name


def iter_divisions(prefix: str | None = None) -> Iterator[DivisionRecord]:
    """Divisions whose 12-digit code starts with ``prefix`` (all if None), sorted by code.

    ``prefix`` is a raw code prefix, e.g. "41" (Henan), "4103" (Luoyang) or "410311002"
    (开元路街道): pass unpadded codes, since "410300000000" only matches Luoyang itself.
    """
    prefix = (prefix or "").strip()
    if prefix and not prefix.isdigit():
        raise ValueError(f"not a code prefix: {prefix!r}")
    # Ancestors that lie outside the range (before it in sort order) and may be parents.
    outside = {
        a
        for a in (prefix[:end].ljust(12, "0") for end in _SEGMENT_ENDS if end < len(prefix))
        if a.strip("0") and not a.startswith(prefix)
    }
    known: set[str] = set()
    for row in _iter_rows(prefix, outside):
        if isinstance(row, str):
            known.add(row)
            continue
        code, name = row
        level = _level(code)
        parent = next((a for a in _ancestors(code, level) if a in known), None)
        known.add(code)
        yield DivisionRecord(code, name, level, parent)


def find(code: str) -> DivisionRecord | None:
    """The division with exactly this code (any of the 2/4/6/9/12-digit forms), or None."""
    return next(iter_divisions(normalize_code(code)), None)


def short_name(name: str) -> str:
    """Drop the committee suffix of community/village names: 定鼎门社区居民委员会 -> 定鼎门社区."""
    for suffix in ("居民委员会", "村民委员会", "居委会", "村委会"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def iter_succession() -> Iterator[SuccessionRecord]:
    """Rows of ``succession.tsv`` (comment lines start with '#'; the first other line is the header)."""
    with open(SUCCESSION_FILE, encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield SuccessionRecord(
                code=normalize_code(row["code"]),
                name=row["name"],
                level=int(row["level"]),
                parent_code=normalize_code(row["parent_code"]) if row["parent_code"] else None,
                valid_from=date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                valid_to=date.fromisoformat(row["valid_to"]),
                successor_codes=tuple(normalize_code(c) for c in row["successor_codes"].split()),
            )
