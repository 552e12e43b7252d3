"""Fail when a translation catalogue has an untranslated or fuzzy message, or its compiled .mo differs
from its .po. Run by `make test`; `make messages` refreshes both files."""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def problems_of(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    problems = [f"{po_path}: untranslated: {entry.msgid[:80]!r}" for entry in po.untranslated_entries()]
    problems += [f"{po_path}: fuzzy: {entry.msgid[:80]!r}" for entry in po.fuzzy_entries()]
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [*problems, f"{mo_path} is missing: run `make messages`"]
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_path))}
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    if compiled != source:
        problems.append(f"{mo_path} does not match {po_path}: run `make messages`")
    return problems


def main() -> int:
    problems = [
        p for po in sorted(Path("src/heluo").glob("locale/*/LC_MESSAGES/django.po")) for p in problems_of(po)
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
