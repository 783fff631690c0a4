"""Media on S3-compatible object storage (MEDIA_STORAGE=s3), against an S3 server started here on loopback.

The server is moto's (ThreadedMotoServer): a real HTTP S3 endpoint in this process, started in milliseconds
and installed from the lock like any test dependency. It keeps bucket policies and refuses an unsigned read
of an object nobody made public, which is what these tests rely on.
"""

from __future__ import annotations

import time
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from wagtail.documents import get_document_model

from config.settings.storage import media_storages, object_storages
from partners.intake.attachments import LetterAttachment, Upload, save_attachments
from partners.intake.staff import GRANTS_GROUP, PARTNERSHIP_GROUP
from partners.models import LetterOfSupportPage
from tests.partners.test_letter_workflow import PDF, make_letter, staff_user
from tests.services import S3_KEYS, s3_buckets


@dataclass
class ObjectStore:
    endpoint: str
    media_bucket: str
    private_bucket: str

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint, **S3_KEYS)

    def keys(self, bucket: str) -> list[str]:
        listed = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listed.get("Contents", [])]


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server: str, settings, monkeypatch: pytest.MonkeyPatch) -> ObjectStore:
    """Two new buckets, set up as docs/deploy.md says (the media bucket readable by its policy), in use."""
    store = ObjectStore(s3_server, f"media-{uuid.uuid4().hex[:12]}", f"private-{uuid.uuid4().hex[:12]}")
    environment = s3_buckets(s3_server, store.media_bucket, store.private_bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        **object_storages(lambda name, default=None: environment.get(name, default)),
    }
    # A FileField with a callable storage calls it once, when the model is defined.
    monkeypatch.setattr(LetterAttachment._meta.get_field("file"), "storage", storages["private"])
    return store


def anonymous_get(url: str) -> tuple[int, requests.structures.CaseInsensitiveDict, bytes]:
    """A plain GET with no credentials, as a browser or a stranger would send."""
    response = requests.get(url, timeout=10, allow_redirects=False)
    return response.status_code, response.headers, response.content


def test_the_seeded_site_keeps_its_media_in_the_bucket_and_answers_with_its_urls(
    s3: ObjectStore, db: None, gql, client: Client
) -> None:
    call_command("seed_demo", "--no-current-year", stdout=open("/dev/null", "w"))  # noqa: SIM115
    stored = s3.keys(s3.media_bucket)
    assert any(key.startswith("original_images/") for key in stored)
    assert any(key.startswith("documents/") and key.endswith(".vtt") for key in stored)
    assert s3.keys(s3.private_bucket) == []

    data = gql("""{ stories(limit: 2) { title posterImage { url rendition(fill: "640x360") { url width } } } }""")
    for story in data["stories"]:
        original, rendition = story["posterImage"]["url"], story["posterImage"]["rendition"]["url"]
        for url in (original, rendition):
            assert url.startswith(f"{s3.endpoint}/{s3.media_bucket}/"), url
            status, headers, body = anonymous_get(url)
            assert status == 200 and body.startswith(b"\x89PNG"), (url, status)
            assert headers["cache-control"] == "public, max-age=86400"
        # The rendition was made from the original in the bucket and written back to it.
        assert urllib.parse.urlparse(rendition).path.split("/", 2)[2] in s3.keys(s3.media_bucket)

    captions = get_document_model().objects.filter(file__endswith=".vtt").first()
    served = client.get(captions.url)
    assert served.status_code == 302 and served["Location"].startswith(f"{s3.endpoint}/{s3.media_bucket}/")
    status, _, body = anonymous_get(served["Location"])
    assert status == 200 and body.startswith(b"WEBVTT")


def test_a_letter_attachment_is_never_public_and_staff_download_it_through_a_short_lived_url(
    s3: ObjectStore, client: Client, letter_page: LetterOfSupportPage
) -> None:
    letter = make_letter(letter_page)
    save_attachments(letter, [Upload(name="plan for 2027.pdf", content_type="application/pdf", data=PDF)])
    attachment = letter.attachments.get()
    (key,) = s3.keys(s3.private_bucket)
    assert key == attachment.file.name and s3.keys(s3.media_bucket) == []

    # No address reads it unsigned, and the app never gives one.
    assert anonymous_get(f"{s3.endpoint}/{s3.private_bucket}/{urllib.parse.quote(key)}")[0] == 403
    with pytest.raises(ValueError, match="no public URL"):
        attachment.file.url  # noqa: B018

    download = reverse("letter_requests:attachment", args=[letter.pk, attachment.pk])
    client.force_login(staff_user("pat", PARTNERSHIP_GROUP))
    refused = client.get(download)
    assert refused.status_code == 302 and s3.endpoint not in refused["Location"]

    client.force_login(staff_user("grace", GRANTS_GROUP))
    response = client.get(download)
    assert response.status_code == 302
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert response["Referrer-Policy"] == "no-referrer"
    signed = response["Location"]
    assert signed.startswith(f"{s3.endpoint}/{s3.private_bucket}/")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(signed).query)
    if "X-Amz-Expires" in query:
        assert int(query["X-Amz-Expires"][0]) <= 60
    else:
        assert int(query["Expires"][0]) - time.time() <= 61
    status, headers, body = anonymous_get(signed)
    assert status == 200 and body == PDF
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("attachment;") and "plan%20for%202027.pdf" in headers[
        "content-disposition"
    ].replace(" ", "%20")
    assert headers["cache-control"] == "private, no-store"


def test_object_storage_settings_name_what_is_missing() -> None:
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE=s3 needs S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET"):
        object_storages(lambda name, default=None: default)
    chosen = object_storages(
        lambda name, default=None: {"S3_MEDIA_BUCKET": "m", "S3_PRIVATE_BUCKET": "p"}.get(name, default)
    )
    assert (
        chosen["default"]["OPTIONS"]["bucket_name"] == "m" and chosen["private"]["OPTIONS"]["querystring_expire"] == 60
    )


def test_media_stay_on_disk_unless_object_storage_is_chosen(tmp_path) -> None:
    def reader(values: dict[str, str]):
        return lambda name, default=None: values.get(name, default)

    on_disk = media_storages(reader({}), tmp_path)
    assert on_disk["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert on_disk["private"]["OPTIONS"]["location"] == str(tmp_path)
    buckets = {"MEDIA_STORAGE": "s3", "S3_MEDIA_BUCKET": "m", "S3_PRIVATE_BUCKET": "p"}
    on_s3 = media_storages(reader(buckets), tmp_path)
    assert on_s3["default"]["BACKEND"] == "cms.object_storage.MediaStorage"
    assert on_s3["private"]["BACKEND"] == "cms.object_storage.PrivateMediaStorage"
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE must be 'filesystem' or 's3', not 'nfs'"):
        media_storages(reader({"MEDIA_STORAGE": "nfs"}), tmp_path)
