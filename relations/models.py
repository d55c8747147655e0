from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing import slugs
from publishing.models import Publishable, PublishableQuerySet

from .dates import PartialDate


class RelationQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug_en=slug)  # the English slug, whatever language is active


class Relation(Publishable):
    title = models.CharField(_("title"), max_length=200)
    # One per language (relations/translation.py), each unique among relations in any.
    slug = slugs.AddressSlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the page address.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        default="",
        help_text=_("One or two sentences: shown under the title, in lists and to search engines."),
    )
    # Shown at the top of the page; an image in use cannot be deleted (images/usage.py).
    lead_image = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead image"),
        help_text=_("Shown at the top of the page. Choose one from the image library."),
    )

    objects = RelationQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["title"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        permissions = [("publish_relation", _("Can publish, schedule, withdraw relations"))]

    def __str__(self):
        return self.title

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        slugs.check(self)  # each slug, in any language, names this relation alone

    def get_absolute_url(self):
        # The active language's slug, or the English one (publishing/slugs.py).
        return reverse("relations:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug_en,)


class ChildManager(models.Manager):
    """Children of a relation are found by the relation's slug and their own key."""

    key_field = "slug"

    def get_by_natural_key(self, relation_slug, key):
        return self.get(relation__slug_en=relation_slug, **{self.key_field: key})


class SectionManager(ChildManager):
    key_field = "anchor"


class Section(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text only")
        FRAMEWORKS = "frameworks", _("Text, then the frameworks for cooperation")
        AREAS = "areas", _("Text, then the key areas of cooperation")
        MILESTONES = "milestones", _("Text, then the timeline of milestones")

    relation = models.ForeignKey(Relation, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(_("heading"), max_length=200)
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        help_text=_("Used in links to this section (#anchor): lower case letters and hyphens."),
    )
    kind = models.CharField(
        _("content"),
        max_length=12,
        choices=Kind,
        default=Kind.TEXT,
        help_text=_("What the section shows after its text."),
    )
    body = models.TextField(_("body"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SectionManager()

    class Meta:
        ordering = ["relation", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["relation", "anchor"], name="relations_section_unique_anchor"
            ),
        ]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return f"{self.relation.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (self.relation.slug_en, self.anchor)

    natural_key.dependencies = ["relations.relation"]


class Framework(PartialDate):
    relation = models.ForeignKey(Relation, on_delete=models.CASCADE, related_name="frameworks")
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChildManager()

    class Meta:
        ordering = ["relation", "order", "id"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["relation", "slug"], name="relations_framework_unique_slug"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return self.relation.get_absolute_url()

    def natural_key(self):
        return (self.relation.slug_en, self.slug)

    natural_key.dependencies = ["relations.relation"]


class CycleManager(models.Manager):
    def get_by_natural_key(self, relation_slug, framework_slug, start_year):
        return self.get(
            framework__relation__slug_en=relation_slug,
            framework__slug=framework_slug,
            start_year=start_year,
        )


class Cycle(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="cycles")
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    partnership_goals = models.PositiveSmallIntegerField(
        _("Partnership Goals"),
        null=True,
        blank=True,
        help_text=_("How many Partnership Goals were accepted for this cycle, if any."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True, default="")

    objects = CycleManager()

    class Meta:
        ordering = ["framework", "start_year"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "start_year"], name="relations_cycle_unique_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="relations_cycle_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.framework.acronym or self.framework.name} {self.label}"

    @property
    def label(self):
        return f"{self.start_year}–{self.end_year}"

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("A cycle cannot end before it starts. Check the two years.")}
            )

    def natural_key(self):
        return (*self.framework.natural_key(), self.start_year)

    natural_key.dependencies = ["relations.framework"]


class CooperationArea(models.Model):
    relation = models.ForeignKey(Relation, on_delete=models.CASCADE, related_name="areas")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.TextField(_("description"), blank=True, default="")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ChildManager()

    class Meta:
        ordering = ["relation", "order", "id"]
        verbose_name = _("key area of cooperation")
        verbose_name_plural = _("key areas of cooperation")
        constraints = [
            models.UniqueConstraint(fields=["relation", "slug"], name="relations_area_unique_slug"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.relation.slug_en, self.slug)

    natural_key.dependencies = ["relations.relation"]


class Milestone(PartialDate):
    relation = models.ForeignKey(Relation, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField(_("year"))
    slug = models.SlugField(
        _("key"), max_length=80, help_text=_("A short unique name, e.g. 1994-pfp.")
    )
    text = models.CharField(_("what happened"), max_length=500)

    objects = ChildManager()

    class Meta:
        ordering = ["relation", "date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["relation", "slug"], name="relations_milestone_unique_slug"
            ),
        ]

    def __str__(self):
        return f"{self.date_display}: {self.text}"

    def get_absolute_url(self):
        return self.relation.get_absolute_url()

    def natural_key(self):
        return (self.relation.slug_en, self.slug)

    natural_key.dependencies = ["relations.relation"]
