"""Every admin URL of every registered model, for every role, by GET and by crafted POST.

The URLs come from the admin site itself (``admin.site._registry`` and each ModelAdmin's
``get_urls()``), with real object and revision ids put in, so a view added later is walked
without anyone listing it here. For each role the test sends each request inside a
savepoint that is rolled back afterwards, so every request meets the same content: a live
relation with every kind of part (the shipped fixtures), notices live and draft, and a
draft of the live pages waiting for a publisher.

The rules proved:

* a GET never writes anything, whoever sends it;
* anonymous visitors are sent to the login page and change nothing;
* staff with only the view permissions change nothing;
* editors change no live content (pages that are published, their parts, the lookups, the
  revisions that were applied, redirects): they may only add draft revisions, send them
  for review, edit draft pages, and mark a page's link checks seen or put them off;
* the same crafted POSTs, sent by a publisher, do change live content, so the requests
  above were refused for the role and not for being malformed.

Each role is one test that collects every failure, naming URL and method, and asserts the
list is empty: thousands of parametrized cases would each load the fixtures again.
"""

import re
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import Client

from addresses.models import Redirect
from images.models import Image, Rendition
from notices.models import Notice
from publishing import revisions, snapshots
from publishing.admin_history import VersionedAdmin
from publishing.models import STATE_FIELDS, Revision, Status
from publishing.registry import registry
from publishing.roles import EDITORS, PUBLISHERS
from relations.models import Cycle, Framework, Relation
from translations.models import TranslationStamp
from upkeep.models import LinkCheck

from .factories import (
    make_attachment,
    make_image,
    make_notice,
    make_relation,
    make_section,
    make_staff,
)
from .html import form_data
from .pages_helpers import make_page
from .repeated_reads import RepeatedValues

pytestmark = pytest.mark.django_db

# URL parameters: the object's key (Django's own "<path:object_id>", auth's "<id>"), a revision.
OBJECT = re.compile(r"<(?:\w+:)?(?:object_id|id)>")
REVISION = re.compile(r"<(?:\w+:)?revision_id>")
CRAFTED = " (crafted)"
IMAGES = {Image._meta.label, Rendition._meta.label}


# The content every request meets ----------------------------------------------------------


def waiting_draft(page, author, **changes):
    """A draft of the page that differs from the tables: its first part gone, fields changed."""
    data = snapshots.take(page)
    fields = data["page"]["fields"]
    for name, value in changes.items():
        # As the admin saves it: the English column with the field (modeltranslation).
        fields.update({name: value, **({f"{name}_en": value} if f"{name}_en" in fields else {})})
    data["parts"] = data["parts"][1:]
    return revisions.record(page, Revision.Kind.DRAFT, author=author, applied=False, data=data)


@pytest.fixture
def content(django_capture_on_commit_callbacks):
    """The shipped content with its baselines, a draft notice and relation, and drafts waiting
    on live pages."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "nato_azerbaijan", "notices", verbosity=0)
        # An embassy page of each status (the shipped ones have pages under them and facts
        # to complete, which would refuse a crafted copy or delete for their own reasons).
        make_page("About the embassy")
        make_page("A draft page", status=Status.DRAFT)
        draft_notice = make_notice(title="A draft notice", status=Status.DRAFT)
        make_attachment(draft_notice)
    # A page no revision knows yet (made by a path that sends no signal, as a shell might):
    # whoever looks at its history must not write its baseline on a GET.
    draft_relation = make_relation(status=Status.DRAFT)
    make_section(draft_relation)
    framework = Framework.objects.create(
        relation=draft_relation, name="A draft framework", slug="draft", year=2004
    )
    Cycle.objects.create(framework=framework, start_year=2005, end_year=2007)
    relation = Relation.objects.get(slug="nato-azerbaijan")
    live_notice = Notice.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
    author = make_staff("author", EDITORS)
    waiting_draft(relation, author, summary="A summary only the draft has.")
    waiting_draft(live_notice, author, title="A title only the draft has.")
    # A draft page's history holds an earlier version that differs from the tables.
    earlier = snapshots.take(draft_notice)
    earlier["page"]["fields"]["summary"] = "An earlier summary."
    revisions.record(draft_notice, Revision.Kind.EDIT, author=author, data=earlier)
    # Old addresses kept by the site (two: the walk deletes one), and a broken link of a live
    # notice on the dashboard.
    Redirect.objects.create(old_path="/en/notices/an-old-address/", target_path="/en/notices/")
    Redirect.objects.create(old_path="/visa.html", gone=True)
    LinkCheck.objects.create(
        url="https://gone.example/",
        page_type=ContentType.objects.get_for_model(Notice),
        page_id=live_notice.pk,
        status=404,
        tier="broken",
        signature="broken:404",
    )
    # The library (two: the walk deletes one): editors add and change images, publishers
    # also delete them.
    make_image()
    make_image(title="A second image")
    assert all(revisions.for_page(page).exists() for page in [*Notice.objects.all(), relation])
    assert not revisions.for_page(draft_relation).exists()
    return relation


# What the database holds, and what a role may change ---------------------------------------


def content_models():
    models = [model for page_type in registry for model in page_type.models()]
    return models + registry.lookups()


def watched_models():
    """Everything a request could change that matters: content, revisions, log, staff."""
    admin_models = [model for model, _ in walked_models()]
    extra = [Revision, LogEntry, Permission, Rendition]
    return list(dict.fromkeys([*content_models(), *admin_models, *extra]))


def snapshotter():
    """A function giving {model label: {pk: row}} of the watched models as they are when
    it is called; part rows carry the pk of their page as ``_page``. The tables are chosen
    and their SQL compiled once (tests/repeated_reads.py)."""
    reads = {}
    for model in watched_models():
        rows = model._default_manager.order_by("pk")
        page_type = registry.for_model(model)
        # Where a page stands (its latest revision, what waits) is bookkeeping, not content.
        names = [f.attname for f in model._meta.concrete_fields if f.name not in STATE_FIELDS]
        if page_type is not None and page_type.model is not model:
            rows = rows.annotate(_page=F(page_type.path_to_page(model)))
            names.append("_page")
        reads[model._meta.label] = RepeatedValues(rows.values(*names))
    return lambda: {label: {row["id"]: row for row in read} for label, read in reads.items()}


def differences(before, after):
    """[(label, pk, before row or None, after row or None)] for every row that changed."""
    found = []
    for label, rows in before.items():
        for pk in rows.keys() | after[label].keys():
            if rows.get(pk) != after[label].get(pk):
                found.append((label, pk, rows.get(pk), after[label].get(pk)))
    return found


def live_changes(before, after):
    """The changes an editor may not make: to published pages, their parts, lookups, applied
    revisions; allowed are edits of draft pages and draft revisions of any page."""
    live_pages, draft_pages = set(), set()
    for page_type in registry:
        label = page_type.model._meta.label
        content_type = ContentType.objects.get_for_model(page_type.model).pk
        for state in (before, after):
            for pk, row in state[label].items():
                published = row["status"] == Status.PUBLISHED
                (live_pages if published else draft_pages).add((content_type, pk))
    draft_pages -= live_pages  # a draft page that became public is a live change
    page_of = {}
    for page_type in registry:
        content_type = ContentType.objects.get_for_model(page_type.model).pk
        for model in page_type.models():
            page_of[model._meta.label] = (content_type, page_type.model is model)
    lookups = {model._meta.label for model in registry.lookups()}
    refused = []
    for change in differences(before, after):
        label, pk, old, new = change
        if label in page_of:
            content_type, is_page = page_of[label]
            pages = {(content_type, pk if is_page else row["_page"]) for row in (old, new) if row}
            if pages & live_pages:
                refused.append(change)
        elif label in lookups:
            refused.append(change)
        elif label == TranslationStamp._meta.label:  # follows its page's rows
            types = {t.label: ContentType.objects.get_for_model(t.model).pk for t in registry}
            pages = {(types[row["page_type"]], row["page_id"]) for row in (old, new) if row}
            if pages & live_pages:
                refused.append(change)
        elif label == Revision._meta.label:
            if not revision_change_allowed(old, new, draft_pages):
                refused.append(change)
        elif label in IMAGES:
            if new is None:  # editors add and change images; only publishers delete them
                refused.append(change)
        elif label == LinkCheck._meta.label:
            # Whoever may change a page may mark its links checked or put them off.
            changed = {name for name in old or () if new and old[name] != new[name]}
            if new is None or old is None or not changed <= {"dismissed", "snoozed_until"}:
                refused.append(change)
        elif label != LogEntry._meta.label:
            refused.append(change)
    return refused


def revision_change_allowed(old, new, draft_pages):
    if old is None:  # a new revision: a draft, or any revision of a draft page
        return not new["applied"] or (new["content_type_id"], new["object_id"]) in draft_pages
    if new is None:
        return False
    # Sending a waiting draft for review marks it, and nothing else.
    changed = {name for name in old if old[name] != new[name]}
    return changed == {"review"} and new["review"] == Revision.Review.SUBMITTED


# The URLs, from the admin site -------------------------------------------------------------


@dataclass
class Request:
    kind: str  # the URL pattern's name, or the action's
    url: str
    post: dict | None = None  # crafted data; None: the URL is only fetched
    note: str = ""
    model: type = None

    def __str__(self):
        return f"{self.url} [{self.kind}{', ' + self.note if self.note else ''}]"


def walked_models():
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, VersionedAdmin) and registry.for_model(model) is None:
            # tests.toy's leaflets: registered with publishing only inside their own tests.
            continue
        if not model._default_manager.exists():
            # No row, no object URL to walk: django-axes' logs on a fresh database.
            continue
        yield model, model_admin


def objects_of(model):
    """The rows whose URLs are walked: a live and a draft page or part of one; else a row."""
    rows = model._default_manager.order_by("pk")
    page_type = registry.for_model(model)
    if page_type is not None:
        status = "__".join(filter(None, [page_type.path_to_page(model), "status"]))
        chosen = [rows.filter(**{status: each}).first() for each in Status]
        return [obj for obj in chosen if obj is not None]
    if model is User:
        return [rows.get(username="author")]
    # A model with no row (django-axes' lockout logs): its object URLs have nothing to show.
    return [row for row in [rows.first()] if row is not None]


def revisions_of(obj):
    page_type = registry.for_model(type(obj))
    if page_type is None:
        return []
    page = page_type.model._default_manager.get(pk=page_type.page_id(obj))
    return list(revisions.for_page(page).values_list("pk", flat=True))


def requests(source):
    """Every URL of every admin, GET and crafted POSTs; ``source`` is a superuser's client
    that reads the change forms whose data the POSTs alter."""
    walk = []
    for model, model_admin in walked_models():
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        prefix = f"{opts.app_label}_{opts.model_name}_"
        objs = objects_of(model)
        forms = {obj.pk: form_data(source.get(f"{base}{obj.pk}/change/")) for obj in objs}
        for pattern in model_admin.get_urls():
            route = str(pattern.pattern)
            kind = pattern.name.removeprefix(prefix) if pattern.name else "redirect"
            targets = [(None, None)]
            if OBJECT.search(route):
                targets = [(obj, None) for obj in objs]
            if REVISION.search(route):
                targets = [(obj, rev) for obj in objs for rev in revisions_of(obj)]
            for obj, rev in targets:
                url = OBJECT.sub(str(getattr(obj, "pk", "")), base + route)
                url = REVISION.sub(str(rev), url)
                assert "<" not in url, f"{url}: a URL parameter the walk does not know"
                sample = obj if obj is not None else (objs[0] if objs else None)
                data = forms[sample.pk] if sample is not None else {}
                walk += crafted(kind, url, data, obj)
        ids = [str(obj.pk) for obj in objs]
        if model_admin.list_editable:
            walk.append(Request("changelist", base, list_edit(model_admin, objs), "list_editable"))
        for action in ["delete_selected", *(model_admin.actions or [])]:
            data = {"action": action, "_selected_action": ids, "index": "0", "post": "yes"}
            if action == "withdraw":  # it asks why first: the confirmed post gives the reason
                data["reason_en"] = "Replaced by a newer notice."
            walk.append(Request(f"action {action}", base, data, model=model))
        for each in walk:
            each.model = each.model or model
    return walk


def crafted(kind, url, data, obj):
    """The GET of a URL and the POSTs a crafted client would try on it."""
    walk = [Request(kind, url)]
    if kind == "change":
        walk.append(Request(kind, url, publishing(data), "status, dates and _publish"))
        walk.append(Request(kind, url, rewritten(data), "content, inline deletes and _publish"))
        if moved := moved_to_other_page(data, obj):
            walk.append(Request(kind, url, moved, "moved to a page of the other status"))
        # Django saves a copy on "_saveasnew" whether or not the admin offers it.
        copy = {**new_object(data), "_saveasnew": "Save as new"}
        walk.append(Request(kind, url, copy, "_saveasnew, published"))
    elif kind == "add":
        walk.append(Request(kind, url, new_object(data), "published, with _publish"))
    elif kind == "delete":
        walk.append(Request(kind, url, {"post": "yes"}, "confirmed"))
    else:
        # Whatever a view might read: the confirmation of restore and delete_selected,
        # a rejection's reason.
        walk.append(Request(kind, url, {"post": "yes", "comment": "Crafted."}))
    return walk


def moved_to_other_page(data, obj):
    """A part's own form, its page changed to one that is live if it was a draft's, or to a
    draft if it was a live page's; None when the form does not name the page."""
    page_type = registry.for_model(type(obj))
    part = page_type.part_for(type(obj)) if page_type else None
    if part is None or part.parent_field.related_model is not page_type.model:
        return None
    if part.parent not in data:
        return None
    page = getattr(obj, part.parent)
    other = page_type.model._default_manager.exclude(status=page.status).order_by("pk").first()
    return {**data, part.parent: str(other.pk), "_publish": "Save and publish"}


def list_edit(model_admin, objs):
    """The changelist's own form, every editable column of the rows changed."""
    data = {"form-TOTAL_FORMS": str(len(objs)), "form-INITIAL_FORMS": str(len(objs))}
    data["_save"] = "Save"
    for n, obj in enumerate(objs):
        data[f"form-{n}-id"] = str(obj.pk)
        for name in model_admin.list_editable:
            value = getattr(obj, name)
            data[f"form-{n}-{name}"] = str(value + 7) if isinstance(value, int) else "crafted"
    return data


def publishing(data):
    data = dict(data)
    if "status" in data:
        flipped = Status.DRAFT if data["status"] == Status.PUBLISHED else Status.PUBLISHED
        data["status"] = flipped
    for name in ("publish_at_0", "expires_at_0"):
        if name in data:
            data[name] = "2031-01-0" + ("1" if name.startswith("publish") else "2")
    if "expires_at_0" in data:
        data["expires_at_1"] = "12:00:00"
    data["_publish"] = "Save and publish"
    return data


def rewritten(data):
    data = dict(data)
    for name in ("title", "name", "summary", "first_name"):
        if name in data:
            data[name] += CRAFTED
    for name, value in list(data.items()):
        if name.endswith("-TOTAL_FORMS") and int(value):
            data[name.removesuffix("TOTAL_FORMS") + "0-DELETE"] = "on"
    data["_publish"] = "Save and publish"
    return data


def new_object(data):
    data = {k: v for k, v in publishing(data).items() if k != "revision_token"}
    data["status"] = Status.PUBLISHED
    for name in ("title", "name", "slug", "username", "acronym"):
        if name in data:
            data[name] += "-crafted"
    for name in list(data):
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
            data[name] = "0"
    data.update(password1="a-long-crafted-password-1", password2="a-long-crafted-password-1")
    return data


# The walk ---------------------------------------------------------------------------------


def send(client, request):
    if request.post is None:
        return client.get(request.url)
    return client.post(request.url, request.post)


def walk(client, walked, check):
    """Sends every request; ``check(request, method, response, before, after)`` returns a
    failure message or None. Every request starts from the same database."""
    snapshot = snapshotter()
    before = snapshot()
    failures = []
    for request in walked:
        method = "GET" if request.post is None else "POST"
        with transaction.atomic():
            try:
                response = send(client, request)
            except Exception as error:  # noqa: BLE001 - a crash is a failure to report
                failures.append(f"{method} {request}: raised {error!r}")
                transaction.set_rollback(True)
                continue
            after = snapshot()
            transaction.set_rollback(True)
        if response.status_code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            failures.append(f"{method} {request}: answered {response.status_code}")
        if method == "GET" and (changed := differences(before, after)):
            failures.append(f"{method} {request}: a GET wrote {describe(changed)}")
            continue
        problem = check(request, method, response, before, after)
        if problem:
            failures.append(f"{method} {request}: {problem}")
    return failures


def describe(changes):
    shown = [
        f"{label} #{pk} " + ("added" if old is None else "deleted" if new is None else "changed")
        for label, pk, old, new in changes[:5]
    ]
    return ", ".join(shown) + (f" and {len(changes) - 5} more" if len(changes) > 5 else "")


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def view_only_staff():
    user = make_staff("viewer")
    codenames = [f"view_{model._meta.model_name}" for model in content_models()]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def role_client(role):
    client = Client()
    if role == "view-only staff":
        client.force_login(view_only_staff())
    elif role != "anonymous":
        client.force_login(make_staff(role.lower(), role))
    return client


def nothing_changes(request, method, response, before, after):
    changed = differences(before, after)
    return f"changed {describe(changed)}" if changed else None


def sent_to_login(request, method, response, before, after):
    location = response.get("Location", "")
    if response.status_code != HTTPStatus.FOUND or not location.startswith("/admin/login/"):
        return f"answered {response.status_code} {location}, not the login page"
    return nothing_changes(request, method, response, before, after)


def no_live_change(request, method, response, before, after):
    changed = live_changes(before, after)
    return f"changed live content: {describe(changed)}" if changed else None


CHECKS = {
    "anonymous": sent_to_login,
    "view-only staff": nothing_changes,
    EDITORS: no_live_change,
}


@pytest.mark.parametrize("role", ["anonymous", "view-only staff", EDITORS])
def test_no_role_but_publishers_changes_live_content(content, superuser_client, role):
    walked = requests(superuser_client)
    failures = walk(role_client(role), walked, CHECKS[role])
    assert not failures, f"{role}: {len(failures)} failures\n" + "\n".join(failures)


def test_the_crafted_posts_do_change_live_content_for_a_publisher(content, superuser_client):
    """The control: the same requests are not refused for being malformed."""
    walked = requests(superuser_client)
    changed = set()

    def note(request, method, response, before, after):
        if method == "POST" and live_changes(before, after):
            changed.add((request.model._meta.label, request.kind))

    failures = walk(role_client(PUBLISHERS), walked, note)
    assert not failures, "\n".join(failures)
    kinds = ["change", "add", "delete", "restore", "publish_revision"]
    kinds += ["action publish", "action withdraw", "action delete_selected"]
    expected = {(page_type.model._meta.label, kind) for page_type in registry for kind in kinds}
    # A part's own screen too: the framework's. (Its change form only holds a draft here: the
    # live relation has another author's draft waiting, which "Save and publish" never
    # publishes unreviewed.)
    expected |= {("relations.Framework", kind) for kind in ["delete"]}
    # Deleting an image, which editors may not do.
    expected |= {("images.Image", kind) for kind in ["delete", "action delete_selected"]}
    assert expected <= changed, sorted(expected - changed)
