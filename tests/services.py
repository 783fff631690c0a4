"""Servers a test starts for itself on loopback: Redis, PostgreSQL, the app under gunicorn, nginx in front.

Each lives in a folder of the test's, on a free port, and can be stopped and started again on that port, so
a test can take one away under the app and bring it back. None of them is the machine's shared service.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, what: str, process: subprocess.Popen | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(f"{what} exited with {process.returncode} before it answered on port {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{what} did not answer on port {port} within {seconds:.0f} s")


def needed(program: str, package: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} is not installed (Debian's {package} package)")
    return found


class RedisServer:
    """redis-server with nothing on disk."""

    def __init__(self, folder: Path) -> None:
        self.binary, self.folder = needed("redis-server", "redis-server"), folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def keys(self) -> int:
        return redis.Redis(port=self.port).dbsize()

    def freeze(self) -> None:
        """Stopped but still there, as in a partition or a failover: connections open, nothing answers."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)


class PostgresServer:
    """A PostgreSQL cluster of its own (initdb, trust auth on loopback), run as the postgres user under root."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            pytest.fail("initdb is not installed (Debian's postgresql package)")
        self.bin = Path(found[-1]).parent
        # A folder of its own in the system's temporary folder, which the postgres user can reach.
        self.folder = Path(tempfile.mkdtemp(prefix="btcms-postgres-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_owner: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.as_owner = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _run(self, *command: str) -> None:
        result = subprocess.run([*self.as_owner, *command], capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            pytest.fail(f"{command[0]} failed: {result.stderr[-2000:]}")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')


class AppServer:
    """The app under gunicorn with the production settings, as config/gunicorn.conf.py runs it."""

    def __init__(self, env: dict[str, str], name: str) -> None:
        self.env, self.name, self.port = env, name, free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        # Its log goes to a file: a pipe nobody reads would stop every worker once it filled.
        self.log = tempfile.TemporaryFile(prefix=f"btcms-{self.name}-")  # noqa: SIM115 (closed when it stops)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
             "--access-logfile", "/dev/null", "config.wsgi"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
        )  # fmt: skip
        try:
            wait_for_port(self.port, f"app server {self.name}", self.process)
        except pytest.fail.Exception as failure:
            self.log.seek(0)
            pytest.fail(f"{failure}\n{self.log.read()[-3000:].decode(errors='replace')}")

    def kill(self) -> None:
        """Gone at once, as a crashed machine is: no graceful shutdown, requests in flight cut off."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.log.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
            self.log.close()


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


class WorkerProcess:
    """`manage.py run_worker --loop --interval 1`, its log in a file."""

    def __init__(self, env: dict[str, str]) -> None:
        self.log = tempfile.TemporaryFile(prefix="btcms-worker-")  # noqa: SIM115 (closed when it stops)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--loop", "--interval", "1"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
        )  # fmt: skip

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def kill(self) -> None:
        """Gone at once, mid-send: no chance to release a lease or record what it sent."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()


class Balancer:
    """nginx from Debian in front of the app servers, with the configuration docs/deploy.md gives."""

    def __init__(self, folder: Path, upstreams: list[int]) -> None:
        self.binary = needed("nginx", "nginx-light")
        self.folder, self.port = folder, free_port()
        folder.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in upstreams)
        site = (ROOT / "config" / "nginx" / "cms.conf").read_text()
        site = site.replace("server app1.internal:8000;\n    server app2.internal:8000;", servers.strip())
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.port};").replace(
            "/var/cache/nginx/cms", str(folder / "cache")
        )
        user = "user root;\n" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events { worker_connections 512; }\n"
            "http {\n  access_log off;\n"
            + "".join(
                f"  {kind}_temp_path {folder}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"{site}\n}}\n"
        )
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        config = str(self.folder / "nginx.conf")
        checked = subprocess.run(
            [self.binary, "-t", "-c", config, "-p", str(self.folder)], capture_output=True, text=True
        )
        if checked.returncode != 0:
            pytest.fail(f"nginx refused its configuration:\n{checked.stderr}")
        self.process = subprocess.Popen(
            [self.binary, "-c", config, "-p", str(self.folder), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for_port(self.port, "nginx", self.process)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class SmtpSink:
    """An SMTP server that accepts every message and keeps it (the few commands Django's backend sends); with
    a `delay`, it keeps each message at once but answers for it that many seconds later, as a slow server."""

    def __init__(self, delay: float = 0.0) -> None:
        import socketserver

        self.messages: list[bytes] = []
        self.received_at: list[float] = []  # time.monotonic() of each message, in step with `messages`
        sink = self

        class Conversation(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self) -> None:
                self.reply("220 sink ESMTP")
                while line := self.rfile.readline():
                    verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 sink")
                    elif verb == "DATA":
                        self.reply("354 go on")
                        data = b"".join(iter(lambda: self.rfile.readline(), b".\r\n"))
                        sink.received_at.append(time.monotonic())
                        sink.messages.append(data)
                        time.sleep(delay)
                        self.reply("250 kept")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Conversation)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class WebhookReceiver:
    """An HTTP endpoint that answers 204 to every POST and keeps the JSON bodies; with a `delay`, it keeps each
    body at once but answers that many seconds later, as a slow build server, so deliveries stay in flight."""

    def __init__(self, delay: float = 0.0) -> None:
        import http.server
        import json

        self.bodies: list[dict] = []
        self.received_at: list[float] = []  # time.monotonic() of each body as it came
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.received_at.append(time.monotonic())
                receiver.bodies.append(json.loads(self.rfile.read(length)))
                time.sleep(delay)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


S3_KEYS = {"aws_access_key_id": "district", "aws_secret_access_key": "district-secret", "region_name": "us-east-1"}


def s3_buckets(endpoint: str, media_bucket: str, private_bucket: str) -> dict[str, str]:
    """Make the two buckets on an S3 server as docs/deploy.md sets them up (the media bucket readable by its
    policy, the private one by nobody), and return the environment that points the app at them."""
    import json

    import boto3

    client = boto3.client("s3", endpoint_url=endpoint, **S3_KEYS)
    client.create_bucket(Bucket=media_bucket)
    client.create_bucket(Bucket=private_bucket)
    public_read = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                   "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{media_bucket}/*"}]}  # fmt: skip
    client.put_bucket_policy(Bucket=media_bucket, Policy=json.dumps(public_read))
    return {
        "MEDIA_STORAGE": "s3",
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
        "S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        "S3_REGION": S3_KEYS["region_name"],
        "S3_ADDRESSING_STYLE": "path",
        "S3_MEDIA_BUCKET": media_bucket,
        "S3_PRIVATE_BUCKET": private_bucket,
    }
