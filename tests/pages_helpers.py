"""For the tests of the pages app: a filled-in contact record with hours, pages, and a
service's facts."""

import datetime

from pages.models import (
    ContactDetails,
    HoursException,
    RegularHours,
    Section,
    ServiceDocument,
    ServiceFacts,
)


def t(text):
    return datetime.time.fromisoformat(text)


def make_contact(**fields):
    fields.setdefault("address_en", "Example street 1\nBaku AZ1000")
    fields.setdefault("phone", "+994 12 000 00 00")
    fields.setdefault("email", "embassy@example.org")
    return ContactDetails.objects.create(**fields)


def weekday_hours(contact, section=Section.EMBASSY, days=range(5), spans=(("9:00", "17:00"),)):
    for day in days:
        for opens, closes in spans:
            RegularHours.objects.create(
                contact=contact,
                section=section,
                weekday=day,
                opens=t(opens.zfill(5)),
                closes=t(closes.zfill(5)),
            )


def exception(contact, first, name="Independence Day", last=None, **fields):
    return HoursException.objects.create(
        contact=contact, first_day=first, last_day=last or first, name_en=name, **fields
    )


def make_page(title="Consular services", slug=None, parent=None, **fields):
    """A published page (drafts say status="draft"), its slug from its title."""
    from django.utils import timezone
    from django.utils.text import slugify

    from pages.models import Page

    slug = slug or slugify(title)
    taken = Page.objects.filter(parent=parent, slug_en__startswith=slug).count()
    slug = slug if not taken else f"{slug}-{taken + 1}"  # a page of its own each call
    fields.setdefault("status", "published")
    # Like the other factories: the languages whose title is given are published.
    titled = [code for code in ("ro", "az") if fields.get(f"title_{code}")]
    fields.setdefault("published_languages", titled)
    if fields["status"] == "published":
        fields.setdefault("publish_at", timezone.now() - timezone.timedelta(days=1))
    return Page.objects.create(title_en=title, slug_en=slug, parent=parent, **fields)


def with_facts(page, documents=("Identity card", "Two photographs"), **fields):
    """A service's facts, every one given (English), and its documents in their order."""
    fields.setdefault("audience_en", "Romanian citizens living in Azerbaijan.")
    fields.setdefault("fee_en", "40 euros, paid in manats")
    fields.setdefault("processing_time_en", "About 30 working days")
    fields.setdefault("how_to_apply_en", "<p>Book an appointment.</p>")
    fields.setdefault("last_checked", datetime.date(2026, 3, 5))
    facts = ServiceFacts.objects.create(page=page, **fields)
    for n, text in enumerate(documents):
        ServiceDocument.objects.create(page=page, text_en=text, order=n)
    return facts
