"""How a form field is described, whoever defines it: editors (the interest form) or the code (letters)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form, as a frontend needs it to render and check the field."""

    name: str
    label: str
    kind: str
    required: bool
    help_text: str = ""
    choices: list[str] = field(default_factory=list)
    default_values: list[str] = field(default_factory=list)
    max_length: int | None = None
    autocomplete: str | None = None
    accept: list[str] = field(default_factory=list)
    max_files: int | None = None
    max_file_bytes: int | None = None
