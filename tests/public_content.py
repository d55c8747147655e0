"""A small, realistic site for the tests of public pages: one of everything visitors see."""

import datetime

from django.utils import timezone

from embassy_site.publishing import Status
from relations.models import CooperationArea, Cycle, Framework, Milestone, Relation, Section


def make_relation(**kwargs):
    kwargs.setdefault("title", "NATO – Azerbaijan relations")
    kwargs.setdefault("slug", "nato-azerbaijan")
    kwargs.setdefault(
        "summary",
        "How Azerbaijan and the North Atlantic Alliance have cooperated since 1992.",
    )
    kwargs.setdefault("status", Status.PUBLISHED)
    kwargs.setdefault("publish_at", timezone.now() - datetime.timedelta(days=30))
    return Relation.objects.create(**kwargs)


def make_section(relation, **kwargs):
    kwargs.setdefault("heading", "Evolution of relations")
    kwargs.setdefault("anchor", "evolution")
    kwargs.setdefault("body", "<p>Relations date back to 1992.</p>")
    return Section.objects.create(relation=relation, **kwargs)


def make_nato_relation():
    """The seed page's shape: four sections, a framework with cycles, areas, a timeline."""
    relation = make_relation()
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
