"""Relations in the import/export format (docs/content-format.md): what the models and the
parts do not say. ``publishing.content.derive`` reads the rest."""

from images.models import Image
from publishing.registry import Content

from .dates import format_partial_date, parse_partial_date

DATES = (parse_partial_date, format_partial_date)  # "1992", "May 2003", "4 May 1994"
RELATION = Content(key="slug", sort=("title", "slug"), references={"lead_image": Image})
SECTION = Content(key="anchor")
# The partial date's fields come first in the model (a mixin): in the format it follows
# the acronym.
FRAMEWORK = Content(
    key="slug", keys=("slug", "name", "acronym", "date", "description"), dates=DATES
)
CYCLE = Content(key="start_year")
AREA = Content(key="slug")
MILESTONE = Content(key="slug", sort=("date", "slug"), dates=DATES)
