"""The embassy's own pages, as a tree: each page has a parent (or none, at the top), an
order among its siblings, and an address per language made of its ancestors' slugs.

A plain parent key, not django-treebeard: the site has a few dozen pages, a page's
ancestors are found in one query by the prefixes of its stored path, and its children in
one more. The path is stored per language (``path_en``, ``path_ro``, ``path_az``) so a page
is found by its address in one indexed query; ``pages.paths`` keeps it right on every save,
the pages below a moved page included.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from publishing.models import Publishable, PublishableQuerySet, Status

LEAD_MAX = 400
# What a path of the catch-all may hold before the database is asked: slugs and slashes.
PATH_PATTERN = re.compile(r"^[-a-z0-9]+(/[-a-z0-9]+)*$")


class Role(models.TextChoices):
    """What the site itself finds a page by, whatever its title or address."""

    CONSULAR_SERVICES = "consular-services", _("Consular services (the home page leads to it)")


class PageQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, path):
        return self.get(path_en=path)

    def to_complete(self):
        """Pages with facts still missing (shipped as drafts), for the admin start page."""
        return self.exclude(to_complete="").order_by("path_en")

    def consular_services(self):
        """The published Consular services page (found by its role, whatever its address) with
        its published services, or None: one query for both (the home page shows them), the
        services in their order."""
        role = Role.CONSULAR_SERVICES
        wanted = models.Q(role=role) | models.Q(parent__role=role)
        rows = list(self.current().filter(wanted).order_by("order", "path_en"))
        found = next((page for page in rows if page.role == role), None)
        if found is not None:
            found.services = [page for page in rows if page.parent_id == found.pk]
        return found


class Page(Publishable):
    # Each language's whole address, kept by pages/paths.py from the published slugs.
    STORED_AS_SHOWN = ("path",)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent page"),
        help_text=_("The page this one is listed under. Empty for a page at the top."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first among pages.")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_("The last part of the page address, in this language."),
    )
    # "consular-services/passports": the ancestors' slugs and this page's, per language.
    path = models.CharField(_("address"), max_length=500, editable=False, default="")
    lead = models.TextField(
        _("lead"),
        max_length=LEAD_MAX,
        blank=True,
        default="",
        validators=[MaxLengthValidator(LEAD_MAX)],
        help_text=_("One or two sentences under the title, in lists and to search engines."),
    )
    body = models.TextField(_("body"), blank=True, default="")
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
    in_footer = models.BooleanField(
        _("in every page’s footer"),
        default=False,
        help_text=_("For statements every page must link to: accessibility, privacy."),
    )
    to_complete = models.TextField(
        _("to complete"),
        blank=True,
        default="",
        help_text=_(
            "Facts still missing, for staff: until this is empty, the page is listed on the "
            "admin start page and this form refuses to publish it."
        ),
    )

    # A role, not an address: renaming or moving the page keeps what leads to it right.
    role = models.CharField(
        _("role on the site"),
        max_length=40,
        choices=Role,
        blank=True,
        default="",
        help_text=_(
            "What the site finds this page by, whatever its title or address (the home page "
            "leads to “Consular services”). One page a role; only publishers change it."
        ),
    )

    objects = PageQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ["path_en"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_page", _("Can publish, schedule, withdraw pages"))]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["parent", "order"], name="pages_children_idx"),
        ]
        # One page an address, whatever wrote it (clean() says so first, with the reason).
        constraints = [
            *Publishable.Meta.constraints,
            *(
                models.UniqueConstraint(fields=[f"path_{code}"], name=f"pages_unique_path_{code}")
                for code in ("en", "ro", "az")
            ),
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role=""), name="pages_unique_role"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.path or self.slug})

    def natural_key(self):
        return (self.path_en,)

    @property
    def service_facts_text(self):
        """What search reads of a consular service's facts (a field of its ``Search``)."""
        from .services import search_text

        return search_text(self)

    def ancestors(self):
        """The pages above this one, top first, in one query (by the prefixes of its path)."""
        parts = (self.path_en or "").split("/")[:-1]
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        if not prefixes:
            return []
        found = {page.path_en: page for page in Page.objects.filter(path_en__in=prefixes)}
        return [found[prefix] for prefix in prefixes if prefix in found]

    def is_below(self, other):
        """Whether ``other`` is this page or one of its ancestors (walks the parents)."""
        seen, page = set(), self
        while page is not None and page.pk not in seen:
            if page.pk == other.pk:
                return True
            seen.add(page.pk)
            page = page.parent
        return False

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id is not None and self.pk is not None and self.parent.is_below(self):
            errors["parent"] = _(
                "“%(parent)s” is this page or one of the pages under it: a page cannot be "
                "placed under itself. Choose another parent."
            ) % {"parent": self.parent}
        else:
            errors.update(self.address_errors())
        others = Page.objects.filter(role=self.role).exclude(pk=self.pk)
        if self.role and (taken := others.first()) is not None:
            errors["role"] = _(
                "“%(page)s” has this role already: one page a role. Clear it on that page "
                "first, or choose another."
            ) % {"page": taken}
        if self.status == Status.PUBLISHED and (found := self.publish_problems()):
            errors[NON_FIELD_ERRORS] = found
        if errors:
            raise ValidationError(errors)

    def publish_problems(self):
        """What keeps this page from being published (asked by publishing's Publish)."""
        if self.to_complete.strip():
            return [
                _(
                    "This page still has facts to complete (see “to complete”). Fill them in "
                    "and empty that box before publishing."
                )
            ]
        return []

    def address_errors(self):
        """A sibling may not share a slug, and a page at the top may not take an address
        the site itself answers (/en/notices/)."""
        from ..paths import computed_paths

        errors = {}
        paths = computed_paths(self)
        for code, path in paths.items():
            taken = Page.objects.filter(**{f"path_{code}": path}).exclude(pk=self.pk).first()
            if taken is not None:
                errors[f"slug_{code}"] = _(
                    "“%(path)s” is already the address of “%(page)s”. Choose another slug."
                ) % {"path": f"/{code}/{path}/", "page": taken}
            elif self.parent is None and not self.is_page_address(code, path):
                errors[f"slug_{code}"] = _(
                    "“%(path)s” is an address the site itself uses. Choose another slug."
                ) % {"path": f"/{code}/{path}/"}
        # The form shows errors on the fields it has: the English slug stands for all.
        return {key if key != "slug_en" else "slug": value for key, value in errors.items()}

    @staticmethod
    def is_page_address(code, path):
        with override(code):
            try:
                match = resolve(f"/{code}/{path}/")
            except Resolver404:
                return True
        return match.view_name == "pages:page"
