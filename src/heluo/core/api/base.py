"""The base every app's API is built from: a ledger's serializer and viewset, written once.

A `LedgerViewSet` is configured by the app's `Ledger` (heluo.core.ledger): rows come from
`model.objects.for_user(user)` (an out-of-scope row is a 404), each method needs the permission
`scope.may` grants for it (else 403), and lists take the ledger's filter set and `?q=` search, as
the pages do. A `LedgerSerializer` refers only to rows in the user's scope, masks sensitive fields
for users without the right, and validates through the model (`full_clean`), so the API keeps the
same rules as the forms and imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.filters import BaseFilterBackend
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from heluo.core.api.errors import django_errors
from heluo.core.api.permissions import LedgerPermission
from heluo.core.forms import current_references, validate_other_constraints
from heluo.core.ledger import Ledger
from heluo.core.scope import visible
from heluo.core.services import uniqueness
from heluo.core.services.audit import acting_as
from heluo.core.services.masking import kept_if_masked, log_unmasked, shown


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
    """Base of every ledger's serializer: scoped references, masked sensitive fields, model validation."""

    serializer_related_field = ScopedRelatedField

    display = serializers.SerializerMethodField()

    def get_display(self, obj: models.Model) -> str:
        return str(obj)

    # Uniqueness is checked in validate() as the forms check it (heluo.core.services.uniqueness), not by
    # DRF's validators, whose refusal says that a value exists whoever holds it.
    def get_validators(self) -> list[Any]:
        return []

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        kwargs["validators"] = [v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        return field_class, kwargs

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
        if sensitive and shown_ids is not None:
            shown_ids.append(instance.pk)
        return data

    def _model_fields(self) -> set[str]:
        """Names of the model's own columns this serializer writes directly (not through a relation)."""
        model = self.Meta.model
        columns = {field.name for field in model._meta.concrete_fields}
        return {
            field.source
            for field in self._writable_fields
            if field.source in columns and not isinstance(field, serializers.ManyRelatedField)
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """Run the model's own validation (validators, clean(), constraints), as a ModelForm does."""
        attrs = super().validate(attrs)
        if self.instance is not None:
            for name in getattr(self.instance, "sensitive_fields", ()):
                if name in attrs:
                    attrs[name] = kept_if_masked(self.user, self.instance, name, attrs[name])
        direct = self._model_fields()
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        for name in direct & attrs.keys():
            setattr(instance, name, attrs[name])
        exclude = {field.name for field in model._meta.concrete_fields} - direct
        try:
            # Uniqueness as the forms check it: no record outside the user's scope is named.
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
            validate_other_constraints(instance, exclude)
            clashes = uniqueness.refusals_of(self.user, instance, list(direct))
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from error
        except uniqueness.UniquenessLocked as locked:
            raise serializers.ValidationError(str(locked)) from locked
        if clashes:
            raise serializers.ValidationError(
                {name or api_settings.NON_FIELD_ERRORS_KEY: messages for name, messages in clashes.items()}
            )
        # clean() may normalise a value (an ID number in capitals): store what was validated.
        for name in direct & attrs.keys():
            attrs[name] = getattr(instance, name)
        return attrs


class LedgerViewSet(viewsets.ModelViewSet):
    """List, retrieve, create, update and delete a ledger's rows, within the user's scope."""

    ledger: ClassVar[Ledger]
    permission_classes: ClassVar[list[type[permissions.BasePermission]]] = [LedgerPermission]
    filter_backends: ClassVar[list[type[Any]]] = [DjangoFilterBackend, LedgerSearchFilter]

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
        return {**super().get_serializer_context(), "shown_ids": getattr(self, "shown_ids", None)}

    def finalize_response(self, request: Request, response: Response, *args: Any, **kwargs: Any) -> Any:
        shown_ids = getattr(self, "shown_ids", None)
        if shown_ids and response.status_code < 400:
            log_unmasked(request.user, self.ledger.model, shown_ids, request.get_full_path())
        return super().finalize_response(request, response, *args, **kwargs)

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        # The request's user is the author in the history, whichever way they authenticated.
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        with transaction.atomic(), acting_as(self.request.user):
            serializer.save()

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete a row; refused with 409 and the dependants the user may see while others need it."""
        obj = self.get_object()
        try:
            with transaction.atomic(), acting_as(request.user):
                obj.delete()
        except (ProtectedError, RestrictedError) as error:
            blockers = list(
                error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
            )
            listed = [b for b in blockers if visible(request.user, b)][:20]
            message = _(
                "%(name)s cannot be deleted: other records depend on it. Change or delete them first."
            ) % {"name": obj}
            body = {
                "code": "protected",
                "message": message,
                "dependants": [{"kind": str(b._meta.verbose_name), "display": str(b)} for b in listed],
                "hidden_dependants": len(blockers) - len(listed),
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
