"""opexdesk config show / set: the shared settings from a script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from opexdesk.cli import main
from opexdesk.storage.database import open_database
from opexdesk.storage.sync_models import SYNC_STATE_ID, SyncState

OFFICE = {
    "name": "Office hours",
    "calendar": {"time_zone": "Asia/Shanghai", "hours": {"mon": ["09:00-18:00"]}},
    "targets": {
        "P1": {"response": "15m", "resolution": "4h"},
        "P2": {"response": "1h", "resolution": "8h"},
        "P3": {"response": "4h", "resolution": "24h"},
        "P4": {"response": "8h", "resolution": "80h"},
    },
}


def test_set_then_show_and_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["config", "--basedir", str(tmp_path)]
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(OFFICE), encoding="utf-8")
    assert main([*base, "set", "sla_policy", str(policy)]) == 0
    assert "reaches the other devices" in capsys.readouterr().out
    assert main([*base, "show"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["sla_policy"]["calendar"]["time_zone"] == "Asia/Shanghai"
    assert shown["priority_matrix"]["rows"][0] == [1, 1, 2, 3]
    # Bad input: a clear message, exit 2, nothing changed.
    broken = tmp_path / "broken.json"
    broken.write_text('{"rows": [[1, 1', encoding="utf-8")
    assert main([*base, "set", "priority_matrix", str(broken)]) == 2
    assert "cannot read" in capsys.readouterr().err
    backwards = tmp_path / "backwards.json"
    rows = [[4, 4, 4, 4], [1, 2, 3, 3], [1, 2, 3, 3], [1, 2, 3, 3]]
    backwards.write_text(json.dumps({"rows": rows}), encoding="utf-8")
    assert main([*base, "set", "priority_matrix", str(backwards)]) == 2
    assert "cannot wait longer" in capsys.readouterr().err
    # Signed in as a technician: refused.
    db = open_database(tmp_path / "data" / "opexdesk.sqlite3")
    with db.transaction() as s:
        s.add(SyncState(id=SYNC_STATE_ID, client_id="c", cursor=0, role="technician"))
    db.close()
    assert main([*base, "set", "sla_policy", str(policy)]) == 2
    assert "Only an administrator" in capsys.readouterr().err
