"""The import/export format carries every language; doubtful translations are warned about."""

import pytest
from django.core.management.base import CommandError

from notices.models import Category, Notice

from .content_helpers import database_state, export_to, import_content, import_text

pytestmark = pytest.mark.django_db

NOTICES = """\
categories:
- slug: visas
  name: Visas
  translations:
    ro: {name: Vize}
    az: {name: Vizalar}
notices:
- slug: visa-rules-2020
  title: Visa rules for 4 May 2020
  category: visas
  summary: Rules for 12 countries.
  body: <p>From 4 May 2020, 12 countries.</p>
  status: published
  publish_at: '2020-05-01T10:00:00+04:00'
  translations:
    ro:
      title: Regimul vizelor pentru 4 mai 2020
      summary: Reguli pentru 12 țări.
      body: <p>De la 4 mai 2020, 12 țări.</p>
    az:
      title: 4 may 2020 üçün viza qaydaları
"""


def test_translations_are_imported_and_exported_byte_for_byte(tmp_path):
    report = import_text(tmp_path, NOTICES)
    assert "Check the translation" not in report
    notice = Notice.objects.get()
    assert notice.title_ro == "Regimul vizelor pentru 4 mai 2020"
    assert notice.title_az == "4 may 2020 üçün viza qaydaları"
    assert not notice.summary_az
    assert Category.objects.get().name_az == "Vizalar"
    out = export_to(tmp_path, "out.yaml")
    assert "    ro:\n      title: Regimul vizelor pentru 4 mai 2020\n" in out.read_text()
    before = database_state()
    assert "everything was already up to date" in import_content(out)
    assert database_state() == before
    again = export_to(tmp_path, "again.yaml")
    assert again.read_bytes() == out.read_bytes()


def test_a_translation_missing_a_date_or_using_cedillas_is_warned_about(tmp_path):
    text = NOTICES.replace("Regimul vizelor pentru 4 mai 2020", "Regimul vizelor pentru mai 2020")
    text = text.replace("Reguli pentru 12 țări.", "Reguli pentru 12 ţări.")  # t with cedilla
    report = import_text(tmp_path, text)
    assert "translations.ro.title: lacks 4 of the English" in report
    assert "translations.ro.summary: has letters ţ (ro)" in report
    assert Notice.objects.get().title_ro == "Regimul vizelor pentru mai 2020"  # imported


def test_an_unknown_language_or_field_is_refused_and_nothing_is_written(tmp_path):
    text = NOTICES.replace("    az:\n      title:", "    fr:\n      slug:")
    # Every key of a category is translated now (its slug too): a notice's link is not.
    text = text.replace(
        "      title: Regimul vizelor pentru 4 mai 2020",
        "      link_url: https://example.org/\n      title: Regimul vizelor pentru 4 mai 2020",
    )
    with pytest.raises(CommandError) as refused:
        import_text(tmp_path, text)
    message = str(refused.value)
    assert "unknown language “fr”; use one of: ro, az" in message
    assert (
        "translations.ro.link_url: not a translated field; notices translate: slug, title, "
        "summary, body, link_label" in message
    )
    assert Notice.objects.count() == 0
