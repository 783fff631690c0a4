"""Prepared reads: SQL compiled once per worker and shape, each read's own values bound in their places."""

from __future__ import annotations

import datetime
import threading
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from cms.models import School
from cms.prepared import Prepared
from cms.visibility import not_expired
from partners.models import AwardRecipient
from tests.factories import AwardRecipientFactory, SchoolFactory


class Compiles:
    """How many times Django compiles a query to SQL."""

    def __enter__(self) -> Compiles:
        self.count = 0
        compile_sql = SQLCompiler.as_sql

        def counted(compiler: SQLCompiler, *args, **kwargs):
            self.count += 1
            return compile_sql(compiler, *args, **kwargs)

        self._patch = mock.patch.object(SQLCompiler, "as_sql", counted)
        self._patch.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._patch.stop()


def names(items) -> list[str]:
    return [item.name for item in items]


@pytest.mark.django_db
def test_a_read_is_compiled_once_for_its_shape_and_binds_each_reads_values() -> None:
    a, b, c = (SchoolFactory(name=name) for name in ("Alpha", "Beta", "Gamma"))
    read = Prepared(lambda ids: School.objects.filter(pk__in=ids).order_by("name"))
    with Compiles() as learning:
        assert names(read.list([a.pk, b.pk])) == ["Alpha", "Beta"]
    assert learning.count > 0
    with Compiles() as later:
        assert names(read.list([c.pk, b.pk])) == ["Beta", "Gamma"]  # the learnt SQL, with these ids
        assert names(read.list((a.pk, c.pk))) == ["Alpha", "Gamma"]
    assert later.count == 0
    with Compiles() as longer:
        assert names(read.list([a.pk, b.pk, c.pk])) == ["Alpha", "Beta", "Gamma"]  # another shape: learnt too
    assert longer.count > 0
    assert read.list([]) == []


@pytest.mark.django_db
def test_a_prepared_read_joins_and_prefetches_as_its_queryset_does() -> None:
    school = SchoolFactory(name="Lincoln High School")
    AwardRecipientFactory(name="Metro Parks", school=school)
    recipient = AwardRecipientFactory(name="Boys & Girls Club", school=school)
    by_id = Prepared(lambda pk: AwardRecipient.objects.filter(pk=pk).select_related("school"))
    with_recipients = Prepared(lambda pk: School.objects.filter(pk=pk).prefetch_related("award_recipients"))
    by_id.list(recipient.pk), with_recipients.list(school.pk)  # learnt
    with CaptureQueriesContext(connection) as queries:
        (found,) = by_id.list(recipient.pk)
        assert found == recipient and found.school.name == "Lincoln High School"
        (read_school,) = with_recipients.list(school.pk)
        assert sorted(names(read_school.award_recipients.all())) == ["Boys & Girls Club", "Metro Parks"]
    assert len(queries) == 3  # the recipient with its school; the school, then its recipients at once


@pytest.mark.django_db
def test_a_read_that_reads_the_time_itself_is_compiled_every_time() -> None:
    """`not_expired()` puts the time now in the SQL: kept, it would hold the instant it was learnt at."""
    current = AwardRecipientFactory(name="Current", expire_at=None)
    read = Prepared(lambda pk: AwardRecipient.objects.filter(pk=pk).filter(not_expired()))
    assert names(read.list(current.pk)) == ["Current"]
    AwardRecipient.objects.filter(pk=current.pk).update(
        expire_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
    )
    with Compiles() as again:
        assert names(read.list(current.pk)) == ["Current"]
    assert again.count > 0


def test_a_read_takes_only_ids_and_dates() -> None:
    read = Prepared(lambda slug: School.objects.filter(slug=slug))
    with pytest.raises(TypeError, match="ids"):
        read.list("lincoln")


@pytest.mark.django_db(transaction=True)
def test_a_read_learnt_on_one_thread_runs_on_another_threads_own_connection() -> None:
    school = SchoolFactory(name="Stadium High School")
    read = Prepared(lambda ids: School.objects.filter(pk__in=ids))
    read.list([school.pk])  # learnt on this thread's connection
    seen: list = []

    def elsewhere() -> None:
        try:
            with CaptureQueriesContext(connections["default"]) as queries:
                seen.append((names(read.list([school.pk])), len(queries)))
        finally:
            connections["default"].close()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert seen == [(["Stadium High School"], 1)]
