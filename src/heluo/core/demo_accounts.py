"""The demo logins, listed on the login page and by `make run` only when demo data is loaded."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "heluo-demo"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    roles: str
    scope: str


def demo_logins() -> list[DemoLogin]:
    from heluo.core.models import Account

    accounts = (
        Account.objects.filter(is_demo=True, user__is_active=True)
        .select_related("user", "home_division", "home_zone")
        .prefetch_related("roles")
        .order_by("pk")
    )
    return [
        DemoLogin(
            username=account.user.username,
            roles="、".join(str(role) for role in account.roles.all()),
            scope=str(account.home_scope or ""),
        )
        for account in accounts
    ]
