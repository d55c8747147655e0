"""Content for the tests of public pages: one of every page type visitors see."""

from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from notices.models import Notice
from pages.models import Page
from relations.models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

from .factories import make_image, make_relation, make_section
from .image_files import png_bytes


def make_nato_relation():
    """The seed page's shape: four sections, a framework with cycles, areas, a timeline."""
    relation = make_relation(
        title="NATO – Azerbaijan relations",
        slug="nato-azerbaijan",
        summary="How Azerbaijan and the North Atlantic Alliance have cooperated since 1992.",
    )
    make_section(
        relation,
        heading="Evolution of relations",
        anchor="evolution-of-relations",
        order=1,
        body=(
            "<p>NATO-Azerbaijan relations date back to 1992, when Azerbaijan joined the "
            "North Atlantic Cooperation Council.</p><p>In 1996, Azerbaijan submitted its "
            "PfP Presentation Document and signed a <strong>Status of Forces Agreement</strong>"
            " (SOFA) with NATO.</p>"
        ),
    )
    make_section(
        relation,
        heading="Framework for cooperation",
        anchor="framework-for-cooperation",
        kind=Section.Kind.FRAMEWORKS,
        order=2,
        body="<p>Cooperation is organised through several frameworks.</p>",
    )
    make_section(
        relation,
        heading="Key areas of cooperation",
        anchor="key-areas-of-cooperation",
        kind=Section.Kind.AREAS,
        order=3,
        body="<p>The areas below are agreed in the partnership plans.</p>",
    )
    make_section(
        relation,
        heading="Key milestones of cooperation",
        anchor="key-milestones-of-cooperation",
        kind=Section.Kind.MILESTONES,
        order=4,
        body="<p>The milestones below follow one another in time.</p>",
    )
    pfp = Framework.objects.create(
        relation=relation,
        name="Partnership for Peace",
        acronym="PfP",
        slug="pfp",
        year=1994,
        month=5,
        day=4,
        precision="day",
        description="<p>The Partnership for Peace Framework Document was signed in 1994.</p>",
    )
    Cycle.objects.create(framework=pfp, start_year=2000, end_year=2002, partnership_goals=27)
    Cycle.objects.create(framework=pfp, start_year=2004, end_year=2006, partnership_goals=33)
    CooperationArea.objects.create(
        relation=relation,
        title="Security cooperation",
        slug="security",
        description="Peace support operations and interoperability.",
    )
    Milestone.objects.create(
        relation=relation, slug="1992-nacc", year=1992, text="Azerbaijan joins the NACC."
    )
    Milestone.objects.create(
        relation=relation,
        slug="2003-letter",
        year=2003,
        month=5,
        precision="month",
        text="Letter of intent to join the IPAP.",
    )
    return relation


PAGE_TYPES = [
    "home",
    "relations-list",
    "relation",
    "notices-list",
    "category",
    "notice",
    "search-results",
    "search-empty",
    "page",
    "404",
]


def page_paths(language="en"):
    """{page type: path} for every public page type in one language, from the content
    already stored.

    The benchmarks (bench/server.py) use it too, so tests and benches cover the same pages.
    """
    with override(language):
        return _page_paths(language)


def _page_paths(language):
    relation = Relation.objects.current().first()
    notice = Notice.objects.current().select_related("category").first()
    paths = {
        "home": reverse("home"),
        "relations-list": reverse("relations:list"),
        "relation": relation.get_absolute_url(),
        "notices-list": reverse("notices:list"),
        "category": notice.category.get_absolute_url(),
        "notice": notice.get_absolute_url(),
        "search-results": reverse("search") + "?q=visa",
        "search-empty": reverse("search"),
        # An embassy page: breadcrumbs, lead and a long body (pages/fixtures/pages.json).
        "page": Page.objects.current().get(path_en="accessibility-statement").get_absolute_url(),
        "404": f"/{language}/no-such-page/",
    }
    assert list(paths) == PAGE_TYPES
    return paths


BODY_ALT = {
    "en": "The embassy seen from the street.",
    "ro": "Ambasada văzută din stradă.",
    "az": "Küçədən görünən səfirlik.",
}


def add_images():
    """Images on the pages ``page_paths`` names, so a fault in image markup fails the HTML,
    axe and Lighthouse checks: the notice and the relation get a lead image (so do the
    lists showing them), and the notice's body one more. The photo's alt text exists in
    English and Romanian (Azerbaijani pages show the English, marked lang="en"); the
    relation's image is decorative (alt="")."""
    photo = make_image(
        png_bytes(1200, 800),
        title="The embassy's building",
        alt_text="A white stone building with the Romanian flag above its door.",
        credit="Photo: the Embassy",
    )
    photo.title_ro = "Clădirea ambasadei"
    photo.alt_text_ro = "O clădire din piatră albă, cu drapelul României deasupra ușii."
    photo.save()
    pattern = make_image(png_bytes(960, 540), title="Blue pattern", alt_text="", decorative=True)
    in_body = photo.renditions.exclude(format="WEBP").get(width=960)
    notice = Notice.objects.current().first()
    notice.lead_image = photo
    for code, alt in BODY_ALT.items():  # each language's body that has text of its own
        if getattr(notice, f"body_{code}"):
            setattr(
                notice,
                f"body_{code}",
                getattr(notice, f"body_{code}")
                + (
                    f'<p><img src="{in_body.url}" alt="{alt}" width="{in_body.width}" '
                    f'height="{in_body.height}" data-image-id="{photo.pk}"></p>'
                ),
            )
    notice.save()
    relation = Relation.objects.current().first()
    relation.lead_image = pattern
    relation.save()


def public_pages(language="en"):
    """Load the shipped seed content with images; return {page type: path} for every public
    page type in one language."""
    call_command("loaddata", "nato_azerbaijan", "notices", "pages", verbosity=0)
    add_images()
    return page_paths(language)
