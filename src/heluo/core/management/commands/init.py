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

    def handle(self, *args: Any, division: str, admin: str, email: str, **options: Any) -> None:
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
                _account, password = accounts.create_account(
                    operator,
                    username=admin,
                    email=email,
                    display_name=admin,
                    home_division=root,
                    roles=[Role.objects.get(code="city_admin")],
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
        self.stdout.write(
            _("Administrator: %(user)s  temporary password: %(password)s")
            % {"user": admin, "password": password}
        )
        self.stdout.write(_("The password must be changed at the first login."))
        self.stdout.write(
            _(
                "Security policy: level 3 (password rules, expiry, idle timeout, dormant accounts); the administrator enrols an authenticator app at the first login. Serve Heluo over HTTPS only (HELUO_HTTPS=1)."
            )
        )
