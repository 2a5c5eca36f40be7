"""The settings file: validation per field, atomic saves, migrations, a newer file refused
and left untouched, a damaged file kept aside; the data folder move and reset."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opexdesk.paths import AppPaths
from opexdesk.services.app_settings import (
    SETTINGS_VERSION,
    AppSettings,
    AppSettingsStore,
    CorruptSettingsError,
    SettingsError,
    Theme,
    effective_paths,
    from_json,
    migrate,
    validation_errors,
)
from opexdesk.services.local_data import (
    DataMoveError,
    MoveProgress,
    apply_pending,
    check_move_target,
    copy_data,
    move_data,
    request_reset,
)


def store_at(tmp_path: Path) -> AppSettingsStore:
    fixed = datetime(2026, 12, 6, 22, 0, 0, tzinfo=UTC)
    return AppSettingsStore(tmp_path / "config" / "settings.json", clock=lambda: fixed)


# ---- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"server_url": "http://desk.example.com"}, "server_url", "Use https://"),
        ({"server_url": "ftp://desk.example.com"}, "server_url", "not a server address"),
        ({"server_url": "https://"}, "server_url", "not a server address"),
        ({"server_url": "https://desk.example.com:99999"}, "server_url", "invalid port"),
        ({"server_url": "https://desk example.com"}, "server_url", "spaces"),
        ({"server_url": "https://desk.example.com/?a=1"}, "server_url", "query"),
        ({"ca_file": "/nonexistent/ca.pem"}, "ca_file", "does not exist"),
        ({"sync_interval_s": 29}, "sync_interval_s", "between 30 and 3600"),
        ({"sync_interval_s": 3601}, "sync_interval_s", "between 30 and 3600"),
        ({"language": "fr"}, "language", "Unknown language"),
        ({"data_dir": "relative/folder"}, "data_dir", "full folder path"),
    ],
)
def test_each_field_gets_its_own_message(changes: dict, field: str, words: str) -> None:
    errors = validation_errors(replace(AppSettings(), **changes))
    assert set(errors) == {field}
    assert words in errors[field]


def test_http_is_allowed_on_this_computer_only(tmp_path: Path) -> None:
    for url in ("http://localhost:8000", "http://127.0.0.1:9", "https://desk.example.com"):
        assert validation_errors(AppSettings(server_url=url)) == {}


def test_unwritable_or_file_data_folder_is_refused(tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert "is a file" in validation_errors(AppSettings(data_dir=str(a_file)))["data_dir"]
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        errors = validation_errors(AppSettings(data_dir=str(locked / "new")))
        assert "not writable" in errors["data_dir"]
    finally:
        locked.chmod(0o700)
    assert validation_errors(AppSettings(data_dir=str(tmp_path / "new" / "deeper"))) == {}


def test_save_refuses_invalid_settings_and_writes_nothing(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    with pytest.raises(SettingsError) as refused:
        store.save(AppSettings(sync_interval_s=5, server_url="http://x.example"))
    assert set(refused.value.errors) == {"sync_interval_s", "server_url"}
    assert not store.path.exists()


# ---- saving and loading ------------------------------------------------------------------


def test_missing_file_gives_defaults_and_save_round_trips(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    assert store.load() == AppSettings() and store.notice is None
    seen: list[AppSettings] = []
    unsubscribe = store.subscribe(seen.append)
    saved = store.update(theme=Theme.DARK, notify_conflicts=False, server_url="https://a.b")
    assert seen == [saved]
    on_disk = json.loads(store.path.read_text())
    assert on_disk["version"] == SETTINGS_VERSION and on_disk["theme"] == "dark"
    assert AppSettingsStore(store.path).load() == saved
    unsubscribe()
    store.update(theme=Theme.LIGHT)
    assert len(seen) == 1  # unsubscribed
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp left


def test_a_failing_listener_does_not_stop_the_others(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    seen: list[AppSettings] = []

    def broken(_s: AppSettings) -> None:
        raise RuntimeError("listener bug")

    store.subscribe(broken)
    store.subscribe(seen.append)
    store.update(language="zh_CN")
    assert seen and seen[0].language == "zh_CN"


urls = st.one_of(
    st.none(),
    st.from_regex(
        r"https://[a-z][a-z0-9\-]{0,20}(\.[a-z]{2,5}){1,2}(:[1-9][0-9]{0,3})?", fullmatch=True
    ),
    st.sampled_from(["http://localhost:8000", "http://127.0.0.1"]),
)
any_settings = st.builds(
    AppSettings,
    server_url=urls,
    ca_file=st.none(),
    sync_interval_s=st.integers(30, 3600),
    theme=st.sampled_from(Theme),
    language=st.sampled_from(["system", "en", "zh_CN"]),
    notify_new_p1=st.booleans(),
    notify_sla_breach=st.booleans(),
    notify_conflicts=st.booleans(),
    data_dir=st.none(),
    welcome_done=st.booleans(),
    demo_mode=st.booleans(),
    pending_data_removal=st.none(),
    reset_on_start=st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=any_settings)
def test_any_valid_settings_survive_a_save_and_a_fresh_load(
    tmp_path: Path, value: AppSettings
) -> None:
    store = AppSettingsStore(tmp_path / "rt" / "settings.json")
    store.save(value)
    fresh = AppSettingsStore(store.path)
    assert fresh.load() == value
    assert fresh.notice is None
    assert from_json(json.loads(store.path.read_text())) == value


# ---- migrations, newer and damaged files -------------------------------------------------


def test_version_1_file_is_migrated_and_rewritten(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True)
    old = {
        "version": 1,
        "server_url": "https://desk.example.com",
        "sync_interval_min": 10,
        "notifications": False,
        "theme": "dark",
        "language": "zh_CN",
        "welcome_done": True,
    }
    store.path.write_text(json.dumps(old))
    loaded = store.load()
    assert loaded == AppSettings(
        server_url="https://desk.example.com",
        sync_interval_s=600,
        theme=Theme.DARK,
        language="zh_CN",
        notify_new_p1=False,
        notify_sla_breach=False,
        notify_conflicts=False,
        welcome_done=True,
    )
    assert store.notice is None
    assert json.loads(store.path.read_text())["version"] == SETTINGS_VERSION


def test_migrations_run_in_order() -> None:
    steps = (
        lambda d: {**d, "a": 1, "version": 2},
        lambda d: {**d, "a": d["a"] + 1, "version": 3},
    )
    assert migrate({"version": 1}, steps, current=3) == {"version": 3, "a": 2}
    assert migrate({"version": 2, "a": 5}, steps, current=3) == {"version": 3, "a": 6}
    with pytest.raises(CorruptSettingsError, match="did not finish"):
        migrate({"version": 1}, (lambda d: d,), current=2)


def test_newer_file_is_refused_untouched_and_never_overwritten(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True)
    text = json.dumps({"version": SETTINGS_VERSION + 1, "theme": "solarized", "x": [1]})
    store.path.write_text(text)
    before = store.path.stat().st_mtime_ns
    assert store.load() == AppSettings()
    assert store.read_only
    assert store.notice is not None and "newer version of OpExDesk" in store.notice
    assert "default settings" in store.notice
    with pytest.raises(SettingsError, match="newer version"):
        store.update(theme=Theme.DARK)
    assert store.path.read_text() == text and store.path.stat().st_mtime_ns == before
    assert list(store.path.parent.iterdir()) == [store.path]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'{"version": "two"}',
        b'{"version": 2, "sync_interval_s": "often"}',
        b'{"version": 2, "theme": "solarized"}',
        b'{"version": 2, "sync_interval_s": 1}',
        b'{"version": 2, "notify_new_p1": 1}',
    ],
)
def test_damaged_file_is_kept_aside_with_a_message(tmp_path: Path, content: bytes) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    assert store.load() == AppSettings()
    aside = store.path.with_name("settings.json.bad-20261206T220000Z")
    assert store.kept_aside == aside and aside.read_bytes() == content
    assert not store.path.exists()
    assert store.notice is not None and "damaged" in store.notice and str(aside) in store.notice
    store.update(welcome_done=True)  # the next save writes a good file beside the kept one
    assert AppSettingsStore(store.path).load().welcome_done


def test_a_second_damaged_file_does_not_replace_the_first(tmp_path: Path) -> None:
    for content in (b"first", b"second"):
        store = store_at(tmp_path)
        store.path.parent.mkdir(parents=True, exist_ok=True)
        store.path.write_bytes(content)
        store.load()
    kept = sorted(p.read_bytes() for p in store.path.parent.glob("settings.json.bad-*"))
    assert kept == [b"first", b"second"]


# ---- the data folder ---------------------------------------------------------------------


def make_data(folder: Path) -> None:
    """A data folder as the program leaves it: a WAL database with uncheckpointed rows,
    blobs, an index database and a model file."""
    (folder / "blobs" / "ab").mkdir(parents=True)
    (folder / "blobs" / "ab" / "abcdef").write_bytes(os.urandom(300_000))
    (folder / "classifier").mkdir()
    (folder / "classifier" / "model.json").write_text('{"w": [1, 2]}')
    for name in ("opexdesk.sqlite3", "kb_index.sqlite3"):
        conn = sqlite3.connect(folder / name)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        conn.executemany("INSERT INTO t (v) VALUES (?)", [(f"row {i}",) for i in range(500)])
        conn.commit()
        conn.close()


def rows(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM t").fetchone()[0])
    finally:
        conn.close()


def test_copy_verifies_and_includes_uncommitted_wal_rows(tmp_path: Path) -> None:
    src, dst = tmp_path / "old", tmp_path / "new"
    src.mkdir()
    make_data(src)
    writer = sqlite3.connect(src / "opexdesk.sqlite3")  # held open: rows stay in the WAL
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO t (v) VALUES ('late')")
    writer.commit()
    progress: list[MoveProgress] = []
    try:
        copied = copy_data(src, dst, progress.append)
    finally:
        writer.close()
    assert rows(dst / "opexdesk.sqlite3") == 501 and rows(dst / "kb_index.sqlite3") == 500
    assert (dst / "blobs/ab/abcdef").read_bytes() == (src / "blobs/ab/abcdef").read_bytes()
    assert (dst / "classifier/model.json").read_text() == '{"w": [1, 2]}'
    assert not list(dst.rglob("*.copying")) and not list(dst.rglob("*-wal"))
    assert progress[-1].done_bytes == progress[-1].total_bytes == copied > 300_000
    assert [p.done_bytes for p in progress] == sorted(p.done_bytes for p in progress)


def test_bad_targets_are_refused_with_a_reason(tmp_path: Path) -> None:
    src = tmp_path / "old"
    src.mkdir()
    make_data(src)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("someone's file")
    assert "not empty" in (check_move_target(src, busy) or "")
    assert "inside" in (check_move_target(src, src / "sub") or "")
    assert "already" in (check_move_target(src, src) or "")
    assert "contain" in (check_move_target(src, tmp_path) or "")
    with pytest.raises(DataMoveError, match="not empty"):
        copy_data(src, busy)
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]


def test_move_switches_at_next_start_and_removes_the_old_folder(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "base")
    paths.data.mkdir(parents=True)
    make_data(paths.data)
    store = AppSettingsStore.for_paths(paths)
    target = tmp_path / "elsewhere" / "opexdesk-data"
    move_data(store, paths.data, target)
    assert store.load().data_dir == str(target)
    assert paths.data.exists()  # still in use until the next start
    conn = sqlite3.connect(paths.data / "opexdesk.sqlite3")  # a change after the copy
    conn.execute("INSERT INTO t (v) VALUES ('after the copy')")
    conn.commit()
    conn.close()

    fresh = AppSettingsStore.for_paths(paths)  # the next start
    messages = apply_pending(fresh, paths)
    assert "was removed" in messages[0]
    assert not paths.data.exists()
    assert rows(target / "opexdesk.sqlite3") == 501  # the late change came along
    assert fresh.load().pending_data_removal is None
    assert effective_paths(paths, fresh.load()).database == target / "opexdesk.sqlite3"


def test_reset_erases_the_data_at_next_start_and_runs_the_welcome_again(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.data.mkdir(parents=True)
    make_data(paths.data)
    store = AppSettingsStore.for_paths(paths)
    store.update(welcome_done=True, theme=Theme.DARK)
    request_reset(store)
    assert (paths.data / "opexdesk.sqlite3").exists()
    messages = apply_pending(AppSettingsStore.for_paths(paths), paths)
    assert "erased" in messages[0]
    assert list(paths.data.iterdir()) == []
    after = AppSettingsStore.for_paths(paths).load()
    assert not after.reset_on_start and not after.welcome_done and after.theme == Theme.DARK


def test_a_real_store_moved_while_open_starts_from_the_new_folder(tmp_path: Path) -> None:
    """The program's own store: copied while open, written after the copy, then the start-up
    order the command line uses (apply_pending, effective_paths, build_context)."""
    from sqlalchemy import func, select

    from opexdesk.app import build_context
    from opexdesk.domain.ticket import TicketDraft
    from opexdesk.storage.models import Ticket

    paths = AppPaths.under(tmp_path / "base")
    store = AppSettingsStore.for_paths(paths)
    ctx = build_context(paths, username="tester")
    try:
        for i in range(3):
            ctx.tickets.create(TicketDraft(title=f"Disk full {i}", requester="王芳"))
        ctx.blobs.root.mkdir(parents=True, exist_ok=True)
        target = tmp_path / "new-home"
        move_data(store, paths.data, target)
        ctx.tickets.create(TicketDraft(title="Written after the copy", requester="李雷"))
    finally:
        ctx.close()

    store = AppSettingsStore.for_paths(paths)  # the next start
    apply_pending(store, paths)
    moved = effective_paths(paths, store.load())
    assert moved.data == target and not paths.data.exists()
    ctx = build_context(moved, username="tester")
    try:
        with ctx.db.read() as s:
            titles = set(s.scalars(select(Ticket.title)))
            assert s.scalar(select(func.count()).select_from(Ticket)) == 4
        assert "Written after the copy" in titles
    finally:
        ctx.close()


def test_a_move_whose_settings_cannot_be_saved_stays_on_the_old_folder(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path / "base")
    paths.data.mkdir(parents=True)
    make_data(paths.data)
    store = AppSettingsStore.for_paths(paths)
    target = tmp_path / "new"
    move_data(store, paths.data, target)
    fresh = AppSettingsStore.for_paths(paths)
    fresh.load()
    fresh.path.unlink()
    fresh.path.mkdir()  # the file cannot be replaced now
    (fresh.path / "x").write_text("x")
    messages = apply_pending(fresh, paths)
    assert "not finished" in messages[0]
    assert (paths.data / "opexdesk.sqlite3").exists()  # nothing removed
    assert effective_paths(paths, fresh.load()).data == paths.data  # runs on the old folder


def test_effective_paths() -> None:
    base = AppPaths.under(Path("/srv/base"))
    assert effective_paths(base, AppSettings()) == base
    assert effective_paths(base, AppSettings(data_dir="/data/x")).data == Path("/data/x")
    assert effective_paths(base, AppSettings(data_dir="/data/x")).config == base.config
    pending = AppSettings(data_dir="/data/x", pending_data_removal="/old")
    assert effective_paths(base, pending).data == Path("/old")
    temporary = AppPaths.under(Path("/tmp/t"), temporary=True)
    assert effective_paths(temporary, AppSettings(data_dir="/data/x")) == temporary


def test_writes_during_the_copy_neither_restart_nor_break_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The program keeps writing while a large store is copied page by page: the copy is
    the snapshot taken when it began, and it finishes (no restart on every write)."""
    import opexdesk.services.local_data as local_data

    monkeypatch.setattr(local_data, "BACKUP_PAGES", 1)  # a progress step per page
    src, dst = tmp_path / "old", tmp_path / "new"
    src.mkdir()
    make_data(src)
    writer = sqlite3.connect(src / "opexdesk.sqlite3")
    writes = 0
    announced = False  # the first report of a file comes before its copy starts

    def write_meanwhile(p: MoveProgress) -> None:
        nonlocal writes, announced
        if p.current != "opexdesk.sqlite3":
            return
        if not announced:
            announced = True
            return
        writer.execute("INSERT INTO t (v) VALUES ('meanwhile')")
        writer.commit()
        writes += 1

    try:
        copy_data(src, dst, write_meanwhile)
    finally:
        writer.close()
    assert writes >= 2
    assert rows(dst / "opexdesk.sqlite3") == 500  # the snapshot from the start of the copy
    assert rows(src / "opexdesk.sqlite3") == 500 + writes


def test_notification_switches_follow_saves(tmp_path: Path) -> None:
    from opexdesk.services.app_settings import NotificationSwitches

    store = store_at(tmp_path)
    switches = NotificationSwitches(store)
    assert switches.notify_new_p1 and switches.notify_sla_breach and switches.notify_conflicts
    store.update(notify_sla_breach=False, notify_conflicts=False)
    assert switches.notify_new_p1
    assert not switches.notify_sla_breach and not switches.notify_conflicts
