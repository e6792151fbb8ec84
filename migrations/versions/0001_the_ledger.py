"""the ledger

Revision ID: 0001
Revises:
Create Date: 2026-11-21 09:44:38.979468
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=True),
    sa.Column('side_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['side_id'], ['entities.id'], name=op.f('fk_entities_side_id_entities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('name', name=op.f('uq_entities_name'))
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('hash', name=op.f('uq_events_hash'))
    )
    op.create_table('properties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('value_type', sa.String(length=16), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=True),
    sa.Column('single_value', sa.Boolean(), nullable=False),
    sa.Column('running_count', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.CheckConstraint("value_type IN ('quantity', 'share', 'date', 'entity', 'boolean', 'text')", name=op.f('ck_properties_value_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_properties')),
    sa.UniqueConstraint('name', name=op.f('uq_properties_name'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('chars', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=2000), nullable=True),
    sa.Column('title', sa.String(length=1000), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('author', sa.String(length=200), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('captured', sa.Date(), nullable=True),
    sa.Column('reliability', sa.String(length=1), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("reliability IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_sources_reliability')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('sha256', name=op.f('uq_sources_sha256'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_url'), ['url'], unique=False)

    op.create_table('aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=300), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_aliases_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliases')),
    sa.UniqueConstraint('key', name=op.f('uq_aliases_key'))
    )
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aliases_entity_id'), ['entity_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=False),
    sa.Column('value_text', sa.Text(), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('polarity', sa.String(length=8), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('as_of_text', sa.String(length=100), nullable=True),
    sa.Column('as_of_start', sa.Date(), nullable=True),
    sa.Column('as_of_end', sa.Date(), nullable=True),
    sa.Column('hedge', sa.String(length=100), nullable=True),
    sa.Column('scope', sa.String(length=300), nullable=True),
    sa.Column('cites', sa.String(length=300), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("polarity IN ('asserts', 'denies')", name=op.f('ck_claims_polarity')),
    sa.CheckConstraint("status IN ('candidate', 'accepted', 'rejected')", name=op.f('ck_claims_status')),
    sa.CheckConstraint('as_of_start IS NULL OR as_of_end IS NULL OR as_of_start <= as_of_end', name=op.f('ck_claims_as_of')),
    sa.ForeignKeyConstraint(['property_id'], ['properties.id'], name=op.f('fk_claims_property_id_properties')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_claims_source_id_sources'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], name=op.f('fk_claims_speaker_id_entities')),
    sa.ForeignKeyConstraint(['subject_id'], ['entities.id'], name=op.f('fk_claims_subject_id_entities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_property_id'), ['property_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_speaker_id'), ['speaker_id'], unique=False)
        batch_op.create_index('ix_claims_subject_property', ['subject_id', 'property_id'], unique=False)

    op.create_table('rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('left_property_id', sa.Integer(), nullable=False),
    sa.Column('right_property_id', sa.Integer(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['left_property_id'], ['properties.id'], name=op.f('fk_rules_left_property_id_properties')),
    sa.ForeignKeyConstraint(['right_property_id'], ['properties.id'], name=op.f('fk_rules_right_property_id_properties')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rules')),
    sa.UniqueConstraint('name', name=op.f('uq_rules_name'))
    )
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rules_left_property_id'), ['left_property_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rules_right_property_id'), ['right_property_id'], unique=False)

    op.create_table('spans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('suffix', sa.Text(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.CheckConstraint('0 <= start AND start < "end"', name=op.f('ck_spans_offsets')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_spans_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spans')),
    sa.UniqueConstraint('source_id', 'start', 'end', name=op.f('uq_spans_source_id_start_end'))
    )
    op.create_table('claim_spans',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('span_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_spans_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['span_id'], ['spans.id'], name=op.f('fk_claim_spans_span_id_spans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'span_id', name=op.f('pk_claim_spans'))
    )
    with op.batch_alter_table('claim_spans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_spans_span_id'), ['span_id'], unique=False)

    op.create_table('conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('detector', sa.String(length=64), nullable=False),
    sa.Column('detector_version', sa.String(length=16), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('decided_by', sa.String(length=200), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('open', 'confirmed', 'dismissed', 'resolved')", name=op.f('ck_conflicts_status')),
    sa.ForeignKeyConstraint(['rule_id'], ['rules.id'], name=op.f('fk_conflicts_rule_id_rules'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts')),
    sa.UniqueConstraint('key', name=op.f('uq_conflicts_key'))
    )
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflicts_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_status'), ['status'], unique=False)

    op.create_table('conflict_claims',
    sa.Column('conflict_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_conflict_claims_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conflict_id'], ['conflicts.id'], name=op.f('fk_conflict_claims_conflict_id_conflicts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conflict_id', 'claim_id', name=op.f('pk_conflict_claims'))
    )
    with op.batch_alter_table('conflict_claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_claims_claim_id'), ['claim_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('conflict_claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_claims_claim_id'))

    op.drop_table('conflict_claims')
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflicts_status'))
        batch_op.drop_index(batch_op.f('ix_conflicts_kind'))

    op.drop_table('conflicts')
    with op.batch_alter_table('claim_spans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_spans_span_id'))

    op.drop_table('claim_spans')
    op.drop_table('spans')
    with op.batch_alter_table('rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rules_right_property_id'))
        batch_op.drop_index(batch_op.f('ix_rules_left_property_id'))

    op.drop_table('rules')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_subject_property')
        batch_op.drop_index(batch_op.f('ix_claims_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_claims_source_id'))
        batch_op.drop_index(batch_op.f('ix_claims_property_id'))

    op.drop_table('claims')
    with op.batch_alter_table('aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aliases_entity_id'))

    op.drop_table('aliases')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_url'))

    op.drop_table('sources')
    op.drop_table('properties')
    op.drop_table('events')
    op.drop_table('entities')
