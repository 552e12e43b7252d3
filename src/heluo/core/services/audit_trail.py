"""The audit trail's chain (安全审计): every access event is sealed, with HMAC-SM3 under a key kept outside
the database, over the seal of the event before it and its own fields, in one serialised chain. The
chain's head is anchored outside the database in a file of signed checkpoints (for the audit
administrator). `verify` finds a changed, removed or inserted event, the newest included, and names it.

Without the key, nobody who can only write to the database can seal a row; with it, the checkpoints still
hold every event up to the newest checkpoint.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, hmac
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.models import AccessEvent

KEY_BYTES = 32
# PostgreSQL's advisory lock that serialises the chain's writers ("HELU"). SQLite's writers are serialised
# by its IMMEDIATE transactions.
CHAIN_LOCK = 0x48454C55
# The fields a seal covers, besides the seal before it. The sequence is not one of them: the order is held
# by each event naming the seal before it.
SEALED_FIELDS = (
    "at", "user_id", "username", "kind", "outcome", "address", "context", "content_type", "object_ids", "count",
)  # fmt: skip


def key() -> bytes:
    """The audit key: HELUO_AUDIT_KEY (hex), else the key file, made once (0600) under the data directory."""
    return _key(settings.AUDIT_KEY, str(settings.AUDIT_KEY_FILE))


@cache
def _key(configured: str, path_name: str) -> bytes:
    # Read once per process and setting, not once per event: every audited act seals with it.
    if configured:
        return bytes.fromhex(configured)
    path = Path(path_name)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:  # O_EXCL: two processes starting at once must not write two keys
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(os.urandom(KEY_BYTES).hex())
    return bytes.fromhex(path.read_text().strip())


def _mac(secret: bytes, *parts: bytes) -> str:
    mac = hmac.HMAC(secret, hashes.SM3())
    for part in parts:
        mac.update(part)
    return mac.finalize().hex()


def content(values: Mapping[str, Any]) -> bytes:
    """An event's sealed fields as canonical JSON (the time in UTC to the microsecond)."""
    document = {name: values[name] for name in SEALED_FIELDS}
    document["at"] = values["at"].astimezone(dt.UTC).isoformat(timespec="microseconds")
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def seal_of(previous_seal: str, values: Mapping[str, Any], secret: bytes) -> str:
    return _mac(secret, previous_seal.encode("ascii"), b"\n", content(values))


def _sealed_values(event: AccessEvent) -> dict[str, Any]:
    content_type = event.content_type
    return {
        **{name: getattr(event, name) for name in SEALED_FIELDS if name != "content_type"},
        "content_type": f"{content_type.app_label}.{content_type.model}" if content_type else "",
    }


def append(**fields: Any) -> AccessEvent:
    """Add one event at the chain's head, sealed, in the caller's transaction (or its own)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        head = AccessEvent.objects.order_by("-sequence").values_list("sequence", "seal").first()
        sequence, previous = (head[0] + 1, head[1]) if head else (1, "")
        event = AccessEvent(sequence=sequence, previous_seal=previous, at=timezone.now(), **fields)
        event.seal = seal_of(previous, _sealed_values(event), key())
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head at a moment, signed with the audit key: the anchor outside the database."""

    sequence: int
    seal: str
    at: str
    signature: str
    # An archive's anchor: the records up to this one were moved to an archive file, and the chain in the
    # database starts after it.
    archived: bool = False

    def signed_text(self) -> bytes:
        text = f"{self.sequence}|{self.seal}|{self.at}" + ("|archived" if self.archived else "")
        return text.encode("ascii")

    def signed(self, secret: bytes) -> Checkpoint:
        return replace(self, signature=_mac(secret, self.signed_text()))

    def is_signed(self, secret: bytes) -> bool:
        return _mac(secret, self.signed_text()) == self.signature


def checkpoints_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_FILE)


def read_checkpoints(path: Path | None = None) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in the file, and what is wrong with lines that are not one."""
    path = path or checkpoints_path()
    found: list[Checkpoint] = []
    problems: list[str] = []
    if not path.exists():
        return found, problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
            found.append(
                Checkpoint(int(document["sequence"]), str(document["seal"]), str(document["at"]),
                           str(document["signature"]), bool(document.get("archived", False)))
            )  # fmt: skip
        except (ValueError, KeyError, TypeError):
            problems.append(_("Line %(line)d of the checkpoint file is not a checkpoint.") % {"line": number})
    return found, problems


def write_checkpoint(path: Path | None = None) -> Checkpoint | None:
    """Append the chain's head to the checkpoint file, signed; nothing when the head is already there."""
    path = path or checkpoints_path()
    head = AccessEvent.objects.order_by("-sequence").values_list("sequence", "seal").first()
    if head is None:
        return None
    existing, _problems = read_checkpoints(path)
    if existing and existing[-1].seal == head[1]:
        return None
    return _append_checkpoint(path, head[0], head[1], archived=False)


def _append_checkpoint(path: Path, sequence: int, seal: str, *, archived: bool) -> Checkpoint:
    at = timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds")
    checkpoint = Checkpoint(sequence, seal, at, "", archived).signed(key())
    document = {**checkpoint.__dict__}
    if not archived:
        del document["archived"]
    _append_line(path, json.dumps(document, sort_keys=True))
    return checkpoint


def _append_line(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Finding:
    """What verify found wrong, and the event it names (its sequence), if one."""

    sequence: int | None
    message: str


def _named(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "sequence": row["sequence"],
        "at": timezone.localtime(row["at"]).strftime("%Y-%m-%d %H:%M:%S"),
        "user": row["username"] or "-",
        "kind": row["kind"],
    }


def verify(
    rows: Iterable[Mapping[str, Any]],
    checkpoints: Iterable[Checkpoint],
    secret: bytes,
    *,
    to_the_head: bool = True,
) -> tuple[int, list[Finding]]:
    """Check the chain, rows in sequence order (each with the SEALED_FIELDS, sequence, seal and
    previous_seal), against itself and the checkpoints. Returns the rows read and the findings.

    The first row follows nothing or an archive's signed anchor. Every signed head from the first row on
    must be found; with `to_the_head` (the database, not an archive file) also those after the last row,
    which names a removed newest record."""
    findings: list[Finding] = []
    signed: dict[str, Checkpoint] = {}
    starts = {""}
    for checkpoint in checkpoints:
        if checkpoint.is_signed(secret):
            if checkpoint.archived:
                starts.add(checkpoint.seal)
            else:
                signed[checkpoint.seal] = checkpoint
        else:
            findings.append(
                Finding(None, _("The checkpoint of %(at)s is not signed with this installation's audit key.")
                        % {"at": checkpoint.at})
            )  # fmt: skip
    anchored: set[str] = set()
    previous: Mapping[str, Any] | None = None
    first_sequence: int | None = None
    count = 0
    for row, after in pairwise(chain(rows, [None])):
        assert row is not None
        count += 1
        first_sequence = row["sequence"] if first_sequence is None else first_sequence
        names = _named(row)
        if row["seal"] in signed:
            anchored.add(row["seal"])
        if seal_of(row["previous_seal"], row, secret) != row["seal"]:
            if (after is not None and after["previous_seal"] == row["seal"]) or row["seal"] in signed:
                message = _("Record #%(sequence)d (%(at)s, %(user)s, %(kind)s) was changed.")
            elif after is not None and previous is not None and after["previous_seal"] == previous["seal"]:
                findings.append(
                    Finding(row["sequence"], _("Record #%(sequence)d (%(at)s, %(user)s, %(kind)s) was inserted.")
                            % names)
                )  # fmt: skip
                continue
            else:
                message = _("Record #%(sequence)d (%(at)s, %(user)s, %(kind)s) does not match its seal: it was "
                            "changed or inserted.")  # fmt: skip
            findings.append(Finding(row["sequence"], message % names))
        elif (row["previous_seal"] != previous["seal"]) if previous else (row["previous_seal"] not in starts):
            first, last = (previous["sequence"] + 1 if previous else 1), row["sequence"] - 1
            missing = (
                f"#{first}" if first == last else f"#{first}–#{last}" if first < last else _("renumbered")
            )
            findings.append(
                Finding(row["sequence"], _("Records before #%(sequence)d were removed (%(missing)s).")
                        % {"sequence": row["sequence"], "missing": missing})
            )  # fmt: skip
        previous = row
    last_sequence = previous["sequence"] if previous else 0
    for seal, checkpoint in signed.items():
        before_the_rows = first_sequence is not None and checkpoint.sequence < first_sequence
        after_the_rows = not to_the_head and checkpoint.sequence > last_sequence
        if seal not in anchored and not before_the_rows and not after_the_rows:
            findings.append(
                Finding(checkpoint.sequence,
                        _("Record #%(sequence)d, the chain's head at the checkpoint of %(at)s, is missing: it "
                          "was removed or changed.") % {"sequence": checkpoint.sequence, "at": checkpoint.at})
            )  # fmt: skip
    return count, findings


CHAIN_COLUMNS = ("sequence", "seal", "previous_seal", *SEALED_FIELDS)


def chain_rows(through: int | None = None) -> Iterator[dict[str, Any]]:
    """The stored chain in sequence order (up to `through`), as verify reads it."""
    columns = [name for name in CHAIN_COLUMNS if name != "content_type"]
    events = (
        AccessEvent.objects.all() if through is None else AccessEvent.objects.filter(sequence__lte=through)
    )
    query = events.order_by("sequence").values(*columns, "content_type__app_label", "content_type__model")
    for row in query.iterator(chunk_size=5000):
        app_label, model = row.pop("content_type__app_label"), row.pop("content_type__model")
        row["content_type"] = f"{app_label}.{model}" if app_label else ""
        yield row


def verify_stored(path: Path | None = None) -> tuple[int, list[Finding]]:
    """verify() over this installation's chain and checkpoint file."""
    found, problems = read_checkpoints(path)
    count, findings = verify(chain_rows(), found, key())
    return count, [Finding(None, problem) for problem in problems] + findings


def _archive_line(row: Mapping[str, Any]) -> str:
    return json.dumps({**row, "at": row["at"].isoformat()}, ensure_ascii=False, sort_keys=True)


def read_archive(path: Path) -> Iterator[dict[str, Any]]:
    """An archive file's records, as verify reads them."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                row["at"] = dt.datetime.fromisoformat(row["at"])
                yield row


def verify_archive(path: Path, checkpoints: Path | None = None) -> tuple[int, list[Finding]]:
    """verify() over an archive file: its records follow nothing or an earlier archive's anchor."""
    found, problems = read_checkpoints(checkpoints)
    count, findings = verify(read_archive(path), found, key(), to_the_head=False)
    return count, [Finding(None, problem) for problem in problems] + findings


def archive(before: dt.datetime, target: Path, checkpoints: Path | None = None) -> int:
    """Move the records older than `before` (the chain's oldest, up to the first newer one) to the file
    `target`, then delete them; returns how many. Records are kept at least settings.AUDIT_KEEP_DAYS.

    The file is written and synced first, then the last archived record is anchored (signed) in the
    checkpoint file, then the records are deleted: a crash between leaves records in both places, never
    in neither. A chain that does not verify is not archived."""
    if before > timezone.now() - dt.timedelta(days=settings.AUDIT_KEEP_DAYS):
        raise ValueError(
            _("Audit records are kept at least %(days)d days: choose a day before %(day)s.")
            % {"days": settings.AUDIT_KEEP_DAYS,
               "day": timezone.localdate() - dt.timedelta(days=settings.AUDIT_KEEP_DAYS)}
        )  # fmt: skip
    newer = AccessEvent.objects.filter(at__gte=before).order_by("sequence").values_list("sequence", flat=True)
    first_kept = newer.first()
    old = (
        AccessEvent.objects.all()
        if first_kept is None
        else AccessEvent.objects.filter(sequence__lt=first_kept)
    )
    last = old.order_by("-sequence").values_list("sequence", "seal").first()
    if last is None:
        return 0
    found, _problems = read_checkpoints(checkpoints)
    _count, findings = verify(chain_rows(last[0]), found, key(), to_the_head=False)
    if findings:
        raise ValueError(
            _("The audit trail does not verify; it is not archived: %(first)s")
            % {"first": findings[0].message}
        )
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        count = 0
        for row in chain_rows(last[0]):
            handle.write(_archive_line(row) + "\n")
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    _append_checkpoint(checkpoints or checkpoints_path(), last[0], last[1], archived=True)
    with transaction.atomic():
        # The one deletion of audit records: below the application's append-only guard, after the archive.
        AccessEvent.objects.filter(sequence__lte=last[0])._raw_delete(AccessEvent.objects.db)
    return count
