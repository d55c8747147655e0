"""What staff do, as named actions: each checks, then does its effect in one transaction.

``action.check()`` raises ``Refused`` with a sentence a person can act on; ``action.run()``
checks and executes. The admin's views, the management commands and the tests call the
same objects (as Wagtail's ``wagtail/actions/`` do), so a rule lives in one place.
"""

from .base import Action, Refused
from .edit import SaveDraft
from .publish import Publish, Unpublish, Withdraw
from .remove import Remove
from .restore import Restore
from .review import Reject, Submit, review_subject

__all__ = [
    "Action",
    "Publish",
    "Refused",
    "Reject",
    "Remove",
    "Restore",
    "SaveDraft",
    "Submit",
    "Unpublish",
    "Withdraw",
    "review_subject",
]
