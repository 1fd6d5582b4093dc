"""What earlier runs learnt, kept in `.codegen_cache/` (never committed).

Three stores, each keyed by everything its entries depend on, so that a
stale entry is never found, only missed:

- a parse result per file, by the file's bytes, path and module name: a run
  parses only the files that changed, across all cores when there are many;
- each piece of the generated files as formatted, by its text: a run formats
  only the registrations (and imports, URL builders) that changed;
- the last run's generated files, by the tree's fingerprint (every path,
  size and modification time under the routes folder): a run in which
  nothing changed reads no route file and loads neither libcst nor FastAPI.
  Like git and make, this trusts sizes and modification times; `--no-cache`
  bypasses every store.

All depend on the generator itself (its source, and the installed libcst,
ruff and FastAPI), the configuration and the project's ruff settings. A
store whose checksum fails, or that cannot be read, is ignored and
rewritten: the cache is never trusted.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import pickle
import sys
import time
from collections.abc import Hashable, Iterator, MutableMapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from codegen.config import Config
from codegen.output import write_atomically
from codegen.tree import Snapshot

FOLDER = ".codegen_cache"
# A file changed this recently could change again within the same timestamp
# tick without its size or mtime showing it (git's "racy" files): a run over
# such a tree is not kept for replay. Its parse results still are, by content.
RACY_NANOSECONDS = 2_000_000_000


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Store(MutableMapping[K, V]):
    """A dict kept as one pickle behind a SHA-256 of its bytes and of what its
    entries depend on (`identity`): a store written under another identity
    loads empty.

    Only the entries used since the last `save` are saved, so entries for
    deleted or changed files do not pile up.
    """

    def __init__(self, path: Path | None, identity: str) -> None:
        self.path = path
        self.identity = hashlib.sha256(identity.encode()).digest()
        self.used: dict[K, V] = {}

    @cached_property
    def loaded(self) -> dict[K, V]:
        """The entries on disk, read on first use: a run replayed from the
        cache never unpickles the parse results, which would import libcst."""
        return self._load()

    def _load(self) -> dict[K, V]:
        if self.path is None:
            return {}
        try:
            blob = self.path.read_bytes()
            if hashlib.sha256(blob[32:]).digest() != blob[:32]:
                return {}
            identity, entries = _unpickled(blob[32:])
        except Exception:  # unreadable or corrupt: rebuilt, never trusted
            return {}
        if identity != self.identity or not isinstance(entries, dict):
            return {}
        return entries

    def __getitem__(self, key: K) -> V:
        if key in self.used:
            return self.used[key]
        value = self.used[key] = self.loaded[key]
        return value

    def __contains__(self, key: object) -> bool:
        # What Mapping does by catching KeyError, without raising it.
        if key in self.used:
            return True
        value = self.loaded.get(key)  # type: ignore[arg-type]
        if value is None:
            return False
        self.used[key] = value  # type: ignore[index]
        return True

    def __setitem__(self, key: K, value: V) -> None:
        self.used[key] = value

    def __delitem__(self, key: K) -> None:
        del self.used[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self.used)

    def __len__(self) -> int:
        return len(self.used)

    def replace(self, entries: dict[K, V]) -> None:
        """Make `entries` all the entries used: those to save."""
        self.used = entries

    def save(self) -> None:
        """Keep the entries used since the last save, and start anew from them."""
        if "loaded" not in vars(self):  # not used in this run: left as it is
            return
        # Used entries are loaded ones or new ones, so equal keys mean no change;
        # comparing the entries themselves would walk every spec.
        unchanged = self.used.keys() == self.loaded.keys()
        self.loaded, self.used = self.used, {}
        if self.path is None or unchanged:
            return
        entries = (self.identity, self.loaded)
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        self.path.parent.mkdir(exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by python -m codegen.\n*\n")
        write_atomically(self.path, hashlib.sha256(payload).digest() + payload)


def _unpickled(payload: bytes) -> Any:
    """The payload's objects, read with the cyclic collector paused, then
    kept out of its sight: it would otherwise scan the growing graph again
    and again while reading, and then on every later collection of the run
    (the parse store of 5,000 routes holds 250,000 containers, which live as
    long as the process anyway)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        gc.freeze()
        if paused:
            gc.enable()


def content_key(file: object, data: bytes) -> str:
    """A parse result's key: the file (its path and module name) and its bytes."""
    digest = hashlib.sha256(f"{file!r}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def settings_identity(config: Config) -> str:
    """The generator, the configuration, and the project's ruff settings."""
    digest = hashlib.sha256(generator_identity().encode())
    digest.update(repr(config).encode())
    for name in ("pyproject.toml", "ruff.toml", ".ruff.toml"):
        settings = config.root / name
        if settings.is_file():
            digest.update(name.encode() + b"\0" + settings.read_bytes())
    return digest.hexdigest()


def tree_fingerprint(tree: Snapshot) -> tuple[str, int]:
    """A digest of every path, size and modification time in the snapshot,
    and the newest modification time in it (nanoseconds)."""
    digest = hashlib.sha256()
    newest = 0
    for folder in sorted(tree):
        listing = tree[folder]
        if listing.error is not None:
            digest.update(f"{folder}\0unreadable\0".encode())
            newest = time.time_ns()  # never replayed
            continue
        for entry in listing.entries:
            digest.update(
                f"{folder}/{entry.name}\0{entry.size}\0{entry.modified_ns}\0".encode()
            )
            newest = max(newest, entry.modified_ns)
    return digest.hexdigest(), newest


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
