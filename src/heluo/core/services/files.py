"""Attachments: upload checks (size, type, content) and the scope check of every download."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from heluo.core.models import Attachment
from heluo.core.scope import may, restrict

# Extension → the leading bytes its content must start with (None: text or container formats checked by name).
ALLOWED_TYPES: dict[str, bytes | None] = {
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".gif": b"GIF8",
    ".webp": b"RIFF",
    ".pdf": b"%PDF-",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
    ".doc": b"\xd0\xcf\x11\xe0",
    ".xls": b"\xd0\xcf\x11\xe0",
    ".txt": None,
    ".csv": None,
}


def check_upload_size(uploaded: UploadedFile) -> str | None:
    """The refusal of a file too large or empty, or None."""
    limit = settings.FILE_UPLOAD_MAX_BYTES
    if uploaded.size is None or uploaded.size > limit:
        return _("The file is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
    if uploaded.size == 0:
        return _("The file is empty.")
    return None


def check_upload(uploaded: UploadedFile) -> str:
    """Return the file's media type, or raise ValidationError saying what is wrong with it."""
    suffix = PurePath(uploaded.name or "").suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of type %(suffix)s cannot be attached. Allowed: %(allowed)s.")
            % {"suffix": suffix or "?", "allowed": " ".join(sorted(ALLOWED_TYPES))}
        )
    refusal = check_upload_size(uploaded)
    if refusal:
        raise ValidationError(refusal)
    magic = ALLOWED_TYPES[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if magic is not None and not head.startswith(magic):
        raise ValidationError(
            _("The content of the file does not match its name (%(suffix)s).") % {"suffix": suffix}
        )
    return mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"


@transaction.atomic
def attach_file(owner: models.Model, uploaded: UploadedFile, *, user: Any) -> Attachment:
    """Store an uploaded file against `owner` after checking it. The caller has checked `user` may change owner."""
    media_type = check_upload(uploaded)
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        original_name=PurePath(uploaded.name or "file").name[:200],
        media_type=media_type,
        size=uploaded.size or 0,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    attachment.file.save(attachment.original_name, uploaded, save=False)
    attachment.save()
    return attachment


def attachments_of(owner: models.Model) -> models.QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk
    )


def visible_attachment(user: Any, pk: int) -> Attachment | None:
    """The attachment if its owner row is in the user's scope, else None (the caller answers 404)."""
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    if attachment is None:
        return None
    model = attachment.content_type.model_class()
    if model is None or not hasattr(model._default_manager, "for_user") or not may(user, "view", model):
        return None
    if not restrict(model._default_manager.filter(pk=attachment.object_id), user).exists():
        return None
    return attachment
