"""Storage for files the public must never reach."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no public address: staff get them through views that check permissions."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a view that checks permissions.")
