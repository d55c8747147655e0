"""Keeping the stamps in step with the tables: after every save of a page or a part.

A translation written (its text changed) is stamped with the English of that moment; an
English change leaves the stamps of the other languages out of date; an empty
translation is "missing". Only the saved object's stamps are read and written.
"""

import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from publishing.registry import registry
from publishing.translated import LANGUAGES, SOURCE, column, translated_fields

from .models import State, TranslationStamp

TRANSLATED = [language for language in LANGUAGES if language != SOURCE]


def digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()


def _newest_revision(page_type, page_id):
    from publishing.models import Revision

    content_type = ContentType.objects.get_for_model(page_type.model)
    return (
        Revision.objects.filter(content_type=content_type, object_id=page_id)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def refresh(instance):
    """The stamps of one saved object; returns how many changed."""
    model = type(instance)
    page_type = registry.for_model(model)
    names = translated_fields(model)
    if page_type is None or not names:
        return 0
    page_id = page_type.page_id(instance)
    if page_id is None:
        return 0
    content_type = ContentType.objects.get_for_model(model)
    stored = {
        (s.field, s.language): s
        for s in TranslationStamp.objects.filter(content_type=content_type, object_id=instance.pk)
    }
    revision, changed, gone = None, [], []
    for name in names:
        english = getattr(instance, column(name, SOURCE)) or ""
        for language in TRANSLATED:
            stamp = stored.get((name, language))
            if not english:
                if stamp is not None:
                    gone.append(stamp.pk)
                continue
            text = getattr(instance, column(name, language)) or ""
            if stamp is None:
                stamp = TranslationStamp(
                    content_type=content_type, object_id=instance.pk, field=name,
                    language=language, page_type=page_type.label, page_id=page_id,
                )  # fmt: skip
            before = (stamp.state, stamp.source_hash, stamp.translation_hash)
            if not text:
                stamp.state, stamp.translation_hash = State.MISSING, ""
            elif digest(text) != stamp.translation_hash:  # translated (again) just now
                if revision is None:
                    revision = _newest_revision(page_type, page_id)
                stamp.state, stamp.translation_hash = State.CURRENT, digest(text)
                stamp.source_hash, stamp.source_text = digest(english), english
                stamp.source_revision_id = revision
            elif digest(english) != stamp.source_hash:
                stamp.state = State.OUT_OF_DATE
            if stamp.pk is None or before != (
                stamp.state,
                stamp.source_hash,
                stamp.translation_hash,
            ):
                changed.append(stamp)
    if gone:
        TranslationStamp.objects.filter(pk__in=gone).delete()
    for stamp in changed:
        stamp.save()
    return len(changed) + len(gone)


def forget(model, pk):
    content_type = ContentType.objects.get_for_model(model)
    TranslationStamp.objects.filter(content_type=content_type, object_id=pk).delete()


def refresh_pages(page_type, pks):
    """Every object of these pages (the import writes in bulk and names its pages)."""
    for model in page_type.models():
        if not translated_fields(model):
            continue
        lookup = page_type.path_to_page(model) or "pk"
        for obj in model._default_manager.filter(**{f"{lookup}__in": pks}):
            refresh(obj)


def mark_current(stamps):
    """The English changes were minor: the translations stand as they are."""
    count = 0
    for stamp in stamps.filter(state=State.OUT_OF_DATE).select_related("content_type"):
        obj = stamp.content_type.get_object_for_this_type(pk=stamp.object_id)
        english = getattr(obj, column(stamp.field, SOURCE)) or ""
        stamp.source_hash, stamp.source_text = digest(english), english
        stamp.state = State.CURRENT
        stamp.save()
        count += 1
    return count


def keep_current(page_type, page_id, before):
    """A minor English change: translations that were up to date with the English of
    ``before`` (the page's snapshot before the save) stay so. Others, out of date since an
    earlier change, stay out of date."""
    english = {}
    for row in [before["page"], *before["parts"]]:
        model = apps.get_model(row["model"])
        for name in translated_fields(model):
            text = row["fields"].get(column(name, SOURCE)) or ""
            english[(row["model"], row["pk"], name)] = digest(text)
    found = TranslationStamp.objects.filter(
        page_type=page_type.label, page_id=page_id, state=State.OUT_OF_DATE
    ).select_related("content_type")
    keep = [
        stamp.pk
        for stamp in found
        if english.get((_label(stamp.content_type), stamp.object_id, stamp.field))
        == stamp.source_hash
    ]
    return mark_current(TranslationStamp.objects.filter(pk__in=keep))


def _label(content_type):
    return f"{content_type.app_label}.{content_type.model}"
