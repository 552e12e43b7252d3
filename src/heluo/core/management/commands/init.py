"""`heluo init --division CODE --admin USERNAME`: a real, empty installation of any city or county."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from heluo.core import divisions_data
from heluo.core.divisions_data import normalize_code
from heluo.core.models import Account, Division, Role
from heluo.core.services import accounts, divisions, identity


class Command(BaseCommand):
    help = _(
        "Start a real installation: load the division tree under CODE and create the first administrator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--division", required=True, help=_("division code, e.g. 410300 for Luoyang"))
        parser.add_argument("--admin", required=True, help=_("user name of the first administrator"))
        parser.add_argument("--email", default="", help=_("the administrator's e-mail address"))
        parser.add_argument(
            "--security-admin",
            default="security",
            help=_("user name of the security administrator (三员分立)"),
        )
        parser.add_argument(
            "--audit-admin", default="audit", help=_("user name of the audit administrator (三员分立)")
        )

    def handle(
        self,
        *args: Any,
        division: str,
        admin: str,
        email: str,
        security_admin: str,
        audit_admin: str,
        **options: Any,
    ) -> None:
        names = [admin, security_admin, audit_admin]
        if len(set(names)) < len(names):
            raise CommandError(_("The three administrators need three different user names."))
        # A wrong code is refused before anything is written (migrating a new installation takes a minute).
        try:
            known = divisions_data.find(division) is not None
        except ValueError:
            known = False
        if not known:
            raise CommandError(_("Division %(code)s is not in the division dataset.") % {"code": division})
        call_command("migrate", interactive=False, verbosity=0)
        if Account.objects.filter(is_system=False).exists():
            raise CommandError(
                _("This installation already has accounts: heluo init runs only on an empty one.")
            )
        operator = accounts.system_operator()
        try:
            with transaction.atomic():
                report = divisions.load_divisions(division, user=operator)
                root = Division.objects.get(code=normalize_code(division))
                # 三员分立: the first administrator keeps the accounts (and the city's ledgers), the other two
                # the roles and policy, and the audit trail. No superuser is made.
                passwords = {}
                for username, role_codes in (
                    (admin, ["city_admin", "system_admin"]),
                    (security_admin, ["security_admin"]),
                    (audit_admin, ["audit_admin"]),
                ):
                    _account, passwords[username] = accounts.create_account(
                        operator,
                        username=username,
                        email=email if username == admin else "",
                        display_name=username,
                        home_division=root,
                        roles=list(Role.objects.filter(code__in=role_codes)),
                    )
                identity.apply_level_three()
        except ValueError as error:
            raise CommandError(
                _("Division %(code)s is not in the division dataset.") % {"code": division}
            ) from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            _("Loaded %(created)d divisions under %(name)s (%(historic)d historic).")
            % {"created": report.created, "name": root.name, "historic": report.historic}
        )
        for username, label in (
            (admin, _("Administrator")),
            (security_admin, _("Security administrator")),
            (audit_admin, _("Audit administrator")),
        ):
            self.stdout.write(
                _("%(role)s: %(user)s  temporary password: %(password)s")
                % {"role": label, "user": username, "password": passwords[username]}
            )
        self.stdout.write(_("The password must be changed at the first login."))
        self.stdout.write(
            _(
                "Security policy: level 3 (password rules, expiry, idle timeout, dormant accounts); the administrator enrols an authenticator app at the first login. Serve Heluo over HTTPS only (HELUO_HTTPS=1)."
            )
        )
