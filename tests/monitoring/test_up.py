"""`heluo up` runs what each app declares: core's web server and worker, monitoring's HJ 212 receiver with
its hooks worker and, on a demo installation, a gentle simulator."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management.base import CommandError

from heluo.core.management.commands.up import Command
from heluo.core.processes import started
from heluo.monitoring import processes

pytestmark = pytest.mark.django_db


def names_and_argv(monkeypatch: pytest.MonkeyPatch, *args: str, demo: int = 220) -> dict[str, list[str]]:
    monkeypatch.setattr(processes, "demo_monitors", lambda: demo)
    options = vars(Command().create_parser("heluo", "up").parse_args(list(args)))
    return {item.child.name: list(item.child.argv) for item in started(options)}


def test_the_receiver_and_the_simulator_are_supervised_children(monkeypatch: pytest.MonkeyPatch) -> None:
    children = names_and_argv(monkeypatch, "--hj212-host", "0.0.0.0", "--hj212-port", "9300", "--no-worker")
    assert children["hj212-receiver"][-6:] == ["hj212", "serve", "--host", "0.0.0.0", "--port", "9300"]
    # The rollups and alarms of what it stores, in a process of their own.
    assert children["hj212-worker"][-2:] == ["hj212", "worker"]
    simulator = children["hj212-simulator"]
    # Every demo monitor: one left out would go offline and raise an alarm.
    assert simulator[simulator.index("--stations") + 1] == "220"
    assert float(simulator[simulator.index("--rate") + 1]) < 0.02  # about one frame a minute
    assert "--demo" in simulator  # never a real installation's devices
    assert simulator[simulator.index("--host") + 1] == "127.0.0.1"


def test_each_can_be_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(names_and_argv(monkeypatch, "--no-worker", "--no-receiver")) == {"web"}
    assert set(names_and_argv(monkeypatch, "--no-worker", demo=0)) == {
        "web",
        "hj212-receiver",
        "hj212-worker",
    }
    assert set(names_and_argv(monkeypatch, demo=0)) == {"web", "worker", "hj212-receiver", "hj212-worker"}


def test_several_receivers_share_the_port_beside_one_hooks_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    children = names_and_argv(monkeypatch, "--hj212-receivers", "3", "--no-worker", demo=0)
    receivers = {name: argv for name, argv in children.items() if name.startswith("hj212-receiver")}
    assert sorted(receivers) == ["hj212-receiver-1", "hj212-receiver-2", "hj212-receiver-3"]
    assert all(
        argv[-5:] == ["--host", "127.0.0.1", "--port", "9212", "--reuse-port"] for argv in receivers.values()
    )
    assert [name for name in children if name == "hj212-worker"] == ["hj212-worker"]
    with pytest.raises(CommandError, match="--hj212-receivers"):
        names_and_argv(monkeypatch, "--hj212-receivers", "0")


def test_the_mqtt_subscriber_runs_when_a_broker_is_set(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.MQTT_URL = "mqtt://127.0.0.1:1883/hj212"
    assert "hj212-mqtt" in names_and_argv(monkeypatch, "--no-receiver")
