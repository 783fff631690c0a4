"""Storage: files the public must never reach, and static files for production."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no public address: staff get them through views that check permissions."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a view that checks permissions.")


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed, hashed static files, tolerant of a source map a bundle names but does not ship.

    GraphiQL's stylesheet ends with a `sourceMappingURL` comment for a file that is not in the package,
    which would otherwise stop `collectstatic`.
    """

    def hashed_name(self, name: str, content=None, filename: str | None = None) -> str:
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if name.endswith(".map"):
                return name
            raise
