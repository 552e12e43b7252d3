"""`heluo up` runs the HJ 212 receiver and, on a demo installation, a gentle simulator."""

from __future__ import annotations

from heluo.core.management.commands.up import Command


def names_and_argv(**options: object) -> dict[str, list[str]]:
    children = Command().children("127.0.0.1", 8000, 2, True, **options)  # type: ignore[arg-type]
    return {child.name: list(child.argv) for child in children}


def test_the_receiver_and_the_simulator_are_supervised_children() -> None:
    children = names_and_argv(hj212=("0.0.0.0", 9300), simulate=220)
    assert children["hj212-receiver"][-6:] == ["hj212", "serve", "--host", "0.0.0.0", "--port", "9300"]
    simulator = children["hj212-simulator"]
    # Every demo monitor: one left out would go offline and raise an alarm.
    assert simulator[simulator.index("--stations") + 1] == "220"
    assert float(simulator[simulator.index("--rate") + 1]) < 0.02  # about one frame a minute
    assert "--demo" in simulator  # never a real installation's devices
    assert simulator[simulator.index("--host") + 1] == "127.0.0.1"


def test_both_can_be_left_out() -> None:
    assert set(names_and_argv(hj212=None, simulate=0)) == {"web"}
    assert set(names_and_argv(hj212=("127.0.0.1", 9212), simulate=0)) == {"web", "hj212-receiver"}
