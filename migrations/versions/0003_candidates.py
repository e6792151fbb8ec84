"""candidates: claims proposed by extraction, awaiting review

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 11:38:46.742639
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('value_text', sa.Text(), nullable=False),
    sa.Column('subject_text', sa.String(length=300), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('subject_link', sa.String(length=8), nullable=True),
    sa.Column('speaker_text', sa.String(length=300), nullable=True),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_link', sa.String(length=8), nullable=True),
    sa.Column('verb', sa.String(length=60), nullable=True),
    sa.Column('polarity', sa.String(length=8), nullable=False),
    sa.Column('scope', sa.String(length=300), nullable=True),
    sa.Column('hedge', sa.String(length=100), nullable=True),
    sa.Column('as_of_text', sa.String(length=100), nullable=True),
    sa.Column('cites', sa.String(length=300), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('property_name', sa.String(length=300), nullable=False),
    sa.Column('property_type', sa.String(length=16), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=True),
    sa.Column('single_value', sa.Boolean(), nullable=False),
    sa.Column('running_count', sa.Boolean(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('match_score', sa.Float(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('quantity', 'date', 'attribution', 'denial')", name=op.f('ck_candidates_kind')),
    sa.CheckConstraint("polarity IN ('asserts', 'denies')", name=op.f('ck_candidates_polarity')),
    sa.CheckConstraint("role IN ('body', 'headline', 'caption', 'navigation')", name=op.f('ck_candidates_role')),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f('ck_candidates_status')),
    sa.CheckConstraint('0 <= start AND start < "end"', name=op.f('ck_candidates_offsets')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_candidates_claim_id_claims'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], name=op.f('fk_candidates_property_id_properties'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_candidates_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], name=op.f('fk_candidates_speaker_id_entities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subject_id'], ['entities.id'], name=op.f('fk_candidates_subject_id_entities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates')),
    sa.UniqueConstraint('key', name=op.f('uq_candidates_key'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index('ix_candidates_source_status', ['source_id', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index('ix_candidates_source_status')

    op.drop_table('candidates')
