"""What the routes tree holds on disk: every folder's listing, with each entry's
size and modification time.

One walk serves both the cache's fingerprint and discovery, so a run reads
the tree's folders once. The watch loop keeps its snapshot and re-lists only
the folders a change touched (`relisted`), so a save costs the same in a tree
of 100 routes or 5,000.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

SKIPPED = "__pycache__"  # written by Python, never part of the tree


@dataclass(frozen=True)
class Entry:
    """One name in a folder, as `os.scandir` saw it (links not followed)."""

    name: str
    is_folder: bool
    links_to_folder: bool  # a link whose target is a folder
    size: int
    modified_ns: int


@dataclass(frozen=True)
class Listing:
    """A folder's entries in name order, or why it could not be read."""

    entries: tuple[Entry, ...]
    error: str | None = None


# Folder path relative to the project root (posix) -> its listing.
Snapshot = Mapping[str, Listing]


def snapshot(root: Path, folder: Path) -> dict[str, Listing]:
    """Every folder at and below `folder`, listed. Linked folders are not
    followed: they could lead out of the project, or back into the tree."""
    listings: dict[str, Listing] = {}
    _walk_into(root, [folder.relative_to(root).as_posix()], listings)
    return listings


def relisted(
    root: Path, top: Path, current: Snapshot, changed: Iterable[Path]
) -> tuple[dict[str, Listing], set[str]]:
    """`current` after changes at the `changed` paths below `top`, and the
    folders listed again or gone.

    The nearest folder at or above each changed path is listed again;
    folders that appeared are walked, and folders that went away are dropped
    with everything below them.
    """
    listings = dict(current)
    stale = set()
    for path in changed:
        # The nearest folder known: a watcher may report a file in a new
        # folder, and not the folder.
        relative = path.relative_to(root).as_posix()
        if relative in listings:  # a folder: it and its entry in its parent
            stale.add(parent(relative))
        while relative and relative not in listings:
            relative = parent(relative)
        stale.add(relative)
    top_folder = top.relative_to(root).as_posix()
    touched: set[str] = set()
    for folder in sorted(stale, key=len):  # parents first
        if folder not in listings:  # dropped with a folder above it
            continue
        old = listings[folder]
        new = list_folder(os.path.join(root, folder))  # noqa: PTH118
        reachable = folder == top_folder or parent(folder) in listings
        if (new.error is not None and not (root / folder).exists()) or not reachable:
            touched.update(_drop(listings, folder))
            continue
        listings[folder] = new
        touched.add(folder)
        before = {entry.name for entry in old.entries if entry.is_folder}
        after = {entry.name for entry in new.entries if entry.is_folder}
        for name in before - after:
            touched.update(_drop(listings, f"{folder}/{name}"))
        walked = [f"{folder}/{name}" for name in after - before]
        touched.update(_walk_into(root, walked, listings))
    return listings, touched


def parent(folder: str) -> str:
    return folder.rsplit("/", 1)[0] if "/" in folder else ""


def _drop(listings: dict[str, Listing], folder: str) -> list[str]:
    """Forget `folder` and every folder below it; which they were."""
    inside = folder + "/"
    dropped = [name for name in listings if name.startswith(inside)]
    for name in dropped:
        del listings[name]
    if listings.pop(folder, None) is not None:
        dropped.append(folder)
    return dropped


def _walk_into(
    root: Path, pending: list[str], listings: dict[str, Listing]
) -> list[str]:
    """List each pending folder and, depth first, every folder below it;
    which they were."""
    walked = []
    while pending:
        relative = pending.pop()
        walked.append(relative)
        listing = list_folder(os.path.join(root, relative))  # noqa: PTH118
        listings[relative] = listing
        pending.extend(
            f"{relative}/{entry.name}"
            for entry in reversed(listing.entries)
            if entry.is_folder
        )
    return walked


def list_folder(folder: str) -> Listing:
    """The folder's entries. Paths are strings here: a tree of 5,000 routes
    has 20,000 folders, and pathlib would cost more than listing them."""
    try:
        with os.scandir(folder) as scan:
            found = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return Listing((), error.strerror or str(error))
    return Listing(tuple(_entry(each) for each in found if each.name != SKIPPED))


def _entry(found: os.DirEntry[str]) -> Entry:
    try:
        status = found.stat(follow_symlinks=False)
    except OSError:  # removed since it was listed
        return Entry(found.name, False, False, -1, -1)
    is_folder = found.is_dir(follow_symlinks=False)
    links_to_folder = found.is_symlink() and found.is_dir()
    return Entry(
        found.name, is_folder, links_to_folder, status.st_size, status.st_mtime_ns
    )
