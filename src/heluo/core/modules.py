"""Heluo's modules (the lines, 条, that roles open) and the sidebar entries each module registers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MODULES: dict[str, Promise] = {
    "core": _("Base data"),
    "cases": _("Supervision"),
    "dust": _("Dust control"),
    "monitoring": _("Monitoring"),
    "party": _("Party building"),
    "militia": _("Militia"),
    "studyrooms": _("City study rooms"),
    "enterprise": _("Enterprise services"),
    "dashboards": _("Dashboards"),
}

# Modules no user covers implicitly: a superuser and the system operator (unrestricted elsewhere) and the
# roles whose patterns reach every module are refused them; only a role naming the module opens it.
SENSITIVE_MODULES: frozenset[str] = frozenset({"militia"})


@dataclass(frozen=True)
class MenuItem:
    label: Promise | str
    url_name: str
    model: str = ""  # "app_label.ModelName": shown only to users who may view it
    icon: str = ""
    permission: str = ""  # "app_label.codename": shown only to users who hold it
    duty: str = ""  # one of services.duties' duties: under 三员分立 shown only to its holders


@dataclass
class MenuSection:
    module: str
    items: list[MenuItem] = field(default_factory=list)

    @property
    def label(self) -> Promise:
        return MODULES[self.module]


MENU: dict[str, MenuSection] = {}


def register_menu(module: str, *items: MenuItem) -> None:
    """Called from each app's AppConfig.ready(): adds the app's pages to the sidebar."""
    if module not in MODULES:
        raise ValueError(f"unknown module {module!r}")
    MENU.setdefault(module, MenuSection(module)).items.extend(items)
