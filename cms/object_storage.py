"""Media on S3-compatible object storage (django-storages), chosen by settings: MEDIA_STORAGE=s3.

Two buckets. The media bucket holds what the public may read (images, renditions, documents, captions,
posters): its objects are read at their plain URL, or through the CDN in front of it. The private bucket
holds letter-of-support attachments: no object in it is ever readable without a signature, and the app
signs a short-lived download URL only after it has checked the staff member's permission.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """The public media bucket: unsigned URLs (on the CDN's domain when one is set); names are never reused."""

    def get_default_settings(self) -> dict[str, Any]:
        return {**super().get_default_settings(), "querystring_auth": False, "file_overwrite": False}


class PrivateMediaStorage(S3Storage):
    """The private bucket: objects stored private, and no URL except a signed one given after a check."""

    def get_default_settings(self) -> dict[str, Any]:
        return {
            **super().get_default_settings(),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            "custom_domain": None,
        }

    def url(self, name: str | None, parameters: dict | None = None, expire: int | None = None, http_method=None):
        raise ValueError("Private files have no public URL; a view that checks permissions signs one for a download.")

    def download(self, name: str, *, filename: str, content_type: str) -> HttpResponse:
        """A redirect to a URL that downloads this one object for `querystring_expire` seconds, as a file."""
        signed = super().url(
            name,
            parameters={
                "ResponseContentDisposition": content_disposition_header(as_attachment=True, filename=filename),
                "ResponseContentType": content_type,
                "ResponseCacheControl": "private, no-store",
            },
        )
        response = HttpResponseRedirect(signed)
        # The signed address is a short-lived credential: no cache or referrer may keep it.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
