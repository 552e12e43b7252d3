"""`heluo dust penalty --served DATE --rechecked DATE [--rechecked DATE …] --daily AMOUNT`: one count of
按日连续处罚 for an officer to check, printed as one JSON object (days, total in 元)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from heluo.dust.rules.penalty import PenaltyError, penalty_count
from heluo.dust.services.enforcement import penalty_refusal


def _date(option: str, text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("%(option)s: %(text)s is not a date written YYYY-MM-DD.") % {"option": option, "text": text}
        ) from None


def _amount(text: str) -> Decimal:
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CommandError(_("--daily: %(text)s is not an amount in yuan.") % {"text": text}) from None
    if not amount.is_finite() or amount <= 0:
        raise CommandError(_("--daily: the daily amount must be above zero (%(text)s).") % {"text": text})
    return amount


class Command(BaseCommand):
    help = _("Dust control: compute one count of the daily continuous penalty (按日连续处罚).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        penalty = actions.add_parser(
            "penalty", help=_("the days and total of one daily-penalty count, as one JSON object")
        )
        penalty.add_argument("--served", required=True, help=_("the date the order to correct was served"))
        penalty.add_argument(
            "--rechecked", required=True, action="append",
            help=_("the date of a re-inspection that found the breach again (repeat, in order)"),
        )  # fmt: skip
        penalty.add_argument("--daily", required=True, help=_("the daily amount in yuan (the original fine)"))

    def handle(self, *args: Any, action: str, served: str, rechecked: list[str], daily: str,
               **options: Any) -> None:  # fmt: skip
        service = _date("--served", served)
        findings = [_date("--rechecked", text) for text in rechecked]
        try:
            count = penalty_count(service, findings, _amount(daily))
        except PenaltyError as error:
            raise CommandError(penalty_refusal(error)) from None
        total = int(count.total) if count.total == count.total.to_integral_value() else float(count.total)
        self.stdout.write(json.dumps({"days": count.days, "total": total}))
