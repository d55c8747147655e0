"""Categories and notices in the import/export format (docs/content-format.md): what the
models and the parts do not say. ``publishing.content.derive`` reads the rest."""

from images.models import Image
from publishing.registry import Content

from .models import Category

CATEGORY = Content(key="slug")
NOTICE = Content(
    key="slug",
    sort=("-publish_at", "slug"),
    references={"category": Category, "lead_image": Image},
)
ATTACHMENT = Content(key="title", file_key="file")
