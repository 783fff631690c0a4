"""A letter-of-support request's review: its states and the moves staff make between them.

submitted → in Grants Office review → sent for the Superintendent's signature → signed and sent,
or declined (with a reason) at any open step. The Grants Office moves a request up to the signature;
the Superintendent's office records the signature or declines at that step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from partners.intake import emails
from partners.intake.letters import LetterOfSupportRequest, LetterRequestEvent

Status = LetterOfSupportRequest.Status

REVIEW = "partners.review_letterofsupportrequest"
SIGN = "partners.sign_letterofsupportrequest"


@dataclass(frozen=True)
class Transition:
    """A move staff can make: from which statuses, by which permission, to which status."""

    action: str
    label: str
    target: str
    allowed_from: dict[str, str]
    needs_reason: bool = False

    def permission_at(self, status: str) -> str | None:
        return self.allowed_from.get(status)


TRANSITIONS = {
    t.action: t
    for t in (
        Transition("start_review", "Start Grants Office review", Status.GRANTS_REVIEW, {Status.SUBMITTED: REVIEW}),
        Transition(
            "send_for_signature",
            "Send for the Superintendent's signature",
            Status.AWAITING_SIGNATURE,
            {Status.GRANTS_REVIEW: REVIEW},
        ),
        Transition("mark_signed", "Signed and sent", Status.SIGNED, {Status.AWAITING_SIGNATURE: SIGN}),
        Transition(
            "decline",
            "Decline",
            Status.DECLINED,
            {Status.SUBMITTED: REVIEW, Status.GRANTS_REVIEW: REVIEW, Status.AWAITING_SIGNATURE: SIGN},
            needs_reason=True,
        ),
    )
}

WHO_MAY = {REVIEW: "the Grants Office", SIGN: "the Superintendent's office"}


class TransitionError(Exception):
    """A move that cannot be made, in words staff can act on."""


def available_transitions(request_obj: LetterOfSupportRequest, user: User) -> list[Transition]:
    return [
        t
        for t in TRANSITIONS.values()
        if (permission := t.permission_at(request_obj.status)) is not None and user.has_perm(permission)
    ]


def move(pk: int, action: str, user: User, reason: str = "") -> LetterOfSupportRequest:
    """Make one move, record it, and queue the emails it causes; all or nothing."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(f"'{action}' is not a step of the letter-of-support workflow.")
    reason = reason.strip()
    with transaction.atomic():
        request_obj = LetterOfSupportRequest.objects.select_for_update().get(pk=pk)
        permission = transition.permission_at(request_obj.status)
        if permission is None:
            raise TransitionError(
                f"{request_obj.reference} is '{request_obj.get_status_display()}'; "
                f"'{transition.label}' is not possible from there."
            )
        if not user.has_perm(permission):
            raise PermissionDenied(f"Only {WHO_MAY[permission]} can '{transition.label}' at this step.")
        if transition.needs_reason and not reason:
            raise TransitionError("Give the reason for declining; the requester will read it.")
        previous = request_obj.status
        request_obj.status = transition.target
        if transition.target == Status.DECLINED:
            request_obj.decline_reason = reason
        request_obj.updated_at = timezone.now()
        request_obj.save(update_fields=["status", "decline_reason", "updated_at"])
        event = LetterRequestEvent.objects.create(
            request=request_obj,
            from_status=previous,
            to_status=transition.target,
            actor=user,
            actor_name=user.get_full_name() or user.get_username(),
            note=reason,
        )
        log(
            instance=request_obj,
            action="partners.letter_request.moved",
            user=user,
            data={"from": previous, "to": transition.target, "reason": reason},
        )
        emails.letter_moved(request_obj, event)
    return request_obj
