"""System checks: every admin screen of a registered page or part applies the publishing rules.

A rule that a new admin class can forget is a rule that will be forgotten (a framework's own
screen once let editors delete parts of a live relation), so ``manage.py check`` refuses it.
"""

from django.contrib import admin
from django.core import checks

from .admin_history import VersionedAdmin
from .admin_rules import PartRulesMixin, PublishingAdminMixin
from .registry import registry


@checks.register(checks.Tags.admin)
def admin_follows_publishing_rules(app_configs=None, **kwargs):
    errors = []
    for model, model_admin in admin.site._registry.items():
        page_type = registry.for_model(model)
        if page_type is None:
            continue
        need = PublishingAdminMixin if model is page_type.model else PartRulesMixin
        screens = [(type(model_admin), model, need), (type(model_admin), model, VersionedAdmin)]
        screens += [(inline, inline.model, PartRulesMixin) for inline in model_admin.inlines]
        for screen, edits, wanted in screens:
            if registry.for_model(edits) and not issubclass(screen, wanted):
                errors.append(_error(screen, edits, wanted))
    return errors


def _error(screen, edits, wanted):
    return checks.Error(
        f"{screen.__name__} edits {edits._meta.label}, registered with publishing, "
        f"but is not a {wanted.__name__}.",
        hint=f"Add {wanted.__module__}.{wanted.__name__} to its bases.",
        obj=screen,
        id="publishing.E001",
    )
