"""Relations in the import/export format (docs/content-format.md)."""

from publishing.content import Kind

from .dates import format_partial_date, parse_partial_date
from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

DATES = (parse_partial_date, format_partial_date)  # "1992", "May 2003", "4 May 1994"
CYCLES = Kind(
    "cycles",
    Cycle,
    key="start_year",
    keys=("start_year", "end_year", "partnership_goals", "note"),
    required=frozenset({"start_year", "end_year"}),
    parent="framework",
    sort=("start_year",),
)
SECTIONS = Kind(
    "sections",
    Section,
    key="anchor",
    keys=("anchor", "heading", "kind", "body"),
    required=frozenset({"anchor", "heading"}),
    parent="relation",
    ordered=True,
    sort=("order", "anchor"),
)
FRAMEWORKS = Kind(
    "frameworks",
    Framework,
    key="slug",
    keys=("slug", "name", "acronym", "date", "description", "cycles"),
    required=frozenset({"slug", "name"}),
    parent="relation",
    ordered=True,
    children=(CYCLES,),
    sort=("order", "slug"),
    dates=DATES,
)
AREAS = Kind(
    "areas",
    CooperationArea,
    key="slug",
    keys=("slug", "title", "description"),
    required=frozenset({"slug", "title"}),
    parent="relation",
    ordered=True,
    sort=("order", "slug"),
)
MILESTONES = Kind(
    "milestones",
    Milestone,
    key="slug",
    keys=("slug", "date", "text"),
    required=frozenset({"slug", "date", "text"}),
    parent="relation",
    sort=("date", "slug"),
    dates=DATES,
)
RELATIONS = Kind(
    "relations",
    Relation,
    key="slug",
    keys=(
        "slug",
        "title",
        "summary",
        "status",
        "publish_at",
        "expires_at",
        "published_languages",
        "sections",
        "frameworks",
        "areas",
        "milestones",
    ),  # fmt: skip
    required=frozenset({"slug", "title"}),
    children=(SECTIONS, FRAMEWORKS, AREAS, MILESTONES),
    sort=("title", "slug"),
)
