"""A sparse .xlsx (a header and one cell at CV400000, a few kB) as an import reads it: Heluo refuses it from
the sheet's declared dimension before any cell is read; calamine alone, as the import read it before, lays
it out as 40 million cells. Each is measured in a fresh process: wall time and peak resident memory.

BENCH_SPARSE_CALAMINE=0 skips the calamine figure (about 10 s and 0.8 GB).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

MEASURE = """
import json, os, resource, sys, time
import django
django.setup()
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if sys.argv[2] == "heluo":
    from heluo.core.tabular.reading import UnreadableFile, read_table
    try:
        read_table("sparse.xlsx", data)
        outcome = "read"
    except UnreadableFile:
        outcome = "refused"
else:
    import io
    from python_calamine import CalamineWorkbook
    CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    outcome = "read"
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "grown_mb": (peak - before) / 1024, "outcome": outcome}))
"""


def sparse_file() -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["名称", "单位类型"])
    sheet.write(399_999, 99, "x")
    book.close()
    return buffer.getvalue()


def _measure(path: Path, reader: str, data_dir: str) -> dict[str, float | str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heluo.settings", "HELUO_DATA_DIR": data_dir}
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), reader],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="heluo-bench-sparse-") as folder:
        path = Path(folder) / "sparse.xlsx"
        path.write_bytes(sparse_file())
        figures: list[tuple[str, float, str]] = [("sparse xlsx: file size", path.stat().st_size / 1024, "kB")]
        heluo = _measure(path, "heluo", folder)
        assert heluo["outcome"] == "refused", heluo
        figures += [
            ("sparse xlsx: Heluo refuses it in", float(heluo["seconds"]) * 1000, "ms"),
            ("sparse xlsx: Heluo memory grown while refusing", float(heluo["grown_mb"]), "MB"),
        ]
        if os.environ.get("BENCH_SPARSE_CALAMINE", "1") != "0":
            raw = _measure(path, "calamine", folder)
            figures += [
                ("sparse xlsx: calamine alone reads it in", float(raw["seconds"]) * 1000, "ms"),
                ("sparse xlsx: calamine alone, memory grown", float(raw["grown_mb"]), "MB"),
            ]
    return figures
