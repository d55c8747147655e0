"""The rich-text editor staff use for long texts, and the cleaning of what it sends.

django-prose-editor ships its JavaScript and CSS inside the package (no CDN). The editor
offers only what the sanitiser keeps, so staff never see formatting vanish on save; the
stored HTML is cleaned by ``clean_html`` whatever the browser sent.
"""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget

from .sanitize import clean_html
from .text_rules import RichTextLimitValidator

EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        # h1 is the page title; sections start at h2.
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
        # An image's address and alt text, as the image library shows them ("In rich text");
        # the sanitiser keeps only the library's own files with alt text.
        "Image": True,
        # The search box under the editor that links to a page of the site by reference
        # (static/js/page-link.js, publishing.page_links).
        "PageLink": {
            "searchUrl": reverse_lazy("page_link_search"),
            "labels": {
                "label": _("Link to a page of this site"),
                "help": _(
                    "Select the words to link (or place the cursor for the page’s title), "
                    "then type a few letters of the page’s title and choose it."
                ),
                "found": _("Pages found: %s."),
                "none": _("No published page has that in its title."),
                "failed": _("The search did not answer. Try again."),
                "linked": _("Linked to “%s”."),
            },
        },
        # On by default in the package: staff writing in English want their spelling checked.
        "NoSpellCheck": False,
    }
}

RICH_TEXT_HELP = _(
    "Use the toolbar for headings, lists, links, quotations and tables. "
    "Pasted text keeps only this formatting; colours, fonts and scripts are removed."
)

_EMPTY = re.compile(r"^(<p>\s*(<br>)?\s*</p>\s*)*$")


def clean_rich_text(value):
    """Sanitise, and store an editor's lone empty paragraph as an empty string."""
    cleaned = clean_html(value)
    return "" if _EMPTY.match(cleaned) else cleaned


class EditorWidget(AdminProseEditorWidget):
    """The package's admin widget, opening taller and with spell-checking on."""

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["css/editor.css"]}, js=["js/editor-spellcheck.js"]
        )


def rich_text_formfield(db_field, **kwargs):
    kwargs.setdefault("help_text", db_field.help_text or RICH_TEXT_HELP)
    # The form field cleans after its validators: an oversized text is refused before the
    # sanitiser, whose time grows faster than the text (4 MB: 40 s).
    kwargs["validators"] = [*kwargs.get("validators", ()), RichTextLimitValidator()]
    return db_field.formfield(
        form_class=ProseEditorFormField,
        widget=EditorWidget,
        config=EDITOR_CONFIG,
        sanitize=clean_rich_text,
        **kwargs,
    )


class RichTextAdminMixin:
    """For ModelAdmins and inlines: ``rich_text_fields`` get the editor."""

    rich_text_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A translation column ("body_ro") is edited like its field.
        if getattr(db_field, "translated_field", db_field).name in self.rich_text_fields:
            kwargs.pop("widget", None)
            return rich_text_formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
