"""wagtail-localize's machine translators, set up from the environment (`config/settings/translation.py`).

Each offers the translation editor's "Translate with …" button only for the languages it is set to translate
(`LANGUAGES`; all when empty), and every string it fills marks the translation as awaiting review
(`cms.reviews`).
"""
