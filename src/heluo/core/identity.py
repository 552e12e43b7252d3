"""The arithmetic of the identity controls (身份鉴别): character classes, password age, idle sessions,
dormant accounts. Pure: no Django, no database — heluo.core.services.identity applies these rules with
the security policy's values."""

from __future__ import annotations

import datetime as dt
import string

CHARACTER_CLASSES = ("upper", "lower", "digit", "symbol")


def character_classes(password: str) -> set[str]:
    """Which of upper case, lower case, digits and symbols (anything else, Chinese too) the password uses."""
    found = set()
    for char in password:
        if char in string.ascii_uppercase:
            found.add("upper")
        elif char in string.ascii_lowercase:
            found.add("lower")
        elif char in string.digits:
            found.add("digit")
        else:
            found.add("symbol")
    return found


def password_expired(changed_at: dt.datetime, now: dt.datetime, max_age_days: int) -> bool:
    """Whether a password set at `changed_at` is older than `max_age_days` at `now` (0: never expires)."""
    return max_age_days > 0 and now - changed_at > dt.timedelta(days=max_age_days)


def idle_too_long(last_activity: float, now: float, timeout_minutes: int) -> bool:
    """Whether a session last active at `last_activity` (seconds) has been idle past the timeout at `now`
    (0: no timeout)."""
    return timeout_minutes > 0 and now - last_activity > timeout_minutes * 60


def dormancy_cutoff(now: dt.datetime, dormant_days: int) -> dt.datetime | None:
    """Accounts last seen before this moment are dormant (None: the control is off)."""
    return now - dt.timedelta(days=dormant_days) if dormant_days > 0 else None
