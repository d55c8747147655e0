"""Embassy pages, menus and the contact record in the import/export format
(docs/content-format.md, "pages", "menus", "contact"): what the models and the parts do not
say. ``publishing.content.derive`` reads the rest.

A page is named by its English address, "consular-services/passports": the address names
its parent ("consular-services"), so the file needs no parent key and cannot hold a cycle.
"""

import datetime
import re

from addresses import moves
from images.models import Image
from publishing.registry import Content, Part

from .models import HoursException, MenuItem, RegularHours


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


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def parse_weekday(value):
    """A weekday by its English name, as a person writes it: "monday"; stored from 0."""
    if isinstance(value, str) and value.strip().lower() in WEEKDAYS:
        return WEEKDAYS.index(value.strip().lower())
    raise ValueError(f"“{value}” is not a weekday; write one of: {', '.join(WEEKDAYS)}")


def format_weekday(value):
    return WEEKDAYS[value]


def parse_time(value):
    """A time of day, "09:00" or "17:30" (24 hours); null where the model allows none."""
    if value is None or value == "":
        return None
    match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    try:
        if match is None:
            raise ValueError
        return datetime.time(int(match[1]), int(match[2]))
    except ValueError:
        raise ValueError(
            f"“{value}” is not a time of day; write hours and minutes, 00:00 to 23:59, "
            "e.g. 09:00 or 17:30"
        ) from None


def format_time(value):
    return None if value is None else f"{value:%H:%M}"


TIMES = {"opens": (parse_time, format_time), "closes": (parse_time, format_time)}
# Whole lists: a file gives a menu's items and the week's hours as they are on the site, in
# order; stored rows the file leaves out are removed (they have no key to keep them by).
# Embassy before consular section (``-section``), then through the week, as the card reads.
ITEM = Content(
    key=None, keys=("label", "view_name", "target", "address"), whole=True, pages=("target",)
)
HOURS = Content(
    key=None,
    sort=("-section", "weekday", "opens"),
    whole=True,
    values={"weekday": (parse_weekday, format_weekday), **TIMES},
)
EXCEPTION = Content(key=None, sort=("first_day", "-section", "opens"), whole=True, values=TIMES)
MENU = Content(key="slot", sort=("-slot",), lists=(Part(MenuItem, "menu", content=ITEM),))
CONTACT = Content(
    key=None,
    list_key="contact",
    single=True,
    lists=(
        Part(RegularHours, "contact", content=HOURS),
        Part(HoursException, "contact", content=EXCEPTION),
    ),
)
