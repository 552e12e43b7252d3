"""What the export, import and import-template commands share: finding the ledger and the acting user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from heluo.core.ledger import LEDGERS, Ledger
from heluo.core.services.accounts import system_operator


def ledger_of(label: str) -> Ledger:
    ledger = LEDGERS.get(label.lower())
    if ledger is None:
        raise CommandError(
            _("Unknown ledger %(label)s. Known: %(known)s")
            % {"label": label, "known": ", ".join(sorted(LEDGERS))}
        )
    return ledger


def acting_user(username: str | None) -> Any:
    """The named user, or the built-in system operator (full scope, recorded as such in the history)."""
    if not username:
        return system_operator()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(_("No active user named %(name)s.") % {"name": username})
    return user
