"""`heluo hj212 decode|serve|simulate|export|log|partitions|mqtt|worker|rollups|retention`: thin shells
over the protocol package, the receiver, the simulator, the MQTT subscriber and monitoring's services. Times on
the command line, in and out, are Beijing time written as in the frames: YYYYMMDDhhmmss."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import threading
import time
from contextlib import ExitStack, suppress
from typing import Any, BinaryIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.monitoring import demo, services
from heluo.monitoring import receiver as receiver_module
from heluo.monitoring.conf import ingest_settings, mqtt_url
from heluo.monitoring.hj212 import CrcForm, Sm4Cipher, decode_lines, redact_password
from heluo.monitoring.models import Monitor
from heluo.monitoring.simulation import Episode, StationProfile
from heluo.monitoring.simulator import Simulator


def _event_loop_run(coroutine: Any) -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def demo_episodes(out: Any, profiles: list[StationProfile]) -> dict[str, tuple[Episode, ...]]:
    """The dusty work the demo lets happen on one simulated monitor (monitoring.demo), said aloud."""
    episodes = demo.live_episodes([profile.mn for profile in profiles], timezone.now())
    for mn in episodes:
        monitor = Monitor.objects.select_related("point").get(mn=mn)
        out.write(
            _(
                "Demo: dusty work starts on %(site)s (monitor %(mn)s) in a minute; an alarm follows within minutes."
            )
            % {"site": monitor.point, "mn": mn}
        )
    return episodes


class Command(BaseCommand):
    help = _(
        "HJ 212: decode frames, run the receiver or the simulator, export readings, read the message log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        decode = actions.add_parser(
            "decode", help=_("decode frames, one per line, into one JSON object per line")
        )
        decode.add_argument("file", nargs="?", help=_("a capture file (standard input when omitted)"))
        decode.add_argument("--hex", action="store_true", help=_("the lines are hex bytes"))
        decode.add_argument(
            "--reply", action="store_true", help=_("also print the replies the receiver would send")
        )
        decode.add_argument(
            "--allow-crc",
            action="append",
            default=[],
            choices=[form.value for form in CrcForm if form is not CrcForm.STANDARD],
            help=_("accept a CRC variant (may be repeated)"),
        )
        decode.add_argument(
            "--sm4-key", action="append", default=[], metavar="MN=HEX", help=_("a device's SM4 key")
        )

        serve = actions.add_parser("serve", help=_("run the receiver"))
        serve.add_argument("--host", default="127.0.0.1")
        serve.add_argument("--port", type=int, default=9212)
        serve.add_argument("--batch-size", type=int, help=_("frames per database transaction (default 500)"))
        serve.add_argument(
            "--max-latency-ms", type=int, help=_("longest wait for a batch to fill (default 50)")
        )
        serve.add_argument(
            "--queue-limit", type=int, help=_("frames queued before connections stop being read")
        )
        serve.add_argument(
            "--reuse-port",
            action="store_true",
            help=_("share the port with other receivers (SO_REUSEPORT): the kernel spreads the connections"),
        )

        simulate = actions.add_parser("simulate", help=_("simulate monitors sending to a receiver"))
        simulate.add_argument("--host", default="127.0.0.1")
        simulate.add_argument("--port", type=int, default=9212)
        simulate.add_argument("--stations", type=int, required=True, help=_("how many monitors to speak for"))
        simulate.add_argument("--rate", type=float, required=True, help=_("frames per second per station"))
        simulate.add_argument("--duration", type=float, help=_("seconds to send (forever when omitted)"))
        simulate.add_argument(
            "--ack-log", help=_("append 'mn,cn,data_time' per acknowledged frame to this file")
        )
        simulate.add_argument(
            "--retry-seconds",
            type=float,
            default=10.0,
            help=_("resend an unacknowledged frame after this long"),
        )
        simulate.add_argument("--demo", action="store_true", help=_("speak only for demo monitors"))
        simulate.add_argument("--seed", type=int, default=0)

        export = actions.add_parser("export", help=_("write stored readings to a CSV file"))
        export.add_argument("file", help=_("the CSV file ('-' for standard output)"))
        export.add_argument("--mn")
        export.add_argument("--since", help=_("from this time on (YYYYMMDDhhmmss, Beijing time)"))
        export.add_argument("--until", help=_("before this time (YYYYMMDDhhmmss, Beijing time)"))

        log = actions.add_parser("log", help=_("print an MN's message log"))
        log.add_argument("--mn", required=True)
        log.add_argument("--follow", action="store_true", help=_("keep printing new entries"))
        log.add_argument(
            "--limit", type=int, default=50, help=_("how many of the latest entries to print first")
        )

        partitions = actions.add_parser(
            "partitions", help=_("create the readings partitions ahead of time (PostgreSQL)")
        )
        partitions.add_argument("--ahead", type=int, default=3, help=_("months ahead"))

        mqtt = actions.add_parser(
            "mqtt", help=_("subscribe to HJ 212 frames on an MQTT broker (HELUO_MQTT_URL)")
        )
        mqtt.add_argument(
            "--url", help=_("mqtt://[user:password@]host[:port][/prefix] (default: HELUO_MQTT_URL)")
        )
        mqtt.add_argument("--client-id", help=_("the session's client id (default heluo-hj212)"))

        worker = actions.add_parser(
            "worker", help=_("apply the rollups and alarms of the frames the receiver stored")
        )
        worker.add_argument("--once", action="store_true", help=_("apply what is waiting, then exit"))

        rollups = actions.add_parser("rollups", help=_("recompute hourly and daily values from the readings"))
        rollups.add_argument(
            "--since", required=True, help=_("from this time on (YYYYMMDDhhmmss, Beijing time)")
        )
        rollups.add_argument(
            "--until", required=True, help=_("before this time (YYYYMMDDhhmmss, Beijing time)")
        )
        rollups.add_argument(
            "--mn", action="append", default=[], help=_("only this monitor (may be repeated)")
        )

        retention = actions.add_parser(
            "retention", help=_("drop readings older than HELUO_MONITORING_KEEP_DAYS, whole months at a time")
        )
        retention.add_argument(
            "--dry-run", action="store_true", help=_("say what would be dropped; drop nothing")
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        getattr(self, f"handle_{action}")(**options)

    # --- decode ---------------------------------------------------------------------------------
    def handle_decode(
        self,
        *,
        file: str | None,
        hex: bool,
        reply: bool,
        allow_crc: list[str],
        sm4_key: list[str],
        **_options: Any,
    ) -> None:
        ciphers = {}
        for item in sm4_key:
            mn, sep, key = item.partition("=")
            try:
                if not sep:
                    raise ValueError(item)
                ciphers[mn] = Sm4Cipher(bytes.fromhex(key))
            except ValueError as error:
                raise CommandError(
                    _("--sm4-key wants MN=32 hex digits, not %(value)s") % {"value": item}
                ) from error
        refused = total = 0
        with ExitStack() as stack:
            source: BinaryIO = stack.enter_context(open(file, "rb")) if file else sys.stdin.buffer
            for result in decode_lines(
                source,
                hex_input=hex,
                reply=reply,
                allow_crc_variants={CrcForm(f) for f in allow_crc},
                ciphers=ciphers,
            ):
                total += 1
                refused += not result["ok"]
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        if refused:
            raise CommandError(
                _("%(refused)d of %(total)d lines were refused.") % {"refused": refused, "total": total},
                returncode=1,
            )

    # --- serve ----------------------------------------------------------------------------------
    def handle_serve(
        self,
        *,
        host: str,
        port: int,
        batch_size: int | None,
        max_latency_ms: int | None,
        queue_limit: int | None,
        reuse_port: bool,
        **_options: Any,
    ) -> None:
        try:
            settings = ingest_settings(
                batch_size=batch_size, max_latency_ms=max_latency_ms, queue_limit=queue_limit
            )
        except ValueError as error:
            raise CommandError(str(error)) from error

        def started(receiver: receiver_module.Receiver) -> None:
            self.stdout.write(
                _("HJ 212 receiver listening on %(host)s:%(port)d (%(count)d monitors registered).")
                % {"host": host, "port": receiver.port, "count": len(receiver.devices)}
            )
            self.stdout.flush()

        def stopping(receiver: receiver_module.Receiver) -> None:
            self.stdout.write(
                _("Stopping: writing and acknowledging %(count)d queued frames.")
                % {"count": len(receiver.queue)}
            )

        def stopped(receiver: receiver_module.Receiver) -> None:
            self.stdout.write(
                _("Stopped: %(frames)d frames, %(acknowledged)d acknowledged, %(refused)d refused.")
                % receiver.counts
            )

        try:
            receiver_module.run(
                settings,
                host=host,
                port=port,
                reuse_port=reuse_port,
                started=started,
                stopping=stopping,
                stopped=stopped,
            )
        except OSError as error:
            raise CommandError(
                _("Cannot listen on %(host)s:%(port)d: %(error)s")
                % {"host": host, "port": port, "error": error}
            ) from error

    # --- simulate -------------------------------------------------------------------------------
    def handle_simulate(
        self, *, host: str, port: int, stations: int, rate: float, duration: float | None,
        ack_log: str | None, retry_seconds: float, demo: bool, seed: int, **_options: Any,
    ) -> None:  # fmt: skip
        if stations < 1 or rate <= 0 or (duration is not None and duration <= 0):
            raise CommandError(_("--stations, --rate and --duration must be positive."))
        profiles = services.simulation_stations(stations, demo_only=demo)
        if not profiles:
            raise CommandError(_("No active monitor is registered: there is no one to simulate."))
        if len(profiles) < stations:
            self.stderr.write(_("Only %(count)d active monitors are registered.") % {"count": len(profiles)})
        self.stdout.write(
            _("Simulating %(count)d stations at %(rate)s frames/s each, sending to %(host)s:%(port)d.")
            % {"count": len(profiles), "rate": rate, "host": host, "port": port}
        )
        episodes = demo_episodes(self.stdout, profiles) if demo else {}
        self.stdout.flush()
        with ExitStack() as stack:
            log = stack.enter_context(open(ack_log, "a", buffering=1, encoding="utf-8")) if ack_log else None
            simulator = Simulator(
                profiles, host=host, port=port, rate=rate, retry_seconds=retry_seconds, ack_log=log, seed=seed,
                episodes=episodes,
            )  # fmt: skip

            async def main() -> None:
                task = asyncio.ensure_future(simulator.run(duration))

                def interrupted() -> None:
                    # The first signal stops sending and waits for what is due; a second one does not wait.
                    if simulator.stopping:
                        task.cancel()
                    simulator.stop()

                loop = asyncio.get_running_loop()
                for signum in (signal.SIGTERM, signal.SIGINT):
                    loop.add_signal_handler(signum, interrupted)
                with suppress(asyncio.CancelledError):
                    await task

            _event_loop_run(main())
        self.stdout.write(
            _(
                "Sent %(sent)d frames (%(resent)d resent); %(acknowledged)d acknowledged, %(given_up)d given up; %(connections)d connections."
            )
            % simulator.totals.as_dict()
        )

    # --- export ---------------------------------------------------------------------------------
    def handle_export(
        self, *, file: str, mn: str | None, since: str | None, until: str | None, **_options: Any
    ) -> None:
        try:
            start = services.parse_beijing(since) if since else None
            end = services.parse_beijing(until) if until else None
        except ValueError as error:
            raise CommandError(str(error)) from error
        with ExitStack() as stack:
            out = (
                sys.stdout
                if file == "-"
                else stack.enter_context(open(file, "w", newline="", encoding="utf-8"))
            )
            count = services.export_readings(out, mn=mn, since=start, until=end)
        (self.stderr if file == "-" else self.stdout).write(
            _("Wrote %(count)d readings to %(file)s.") % {"count": count, "file": file}
        )

    # --- log ------------------------------------------------------------------------------------
    def handle_log(self, *, mn: str, follow: bool, limit: int, **_options: Any) -> None:
        last = 0
        entries = services.log_entries(mn, limit=limit)
        try:
            while True:
                for entry in entries:
                    self.stdout.write(
                        f"{services.beijing_text(entry.at)}  {entry.direction:<8} {entry.cn:<4} {entry.reason:<20} {entry.peer:<21} {redact_password(entry.text)}"
                    )
                    last = entry.pk
                if not follow:
                    return
                self.stdout.flush()
                time.sleep(1.0)
                entries = services.log_entries(mn, after_id=last, limit=1000)
        except KeyboardInterrupt:
            return

    # --- partitions -----------------------------------------------------------------------------
    def handle_partitions(self, *, ahead: int, **_options: Any) -> None:
        settings = ingest_settings()
        created = services.ensure_partitions(max_age_days=settings.max_age_days, months_ahead=ahead)
        self.stdout.write(_("Created %(count)d readings partitions.") % {"count": created})

    # --- mqtt -----------------------------------------------------------------------------------
    def handle_mqtt(self, *, url: str | None, client_id: str | None, **_options: Any) -> None:
        from heluo.monitoring.mqtt import BrokerSettings, Subscriber

        address = url or mqtt_url()
        if not address:
            raise CommandError(_("Give --url or set HELUO_MQTT_URL."))
        try:
            broker = BrokerSettings.from_url(address, client_id)
        except ValueError as error:
            raise CommandError(str(error)) from error
        subscriber = Subscriber(broker)

        def stop(signum: int, frame: object) -> None:
            subscriber.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

        def started(subscriber: Any) -> None:
            self.stdout.write(
                _("Subscribed to %(topic)s on %(host)s:%(port)d as %(client)s (QoS 1, persistent session).")
                % {
                    "topic": broker.topic,
                    "host": broker.host,
                    "port": broker.port,
                    "client": broker.client_id,
                }
            )
            self.stdout.flush()

        subscriber.run(started)
        self.stdout.write(
            _(
                "Stopped: %(messages)d messages, %(committed)d frames committed, %(refused)d refused, %(acknowledged)d acknowledged."
            )
            % subscriber.counts
        )

    # --- worker ---------------------------------------------------------------------------------
    def handle_worker(self, *, once: bool, **_options: Any) -> None:
        from heluo.monitoring.services import outbox

        batches, frames = outbox.pending()
        if once:
            applied = outbox.drain()
            self.stdout.write(_("Applied the rollups and alarms of %(count)d frames.") % {"count": applied})
            return
        stopping = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda signum, frame: stopping.set())
        self.stdout.write(
            _("Hooks worker started: %(frames)d frames in %(batches)d batches waiting.")
            % {"frames": frames, "batches": batches}
        )
        self.stdout.flush()
        applied = outbox.work(stopping)
        self.stdout.write(
            _("Stopped: the rollups and alarms of %(count)d frames applied.") % {"count": applied}
        )

    # --- rollups --------------------------------------------------------------------------------
    def handle_rollups(self, *, since: str, until: str, mn: list[str], **_options: Any) -> None:
        from heluo.monitoring.services import rollups

        try:
            start, end = services.parse_beijing(since), services.parse_beijing(until)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if end <= start:
            raise CommandError(_("--until must come after --since."))
        ids = None
        if mn:
            found = dict(Monitor.objects.filter(mn__in=mn).values_list("mn", "pk"))
            missing = sorted(set(mn) - set(found))
            if missing:
                raise CommandError(_("No monitor has the MN %(mn)s.") % {"mn": ", ".join(missing)})
            ids = list(found.values())
        try:
            written = rollups.recompute(start, end, monitor_ids=ids)
        except ValueError as error:  # a period retention may have emptied, or its setting is wrong
            raise CommandError(str(error)) from error
        self.stdout.write(_("Recomputed %(count)d hourly values from the readings.") % {"count": written})

    # --- retention ------------------------------------------------------------------------------
    def handle_retention(self, *, dry_run: bool, **_options: Any) -> None:
        from heluo.monitoring.services import retention

        try:
            dropped = retention.drop_old_readings(dry_run=dry_run)
        except ValueError as error:
            raise CommandError(str(error)) from error
        months = ", ".join(dropped.months) or _("none")
        message = (
            _("Would drop the readings of: %(months)s.")
            if dry_run
            else _("Dropped the readings of: %(months)s.")
        )
        self.stdout.write(message % {"months": months})
