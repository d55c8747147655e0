"""A page's slug per language: /ro/ answers at the Romanian slug, old addresses keep working,
every link to the page in another language names that language's slug, slugs are checked."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.utils import translation

from addresses.models import Redirect
from notices.models import Notice
from publishing.slugs import Moved, find, suggestion

from .content_helpers import import_content, write
from .factories import make_notice, make_staff
from .html import form_data, parse, text_of
from .test_seo import SITEMAP_NS, sitemap_pages

pytestmark = pytest.mark.django_db
XHTML = "{http://www.w3.org/1999/xhtml}link"
OWN = {"en": "/en/notices/visa-rules/", "ro": "/ro/notices/regimul-vizelor/"}
OWN["az"] = "/az/notices/viza-qaydalari/"


def translated_notice():
    return make_notice(
        title="Visa rules",
        slug="visa-rules",
        title_ro="Regimul vizelor",
        slug_ro="regimul-vizelor",
        title_az="Viza qaydaları",
        slug_az="viza-qaydalari",
    )


def test_each_language_answers_at_its_own_slug_and_links_the_others_by_theirs(client):
    translated_notice()
    for language, path in OWN.items():
        response = client.get(path)
        assert response.status_code == HTTPStatus.OK, path
        doc = parse(response)
        links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("nav.languages a")}
        assert links == {code: own for code, own in OWN.items() if code != language}
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")
        }
        assert alternates == {
            **{code: "http://testserver" + own for code, own in OWN.items()},
            "x-default": "http://testserver" + OWN["en"],
        }
        assert doc.xpath("//link[@rel='canonical']")[0].get("href").endswith(path)


def test_the_english_slug_under_ro_leads_to_the_romanian_one(client):
    translated_notice()
    response = client.get("/ro/notices/visa-rules/?utm=x")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == OWN["ro"] + "?utm=x"
    # A slug of another language (a prefix changed by hand): the page in this language.
    response = client.get("/ro/notices/viza-qaydalari/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == OWN["ro"]
    assert client.get("/ro/notices/no-such-slug/").status_code == HTTPStatus.NOT_FOUND


def found(candidates, value):
    try:
        return ("found", find(candidates, value).slug_en)
    except Moved as error:
        return ("moved", error.obj.slug_en, "permanent" if error.permanent else "temporary")
    except Http404:
        return ("404",)


@pytest.mark.parametrize(
    "language, value, answer",
    [
        ("en", "visa-rules", ("found", "visa-rules")),
        ("ro", "regimul-vizelor", ("found", "visa-rules")),
        ("ro", "visa-rules", ("moved", "visa-rules", "permanent")),
        ("az", "regimul-vizelor", ("moved", "visa-rules", "temporary")),
        ("ro", "other", ("found", "other")),  # no Romanian slug: the English one
        ("ro", "nothing", ("404",)),
    ],
)
def test_rows_kept_in_memory_are_found_by_the_same_rule_as_a_query(language, value, answer):
    # notices/categories.py hands find() the categories it keeps, the views a queryset.
    translated_notice()
    make_notice(title="Other", slug="other")
    with translation.override(language):
        assert found(Notice.objects.all(), value) == answer
        assert found(list(Notice.objects.all()), value) == answer
    assert found([], value) == ("404",)


def test_a_new_romanian_slug_leaves_a_permanent_redirect_at_the_old_address(client):
    notice = make_notice(title="Visa rules", slug="visa-rules", title_ro="Regimul vizelor")
    assert client.get("/ro/notices/visa-rules/").status_code == HTTPStatus.OK
    notice.slug_ro = "regimul-vizelor"
    notice.save()
    assert Redirect.objects.filter(old_path="/ro/notices/visa-rules/").exists()
    notice.slug_ro = "vize"  # and renamed again: one hop from either old address
    notice.save()
    for old in ("/ro/notices/visa-rules/", "/ro/notices/regimul-vizelor/"):
        response = client.get(old)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY, old
        assert response["Location"] == "/ro/notices/vize/"
    assert client.get("/en/notices/visa-rules/").status_code == HTTPStatus.OK


def test_the_sitemap_lists_each_language_at_its_own_slug(client):
    translated_notice()
    entries = {}
    for root in sitemap_pages(client):
        for url in root.findall("s:url", SITEMAP_NS):
            loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
            entries[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML)}
    for own in OWN.values():
        assert entries["http://testserver" + own]["ro"] == "http://testserver" + OWN["ro"]
        assert entries["http://testserver" + own]["az"] == "http://testserver" + OWN["az"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("vize-în-românia", "write “vize-in-romania” for “vize-în-românia”"),
        ("qaydaları-ş", "write “qaydalari-s” for “qaydaları-ş”"),
        ("ăâ î", "write “aa-i” for “ăâ î”"),
        ("!!!", "e.g. “visa-regulations”"),
    ],
)
def test_a_slug_with_letters_an_address_cannot_have_says_how_to_write_it(value, message):
    notice = make_notice()
    notice.slug_ro = value
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert message in " ".join(error.value.message_dict["slug_ro"])


def test_transliteration_covers_both_alphabets():
    assert suggestion("Ștefan Țară Ăla Îndemn Âmbră") == "stefan-tara-ala-indemn-ambra"
    assert (
        suggestion("Əliyev Ğ Işıq İş Ölkə Üzüm Çay Şəhər") == "eliyev-g-isiq-is-olke-uzum-cay-seher"
    )


def test_a_slug_names_one_page_in_every_language():
    first = make_notice(slug="visa-rules", slug_ro="vize")
    other = make_notice(slug="scholarships")
    for column, value in [("slug_ro", "visa-rules"), ("slug_az", "vize"), ("slug_en", "vize")]:
        setattr(other, column, value)
        with pytest.raises(ValidationError) as error:
            other.full_clean()
        field = "slug" if column == "slug_en" else column
        assert "already the address of another page" in " ".join(error.value.message_dict[field])
        other.refresh_from_db()
    first.slug_az = "visa-rules"  # its own English slug again: the same page, allowed
    first.full_clean()


def test_the_admin_refuses_a_romanian_letter_in_a_slug_and_keeps_what_was_typed(client):
    client.force_login(make_staff("root", None, is_superuser=True))
    notice = make_notice(title="Visa rules", slug="visa-rules")
    url = f"/admin/notices/notice/{notice.pk}/change/"
    data = form_data(client.get(url))
    data["slug_ro"] = "vize-în-românia"
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    doc = parse(response)
    assert "write “vize-in-romania” for “vize-în-românia”" in text_of(doc)
    assert doc.cssselect("#id_slug_ro")[0].get("value") == "vize-în-românia"
    notice.refresh_from_db()
    assert notice.slug_ro is None


def test_the_shipped_seed_has_slugs_in_three_languages_and_keeps_the_english(client):
    call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
    notice = Notice.objects.get(slug_en="visit-deputy-prime-minister-ana-birchall")
    assert notice.slug_ro == "vizita-viceprim-ministrului-ana-birchall"
    with translation.override("az"):
        path = notice.get_absolute_url()
    assert path == "/az/notices/bas-nazirin-muavini-ana-bircalin-seferi/"
    assert client.get(path).status_code == HTTPStatus.OK


def test_the_import_carries_slugs_per_language_and_refuses_a_taken_one(tmp_path):
    text = """
categories:
- slug: visas
  name: Visas
notices:
- slug: visa-rules
  title: Visa rules
  category: visas
  summary: What to know.
  status: published
  translations:
    ro: {slug: regimul-vizelor, title: Regimul vizelor}
- slug: other
  title: Other
  category: visas
  summary: Else.
  translations:
    ro: {slug: visa-rules}
"""
    with pytest.raises(Exception) as error:
        import_content(write(tmp_path, "n.yaml", text))
    assert "already the address of another page" in str(error.value)
    assert "translations.ro.slug" in str(error.value)  # the key as written, not slug_ro
    assert "slug_ro" not in str(error.value)
    import_content(write(tmp_path, "n.yaml", text.rsplit("- slug: other", 1)[0]))
    notice = Notice.objects.get(slug_en="visa-rules")
    assert notice.slug_ro == "regimul-vizelor"
    assert notice.published_languages == ["ro"]  # a file without the key: its titles


def test_a_category_has_its_slug_per_language_with_its_feed_and_old_addresses(
    client, django_capture_on_commit_callbacks
):
    from .factories import make_category

    category = make_category(name="Visas", slug="visas", name_ro="Vize")
    make_notice(category=category)
    assert client.get("/ro/notices/category/visas/").status_code == HTTPStatus.OK
    # Live when saved (a category is not reviewed) and committed: the categories are kept
    # per content version (notices/categories.py).
    with django_capture_on_commit_callbacks(execute=True):
        category.slug_ro = "vize"
        category.save()
    response = client.get("/ro/notices/category/visas/?page=1")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/ro/notices/category/vize/?page=1"
    doc = parse(client.get("/ro/notices/category/vize/"))
    links = {a.get("hreflang"): a.get("href") for a in doc.cssselect("nav.languages a")}
    assert links == {"en": "/en/notices/category/visas/", "az": "/az/notices/category/visas/"}
    feed = doc.xpath("//link[@type='application/atom+xml']/@href")
    assert "/ro/notices/category/vize/feed/" in feed
    response = client.get("/ro/notices/category/visas/feed/")
    assert response["Location"] == "/ro/notices/category/vize/feed/"
    assert client.get("/ro/notices/category/vize/feed/").status_code == HTTPStatus.OK
    with django_capture_on_commit_callbacks(execute=True):
        category.slug_ro = "vize-noi"
        category.save()
    assert Redirect.objects.get(old_path="/ro/notices/category/vize/").target_path == (
        "/ro/notices/category/vize-noi/"
    )
