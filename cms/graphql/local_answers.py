"""Kept answers in each worker's own memory too, served while Redis has said nothing changed.

A kept answer lives in Redis, shared by every app server, and reading it there costs a round trip per request:
that made the cache's hit path a fraction of what the same server does with a static file. So each worker also
keeps the answers it served last (`GRAPHQL_LOCAL_ANSWERS_MB` of them, least recently used first out), and
serves one from there while it knows the content generation has not moved.

It knows because every bump of the generation is published on a Redis channel that each worker listens to:
before an answer is served from memory, the worker reads whatever the channel has brought (a look at its
socket, no round trip; when there is news, it reads the generation itself once). Redis sends a publish to its
listeners before it answers the server that bumped, so by the time an editor's request has answered, every
listener has the news waiting on its socket: an edit through any server makes these answers unreachable at
once, as it does the shared ones.

When the channel is lost (Redis restarted, a network fault) or not yet confirmed, the worker forgets its answers
and asks Redis each time, until it listens again and has read the generation afresh.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from redis.client import PubSub
from redis.exceptions import RedisError

RETRY_SECONDS = 1.0


def enabled() -> bool:
    """On when answers are shared through Redis; in-process answers are in this memory already."""
    backend = settings.CACHES["default"]["BACKEND"]
    return backend == "django_redis.cache.RedisCache" and settings.GRAPHQL_LOCAL_ANSWERS_MB > 0


def channel() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:graphql:generation"


class _Channel(PubSub):
    """A subscription that says when its connection was made again (redis-py reconnects by itself)."""

    reconnected = False

    def on_connect(self, connection: Any) -> None:
        self.reconnected = True
        super().on_connect(connection)


class Listener:
    """This worker's knowledge of the content generation, as the channel tells it."""

    def __init__(self, read_generation: Callable[[], int | None]) -> None:
        self._read_generation = read_generation
        self._lock = threading.Lock()
        self._pid = 0
        self._channel: _Channel | None = None
        self._generation: int | None = None
        self._retry_at = 0.0

    def generation(self) -> int | None:
        """The current generation; None while this worker cannot be sure of it."""
        with self._lock:
            if self._pid != os.getpid():  # a forked worker listens on a connection of its own
                self._channel, self._generation, self._pid = None, None, os.getpid()
            if self._channel is None and not self._listen():
                return None
            try:
                self._read_channel()
            except (RedisError, OSError, ValueError):
                self._lose()
            return self._generation

    def bumped(self, generation: int | None) -> None:
        """This worker bumped the generation itself (None: it could not tell to what): no need to wait for its
        own message."""
        with self._lock:
            if generation is None:
                self._lose()
            elif self._generation is not None:
                self._generation = generation

    def _listen(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        from django_redis import get_redis_connection

        try:
            client = get_redis_connection("default")
            subscription = _Channel(client.connection_pool)
            subscription.subscribe(channel())
        except (RedisError, OSError):
            self._retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self._channel, self._generation = subscription, None  # known once the subscription is confirmed
        return True

    def _read_channel(self) -> None:
        assert self._channel is not None
        if not _has_news(self._channel):
            return
        while True:
            message = self._channel.get_message(timeout=0)
            if self._channel.reconnected:  # what was published meanwhile is lost: unknown until confirmed again
                self._channel.reconnected, self._generation = False, None
                local.clear()
            if message is None:
                return
            if message["type"] == "subscribe":
                # Confirmed: whatever is bumped from now on is heard, so the generation read now stays true.
                self._generation = self._read_generation()
                local.clear()
            elif message["type"] == "message":
                # Read, not taken from the message: bumps made at once on two servers may be published out of
                # order, and a generation that restarted (an emptied cache) counts up from 1 again.
                self._generation = self._read_generation()

    def _lose(self) -> None:
        if self._channel is not None:
            with contextlib.suppress(RedisError, OSError):
                self._channel.close()
        self._channel, self._generation = None, None
        self._retry_at = time.monotonic() + RETRY_SECONDS
        local.clear()


def _has_news(subscription: PubSub) -> bool:
    """Whether anything waits on the channel's socket, or it cannot be looked at (not connected yet).

    The channel is read until the client has nothing buffered, so afterwards a message can only be waiting on the
    socket: one look at it (a poll, no round trip) spares most requests the client's own read, which costs a
    good part of serving a kept answer."""
    connection = subscription.connection
    sock = getattr(connection, "_sock", None)
    if sock is None:
        return True
    poller = select.poll()
    try:
        poller.register(sock, select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    except (OSError, ValueError):  # a socket closed under it: the client's own read says what happened
        return True


class Answers:
    """The answers this worker served last, up to a size in bytes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0

    def get(self, key: str, generation: int) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[3] != generation or entry[1] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def keep(self, key: str, entry: tuple) -> None:
        limit = settings.GRAPHQL_LOCAL_ANSWERS_MB * 1024 * 1024
        with self._lock:
            self._drop(key)
            self._entries[key] = entry
            self._bytes += len(entry[0])
            while self._bytes > limit and self._entries:
                self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry[0])


local = Answers()
