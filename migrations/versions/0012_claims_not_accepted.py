"""index the claims that are not accepted (rejected ones are few), so that counting accepted claims
is a count of the table less a count of this small index, not a scan of every claim

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

WHERE = sa.text("status != 'accepted'")


def upgrade() -> None:
    op.create_index(
        "ix_claims_not_accepted", "claims", ["status"], sqlite_where=WHERE, postgresql_where=WHERE
    )


def downgrade() -> None:
    op.drop_index("ix_claims_not_accepted", table_name="claims")
