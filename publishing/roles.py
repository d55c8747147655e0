"""The two staff roles, as data: ``manage.py setup_roles`` makes the groups match it.

Editors write and correct drafts; Publishers also publish, schedule, withdraw, delete and
restore. The "publish" permissions live on the models (``Meta.permissions``) and are
enforced by ``publishing.admin_rules``. Superusers keep everything.
"""

from django.utils.translation import gettext_lazy as _

EDITORS = "Editors"
PUBLISHERS = "Publishers"

_CONTENT = {
    # app label -> models whose rows editors write (parts of a page included)
    "relations": ["relation", "section", "framework", "cycle", "cooperationarea", "milestone"],
    "notices": ["notice", "attachment"],
}


def _perms(actions, apps=_CONTENT):
    return {
        f"{app}.{action}_{model}"
        for app, models in apps.items()
        for model in models
        for action in actions
    }


# Deleting a draft is part of writing it; published items are guarded in the admin.
_EDITOR_PERMS = _perms(["view", "add", "change", "delete"]) | {"notices.view_category"}

ROLES = {
    EDITORS: {
        "description": _("Write and correct drafts; cannot publish."),
        "permissions": _EDITOR_PERMS,
    },
    PUBLISHERS: {
        "description": _("Review, schedule, publish, withdraw and restore content."),
        "permissions": _EDITOR_PERMS
        | {
            "relations.publish_relation",
            "notices.publish_notice",
            "notices.add_category",
            "notices.change_category",
            "notices.delete_category",
        },
    },
}
