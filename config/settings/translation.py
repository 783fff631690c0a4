"""The machine translator behind the translation editor's "Translate with …" button, chosen by MACHINE_TRANSLATOR.

- `deepl`: DEEPL_AUTH_KEY (a key ending in `:fx` uses DeepL's free API), DEEPL_API_URL to use another address.
- `google`: GOOGLE_TRANSLATE_PROJECT_ID, with GOOGLE_APPLICATION_CREDENTIALS (a service account's key file) and
  GOOGLE_TRANSLATE_LOCATION (`global`); needs the `google-cloud-translate` package installed beside the project.
- `libretranslate`: LIBRETRANSLATE_URL (the server's address) and LIBRETRANSLATE_API_KEY if it asks for one.

MACHINE_TRANSLATOR_LANGUAGES (comma-separated codes) limits the languages the button is offered for; DeepL's
default leaves out Khmer, Somali and Samoan, which it does not translate. Unset, there is no button.
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .environment import env, env_list

# Content languages each service translates into, where it has no Khmer, Somali or Samoan.
_DEEPL_LANGUAGES = ["es", "vi", "ru", "uk", "ko", "zh-hans"]


def machine_translator() -> dict[str, Any] | None:
    kind = (env("MACHINE_TRANSLATOR") or "").lower()
    if not kind:
        return None
    timeout = int(env("MACHINE_TRANSLATOR_TIMEOUT", "30"))
    if kind == "deepl":
        options: dict[str, Any] = {
            "AUTH_KEY": _required("DEEPL_AUTH_KEY"),
            "API_URL": env("DEEPL_API_URL"),
            "LANGUAGES": env_list("MACHINE_TRANSLATOR_LANGUAGES", _DEEPL_LANGUAGES),
        }
        name = "DeepL"
    elif kind == "google":
        options = {
            "PROJECT_ID": _required("GOOGLE_TRANSLATE_PROJECT_ID"),
            "LOCATION": env("GOOGLE_TRANSLATE_LOCATION", "global"),
            "LANGUAGES": env_list("MACHINE_TRANSLATOR_LANGUAGES", []),
        }
        name = "Google"
    elif kind == "libretranslate":
        options = {
            "LIBRETRANSLATE_URL": _required("LIBRETRANSLATE_URL").rstrip("/"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", ""),
            "LANGUAGES": env_list("MACHINE_TRANSLATOR_LANGUAGES", []),
        }
        name = "LibreTranslate"
    else:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATOR must be deepl, google or libretranslate, not {kind!r}.")
    options["TIMEOUT"] = timeout
    return {"CLASS": f"cms.machine_translation.{kind}.{name}Translator", "OPTIONS": options}


def _required(name: str) -> str:
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(f"MACHINE_TRANSLATOR needs {name}.")
    return value


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator()

# The languages `seed_demo` writes sample translations in, awaiting review (cms.seed_translations); None: all.
DEMO_TRANSLATION_LANGUAGES: list[str] | None = None
