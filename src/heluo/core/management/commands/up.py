"""`heluo up`: every Heluo process under one supervisor — the web server (gunicorn), the task worker,
the HJ 212 receiver, the MQTT subscriber when HELUO_MQTT_URL is set and, on a demo installation, a
gentle simulator of the demo monitors."""

from __future__ import annotations

import os
import signal
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from heluo.core.demo_accounts import DEMO_PASSWORD, demo_logins
from heluo.core.supervisor import Child, Supervisor, python_command


class Command(BaseCommand):
    help = _(
        "Run Heluo: the web server, the task worker, the HJ 212 receiver and (with the demo loaded) a monitor "
        "simulator, restarted if they die, stopped cleanly on Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help=_("do not start the task worker"))
        parser.add_argument("--hj212-host", default="127.0.0.1", help=_("address of the HJ 212 receiver"))
        parser.add_argument("--hj212-port", type=int, default=9212, help=_("port of the HJ 212 receiver"))
        parser.add_argument("--no-receiver", action="store_true", help=_("do not start the HJ 212 receiver"))
        parser.add_argument(
            "--no-simulator", action="store_true", help=_("do not simulate the demo monitors")
        )

    def children(
        self,
        host: str,
        port: int,
        web_workers: int,
        no_worker: bool,
        hj212: tuple[str, int] | None = None,
        simulate: int = 0,
        mqtt: bool = False,
    ) -> list[Child]:
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
        if mqtt:
            # Frames over MQTT (HELUO_MQTT_URL): the same storage as the receiver's, acknowledged after commit.
            children.append(Child("hj212-mqtt", python_command("-m", "heluo", "hj212", "mqtt")))
        if hj212 is not None:
            receiver_host, receiver_port = hj212
            children.append(
                Child(
                    "hj212-receiver",
                    python_command(
                        "-m", "heluo", "hj212", "serve", "--host", receiver_host, "--port", str(receiver_port)
                    ),
                )
            )
            if simulate:
                # Gentle: one frame a minute from each demo monitor, in real time. Every one of them, or
                # those left out would go offline and raise an alarm each.
                target = "127.0.0.1" if receiver_host in {"0.0.0.0", "::"} else receiver_host
                argv = ["hj212", "simulate", "--demo", "--stations", str(simulate), "--rate"]
                argv += [f"{1 / 60:.6f}", "--host", target, "--port", str(receiver_port)]
                children.append(Child("hj212-simulator", python_command("-m", "heluo", *argv)))
        return children

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        web_workers: int,
        no_worker: bool,
        hj212_host: str,
        hj212_port: int,
        no_receiver: bool,
        no_simulator: bool,
        **options: Any,
    ) -> None:
        from heluo.monitoring.models import Monitor  # imported here: core does not depend on monitoring

        hj212 = None if no_receiver else (hj212_host, hj212_port)
        # Only demo monitors are simulated: a real installation's devices must never get invented data.
        simulate = (
            Monitor.objects.filter(is_demo=True, active=True).count()
            if hj212 is not None and not no_simulator
            else 0
        )
        mqtt = bool(os.environ.get("HELUO_MQTT_URL", "").strip())
        children = self.children(host, port, web_workers, no_worker, hj212, simulate, mqtt)
        supervisor = Supervisor(children, log=self.stdout.write)
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
        if hj212 is not None:
            self.stdout.write(
                _("HJ 212 receiver on %(host)s:%(port)d") % {"host": hj212_host, "port": hj212_port}
            )
        if simulate:
            self.stdout.write(_("Simulating %(count)d demo monitors.") % {"count": simulate})
        if mqtt:
            self.stdout.write(_("MQTT subscriber for HJ 212 frames (HELUO_MQTT_URL)."))
        self.stdout.write(_("Press Ctrl-C to stop."))
        supervisor.run()
