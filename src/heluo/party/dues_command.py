"""`heluo party dues --income AMOUNT --category CATEGORY`: a member's monthly dues as one JSON object,
`{"rate": "0.005", "monthly": "15.00"}` (rate null for a fixed amount). A negative or non-numeric income
or an unknown category is an error on stderr with a non-zero exit and nothing on stdout."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from heluo.party.rules.dues import CATEGORIES, monthly_dues, parse_income


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--income", required=True, help=_("monthly pay after tax, in yuan"))
    # Checked in dues_json, not by argparse's choices, so that the refusal reads like the others.
    parser.add_argument("--category", required=True, help=" | ".join(CATEGORIES))
    parser.add_argument("--farmer-amount", help=_("the branch's monthly amount for farmers (0.20 to 1.00)"))


def dues_json(income: str, category: str, farmer_amount: str | None = None) -> str:
    """The JSON line for the arguments; CommandError with a clear message when they are refused."""
    try:
        amount = monthly_dues(
            parse_income(income), category, Decimal(farmer_amount) if farmer_amount is not None else None
        )
    except (ValueError, ArithmeticError) as error:
        raise CommandError(str(error)) from None
    rate = None if amount.rate is None else str(amount.rate)
    return json.dumps({"rate": rate, "monthly": str(amount.monthly)})


def handle(options: dict[str, Any], stdout: Any) -> None:
    stdout.write(dues_json(options["income"], options["category"], options.get("farmer_amount")))
