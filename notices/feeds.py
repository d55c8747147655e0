"""Atom feeds of current notices, all of them and per category."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from publishing.notes import with_latest_change
from publishing.site_name import embassy_name
from publishing.site_url import SiteRequest
from publishing.slugs import Moved, find, moved
from publishing.translated import SOURCE, shown_language

from .models import Category, Notice

FEED_SIZE = 20


class MarkedAtomFeed(Atom1Feed):
    """An entry still in English says so (xml:lang) inside a feed in another language."""

    def item_attributes(self, item):
        return {"xml:lang": item["lang"]} if item.get("lang") else {}


class NoticeFeed(Feed):
    feed_type = MarkedAtomFeed

    def title(self):
        return _("Notices – %(site)s") % {"site": embassy_name()}

    def subtitle(self):
        return _("Announcements of the %(site)s.") % {"site": embassy_name()}

    def link(self):
        return reverse("notices:list")

    def feed_url(self):
        return reverse("notices:feed")

    def items(self):
        return with_latest_change(Notice.objects.current().select_related("category")[:FEED_SIZE])

    def get_feed(self, obj, request):
        """The embassy signs the feed and every entry: RFC 4287 requires an author.

        Addresses come from SITE_URL, not the request's Host (the feed is cached for
        everyone); the author_* hooks never see the request, so the author is set here.
        """
        request = SiteRequest(request)
        feed = super().get_feed(obj, request)
        author = {
            "author_name": embassy_name(),
            "author_link": request.build_absolute_uri(reverse("home")),
        }
        feed.feed.update(author)
        for item in feed.items:
            item.update(author)
        return feed

    def item_extra_kwargs(self, item):
        language = get_language()
        if language != SOURCE and shown_language(item, "title", language) == SOURCE:
            return {"lang": SOURCE}
        return {}

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # As the lists show it: no "Forum.…" in feed readers either.
        note = getattr(item, "latest_change", None)
        if note is None:
            return item.teaser
        updated = _("Updated on %(when)s: %(note)s") % {
            "when": date_format(note.created_at, "j F Y"),
            "note": note.text,
        }
        return f"{item.teaser}\n\n{updated}"

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        note = getattr(item, "latest_change", None)
        return max(item.updated_at, note.created_at) if note else item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(NoticeFeed):
    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Moved as error:  # another slug of the category: its feed in this language
            return moved(request, self.feed_url(error.obj), error.permanent)

    def get_object(self, request, slug):
        return find(Category.objects.all(), slug)

    def title(self, obj):
        return _("%(category)s – %(site)s") % {"category": obj.name, "site": embassy_name()}

    def subtitle(self, obj):
        return obj.description or _("Notices in the category %(category)s.") % {
            "category": obj.name
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("notices:category_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return with_latest_change(obj.notices.current().select_related("category")[:FEED_SIZE])
