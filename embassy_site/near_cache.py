"""A bounded copy, in the worker's memory, of what one tracked Redis connection has read.

A page cache hit is two keys (the content version and the page's entry, read together:
embassy_site/page_cache.py). Asking Redis for them costs a round trip during which a sync
worker waits, and Redis shares the cores; held here, a hit costs no round trip at all.

The copy is kept exact by Redis itself (server-assisted client-side caching,
``CLIENT TRACKING ON`` in its default mode, on the connection of embassy_site/
redis_wire.py): Redis remembers which keys that connection read and pushes an
``invalidate`` message naming them when any connection modifies, deletes, expires or
evicts one (a null list when a database is flushed: everything goes). Before each hit
the pushes already received are applied (``invalidate``), so a key another connection
changed is asked of Redis again.

What the pushes cannot cover is bounded here:
- a push lost with its connection: the copy belongs to one connection (one per thread
  and process; a forked worker starts with none) and goes with it, on any error, timeout
  or reconnect;
- a push still on its way when this process reads right after its own write: the
  process counts its writes, and after one the next read asks Redis (``wrote``);
- a Redis that is silent while the connection stays up (stopped, partitioned): the copy
  is trusted only for ``trust_seconds`` after the sending of the last command whose reply
  came back (every push Redis sent before answering it has been read by then); after
  that the next hit asks Redis, so no page is served from here more than that long after
  Redis stopped answering;
- memory: at most ``limit`` bytes (values, keys and a little for each), the oldest
  kept dropped first. Absent keys are not kept (None is never an answer from here).
"""

import itertools
import time

OVERHEAD = 120  # about what a kept key costs besides its bytes (a dict slot, two objects)

# Writes this process made through the cache (embassy_site/cache.py counts them). Redis
# may send a writer its reply a moment before it sends the readers their pushes, so right
# after a write of its own a process reads Redis once more: the reply to that read comes
# after every push the write caused, and the process reads its own writes.
# Each write stores a number no other write had (next() on a count cannot be split between
# threads, as += can): a reader that saw one number sees another after any later write.
_numbers = itertools.count(1)
_writes = [0]


def wrote():
    _writes[0] = next(_numbers)


def writes():
    return _writes[0]


class LocalCopy:
    def __init__(self, limit, trust_seconds):
        self.limit = limit
        self.trust_seconds = trust_seconds
        self.values = {}  # key -> bytes, oldest first
        self.size = 0
        self.trusted_until = float("-inf")  # time.monotonic()
        self.writes = -1  # this process's writes known when Redis last answered

    def get_all(self, keys):
        """The kept bytes of every key, or None unless all are kept and Redis was heard
        from lately."""
        if time.monotonic() >= self.trusted_until or self.writes != _writes[0]:
            return None
        values = self.values
        try:
            return [values[key] for key in keys]
        except KeyError:
            return None

    def heard(self, sent_at, writes):
        """Redis answered a command sent at ``sent_at`` (time.monotonic()), after this
        process's ``writes`` first writes."""
        self.trusted_until = sent_at + self.trust_seconds
        self.writes = writes

    def keep(self, keys, found):
        """What a read of ``keys`` brought back (its pushes applied first)."""
        for key, value in zip(keys, found, strict=True):
            self._drop(key)
            if value is None:
                continue
            cost = len(value) + len(key) + OVERHEAD
            if cost > self.limit:
                continue
            self.values[key] = value
            self.size += cost
            while self.size > self.limit:
                self._drop(next(iter(self.values)))

    def invalidate(self, push):
        """Apply one message Redis pushed: ``invalidate`` with its keys, or None for all."""
        if len(push) != 2 or push[0] != b"invalidate":
            return
        if push[1] is None:  # FLUSHDB, FLUSHALL
            self.clear()
            return
        for key in push[1]:
            self._drop(key.decode(errors="replace"))

    def clear(self):
        self.values.clear()
        self.size = 0

    def _drop(self, key):
        value = self.values.pop(key, None)
        if value is not None:
            self.size -= len(value) + len(key) + OVERHEAD
