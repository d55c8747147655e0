"""A consular service's facts as structured content, shown the same way on every service page.

Two parts of a page (registered in ``pages.apps``, so revisions, review, diffs,
translations and search cover them): the facts, at most one per page, and the documents
needed, a list in its order. Fees and processing times are text: currencies, conditions
and exceptions vary from one service to the next, and no sum is ever computed from them.
"""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _


class ServiceFacts(models.Model):
    # A key and a constraint, not a one-to-one field: publishing reads every part as a list
    # (drafts, revisions, the admin's inlines), and a service page has one row in it.
    page = models.ForeignKey(
        "pages.Page",
        on_delete=models.CASCADE,
        related_name="service_facts",
        verbose_name=_("page"),
    )
    audience = models.TextField(
        _("who it is for"), help_text=_("Who may or must apply, in a sentence or two.")
    )
    fee = models.CharField(
        _("fee"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("As the consular fee list says it: amount, currency, conditions."),
    )
    processing_time = models.CharField(_("processing time"), max_length=300, blank=True, default="")
    how_to_apply = models.TextField(
        _("how to apply or book"),
        blank=True,
        default="",
        help_text=_("The steps, where to book an appointment, what to bring on the day."),
    )
    last_checked = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        help_text=_("The day these facts were last checked against the rules in force."),
    )

    class Meta:
        verbose_name = _("service facts")
        verbose_name_plural = _("service facts")
        constraints = [models.UniqueConstraint(fields=["page"], name="pages_one_facts_a_page")]

    def __str__(self):
        return str(_("Service facts"))


class ServiceDocument(models.Model):
    page = models.ForeignKey(
        "pages.Page",
        on_delete=models.CASCADE,
        related_name="service_documents",
        verbose_name=_("page"),
    )
    text = models.CharField(
        _("document"),
        max_length=300,
        help_text=_("One document an applicant brings, with its conditions (original, copy)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("document needed")
        verbose_name_plural = _("documents needed")

    def __str__(self):
        return self.text


def search_text(page):
    """A service page's facts and documents as plain words, in the active language (each
    reads as the page shows it): search reads them with the page's own text, so a visitor
    finds the page by a document's name or by its fee. Two queries, once per page object,
    none where its page was read with them (the search index prefetches them)."""
    from search.text import plain_text

    prefetch_related_objects([page], "service_facts", "service_documents")
    words = []
    for facts in page.service_facts.all():
        words += [facts.audience, facts.fee, facts.processing_time]
        words.append(plain_text(facts.how_to_apply))
    words += [document.text for document in page.service_documents.all()]
    return " ".join(" ".join(filter(None, words)).split())
