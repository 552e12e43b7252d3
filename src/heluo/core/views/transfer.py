"""Excel in and out of every ledger, and the job pages that show long work with a progress bar."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.ledger import LEDGERS
from heluo.core.models import Job, JobKind
from heluo.core.scope import may
from heluo.core.services import jobs, transfer
from heluo.core.services.files import check_upload_size
from heluo.core.tabular.reading import SUFFIXES
from heluo.core.tabular.writing import write_template
from heluo.core.tasks import run_job_task
from heluo.core.views.generic import LedgerView


def _start(request: HttpRequest, job: Job, inline: bool) -> HttpResponse:
    """Run a small job now; hand a big one to the task worker. Either way, show its page."""
    if inline:
        jobs.run_job(job.pk)
    else:
        run_job_task(job.pk)
    return HttpResponseRedirect(job.get_absolute_url())


class LedgerExportView(LedgerView):
    """The list's rows as .xlsx (the list's filters in the query string). A small export is the answer
    itself; a large one is a job, started only by a POST: a GET (a link, a prefetch) asks first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.urlencode()
        count = transfer.filtered_rows(self.ledger, request.user, query).count()
        if count <= jobs.INLINE_ROWS:
            return self._download(request, query)
        return render(request, "core/export_confirm.html", self.context(count=count, query=query))

    def post(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.urlencode()
        if transfer.filtered_rows(self.ledger, request.user, query).count() <= jobs.INLINE_ROWS:
            return self._download(request, query)
        job = jobs.queue_job(request.user, JobKind.EXPORT, self.ledger.label, params={"query": query})
        return _start(request, job, inline=False)

    def _download(self, request: HttpRequest, query: str) -> HttpResponse:
        name, data, _count = transfer.export_to_bytes(self.ledger, request.user, query)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = _attachment(name)
        return response


class LedgerTemplateView(LedgerView):
    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        write_template(self.ledger, response)
        response["Content-Disposition"] = _attachment(
            f"{self.ledger.verbose_name_plural}-{_('template')}.xlsx"
        )
        return response


class LedgerImportView(LedgerView):
    template_name = "core/ledger_import.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (
            may(request.user, "add", self.ledger.model) or may(request.user, "change", self.ledger.model)
        ):
            raise PermissionDenied(_("You have no permission for this page."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, self.context(suffixes=" ".join(sorted(SUFFIXES))))

    def post(self, request: HttpRequest) -> HttpResponse:
        uploaded = request.FILES.get("file")
        error = None
        if uploaded is None:
            error = _("Choose a file to upload.")
        elif not uploaded.name or not uploaded.name.lower().endswith(tuple(SUFFIXES)):
            error = _("Files of type %(suffix)s cannot be imported: use .xlsx, .xls, .ods or .csv.") % {
                "suffix": (uploaded.name or "?").rsplit(".", 1)[-1]}  # fmt: skip
        else:
            error = check_upload_size(uploaded)
        if error:
            return render(
                request,
                self.template_name,
                self.context(error=error, suffixes=" ".join(sorted(SUFFIXES))),
                status=400,
            )
        data = uploaded.read()
        job = jobs.queue_job(
            request.user, JobKind.IMPORT_PREVIEW, self.ledger.label, source=(uploaded.name, data)
        )
        return _start(request, job, inline=jobs.small_file(uploaded.name or "", data))


def _attachment(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"


def _own_job(request: HttpRequest, pk: int) -> Job:
    """A job is its user's alone (and operations staff's)."""
    job = get_object_or_404(Job.objects.select_related("user"), pk=pk)
    if job.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404
    return job


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    ledger = LEDGERS.get(job.ledger)
    context = {
        "job": job,
        "ledger": ledger,
        "result": job.result,
        "list_url": ledger.url("list") if ledger else "",
    }
    if getattr(request, "htmx", False):
        return render(request, "core/job_status.html", context)
    return render(request, "core/job_detail.html", context)


@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the previewed file: a new job over the same file, checked again inside its transaction."""
    preview = _own_job(request, pk)
    if preview.kind != JobKind.IMPORT_PREVIEW or not preview.finished or preview.result.get("error_count"):
        messages.error(request, _("Only a preview without problems can be imported."))
        return HttpResponseRedirect(preview.get_absolute_url())
    preview.source.open("rb")
    data = preview.source.read()
    job = jobs.queue_job(
        request.user, JobKind.IMPORT_APPLY, preview.ledger, source=(preview.params["filename"], data),
        params={"preview": preview.pk},
    )  # fmt: skip
    return _start(request, job, inline=jobs.small_file(preview.params["filename"], data))


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _own_job(request, pk)
    if not job.result_file:
        raise Http404
    name = job.result.get("filename") or job.result_file.name.rsplit("/", 1)[-1]
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)


def job_list(request: HttpRequest) -> HttpResponse:
    items = list(Job.objects.filter(user=request.user)[:100])
    for job in items:
        ledger = LEDGERS.get(job.ledger)
        job.ledger_name = ledger.verbose_name_plural if ledger else job.ledger  # type: ignore[attr-defined]
    return render(request, "core/job_list.html", {"items": items})
