"""Where a case comes from (来源): a registry other apps extend with their own kinds.

A kind names what the case was made from (an enterprise's problem, an inspection finding, a sensor
alarm …) and, when an app registers it with its model, the case links back to that row through a
generic relation. The database stores the code only, so an app adding a kind needs no migration here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SourceKind:
    code: str
    label: Promise | str
    # "app_label.ModelName" of the rows this kind links to; "" when it links to nothing.
    model: str = ""


SOURCES: dict[str, SourceKind] = {}


def register_source(code: str, label: Promise | str, model: str = "") -> SourceKind:
    """Called from an app's AppConfig.ready(): adds a kind of source (idempotent for the same code)."""
    kind = SourceKind(code, label, model)
    SOURCES[code] = kind
    return kind


def source_choices() -> list[tuple[str, Promise | str]]:
    """The model field's choices: read when a form or page is built, so later registrations count."""
    return [(kind.code, kind.label) for kind in SOURCES.values()]


for _code, _label in (
    ("enterprise_problem", _("enterprise problem")),
    ("inspection", _("inspection finding")),
    ("monitoring_alarm", _("monitoring alarm")),
    ("patrol", _("patrol report")),
    ("instruction", _("leader's instruction")),
    ("external", _("another system")),
    ("other", _("other")),
):
    register_source(_code, _label)
