"""The ledger views, written once: list, detail, history, create, edit, delete, autocomplete.

Each view is configured by a Ledger (heluo.core.ledger). Permission (module + Django permission) is
checked on entry, and every row is fetched through `for_user`, so an out-of-scope row is a 404.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from heluo.core.display import display, field_label, history_entries
from heluo.core.ledger import Ledger
from heluo.core.scope import Action, may
from heluo.core.services.files import attachments_of
from heluo.core.services.masking import log_shown
from heluo.core.services.rows import delete_row
from heluo.core.views.access import check_may

PER_PAGE_CHOICES = (25, 50, 100, 200)


class LedgerView(View):
    ledger: Ledger = None  # type: ignore[assignment]
    action: ClassVar[Action] = "view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        check_may(request.user, self.action, self.ledger.model)
        return super().dispatch(request, *args, **kwargs)

    def queryset(self) -> QuerySet:
        return self.ledger.model.objects.for_user(self.request.user)  # type: ignore[attr-defined]

    def get_object(self) -> Model:
        return get_object_or_404(self.queryset(), pk=self.kwargs["pk"])

    def permissions(self, obj: Model | None = None) -> dict[str, bool]:
        user = self.request.user
        can = {action: may(user, action, self.ledger.model) for action in ("add", "change", "delete")}
        can["delete"] = can["delete"] and self.ledger.deletable
        if obj is not None and obj.pk:
            can["change"] = can["change"] and self.ledger.change_refusal(user, obj) is None
        return can

    def context(self, **extra: Any) -> dict[str, Any]:
        urls = {action: self.ledger.url(action) for action in ("list", "add", "export", "import", "template")}
        obj = extra.get("object")
        if obj is not None and obj.pk:
            actions = (
                ("detail", "edit", "delete", "history")
                if self.ledger.deletable
                else ("detail", "edit", "history")
            )
            urls.update({action: self.ledger.url(action, obj.pk) for action in actions})
        return {
            "ledger": self.ledger,
            "opts": self.ledger.model._meta,
            "can": self.permissions(obj),
            "urls": urls,
            **extra,
        }


class LedgerListView(LedgerView):
    template_name = "core/ledger_list.html"
    partial_template_name = "core/ledger_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = self.ledger.list_queryset(self.ledger.search(self.queryset(), request.GET.get("q")))
        filterset = self.ledger.filterset(request.GET or None, queryset=rows, request=request)
        table = self.ledger.table(filterset.qs, request=request)
        try:
            per_page = int(request.GET.get("per_page", PER_PAGE_CHOICES[0]))
        except ValueError:
            per_page = PER_PAGE_CHOICES[0]
        per_page = per_page if per_page in PER_PAGE_CHOICES else PER_PAGE_CHOICES[0]
        RequestConfig(request, paginate=False).configure(table)
        # Paginated here, not by RequestConfig: it would take any ?per_page= (a million rows) as it came.
        try:
            table.paginate(page=request.GET.get("page", 1), per_page=per_page)
        except PageNotAnInteger:
            table.paginate(page=1, per_page=per_page)
        except EmptyPage:
            table.paginate(page=table.paginator.num_pages, per_page=per_page)
        page_ids = [row.pk for row in table.page.object_list.data] if table.page else []
        log_shown(request.user, self.ledger.model, page_ids, request.get_full_path())
        context = self.context(
            table=table, filter=filterset, query=request.GET.get("q", ""), per_page_choices=PER_PAGE_CHOICES
        )
        partial = getattr(request, "htmx", False)
        template = self.partial_template_name if partial else self.template_name
        # A filter value out of its range (a year 0) is ignored and said beside its field; a whole page
        # answers 400 (htmx swaps only a 200 into the table).
        refused = filterset.is_bound and not filterset.is_valid() and not partial
        return render(request, template, context, status=400 if refused else 200)


class LedgerDetailView(LedgerView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        rows = [
            (field_label(type(obj), name), display(obj, name, request.user))
            for name in self.ledger.fields_for_detail()
        ]
        log_shown(request.user, self.ledger.model, [obj.pk], request.get_full_path())
        attachments = list(attachments_of(obj)) if self.ledger.attachments else None
        return render(
            request,
            self.ledger.detail_template,
            self.context(object=obj, rows=rows, attachments=attachments, tab="detail"),
        )


class LedgerHistoryView(LedgerView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        entries = history_entries(obj, request.user)
        log_shown(request.user, self.ledger.model, [obj.pk], request.get_full_path())
        return render(
            request, "core/ledger_history.html", self.context(object=obj, entries=entries, tab="history")
        )


class LedgerFormView(LedgerView):
    template_name = "core/ledger_form.html"

    def form(self, instance: Model | None) -> Any:
        if self.request.method == "POST":
            return self.ledger.form(
                self.request.POST, self.request.FILES, instance=instance, user=self.request.user
            )
        # A new row may start from values in the link (e.g. ?grid=3 from a grid's page).
        initial = self.request.GET.dict() if instance is None else None
        return self.ledger.form(instance=instance, initial=initial, user=self.request.user)

    def instance(self) -> Model | None:
        return None

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        instance = self.instance()
        return render(request, self.template_name, self.context(form=self.form(instance), object=instance))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        instance = self.instance()
        form = self.form(instance)
        if form.is_valid():
            with transaction.atomic():
                obj = self.ledger.save(form, request.user)
            messages.success(request, _("Saved %(name)s.") % {"name": obj})
            password = getattr(obj, "temporary_password", None)
            if password:
                messages.info(
                    request,
                    _(
                        "The temporary password of %(user)s is %(password)s — it must be changed at first login."
                    )
                    % {"user": obj, "password": password},
                )
            return HttpResponseRedirect(obj.get_absolute_url())
        return render(request, self.template_name, self.context(form=form, object=instance), status=400)


class LedgerCreateView(LedgerFormView):
    action = "add"


class LedgerUpdateView(LedgerFormView):
    action = "change"

    def instance(self) -> Model | None:
        obj = self.get_object()
        refusal = self.ledger.change_refusal(self.request.user, obj)
        if refusal is not None:
            raise PermissionDenied(refusal)
        return obj


class LedgerDeleteView(LedgerView):
    action = "delete"
    template_name = "core/ledger_delete.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, self.context(object=self.get_object()))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        obj = self.get_object()
        dependants = delete_row(self.ledger, obj, request.user)
        if dependants is not None:
            context = self.context(object=obj, blockers=dependants.shown, hidden_blockers=dependants.hidden)
            return render(request, self.template_name, context, status=409)
        messages.success(request, _("Deleted %(name)s.") % {"name": obj})
        return HttpResponseRedirect(self.ledger.url("list"))


class LedgerAutocompleteView(LedgerView):
    """Choices for a select as the user types: JSON of up to 20 rows in the user's scope."""

    limit = 20

    def get(self, request: HttpRequest) -> JsonResponse:
        rows = self.ledger.list_queryset(self.ledger.search(self.queryset(), request.GET.get("q")))
        results = [{"id": row.pk, "text": self.ledger.choice_label(row)} for row in rows[: self.limit]]
        return JsonResponse({"results": results})
