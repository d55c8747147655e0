"""Who may make content public: the "publish" permission, enforced on the server.

An editor (no publish permission) writes and corrects drafts. Publishing, scheduling,
withdrawing and deleting published content need ``<app>.publish_<model>``. The form only
offers what the user may do, and every way in (change form, crafted POST, list actions,
bulk delete, history revert) is checked again here, so hidden fields are not the guard.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import actions
from .admin_delete import PlainDeleteRefusal
from .admin_drafts import DraftFormSet
from .admin_remove import RemoveViews
from .admin_review import ReviewByFields
from .admin_withdraw import WithdrawViews
from .models import PUBLISHING_FIELDS, VISIBLE, Status
from .registry import registry
from .state import label as state_label

# Pages only a publisher changes the publishing of, or deletes: what visitors may read, and
# what was removed (its addresses answer 410 or 301 until a publisher publishes it again).
GUARDED = (*VISIBLE, Status.REMOVED)

ONLY_PUBLISHERS = _(
    "Only a publisher can publish, schedule or withdraw. Save it as a draft and ask a "
    "publisher to review it."
)


def can_publish(user, model):
    """Whether the user may publish the page type that ``model`` (a page or a part) is in."""
    page_type = registry.for_model(model)
    return page_type is not None and user.has_perm(page_type.publish_permission)


def may_delete_at_all(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('delete', opts)}")


def page_is_public(page_type, instance):
    """Whether the page that a page or part row belongs to is published in the database."""
    page_id = page_type.page_id(instance)
    manager = page_type.model._default_manager
    return page_id is not None and manager.filter(pk=page_id, status__in=VISIBLE).exists()


class PartRulesMixin(PlainDeleteRefusal):
    """For the admins and inlines of parts: a part of a live page follows its page's rules.

    Whichever screen edits it (the page's inline or the part's own admin), only a publisher
    may delete a part of a published page. ``publishing.checks`` makes sure every admin of
    a registered part uses this. As an inline it lists a held draft's parts in memory.
    """

    formset = DraftFormSet

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or can_publish(request.user, self.model):
            return True
        page_type = registry.for_model(self.model)
        return not page_is_public(page_type, obj)

    def delete_refusal(self, request, obj):
        user, page_type = request.user, registry.for_model(self.model)
        if can_publish(user, self.model) or not may_delete_at_all(user, self.model):
            return None
        if not page_is_public(page_type, obj):
            return None
        return _("“%(item)s” is part of a published page, so only a publisher can delete it.") % {
            "item": obj
        }


class PublishingAdminMixin(RemoveViews, ReviewByFields, WithdrawViews, PlainDeleteRefusal):
    """For ModelAdmins of Publishable models."""

    actions = ["publish", "withdraw", "remove"]

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [("publishing_state" if name == "status" else name) for name in shown]

    @admin.display(description=_("state"), ordering="status")
    def publishing_state(self, obj):
        return state_label(obj)

    def has_publish_permission(self, request, obj=None):
        return can_publish(request.user, self.model)

    def _is_public(self, obj):
        """Published or withdrawn in the database (scheduled included): visitors may read it.
        The form's values are not trusted."""
        if obj is None or obj.pk is None:
            return False
        return self.model._default_manager.filter(pk=obj.pk, status__in=GUARDED).exists()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request) and self._is_public(obj):
            readonly += [f for f in PUBLISHING_FIELDS if f not in readonly]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        # Both forms are declared once per admin class (``VersionedAdmin``).
        if not self.has_publish_permission(request):
            kwargs.setdefault("form", self.editor_form)
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            self._refuse_publishing_change(obj)
        super().save_model(request, obj, form, change)

    def _refuse_publishing_change(self, obj):
        """Last line of defence, whatever path the values came by."""
        stored = None
        if obj.pk is not None:
            stored = (
                self.model._default_manager.filter(pk=obj.pk).values(*PUBLISHING_FIELDS).first()
            )
        if stored is None or stored["status"] not in GUARDED:
            if obj.status != Status.DRAFT:
                raise PermissionDenied(ONLY_PUBLISHERS)
            return
        if any(getattr(obj, f) != stored[f] for f in PUBLISHING_FIELDS):
            raise PermissionDenied(ONLY_PUBLISHERS)

    def has_delete_permission(self, request, obj=None):
        # Asked per object by the delete page and by "delete selected", so both refuse.
        if not super().has_delete_permission(request, obj):
            return False
        if obj is not None and not self.has_publish_permission(request):
            return not self._is_public(obj)
        return True

    def delete_refusal(self, request, obj):
        if self.has_publish_permission(request) or not may_delete_at_all(request.user, self.model):
            return None
        if obj.status not in GUARDED:  # as stored: the object was just read
            return None
        return _("“%(item)s” is published, so only a publisher can delete it.") % {"item": obj}

    @admin.action(
        permissions=["publish"], description=_("Publish the selected %(verbose_name_plural)s")
    )
    def publish(self, request, queryset):
        now = timezone.now()
        drafts = queryset.exclude(status=Status.PUBLISHED)
        changed, refused = self._run_each(request, drafts, actions.Publish)
        for obj, reason in refused:
            if not (obj.expires_at and obj.expires_at <= now):
                self.message_user(
                    request,
                    _("“%(item)s” was not published: %(reason)s") % {"item": obj, "reason": reason},
                    messages.ERROR,
                )
        refused = [obj for obj, _reason in refused if obj.expires_at and obj.expires_at <= now]
        if refused:
            # Without a publish time a draft is published now: one past its expiry is refused.
            self.message_user(
                request,
                ngettext(
                    "%(count)d was not published: its expiry has passed. Change the expiry "
                    "on its page first.",
                    "%(count)d were not published: their expiry has passed. Change the expiry "
                    "on their pages first.",
                    len(refused),
                )
                % {"count": len(refused)},
                messages.ERROR,
            )
        self.message_user(
            request,
            _("%(count)d %(items)s published.")
            % {"count": len(changed), "items": model_ngettext(self.opts, len(changed))},
            messages.SUCCESS,
        )
        scheduled = sum(obj.publish_at > now for obj in changed)
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them has a future publish time: visitors see it from then.",
                    "%(count)d of them have a future publish time: visitors see them from then.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.WARNING,
            )

    @admin.action(
        permissions=["publish"],
        description=_("Withdraw the selected %(verbose_name_plural)s, saying why"),
    )
    def withdraw(self, request, queryset):
        # Asks for the reason first (an intermediate page, as "delete selected" confirms).
        return self.withdraw_selected(request, queryset.filter(status=Status.PUBLISHED))

    def _run_each(self, request, queryset, action, **kwargs):
        """The same action as one page's button, page by page: every signal sees it, a
        revision records it and the admin's log says who did it."""
        changed, refused = [], []
        for obj in queryset:
            try:
                action(obj, request.user, **kwargs).run()
            except actions.Refused as refusal:
                refused.append((obj, str(refusal.message)))
                continue
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
            changed.append(obj)
        return changed, refused
