"""Stamps follow their objects: every save and delete of a page or a part, and imports.

Connected per model of each registered page type (as search does), and the dashboard gets
a panel per page type: pages whose translations are out of date.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from publishing.registry import Attention, registry
from publishing.signals import english_minor, pages_changed, registered, unregistered
from publishing.translated import translated_fields

from . import stamps


def saved(sender, instance, **kwargs):
    stamps.refresh(instance)


def deleted(sender, instance, **kwargs):
    # Publishing a draft deletes a page's parts and inserts them again under their keys
    # (publishing.snapshots.apply): their stamps must outlive that, or every translation
    # would look up to date after it. A row still gone at commit loses its stamps.
    model, pk = type(instance), instance.pk

    def forget():
        if not model._default_manager.filter(pk=pk).exists():
            stamps.forget(model, pk)

    transaction.on_commit(forget)


def changed(sender, pks, **kwargs):
    page_type = registry.for_model(sender)
    if page_type is not None:
        stamps.refresh_pages(page_type, pks)


def minor(sender, page, before, **kwargs):
    page_type = registry.for_model(sender)
    if page_type is not None:
        stamps.keep_current(page_type, page.pk, before)


def _title(plural):
    return gettext("Translations out of date: %(type)s") % {"type": plural}


_panel_title = lazy(_title, str)  # in the language of the admin page that shows it


def _out_of_date(page_type):
    def pages():
        from .models import State, TranslationStamp

        ids = TranslationStamp.objects.filter(page_type=page_type.label, state=State.OUT_OF_DATE)
        return page_type.model._default_manager.filter(pk__in=ids.values("page_id"))

    return pages


def connect_page_type(sender=None, page_type=None, **kwargs):
    for model in page_type.models():
        if translated_fields(model):
            uid = f"translations-{model._meta.label_lower}"
            post_save.connect(saved, sender=model, dispatch_uid=uid)
            post_delete.connect(deleted, sender=model, dispatch_uid=uid)
    panel_id = f"translations-{page_type.name}"
    if all(panel.id != panel_id for panel in page_type.attention):
        page_type.attention = (
            *page_type.attention,
            Attention(
                id=panel_id,
                title=_panel_title(page_type.model._meta.verbose_name_plural),
                empty_text=_("Every translation follows the current English."),
                pages=_out_of_date(page_type),
            ),
        )


def disconnect_page_type(sender=None, page_type=None, **kwargs):
    for model in page_type.models():
        uid = f"translations-{model._meta.label_lower}"
        post_save.disconnect(sender=model, dispatch_uid=uid)
        post_delete.disconnect(sender=model, dispatch_uid=uid)


def connect():
    registered.connect(connect_page_type, dispatch_uid="translations")
    unregistered.connect(disconnect_page_type, dispatch_uid="translations")
    pages_changed.connect(changed, dispatch_uid="translations")
    english_minor.connect(minor, dispatch_uid="translations-minor")
    for page_type in registry:
        connect_page_type(page_type=page_type)
