from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest

from heluo.core.modules import MENU
from heluo.core.scope import may


def layout(request: HttpRequest) -> dict[str, Any]:
    """The sidebar (only what the user may open) and the inbox's unread count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    sections = []
    for section in MENU.values():
        items = [
            item for item in section.items if not item.model or may(user, "view", apps.get_model(item.model))
        ]
        if items:
            sections.append({"label": section.label, "module": section.module, "items": items})
    return {"menu": sections, "unread_count": user.notifications.filter(read_at__isnull=True).count()}
