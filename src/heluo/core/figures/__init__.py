"""Official figures (统计口径) and the sentences officials write from them: the one place a published
number is computed, so a page, a "copy as text" button, an Excel summary, the cockpit and a scheduled
briefing with no user behind it all read the same value (docs/figures.md).

An app declares its figures in its `figures.py`, registered from its AppConfig.ready():

    register_figure(Figure("enterprise.cooperation.projects", _("projects in the ledger"), "enterprise",
                           compute=count_projects, unit="个"))

`compute(territory, period)` reads rows only — never a user — and returns a number (int or Decimal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .registry import (
        FIGURES,
        SENTENCES,
        Figure,
        Period,
        Reading,
        Sentence,
        Territory,
        breakdown,
        figure,
        register_figure,
        register_sentence,
        render_sentence,
        series,
        value,
    )


def __getattr__(name: str) -> Any:
    # The registry is loaded on first use, so the pure writing module (heluo.core.figures.writing) is
    # imported without Django.
    if name in __all__:
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FIGURES",
    "SENTENCES",
    "Figure",
    "Period",
    "Reading",
    "Sentence",
    "Territory",
    "breakdown",
    "figure",
    "register_figure",
    "register_sentence",
    "render_sentence",
    "series",
    "value",
]
