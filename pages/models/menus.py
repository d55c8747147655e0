"""Header and footer navigation as data: ordered items, each leading to one target."""

from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from publishing.registry import registry


def named_views():
    """{url name: label}: the home page, search and every page type's public list."""
    views = {"home": _("Home page"), "search": _("Search")}
    for page_type in registry:
        if page_type.list_url:
            views[page_type.list_url] = page_type.model._meta.verbose_name_plural
    return views


def validate_address(value):
    """A path of this site ("/en/contact/") or an https address elsewhere."""
    parts = urlsplit(value)
    local = value.startswith("/") and not value.startswith("//") and not parts.scheme
    remote = parts.scheme == "https" and bool(parts.hostname)
    if not (local or remote) or any(c.isspace() for c in value):
        raise ValidationError(
            _("Give a path of this site starting with / or an address starting with https://."),
            code="bad_address",
        )


class Menu(models.Model):
    class Slot(models.TextChoices):
        HEADER = "header", _("Header")
        FOOTER = "footer", _("Footer")

    slot = models.CharField(_("place"), max_length=10, choices=Slot, unique=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ["slot"]

    def __str__(self):
        return self.get_slot_display()


class MenuItem(models.Model):
    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=80)
    view_name = models.CharField(_("list or page of the site"), max_length=60, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("page type")
    )
    object_id = models.PositiveBigIntegerField(_("page"), null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        validators=[validate_address],
        help_text=_("Only when no page is chosen: /path/ of this site or https://…"),
    )

    class Meta:
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        ordering = ["menu", "order", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        # An import names its target by key, a page it may be about to create: held here.
        named = self._meta.get_field("target").get_cached_value(self, None)
        chosen = [
            bool(self.view_name),
            self.object_id is not None or bool(named),
            bool(self.address),
        ]
        if sum(chosen) != 1:
            raise ValidationError(_("Choose exactly one target: a page, a list, or an address."))
        if self.view_name and self.view_name not in named_views():
            raise ValidationError({"view_name": _("This is not a list of the site.")})
        if self.object_id is not None and named is None:
            model = self.content_type.model_class() if self.content_type_id else None
            if model is None or registry.for_model(model) is None:
                raise ValidationError(_("Choose a page of a registered page type."))
            if not model._default_manager.filter(pk=self.object_id).exists():
                raise ValidationError(_("The chosen page does not exist any more."))

    def named_url(self):
        try:
            return reverse(self.view_name)
        except NoReverseMatch:
            return None
