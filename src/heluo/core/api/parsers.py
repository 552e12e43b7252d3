"""The API's JSON parser: DRF's, refusing bodies nested deeper than any real request (a list of lists
5,000 deep made Python's parser give up with a RecursionError, a 500) with a 400 that says so."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def depth_of(value: Any) -> int:
    """How deeply lists and objects nest in `value` (0 for a scalar); walked without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(_("The JSON is nested too deeply.")) from error
        if depth_of(data) > MAX_DEPTH:
            raise ParseError(_("The JSON is nested too deeply (at most %(n)d levels).") % {"n": MAX_DEPTH})
        return data
