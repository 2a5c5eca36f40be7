"""The local data folder as a whole: move it elsewhere, reset it, count what is unsynced.

A move copies the folder's files to an empty target with progress: SQLite files through
SQLite's online backup (a consistent copy while the program has them open, write-ahead log
included), every other file byte for byte with a SHA-256 check of the copy. The settings then
point at the new folder; the next start copies the databases once more (the program ran on
the old folder until it quit, so that copy has every last change), then removes the old
folder. A reset is asked for now and done at the next start, before anything opens the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from opexdesk.domain.errors import Templated
from opexdesk.domain.kept_messages import Message
from opexdesk.paths import AppPaths
from opexdesk.services.app_settings import (
    AppSettings,
    AppSettingsStore,
    SettingsError,
    check_writable_dir,
)
from opexdesk.services.sync.status import SyncStatusReader

log = logging.getLogger(__name__)

SQLITE_SUFFIXES = (".sqlite3", ".sqlite", ".db")
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")  # part of their database: covered by backup
CHUNK = 1024 * 1024
BACKUP_PAGES = 8192  # pages per backup step (32 MiB at 4 KiB pages): progress in between


class DataMoveError(Templated, Exception):
    """The move was refused or failed; ``str()`` is for people (English), the UI shows its
    template translated. Nothing was switched."""

    @classmethod
    def refused(cls, problem: Message) -> DataMoveError:
        """The error for a target ``check_move_target`` refused, keeping its template."""
        return cls(problem.template, **problem.params)


@dataclass(frozen=True)
class MoveProgress:
    done_bytes: int
    total_bytes: int
    current: str  # the file being copied, relative to the folder


MoveCallback = Callable[[MoveProgress], None]


def unsynced_changes(status: SyncStatusReader) -> int:
    """Local changes the server does not have: waiting to be sent, or refused by it."""
    snapshot = status.read()
    return snapshot.pending + snapshot.rejected


def check_move_target(source: Path, target: Path) -> Message | None:
    """Why ``target`` cannot receive the data folder ``source``, or None."""
    if not target.is_absolute():
        return Message("Choose a full folder path (starting from the root).")
    src, dst = source.resolve(), target.resolve()
    if dst == src:
        return Message("This is already the data folder.")
    if dst.is_relative_to(src):
        return Message("The new folder cannot be inside the current data folder.")
    if src.is_relative_to(dst):
        return Message("The new folder cannot contain the current data folder.")
    if target.exists():
        if not target.is_dir():
            return Message("{path} is a file, not a folder.", path=target)
        if any(target.iterdir()):
            return Message(
                "The folder {path} is not empty; choose an empty or a new folder.", path=target
            )
    return check_writable_dir(str(target))


def _files(source: Path) -> list[Path]:
    out = []
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.name.endswith(SQLITE_SIDE_FILES):
            out.append(path)
    return out


def _is_sqlite(path: Path) -> bool:
    if path.suffix not in SQLITE_SUFFIXES:
        return False
    with path.open("rb") as f:
        return f.read(16) == b"SQLite format 3\x00"


def copy_data(
    source: Path,
    target: Path,
    on_progress: MoveCallback | None = None,
    *,
    refresh: bool = False,
) -> int:
    """Copy the data folder ``source`` into ``target`` and verify the copy; returns the
    bytes copied. ``refresh``: ``target`` holds an earlier copy (the next start after a
    move): databases are copied again, other files only when missing or different.
    Raises DataMoveError; a failed first copy leaves ``target`` as it was (removed when this
    call created it)."""
    if not source.is_dir():
        raise DataMoveError("The data folder {path} does not exist.", path=source)
    if not refresh and (problem := check_move_target(source, target)) is not None:
        raise DataMoveError.refused(problem)
    created = not target.exists()
    files = _files(source)
    total = sum(p.stat().st_size for p in files)
    done = 0
    try:
        target.mkdir(parents=True, exist_ok=True)
        for path in files:
            rel = path.relative_to(source)
            dest = target / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            size = path.stat().st_size
            if on_progress is not None:
                on_progress(MoveProgress(done, total, str(rel)))
            if _is_sqlite(path):

                def part(
                    fraction: float, rel: Path = rel, base: int = done, size: int = size
                ) -> None:
                    if on_progress is not None:
                        on_progress(MoveProgress(base + int(size * fraction), total, str(rel)))

                _copy_sqlite(path, dest, part)
            elif not (refresh and dest.is_file() and _same_file(path, dest)):
                _copy_file(path, dest)
            done += size
        if on_progress is not None:
            on_progress(MoveProgress(total, total, ""))
    except (OSError, sqlite3.Error, DataMoveError) as exc:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        elif not refresh:
            _empty(target)
        if isinstance(exc, DataMoveError):
            raise
        raise DataMoveError(
            "Copying the data to {path} failed: {error}", path=target, error=exc
        ) from exc
    return done


def _copy_file(src: Path, dest: Path) -> None:
    """Copy through a temporary file, fsync, rename; then check the copy's SHA-256."""
    tmp = dest.with_name(dest.name + ".copying")
    digest = hashlib.sha256()
    with src.open("rb") as inp, tmp.open("wb") as out:
        while chunk := inp.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, dest)
    if _sha256(dest) != digest.hexdigest():
        raise DataMoveError("The copy of {name} does not match the original.", name=src.name)


def _copy_sqlite(src: Path, dest: Path, on_part: Callable[[float], None]) -> None:
    """SQLite's backup: consistent even while the program writes; checked afterwards.
    ``on_part`` hears the share of pages copied (a large store takes a while)."""
    tmp = dest.with_name(dest.name + ".copying")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, isolation_level=None)
    try:
        # One read snapshot for the copy and the row counts: writes by the running program
        # neither restart a stepped backup nor make the counts differ.
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        copy = sqlite3.connect(tmp)
        try:
            source.backup(
                copy,
                pages=BACKUP_PAGES,
                progress=lambda _status, remaining, pages: on_part(1 - remaining / max(pages, 1)),
            )
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise DataMoveError(
                    "The copy of {name} failed its check: {check}.", name=src.name, check=check
                )
            if _table_counts(source) != _table_counts(copy):
                raise DataMoveError(
                    "The copy of {name} does not hold the same rows.", name=src.name
                )
        finally:
            copy.close()
        source.execute("COMMIT")
    finally:
        source.close()
    with tmp.open("rb") as f:
        os.fsync(f.fileno())
    for side in SQLITE_SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            dest.with_name(dest.name + side).unlink()
    os.replace(tmp, dest)


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    quoted = ['"' + n.replace('"', '""') + '"' for n in names]
    return {
        n: conn.execute(f"SELECT count(*) FROM {q}").fetchone()[0]
        for n, q in zip(names, quoted, strict=True)
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _same_file(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and _sha256(a) == _sha256(b)


def _empty(folder: Path) -> None:
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


def move_data(
    store: AppSettingsStore,
    current: Path,
    target: Path,
    on_progress: MoveCallback | None = None,
) -> AppSettings:
    """Copy and verify now; the settings switch to ``target`` at the next start, which
    also removes ``current``. Raises DataMoveError (nothing switched) or SettingsError."""
    copy_data(current, target, on_progress)
    try:
        return store.update(data_dir=str(target), pending_data_removal=str(current))
    except Exception:
        shutil.rmtree(target, ignore_errors=True)  # not switched: the copy is not needed
        raise


def request_reset(store: AppSettingsStore) -> AppSettings:
    """Erase the local data at the next start (before anything opens it)."""
    return store.update(reset_on_start=True)


def apply_pending(store: AppSettingsStore, paths: AppPaths) -> list[Message]:
    """At start-up, before the store opens: finish a move or a reset asked for in the last
    run. Returns messages for the log and the status bar (Message: English as str).
    Never loses data when the settings cannot be saved: the move then stays unfinished
    (``effective_paths`` keeps the old folder) and the reset is not done."""
    settings = store.load()
    messages: list[Message] = []
    if settings.pending_data_removal:
        old = Path(settings.pending_data_removal)
        new = Path(settings.data_dir) if settings.data_dir else paths.data
        messages += _finish_move(store, settings, old, new, old_is_default=old == paths.data)
        settings = store.load()
    if settings.reset_on_start and not settings.pending_data_removal:
        data = Path(settings.data_dir) if settings.data_dir else paths.data
        try:  # the flag goes first: a crash after it keeps the data rather than erase it twice
            store.save(replace(settings, reset_on_start=False, welcome_done=False))
        except (SettingsError, OSError) as exc:
            messages.append(
                Message(
                    "The local data was not erased: the settings cannot be saved ({error}).",
                    error=exc,
                )
            )
        else:
            if data.is_dir():
                _empty(data)
            messages.append(Message("The local data in {path} was erased as asked.", path=data))
    for message in messages:
        log.info("%s", message)
    return messages


def _finish_move(
    store: AppSettingsStore, settings: AppSettings, old: Path, new: Path, *, old_is_default: bool
) -> list[Message]:
    try:
        if old.is_dir():
            try:
                copy_data(old, new, refresh=True)  # changes made after the copy, before quitting
            except DataMoveError as exc:
                # Stay on the old folder: it holds everything; the move may be tried again.
                back = None if old_is_default else str(old)
                store.save(replace(settings, data_dir=back, pending_data_removal=None))
                return [
                    Message(
                        "The data could not be moved to {new}: {error} OpExDesk keeps using {old}.",
                        new=new,
                        error=exc,
                        old=old,
                    )
                ]
        store.save(replace(settings, pending_data_removal=None))
    except (SettingsError, OSError) as exc:
        return [
            Message(
                "The data move to {new} is not finished: the settings cannot be saved ({error}).",
                new=new,
                error=exc,
            )
        ]
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
    if old.exists():
        return [
            Message(
                "The data now lives in {new}; the old folder {old} could not be removed.",
                new=new,
                old=old,
            )
        ]
    return [
        Message("The data now lives in {new}; the old folder {old} was removed.", new=new, old=old)
    ]
