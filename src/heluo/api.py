"""The API's root, mounted at /api/: every app's routes, the token, the caller, the schema and its page.

An app adds its objects by giving its `api.py` (its AppConfig's `api_module`) a `register(router)` (see
heluo.core.api.ledgers); every installed Heluo app's is called in turn.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from heluo.core.api.auth import MeView, TokenView
from heluo.core.api.base import answer_unauthenticated_themselves
from heluo.core.api.permissions import Authenticated

router = DefaultRouter()
for config in apps.get_app_configs():
    module = getattr(config, "api_module", f"{config.name}.api")
    if config.name.startswith("heluo.") and find_spec(module) is not None:
        import_module(module).register(router)

urlpatterns = [
    *answer_unauthenticated_themselves(
        [
            path("token/", TokenView.as_view(), name="api-token"),
            path("me/", MeView.as_view(), name="api-me"),
            path(
                "schema/", SpectacularAPIView.as_view(permission_classes=[Authenticated]), name="api-schema"
            ),
            *router.urls,
        ]
    ),
    # A page for people: without a session it sends them to log in, like every page.
    path("docs/", TemplateView.as_view(template_name="core/api_docs.html"), name="api-docs"),
]
