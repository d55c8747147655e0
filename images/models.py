"""The image library: an uploaded picture, cleaned on the way in, and its renditions.

Files are stored under random names (``images/<uuid>.jpg``) that never change, so they can
be cached for good and tell nothing of the photo's original file name. Title, alt text and
credit exist once per language (images/translation.py).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from publishing import content_version

from . import processing
from .checks import check_image

FOLDER = "images"
RENDITIONS = f"{FOLDER}/renditions"
CHECKED_FORMAT = "checked_image_format"  # left on an upload by its validator


def validate_image(upload):
    setattr(upload, CHECKED_FORMAT, check_image(upload))


def random_name(image_format):
    """A new file name that says nothing but the format: "3f2a...c1.jpg"."""
    return f"{uuid.uuid4().hex}.{processing.EXTENSIONS[image_format]}"


def new_key():
    """An image's key in the import/export format: random, so it says nothing of the photo."""
    return uuid.uuid4().hex


def crop_ratios():
    """The crop ratios renditions are made for besides the uncropped one ("16:9", ...)."""
    return list(getattr(settings, "IMAGE_CROP_RATIOS", ()))


def unit_interval():
    return [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    file = models.FileField(
        _("file"),
        upload_to=FOLDER,  # replaced by a random name when the upload is cleaned
        validators=[validate_image],
        help_text=_("JPEG, PNG, WebP or a still GIF. Location and camera data are removed."),
    )
    title = models.CharField(_("title"), max_length=200)
    # Names the image in content files (lead_image: KEY, <img src="image:KEY">): kept by an
    # import, so export, import elsewhere and export again write the same key.
    key = models.SlugField(_("key"), max_length=64, unique=True, default=new_key, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=400,
        blank=True,
        default="",
        help_text=_(
            "What the image shows, for people who cannot see it: one or two sentences. "
            "Required unless the image is decorative."
        ),
    )
    decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_("Tick only if the image adds nothing to the text: screen readers skip it."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True, default="")
    # Else visitors see the files only once a published page uses the image (visibility.py).
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Visitors may open it even before a published page uses it. Leave unticked "
            "for a picture of a draft that is not to be seen yet."
        ),
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        default=0.5,
        validators=unit_interval(),
        help_text=_("0 is the left edge, 1 the right: crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        default=0.5,
        validators=unit_interval(),
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    format = models.CharField(_("format"), max_length=10, editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Names the cached cards that show the image (notices/cards.py): every save moves it,
    # and so does a new set of renditions.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="images_image_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.title

    @transaction.atomic
    def save(self, *args, **kwargs):
        fresh = bool(self.file) and not self.file._committed
        refocused = not fresh and self.pk and self._focal_point_changed()
        if fresh:
            self._store_clean_original()
        super().save(*args, **kwargs)
        if fresh or (refocused and crop_ratios()):
            self._write_renditions()  # the save's own post_save moves the content version

    def get_absolute_url(self):
        return file_url(self.file.name)

    def clean(self):
        # English is the text every other language falls back to: it must be there.
        english = getattr(self, "alt_text_en", None)
        if english is None:
            english = self.alt_text
        if not self.decorative and not (english or "").strip():
            raise ValidationError(
                {
                    "alt_text": _(
                        "Write what the image shows, or tick “decorative” if it adds nothing."
                    )
                }
            )

    def _focal_point_changed(self):
        stored = Image.objects.filter(pk=self.pk).values_list("focal_x", "focal_y").first()
        return stored is not None and stored != (self.focal_x, self.focal_y)

    def _store_clean_original(self):
        upload = self.file
        image_format = getattr(upload, CHECKED_FORMAT, None) or check_image(upload)
        with PILImage.open(upload) as source:
            clean = processing.pixels_only(source)
        data = processing.encode(clean, image_format)
        self.file = ContentFile(data, name=random_name(image_format))
        self.width, self.height = clean.size
        self.format = image_format

    @transaction.atomic
    def make_renditions(self):
        """Renditions anew from the stored original (whose pixels are already clean).
        Replaced rows' files stay in storage until ``prune_media`` finds nobody needs them."""
        self._write_renditions()
        # No save of a registered model happens here, so nothing else tells cached pages
        # that they show files which are gone: move the version once the new rows commit.
        content_version.changing()

    def _write_renditions(self):
        self.renditions.all().delete()
        with self.file.open("rb"), PILImage.open(self.file) as stored:
            clean = processing.pixels_only(stored)
        for ratio in ["", *crop_ratios()]:
            made = processing.renditions(clean, self.format, ratio, self.focal_x, self.focal_y)
            for width, height, image_format, data in made:
                Rendition.objects.create(
                    image=self,
                    width=width,
                    height=height,
                    format=image_format,
                    ratio=ratio,
                    file=ContentFile(data, name=random_name(image_format)),
                )
        self.updated_at = timezone.now()
        Image.objects.filter(pk=self.pk).update(updated_at=self.updated_at)

    @property
    def content_type(self):
        return processing.CONTENT_TYPES.get(self.format, "application/octet-stream")


class Rendition(models.Model):
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=10)
    # "" for the whole image; "16:9" for a crop around the focal point.
    ratio = models.CharField(_("crop ratio"), max_length=10, blank=True)
    file = models.FileField(_("file"), upload_to=RENDITIONS)

    class Meta:
        ordering = ["image", "ratio", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "ratio", "format", "width"], name="images_rendition_unique"
            ),
        ]

    def __str__(self):
        return f"{self.image} {self.width}w {self.format}"

    @property
    def url(self):
        return file_url(self.file.name)

    @property
    def content_type(self):
        return processing.CONTENT_TYPES.get(self.format, "application/octet-stream")


def file_url(name):
    """The public address of a stored image file: images/<uuid>.jpg -> /images/<uuid>.jpg."""
    return reverse("images:file", args=[name.removeprefix(f"{FOLDER}/")])
