"""Two publishers press Publish on one draft at the same moment: it is published once.

Real concurrency needs two connections and real row locks: PostgreSQL only (SQLite locks
the whole file, so the race cannot happen there).
"""

import threading

import pytest
from django.db import connection, connections

from notices.models import Notice
from publishing import actions, revisions, snapshots
from publishing.models import Revision
from publishing.roles import EDITORS, PUBLISHERS

from .factories import make_notice, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_publishers_at_once_publish_one_draft_once():
    notice = make_notice(title="Visa rules")
    editor = make_staff("eddie", EDITORS)
    publishers = [make_staff("anna", PUBLISHERS), make_staff("olga", PUBLISHERS)]
    revisions.ensure_baseline(notice)
    data = snapshots.take(notice)
    # As the admin saves it: the English column with the field (modeltranslation).
    data["page"]["fields"].update(title="Visa rules, revised", title_en="Visa rules, revised")
    draft = actions.SaveDraft(notice, editor, data).run()
    start = threading.Barrier(2)
    outcomes = []

    def press_publish(user):
        try:
            action = actions.Publish(Notice.objects.get(pk=notice.pk), user, revision=draft)
            action.check()
            start.wait()
            action.execute()
            outcomes.append("published")
        except actions.Refused as refusal:
            outcomes.append(refusal.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press_publish, args=(user,)) for user in publishers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This draft was published or replaced a moment ago.", "published"]
    kinds = list(revisions.for_page(notice).values_list("kind", flat=True))
    assert kinds.count(Revision.Kind.PUBLISH) == 1
    assert Notice.objects.get(pk=notice.pk).title == "Visa rules, revised"
