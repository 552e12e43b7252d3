"""Party building's ledgers: each part registers its own in its `ledgers_<topic>.py`, imported here."""

from . import (
    ledgers_alliance,  # noqa: F401  (part D: the alliance and 四议两公开)
    ledgers_dues_points,  # noqa: F401
    ledgers_meetings,  # noqa: F401
    ledgers_org,  # noqa: F401
)
