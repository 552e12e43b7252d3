"""`heluo up`: every Heluo process under one supervisor — the web server (gunicorn) and the task worker."""

from __future__ import annotations

import signal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.demo_accounts import DEMO_PASSWORD, demo_logins
from heluo.core.supervisor import Child, Supervisor, python_command


class Command(BaseCommand):
    help = _(
        "Run Heluo: the web server and the task worker, restarted if they die, stopped cleanly on Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help=_("do not start the task worker"))

    def children(self, host: str, port: int, web_workers: int, no_worker: bool) -> list[Child]:
        children = [
            Child(
                "web",
                python_command(
                    "-m",
                    "gunicorn",
                    "heluo.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(web_workers),
                    "--threads",
                    "4",
                    "--timeout",
                    "120",
                    "--access-logfile",
                    "-",
                ),
            )
        ]
        if not no_worker:
            children.append(Child("worker", python_command("-m", "heluo", "run_huey", "--workers", "2")))
        return children

    def handle(
        self, *args: Any, host: str, port: int, web_workers: int, no_worker: bool, **options: Any
    ) -> None:
        supervisor = Supervisor(self.children(host, port, web_workers, no_worker), log=self.stdout.write)
        signal.signal(signal.SIGINT, supervisor.request_stop)
        signal.signal(signal.SIGTERM, supervisor.request_stop)
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        self.stdout.write(
            _("Heluo is starting on http://%(host)s:%(port)d/ (data in %(dir)s)")
            % {"host": shown_host, "port": port, "dir": settings.DATA_DIR}
        )
        logins = demo_logins()
        if logins:
            self.stdout.write(_("Demo logins (password %(password)s):") % {"password": DEMO_PASSWORD})
            for login in logins:
                self.stdout.write(f"  {login.username:<12} {login.roles} · {login.scope}")
        self.stdout.write(_("Press Ctrl-C to stop."))
        supervisor.run()
