"""Fail when a translation catalogue has an untranslated or fuzzy message, a Chinese message with
half-width punctuation (：；，（） in Chinese text), or its compiled .mo differs from its .po. Run by
`make test`; `make messages` refreshes both files."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polib

# A Chinese character or full-width mark beside a half-width : ; , ( or ): the mark should be full-width.
# Placeholders (%(name)s), times (09:00), addresses (host:port) and literal values stay as they are.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”、"
_HALF_WIDTH = re.compile(f"[{_CJK}][:;,()]|[:;,()][{_CJK}]")
_LITERAL = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|\S*://[^\s（）]*")


def half_width_in_chinese(text: str) -> bool:
    return bool(_HALF_WIDTH.search(_LITERAL.sub("X", text)))


def problems_of(po_path: Path) -> list[str]:
    po = polib.pofile(str(po_path))
    problems = [f"{po_path}: untranslated: {entry.msgid[:80]!r}" for entry in po.untranslated_entries()]
    problems += [f"{po_path}: fuzzy: {entry.msgid[:80]!r}" for entry in po.fuzzy_entries()]
    if po_path.parent.parent.name.startswith("zh"):
        problems += [
            f"{po_path}: half-width punctuation in Chinese: {entry.msgstr[:80]!r}"
            for entry in po.translated_entries()
            if any(half_width_in_chinese(text) for text in [entry.msgstr, *entry.msgstr_plural.values()])
        ]
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
