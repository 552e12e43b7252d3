"""Core's background work (huey): jobs (imports, exports), outside deliveries of notifications, dormant accounts."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, on_startup

from heluo.core.models import Delivery, DeliveryState
from heluo.core.services import audit_trail, identity, jobs, notifications


class DeliveryPending(Exception):
    """Raised so that huey retries a delivery that failed this time."""


@db_task(retries=notifications.MAX_ATTEMPTS, retry_delay=60)
def deliver_task(delivery_id: int) -> str:
    state = notifications.deliver(delivery_id)
    if state == DeliveryState.PENDING:
        raise DeliveryPending(delivery_id)
    return state


@db_periodic_task(crontab(minute="*/10"))
def resend_pending_deliveries() -> int:
    """Catch up on deliveries whose task was lost (worker down when they were queued)."""
    pending = list(Delivery.objects.filter(state=DeliveryState.PENDING).values_list("pk", flat=True)[:500])
    for pk in pending:
        notifications.deliver(pk)
    return len(pending)


@db_task()
def run_job_task(job_id: int) -> str:
    return jobs.run_job(job_id).state


@on_startup()
def fail_jobs_of_dead_workers() -> None:
    """A job left running by a worker that died is failed with that reason when a worker starts."""
    jobs.fail_dead_jobs()


@db_periodic_task(crontab(minute="*"))
def checkpoint_audit_trail() -> int:
    """Anchor the audit trail's head outside the database every minute (the newest records included)."""
    written = audit_trail.write_checkpoint()
    return written.sequence if written else 0


@db_periodic_task(crontab(hour="3", minute="20"))
def disable_dormant_accounts() -> int:
    """Daily: disable the accounts unused for longer than the security policy allows (off by default)."""
    return len(identity.disable_dormant_accounts())
