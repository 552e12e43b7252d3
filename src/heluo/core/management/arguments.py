"""Arguments the `heluo` commands of several modules read the same way."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


def moment(text: str) -> dt.datetime:
    """A moment given as ISO 8601 (`--now 2026-11-25T09:00`), in local time when it names no offset;
    CommandError, in the user's language, when it is not one."""
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("Not a date and time: %(text)s (e.g. 2026-11-25T09:00)") % {"text": text}
        ) from error
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
