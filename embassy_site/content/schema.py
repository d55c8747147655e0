"""What each object in a content file may hold, in the order an export writes it.

Most keys are the model's own field names. Four are special: ``date`` (a partial date,
stored as year, month, day and precision), ``category`` (a category's slug), ``file`` (a
path relative to the content file) and the children lists. A list's order is the objects'
order on the site: ``order`` is not written, it is the position in the list.
"""

from dataclasses import dataclass, field

from notices.models import Attachment, Category, Notice
from relations.models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

# Gaps of ten leave room for an editor to slot an item in between in the admin.
ORDER_STEP = 10
DATE_ATTRS = ("year", "month", "day", "precision", "date")
MOMENT_KEYS = frozenset({"publish_at", "expires_at"})


@dataclass(frozen=True)
class Kind:
    list_key: str  # the list's key in the file: "milestones"
    model: type
    key: str  # the key naming one object among its siblings: "slug"
    keys: tuple[str, ...]  # every key an object may have, in export order
    required: frozenset[str]
    parent: str | None = None  # the model's foreign key to the object it is listed under
    ordered: bool = False  # whether the list position is stored as ``order``
    children: tuple["Kind", ...] = field(default=())

    @property
    def label(self):
        return str(self.model._meta.verbose_name_plural)

    def attnames(self):
        """The model attributes the format sets, for comparing and bulk updates."""
        names = []
        for key in self.keys:
            if key == "date":
                names.extend(DATE_ATTRS)
            elif key == "category":
                names.append("category_id")
            elif key == "file" or any(key == child.list_key for child in self.children):
                continue
            else:
                names.append(key)
        if self.ordered:
            names.append("order")
        return names


CYCLES = Kind(
    "cycles",
    Cycle,
    key="start_year",
    keys=("start_year", "end_year", "partnership_goals", "note"),
    required=frozenset({"start_year", "end_year"}),
    parent="framework",
)
SECTIONS = Kind(
    "sections",
    Section,
    key="anchor",
    keys=("anchor", "heading", "kind", "body"),
    required=frozenset({"anchor", "heading"}),
    parent="relation",
    ordered=True,
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
)
AREAS = Kind(
    "areas",
    CooperationArea,
    key="slug",
    keys=("slug", "title", "description"),
    required=frozenset({"slug", "title"}),
    parent="relation",
    ordered=True,
)
MILESTONES = Kind(
    "milestones",
    Milestone,
    key="slug",
    keys=("slug", "date", "text"),
    required=frozenset({"slug", "date", "text"}),
    parent="relation",
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
        "sections",
        "frameworks",
        "areas",
        "milestones",
    ),  # fmt: skip
    required=frozenset({"slug", "title"}),
    children=(SECTIONS, FRAMEWORKS, AREAS, MILESTONES),
)
CATEGORIES = Kind(
    "categories",
    Category,
    key="slug",
    keys=("slug", "name", "description"),
    required=frozenset({"slug", "name"}),
    ordered=True,
)
ATTACHMENTS = Kind(
    "attachments",
    Attachment,
    key="title",
    keys=("title", "file"),
    required=frozenset({"title", "file"}),
    parent="notice",
    ordered=True,
)
NOTICES = Kind(
    "notices",
    Notice,
    key="slug",
    keys=(
        "slug",
        "title",
        "category",
        "summary",
        "body",
        "link_url",
        "link_label",
        "pinned",
        "status",
        "publish_at",
        "expires_at",
        "attachments",
    ),  # fmt: skip
    required=frozenset({"slug", "title", "category", "summary"}),
    children=(ATTACHMENTS,),
)

# Top-level lists, in the order they are read and written: categories before notices.
TOP_LEVEL = (RELATIONS, CATEGORIES, NOTICES)
# Every kind, parents before children: the order rows are written and summaries printed.
ALL_KINDS = (RELATIONS, SECTIONS, FRAMEWORKS, CYCLES, AREAS, MILESTONES, CATEGORIES, NOTICES,
             ATTACHMENTS)  # fmt: skip
