"""Jobs: long work (imports, exports, reports) run by the task worker, with who, what, state and progress."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    EXPORT = "export", _("export")
    IMPORT_PREVIEW = "import_preview", _("import preview")
    IMPORT_APPLY = "import_apply", _("import")


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """One piece of long work. The page polls it; the worker moves it; a dead worker's job is failed."""

    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    ledger = models.CharField(_("ledger"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="jobs"
    )
    state = models.CharField(_("state"), max_length=20, choices=JobState.choices, default=JobState.QUEUED)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    # What the job works on: the uploaded file, the list's filters.
    params = models.JSONField(_("parameters"), default=dict)
    source = models.FileField(_("uploaded file"), upload_to="jobs/in/%Y/%m", blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/out/%Y/%m", blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # host:pid of the worker running it, so a restarted worker knows which jobs died with it.
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "worker"], name="core_job_state_worker")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("core:job_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.state == JobState.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in {JobState.SUCCEEDED, JobState.FAILED}
