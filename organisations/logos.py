"""Partner logos: judged by their bytes with Pillow, never by their name or stated type.

An upload is opened by Pillow; only PNG, JPEG and WebP images within ``MAX_PIXELS`` are
accepted (a "PNG" that is really text, an SVG with scripts, a decompression bomb are
refused). The stored file is re-encoded by Pillow to at most ``MAX_SIDE`` pixels a side:
whatever else the upload carried (metadata, an appended payload) is not kept.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ACCEPTED = {"image/png": ("png",), "image/jpeg": ("jpg", "jpeg"), "image/webp": ("webp",)}
_PILLOW_FORMATS = {"PNG", "JPEG", "WEBP"}
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # a 5,000 × 5,000 image; Pillow's own bomb guard is far higher
MAX_SIDE = 512


def checked_logo(uploaded, *, name: str) -> ContentFile:
    """The logo re-encoded as PNG (a file named ``<name>.png``), or a ValidationError."""
    if not uploaded.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if uploaded.size > MAX_BYTES:
        raise ValidationError(_("A logo may be at most 2 MB."), code="too_large")
    uploaded.seek(0)
    try:
        with Image.open(uploaded) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()  # the whole file parses, not only its header
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a PNG, JPEG or WebP image, whatever its name says."),
            code="not_an_image",
        ) from None
    if kind not in _PILLOW_FORMATS:
        raise ValidationError(
            _("A logo must be a PNG, JPEG or WebP image; this file is %(kind)s.") % {"kind": kind},
            code="type_not_allowed",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)d × %(height)d pixels; a logo may be at most 5,000 × 5,000.")
            % {"width": width, "height": height},
            code="too_many_pixels",
        )
    uploaded.seek(0)
    with Image.open(uploaded) as image:  # verify() leaves the image unusable: open again
        image.load()
        image = image.convert("RGBA") if image.mode not in ("RGB", "RGBA") else image
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        output = io.BytesIO()
        image.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue(), name=f"{name}.png")
