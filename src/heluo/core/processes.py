"""The processes `heluo up` starts: each app declares its own (core the web server and the task worker,
monitoring the HJ 212 receiver, …), with the options it adds to `heluo up`, so core never imports the
apps above it. An app registers its declaration in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from heluo.core.supervisor import Child, python_command

Options = Mapping[str, Any]


@dataclass(frozen=True)
class Started:
    """A child process to supervise, and what `heluo up` says about it once started."""

    child: Child
    announce: str = ""


@dataclass(frozen=True)
class ProcessDeclaration:
    """An app's part of `heluo up`: its options, and the processes to start given the options."""

    name: str
    processes: Callable[[Options], Sequence[Started]]
    add_arguments: Callable[[CommandParser], None] | None = None
    order: int = 100


PROCESSES: dict[str, ProcessDeclaration] = {}


def register_processes(declaration: ProcessDeclaration) -> ProcessDeclaration:
    """Called from an app's AppConfig.ready() (idempotent for the same name)."""
    PROCESSES[declaration.name] = declaration
    return declaration


def declarations() -> list[ProcessDeclaration]:
    return sorted(PROCESSES.values(), key=lambda declaration: (declaration.order, declaration.name))


def started(options: Options) -> list[Started]:
    """Every process to start with `options`, in the declarations' order."""
    return [item for declaration in declarations() for item in declaration.processes(options)]


# --- core's own: the web server and the task worker ----------------------------------------------


def _core_arguments(parser: CommandParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--no-worker", action="store_true", help=str(_("do not start the task worker")))


def _core_processes(options: Options) -> list[Started]:
    """The web server (gunicorn) and, unless --no-worker, the task worker (huey)."""
    web = python_command(
        "-m", "gunicorn", "heluo.wsgi:application", "--bind", f"{options['host']}:{options['port']}",
        "--workers", str(options["web_workers"]), "--threads", "4", "--timeout", "120", "--access-logfile", "-",
    )  # fmt: skip
    processes = [Started(Child("web", web))]
    if not options.get("no_worker"):
        processes.append(
            Started(Child("worker", python_command("-m", "heluo", "run_huey", "--workers", "2")))
        )
    return processes


CORE = ProcessDeclaration("core", _core_processes, _core_arguments, order=10)
