"""What earlier runs learnt, kept in `.codegen_cache/` (never committed).

Two stores, each keyed by everything its entries depend on, so that a stale
entry is never found, only missed:

- a parse result per file, by the file's bytes, path and module name: a run
  parses only the files that changed, across all cores when there are many;
- the last run's generated files, by the tree's fingerprint (every path,
  size and modification time under the routes folder, pyproject.toml): a
  run in which nothing changed reads no route file and loads neither libcst
  nor FastAPI. Like git and make, this trusts sizes and modification times;
  `--no-cache` bypasses both stores.

Both also depend on the generator itself (its source, and the installed
libcst, ruff and FastAPI). A store whose checksum fails, or that cannot be
read, is ignored and rewritten: the cache is never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import time
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codegen.config import Config
from codegen.output import Generated, write_atomically

if TYPE_CHECKING:
    from codegen.parse import Parsed
    from codegen.pipeline import Job, Parser
    from codegen.plan import Plan

FOLDER = ".codegen_cache"
# A file changed this recently could change again within the same timestamp
# tick without its size or mtime showing it (git's "racy" files): a run over
# such a tree is not kept for replay. Its parse results still are, by content.
RACY_NANOSECONDS = 2_000_000_000


class Store:
    """A dict kept as one pickle behind a SHA-256 of its bytes.

    Only the entries used in this run are saved, so entries for deleted or
    changed files do not pile up.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.loaded = self._load()
        self.used: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            blob = self.path.read_bytes()
            if hashlib.sha256(blob[32:]).digest() != blob[:32]:
                return {}
            entries = pickle.loads(blob[32:])
        except Exception:  # unreadable or corrupt: rebuilt, never trusted
            return {}
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str) -> Any:
        value = self.loaded.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: object) -> None:
        self.used[key] = value

    def save(self) -> None:
        # Used entries are loaded ones or new ones, so equal keys mean no change;
        # comparing the entries themselves would walk every spec.
        if self.path is None or self.used.keys() == self.loaded.keys():
            return
        payload = pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL)
        self.path.parent.mkdir(exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by python -m codegen.\n*\n")
        write_atomically(self.path, hashlib.sha256(payload).digest() + payload)


def generate_cached(config: Config, *, enabled: bool) -> Generated:
    """The generated files for the tree as it is now, reusing earlier work."""
    folder = config.root / FOLDER if enabled else None
    runs = Store(folder / "run.pickle" if folder else None)
    fingerprint, newest = tree_fingerprint(config)
    replay = runs.get(fingerprint)
    if isinstance(replay, Generated):
        runs.save()
        return replay
    # Loaded here, not at the top: a run in which nothing changed needs none
    # of the stages, and importing them (libcst) costs more than the run.
    from codegen.pipeline import build

    parses = Store(folder / "parse.pickle" if folder else None)
    result = build(config, parse=cached_parser(parses))
    generated = Generated(
        result.outputs, len(result.plan.routes), result.plan.diagnostics
    )
    parses.save()
    if generated.outputs and time.time_ns() - newest > RACY_NANOSECONDS:
        runs.put(fingerprint, generated)
        runs.save()
    return generated


def plan_cached(config: Config, *, enabled: bool) -> Plan:
    """The route table, parsing only the files the cache has not seen."""
    from codegen.pipeline import plan_tree

    parses = Store(config.root / FOLDER / "parse.pickle" if enabled else None)
    table = plan_tree(config, parse=cached_parser(parses))
    parses.save()
    return table


def cached_parser(store: Store) -> Parser:
    """A parser that takes unchanged files' results from `store`."""
    from codegen.pipeline import parse_all

    return lambda jobs: parse_with_cache(jobs, store, parse_all)


def parse_with_cache(
    jobs: Sequence[Job], store: Store, parse_all: Parser
) -> list[Parsed]:
    """Each file's result, from the store when the file is unchanged."""
    keys = [_job_key(file, data) for file, data in jobs]
    results: list[Parsed | None] = [store.get(key) for key in keys]
    missing = [index for index, result in enumerate(results) if result is None]
    parsed = parse_all([jobs[index] for index in missing])
    for index, result in zip(missing, parsed, strict=True):
        results[index] = result
        store.put(keys[index], result)
    return [result for result in results if result is not None]


def _job_key(file: object, data: bytes) -> str:
    digest = hashlib.sha256(generator_identity().encode())
    digest.update(f"{file!r}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def tree_fingerprint(config: Config) -> tuple[str, int]:
    """A digest of what the generated files depend on, from names and stats,
    and the newest modification time it saw (nanoseconds)."""
    digest = hashlib.sha256(generator_identity().encode())
    digest.update(repr(config).encode())
    for name in ("pyproject.toml", "ruff.toml", ".ruff.toml"):
        settings = config.root / name
        if settings.is_file():
            digest.update(name.encode() + b"\0" + settings.read_bytes())
    newest = 0
    for entry, stat in _walk(config.routes):
        if stat is None:
            digest.update(f"{entry}\0unreadable\0".encode())
            newest = time.time_ns()  # never replayed
            continue
        digest.update(f"{entry}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        newest = max(newest, stat.st_mtime_ns)
    return digest.hexdigest(), newest


def _walk(folder: Path) -> Iterator[tuple[str, os.stat_result | None]]:
    """Every entry below `folder` with its stat (`None`: unreadable), in a
    stable order. Like discovery, it does not descend into linked folders."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:  # missing or unreadable: the stages report it
            yield str(current), None
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            yield entry.path, entry.stat(follow_symlinks=False)
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))


@cache
def generator_identity() -> str:
    """The generator's own source and the versions of what it builds with."""
    digest = hashlib.sha256(sys.version.encode())
    for package in ("libcst", "ruff", "fastapi"):
        # Where it is installed and when: an upgrade rewrites the files. Found
        # without importing it, which would cost more than the whole run.
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec and spec.origin else None
        stat = origin.stat() if origin else None
        installed = f"{origin}:{stat and stat.st_size}:{stat and stat.st_mtime_ns}"
        digest.update(f"{package}:{installed}".encode())
    here = Path(__file__).parent
    for source in sorted([*here.glob("*.py"), *here.glob("templates/*")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()
