from django.db import models
from django.urls import reverse

from publishing.models import Publishable, PublishableQuerySet


class LeafletQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Leaflet(Publishable):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # As a page type's lead image will be: the image library's "used on" reads it.
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        # The toy has no migrations: its tables are made before any migrated app's.
        db_constraint=False,
    )

    objects = LeafletQuerySet.as_manager()

    class Meta(Publishable.Meta):
        permissions = [("publish_leaflet", "Can publish leaflets")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("leaflet", kwargs={"slug": self.slug})


class LeafletNote(models.Model):
    leaflet = models.ForeignKey(Leaflet, on_delete=models.CASCADE, related_name="notes")
    slug = models.SlugField()
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.slug
