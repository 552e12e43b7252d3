"""Monitoring's part of `heluo up` (heluo.core.processes): the HJ 212 receiver and its hooks worker, the
MQTT subscriber when HELUO_MQTT_URL is set and, on a demo installation, a gentle simulator of the demo
monitors."""

from __future__ import annotations

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.core.processes import Options, ProcessDeclaration, Started
from heluo.core.supervisor import Child, python_command
from heluo.monitoring.conf import mqtt_url


def _arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--hj212-host", default="127.0.0.1", help=gettext_lazy("address of the HJ 212 receiver")
    )
    parser.add_argument(
        "--hj212-port", type=int, default=9212, help=gettext_lazy("port of the HJ 212 receiver")
    )
    parser.add_argument(
        "--no-receiver", action="store_true", help=gettext_lazy("do not start the HJ 212 receiver")
    )
    parser.add_argument(
        "--hj212-receivers",
        type=int,
        default=1,
        help=gettext_lazy("HJ 212 receiver processes sharing the port (SO_REUSEPORT), one per core at most"),
    )
    parser.add_argument(
        "--no-simulator", action="store_true", help=gettext_lazy("do not simulate the demo monitors")
    )


def demo_monitors() -> int:
    from heluo.monitoring.models import Monitor

    return Monitor.objects.filter(is_demo=True, active=True).count()


def _processes(options: Options) -> list[Started]:
    processes = []
    if mqtt_url():
        # Frames over MQTT: the same storage as the receiver's, acknowledged after commit.
        processes.append(
            Started(
                Child("hj212-mqtt", python_command("-m", "heluo", "hj212", "mqtt")),
                _("MQTT subscriber for HJ 212 frames (HELUO_MQTT_URL)."),
            )
        )
    if options.get("no_receiver"):
        return processes
    host, port = options["hj212_host"], options["hj212_port"]
    receiver = python_command("-m", "heluo", "hj212", "serve", "--host", host, "--port", str(port))
    count = options.get("hj212_receivers", 1)
    if count < 1:
        raise CommandError(_("--hj212-receivers must be 1 or more."))
    if count == 1:
        children = [Child("hj212-receiver", receiver)]
    else:
        children = [Child(f"hj212-receiver-{n}", [*receiver, "--reuse-port"]) for n in range(1, count + 1)]
    for child in children:
        processes.append(
            Started(child, _("HJ 212 receiver on %(host)s:%(port)d") % {"host": host, "port": port})
        )
    # The rollups and alarms of what the receiver stores, in their own process (services.outbox).
    processes.append(
        Started(
            Child("hj212-worker", python_command("-m", "heluo", "hj212", "worker")),
            _("Rollups and alarms of the frames received."),
        )
    )
    # Only demo monitors are simulated: a real installation's devices must never get invented data.
    simulated = 0 if options.get("no_simulator") else demo_monitors()
    if simulated:
        # Gentle: one frame a minute from each demo monitor, in real time. Every one of them, or those
        # left out would go offline and raise an alarm each.
        target = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        argv = ["hj212", "simulate", "--demo", "--stations", str(simulated), "--rate"]
        argv += [f"{1 / 60:.6f}", "--host", target, "--port", str(port)]
        processes.append(
            Started(
                Child("hj212-simulator", python_command("-m", "heluo", *argv)),
                _("Simulating %(count)d demo monitors.") % {"count": simulated},
            )
        )
    return processes


MONITORING = ProcessDeclaration("monitoring", _processes, _arguments, order=30)
