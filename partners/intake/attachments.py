"""The files sent with a letter request: checked by their content, then kept where no public URL reaches."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.text import get_valid_filename
from django.utils.translation import gettext, ngettext

from cms.errors import ErrorCode
from partners.intake.letters import LetterOfSupportRequest
from partners.intake.problems import Problem

# Extension → the MIME type its content must really have.
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}


def private_storage() -> Storage:
    """Attachments live where no public URL reaches; staff download them through the admin."""
    return storages["private"]


class LetterAttachment(models.Model):
    """A file sent with a request, kept private: staff download it in admin."""

    request = models.ForeignKey(LetterOfSupportRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="letters/%Y/%m/", storage=private_storage)
    name = models.CharField(max_length=255, help_text="The file's name as the requester sent it.")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def _file_name(sent: object) -> str:
    """The name an attachment is stored and reported under: what is safe of the name sent, else 'attachment'."""
    try:
        return get_valid_filename(os.path.basename(str(sent or "").strip()))[:200]
    except SuspiciousFileOperation:
        # Nothing usable is left of a name such as '', '..' or '???'.
        return "attachment"


def decode_attachments(items: list[dict]) -> tuple[list[Upload], list[Problem]]:
    """Decode and check attachments sent as {name, dataBase64}; returns the files and their problems."""
    limit, max_bytes = settings.LETTER_ATTACHMENT_MAX_COUNT, settings.LETTER_ATTACHMENT_MAX_BYTES
    if len(items) > limit:
        message = ngettext(
            "Send at most %(limit)d attachment; you sent %(count)d.",
            "Send at most %(limit)d attachments; you sent %(count)d.",
            limit,
        ) % {"limit": limit, "count": len(items)}
        return [], [Problem(ErrorCode.TOO_MANY, message)]
    uploads: list[Upload] = []
    problems: list[Problem] = []
    megabytes = max_bytes // (1024 * 1024)
    for item in items:
        name = _file_name(item.get("name"))
        encoded = item.get("data_base64") or ""
        too_large = Problem(
            ErrorCode.TOO_LARGE,
            gettext("'%(name)s' is larger than %(megabytes)d MB.") % {"name": name, "megabytes": megabytes},
        )
        if len(encoded) > (max_bytes * 4) // 3 + 8:
            problems.append(too_large)
            continue
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            message = gettext("'%(name)s' did not arrive as valid base64 data.") % {"name": name}
            problems.append(Problem(ErrorCode.INVALID_FILE, message))
            continue
        if not data:
            problems.append(Problem(ErrorCode.INVALID_FILE, gettext("'%(name)s' is empty.") % {"name": name}))
            continue
        if len(data) > max_bytes:
            problems.append(too_large)
            continue
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        expected = ATTACHMENT_TYPES.get(extension)
        detected = filetype.guess_mime(data)
        if expected is None or detected != expected:
            message = gettext("'%(name)s' is not a PDF, Word (.docx), PNG or JPEG file.") % {"name": name}
            problems.append(Problem(ErrorCode.INVALID_FILE, message))
            continue
        uploads.append(Upload(name=name, content_type=expected, data=data))
    return uploads, problems


def save_attachments(request_obj: LetterOfSupportRequest, uploads: list[Upload]) -> None:
    for upload in uploads:
        attachment = LetterAttachment(
            request=request_obj, name=upload.name, content_type=upload.content_type, size=len(upload.data)
        )
        attachment.file.save(upload.name, ContentFile(upload.data), save=False)
        attachment.save()
