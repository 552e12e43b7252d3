"""Party building's published figures (core's figures registry), one module per part; importing this
package registers them."""

from . import (
    alliance,  # noqa: F401  (part D)
    meetings,  # noqa: F401
    members,  # noqa: F401
    points,  # noqa: F401
)
