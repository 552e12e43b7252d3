"""Who sees party rows through the organisation tree: a user whose core Person is a member holding a
current post (书记, 委员 … from `start`, until `end` or open) in organisation X sees the rows of X and of
every organisation below it, wherever they lie. Models use it as

    participation_q = classmethod(tree_participation("organisation"))

with the lookup path to the row's PartyOrganisation ("" for the organisation itself)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import reduce

from django.apps import apps
from django.db.models import Q
from django.utils import timezone

from heluo.core.models import UserScope

__all__ = ["held_paths", "tree_participation"]


def held_paths(person_id: int, on: dt.date | None = None) -> list[str]:
    """The tree paths of the organisations where the person holds a post on the day (default today),
    without those already inside another one of them."""
    post = apps.get_model("party", "Post")  # by name: the models import this module
    day = on or timezone.localdate()
    paths = sorted(
        set(
            post.objects.filter(member__person_id=person_id, start__lte=day)
            .filter(Q(end__isnull=True) | Q(end__gte=day))
            .values_list("organisation__path", flat=True)
        )
    )
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(top) for top in kept):
            kept.append(path)
    return kept


def tree_participation(field: str) -> Callable[[type, UserScope], Q | None]:
    """The body of a party model's `participation_q`: rows whose organisation (reached by `field`) lies
    in the subtree of an organisation where the user's person holds a current post."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"

    def participation_q(cls: type, scope: UserScope) -> Q | None:
        if not scope.person_id:
            return None
        paths = held_paths(scope.person_id)
        if not paths:
            return None
        return reduce(lambda a, b: a | b, (Q(**{lookup: path}) for path in paths))

    return participation_q
