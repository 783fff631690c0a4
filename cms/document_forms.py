"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): every document upload, from the documents page, the
multiple upload or a chooser (a story's video, a captions track, a campaign's calendar), goes through it. It says
which files are accepted, and refuses at upload a file whose content is not what its name says, or too large for
its kind, instead of leaving the story editor to refuse it when the page is saved."""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from cms.upload_limits import ACCEPTED, KINDS, MB, OTHER_LIMIT


def _size_words(size: int) -> str:
    return f"{size / MB:g} MB"


def check_document_file(name: str, head: bytes, size: int) -> None:
    """Refuse a file whose start does not match its extension, or larger than its kind allows."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    what, content_types, limit = KINDS.get(extension, ("this kind of file", (), OTHER_LIMIT))
    if size > limit:
        raise ValidationError(
            f"This file is {_size_words(size)}; {what} may be at most {_size_words(limit)}. {ACCEPTED}",
            code="file_too_large",
        )
    if extension == "vtt" and not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            "This is not a WebVTT captions file: a .vtt file starts with the line 'WEBVTT'. Export the captions "
            "as WebVTT from your captioning tool and upload that file.",
            code="not_webvtt",
        )
    if content_types and filetype.guess_mime(head) not in content_types:
        raise ValidationError(
            f"The file's name says it is {what}, but its content is not. Upload the file itself as {what}.",
            code="content_mismatch",
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, saying what it accepts and checking each uploaded file's content and size."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = ACCEPTED

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            head = uploaded.read(2048)
            uploaded.seek(0)
            check_document_file(uploaded.name or "", head, uploaded.size or 0)
        return uploaded
