"""Several receivers behind a TCP load balancer (Debian's HAProxy, installed by `make test`'s package step):
receivers keep no state of their own (a frame's idempotency is its key in the database), so when one dies
mid-stream the devices reconnect through the balancer to another and resend what was not acknowledged,
and every frame is stored exactly once."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .served import ESTABLISHED, Installation, free_port, installation, tcp_sockets, wait_for

HAPROXY = Path("/usr/sbin/haproxy")

CONFIG = """
global
    maxconn 4096
defaults
    mode tcp
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A connection to a receiver that died goes to the other one.
    retries 3
    option redispatch
frontend hj212
    bind 127.0.0.1:{port}
    default_backend receivers
backend receivers
    balance roundrobin
    server first 127.0.0.1:{first} check inter 300 fall 1 rise 1
    server second 127.0.0.1:{second} check inter 300 fall 1 rise 1
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    if not HAPROXY.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: HAProxy is required (scripts/ensure_packages.sh test installs it)")
        pytest.skip("HAProxy is not installed")
    with installation(tmp_path_factory, "balanced") as installed:
        yield installed


def balancer(site: Installation, first: int, second: int) -> tuple[int, subprocess.Popen[bytes]]:
    port = free_port()
    config = site.data_dir / "haproxy.cfg"
    config.write_text(CONFIG.format(port=port, first=first, second=second))
    with (site.data_dir / "haproxy.log").open("ab") as log:
        process = subprocess.Popen(
            [str(HAPROXY), "-db", "-f", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    site.processes.append(process)
    return port, process


def test_a_receiver_killed_behind_the_balancer_loses_nothing_acknowledged_and_doubles_nothing(
    site: Installation, tmp_path: Path
) -> None:
    first, second = free_port(), free_port()
    doomed = site.start_receiver(first, log_name="first.log")
    site.start_receiver(second, log_name="second.log")
    port, _ = balancer(site, first, second)
    ack_log = tmp_path / "acks.csv"
    simulator = site.simulate(port, ack_log)
    wait_for(
        lambda: ack_log.exists() and len(ack_log.read_text().splitlines()) >= 100,
        "acknowledgements before the kill",
    )
    # The balancer spread the devices over both receivers.
    assert tcp_sockets(first, ESTABLISHED) and tcp_sockets(second, ESTABLISHED)
    site.stop(doomed, signal.SIGKILL)
    acked_before = len(ack_log.read_text().splitlines())
    output, _ = simulator.communicate(timeout=120)
    assert simulator.returncode == 0, output
    acked = site.stored_once(ack_log)
    assert len(acked) > acked_before, output  # the devices went on through the other receiver


def test_receivers_on_one_port_share_the_devices(site: Installation, tmp_path: Path) -> None:
    """SO_REUSEPORT (`heluo up --hj212-receivers N`): the kernel spreads the connections over the receivers,
    each with its own database thread, and every frame is stored once."""
    port = free_port()
    receivers = [site.start_receiver(port, "--reuse-port", log_name=f"shared-{n}.log") for n in (1, 2)]
    ack_log = tmp_path / "acks.csv"
    simulator = site.simulate(port, ack_log, rate=5, duration=3)
    output, _ = simulator.communicate(timeout=120)
    assert simulator.returncode == 0, output
    for process in receivers:
        assert site.stop(process) == 0
    # Each says how many frames it took when it stops: both took some.
    taken = [
        int(re.findall(r"(\d+)", (site.data_dir / f"shared-{n}.log").read_text().splitlines()[-1])[0])
        for n in (1, 2)
    ]
    assert all(taken), taken
    acked = ack_log.read_text().splitlines()
    assert sum(taken) >= len(acked) == len(set(acked)) > 0
