"""Wiring of this part: the role homes take over `/` before the enterprise module's chief service officer
home (order 50), which answers for that role."""

from __future__ import annotations

from heluo.core.homes import register_home

from .views import role_home


def ready() -> None:
    register_home(role_home, order=40)
