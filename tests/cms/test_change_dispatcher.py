"""cms/changes.py: each change signal is heard once and handed to its followers in the written order; rows loaded
as they are (loaddata, import_content) are followed by nothing, since the import rebuilds what follows once."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_save
from wagtail.signals import page_published

from cms import generation, translation_publishing
from cms.changes import FOLLOWERS
from cms.models import School
from cms.sync import signals as sync
from cms.webhooks import signals as webhooks

pytestmark = pytest.mark.django_db


def test_a_publish_is_followed_in_the_written_order() -> None:
    assert FOLLOWERS[page_published] == [
        generation.content_changed,
        sync.on_page_change,
        webhooks.on_page_published,
        translation_publishing.follow_source_on_publish,
    ]
    assert FOLLOWERS[post_save][0] is generation.bump_on_save  # the generation moves before anything reports it


def test_a_saved_row_moves_the_generation_and_a_loaded_one_does_not() -> None:
    school = School.objects.create(name="Lincoln High School", slug="lincoln")
    before = generation.content_version()
    post_save.send(sender=School, instance=school, created=True, raw=True, using="default", update_fields=None)
    assert generation.content_version() == before
    school.save()
    assert generation.content_version() > before
