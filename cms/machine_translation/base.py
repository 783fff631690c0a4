"""What the project's machine translators share: the languages each is offered for."""

from __future__ import annotations

from typing import Any


class LanguagesMixin:
    """Offers translation only into the languages in the `LANGUAGES` option, when it names any."""

    options: dict[str, Any]

    def can_translate(self, source_locale: Any, target_locale: Any) -> bool:
        languages = self.options.get("LANGUAGES") or []
        if languages and target_locale.language_code not in languages:
            return False
        return super().can_translate(source_locale, target_locale)  # type: ignore[misc]
