"""`heluo up`: every Heluo process under one supervisor — each app declares its own (heluo.core.processes):
the web server and the task worker (core), the HJ 212 receiver, the MQTT subscriber and, on a demo
installation, a gentle simulator (monitoring) — restarted if they die, stopped cleanly on Ctrl-C."""

from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.demo_accounts import DEMO_PASSWORD, demo_logins
from heluo.core.processes import declarations, started
from heluo.core.supervisor import Supervisor


class Command(BaseCommand):
    help = _(
        "Run Heluo: the web server, the task worker, the HJ 212 receiver and (with the demo loaded) a monitor "
        "simulator, restarted if they die, stopped cleanly on Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        for declaration in declarations():
            if declaration.add_arguments is not None:
                declaration.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        processes = started(options)
        supervisor = Supervisor([process.child for process in processes], log=self.stdout.write)
        signal.signal(signal.SIGINT, supervisor.request_stop)
        signal.signal(signal.SIGTERM, supervisor.request_stop)
        shown_host = "127.0.0.1" if options["host"] in {"0.0.0.0", "::"} else options["host"]
        self.stdout.write(
            _("Heluo is starting on http://%(host)s:%(port)d/ (data in %(dir)s)")
            % {"host": shown_host, "port": options["port"], "dir": settings.DATA_DIR}
        )
        logins = demo_logins()
        if logins:
            self.stdout.write(_("Demo logins (password %(password)s):") % {"password": DEMO_PASSWORD})
            for login in logins:
                self.stdout.write(f"  {login.username:<12} {login.roles} · {login.scope}")
        for process in processes:
            if process.announce:
                self.stdout.write(process.announce)
        self.stdout.write(_("Press Ctrl-C to stop."))
        supervisor.run()
