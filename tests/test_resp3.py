"""The RESP3 reader of the Redis wire (embassy_site/resp3.py), fed on a real socket pair:
every type Redis may send is read, pushes are set aside from replies in order, and a
drain neither waits nor takes a reply for a push."""

import socket
import threading

import pytest
from redis.exceptions import ConnectionError, ResponseError

from embassy_site.resp3 import Push, Reader


@pytest.fixture
def wire():
    ours, redis_end = socket.socketpair()
    ours.settimeout(1)
    yield Reader(ours), redis_end
    ours.close()
    redis_end.close()


def test_every_type_is_read(wire):
    reader, redis_end = wire
    replies = {
        b"$5\r\nhello\r\n": b"hello",
        b"$-1\r\n": None,
        b"_\r\n": None,
        b"+OK\r\n": b"OK",
        b":42\r\n": b"42",
        b",3.14\r\n": b"3.14",
        b"(3492890328409238509324850943850943825024385\r\n": (
            b"3492890328409238509324850943850943825024385"
        ),
        b"#t\r\n": True,
        b"#f\r\n": False,
        b"=15\r\ntxt:Some string\r\n": b"Some string",
        b"*2\r\n$1\r\na\r\n_\r\n": [b"a", None],
        b"~2\r\n:1\r\n:2\r\n": [b"1", b"2"],
        b"%2\r\n+server\r\n+redis\r\n+proto\r\n:3\r\n": [b"server", b"redis", b"proto", b"3"],
        b"|1\r\n+ttl\r\n:3600\r\n$2\r\nok\r\n": b"ok",  # the attribute skipped
        b"*2\r\n|1\r\n+a\r\n+b\r\n:1\r\n:2\r\n": [b"1", b"2"],  # also inside an array
    }
    for sent, expected in replies.items():
        redis_end.sendall(sent)
        assert reader.reply() == expected, sent
    redis_end.sendall(b"-ERR unknown command 'HELLO'\r\n!9\r\nSYNTAX no\r\n")
    for message in ("unknown command", "SYNTAX no"):
        with pytest.raises(ResponseError, match=message):
            reader.reply()


def test_pushes_are_set_aside_in_order_and_drained_without_waiting(wire):
    reader, redis_end = wire
    assert reader.drain() == []  # nothing came: no wait
    first = b">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\na\r\n"
    flush = b">2\r\n$10\r\ninvalidate\r\n_\r\n"
    redis_end.sendall(first + b"*1\r\n$1\r\nx\r\n" + flush)
    assert reader.reply() == [b"x"]
    assert reader.set_aside() == [[b"invalidate", [b"a"]]]
    pushes = reader.drain()
    assert pushes == [[b"invalidate", None]] and type(pushes[0]) is Push
    redis_end.sendall(first[:9])  # a push cut in two: its rest is on its way
    rest = threading.Timer(0.05, redis_end.sendall, [first[9:]])
    rest.start()
    assert reader.drain() == [[b"invalidate", [b"a"]]]
    rest.join()
    redis_end.sendall(first + b"+OK\r\n")  # set aside by a reply, then drained
    assert reader.reply() == b"OK" and reader.drain() == [[b"invalidate", [b"a"]]]


def test_a_reply_where_only_pushes_may_be_is_the_two_ends_out_of_step(wire):
    reader, redis_end = wire
    redis_end.sendall(b"+PONG\r\n")
    with pytest.raises(ConnectionError, match="nobody asked for"):
        reader.drain()
    redis_end.close()
    with pytest.raises(ConnectionError, match="closed"):
        reader.reply()
