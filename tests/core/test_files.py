"""Attachments: type, size and content are checked on upload; downloads go through the scope check."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from heluo.core.models import Attachment, Unit
from heluo.core.services.files import attach_file, check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.exe", b"MZ..."),
        ("photo.png", b"<script>alert(1)</script>"),
        ("empty.pdf", b""),
        ("page.html", b"<html>"),
    ],
)
def test_uploads_of_the_wrong_type_or_content_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


@override_settings(FILE_UPLOAD_MAX_BYTES=100)
def test_uploads_over_the_size_limit_are_refused() -> None:
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("big.png", PNG * 10))


def test_upload_through_the_page_and_download_it(client_as: Any, users: Any) -> None:
    unit = Unit.objects.get(name="洛阳古都发展集团有限公司")
    client = client_as("laocheng")
    response = client.post(
        f"/core/files/upload/core.unit/{unit.pk}/", {"file": SimpleUploadedFile("现场.png", PNG)}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(object_id=unit.pk, original_name="现场.png")
    assert attachment.media_type == "image/png" and attachment.size == len(PNG)
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PNG
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client_as("luolong").get(attachment.get_absolute_url()).status_code == 404


def test_a_viewer_cannot_upload(client_as: Any) -> None:
    unit = Unit.objects.get(name="洛阳古都发展集团有限公司")
    response = client_as("lingdao").post(
        f"/core/files/upload/core.unit/{unit.pk}/", {"file": SimpleUploadedFile("a.png", PNG)}
    )
    assert response.status_code == 403
    assert not Attachment.objects.filter(object_id=unit.pk, original_name="a.png").exists()


def test_stored_name_is_random_not_the_uploaded_one(users: Any) -> None:
    unit = Unit.objects.get(name="洛阳古都发展集团有限公司")
    attachment = attach_file(unit, SimpleUploadedFile("../../etc/passwd.txt", b"hello"), user=users["admin"])
    assert attachment.original_name == "passwd.txt"
    assert ".." not in attachment.file.name and "passwd" not in attachment.file.name
