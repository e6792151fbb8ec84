"""time, revisions and exclusive answers: claims.as_of_at, revises_id, exclusive;
sources.published_at; conflict status 'superseded'

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

OLD = "status IN ('open', 'confirmed', 'dismissed', 'resolved')"
NEW = "status IN ('open', 'confirmed', 'dismissed', 'resolved', 'superseded')"


def upgrade() -> None:
    with op.batch_alter_table('sources') as batch:
        batch.add_column(sa.Column('published_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('claims') as batch:
        batch.add_column(sa.Column('as_of_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('revises_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('exclusive', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.create_index('ix_claims_revises_id', ['revises_id'])
        batch.create_foreign_key('fk_claims_revises_id_claims', 'claims', ['revises_id'], ['id'],
                                 ondelete='SET NULL')
    with op.batch_alter_table('conflicts') as batch:
        batch.drop_constraint('status', type_='check')
        batch.create_check_constraint('status', NEW)


def downgrade() -> None:
    op.execute("UPDATE conflicts SET status = 'open' WHERE status = 'superseded'")
    with op.batch_alter_table('conflicts') as batch:
        batch.drop_constraint('status', type_='check')
        batch.create_check_constraint('status', OLD)
    with op.batch_alter_table('claims') as batch:
        batch.drop_constraint('fk_claims_revises_id_claims', type_='foreignkey')
        batch.drop_index('ix_claims_revises_id')
        batch.drop_column('exclusive')
        batch.drop_column('revises_id')
        batch.drop_column('as_of_at')
    with op.batch_alter_table('sources') as batch:
        batch.drop_column('published_at')
