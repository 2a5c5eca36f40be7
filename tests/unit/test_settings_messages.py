"""Messages of the settings, the data folder and the notifications keep their English text
(``str()``: logs, CLI) and carry the template and arguments the UI translates."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from opexdesk.domain.kept_messages import Message
from opexdesk.services.app_settings import (
    AppSettings,
    AppSettingsStore,
    NewerSettingsError,
    SettingsError,
    check_server_url,
    migrate,
)
from opexdesk.services.local_data import DataMoveError, check_move_target, copy_data


def test_message_text_is_its_english_text() -> None:
    text = Message("The folder {path} is not writable.", path=Path("/srv/x"))
    assert text == "The folder /srv/x is not writable."
    assert text.template == "The folder {path} is not writable."
    assert dict(text.params) == {"path": Path("/srv/x")}
    late = Message("in {left}", left=timedelta(hours=2, minutes=5))
    assert late == "in 2 h 5 min"


def test_field_problems_keep_their_templates() -> None:
    problem = check_server_url("http://desk.example.com")
    assert (
        problem == "Use https:// for a server on the network (http is allowed for localhost only)."
    )
    assert isinstance(problem, Message)
    port = check_server_url("https://desk.example.com:99999")
    assert port == "“https://desk.example.com:99999” has an invalid port number."
    assert port is not None and port.template == "“{url}” has an invalid port number."


def test_settings_error_with_one_problem_is_translatable() -> None:
    with pytest.raises(SettingsError) as caught:
        AppSettingsStore(Path("/nonexistent/settings.json")).save(AppSettings(sync_interval_s=5))
    assert str(caught.value) == ("The sync interval must be between 30 and 3600 seconds (it is 5).")
    assert caught.value.template == (
        "The sync interval must be between {low} and {high} seconds (it is {value})."
    )
    both = SettingsError({"a": Message("One."), "b": Message("Two.")})
    assert str(both) == "One.; Two." and both.params == {}


def test_newer_file_is_named_in_english(tmp_path: Path) -> None:
    with pytest.raises(NewerSettingsError) as caught:
        migrate({"version": 9})
    assert str(caught.value) == (
        "the settings file is from a newer OpExDesk (settings version 9; this version reads "
        "up to 2)"
    )
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 9}))
    store = AppSettingsStore(path)
    store.load()
    assert store.read_only and isinstance(store.notice, Message)
    assert store.notice.startswith(f"The settings file {path} was written by a newer version")
    assert store.notice.params == {"path": path}


def test_move_refusals_keep_english_and_templates(tmp_path: Path) -> None:
    source, busy = tmp_path / "data", tmp_path / "busy"
    source.mkdir()
    busy.mkdir()
    (busy / "x.txt").write_text("x")
    assert check_move_target(source, source) == "This is already the data folder."
    with pytest.raises(DataMoveError) as caught:
        copy_data(source, busy)
    assert str(caught.value) == (
        f"The folder {busy} is not empty; choose an empty or a new folder."
    )
    assert caught.value.template == (
        "The folder {path} is not empty; choose an empty or a new folder."
    )
    with pytest.raises(DataMoveError, match="does not exist"):
        copy_data(tmp_path / "missing", tmp_path / "new")
