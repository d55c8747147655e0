"""Categories and notices in the import/export format (docs/content-format.md)."""

from publishing.content import Kind

from .models import Attachment, Category, Notice

CATEGORIES = Kind(
    "categories",
    Category,
    key="slug",
    keys=("slug", "name", "description"),
    required=frozenset({"slug", "name"}),
    ordered=True,
    sort=("order", "slug"),
)
ATTACHMENTS = Kind(
    "attachments",
    Attachment,
    key="title",
    keys=("title", "file"),
    required=frozenset({"title", "file"}),
    parent="notice",
    ordered=True,
    file_key="file",
    sort=("order", "title"),
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
        "published_languages",
        "attachments",
    ),  # fmt: skip
    required=frozenset({"slug", "title", "category", "summary"}),
    children=(ATTACHMENTS,),
    references={"category": CATEGORIES},
    sort=("-publish_at", "slug"),
)
