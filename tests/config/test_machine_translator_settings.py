"""MACHINE_TRANSLATOR and its variables become wagtail-localize's machine translator; DeepL's protocol is spoken
to a loopback server standing in for it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from wagtail_localize.strings import StringValue

from config.settings.translation import machine_translator


def test_unset_means_no_translator(monkeypatch) -> None:
    monkeypatch.delenv("MACHINE_TRANSLATOR", raising=False)
    assert machine_translator() is None


def test_each_service_needs_its_address_or_key(monkeypatch) -> None:
    for kind, needed in (("deepl", "DEEPL_AUTH_KEY"), ("libretranslate", "LIBRETRANSLATE_URL")):
        monkeypatch.setenv("MACHINE_TRANSLATOR", kind)
        monkeypatch.delenv(needed, raising=False)
        with pytest.raises(ImproperlyConfigured, match=needed):
            machine_translator()
    monkeypatch.setenv("MACHINE_TRANSLATOR", "babelfish")
    with pytest.raises(ImproperlyConfigured, match="deepl, google or libretranslate"):
        machine_translator()


def locale(code: str) -> Any:
    return SimpleNamespace(language_code=code)


def test_deepl_is_offered_only_for_the_languages_it_translates(monkeypatch) -> None:
    monkeypatch.setenv("MACHINE_TRANSLATOR", "deepl")
    monkeypatch.setenv("DEEPL_AUTH_KEY", "key:fx")
    config = machine_translator()
    translator = import_string(config["CLASS"])(config["OPTIONS"])
    assert translator.display_name == "DeepL"
    offered = {
        code
        for code in ("es", "vi", "ru", "uk", "km", "so", "ko", "zh-hans", "sm")
        if translator.can_translate(locale("en"), locale(code))
    }
    assert offered == {"es", "vi", "ru", "uk", "ko", "zh-hans"}
    assert translator.get_api_endpoint() == "https://api-free.deepl.com/v2/translate"
    monkeypatch.setenv("MACHINE_TRANSLATOR_LANGUAGES", "es,km")
    config = machine_translator()
    assert config["OPTIONS"]["LANGUAGES"] == ["es", "km"]


class DeepL(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        DeepL.received.append({"path": self.path, "auth": self.headers["Authorization"], **form})
        texts = [{"detected_source_language": "EN", "text": f"({form['target_lang'][0]}) {t}"} for t in form["text"]]
        data = json.dumps({"translations": texts}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def test_deepl_at_another_address_gets_every_string_in_one_request(monkeypatch) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), DeepL)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("MACHINE_TRANSLATOR", "deepl")
        monkeypatch.setenv("DEEPL_AUTH_KEY", "secret")
        monkeypatch.setenv("DEEPL_API_URL", f"http://127.0.0.1:{server.server_address[1]}/v2/translate")
        config = machine_translator()
        translator = import_string(config["CLASS"])(config["OPTIONS"])
        strings = [StringValue("Better Together"), StringValue("Upcoming stories")]
        result = translator.translate(locale("en"), locale("zh-hans"), strings)
    finally:
        server.shutdown()
        server.server_close()
    assert {key.data: value.data for key, value in result.items()} == {
        "Better Together": "(ZH) Better Together",
        "Upcoming stories": "(ZH) Upcoming stories",
    }
    assert DeepL.received == [
        {
            "path": "/v2/translate",
            "auth": "DeepL-Auth-Key secret",
            "text": ["Better Together", "Upcoming stories"],
            "tag_handling": ["xml"],
            "source_lang": ["EN"],
            "target_lang": ["ZH"],
        }
    ]
