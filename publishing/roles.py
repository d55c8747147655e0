"""The two staff roles, built from the registry: ``manage.py setup_roles`` makes the groups.

Editors write and correct drafts of every page type and its parts; Publishers also
publish, schedule, withdraw, delete and restore, and manage the lookups (categories).
The "publish" permissions live on the page models (``Meta.permissions``) and are enforced
by ``publishing.admin_rules``. Superusers keep everything.
"""

from django.utils.translation import gettext_lazy as _

from .registry import registry

EDITORS = "Editors"
PUBLISHERS = "Publishers"

DESCRIPTIONS = {
    EDITORS: _("Write and correct drafts; cannot publish."),
    PUBLISHERS: _("Review, schedule, publish, withdraw and restore content."),
}


def _perms(models, actions):
    return {
        f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        for model in models
        for action in actions
    }


def role_permissions():
    """{group name: {"app.codename", ...}} for every registered page type, read now."""
    content = [model for page_type in registry for model in page_type.models()]
    lookups = registry.lookups()
    # Deleting a draft is part of writing it; published items are guarded in the admin.
    editor = _perms(content, ["view", "add", "change", "delete"]) | _perms(lookups, ["view"])
    publisher = (
        editor
        | {page_type.publish_permission for page_type in registry}
        | _perms(lookups, ["add", "change", "delete"])
    )
    return {EDITORS: editor, PUBLISHERS: publisher}
