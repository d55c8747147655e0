"""While the database is down, one log line per request and its traceback once per outage.

Every request then ends in the same OperationalError: Django logs each 503 with the full
traceback (2,606 of them in 5 s once), which buries everything else and fills the disk. This
filter on the ``django.request`` logger keeps the traceback of the first such error of an
outage in this process and turns the rest into one line naming the error. An outage is over
after QUIET_SECONDS without one; the next gets its traceback again. Other errors (bugs) keep
their tracebacks.
"""

import logging
import time

from django.db import InterfaceError, OperationalError

# Raised when the database cannot be reached or dropped the connection: not the code's fault.
# (Here, not in errors.py: logging is set up before the apps, so this imports no model.)
UNAVAILABLE = (OperationalError, InterfaceError)

QUIET_SECONDS = 60


class OutageTracebackOnce(logging.Filter):
    def __init__(self, name=""):
        super().__init__(name)
        self.last_seen = None  # monotonic time of this process's last outage error

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, UNAVAILABLE):
            return True
        now = time.monotonic()
        new_outage = self.last_seen is None or now - self.last_seen > QUIET_SECONDS
        self.last_seen = now
        if new_outage:
            return True
        first_line = (str(error).strip().splitlines() or [""])[0]
        record.msg = f"{record.msg} (database unavailable: %s: %s; traceback logged once)"
        record.args = (*(record.args or ()), type(error).__name__, first_line)
        record.exc_info = record.exc_text = None
        return True
