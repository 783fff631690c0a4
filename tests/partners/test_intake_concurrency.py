"""Many clients at once, on PostgreSQL: every submission is stored exactly once and emailed exactly once."""

from __future__ import annotations

import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from cms.models import OutboundEmail
from cms.outbox import queue_email, send_outbox
from partners.models import InterestSubmission, LetterOfSupportRequest

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

SUBMIT = """
mutation($values: [FormValueInput!]!, $key: UUID) {
  submitInterestForm(slug: "interest-form", values: $values, key: $key) {
    ok reference alreadyReceived errors { field }
  }
}"""
REQUEST = """
mutation($input: LetterOfSupportInput!, $key: UUID) {
  requestLetterOfSupport(input: $input, key: $key) { ok reference alreadyReceived errors { field } }
}"""


def run_together(jobs: list, work) -> list:
    """Start every job at the same instant, each on its own thread and database connection."""
    start = threading.Barrier(len(jobs))

    def one(job):
        try:
            start.wait()
            return work(job)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(one, jobs))


def post(query: str, variables: dict, address: str) -> dict:
    body = json.dumps({"query": query, "variables": variables})
    response = Client(REMOTE_ADDR=address).post("/graphql/", body, content_type="application/json")
    return response.json()["data"]


def test_concurrent_submissions_and_their_retries_arrive_exactly_once(
    settings, interest_form, interest_answers
) -> None:
    settings.INTAKE_SUBMIT_RATE = "1000/m"
    keys = [str(uuid.uuid4()) for _ in range(10)]
    # Each submission is sent twice at the same moment, as a client retrying over a flaky network would.
    jobs = [(key, n) for key in keys for n in range(2)]
    results = run_together(
        jobs, lambda job: post(SUBMIT, {"values": interest_answers, "key": job[0]}, f"198.51.100.{job[1]}")
    )
    answers = [r["submitInterestForm"] for r in results]
    assert all(a["ok"] for a in answers), answers
    assert InterestSubmission.objects.count() == len(keys)
    assert {str(k) for k in InterestSubmission.objects.values_list("key", flat=True)} == set(keys)
    by_key: dict[str, set] = {}
    for (key, _), answer in zip(jobs, answers, strict=True):
        by_key.setdefault(key, set()).add(answer["reference"])
    assert all(len(references) == 1 for references in by_key.values())
    assert sorted(a["alreadyReceived"] for a in answers).count(False) >= len(keys)
    # Two emails per submission, each sent once.
    assert OutboundEmail.objects.count() == 2 * len(keys)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}
    sent_ids = [m.extra_headers["X-Outbox-Id"] for m in mail.outbox]
    assert len(sent_ids) == len(set(sent_ids)) == 2 * len(keys)


def test_concurrent_letter_requests_each_arrive_once(settings, letter_page, letter_input) -> None:
    settings.INTAKE_SUBMIT_RATE = "1000/m"
    jobs = [{**letter_input, "organization": f"Organization {n}"} for n in range(12)]
    results = run_together(jobs, lambda data: post(REQUEST, {"input": data, "key": str(uuid.uuid4())}, "192.0.2.1"))
    assert all(r["requestLetterOfSupport"]["ok"] for r in results), results
    references = [r["requestLetterOfSupport"]["reference"] for r in results]
    assert len(set(references)) == 12
    assert sorted(LetterOfSupportRequest.objects.values_list("organization", flat=True)) == sorted(
        d["organization"] for d in jobs
    )


def test_several_outbox_workers_send_each_message_once(db) -> None:
    messages = [
        queue_email(to=[f"person{n}@example.org"], subject=f"Message {n}", body="Hello.", topic="test")
        for n in range(40)
    ]
    run_together(list(range(6)), lambda _: send_outbox(limit=5) and send_outbox())
    while send_outbox():
        pass
    sent = sorted(int(m.extra_headers["X-Outbox-Id"]) for m in mail.outbox)
    assert sent == sorted(m.pk for m in messages)
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {"sent"}
