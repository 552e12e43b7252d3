"""Pages of a module above core about one of core's rows (a person's sites in dust control), shown as
links on the row's page: the module registers them in its AppConfig.ready(), so core imports none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.functional import Promise

from heluo.core.scope import may


@dataclass(frozen=True)
class RowLink:
    label: Promise | str
    # A URL name taking the row's primary key.
    url_name: str
    # The model whose rows the page shows: the link is offered only to users who may view them.
    model: type[models.Model]


_LINKS: dict[str, list[RowLink]] = {}


def register_row_link(model_label: str, link: RowLink) -> None:
    """Offer `link` on the page of every row of `model_label` ("app_label.modelname"); idempotent."""
    links = _LINKS.setdefault(model_label.lower(), [])
    if link not in links:
        links.append(link)


def row_links(user: Any, obj: models.Model) -> list[tuple[Promise | str, str]]:
    """(label, URL) of the registered pages about `obj` that `user` may open."""
    return [
        (link.label, reverse(link.url_name, args=[obj.pk]))
        for link in _LINKS.get(obj._meta.label_lower, [])
        if may(user, "view", link.model)
    ]
