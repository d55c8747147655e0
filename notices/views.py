from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView

from publishing import rendered
from publishing.kept_pages import KeptPageMixin
from publishing.paging import page_number
from publishing.previews import StaffPreviewMixin
from publishing.slugs import TranslatedSlugMixin

from . import categories, notice_parts
from .listing import Listing, Unbuilt
from .models import Notice


def _in_languages(name):
    return [name, *(f"{name}_{code}" for code, _name in settings.LANGUAGES)]


# What a list never shows of a notice and its category (the feeds and pages read their own).
CARD_UNUSED = ("review_by", "created_at", "live_revision_id", "latest_revision_id")
CARD_UNUSED += ("has_unpublished_changes", "review_state", "first_published_at")
CARD_UNUSED += ("last_published_at", "link_url", *_in_languages("link_label"))
CARD_UNUSED += tuple(_in_languages("category__description"))


class NoticeListMixin:
    """Current notices, pinned first then newest, ten a page (a bad ?page= is a 404); the
    count and the cards kept per content version (notices/listing.py)."""

    paginate_by = 10
    context_object_name = "notices"
    category = None
    card_options = {"show_category": True, "show_pinned": True}

    def paginate_queryset(self, queryset, page_size):
        number = page_number(self.request, self.page_kwarg)
        listing = Listing(
            self.request, queryset, self.now, self.category, number, page_size, **self.card_options
        )
        self.cards = listing.cards
        page = listing.page
        return listing.paginator, page, page.object_list, page.has_other_pages()

    def get_queryset(self):
        self.now = timezone.now()  # the count's moment too (notices/listing.py)
        return Unbuilt(self.notices)  # built only for the cards not kept

    def notices(self):
        # The lead image's row names the cached card; its renditions are read only for the
        # cards not in the cache (notices/cards.py). The columns no card shows are left out:
        # building the query costs in proportion to its columns (a quarter fewer).
        queryset = Notice.objects.current(self.now).select_related("category", "lead_image")
        return queryset.defer(*CARD_UNUSED)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = categories.categories(self.request)
        context["cards"] = self.cards
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
        return context


class NoticeListView(NoticeListMixin, ListView):
    template_name = "notices/notice_list.html"


class CategoryView(TranslatedSlugMixin, NoticeListMixin, ListView):
    template_name = "notices/category_detail.html"
    card_options = {"show_pinned": True}

    def get_queryset(self):
        # By the category's slug in this language (publishing/slugs.py), among the kept.
        self.category = categories.find(self.request, self.kwargs["slug"])
        return super().get_queryset()

    def notices(self):
        return super().notices().filter(category=self.category)

    def get_context_data(self, **kwargs):
        # As a detail view's ``object``: the switcher and hreflang follow its slugs.
        return super().get_context_data(category=self.category, object=self.category, **kwargs)


class NoticeDetailView(KeptPageMixin, TranslatedSlugMixin, StaffPreviewMixin, DetailView):
    model = Notice
    template_name = "notices/notice_detail.html"
    context_object_name = "notice"

    def get_queryset(self):
        # The attachments and the image's renditions are read only to render the cached
        # parts (notices/notice_parts.py); a staff preview's draft has them in memory.
        return super().get_queryset().select_related("category", "lead_image")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Read only if the page's kept content is not (templates/notices/notice_detail.html).
        context["parts"] = SimpleLazyObject(
            lambda: notice_parts.parts(
                self.object, rendered.version(self.request), preview=context["preview"]
            )
        )
        return context
