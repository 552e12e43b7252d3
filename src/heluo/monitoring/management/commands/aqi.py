"""`heluo aqi --date YYYY-MM-DD [--pm25 X] [--pm10 Y]`: the AQI of HJ 633 for the date's standard, as
one JSON object (standard, aqi, level, category, primary, iaqi per pollutant given)."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from heluo.monitoring import aqi


def _concentration(text: str | None, name: str) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        raise CommandError(_("%(name)s: %(text)s is not a number.") % {"name": name, "text": text}) from None
    if not math.isfinite(value):
        raise CommandError(_("%(name)s: %(text)s is not a number.") % {"name": name, "text": text})
    if value < 0:
        raise CommandError(
            _("%(name)s: a concentration cannot be negative (%(text)s).") % {"name": name, "text": text}
        )
    return value


class Command(BaseCommand):
    help = _(
        "The air quality index (HJ 633: the 2012 breakpoints before 2026-03-01, the 2026 ones from then on) "
        "of PM2.5 and PM10 concentrations in µg/m³, printed as one JSON object."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", required=True, help=_("the date of the data, YYYY-MM-DD (chooses the standard)")
        )
        parser.add_argument("--pm25", help=_("PM2.5 in µg/m³"))
        parser.add_argument("--pm10", help=_("PM10 in µg/m³"))

    def handle(self, *args: Any, date: str, pm25: str | None, pm10: str | None, **options: Any) -> None:
        try:
            day = _date(date)
        except ValueError:
            raise CommandError(
                _("--date: %(text)s is not a date written YYYY-MM-DD.") % {"text": date}
            ) from None
        values = {"pm25": _concentration(pm25, "--pm25"), "pm10": _concentration(pm10, "--pm10")}
        if all(value is None for value in values.values()):
            raise CommandError(_("Give --pm25, --pm10 or both."))
        result = aqi.aqi(values, day)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))


def _date(text: str) -> date:
    if len(text) != 10:
        raise ValueError(text)
    return date.fromisoformat(text)
