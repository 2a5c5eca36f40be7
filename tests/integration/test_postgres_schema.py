"""The same models and migrations on a real PostgreSQL server (the central store's engine)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from opexdesk.domain.ids import new_id
from opexdesk.storage.database import (
    alembic_config,
    current_revision,
    head_revision,
    schema_differences,
)
from opexdesk.storage.models import Ticket


@pytest.fixture
def pg_engine(pg_url: str):
    engine = create_engine(pg_url)
    with engine.begin() as conn:  # start from an empty database
        conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    yield engine
    engine.dispose()


def _upgrade(engine, target: str = "head") -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)


def test_migrations_build_the_model_schema_on_postgres(pg_engine) -> None:
    _upgrade(pg_engine)
    assert current_revision(pg_engine) == head_revision()
    with pg_engine.connect() as conn:
        assert schema_differences(conn) == []


def test_aware_timestamps_and_unicode_round_trip(pg_engine) -> None:
    _upgrade(pg_engine)
    shanghai = timezone(timedelta(hours=8))
    created = datetime(2026, 3, 29, 9, 30, tzinfo=shanghai)
    with Session(pg_engine) as s, s.begin():
        s.add(
            Ticket(
                id=new_id(),
                provisional_number="L-000001",
                title="打印机卡纸 printer jam",
                description="",
                impact=2,
                urgency=2,
                priority=2,
                status="new",
                created_by="王芳",
                created_at=created,
                updated_at=created,
                version=1,
            )
        )
    with Session(pg_engine) as s:
        ticket = s.scalars(select(Ticket)).one()
        assert ticket.title == "打印机卡纸 printer jam"
        assert ticket.created_at == created
        assert ticket.created_at.tzinfo == UTC


def test_downgrade_to_nothing_removes_every_table(pg_engine) -> None:
    _upgrade(pg_engine)
    cfg = alembic_config()
    with pg_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(pg_engine).get_table_names()) <= {"alembic_version"}
