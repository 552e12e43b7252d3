"""`heluo party dues --income AMOUNT --category CATEGORY [--farmer-amount AMOUNT]`: a member's monthly dues
as one JSON object, `{"rate": "0.005", "monthly": "15.00"}` (rate null for a fixed amount; both strings,
monthly with two decimals). A negative or non-numeric income, an unknown category or a farmer amount out of
0.20–1.00 is an error on stderr with a non-zero exit and nothing on stdout."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.party.rules.dues import CATEGORIES, monthly_dues, parse_income

NAME = "dues"
HELP = gettext_lazy("print a member's monthly party dues as JSON")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--income", required=True, help=_("monthly pay after tax, in yuan"))
    # Checked by dues_json rather than argparse's choices, so that every refusal reads the same way.
    parser.add_argument("--category", required=True, help=" | ".join(CATEGORIES))
    parser.add_argument("--farmer-amount", help=_("the branch's monthly amount for farmers (0.20 to 1.00)"))


def dues_json(income: str, category: str, farmer_amount: str | None = None) -> str:
    """The JSON object for the arguments; CommandError with a clear message when they are refused."""
    try:
        farmer = Decimal(farmer_amount) if farmer_amount is not None else None
    except InvalidOperation:
        raise CommandError(_("The farmers' amount must be a number.")) from None
    try:
        amount = monthly_dues(parse_income(income), category, farmer)
    except ValueError as error:
        raise CommandError(str(error)) from None
    return json.dumps(
        {"rate": None if amount.rate is None else str(amount.rate), "monthly": str(amount.monthly)}
    )


def handle(
    command: BaseCommand, *, income: str, category: str, farmer_amount: str | None = None, **options: Any
) -> None:
    command.stdout.write(dues_json(income, category, farmer_amount))
