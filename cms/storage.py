"""Storage: files the public must never reach, and static files for production.

A private storage has no `url()`: staff get a file through `download()`, called by a view after it has
checked their permission. On disk (here) the app streams the file; on object storage
(cms/object_storage.py) it redirects to a short-lived signed URL.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk with no public address: staff get them through views that check permissions."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a view that checks permissions.")

    def download(self, name: str, *, filename: str, content_type: str) -> FileResponse:
        """The file itself, as a download: never shown inline, so a crafted file cannot run as a page."""
        response = FileResponse(self.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        response["Cache-Control"] = "private, no-store"
        return response


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
