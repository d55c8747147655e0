"""Embassy pages in the import/export format (docs/content-format.md, "pages"): what the
models and the parts do not say. ``publishing.content.derive`` reads the rest.

A page is named by its English address, "consular-services/passports": the address names
its parent ("consular-services"), so the file needs no parent key and cannot hold a cycle.
"""

from addresses import moves
from images.models import Image
from publishing.registry import Content


class Tree:
    parent = "parent"

    def parent_key(self, key):
        above, _, _ = str(key).rpartition("/")
        return above or None

    def moved(self, pages, imported):
        """A page's address changed in some language: it leaves a redirect at its old
        address as an admin save does, and the pages under it that the files leave out move
        with it, saved as an editor's save would (``pages.paths``, then ``addresses``)."""
        # The import writes in bulk: it sent pre_save, where addresses noted each page's
        # old addresses, but sends no post_save, where they become redirects.
        for page in pages:
            moves.after_save(type(page), page)
        for page in pages:
            for child in page.children.exclude(pk__in=imported):
                child.save()  # its own address, then its children's


PAGE = Content(key="path", references={"lead_image": Image}, tree=Tree())
FACTS = Content(key="audience")
DOCUMENT = Content(key="text")
