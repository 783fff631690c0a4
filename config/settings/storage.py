"""Where media live: this machine's disk, or S3-compatible object storage (MEDIA_STORAGE=s3), from the environment."""

from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def media_storages(read: Callable[..., str | None], private_root: Path) -> dict[str, dict]:
    """STORAGES for MEDIA_STORAGE: `filesystem` (the default) keeps media on this machine's disk, `s3` on object
    storage, so app servers hold no files of their own."""
    chosen = read("MEDIA_STORAGE", "filesystem")
    storages: dict[str, dict] = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "cms.storage.PrivateFileSystemStorage", "OPTIONS": {"location": str(private_root)}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if chosen == "s3":
        return {**storages, **object_storages(read)}
    if chosen != "filesystem":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {chosen!r}.")
    return storages


def object_storages(read: Callable[..., str | None]) -> dict[str, dict]:
    """STORAGES' "default" (public media) and "private" (letter attachments) entries, read by `read(name, default)`.

    S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET are required; S3_ENDPOINT_URL names a server other than AWS;
    without S3_ACCESS_KEY_ID, boto3 finds credentials itself (an instance role, say).
    """
    missing = [name for name in ("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET") if not read(name)]
    if missing:
        raise ImproperlyConfigured(f"MEDIA_STORAGE=s3 needs {' and '.join(missing)}; see docs/deploy.md.")
    connection = {
        "endpoint_url": read("S3_ENDPOINT_URL"),
        "region_name": read("S3_REGION"),
        "access_key": read("S3_ACCESS_KEY_ID"),
        "secret_key": read("S3_SECRET_ACCESS_KEY"),
        "addressing_style": read("S3_ADDRESSING_STYLE"),
    }
    return {
        "default": {
            "BACKEND": "cms.object_storage.MediaStorage",
            "OPTIONS": {
                **connection,
                "bucket_name": read("S3_MEDIA_BUCKET"),
                "custom_domain": read("S3_MEDIA_DOMAIN"),
                # Public by the bucket's policy (the usual setup); S3_MEDIA_ACL=public-read where ACLs are used.
                "default_acl": read("S3_MEDIA_ACL"),
                "object_parameters": {"CacheControl": read("S3_MEDIA_CACHE_CONTROL", "public, max-age=86400")},
            },
        },
        "private": {
            "BACKEND": "cms.object_storage.PrivateMediaStorage",
            "OPTIONS": {
                **connection,
                "bucket_name": read("S3_PRIVATE_BUCKET"),
                "querystring_expire": int(read("S3_SIGNED_URL_SECONDS") or "60"),
            },
        },
    }
