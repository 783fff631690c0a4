"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): every upload of an image, from the images page, the
multiple upload, the image chooser or a file replaced, goes through it, so its limits hold on every path."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Wagtail's image form, refusing an image past WAGTAILIMAGES_MAX_IMAGE_PIXELS in words an editor can act on
    (Wagtail's own names two bare pixel counts)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
            words = _(
                "This image is too large: %(num_pixels)s pixels, where at most %(max_pixels_count)s "
                "(%(megapixels)s megapixels) are accepted. Scale it down (%(example)s is plenty for any screen) "
                "and upload it again."
            )
            # Wagtail fills in the two counts when it refuses a file; the rest is known now.
            width = int((limit * 1.5) ** 0.5)
            known = {"megapixels": f"{limit / 1_000_000:g}", "example": f"{width} × {width * 2 // 3}"}
            for name, value in known.items():
                words = words.replace(f"%({name})s", value)
            self.fields["file"].error_messages["file_too_many_pixels"] = words
