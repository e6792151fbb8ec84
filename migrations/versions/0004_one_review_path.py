"""one review path: claims no longer take status 'candidate'; such claims become pending candidates

A claim with status "candidate" had been recorded but not yet reviewed, and the conflict checks
passed it by. The `candidates` table is now the only place where proposed claims wait for review,
so each such claim moves there as a pending candidate (its quote, subject, property, value and
speaker kept, linked as known, score 1: a person wrote it) and the claim row goes. Accepting the
candidate records the claim again and runs conflict detection, as for any reviewed candidate.
Moving them to "accepted" instead would have put unreviewed claims into the conflict checks.

Downgrade restores the old CHECK constraint only; the moved claims stay candidates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 20:30:00
"""

import datetime as dt

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

NOTE = "moved from claim {id}, which had status 'candidate', by schema revision 0004"


def _kind(polarity: str, value_type: str) -> str:
    if polarity == "denies":
        return "denial"
    return {"quantity": "quantity", "share": "quantity", "date": "date"}.get(value_type, "attribution")


def _move_candidate_claims(conn) -> None:
    meta = sa.MetaData()
    claims, spans, claim_spans, conflict_claims, entities, properties, candidates = (
        sa.Table(name, meta, autoload_with=conn) for name in (
            "claims", "spans", "claim_spans", "conflict_claims", "entities", "properties", "candidates"))
    subject, speaker = entities.alias("subject"), entities.alias("speaker")
    first_span = (sa.select(sa.func.min(claim_spans.c.span_id)).where(claim_spans.c.claim_id == claims.c.id)
                  .scalar_subquery())
    rows = conn.execute(
        sa.select(claims, subject.c.name.label("subject_name"), speaker.c.name.label("speaker_name"),
                  properties.c.name.label("property_name"), properties.c.value_type,
                  properties.c.single_value, properties.c.running_count,
                  spans.c.start.label("span_start"), spans.c.end.label("span_end"))
        .join(subject, subject.c.id == claims.c.subject_id)
        .outerjoin(speaker, speaker.c.id == claims.c.speaker_id)
        .join(properties, properties.c.id == claims.c.property_id)
        .outerjoin(spans, spans.c.id == first_span)
        .where(claims.c.status == "candidate")
    ).mappings().all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for r in rows:
        if r["span_start"] is not None:
            conn.execute(candidates.insert().values(
                key=f"claim:{r['id']}", source_id=r["source_id"], start=r["span_start"], end=r["span_end"],
                kind=_kind(r["polarity"], r["value_type"]), role="body", value_text=r["value_text"],
                subject_text=r["subject_name"], subject_id=r["subject_id"], subject_link="known",
                speaker_text=r["speaker_name"], speaker_id=r["speaker_id"],
                speaker_link="known" if r["speaker_id"] is not None else None,
                polarity=r["polarity"], scope=r["scope"], hedge=r["hedge"], as_of_text=r["as_of_text"],
                cites=r["cites"], note=NOTE.format(id=r["id"]), property_name=r["property_name"],
                property_type=r["value_type"], property_id=r["property_id"],
                single_value=r["single_value"], running_count=r["running_count"],
                confidence=1.0, match_score=1.0, score=1.0, status="pending",
                created_at=r["created_at"] or now,
            ))
        conn.execute(conflict_claims.delete().where(conflict_claims.c.claim_id == r["id"]))
        conn.execute(claim_spans.delete().where(claim_spans.c.claim_id == r["id"]))
        conn.execute(candidates.update().where(candidates.c.claim_id == r["id"]).values(claim_id=None))
        conn.execute(claims.delete().where(claims.c.id == r["id"]))


def upgrade() -> None:
    _move_candidate_claims(op.get_bind())
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_claims_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_claims_status'), "status IN ('accepted', 'rejected')")


def downgrade() -> None:
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_claims_status'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_claims_status'),
                                         "status IN ('candidate', 'accepted', 'rejected')")
