"""Wiring of this part: menus, homes, tasks."""

from __future__ import annotations


def ready() -> None:
    return None
