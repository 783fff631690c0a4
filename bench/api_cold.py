"""The first answer after a publish, in each worker: what a screen meets when content has just changed.

A worker keeps what answers read that changes only with an edit (`cms/memo.py`) and the answers it served last
(`cms/graphql/local_answers.py`), each per content generation. A publish moves the generation, so the next answer
in every worker finds none of it and reads it all again. To time that answer in each worker, the benchmark holds
a keep-alive connection to every worker of a gunicorn server (found by which worker holds the server's side of
each connection, in /proc), publishes a story for real (a Django shell of its own, `serve_publishes`), waits for
every worker to read the new generation (`COUNTER_READ_SECONDS`), then asks each worker in turn: its first answer
is the cold one, its second on the same connection the warm one beside it.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.common import ROOT

COUNTER_READ_SECONDS = 1.0  # config/settings/fleet.py's default, what production runs with


class Publisher:
    """A Django shell on one site's database that publishes a story each time it is asked."""

    def __init__(self, env: dict[str, str]) -> None:
        command = "from bench.api_cold import serve_publishes; serve_publishes()"
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", command],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

    def publish(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("publish\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("PUBLISHED"):
                return
        sys.exit("the publishing shell ended")

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=30)


def serve_publishes() -> None:
    """Inside Django: publish a new revision of the first bench story for each line read, as an editor does."""
    from stories.models import StoryPage

    story = StoryPage.objects.filter(slug__startswith="bench-").order_by("pk").first()
    assert story is not None, "no bench story to publish"
    for _ in sys.stdin:
        story.refresh_from_db()
        story.save_revision().publish()
        print("PUBLISHED", flush=True)


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _server_sockets(port: int) -> dict[int, int]:
    """The inode of the server's side of each loopback connection to `port`, by the client's port."""
    found = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], int(fields[9])
        if local.endswith(f":{port:04X}") and inode:
            found[int(remote.split(":")[1], 16)] = inode
    return found


def _held_by(pid: int) -> set[int]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def worker_connections(master_pid: int, port: int, tries: int = 40) -> dict[int, socket.socket]:
    """An open keep-alive connection to each worker of the gunicorn master `master_pid` that can be reached, by
    worker pid. Which worker accepts a connection is the kernel's choice: connections are opened a few at a time
    until every worker holds one, or `tries` batches have gone by (a machine busy with other work can leave one
    worker slow to accept for a while; the workers reached are measured, and their number is printed)."""
    mine: dict[int, socket.socket] = {}
    for _ in range(tries):
        workers = _children(master_pid)  # again each time: a worker may have been replaced
        if all(pid in mine for pid in workers):
            break
        fresh = [socket.create_connection(("127.0.0.1", port)) for _ in workers]
        time.sleep(0.3)  # for the workers to accept them
        inodes = _server_sockets(port)
        held = {pid: _held_by(pid) for pid in workers if pid not in mine}
        for connection in fresh:
            inode = inodes.get(connection.getsockname()[1])
            owner = next((pid for pid, owned in held.items() if inode in owned and pid not in mine), None)
            if owner is None:
                connection.close()
            else:
                mine[owner] = connection
    if not mine:
        sys.exit(f"could not reach any worker of the server on port {port}")
    return mine


def timed_get(connection: socket.socket, path: str) -> float:
    """Milliseconds from sending a GET on `connection` to the whole answer read (a 200 with no GraphQL errors)."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode()
    started = time.perf_counter()
    connection.sendall(request)
    response = http.client.HTTPResponse(connection)
    response.begin()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200 or b'"errors"' in body:
        sys.exit(f"{path[:80]} answered {response.status}: {body[:500]!r}")
    return elapsed


def first_answers(master_pid: int, port: int, path: str, publisher: Publisher, rounds: int) -> dict[str, list]:
    """Over `rounds` publishes, each worker's first answer to `path` after the publish and its next (ms)."""
    cold, warm = [], []
    for _ in range(rounds):
        connections = worker_connections(master_pid, port)
        try:
            publisher.publish()
            time.sleep(COUNTER_READ_SECONDS + 0.3)  # every worker's last read of the generation is now too old
            cold += [timed_get(connection, path) for connection in connections.values()]
            warm += [timed_get(connection, path) for connection in connections.values()]
        finally:
            for connection in connections.values():
                connection.close()
    return {"cold": cold, "warm": warm}
