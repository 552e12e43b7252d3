"""The MQTT subscriber (`heluo hj212 mqtt`, started by `heluo up` when HELUO_MQTT_URL is set).

Devices (or their gateway) publish each HJ 212 frame's text to `<prefix>/<MN>` with QoS 1. The
subscriber holds a persistent session (a fixed client id, clean session off), so what the broker
received while Heluo was down is delivered when it comes back, and acknowledges each message itself
(paho-mqtt's manual acknowledgement) only after its frames went through the same admission and
storage as the TCP receiver's and were committed — or were refused and that refusal was logged. A
message the database could not take is not acknowledged: the subscriber keeps it and tries again.

Threads: paho's network loop puts messages in a bounded queue (the broker's in-flight window keeps
it short); one database thread takes them in batches, stores them per MN, then acknowledges them in
the order they came (MQTT 3.1.1 wants PUBACKs in order).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.db import close_old_connections, connection

from heluo.monitoring.conf import ingest_settings, mqtt_client_id
from heluo.monitoring.services import is_retryable
from heluo.monitoring.services.intake import ingest

logger = logging.getLogger("heluo.monitoring.mqtt")

DEFAULT_PREFIX = "hj212"
DEFAULT_CLIENT_ID = "heluo-hj212"
QUEUE_LIMIT = 2000


@dataclass(frozen=True)
class BrokerSettings:
    host: str
    port: int
    prefix: str
    client_id: str
    username: str | None = None
    password: str | None = None
    tls: bool = False

    @property
    def topic(self) -> str:
        return f"{self.prefix}/+"

    @classmethod
    def from_url(cls, url: str, client_id: str | None = None) -> BrokerSettings:
        """`mqtt://[user:password@]host[:port][/prefix][?client_id=…]` (`mqtts://` for TLS)."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise ValueError(f"{url!r} is not an MQTT address (mqtt://host:1883/prefix)")
        tls = parts.scheme == "mqtts"
        prefix = parts.path.strip("/") or DEFAULT_PREFIX
        if any(char in prefix for char in "+#"):
            raise ValueError(f"the topic prefix {prefix!r} may not hold MQTT wildcards")
        query = parse_qs(parts.query)
        chosen = client_id or (query.get("client_id") or [""])[0] or mqtt_client_id()
        return cls(
            host=parts.hostname, port=parts.port or (8883 if tls else 1883), prefix=prefix,
            client_id=chosen or DEFAULT_CLIENT_ID,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None, tls=tls,
        )  # fmt: skip


@dataclass(frozen=True)
class Message:
    mid: int
    qos: int
    topic: str
    payload: bytes


class Subscriber:
    def __init__(self, broker: BrokerSettings, *, batch_size: int = 200, max_latency: float = 0.05) -> None:
        import paho.mqtt.client as mqtt

        self.broker = broker
        self.batch_size = batch_size
        self.max_latency = max_latency
        self.messages: queue.Queue[Message] = queue.Queue(maxsize=QUEUE_LIMIT)
        self.stopping = threading.Event()
        self.connected = threading.Event()
        self.counts = {"messages": 0, "frames": 0, "committed": 0, "refused": 0, "acknowledged": 0}
        self.settings = ingest_settings()
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=broker.client_id, clean_session=False,
            protocol=mqtt.MQTTv311, manual_ack=True,
        )  # fmt: skip
        if broker.username:
            self.client.username_pw_set(broker.username, broker.password)
        if broker.tls:
            self.client.tls_set()
        self.client.on_connect = self._on_connect
        self.client.on_disconnect = self._on_disconnect
        self.client.on_message = self._on_message

    # --- paho's network thread -------------------------------------------------------------------
    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        if reason.is_failure:
            logger.error("the broker refused the connection: %s", reason)
            return
        client.subscribe(self.broker.topic, qos=1)
        self.connected.set()
        logger.info("subscribed to %s on %s:%d", self.broker.topic, self.broker.host, self.broker.port)

    def _on_disconnect(self, client: Any, userdata: Any, flags: Any, reason: Any, properties: Any) -> None:
        self.connected.clear()
        if not self.stopping.is_set():
            logger.warning("disconnected from the broker (%s); reconnecting", reason)

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        # Blocks when the queue is full: the socket is then not read and the broker holds the rest.
        self.messages.put(Message(message.mid, message.qos, message.topic, bytes(message.payload)))

    # --- the database thread ---------------------------------------------------------------------
    def _take(self) -> list[Message]:
        try:
            batch = [self.messages.get(timeout=0.5)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + self.max_latency
        while len(batch) < self.batch_size:
            remaining = deadline - time.monotonic()
            try:
                batch.append(
                    self.messages.get(timeout=max(0.0, remaining))
                    if remaining > 0
                    else self.messages.get_nowait()
                )
            except queue.Empty:
                break
        return batch

    def store(self, batch: list[Message]) -> None:
        """Store a batch (per MN, in order) until the database takes it, then acknowledge it in order."""
        logger.info("storing %d messages", len(batch))
        delay = 0.5
        while True:
            try:
                self._ingest(batch)
                break
            except Exception as error:
                if not is_retryable(error):
                    raise
                logger.warning("database unavailable (%s); retrying in %.1f s", error, delay)
                connection.close()
                time.sleep(delay)
                delay = min(delay * 2, 10.0)
        for message in batch:
            if message.qos > 0:
                self.client.ack(message.mid, message.qos)
            self.counts["acknowledged"] += 1

    def _ingest(self, batch: list[Message]) -> None:
        close_old_connections()
        groups: dict[str, list[bytes]] = {}
        for message in batch:
            mn = message.topic[len(self.broker.prefix) + 1 :]
            frames = [line for line in message.payload.splitlines() if line.strip()] or [message.payload]
            groups.setdefault(mn, []).extend(frames)
        for mn, payloads in groups.items():
            results = ingest(payloads, mn=mn, peer=f"mqtt:{self.broker.prefix}/{mn}", settings=self.settings)
            committed = sum(result.committed for result in results)
            self.counts["frames"] += len(results)
            self.counts["committed"] += committed
            self.counts["refused"] += len(results) - committed
        self.counts["messages"] += len(batch)

    def run(self, started: Callable[[Subscriber], None] = lambda subscriber: None) -> None:
        """Connect, then store and acknowledge until `stopping` is set; then write what is queued,
        acknowledge it and disconnect."""
        self.client.connect_async(self.broker.host, self.broker.port, keepalive=30)
        self.client.loop_start()
        try:
            started(self)
            while not self.stopping.is_set():
                batch = self._take()
                if batch:
                    self.store(batch)
            # Finish what was taken off the wire. The subscription stays (the session keeps what comes
            # while Heluo is down); a message that arrives after this is unacknowledged and comes again.
            while not self.messages.empty():
                batch = self._take()
                if batch:
                    self.store(batch)
        finally:
            self.client.disconnect()
            self.client.loop_stop()
            connection.close()
