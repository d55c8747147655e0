"""Redis replies read from a socket, in RESP3 (and RESP2, its subset), for redis_wire.py.

A connection with client tracking on (embassy_site/near_cache.py) gets, besides the
replies to its commands, *push* messages (``>``) that Redis sends when it likes: the
invalidations. ``reply`` sets the pushes it meets before a reply aside in ``pushes`` (in
the order they came, for the caller to apply before the reply), and ``drain`` reads the
ones already received without waiting for more: one ``poll`` call when none came (a
socket with a timeout would make Python poll before each ``recv`` as well, so ``recv``
with MSG_DONTWAIT would still wait).

Every type RESP3 has is read: blob and simple strings come back as bytes, nulls as None,
numbers as the bytes of their digits (``:``, ``,``, ``(``), booleans as True/False,
arrays, sets and pushes as lists (a push as ``Push``), maps as a flat list of keys and
values; attributes (``|``) are skipped. An error reply raises ResponseError; a reply this
cannot read raises ConnectionError, for the connection is then out of step.
"""

import select

from redis.exceptions import ConnectionError, ResponseError

CHUNK = 65536
AGGREGATES = {b"*": 1, b"~": 1, b"%": 2}  # how many values each element of one holds


class Push(list):
    """A message Redis sent by itself (``>``), such as ``[b"invalidate", [keys] or None]``."""


class Reader:
    """Replies read from the socket into one buffer (a page's reply is one or a few recvs)."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""
        self.at = 0
        self.pushes = []
        self.poller = select.poll()
        self.poller.register(sock.fileno(), select.POLLIN)

    def _more(self):
        chunk = self.sock.recv(CHUNK)
        if not chunk:
            raise ConnectionError("Redis closed the connection")
        self.buffer = self.buffer[self.at :] + chunk
        self.at = 0

    def _line(self):
        while (end := self.buffer.find(b"\r\n", self.at)) < 0:
            self._more()
        line = self.buffer[self.at : end]
        self.at = end + 2
        return line

    def _bulk(self, size):
        need, have = size + 2, len(self.buffer) - self.at
        if have < need:  # a large page: its chunks joined once, not the buffer regrown
            parts = [self.buffer[self.at :]]
            while have < need:
                chunk = self.sock.recv(max(CHUNK, need - have))
                if not chunk:
                    raise ConnectionError("Redis closed the connection")
                parts.append(chunk)
                have += len(chunk)
            self.buffer, self.at = b"".join(parts), 0
        at = self.at
        if self.buffer[at + size : at + size + 2] != b"\r\n":
            raise ConnectionError("Malformed reply from Redis")
        self.at = at + size + 2
        return self.buffer[at : at + size]

    def _value(self):
        """One value, pushes included; an error reply is returned as ResponseError."""
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self._bulk(size)
        if kind in AGGREGATES or kind == b">":
            size = int(rest)
            if size < 0:
                return None
            found = [self._value() for _ in range(size * AGGREGATES.get(kind, 1))]
            return Push(found) if kind == b">" else found
        if kind in (b"+", b":", b",", b"("):
            return rest
        if kind == b"_":
            return None
        if kind == b"#":
            return rest == b"t"
        if kind == b"=":  # verbatim: "txt:" or "mkd:", then the text
            return self._bulk(int(rest))[4:]
        if kind == b"-":
            return ResponseError(rest.decode(errors="replace"))
        if kind == b"!":
            return ResponseError(self._bulk(int(rest)).decode(errors="replace"))
        if kind == b"|":  # attributes about the reply that follows: not needed here
            for _ in range(2 * int(rest)):
                self._value()
            return self._value()
        raise ConnectionError(f"Unexpected reply from Redis: {line[:40]!r}")

    def reply(self):
        """The reply to the command sent; the pushes met before it go to ``pushes``."""
        while True:
            found = self._value()
            if type(found) is Push:
                self.pushes.append(found)
                continue
            if isinstance(found, ResponseError):
                raise found
            return found

    def done(self):
        """Between commands of a connection without pushes (RESP2): data left over means
        the two ends disagree."""
        if self.at != len(self.buffer):
            raise ConnectionError("Redis sent more than one reply")
        self.buffer, self.at = b"", 0

    def set_aside(self):
        """The pushes ``reply`` met before its reply, in order."""
        pushes, self.pushes = self.pushes, []
        return pushes

    def drain(self):
        """The pushes received so far, without waiting for more (set aside ones first)."""
        pushes, self.pushes = self.pushes, []
        while True:
            if self.at == len(self.buffer):
                if not self.poller.poll(0):
                    return pushes
                self._more()  # at the end of the buffer: nothing of it is lost
            found = self._value()  # a push cut in two: its rest is on its way
            if type(found) is not Push:
                raise ConnectionError(f"Redis sent a reply nobody asked for: {found!r:.40}")
            pushes.append(found)
