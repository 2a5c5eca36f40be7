"""sync: server_seq counter, tickets and appends, clients, mutation ledger, conflicts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 03:49:56.571943
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seq_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("ticket_number", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_seq_counter_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seq_counter")),
    )
    # The one counter row: server_seq and ticket numbers start at 1.
    op.bulk_insert(
        sa.table(
            "seq_counter",
            sa.column("id", sa.Integer()),
            sa.column("value", sa.BigInteger()),
            sa.column("ticket_number", sa.BigInteger()),
        ),
        [{"id": 1, "value": 0, "ticket_number": 0}],
    )
    op.create_table(
        "sync_tickets",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("requester", sa.String(length=120), nullable=True),
        sa.Column("site", sa.String(length=120), nullable=True),
        sa.Column("category", sa.String(length=120), nullable=True),
        sa.Column("impact", sa.Integer(), nullable=False),
        sa.Column("urgency", sa.Integer(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assignee", sa.String(length=120), nullable=True),
        sa.Column("group_name", sa.String(length=120), nullable=True),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_response_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("response_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_tickets")),
        sa.UniqueConstraint("number", name=op.f("uq_sync_tickets_number")),
    )
    op.create_index("ix_sync_tickets_server_seq", "sync_tickets", ["server_seq"])

    op.create_table(
        "sync_attachments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["sync_tickets.id"],
            name=op.f("fk_sync_attachments_ticket_id_sync_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_attachments")),
    )
    op.create_index("ix_sync_attachments_server_seq", "sync_attachments", ["server_seq"])
    op.create_index("ix_sync_attachments_ticket_id", "sync_attachments", ["ticket_id"])

    op.create_table(
        "sync_clients",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("last_client_seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_clients_user_id_users")
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_sync_clients")),
    )
    op.create_table(
        "sync_comments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["sync_tickets.id"], name=op.f("fk_sync_comments_ticket_id_sync_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_comments")),
    )
    op.create_index("ix_sync_comments_server_seq", "sync_comments", ["server_seq"])
    op.create_index("ix_sync_comments_ticket_id", "sync_comments", ["ticket_id"])

    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("base", sa.JSON(), nullable=True),
        sa.Column("local", sa.JSON(), nullable=True),
        sa.Column("server", sa.JSON(), nullable=True),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_mutation_id", sa.String(length=36), nullable=True),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_conflicts_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    op.create_index("ix_sync_conflicts_server_seq", "sync_conflicts", ["server_seq"])
    op.create_index("ix_sync_conflicts_user_id", "sync_conflicts", ["user_id", "server_seq"])

    op.create_table(
        "sync_work_logs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=120), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("server_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["sync_tickets.id"],
            name=op.f("fk_sync_work_logs_ticket_id_sync_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_work_logs")),
    )
    op.create_index("ix_sync_work_logs_server_seq", "sync_work_logs", ["server_seq"])
    op.create_index("ix_sync_work_logs_ticket_id", "sync_work_logs", ["ticket_id"])

    op.create_table(
        "sync_mutations",
        sa.Column("mutation_id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("client_seq", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("client_created_at", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["sync_clients.client_id"],
            name=op.f("fk_sync_mutations_client_id_sync_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sync_mutations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("mutation_id", name=op.f("pk_sync_mutations")),
        sa.UniqueConstraint(
            "client_id", "client_seq", name=op.f("uq_sync_mutations_client_id_client_seq")
        ),
    )


def downgrade() -> None:
    op.drop_table("sync_mutations")
    op.drop_table("sync_work_logs")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_comments")
    op.drop_table("sync_clients")
    op.drop_table("sync_attachments")
    op.drop_table("sync_tickets")
    op.drop_table("seq_counter")
