"""Pages past their review-by date: for the dashboard, "mark checked", and the daily e-mail
to each page's last publisher, sent once per page and date (``ReviewReminder``)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from publishing import review_dates
from publishing.actions.review import publishers
from publishing.control_characters import one_line
from publishing.registry import registry
from publishing.site_url import absolute

from .models import ReviewReminder
from .owners import last_publishers


def overdue_pages(on=None):
    """[page] of every registered type past its review-by date, the longest overdue first:
    a query per page type."""
    found = []
    for page_type in registry:
        found += review_dates.overdue(page_type.model, on)
    return sorted(found, key=lambda page: (page.review_by, str(page)))


def mark_checked(page, on=None):
    """Checked today: the next review-by date, from the page type (or a year on). Written
    with update(): no revision (a draft waiting keeps waiting) and nothing visitors see."""
    page_type = registry.for_model(type(page))
    page.review_by = review_dates.next_review_by(page_type, on)
    type(page)._default_manager.filter(pk=page.pk).update(review_by=page.review_by)
    return page.review_by


def admin_url(page):
    opts = page._meta
    return absolute(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk]))


def recipients(page, owner):
    """The last publisher; if they have left or have no address, the type's publishers."""
    if owner is not None and owner.is_active and owner.email:
        return [owner.email]
    return sorted(publishers(registry.for_model(type(page))).values_list("email", flat=True))


def message(page):
    when = date_format(page.review_by, "DATE_FORMAT")
    subject = one_line(_("Please check “%(page)s”: review by %(date)s") % {
        "page": page, "date": when,
    })  # fmt: skip
    body = _(
        "“%(page)s” was to be checked by %(date)s: is everything on it still true?\n\n"
        "Open it here, correct what has changed, and choose “Mark checked” on the admin's "
        "start page to set its next review date:\n%(url)s\n"
    ) % {"page": page, "date": when, "url": admin_url(page)}
    return subject, body


def send_reminders(on=None, dry_run=False):
    """E-mails each overdue page's owner once per review-by date. Returns [(page, to)].

    The record and the e-mail go together: the row is written in a transaction that the
    e-mail must get through to commit, so a failed send is tried again on the next run, and
    a page already recorded (by an earlier run, or a parallel one) is never sent twice.
    """
    pages = overdue_pages(on)
    if not pages:
        return []
    owners = last_publishers(pages)
    sent = []
    for page in pages:
        content_type = ContentType.objects.get_for_model(type(page))
        record = {"content_type": content_type, "object_id": page.pk, "review_by": page.review_by}
        if ReviewReminder.objects.filter(**record).exists():
            continue
        to = recipients(page, owners.get((content_type.pk, page.pk)))
        if not to:
            continue
        if dry_run:
            sent.append((page, to))
            continue
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(**record, sent_to=", ".join(to)[:500])
                subject, body = message(page)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
        except IntegrityError:
            continue  # a parallel run recorded it first: it sends it
        sent.append((page, to))
    return sent
