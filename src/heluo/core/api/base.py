"""The base every app's API is built from: a ledger's serializer and viewset, written once.

A `LedgerViewSet` is configured by the app's `Ledger` (heluo.core.ledger): rows come from
`model.objects.for_user(user)` (an out-of-scope row is a 404), each method needs the permission
`scope.may` grants for it (else 403), and lists take the ledger's filter set and `?q=` search, as
the pages do. A `LedgerSerializer` shows a row (sensitive fields masked for users without the right)
and takes a write the way a page does: the ledger's form validates it and `Ledger.save` stores it, so
the API keeps exactly the rules of the pages and imports. Deleting goes through `delete_row`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import QueryDict
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.fields import empty
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.settings import api_settings

from heluo.core.api.permissions import LedgerPermission
from heluo.core.forms import current_references, unchanged_data
from heluo.core.ledger import Ledger
from heluo.core.services.audit import acting_as
from heluo.core.services.masking import log_shown, shown
from heluo.core.services.rows import delete_row


class LedgerSearchFilter(BaseFilterBackend):
    """`?q=`: rows whose search fields contain every word, as the ledger's search box does."""

    def filter_queryset(self, request: Request, queryset: models.QuerySet, view: Any) -> models.QuerySet:
        return view.ledger.search(queryset, request.query_params.get("q", ""))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "q",
                "required": False,
                "in": "query",
                "description": str(_("Words to search for (every word must match)")),
                "schema": {"type": "string"},
            }
        ]


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to a row: only rows in the request user's scope exist for it, plus the rows the
    instance already refers to (as in the forms: a kept reference is not a new grant)."""

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        if not hasattr(queryset, "for_user"):
            return queryset
        request = self.context.get("request")
        scoped = queryset.for_user(getattr(request, "user", None))
        kept = self._current()
        return scoped | queryset.model._default_manager.filter(pk__in=kept) if kept else scoped

    def _current(self) -> list[Any]:
        instance = getattr(self.root, "instance", None)
        if not isinstance(instance, models.Model):
            return []
        field = self.parent if isinstance(self.parent, serializers.ManyRelatedField) else self
        return current_references(instance, [field.source]).get(field.source, [])


class LedgerSerializer(serializers.ModelSerializer):
    """Base of every ledger's serializer: scoped references, masked sensitive fields, the ledger's form."""

    serializer_related_field = ScopedRelatedField

    display = serializers.SerializerMethodField()

    def get_display(self, obj: models.Model) -> str:
        return str(obj)

    @property
    def user(self) -> Any:
        request = self.context.get("request")
        return getattr(request, "user", None)

    def to_representation(self, instance: models.Model) -> dict[str, Any]:
        data = super().to_representation(instance)
        sensitive = [name for name in getattr(instance, "sensitive_fields", ()) if name in data]
        for name in sensitive:
            data[name] = shown(self.user, instance, name, data[name])
        shown_ids = self.context.get("shown_ids")
        if (sensitive or getattr(instance, "access_logged", False)) and shown_ids is not None:
            shown_ids.append(instance.pk)
        return data

    @property
    def ledger(self) -> Ledger:
        return self.context["ledger"]  # type: ignore[no-any-return]

    def run_validation(self, data: Any = empty) -> dict[str, Any]:
        """Validate a write with the ledger's form, as the page would: its fields, clean(), the model's
        rules and constraints, scoped choices, masked fields kept. The form is the one validation of a
        write; the serializer's fields only describe it (and show the row). Fields left out keep their
        values (see `form_for`)."""
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [_("Send the record's fields as a JSON object.")]}
            )
        form = form_for(self.ledger, self.user, self.instance, data)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        self._form = form
        return dict(form.cleaned_data)

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        return self.ledger.save(self._form, self.user)

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        return self.ledger.save(self._form, self.user)


def form_for(
    ledger: Ledger, user: Any, instance: models.Model | None, data: Mapping[str, Any]
) -> forms.ModelForm:
    """The ledger's form bound to an API write: the request's values for the fields it sends, and for the
    others what the page's form shows before anyone types — the row's current values, or a new row's
    defaults — so a field left out is left as it is (a required one without a value is refused)."""
    form_class: Any = ledger.form
    stored = unchanged_data(form_class(instance=instance, user=user))
    kept = {name: value for name, value in stored.items() if name not in data}
    if isinstance(data, QueryDict):
        merged = data.copy()
        for name, value in kept.items():
            merged.setlist(name, value if isinstance(value, list) else [value])
        return form_class(merged, instance=instance, user=user)  # type: ignore[no-any-return]
    return form_class({**kept, **data}, instance=instance, user=user)  # type: ignore[no-any-return]


def form_errors(form: forms.BaseForm) -> dict[str, Any]:
    """A form's errors in the API's shape: by field, the form's own under non_field_errors."""
    errors = form.errors.get_json_data()
    return {
        ("non_field_errors" if field == "__all__" else field): [
            serializers.ErrorDetail(item["message"], code=item["code"] or "invalid") for item in items
        ]
        for field, items in errors.items()
    }


class LedgerViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update and delete a ledger's rows, within the user's scope."""

    ledger: ClassVar[Ledger]
    permission_classes: ClassVar[list[type[permissions.BasePermission]]] = [LedgerPermission]
    filter_backends: ClassVar[list[type[Any]]] = [DjangoFilterBackend, LedgerSearchFilter]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ledger = cls.__dict__.get("ledger")
        if ledger is not None and not ledger.deletable:
            # Rows kept for ever: no DELETE in the API, as no delete page on the site.
            cls.http_method_names = [m for m in cls.http_method_names if m != "delete"]

    @property
    def filterset_class(self) -> type[Any]:
        return self.ledger.filterset

    def get_queryset(self) -> models.QuerySet:
        rows = self.ledger.list_queryset(self.ledger.model.objects.for_user(self.request.user))  # type: ignore[attr-defined]
        # Pages of an unordered list could repeat or skip rows.
        return rows if rows.ordered else rows.order_by("pk")

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.shown_ids: list[Any] = []

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(), "shown_ids": getattr(self, "shown_ids", None), "ledger": self.ledger,
        }  # fmt: skip

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Any:
        shown_ids = getattr(self, "shown_ids", None)
        if shown_ids and response.status_code < 400:
            log_shown(request.user, self.ledger.model, shown_ids, request.get_full_path())
        return super().finalize_response(request, response, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        # The request's user is the author in the history, whichever way they authenticated.
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        refusal = self.ledger.change_refusal(self.request.user, serializer.instance)
        if refusal is not None:
            raise PermissionDenied(refusal)
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete a row; refused with 409 and the dependants the user may see while others need it."""
        obj = self.get_object()
        dependants = delete_row(self.ledger, obj, request.user)
        if dependants is not None:
            message = _(
                "%(name)s cannot be deleted: other records depend on it. Change or delete them first."
            ) % {"name": obj}
            body = {
                "code": "protected",
                "message": message,
                "dependants": [{"kind": kind, "display": name} for kind, name in dependants.shown],
                "hidden_dependants": dependants.hidden,
            }
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register_ledgers(router: BaseRouter, *viewsets: type[LedgerViewSet]) -> None:
    """Route each viewset at <app label>/<ledger slug>/, the path of its pages under /api/."""
    for viewset in viewsets:
        ledger = viewset.ledger
        router.register(
            f"{ledger.app_label}/{ledger.slug}", viewset, basename=f"{ledger.app_label}-{ledger.model_name}"
        )


def answer_unauthenticated_themselves(
    patterns: Sequence[URLPattern | URLResolver],
) -> Sequence[URLPattern | URLResolver]:
    """Exempt API views from the login redirect: DRF answers 401/403 in JSON instead."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            answer_unauthenticated_themselves(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns
