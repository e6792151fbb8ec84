"""independence: segments, fingerprints, shared passages, versions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:20:31.844354
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fingerprints',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('hash', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_fingerprints_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source_id', 'start', name=op.f('pk_fingerprints'))
    )
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fingerprints_hash'), ['hash'], unique=False)

    op.create_table('segments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('article', 'navigation')", name=op.f('ck_segments_kind')),
    sa.CheckConstraint('0 <= start AND start < "end"', name=op.f('ck_segments_offsets')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_segments_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_segments'))
    )
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_segments_source_id'), ['source_id'], unique=False)

    op.create_table('shared_passages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('other_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['other_id'], ['sources.id'], name=op.f('fk_shared_passages_other_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_shared_passages_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_passages'))
    )
    with op.batch_alter_table('shared_passages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_passages_other_id'), ['other_id'], unique=False)
        batch_op.create_index('ix_shared_passages_pair', ['source_id', 'other_id'], unique=False)

    op.create_table('reanchors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('old_span_id', sa.Integer(), nullable=False),
    sa.Column('new_source_id', sa.Integer(), nullable=False),
    sa.Column('new_span_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('carried', 'moved', 'changed', 'orphaned')", name=op.f('ck_reanchors_status')),
    sa.ForeignKeyConstraint(['new_source_id'], ['sources.id'], name=op.f('fk_reanchors_new_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['new_span_id'], ['spans.id'], name=op.f('fk_reanchors_new_span_id_spans'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['old_span_id'], ['spans.id'], name=op.f('fk_reanchors_old_span_id_spans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reanchors')),
    sa.UniqueConstraint('old_span_id', 'new_source_id', name=op.f('uq_reanchors_old_span_id_new_source_id'))
    )
    with op.batch_alter_table('reanchors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reanchors_new_source_id'), ['new_source_id'], unique=False)

    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_of_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_sources_version_of_id'), ['version_of_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sources_version_of_id_sources'), 'sources', ['version_of_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sources_version_of_id_sources'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sources_version_of_id'))
        batch_op.drop_column('version_of_id')

    with op.batch_alter_table('reanchors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reanchors_new_source_id'))

    op.drop_table('reanchors')
    with op.batch_alter_table('shared_passages', schema=None) as batch_op:
        batch_op.drop_index('ix_shared_passages_pair')
        batch_op.drop_index(batch_op.f('ix_shared_passages_other_id'))

    op.drop_table('shared_passages')
    with op.batch_alter_table('segments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_segments_source_id'))

    op.drop_table('segments')
    with op.batch_alter_table('fingerprints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fingerprints_hash'))

    op.drop_table('fingerprints')
