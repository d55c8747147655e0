from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = _("Images")

    def ready(self):
        # A page shows an image's renditions and words (alt text, title): a change to an image
        # renews every cached page, as a change to a page does. Not a registry lookup: that
        # would hand images' permissions to the roles, which the image admin decides itself.
        image = self.get_model("Image")
        post_save.connect(_changed, sender=image, dispatch_uid="images-content-version-save")
        post_delete.connect(_changed, sender=image, dispatch_uid="images-content-version-delete")
        # Rich text may show the library's own files, and only those (publishing/sanitize.py).
        from publishing import sanitize

        if _image_for_path not in sanitize.IMAGE_FINDERS:
            sanitize.IMAGE_FINDERS.append(_image_for_path)


def _changed(sender, **kwargs):
    from publishing import content_version

    content_version.changing()


def _image_for_path(path):
    """The image whose original or rendition is at ``path`` (/images/...), or None."""
    from .models import FOLDER, Image, Rendition

    name = f"{FOLDER}/{path.removeprefix('/images/')}"
    image = Image.objects.filter(file=name).only("decorative").first()
    if image is None:
        rendition = Rendition.objects.filter(file=name).select_related("image").first()
        image = rendition.image if rendition else None
    return image
