"""The embassy's pages in the admin: the tree as a list (indented titles, in their order),
and a parent chosen from the other pages (a choice that would make a circle is refused
by Page.clean with the reason)."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from publishing.admin_history import VersionedAdmin
from publishing.admin_rules import PublishingAdminMixin
from publishing.admin_translations import TranslatedFieldsMixin
from publishing.richtext import RichTextAdminMixin

from .admin_services import ServiceDocumentInline, ServiceFactsInline
from .models import Page


def tree_order(pages):
    """The pages as the tree reads: each followed by the pages under it, by order."""
    below = {}  # parent's pk -> its pages
    for page in pages:
        below.setdefault(page.parent_id, []).append(page)
    for siblings in below.values():
        siblings.sort(key=lambda page: (page.order, page.path_en))
    ordered, stack = [], list(reversed(below.get(None, [])))
    while stack:
        page = stack.pop()
        ordered.append(page)
        stack.extend(reversed(below.get(page.pk, [])))
    return ordered


@admin.register(Page)
class PageAdmin(TranslatedFieldsMixin, PublishingAdminMixin, RichTextAdminMixin, VersionedAdmin):
    list_display = ["indented_title", "order", "address", "status"]
    list_filter = ["status"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "parent",
                    "order",
                    "lead",
                    "lead_image",
                    "body",
                    "in_footer",
                    "role",
                ]
            },
        ),
        (_("Facts still missing"), {"fields": ["to_complete"]}),
        (_("Translations"), {"fields": ["published_languages"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "expires_at"]}),
    ]
    rich_text_fields = ["body"]
    # Filled in on a consular service's page; other pages leave them empty.
    inlines = [ServiceFactsInline, ServiceDocumentInline]
    autocomplete_fields = ["lead_image"]  # by title, from the image library
    list_per_page = 500  # a few dozen pages: the whole tree on one screen

    class Media:
        css = {"all": ["css/admin-forms.css"]}

    def get_queryset(self, request):
        """In tree order: the position of each page, known from all of them (one query)."""
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name != "pages_page_changelist":
            return queryset
        ordered = tree_order(list(Page.objects.only("pk", "parent", "order", "path_en")))
        position = Case(
            *(When(pk=page.pk, then=Value(n)) for n, page in enumerate(ordered)),
            default=Value(len(ordered)),
            output_field=IntegerField(),
        )
        return queryset.annotate(tree_position=position).order_by("tree_position")

    @admin.display(description=_("title"), ordering="tree_position")
    def indented_title(self, obj):
        depth = (obj.path_en or "").count("/")
        # Indented by a class (the admin allows no inline style), the dashes for the eye.
        return format_html(
            '<span class="tree-depth-{}"><span aria-hidden="true">{}</span>{}</span>',
            min(depth, 4),
            "– " * depth,
            obj.title,
        )

    @admin.display(description=_("address"))
    def address(self, obj):
        return obj.get_absolute_url()

    def get_readonly_fields(self, request, obj=None):
        # What the home page leads to is the publishers' choice, on a draft page too.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if self.has_publish_permission(request) else [*readonly, "role"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Page.objects.order_by("path_en")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
