"""The whole content out (`manage.py export_content`) and into a fresh install (`manage.py import_content`), in
documented open formats: one JSON Lines file per model (Django's serialization format, content types and
permissions by their natural keys) and the media files as they are, with a manifest (docs/export.md).

`catalogue` says what is content and what is not; `exporting` writes it, a model and a file at a time (nothing is
held in memory whole); `importing` reads it back into an install with no content of its own yet, then rebuilds
what is derived from the content (the search index, the reference index, the delta-sync journal).
"""
