"""The audit trail (安全审计): the chain's rules on hand-made rows, then the stored trail — what it records,
that the application cannot change it, that `heluo audit verify` finds a changed, removed (the newest too)
or inserted record and names it, and that concurrent writers keep one chain."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation

from heluo.core.models import AccessEvent, AccessKind, AccessOutcome, AppendOnlyError, Person
from heluo.core.services import audit_trail
from heluo.core.services.access import record_event
from tests.core.test_platform import heluo
from tests.databases import drop_database
from tests.installations import heluo_environment, installed

SECRET = bytes(range(32))


def hand_made_chain(length: int, secret: bytes = SECRET) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    previous = ""
    for sequence in range(1, length + 1):
        row = {
            "sequence": sequence, "at": dt.datetime(2026, 12, 1, 8, 0, sequence, 250, tzinfo=dt.UTC),
            "user_id": 7, "username": "laocheng", "kind": "view", "outcome": "success", "address": "10.0.0.1",
            "context": f"/militia/members/{sequence}/", "content_type": "militia.militiamember",
            "object_ids": [sequence], "count": 1, "previous_seal": previous,
        }  # fmt: skip
        row["seal"] = previous = audit_trail.seal_of(previous, row, secret)
        rows.append(row)
    return rows


def signed_checkpoint(row: dict[str, Any], secret: bytes = SECRET) -> audit_trail.Checkpoint:
    unsigned = audit_trail.Checkpoint(row["sequence"], row["seal"], "2026-12-01T08:01:00+00:00", "")
    return audit_trail.Checkpoint(
        unsigned.sequence, unsigned.seal, unsigned.at, audit_trail._mac(secret, unsigned.signed_text())
    )


def findings(
    rows: list[dict[str, Any]], checkpoints: list[audit_trail.Checkpoint] | None = None
) -> list[str]:
    with translation.override("en"):
        _count, found = audit_trail.verify(rows, checkpoints or [], SECRET)
    return [finding.message for finding in found]


def test_an_intact_chain_has_no_finding_and_its_seal_covers_every_field() -> None:
    rows = hand_made_chain(5)
    assert findings(rows, [signed_checkpoint(rows[-1])]) == []
    for field in audit_trail.SEALED_FIELDS:
        changed = {**rows[0], field: "x" if field != "at" else rows[0]["at"] + dt.timedelta(microseconds=1)}
        assert audit_trail.seal_of("", changed, SECRET) != rows[0]["seal"], field


def test_a_changed_record_is_named() -> None:
    rows = hand_made_chain(5)
    rows[2]["username"] = "someone_else"
    assert findings(rows) == ["Record #3 (2026-12-01 16:00:03, someone_else, view) was changed."]


def test_a_removed_record_is_named_by_the_one_after_it() -> None:
    rows = hand_made_chain(5)
    del rows[2]
    assert findings(rows) == ["Records before #4 were removed (#3)."]
    assert findings(hand_made_chain(5)[1:]) == ["Records before #2 were removed (#1)."]


def test_the_newest_record_removed_is_found_by_the_checkpoint_that_named_it() -> None:
    rows = hand_made_chain(5)
    checkpoint = signed_checkpoint(rows[-1])
    assert findings(rows[:-1], [checkpoint]) == [
        "Record #5, the chain's head at the checkpoint of 2026-12-01T08:01:00+00:00, is missing: it was "
        "removed or changed."
    ]


def test_an_inserted_record_is_named() -> None:
    rows = hand_made_chain(5)
    forged = {**rows[1], "context": "/forged/", "previous_seal": rows[1]["seal"], "seal": "0" * 64}
    renumbered = [*rows[:2], forged, *({**row, "sequence": row["sequence"] + 1} for row in rows[2:])]
    forged["sequence"] = 3
    assert findings(renumbered) == ["Record #3 (2026-12-01 16:00:02, laocheng, view) was inserted."]


def test_a_record_added_at_the_end_without_the_key_does_not_match_its_seal() -> None:
    rows = hand_made_chain(3)
    added = {**rows[-1], "sequence": 4, "context": "/added/", "previous_seal": rows[-1]["seal"]}
    added["seal"] = audit_trail.seal_of(added["previous_seal"], added, b"not the key")
    assert findings([*rows, added]) == [
        "Record #4 (2026-12-01 16:00:03, laocheng, view) does not match its seal: it was changed or inserted."
    ]


def test_a_chain_resealed_with_another_key_fails_the_checkpoints_of_the_real_one() -> None:
    rows = hand_made_chain(4)
    checkpoint = signed_checkpoint(rows[1])
    forged = hand_made_chain(4, secret=b"stolen or guessed")
    assert len(findings(forged, [checkpoint])) == 5  # every record, and the checkpoint's head missing
    assert findings(rows, [audit_trail.Checkpoint(2, rows[1]["seal"], checkpoint.at, "0" * 64)]) == [
        "The checkpoint of 2026-12-01T08:01:00+00:00 is not signed with this installation's audit key."
    ]


@pytest.mark.django_db
def test_logins_failed_logins_and_logouts_are_recorded_with_address_and_outcome(
    users: dict[str, Any], client: Any
) -> None:
    before = AccessEvent.objects.count()
    assert client.post("/login/", {"username": "laocheng", "password": "wrong"}).status_code == 200
    client.post("/login/", {"username": "nobody", "password": "wrong"})
    assert client.post("/login/", {"username": "laocheng", "password": "heluo-demo"}).status_code == 302
    client.post("/logout/")
    events = list(AccessEvent.objects.order_by("sequence")[before:])
    assert [(e.kind, e.username, e.outcome, e.address) for e in events] == [
        (AccessKind.LOGIN_FAILED, "laocheng", AccessOutcome.FAILURE, "127.0.0.1"),
        (AccessKind.LOGIN_FAILED, "nobody", AccessOutcome.FAILURE, "127.0.0.1"),
        (AccessKind.LOGIN, "laocheng", AccessOutcome.SUCCESS, "127.0.0.1"),
        (AccessKind.LOGOUT, "laocheng", AccessOutcome.SUCCESS, "127.0.0.1"),
    ]
    assert events[2].user == users["laocheng"] and events[1].user is None


@pytest.mark.django_db
def test_a_users_change_of_a_row_and_a_role_grant_are_recorded(users: dict[str, Any]) -> None:
    from heluo.core.models import Role
    from heluo.core.services import accounts

    person = Person.objects.first()
    assert person is not None
    person._history_user = users["laocheng"]  # type: ignore[attr-defined]
    person.save()
    changed = AccessEvent.objects.order_by("-sequence").first()
    assert changed is not None and changed.kind == AccessKind.CHANGE and changed.user == users["laocheng"]
    assert changed.object_ids == [person.pk] and changed.content_type.model == "person"  # type: ignore[union-attr]

    account = users["wangge"].account
    roles = [*account.roles.all(), Role.objects.get(code="supervisor")]
    accounts.update_account(users["admin"], account, roles=roles)
    grant = AccessEvent.objects.filter(kind=AccessKind.GRANT).order_by("-sequence").first()
    assert grant is not None and grant.user == users["admin"] and "wangge" in grant.context
    assert "supervisor" in grant.context.split("→")[1]


@pytest.mark.django_db
def test_the_application_cannot_change_or_delete_a_record(users: dict[str, Any]) -> None:
    event = record_event(AccessKind.LOGIN, user=users["laocheng"])
    event.context = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).update(context="changed")
    with pytest.raises(AppendOnlyError):
        AccessEvent.objects.filter(pk=event.pk).delete()


def _verify(checkpoints: Path) -> tuple[bool, str]:
    out = StringIO()
    with translation.override("en"):
        try:
            call_command("audit", "verify", "--checkpoints", str(checkpoints), stdout=out)
        except CommandError as error:
            return False, out.getvalue() + str(error)
    return True, out.getvalue()


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_heluo_audit_verify_finds_a_tampered_a_deleted_the_newest_and_an_inserted_record(
    users: dict[str, Any], tmp_path: Path
) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    events = [
        record_event(AccessKind.VIEW, user=users["wuzhuang"], context=f"/militia/{n}/") for n in range(4)
    ]
    call_command("audit", "checkpoint", "--checkpoints", str(checkpoints), stdout=StringIO())
    assert _verify(checkpoints)[0]
    newest, middle = events[-1].sequence, events[1].sequence

    _raw("UPDATE core_accessevent SET context = %s WHERE sequence = %s", ["/elsewhere/", middle])
    intact, said = _verify(checkpoints)
    assert not intact and f"Record #{middle} (" in said and "was changed" in said
    _raw("UPDATE core_accessevent SET context = %s WHERE sequence = %s", [events[1].context, middle])
    assert _verify(checkpoints)[0]

    _raw("DELETE FROM core_accessevent WHERE sequence = %s", [middle])
    intact, said = _verify(checkpoints)
    assert not intact and f"Records before #{middle + 1} were removed (#{middle})" in said

    _raw("DELETE FROM core_accessevent WHERE sequence = %s", [newest])
    intact, said = _verify(checkpoints)
    assert not intact and f"Record #{newest}, the chain's head at the checkpoint" in said


@pytest.mark.django_db
def test_heluo_audit_verify_finds_an_inserted_record(users: dict[str, Any], tmp_path: Path) -> None:
    checkpoints = tmp_path / "checkpoints.jsonl"
    event = record_event(AccessKind.EXPORT, user=users["wuzhuang"], context="export")
    _raw(
        "INSERT INTO core_accessevent (sequence, user_id, username, at, kind, outcome, address, context, "
        "object_ids, count, previous_seal, seal) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [event.sequence + 1, event.user_id, "wuzhuang", event.at, "view", "success", "", "inserted", "[]", 0,
         event.seal, "f" * 64],
    )  # fmt: skip
    intact, said = _verify(checkpoints)
    assert not intact and f"Record #{event.sequence + 1} (" in said and "changed or inserted" in said


@pytest.mark.django_db
def test_a_checkpoint_is_written_only_when_the_head_moved(users: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    record_event(AccessKind.LOGIN, user=users["laocheng"])
    first = audit_trail.write_checkpoint(path)
    assert first is not None and audit_trail.write_checkpoint(path) is None
    record_event(AccessKind.LOGOUT, user=users["laocheng"])
    second = audit_trail.write_checkpoint(path)
    assert second is not None and second.sequence == first.sequence + 1
    assert len(audit_trail.read_checkpoints(path)[0]) == 2 and path.stat().st_mode & 0o777 == 0o600


WRITER = """
from heluo.core.models import AccessKind
from heluo.core.services.access import record_event
for number in range(40):
    record_event(AccessKind.ACT, username="writer", context=f"{number}")
"""


def test_concurrent_writers_keep_one_chain(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    url = installed(tmp_path_factory, "migrated", tmp_path, f"heluo_audit_chain_{tmp_path.name[-20:]}")
    environment = heluo_environment(tmp_path, url)
    try:
        writers = [
            subprocess.Popen([sys.executable, "-m", "heluo", "shell", "--no-imports", "-c", WRITER], env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]  # fmt: skip
        for writer in writers:
            _out, error = writer.communicate(timeout=300)
            assert writer.returncode == 0, error
        verified = heluo("audit", "verify", data_dir=tmp_path, HELUO_DATABASE_URL=url)
        assert verified.returncode == 0, verified.stdout + verified.stderr
        assert "120" in verified.stdout
    finally:
        if url:
            drop_database(url)


@override_settings(AUDIT_KEY="00" * 32)
def test_the_key_from_the_environment_is_used() -> None:
    assert audit_trail.key() == bytes(32)


@pytest.fixture
def auditor(db: Any) -> Any:
    from heluo.core.models import Role
    from heluo.core.services import accounts

    account, _password = accounts.create_account(
        accounts.system_operator(), username="shenji", roles=[Role.objects.get(code="audit_admin")],
        password="Audit-2026-trail",
    )  # fmt: skip
    return account.user


def test_the_audit_administrator_reads_exports_and_verifies_the_trail(auditor: Any, client: Any) -> None:
    import openpyxl

    client.force_login(auditor)
    body = client.get("/core/audit/", {"kind": "login", "username": "shenji"}).content.decode()
    assert 'data-testid="audit-trail"' in body and "shenji" in body and "登录" in body
    export = client.get("/core/audit/export/", {"kind": "login", "username": "shenji"})
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment;")
    rows = list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and rows[1][2] == "shenji" and len(rows[1][-1]) == 64
    logged = AccessEvent.objects.order_by("-sequence").first()
    assert logged is not None and logged.kind == AccessKind.EXPORT and logged.user == auditor
    verified = client.post("/core/audit/verify/", follow=True).content.decode()
    assert "审计记录完好" in verified or "完好" in verified


def test_the_audit_administrator_is_refused_every_other_page_and_the_api(auditor: Any, client: Any) -> None:
    from django.urls import NoReverseMatch, reverse
    from rest_framework.test import APIClient

    from heluo.core.ledger import LEDGERS

    client.force_login(auditor)
    api = APIClient()
    api.force_authenticate(auditor)
    for ledger in LEDGERS.values():
        assert client.get(ledger.url("list")).status_code == 403, ledger.label
        assert client.get(ledger.url("export")).status_code == 403, ledger.label
        opts = ledger.model._meta
        try:
            api_url = reverse(f"{opts.app_label}-{opts.model_name}-list")
        except NoReverseMatch:
            continue
        assert api.get(api_url).status_code == 403, api_url
    for url in ("/core/figures/", "/core/figures/export/", "/core/reports/districts/"):
        assert client.get(url).status_code in (403, 404), url
    assert "audit-trail" not in client.get("/core/search/", {"q": "shenji"}).content.decode()


def test_no_other_role_reads_the_trail(users: dict[str, Any], client_as: Any) -> None:
    for username in users:
        client = client_as(username)
        assert client.get("/core/audit/").status_code == 403, username
        assert client.get("/core/audit/export/").status_code == 403, username
        assert client.post("/core/audit/verify/").status_code == 403, username


def test_an_archive_anchor_lets_the_chain_start_after_it_and_only_when_signed() -> None:
    rows = hand_made_chain(6)
    anchor = audit_trail.Checkpoint(3, rows[2]["seal"], "2026-12-01T08:01:00+00:00", "", archived=True)
    assert findings(rows[3:], [anchor.signed(SECRET)]) == []
    assert findings(rows[3:], [anchor]) == [
        "The checkpoint of 2026-12-01T08:01:00+00:00 is not signed with this installation's audit key.",
        "Records before #4 were removed (#1–#3).",
    ]


@pytest.mark.django_db
def test_records_older_than_the_retention_period_move_to_an_archive_that_verifies(
    users: dict[str, Any], tmp_path: Path
) -> None:
    from unittest import mock

    from django.utils import timezone

    AccessEvent.objects.all()._raw_delete(AccessEvent.objects.db)  # type: ignore[attr-defined]  (a chain of its own)
    checkpoints, archive = tmp_path / "checkpoints.jsonl", tmp_path / "archive.jsonl"
    long_ago = timezone.now() - dt.timedelta(days=400)
    with mock.patch("heluo.core.services.audit_trail.timezone.now", return_value=long_ago):
        old = [record_event(AccessKind.LOGIN, user=users["laocheng"], context=f"old {n}") for n in range(3)]
    recent = record_event(AccessKind.LOGIN, user=users["laocheng"], context="recent")
    call_command("audit", "checkpoint", "--checkpoints", str(checkpoints), stdout=StringIO())

    with pytest.raises(CommandError, match="180"):
        call_command("audit", "archive", "--before", str(timezone.localdate() - dt.timedelta(days=30)),
                     "--to", str(archive), "--checkpoints", str(checkpoints), stdout=StringIO())  # fmt: skip
    assert not archive.exists()
    cut = str(timezone.localdate() - dt.timedelta(days=200))
    call_command("audit", "archive", "--before", cut, "--to", str(archive), "--checkpoints", str(checkpoints),
                 stdout=StringIO())  # fmt: skip
    assert list(AccessEvent.objects.order_by("sequence").values_list("pk", flat=True)) == [recent.pk]
    assert archive.stat().st_mode & 0o777 == 0o600 and len(archive.read_text().splitlines()) == len(old)
    assert _verify(checkpoints)[0]
    with translation.override("en"):
        count, found = audit_trail.verify_archive(archive, checkpoints)
    assert count == 3 and found == []

    lines = archive.read_text().splitlines()
    archive.write_text("\n".join([lines[0], lines[1].replace("old 1", "old one"), lines[2]]) + "\n")
    with translation.override("en"):
        _count, found = audit_trail.verify_archive(archive, checkpoints)
    assert [f.sequence for f in found] == [old[1].sequence] and "was changed" in found[0].message
