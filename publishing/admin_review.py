"""The review-by date in every page type's change form, next to its publishing dates.

Added here, from the registry's models, so no page type's fieldsets name it. Only a
published page's date can change once visitors read it: a withdrawn or removed page has
nothing to review, and a change there would publish it again (the change form publishes
changed publishing dates of a live page).
"""

from .models import Status

FIELD = "review_by"


class ReviewByFields:
    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": list(options.get("fields", ()))})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if any(FIELD in _flat(options["fields"]) for _name, options in fieldsets):
            return fieldsets
        for _name, options in fieldsets:
            fields = options["fields"]
            for anchor in ("expires_at", "publish_at", "status"):
                if anchor in fields:
                    fields.insert(fields.index(anchor) + 1, FIELD)
                    return fieldsets
        if fieldsets:
            fieldsets[-1][1]["fields"].append(FIELD)
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        stored = None
        if obj is not None and obj.pk is not None:
            stored = self.model._default_manager.filter(pk=obj.pk).values_list("status", flat=True)
            stored = stored.first()
        if stored in (Status.WITHDRAWN, Status.REMOVED) and FIELD not in readonly:
            readonly.append(FIELD)
        return readonly


def _flat(fields):
    for field in fields:
        yield from (field if isinstance(field, (list, tuple)) else [field])
