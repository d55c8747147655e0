"""One row per searchable thing: a page, or a section of a page that has its own anchor.

The page's publishing state is copied here, so a query filters current documents itself and
a scheduled page appears when its time comes, with nothing written.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone


class SearchDocumentQuerySet(models.QuerySet):
    def current(self, now=None):
        """As ``PublishableQuerySet.current()``, on the copied state."""
        now = now or timezone.now()
        return self.filter(status="published", publish_at__lte=now).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class SearchDocument(models.Model):
    page_type = models.CharField(max_length=100)  # the page model's label: "notices.notice"
    object_id = models.BigIntegerField()  # the page's pk
    language = models.CharField(max_length=10)
    anchor = models.CharField(max_length=100, blank=True)  # "" for the page itself
    title = models.CharField(max_length=300)
    heading = models.CharField(max_length=300, blank=True)  # a section's heading
    text = models.TextField(blank=True)  # plain text the snippet is cut from
    url = models.CharField(max_length=500)
    # The language each shown text is in: the document's own, or "en" where it falls back
    # to the English (a result marks it lang="en").
    title_language = models.CharField(max_length=10, blank=True)
    heading_language = models.CharField(max_length=10, blank=True)
    text_language = models.CharField(max_length=10, blank=True)
    date = models.DateTimeField(null=True)
    status = models.CharField(max_length=10)
    publish_at = models.DateTimeField(null=True)  # a draft has no publish time yet
    expires_at = models.DateTimeField(null=True, blank=True)
    # PostgreSQL only (its GIN index is made by a migration there); SQLite keeps the words
    # in the search_fts FTS5 table instead, and this stays NULL.
    vector = SearchVectorField(null=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page_type", "object_id", "language", "anchor"],
                name="search_document_unique_key",
            ),
        ]

    def __str__(self):
        return f"{self.page_type}:{self.object_id}#{self.anchor} ({self.language})"


class SearchTerm(models.Model):
    """PostgreSQL only: one row per word of a document, with the document's ts_rank for that
    word alone, so a one-word search reads its page of results in rank order from an index
    instead of ranking every document that has the word (10,000 for "consular").

    Written with the document's vector and deleted before it (search.indexing); never
    updated, as documents are not. The date and title are copied because they break ties
    in the order (an index orders by its own table's columns only), and the publishing
    state so the count filters in the index. SQLite searches its FTS5 table: this is empty.
    """

    # DO_NOTHING keeps Django's delete of documents one statement; PostgreSQL's ON DELETE
    # CASCADE (migration 0007) removes the words, whoever deletes the documents.
    document = models.ForeignKey(SearchDocument, on_delete=models.DO_NOTHING, related_name="+")
    language = models.CharField(max_length=10)
    lexeme = models.TextField()  # as PostgreSQL's configuration for the language stores it
    rank = models.FloatField()  # ts_rank(vector, 'lexeme'): the general query's rank exactly
    date = models.DateTimeField(null=True)
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=10)
    publish_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(null=True)

    objects = SearchDocumentQuerySet.as_manager()  # current(), on the copied state

    class Meta:
        indexes = [
            # The order of search.query's ranked page: rank, then newest, title, id; the
            # state follows (as keys: SQLite has no INCLUDE) so the count of current
            # matches reads the index alone.
            models.Index(
                fields=[
                    *["language", "lexeme", "-rank", "-date", "title", "document"],
                    *["status", "publish_at", "expires_at"],
                ],
                name="search_term_ranked_order",
            ),
        ]

    def __str__(self):
        return f"{self.lexeme} ({self.language}) in {self.document_id}"
