"""Several receivers behind a TCP load balancer (Debian's HAProxy, installed by `make test`'s package step):
receivers keep no state of their own (a frame's idempotency is its key in the database), so when one dies
mid-stream the devices reconnect through the balancer to another and resend what was not acknowledged,
and every frame is stored exactly once. On PostgreSQL, the receiver and the hooks worker also run through
pgbouncer in transaction pooling mode (Debian's package, installed by the same step)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from .served import ESTABLISHED, LISTEN, Installation, free_port, installation, tcp_sockets, wait_for

HAPROXY = Path("/usr/sbin/haproxy")
PGBOUNCER = Path("/usr/sbin/pgbouncer")

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


POOLER = """
[databases]
* = host={host} port={server_port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {auth_file}
pool_mode = transaction
default_pool_size = 4
max_client_conn = 100
; Each transaction on the next server connection: what a busy pool does to a statement that outlives one.
min_pool_size = 4
server_round_robin = 1
"""


def required(program: Path, name: str) -> None:
    if not program.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {name} is required (scripts/ensure_packages.sh test installs it)")
        pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installation]:
    required(HAPROXY, "HAProxy")
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
    simulator = site.simulate(port, ack_log, duration=300)  # until told to stop, however slow the machine
    wait_for(
        lambda: ack_log.exists() and len(ack_log.read_text().splitlines()) >= 100,
        "acknowledgements before the kill",
    )
    # The balancer spread the devices over both receivers.
    assert tcp_sockets(first, ESTABLISHED) and tcp_sockets(second, ESTABLISHED)
    site.stop(doomed, signal.SIGKILL)
    acked_before = len(ack_log.read_text().splitlines())
    wait_for(
        lambda: len(ack_log.read_text().splitlines()) >= acked_before + 60,
        "acknowledgements through the other receiver",
    )
    simulator.send_signal(signal.SIGTERM)  # it stops sending and waits for what is due
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


def pooled(site: Installation) -> Installation:
    """The installation seen through pgbouncer in transaction pooling mode: each transaction may run on
    another server connection, as behind a pooler shared by several machines' receivers."""
    assert site.db.url
    server = urlsplit(site.db.url)
    # pgbouncer will not run as root; the user it changes to must read its files.
    config_dir = Path(tempfile.mkdtemp(prefix="heluo-pgbouncer-"))
    config_dir.chmod(0o755)
    auth_file = config_dir / "users.txt"
    auth_file.write_text(f'"{server.username}" ""\n')
    port = free_port()
    config = config_dir / "pgbouncer.ini"
    config.write_text(
        POOLER.format(host=server.hostname, server_port=server.port or 5432, port=port, auth_file=auth_file)
    )
    for path in (auth_file, config):
        path.chmod(0o644)
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    with (site.data_dir / "pgbouncer.log").open("ab") as log:
        process = subprocess.Popen(
            [str(PGBOUNCER), *user, str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    site.processes.append(process)
    wait_for(lambda: tcp_sockets(port, LISTEN) > 0 or process.poll() is not None, "pgbouncer to listen")
    assert process.poll() is None, (site.data_dir / "pgbouncer.log").read_text()[-2000:]
    url = urlunsplit(server._replace(netloc=f"{server.username}@127.0.0.1:{port}"))
    return replace(site, env={**site.env, "HELUO_DATABASE_URL": url, "HELUO_DATABASE_POOLED": "true"})


def test_a_receiver_and_the_hooks_worker_run_through_pgbouncer_in_transaction_pooling(
    site: Installation, tmp_path: Path
) -> None:
    """HELUO_DATABASE_POOLED: no statement outlives its transaction (no server-side cursors), so every
    frame is stored once and rolled up once though each transaction may run on another server connection."""
    if not site.db.url:
        pytest.skip("pgbouncer pools PostgreSQL connections")
    required(PGBOUNCER, "pgbouncer")
    through = pooled(site)
    port = free_port()
    through.start_receiver(port, log_name="pooled.log", registry_seconds="1")
    through.start_worker(log_name="pooled-worker.log")
    ack_log = tmp_path / "acks.csv"
    simulator = through.simulate(port, ack_log, rate=5, duration=4)
    output, _ = simulator.communicate(timeout=120)
    assert simulator.returncode == 0, output
    assert site.stored_once(ack_log), output
    site.assert_rolled_up_once()
    for log in ("pooled.log", "pooled-worker.log"):
        assert "Traceback" not in (site.data_dir / log).read_text(), log
