"""candidate revisions: candidates.revises_value, candidates.revises_id

A candidate read from "revised the toll from 95 to 84" proposes that its claim revises the claim
of the earlier figure; accepting it records the link (claims.revises_id).

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('candidates') as batch:
        batch.add_column(sa.Column('revises_value', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('revises_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_candidates_revises_id_claims', 'claims', ['revises_id'], ['id'],
                                 ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('candidates') as batch:
        batch.drop_constraint('fk_candidates_revises_id_claims', type_='foreignkey')
        batch.drop_column('revises_id')
        batch.drop_column('revises_value')
