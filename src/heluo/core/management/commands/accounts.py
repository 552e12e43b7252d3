"""`heluo accounts disable-dormant`: disable the accounts unused for longer than the security policy allows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.services import identity


class Command(BaseCommand):
    help = _("Accounts: disable the dormant ones (the security policy's dormant account days).")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("disable-dormant", help=_("disable the accounts unused for too long"))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        days = identity.current_policy().dormant_account_days
        if not days:
            self.stdout.write(_("Dormant accounts are not disabled: the security policy sets no period."))
            return
        disabled = identity.disable_dormant_accounts()
        for account in disabled:
            self.stdout.write(_("Disabled %(user)s") % {"user": account.user.get_username()})
        self.stdout.write(
            _("%(count)d dormant accounts disabled (unused for more than %(days)d days).")
            % {"count": len(disabled), "days": days}
        )
