"""MGET spoken straight to Redis, for the page cache's hits (embassy_site/page_cache.py),
answered from the worker's memory when Redis says nothing changed.

redis-py spends about 220,000 instructions on one MGET (its retry, event and reply-parsing
layers), more than a bare Django view spends on a whole request; a hit needs only the bytes
stored under two keys. This sends the one command and reads its reply on a socket kept per
thread and per process (a forked worker opens its own). Everything else, writes included,
still goes through redis-py.

With a local copy (``local_bytes`` > 0: PAGE_CACHE_LOCAL_BYTES) the kept connection
speaks RESP3 (``HELLO 3``, embassy_site/resp3.py) and turns client tracking on, and what
it reads is held in memory (embassy_site/near_cache.py): before each read the
invalidations Redis pushed are applied without waiting, and keys all held (and Redis
heard from within ``trust_seconds``) are answered with no round trip. Writes made through
redis-py, by this process or any other, reach the copy as pushes. Without one (0) the
connection speaks RESP2 as before and every read is a round trip; so does a Redis too old
for HELLO (before 6).

Only plain TCP or a Unix socket with a database number, a user and a password are spoken
here; any other option (TLS, several servers, ...) leaves the reads to redis-py, without
a local copy (``for_cache`` answers None). Every failure raises one of redis-py's
exceptions (ConnectionError, TimeoutError, ResponseError), so the cache's breaker
(embassy_site/cache.py) treats it as a failure of redis-py; any failure also ends the
connection and its local copy (pushes may have been lost with it).
"""

import os
import socket
import threading
import time
from functools import lru_cache

from redis.connection import Connection, UnixDomainSocketConnection, parse_url
from redis.exceptions import ConnectionError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeout

from . import near_cache
from .resp3 import Reader

# What this reader knows how to honour; any other option leaves reads to redis-py.
SPOKEN = {"host", "port", "path", "db", "username", "password", "connection_class"}
TIMEOUTS = {"socket_timeout", "socket_connect_timeout"}
IGNORED = {"parser_class"}  # redis-py's own reply parser: nothing to do with the wire


def for_cache(servers, options, local_bytes=0, trust_seconds=1.0):
    """A Wire for the cache's only server, or None when this reader cannot speak for it."""
    if len(servers) != 1:
        return None  # replicas: redis-py picks the one to read from
    settings = parse_url(servers[0])
    settings.update(options)
    unknown = set(settings) - SPOKEN - TIMEOUTS - IGNORED
    kind = settings.get("connection_class", Connection)
    if unknown or kind not in (Connection, UnixDomainSocketConnection):
        return None
    return Wire(settings, local_bytes, trust_seconds)


@lru_cache(maxsize=1024)
def _mget(keys):
    return _command(b"MGET", *keys)


def _command(*parts):
    chunks = [b"*%d\r\n" % len(parts)]
    for part in parts:
        if isinstance(part, str):
            part = part.encode()
        chunks.append(b"$%d\r\n%s\r\n" % (len(part), part))
    return b"".join(chunks)


class Wire:
    def __init__(self, settings, local_bytes=0, trust_seconds=1.0):
        self.settings = settings
        self.local_bytes = local_bytes
        self.trust_seconds = trust_seconds
        self.local = threading.local()

    def mget(self, keys):
        """The stored bytes of each key (None where nothing is stored)."""
        reused = getattr(self.local, "pid", None) == os.getpid()
        try:
            return self._call(keys)
        except RedisTimeout:
            raise  # a hung Redis: asking again would only wait again
        except ConnectionError:
            if not reused:
                raise
        # A kept socket the server has closed since (a restart, an idle timeout): once more
        # on a new one, as redis-py does.
        return self._call(keys)

    def copy(self):
        """This thread's local copy (None without one), for tests and the curious."""
        if getattr(self.local, "pid", None) == os.getpid():
            return self.local.copy
        return None

    def _call(self, keys):
        try:
            reader = self._reader()
            copy = self.local.copy
            if copy is None:
                reader.sock.sendall(_mget(tuple(keys)))
                found = reader.reply()
                reader.done()
                return found
            for push in reader.drain():
                copy.invalidate(push)
            found = copy.get_all(keys)
            if found is not None:
                return found
            sent_at, writes = time.monotonic(), near_cache.writes()
            reader.sock.sendall(_mget(tuple(keys)))
            found = reader.reply()
            # Pushes that came before the reply are older than it: applied first. Those
            # after it are newer: applied after it is kept, by the next drain.
            for push in reader.set_aside():
                copy.invalidate(push)
            copy.heard(sent_at, writes)
            copy.keep(keys, found)
            return found
        except ResponseError:
            self.close()
            raise
        except TimeoutError as error:  # the socket's
            self.close()
            raise RedisTimeout(f"Redis did not answer: {error}") from error
        except (OSError, ValueError, ConnectionError) as error:
            self.close()
            raise ConnectionError(f"Redis connection failed: {error}") from error

    def _reader(self):
        local = self.local
        if getattr(local, "pid", None) == os.getpid():
            return local.reader
        self.close()
        s = self.settings
        if "path" in s:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(s.get("socket_connect_timeout"))
            sock.connect(s["path"])
        else:
            address = (s.get("host", "localhost"), int(s.get("port", 6379)))
            sock = socket.create_connection(address, timeout=s.get("socket_connect_timeout"))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(s.get("socket_timeout"))
        local.reader, local.pid, local.copy = Reader(sock), os.getpid(), None
        tracked = self.local_bytes > 0 and self._hello()
        if not tracked and s.get("password"):
            user = [s["username"]] if s.get("username") else []
            self._setup(b"AUTH", *user, s["password"])
        if int(s.get("db") or 0):
            self._setup(b"SELECT", str(int(s["db"])))
        if tracked:
            self._setup(b"CLIENT", b"TRACKING", b"ON")
            local.copy = near_cache.LocalCopy(self.local_bytes, self.trust_seconds)
        return local.reader

    def _hello(self):
        """RESP3 from here on (authenticated in the same command), or False when this
        Redis knows no HELLO (before 6: no tracking either)."""
        s = self.settings
        auth = []
        if s.get("password"):
            auth = [b"AUTH", s.get("username") or "default", s["password"]]
        try:
            self._setup(b"HELLO", b"3", *auth)
        except ResponseError as error:
            if "unknown command" not in str(error).lower():
                raise
            return False
        return True

    def _setup(self, *parts):
        reader = self.local.reader
        reader.sock.sendall(_command(*parts))
        reader.reply()

    def close(self):
        local = self.local
        reader = getattr(local, "reader", None)
        # A socket inherited from the parent process is the parent's: left alone.
        if reader is not None and getattr(local, "pid", None) == os.getpid():
            try:
                reader.sock.close()
            except OSError:
                pass
        local.reader = local.pid = local.copy = None
