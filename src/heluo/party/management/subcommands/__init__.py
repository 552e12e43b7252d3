"""The subcommands of `heluo party`: one module each, found by the command (management/commands/party.py).

A module here is a subcommand when it defines

    NAME = "scan"                                   # the word after `heluo party`
    HELP = _("...")                                  # gettext_lazy: the line in `heluo party --help`
    def add_arguments(parser: CommandParser) -> None: ...
    def handle(command: BaseCommand, **options: Any) -> None: ...

`handle` writes through `command.stdout` and refuses bad input with CommandError (a non-zero exit)."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import ModuleType

__all__ = ["subcommands"]


def subcommands() -> dict[str, ModuleType]:
    """The subcommand modules of this package by their NAME, in name order."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME"):
            found[module.NAME] = module
    return dict(sorted(found.items()))
