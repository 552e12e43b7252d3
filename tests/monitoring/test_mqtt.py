"""Frames over MQTT, against the local Mosquitto (127.0.0.1:1883): `heluo hj212 mqtt` as a subprocess
over its own database (tests/monitoring/served.py), a paho publisher as the devices' gateway. QoS 1,
a persistent session, acknowledgement only after commit."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from heluo.monitoring.hj212 import BEIJING
from heluo.monitoring.mqtt import BrokerSettings

from .served import Installation, data_frame, installation, wait_for

BROKER = ("127.0.0.1", 1883)


def _broker_up() -> bool:
    try:
        socket.create_connection(BROKER, timeout=2).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(
    not _broker_up() and os.environ.get("CI") != "true", reason="no MQTT broker on 127.0.0.1:1883"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    with installation(tmp_path_factory, "mqtt") as site:
        yield site


class Broker:
    """A topic prefix and client id of this test alone (the broker is shared), and a publisher."""

    def __init__(self, site: Installation) -> None:
        import paho.mqtt.client as mqtt

        self.site = site
        self.prefix = f"heluo-test/{uuid.uuid4().hex[:10]}"
        self.client_id = f"heluo-test-{uuid.uuid4().hex[:10]}"
        self.url = f"mqtt://{BROKER[0]}:{BROKER[1]}/{self.prefix}"
        self.publisher = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"pub-{self.client_id}")
        self.publisher.connect(*BROKER)
        self.publisher.loop_start()
        self.log = site.data_dir / f"{self.client_id}.log"

    def publish(self, mn: str, payload: bytes) -> None:
        self.publisher.publish(f"{self.prefix}/{mn}", payload, qos=1).wait_for_publish(timeout=10)

    def start(self) -> subprocess.Popen[bytes]:
        env = {**self.site.env, "HELUO_LOG_LEVEL": "INFO"}
        with self.log.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "heluo", "hj212", "mqtt", "--url", self.url, "--client-id", self.client_id],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.site.processes.append(process)
        starts = self.text().count("Subscribed to") + self.text().count("订阅")
        wait_for(
            lambda: self.text().count("subscribed to") > starts - 1 and "subscribed to" in self.text(),
            "the subscriber",
        )
        return process

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def close(self) -> None:
        self.publisher.loop_stop()
        self.publisher.disconnect()


@pytest.fixture
def broker(site: Installation) -> Iterator[Broker]:
    broker = Broker(site)
    yield broker
    broker.close()


def _now(minutes_ago: int = 1) -> dt.datetime:
    return dt.datetime.now(BEIJING).replace(tzinfo=None, second=0, microsecond=0) - dt.timedelta(
        minutes=minutes_ago
    )


def test_frames_are_stored_duplicates_once_and_bad_payloads_refused_with_a_reason(
    site: Installation, broker: Broker
) -> None:
    process = broker.start()
    mn, other = "TEST00070", "TEST00071"
    good = data_frame(mn, _now(3))
    broker.publish(mn, good)
    broker.publish(mn, good)  # a duplicate (as after a redelivery)
    broker.publish(mn, b"##0000 not a frame at all\r\n")
    broker.publish(mn, data_frame(mn, _now(2), pw="000000"))
    broker.publish(mn, data_frame(other, _now(2)))  # published under another device's topic
    db = site.db
    wait_for(
        lambda: (
            db.value("SELECT COUNT(*) FROM monitoring_messagelog WHERE mn = ? AND direction = 'refused'", mn)
            >= 3
        ),
        "the refusals",
    )
    assert db.readings(mn) == 1
    reasons = {
        row[0]
        for row in db.rows(
            "SELECT reason FROM monitoring_messagelog WHERE mn = ? AND direction = 'refused'", mn
        )
    }
    assert {"wrong_pw", "mn_mismatch"} <= reasons and reasons - {"wrong_pw", "mn_mismatch"}
    duplicates = db.value(
        "SELECT s.duplicates FROM monitoring_monitorstatus s JOIN monitoring_monitor m ON m.id = s.monitor_id WHERE m.mn = ?",
        mn,
    )
    assert duplicates == 1
    assert db.readings(other) == 0
    assert site.stop(process) == 0


def test_a_persistent_session_delivers_what_came_while_heluo_was_down(
    site: Installation, broker: Broker
) -> None:
    mn = "TEST00072"
    site.stop(broker.start())
    for minutes in range(10, 5, -1):
        broker.publish(mn, data_frame(mn, _now(minutes)))
    assert site.db.readings(mn) == 0
    process = broker.start()
    wait_for(lambda: site.db.readings(mn) == 5, "the frames published while it was down")
    site.stop(process)


def test_nothing_is_acknowledged_before_it_is_committed(site: Installation, broker: Broker) -> None:
    mn = "TEST00073"
    process = broker.start()
    with site.db.write_lock():
        broker.publish(mn, data_frame(mn, _now(4)))
        wait_for(lambda: "storing 1 messages" in broker.text(), "the subscriber to take the message")
        site.stop(process, signal.SIGKILL)  # killed while the database holds the frame back
    assert site.db.readings(mn) == 0
    process = broker.start()  # the broker delivers it again: it was never acknowledged
    wait_for(lambda: site.db.readings(mn) == 1, "the unacknowledged frame")
    site.stop(process)


def test_broker_addresses() -> None:
    settings = BrokerSettings.from_url("mqtts://dev:p%40ss@mq.example:8884/city/hj212?client_id=heluo-1")
    assert (settings.host, settings.port, settings.prefix, settings.topic, settings.client_id, settings.password, settings.tls) == (
        "mq.example", 8884, "city/hj212", "city/hj212/+", "heluo-1", "p@ss", True,
    )  # fmt: skip
    assert BrokerSettings.from_url("mqtt://127.0.0.1").topic == "hj212/+"
    for bad in ("http://x", "mqtt://", "mqtt://h/a/+"):
        with pytest.raises(ValueError):
            BrokerSettings.from_url(bad)


def test_a_bad_address_is_refused(site: Installation) -> None:
    result = site.heluo("hj212", "mqtt", "--url", "http://nowhere")
    assert result.returncode != 0 and "mqtt://" in result.stderr
    assert Path(site.data_dir).exists()
