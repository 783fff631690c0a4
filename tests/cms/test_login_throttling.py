"""Admin logins are throttled: after LOGIN_FAILURE_LIMIT failures, a user name, or an address, is locked out
for the cool-off, even with the right password; staff unlock it at once with axes' commands."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-password-1"


@pytest.fixture
def editor() -> object:
    return get_user_model().objects.create_superuser("editor", "editor@district.example", PASSWORD)


def log_in(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client: Client, editor) -> None:
    answers = [log_in(client, "editor", f"guess-{n}").status_code for n in range(30)]
    assert answers[:4] == [200] * 4  # the form again, saying the password was wrong
    assert set(answers[5:]) == {429}
    locked = log_in(client, "editor", PASSWORD)
    assert locked.status_code == 429 and "Sign-in paused" in locked.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_the_user_is_locked_out_from_another_address_too(client: Client, editor) -> None:
    for n in range(5):
        log_in(client, "editor", f"guess-{n}", address="203.0.113.7")
    assert log_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 429


def test_an_address_trying_many_user_names_is_locked_out(client: Client, editor) -> None:
    for n in range(5):
        log_in(client, f"someone-{n}", "guess")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    assert log_in(client, "editor", PASSWORD, address="198.51.100.20").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client: Client, editor) -> None:
    for n in range(5):
        log_in(client, "editor", f"guess-{n}")
    later = timezone.now() + datetime.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        assert log_in(client, "editor", PASSWORD).status_code == 302


def test_staff_unlock_a_user_and_an_address_with_axes_commands(client: Client, editor) -> None:
    for n in range(5):
        log_in(client, "editor", f"guess-{n}")
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    call_command("axes_reset_ip", "203.0.113.7", stdout=io.StringIO())
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_the_limit_and_cool_off_come_from_settings(client: Client, editor, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    log_in(client, "editor", "guess-1")
    log_in(client, "editor", "guess-2")
    assert log_in(client, "editor", PASSWORD).status_code == 429


def test_a_right_password_after_a_few_wrong_ones_logs_in(client: Client, editor) -> None:
    for n in range(3):
        log_in(client, "editor", f"guess-{n}")
    assert log_in(client, "editor", PASSWORD).status_code == 302
