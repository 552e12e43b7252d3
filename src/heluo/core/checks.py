"""System checks: what a module's author must not forget, refused at start (`heluo check`, every command)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core import checks
from django.db import models

from heluo.core.modules import MODULES


@checks.register(checks.Tags.models)
def scoped_models_name_their_line(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Every model with a scoped manager (`for_user`) names the line (条) it belongs to: a model that
    forgot would otherwise show itself to every role covering some default line."""
    return lines_of(apps.get_models())


def lines_of(scoped: Iterable[type[models.Model]]) -> list[checks.CheckMessage]:
    """The errors of `scoped_models_name_their_line` for these models."""
    errors: list[checks.CheckMessage] = []
    for model in scoped:
        if not hasattr(model._default_manager, "for_user"):
            continue
        module = getattr(model, "scope_module", None)
        if module is None:
            errors.append(
                checks.Error(
                    f"{model._meta.label} is scoped (for_user) but does not say which line it belongs to.",
                    hint="Set scope_module to one of: " + ", ".join(MODULES),
                    obj=model,
                    id="heluo.E001",
                )
            )
        if getattr(model, "sensitive_fields", ()) and not getattr(model, "full_view_permission", ""):
            errors.append(
                checks.Error(
                    f"{model._meta.label} has sensitive fields but names no right to see them in full.",
                    hint='Set full_view_permission to "app_label.codename", a permission of its module.',
                    obj=model,
                    id="heluo.E003",
                )
            )
        if module is None:
            continue
        if module not in MODULES:
            errors.append(
                checks.Error(
                    f"{model._meta.label}.scope_module = {module!r} is not a module of Heluo.",
                    hint="One of: " + ", ".join(MODULES),
                    obj=model,
                    id="heluo.E002",
                )
            )
    return errors
