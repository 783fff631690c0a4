"""The documents an upload may be, and how large each kind may be (checked by cms.document_forms)."""

from __future__ import annotations

MB = 1024 * 1024

# Extension: (what it is, the content types its first bytes may show, the largest accepted size in bytes).
KINDS: dict[str, tuple[str, tuple[str, ...], int]] = {
    "mp4": ("an MP4 video", ("video/mp4",), 500 * MB),
    "webm": ("a WebM video", ("video/webm",), 500 * MB),
    "vtt": ("a WebVTT captions file", (), 1 * MB),
    "pdf": ("a PDF", ("application/pdf",), 50 * MB),
}
OTHER_LIMIT = 50 * MB

ACCEPTED = (
    "Accepted: videos as MP4 or WebM (up to 500 MB), captions as WebVTT .vtt files (up to 1 MB), and PDF, Word, "
    "Excel or text documents (up to 50 MB)."
)
