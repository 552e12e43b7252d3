"""Run every benchmark and print one table. Usage: python -m benchmarks [name ...]"""

from __future__ import annotations

import sys

from benchmarks import (
    cases_scan,
    cockpit,
    hj212_codec,
    hj212_receiver,
    ledger_transfer,
    monitoring_pages,
    sparse_sheet,
)

BENCHMARKS = {
    "hj212_codec": hj212_codec.run,
    "hj212_receiver": hj212_receiver.run,
    "hj212_layout": hj212_receiver.layout,
    "hj212_cpu": hj212_receiver.cpu,
    "ledger_transfer": ledger_transfer.run,
    "cases_scan": cases_scan.run,
    "monitoring_pages": monitoring_pages.run,
    "sparse_sheet": sparse_sheet.run,
    "cockpit": cockpit.run,
}


def main(names: list[str]) -> int:
    chosen = names or list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    print(f"{'benchmark':<44} {'figure':>14}  unit")
    print("-" * 72)
    for name in chosen:
        for label, value, unit in BENCHMARKS[name]():
            print(f"{label:<44} {value:>14,.1f}  {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
