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
from dataclasses import dataclass
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
    if settings.AUDIT_KEY:
        return bytes.fromhex(settings.AUDIT_KEY)
    path = Path(settings.AUDIT_KEY_FILE)
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

    def signed_text(self) -> bytes:
        return f"{self.sequence}|{self.seal}|{self.at}".encode("ascii")


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
                           str(document["signature"]))
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
    at = timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(head[0], head[1], at, "")
    checkpoint = Checkpoint(head[0], head[1], at, _mac(key(), unsigned.signed_text()))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    line = json.dumps(checkpoint.__dict__, sort_keys=True) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return checkpoint


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
    rows: Iterable[Mapping[str, Any]], checkpoints: Iterable[Checkpoint], secret: bytes
) -> tuple[int, list[Finding]]:
    """Check the chain, rows in sequence order (each with the SEALED_FIELDS, sequence, seal and
    previous_seal), against itself and the checkpoints. Returns the rows read and the findings."""
    findings: list[Finding] = []
    signed: dict[str, Checkpoint] = {}
    for checkpoint in checkpoints:
        unsigned = Checkpoint(checkpoint.sequence, checkpoint.seal, checkpoint.at, "")
        if _mac(secret, unsigned.signed_text()) == checkpoint.signature:
            signed[checkpoint.seal] = checkpoint
        else:
            findings.append(
                Finding(None, _("The checkpoint of %(at)s is not signed with this installation's audit key.")
                        % {"at": checkpoint.at})
            )  # fmt: skip
    anchored: set[str] = set()
    previous: Mapping[str, Any] | None = None
    count = 0
    for row, after in pairwise(chain(rows, [None])):
        assert row is not None
        count += 1
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
        elif row["previous_seal"] != (previous["seal"] if previous else ""):
            first, last = (previous["sequence"] + 1 if previous else 1), row["sequence"] - 1
            missing = (
                f"#{first}" if first == last else f"#{first}–#{last}" if first < last else _("renumbered")
            )
            findings.append(
                Finding(row["sequence"], _("Records before #%(sequence)d were removed (%(missing)s).")
                        % {"sequence": row["sequence"], "missing": missing})
            )  # fmt: skip
        previous = row
    for seal, checkpoint in signed.items():
        if seal not in anchored:
            findings.append(
                Finding(checkpoint.sequence,
                        _("Record #%(sequence)d, the chain's head at the checkpoint of %(at)s, is missing: it "
                          "was removed or changed.") % {"sequence": checkpoint.sequence, "at": checkpoint.at})
            )  # fmt: skip
    return count, findings


CHAIN_COLUMNS = ("sequence", "seal", "previous_seal", *SEALED_FIELDS)


def chain_rows() -> Iterator[dict[str, Any]]:
    """The stored chain in sequence order, as verify reads it."""
    columns = [name for name in CHAIN_COLUMNS if name != "content_type"]
    query = AccessEvent.objects.order_by("sequence").values(
        *columns, "content_type__app_label", "content_type__model"
    )
    for row in query.iterator(chunk_size=5000):
        app_label, model = row.pop("content_type__app_label"), row.pop("content_type__model")
        row["content_type"] = f"{app_label}.{model}" if app_label else ""
        yield row


def verify_stored(path: Path | None = None) -> tuple[int, list[Finding]]:
    """verify() over this installation's chain and checkpoint file."""
    found, problems = read_checkpoints(path)
    count, findings = verify(chain_rows(), found, key())
    return count, [Finding(None, problem) for problem in problems] + findings
