"""The image library in the admin: thumbnails, images lacking alt text, where each is used.

Who may do what follows the roles (publishing.roles), read from what a person may do with
pages, as the redirects' admin does: whoever may change a page type (editors) adds and
changes images; whoever may publish one (publishers) also deletes them. The images app's
own permissions count too, for a person given them one by one.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from publishing.admin_translations import TranslatedFieldsMixin
from publishing.registry import registry
from publishing.translated import LANGUAGES, SOURCE, column

from .checks import ACCEPT
from .models import Image
from .usage import pages_using, uses


def _any_page_perm(user, action):
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for opts in (page_type.model._meta for page_type in registry)
    )


def may_delete(user):
    if user.has_perm("images.delete_image"):
        return True
    return any(user.has_perm(page_type.publish_permission) for page_type in registry)


def may_write(user):
    return user.has_perm("images.change_image") or _any_page_perm(user, "change")


def may_view(user):
    return may_write(user) or user.has_perm("images.view_image") or _any_page_perm(user, "view")


def lacking(queryset, language):
    """The images that are not decorative and have no alt text of their own in a language
    (visitors reading it get the English one, or nothing when English is missing too)."""
    name = column("alt_text", language)
    return queryset.filter(Q(**{name: ""}) | Q(**{f"{name}__isnull": True}), decorative=False)


class LacksAltText(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        names = dict(settings.LANGUAGES)
        # "missing" is English, the text every language falls back to; then one per language.
        missing = [
            (
                "missing" if language == SOURCE else f"missing-{language}",
                _("Lacks %(language)s alt text") % {"language": names.get(language, language)},
            )
            for language in LANGUAGES
        ]
        return [*missing, ("written", _("Has alt text"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "written":
            return queryset.exclude(pk__in=lacking(queryset, SOURCE).values("pk"))
        for language in LANGUAGES:
            if value == ("missing" if language == SOURCE else f"missing-{language}"):
                return lacking(queryset, language)
        return queryset


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt_text", "decorative", "credit", "public"]
        fields += ["focal_x", "focal_y"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}


@admin.register(Image)
class ImageAdmin(TranslatedFieldsMixin, admin.ModelAdmin):
    form = ImageForm
    # The title first: a row's header cell and link need text, which a thumbnail lacks.
    list_display = ("title", "thumbnail", "has_alt_text", "size", "uploaded_by", "uploaded_at")
    list_filter = (LacksAltText, "decorative", "public")
    search_fields = ("title", "alt_text", "credit")
    list_select_related = ("uploaded_by",)
    fieldsets = [
        (
            None,
            {"fields": ["file", "preview", "title", "alt_text", "decorative", "credit", "public"]},
        ),
        (
            _("Focal point"),
            {
                "fields": [("focal_x", "focal_y")],
                "description": _("Crops of the image keep this point in view."),
            },
        ),
        (
            _("Stored"),
            {
                "fields": [
                    "size",
                    "format",
                    "uploaded_by",
                    "uploaded_at",
                    "used_on",
                    "rich_text_html",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_readonly_fields(self, request, obj=None):
        shown = [
            "preview",
            *("size", "format", "uploaded_by", "uploaded_at", "used_on", "rich_text_html"),
        ]
        # A stored image is what pages show: a new picture is a new image, not a replacement.
        return ["file", *shown] if obj is not None else shown

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        smallest = min(obj.renditions.all(), key=lambda r: r.width, default=None)
        if smallest is None:
            return "—"
        return format_html(
            '<img src="{}" width="80" height="{}" alt="" loading="lazy">',
            smallest.url,
            max(1, round(80 * smallest.height / smallest.width)),
        )

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return self.thumbnail(obj) if obj and obj.pk else "—"

    @admin.display(boolean=True, description=_("alt text"))
    def has_alt_text(self, obj):
        return obj.decorative or bool((obj.alt_text_en or "").strip())

    @admin.display(description=_("size in pixels"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description=_("in rich text"))
    def rich_text_html(self, obj):
        """The markup to paste into a rich text (or its address and alt text into the
        editor's image dialog): the largest rendition in the original format."""
        renditions = [r for r in obj.renditions.all() if r.ratio == ""] if obj and obj.pk else []
        largest = max(renditions, key=lambda r: (r.format != "WEBP", r.width), default=None)
        if largest is None:
            return "—"
        alt = "" if obj.decorative else (obj.alt_text_en or "")
        markup = format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" data-image-id="{}">',
            largest.url,
            alt,
            largest.width,
            largest.height,
            obj.pk,
        )
        return format_html(
            '<textarea readonly rows="3" cols="60" aria-label="{}">{}</textarea>'
            '<p class="help">{}</p>',
            _("HTML of the image for rich text"),
            markup,
            _(
                "Paste its address and alt text into the editor's image dialog, "
                "or the whole into a text's HTML."
            ),
        )

    @admin.display(description=_("used on"))
    def used_on(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        pages = sorted(pages_using(obj), key=lambda each: (each[0]._meta.label, each[1]))
        if not pages:
            return _("Not used on any page.")
        links = []
        for model, pk in pages:
            opts = model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
            links.append((url, f"{opts.verbose_name} #{pk}"))
        return format_html_join(", ", '<a href="{}">{}</a>', links)

    def has_module_permission(self, request):
        return may_view(request.user)

    def has_view_permission(self, request, obj=None):
        return may_view(request.user)

    def has_add_permission(self, request):
        return may_write(request.user)

    def has_change_permission(self, request, obj=None):
        return may_write(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_delete(request.user)

    def get_deleted_objects(self, objs, request):
        # An image a page or a revision uses stays: Django refuses, listing where it is used.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for model, pk, where in uses(image):
                protected.append(f"{image}: {model._meta.verbose_name} #{pk} ({where})")
        return deleted, counts, perms_needed, protected
