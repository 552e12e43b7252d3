"""The enterprise part of the Luoyang demo: 老城区's economy work as the seed article describes it. Rows the
article does not name are invented and marked demo. Idempotent — a second run creates nothing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from heluo.enterprise.briefings import demo as briefings
from heluo.enterprise.cooperation import demo as cooperation
from heluo.enterprise.finance import demo as finance
from heluo.enterprise.major import demo as major
from heluo.enterprise.parks import demo as parks
from heluo.enterprise.service import demo as service


def load_demo(operator: Any) -> Counter[str]:
    created: Counter[str] = Counter()
    for part in (cooperation, finance, major, briefings, service, parks):
        created += part.load_demo(operator)
    return created
