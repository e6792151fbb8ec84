"""row states in the event chain: events.state, event_rows; one baseline event for existing rows

Revision ID: 0010
Revises: 0009
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.add_column(sa.Column('state', sa.String(length=64), nullable=True))
    op.create_table(
        'event_rows',
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('tbl', sa.String(length=32), nullable=False),
        sa.Column('row_id', sa.BigInteger(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name='fk_event_rows_event_id_events'),
        sa.PrimaryKeyConstraint('event_id', 'tbl', 'row_id', name='pk_event_rows'),
    )
    # Rows that exist now get their recorded state from one baseline event, so that an upgraded
    # ledger verifies clean and every later change is checked against it.
    from provenance.ledger.rowstate import baseline

    baseline(op.get_bind())


def downgrade() -> None:
    # The older schema cannot hold row states, and the hashes of events recorded since cover them:
    # the chain is re-hashed without them (and without the baseline), so the older version still
    # verifies it. Going back is for recovering from a failed upgrade; going up again records a
    # new baseline.
    from provenance.ledger.events import GENESIS, event_hash

    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM event_rows"))
    conn.execute(sa.text("DELETE FROM events WHERE action = 'ledger.baseline'"))
    prev = GENESIS
    rows = conn.execute(sa.text(
        "SELECT id, at, actor, action, target, payload, prev_hash, hash FROM events ORDER BY id")).all()
    for r in rows:
        at = r.at if not isinstance(r.at, str) else __import__('datetime').datetime.fromisoformat(r.at)
        new = event_hash(prev, at.isoformat(), r.actor, r.action, r.target, r.payload)
        if (prev, new) != (r.prev_hash, r.hash):
            conn.execute(sa.text("UPDATE events SET prev_hash = :p, hash = :h WHERE id = :i"),
                         {"p": prev, "h": new, "i": r.id})
        prev = new
    op.drop_table('event_rows')
    with op.batch_alter_table('events') as batch:
        batch.drop_column('state')
