"""A run of the generator that remembers: what one process knows about the
routes tree between regenerations.

A one-off command is a session of one run, which starts from the cache and
leaves it up to date. `--watch` and `dev` keep their session, and tell each
run which paths changed: it lists again only their folders, reads and
parses only the changed files, re-plans only the groups of routes they
touch, and formats only the pieces of the generated files whose text
changed. The files written are byte for byte those of a cold run.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from codegen.cache import (
    FOLDER,
    RACY_NANOSECONDS,
    Store,
    content_key,
    settings_identity,
    tree_fingerprint,
)
from codegen.config import Config
from codegen.output import Generated
from codegen.tree import Entry, Snapshot, relisted, snapshot

if TYPE_CHECKING:
    from codegen.discover import Discovery, Found, RouteFile, SettingsFile
    from codegen.format import FormatKey
    from codegen.parse import FolderSettings, Parsed, RouteSpec
    from codegen.pipeline import Job, Stages
    from codegen.plan import Plan, PlannedRoute, Planner


class Session:
    """The stores, the tree as last listed and walked, each file's last parse,
    and the planner."""

    def __init__(self, config: Config, *, cache: bool) -> None:
        self.config = config
        folder = config.root / FOLDER if cache else None
        identity = settings_identity(config)
        self.runs: Store[str, Generated] = Store(
            folder / "run.pickle" if folder else None, identity
        )
        self.parses: Store[str, Parsed] = Store(
            folder / "parse.pickle" if folder else None, identity
        )
        self.pieces: Store[FormatKey, str] = Store(
            folder / "format.pickle" if folder else None, identity
        )
        self.formatted: dict[FormatKey, str] | None = None  # read on first build
        # What the last run wrote for each route and path, by their planned
        # routes (the same objects while unchanged); kept in memory only.
        self.registrations: dict[PlannedRoute, str] = {}
        self.url_builders: dict[tuple[PlannedRoute, ...], str] = {}
        self.tree: Snapshot = {}
        self.found: Found = {}  # each folder's subtree, as discovery last found it
        self.touched: set[str] = set()  # folders listed again by this run
        self.changed: set[PurePosixPath] = set()  # files changed before this run
        # Each file's last parse, with the listing entry it was read under.
        self.parsed: dict[
            PurePosixPath, tuple[RouteFile | SettingsFile, Entry | None, Parsed]
        ]
        self.parsed = {}
        self.settings: tuple[FolderSettings, ...] | None = None
        self.planner: Planner | None = None

    def generate(self, changed: Collection[Path] | None = None) -> Generated:
        """The generated files for the tree as it is now.

        `changed`: the paths changed since the last run, if the caller knows
        (a watcher); else the whole tree is listed again.
        """
        self._list(changed)
        if self.changed:  # a watcher said what changed: the rest is as it was
            return self._build()
        fingerprint, newest = tree_fingerprint(self.tree)
        replay = self.runs.get(fingerprint)
        if isinstance(replay, Generated):
            return replay
        generated = self._build()
        if generated.outputs and time.time_ns() - newest > RACY_NANOSECONDS:
            self.runs[fingerprint] = generated
        return generated

    def plan(self) -> Plan:
        """The route table of the tree as it is now."""
        from codegen.pipeline import plan_tree

        self._list(None)
        return plan_tree(self.config, self._stages())

    def save(self) -> None:
        """Write what this session learnt to the cache, for the next process."""
        if self.formatted is not None:
            self.pieces.replace(self.formatted)
        for store in (self.runs, self.parses, self.pieces):
            store.save()

    def _build(self) -> Generated:
        # Loaded here, not at the top: a run in which nothing changed needs none
        # of the stages, and importing them (libcst) costs more than the run.
        from codegen.pipeline import build

        if self.formatted is None:
            self.formatted = dict(self.pieces.loaded)
        result = build(self.config, self._stages())
        # What the session keeps lives as long as it does: out of the cyclic
        # collector's sight, a later run does not pay for a full collection
        # over 5,000 routes' specs. This run's young cycles are collected first.
        gc.collect(1)
        gc.freeze()
        return Generated(
            result.outputs, len(result.plan.routes), result.plan.diagnostics
        )

    def _stages(self) -> Stages:
        from codegen.pipeline import Stages

        return Stages(
            self._discover,
            self._parse,
            self._plan,
            self.registrations,
            self.url_builders,
            self.formatted,
        )

    def _list(self, changed: Collection[Path] | None) -> None:
        """List the tree again: all of it, or the folders of the `changed` paths."""
        config = self.config
        if (
            changed is None
            or not self.tree
            or not all(path.is_relative_to(config.root) for path in changed)
        ):
            self.tree = snapshot(config.root, config.routes)
            # Nothing is known unchanged: files are read again (parsed only if
            # their bytes changed).
            self.found, self.touched, self.changed, self.parsed = {}, set(), set(), {}
            return
        self.tree, self.touched = relisted(
            config.root, config.routes, self.tree, changed
        )
        self.changed = {
            PurePosixPath(path.relative_to(config.root).as_posix()) for path in changed
        }

    def _discover(self, config: Config) -> Discovery:
        from codegen.discover import discover

        return discover(config.root, config.routes, self.tree, self.found, self.touched)

    def _parse(
        self, root: Path, files: Sequence[RouteFile | SettingsFile]
    ) -> list[Parsed]:
        """Each file's parse: the last one if the file is as it was then, else
        from the store by its bytes, else parsed now."""
        last, self.parsed = self.parsed, {}
        stale = []
        for file in files:
            known = last.get(file.path)
            # Unchanged: not reported, and found in a folder not listed again
            # (the very same object), or listed again with the same entry.
            if (
                known is not None
                and file.path not in self.changed
                and (
                    known[0] is file
                    or (file, entry_of(self.tree, file.path)) == known[:2]
                )
            ):
                self.parsed[file.path] = known
            else:
                stale.append(file)
        for file, result in zip(stale, self._read(root, stale), strict=True):
            self.parsed[file.path] = (file, entry_of(self.tree, file.path), result)
        return [self.parsed[file.path][2] for file in files]

    def _read(
        self, root: Path, files: Sequence[RouteFile | SettingsFile]
    ) -> list[Parsed]:
        """Parse results in the order of `files`, through the parse store."""
        from codegen.pipeline import parse_all, read_and_parse

        def parse_jobs(jobs: Sequence[Job]) -> list[Parsed]:
            keys = [content_key(file, data) for file, data in jobs]
            missing = [
                index for index, key in enumerate(keys) if key not in self.parses
            ]
            parsed = parse_all([jobs[index] for index in missing])
            for index, result in zip(missing, parsed, strict=True):
                self.parses[keys[index]] = result
            return [self.parses[key] for key in keys]

        return read_and_parse(root, files, parse_jobs)

    def _plan(
        self, specs: Iterable[RouteSpec], settings: Iterable[FolderSettings]
    ) -> Plan:
        """The table, by the planner of the last run if no folder's settings changed."""
        from codegen.plan import Planner

        folders = tuple(settings)
        same = (
            self.settings is not None
            and len(folders) == len(self.settings)
            and all(new is old for new, old in zip(folders, self.settings, strict=True))
        )
        if self.planner is None or not same:
            self.planner, self.settings = Planner(folders), folders
        return self.planner.update(specs)


def entry_of(tree: Snapshot, path: PurePosixPath) -> Entry | None:
    listing = tree.get(str(path.parent))
    if listing is None:
        return None
    return next((entry for entry in listing.entries if entry.name == path.name), None)
