from publishing.content import Kind

from .models import Leaflet, LeafletNote

NOTES = Kind(
    "notes",
    LeafletNote,
    key="slug",
    keys=("slug", "text"),
    required=frozenset({"slug", "text"}),
    parent="leaflet",
    ordered=True,
    sort=("order",),
)
LEAFLETS = Kind(
    "leaflets",
    Leaflet,
    key="slug",
    keys=("slug", "title", "summary", "body", "status", "publish_at", "expires_at", "notes"),
    required=frozenset({"slug", "title"}),
    children=(NOTES,),
    sort=("slug",),
)
