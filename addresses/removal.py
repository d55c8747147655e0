"""A removed page's addresses, in every language, answer 410 Gone or 301 to its replacement.

Connected to ``publishing.actions.remove.page_removed``, inside the action's transaction.
A replacement is kept as a page (type and id), not a path, so visitors follow it wherever
it moves, in the language of the address they asked for. Redirects that led to the removed
page (its old slugs, or staff's redirects to it) now lead where its addresses lead: one hop.
"""

from django.contrib.contenttypes.models import ContentType

from .models import Redirect
from .moves import addresses


def on_removed(sender, page, replacement=None, **kwargs):
    if replacement is not None:
        target = {
            "target_path": "",
            "target_type": ContentType.objects.get_for_model(type(replacement)),
            "target_id": replacement.pk,
            "gone": False,
        }
    else:
        target = {"target_path": "", "target_type": None, "target_id": None, "gone": True}
    for path in sorted(set(addresses(page).values())):
        redirect = Redirect.objects.filter(old_path=path).first() or Redirect(old_path=path)
        for name, value in target.items():
            setattr(redirect, name, value)
        redirect.permanent = True
        redirect.created_by = Redirect.Origin.SYSTEM
        redirect.save()  # and redirects that led to this address lead where it leads now
    own = ContentType.objects.get_for_model(sender)
    Redirect.objects.filter(target_type=own, target_id=page.pk).update(
        target_type=target["target_type"], target_id=target["target_id"], gone=target["gone"]
    )
