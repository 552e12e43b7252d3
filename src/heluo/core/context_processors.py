from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest

from heluo.core.models import Role
from heluo.core.modules import MENU
from heluo.core.roles import hidden_menu_items
from heluo.core.scope import may
from heluo.core.services import duties


def layout(request: HttpRequest) -> dict[str, Any]:
    """The sidebar (only what the user may open and their roles use) and the inbox's unread count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    hidden = hidden_menu_items(Role.objects.filter(accounts__user=user).values_list("code", flat=True))
    sections = []
    for section in MENU.values():
        items = [
            item
            for item in section.items
            if item.url_name not in hidden
            and (not item.model or may(user, "view", apps.get_model(item.model)))
            and (not item.permission or user.has_perm(item.permission))
            and (not item.duty or duties.holds(user, item.duty))
        ]
        if items:
            sections.append({"label": section.label, "module": section.module, "items": items})
    return {"menu": sections, "unread_count": user.notifications.filter(read_at__isnull=True).count()}
