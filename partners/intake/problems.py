"""Why a submission was refused: each problem in plain words, with the code a client can branch on."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cms.errors import ErrorCode

# The codes an intake form error can carry; the API's FormErrorCode enum is made from this list.
FORM_ERROR_CODES = (
    ErrorCode.REQUIRED,
    ErrorCode.INVALID_CHOICE,
    ErrorCode.TOO_LONG,
    ErrorCode.TOO_MANY,
    ErrorCode.TOO_LARGE,
    ErrorCode.INVALID_FILE,
    ErrorCode.UNKNOWN_FIELD,
    ErrorCode.DEADLINE_TOO_SOON,
    ErrorCode.FORM_UNAVAILABLE,
    ErrorCode.RATE_LIMITED,
    ErrorCode.BAD_USER_INPUT,
)

# Django's validation codes, for those a client would word or handle differently; any other is BAD_USER_INPUT.
DJANGO_CODES = {
    "required": ErrorCode.REQUIRED,
    "invalid_choice": ErrorCode.INVALID_CHOICE,
    "invalid_list": ErrorCode.INVALID_CHOICE,
    "max_length": ErrorCode.TOO_LONG,
    "deadline_too_soon": ErrorCode.DEADLINE_TOO_SOON,
}


@dataclass(frozen=True)
class Problem:
    code: ErrorCode
    message: str


def problems_of(errors: list[ValidationError]) -> list[Problem]:
    """A form field's validation errors as problems, in the order the form gives them."""
    return [
        Problem(DJANGO_CODES.get(error.code or "", ErrorCode.BAD_USER_INPUT), _in_own_words(error, message))
        for error in errors
        for message in error.messages
    ]


def _in_own_words(error: ValidationError, message: str) -> str:
    # Django's catalogs have no Somali or Samoan: the commonest problem is said in the project's own catalogs,
    # so that it reads in every content language.
    return gettext("This field is required.") if error.code == "required" else message
