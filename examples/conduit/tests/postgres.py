"""A throwaway PostgreSQL server: its own folder, a free loopback port.

initdb refuses to run as root, so as root the server runs as `nobody`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "conduit"


def binaries() -> Path:
    """Where the server's programs are, as the installed PostgreSQL says."""
    found = subprocess.run(
        ["pg_config", "--bindir"], capture_output=True, text=True, check=True
    )
    return Path(found.stdout.strip())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server, yield a SQLAlchemy URL for its `postgres` database, stop it."""
    folder = Path(tempfile.mkdtemp(prefix="conduit-postgres-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
        as_owner = ["runuser", "-u", "nobody", "--"]
    bindir, data, port = binaries(), folder / "data", free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", USER]
    subprocess.run(
        [*as_owner, *initdb, "--auth=trust", "--encoding=UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    settings = f"-h 127.0.0.1 -p {port} -k {folder} -F"  # loopback, no fsync
    pg_ctl = [*as_owner, str(bindir / "pg_ctl"), "-D", str(data)]
    log = str(folder / "server.log")
    subprocess.run(
        [*pg_ctl, "-o", settings, "-l", log, "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
