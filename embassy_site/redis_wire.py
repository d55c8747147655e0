"""MGET spoken straight to Redis, for the page cache's hits (embassy_site/page_cache.py).

redis-py spends about 220,000 instructions on one MGET (its retry, event and reply-parsing
layers), more than a bare Django view spends on a whole request; a hit needs only the bytes
stored under two keys. This sends the one command and reads its reply (RESP2) on a socket
kept per thread and per process (a forked worker opens its own). Everything else, writes
included, still goes through redis-py.

Only plain TCP or a Unix socket with a database number, a user and a password are spoken
here; any other option (TLS, several servers, ...) leaves the reads to redis-py
(``for_cache`` answers None). Every failure raises one of redis-py's exceptions
(ConnectionError, TimeoutError, ResponseError), so the cache's breaker
(embassy_site/cache.py) treats it as a failure of redis-py.
"""

import os
import socket
import threading
from functools import lru_cache

from redis.connection import Connection, UnixDomainSocketConnection, parse_url
from redis.exceptions import ConnectionError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeout

# What this reader knows how to honour; any other option leaves reads to redis-py.
SPOKEN = {"host", "port", "path", "db", "username", "password", "connection_class"}
TIMEOUTS = {"socket_timeout", "socket_connect_timeout"}
IGNORED = {"parser_class"}  # redis-py's own reply parser: nothing to do with the wire
CHUNK = 65536


def for_cache(servers, options):
    """A Wire for the cache's only server, or None when this reader cannot speak for it."""
    if len(servers) != 1:
        return None  # replicas: redis-py picks the one to read from
    settings = parse_url(servers[0])
    settings.update(options)
    unknown = set(settings) - SPOKEN - TIMEOUTS - IGNORED
    kind = settings.get("connection_class", Connection)
    if unknown or kind not in (Connection, UnixDomainSocketConnection):
        return None
    return Wire(settings)


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


class _Reader:
    """Replies read from the socket into one buffer (a page's reply is one or a few recvs)."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""
        self.at = 0

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

    def reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"$":
            size = int(rest)
            return None if size < 0 else self._bulk(size)
        if kind == b"*":
            size = int(rest)
            return None if size < 0 else [self.reply() for _ in range(size)]
        if kind in (b"+", b":"):
            return rest
        if kind == b"-":
            raise ResponseError(rest.decode(errors="replace"))
        raise ConnectionError(f"Unexpected reply from Redis: {line[:40]!r}")

    def done(self):
        """Reset between commands; data left over means the two ends disagree."""
        if self.at != len(self.buffer):
            raise ConnectionError("Redis sent more than one reply")
        self.buffer, self.at = b"", 0


class Wire:
    def __init__(self, settings):
        self.settings = settings
        self.local = threading.local()

    def mget(self, keys):
        """The stored bytes of each key (None where nothing is stored)."""
        command = _mget(tuple(keys))
        reused = getattr(self.local, "pid", None) == os.getpid()
        try:
            return self._call(command)
        except RedisTimeout:
            raise  # a hung Redis: asking again would only wait again
        except ConnectionError:
            if not reused:
                raise
        # A kept socket the server has closed since (a restart, an idle timeout): once more
        # on a new one, as redis-py does.
        return self._call(command)

    def _call(self, command):
        try:
            reader = self._reader()
            reader.sock.sendall(command)
            found = reader.reply()
            reader.done()
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
        local.reader, local.pid = _Reader(sock), os.getpid()
        if s.get("password"):
            user = [s["username"]] if s.get("username") else []
            self._setup(_command(b"AUTH", *user, s["password"]))
        if int(s.get("db") or 0):
            self._setup(_command(b"SELECT", str(int(s["db"]))))
        return local.reader

    def _setup(self, command):
        reader = self.local.reader
        reader.sock.sendall(command)
        reader.reply()
        reader.done()

    def close(self):
        local = self.local
        reader = getattr(local, "reader", None)
        # A socket inherited from the parent process is the parent's: left alone.
        if reader is not None and getattr(local, "pid", None) == os.getpid():
            try:
                reader.sock.close()
            except OSError:
                pass
        local.reader = local.pid = None
