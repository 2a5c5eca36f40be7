"""Kill -9 a process in the middle of its operations: every operation is all or nothing."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from opexdesk.storage.database import open_database

WORKER = r"""
import sys
from pathlib import Path
from opexdesk.app import build_context
from opexdesk.domain.ticket import TicketDraft
from opexdesk.paths import AppPaths

ctx = build_context(AppPaths.under(Path(sys.argv[1])), username="field.tech")
i = 0
while True:
    i += 1
    t = ctx.tickets.create(TicketDraft(title=f"Ticket {i} 工单", description="x" * 2000, impact=2))
    ctx.tickets.update(t.ticket_id, {"title": f"Ticket {i} edited", "urgency": 1 + i % 4})
    ctx.tickets.add_comment(t.ticket_id, f"note {i} 备注", "internal")
    ctx.tickets.log_work(t.ticket_id, 5)
    print(i, flush=True)
"""


def check_invariants(base: Path) -> int:
    db = open_database(base / "data" / "opexdesk.sqlite3")
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        tickets = c.execute(text("SELECT id, version FROM tickets")).all()
        for ticket_id, version in tickets:
            created = c.execute(
                text("SELECT count(*) FROM audit_events WHERE ticket_id=:t AND action='created'"),
                {"t": ticket_id},
            ).scalar()
            creates = c.execute(
                text("SELECT count(*) FROM outbox WHERE entity_id=:t AND op='create'"),
                {"t": ticket_id},
            ).scalar()
            edits = c.execute(
                text(
                    "SELECT count(*) FROM outbox "
                    "WHERE entity_id=:t AND op IN ('update','transition')"
                ),
                {"t": ticket_id},
            ).scalar()
            assert (created, creates) == (1, 1), ticket_id
            assert version == 1 + edits, "the row and its outbox entries moved together"
        orphans_audit = c.execute(
            text(
                "SELECT count(*) FROM audit_events a WHERE NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.mutation_id = a.mutation_id)"
            )
        ).scalar()
        orphans_outbox = c.execute(
            text(
                "SELECT count(*) FROM outbox o WHERE NOT EXISTS "
                "(SELECT 1 FROM audit_events a WHERE a.mutation_id = o.mutation_id)"
            )
        ).scalar()
        appended = c.execute(
            text("SELECT (SELECT count(*) FROM comments) + (SELECT count(*) FROM work_logs)")
        ).scalar()
        appends = c.execute(text("SELECT count(*) FROM outbox WHERE op='append'")).scalar()
        assert orphans_audit == 0 and orphans_outbox == 0
        assert appended == appends
    db.close()
    return len(tickets)


def test_kill_at_random_points_never_half_writes(tmp_path: Path, seed_count: int) -> None:
    rng = random.Random(1234)
    kills = max(3, seed_count // 20)
    total = 0
    for _ in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one full round done
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        total = check_invariants(tmp_path)
    assert total >= kills
