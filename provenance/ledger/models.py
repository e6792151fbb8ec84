"""The ORM: one place to read the schema.

Every table here is created by the Alembic migrations in ``migrations/``; a test compares the two so
that they never drift. Constraint names come from the naming convention below, which the very first
migration already used, so later migrations (and PostgreSQL) can address constraints by name.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CLAIM_STATUSES = ("accepted", "rejected")  # proposed claims wait in `candidates`
# superseded: the claims no longer disagree (edited, rejected, revised...); set by the tool.
CONFLICT_STATUSES = ("open", "confirmed", "dismissed", "resolved", "superseded")
POLARITIES = ("asserts", "denies")
VALUE_TYPES = ("quantity", "share", "date", "entity", "boolean", "text")
RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
CANDIDATE_KINDS = ("quantity", "date", "attribution", "denial")
CANDIDATE_STATUSES = ("pending", "accepted", "rejected")
TEXT_ROLES = ("body", "headline", "caption", "navigation")
# schema.org ClaimReview ratings, worst to best: the position is the rating value (1-5).
VERDICTS = ("false", "mostly-false", "mixed", "mostly-true", "true")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def sha256(text: str) -> str:
    """A source's identity: the SHA-256 of its text as UTF-8 (Source.sha256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (CheckConstraint(_in("reliability", RELIABILITY_GRADES), name="reliability"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Deferred: listing sources must not read every article.
    text: Mapped[str] = mapped_column(Text, deferred=True)
    chars: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64), default="text/plain")
    origin: Mapped[str | None] = mapped_column(String(2000))  # file path, "-" or URL it came from
    title: Mapped[str | None] = mapped_column(String(1000))
    url: Mapped[str | None] = mapped_column(String(2000), index=True)
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[dt.date | None] = mapped_column(Date)
    captured: Mapped[dt.date | None] = mapped_column(Date)
    # The moment of publication (UTC) when the page gives its time: orders reports of one day.
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # A re-capture of an earlier source (same URL, or --version-of).
    version_of_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    # Why the source was taken out of the reckoning (`sources retire`); NULL while it counts.
    retired: Mapped[str | None] = mapped_column(Text)

    spans: Mapped[list[Span]] = relationship(back_populates="source")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="source", order_by="Segment.start", cascade="all, delete-orphan"
    )
    pages: Mapped[list[SourcePage]] = relationship(order_by="SourcePage.number", viewonly=True)

    def page_at(self, offset: int) -> int | None:
        """The PDF page an offset of the text is on; None for a source without pages."""
        from .offsets import page_at

        return page_at(self.pages, offset)

    @property
    def date(self) -> dt.date | None:
        """The date a claim in this source speaks for, unless it says otherwise."""
        return self.published or self.captured


class SourceOriginal(Base):
    """The bytes a source's text was extracted from (HTML, PDF), kept so extraction can be redone
    and checked; zlib-compressed, hashed before compression. Also how a fetched page was fetched."""

    __tablename__ = "source_originals"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))  # of the original bytes, uncompressed
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # zlib
    extractor: Mapped[str] = mapped_column(String(64))  # "trafilatura 2.3.1", "pypdf 7.1.0"
    requested_url: Mapped[str | None] = mapped_column(String(2000))  # a fetched page: the link given
    final_url: Mapped[str | None] = mapped_column(String(2000))  # ... and where redirects ended
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SourcePage(Base):
    """A page of a PDF source: the range of the stored text it printed."""

    __tablename__ = "source_pages"
    __table_args__ = (CheckConstraint('0 <= start AND start <= "end"', name="offsets"),)

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1-based, as printed by readers
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Span(Base):
    __tablename__ = "spans"
    __table_args__ = (
        CheckConstraint("0 <= start AND start < \"end\"", name="offsets"),
        UniqueConstraint("source_id", "start", "end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(16))  # exact / normalized / fuzzy
    score: Mapped[float] = mapped_column(Float)

    source: Mapped[Source] = relationship(back_populates="spans")


class Segment(Base):
    """One article (or the navigation around it) inside a capture; offsets into the capture."""

    __tablename__ = "segments"
    __table_args__ = (
        CheckConstraint("0 <= start AND start < \"end\"", name="offsets"),
        CheckConstraint("kind IN ('article', 'navigation')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(16), default="article")
    method: Mapped[str] = mapped_column(String(16), default="auto")  # auto / manual

    source: Mapped[Source] = relationship(back_populates="segments")


class Fingerprint(Base):
    """A winnowed shingle hash of a source: the index through which copies are found."""

    __tablename__ = "fingerprints"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    start: Mapped[int] = mapped_column(Integer, primary_key=True)
    end: Mapped[int] = mapped_column(Integer)
    hash: Mapped[int] = mapped_column(BigInteger, index=True)


class SharedPassage(Base):
    """A stretch of `source` whose text also appears in `other` (stored for both directions)."""

    __tablename__ = "shared_passages"
    __table_args__ = (Index("ix_shared_passages_pair", "source_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    other_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Reanchor(Base):
    """What became of an old version's span in a re-capture."""

    __tablename__ = "reanchors"
    __table_args__ = (
        CheckConstraint("status IN ('carried', 'moved', 'changed', 'orphaned')", name="status"),
        UniqueConstraint("old_span_id", "new_source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    old_span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    new_source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    new_span_id: Mapped[int | None] = mapped_column(ForeignKey("spans.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)

    old_span: Mapped[Span] = relationship(foreign_keys=[old_span_id])
    new_span: Mapped[Span | None] = relationship(foreign_keys=[new_span_id])


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    # The side a speaker speaks for (a spokesman for his ministry, a ministry for its country);
    # the accusation detector compares sides, not people.
    side_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))

    aliases: Mapped[list[Alias]] = relationship(back_populates="entity", cascade="all, delete-orphan")
    side: Mapped[Entity | None] = relationship(remote_side=[id])


class Alias(Base):
    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300), unique=True)  # normalised form used for lookup

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Property(Base):
    __tablename__ = "properties"
    __table_args__ = (CheckConstraint(_in("value_type", VALUE_TYPES), name="value_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    value_type: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str | None] = mapped_column(String(64))
    single_value: Mapped[bool] = mapped_column(Boolean, default=False)
    # A running count (a death toll) may rise from one report to the next: an update, not a conflict.
    running_count: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(_in("polarity", POLARITIES), name="polarity"),
        CheckConstraint(_in("status", CLAIM_STATUSES), name="status"),
        CheckConstraint("as_of_start IS NULL OR as_of_end IS NULL OR as_of_start <= as_of_end", name="as_of"),
        Index("ix_claims_subject_property", "subject_id", "property_id"),
        # Few claims are not accepted: the accepted ones are counted as all less these.
        Index(
            "ix_claims_not_accepted",
            "status",
            sqlite_where=text("status != 'accepted'"),
            postgresql_where=text("status != 'accepted'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    value_text: Mapped[str] = mapped_column(Text)
    value_json: Mapped[str] = mapped_column(Text)
    polarity: Mapped[str] = mapped_column(String(8), default="asserts")
    # NULL speaker: the outlet itself says it. Otherwise the person or body quoted.
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    as_of_text: Mapped[str | None] = mapped_column(String(100))
    as_of_start: Mapped[dt.date | None] = mapped_column(Date)
    as_of_end: Mapped[dt.date | None] = mapped_column(Date)
    # The instant (UTC) the figure speaks for, when known: an as-of with a time, else the
    # source's published time. Orders two reports of one day.
    as_of_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hedge: Mapped[str | None] = mapped_column(String(100))
    scope: Mapped[str | None] = mapped_column(String(300))
    # The earlier claim this one revises ("revised down to 84"): that one is superseded.
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    # "Only X", "X alone": this answer excludes every other answer to a multi-answer question.
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    cites: Mapped[str | None] = mapped_column(String(300))  # the upstream it relies on ("UN report")
    # No index on status: nearly every claim is accepted, and such an index would lure the
    # planner away from (subject, property), which contested questions group by.
    status: Mapped[str] = mapped_column(String(16), default="accepted")
    reason: Mapped[str | None] = mapped_column(Text)  # why it was rejected
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    source: Mapped[Source] = relationship()
    subject: Mapped[Entity] = relationship(foreign_keys=[subject_id])
    speaker: Mapped[Entity | None] = relationship(foreign_keys=[speaker_id])
    property: Mapped[Property] = relationship()
    spans: Mapped[list[Span]] = relationship(secondary="claim_spans", order_by="Span.start")


class ClaimSpan(Base):
    __tablename__ = "claim_spans"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    span_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"), primary_key=True, index=True)


class Rule(Base):
    """A declared "conflicts-with" relation between two kinds of claims about one subject."""

    __tablename__ = "rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    left_property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    right_property_id: Mapped[int] = mapped_column(ForeignKey("properties.id"), index=True)
    rationale: Mapped[str] = mapped_column(Text)

    left_property: Mapped[Property] = relationship(foreign_keys=[left_property_id])
    right_property: Mapped[Property] = relationship(foreign_keys=[right_property_id])


class Conflict(Base):
    __tablename__ = "conflicts"
    __table_args__ = (CheckConstraint(_in("status", CONFLICT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # kind + sorted claim ids: a re-scan finds the same key and adds nothing.
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    detector: Mapped[str] = mapped_column(String(64))
    detector_version: Mapped[str] = mapped_column(String(16))
    explanation: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    claims: Mapped[list[Claim]] = relationship(secondary="conflict_claims", order_by="Claim.id")


class ConflictClaim(Base):
    __tablename__ = "conflict_claims"

    conflict_id: Mapped[int] = mapped_column(ForeignKey("conflicts.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True)


class Verdict(Base):
    """A person's verdict on one claim, given when resolving a conflict it is in."""

    __tablename__ = "verdicts"
    __table_args__ = (CheckConstraint(_in("rating", VERDICTS), name="rating"),)

    conflict_id: Mapped[int] = mapped_column(ForeignKey("conflicts.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True)
    rating: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    claim: Mapped[Claim] = relationship()
    conflict: Mapped[Conflict] = relationship()


class Candidate(Base):
    """A claim proposed by extraction, waiting for review; accepting it records a Claim.

    Subject, speaker and property may be names the ledger does not have yet: `*_link` says
    whether the name is known, would become an alias of an existing entity, or a new one.
    """

    __tablename__ = "candidates"
    __table_args__ = (
        CheckConstraint(_in("kind", CANDIDATE_KINDS), name="kind"),
        CheckConstraint(_in("status", CANDIDATE_STATUSES), name="status"),
        CheckConstraint(_in("polarity", POLARITIES), name="polarity"),
        CheckConstraint(_in("role", TEXT_ROLES), name="role"),
        CheckConstraint('0 <= start AND start < "end"', name="offsets"),
        Index("ix_candidates_source_status", "source_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Source, span and what was read: extracting again finds the same key and adds nothing.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16), default="body")
    value_text: Mapped[str] = mapped_column(Text)
    subject_text: Mapped[str | None] = mapped_column(String(300))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    subject_link: Mapped[str | None] = mapped_column(String(8))  # known | alias | new
    speaker_text: Mapped[str | None] = mapped_column(String(300))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="SET NULL"))
    speaker_link: Mapped[str | None] = mapped_column(String(8))
    verb: Mapped[str | None] = mapped_column(String(60))
    polarity: Mapped[str] = mapped_column(String(8), default="asserts")
    scope: Mapped[str | None] = mapped_column(String(300))
    hedge: Mapped[str | None] = mapped_column(String(100))
    as_of_text: Mapped[str | None] = mapped_column(String(100))
    cites: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    # "revised the toll from 95 to 84": the earlier figure this one revises, and its claim when
    # the ledger has it; accepting records the revision (claims.revises_id).
    revises_value: Mapped[str | None] = mapped_column(String(100))
    revises_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    # The question: an existing property (property_id) or a new one to create (name and type).
    property_name: Mapped[str] = mapped_column(String(300))
    property_type: Mapped[str] = mapped_column(String(16))
    property_id: Mapped[int | None] = mapped_column(ForeignKey("properties.id", ondelete="SET NULL"))
    single_value: Mapped[bool] = mapped_column(Boolean, default=False)
    running_count: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float)  # that this is a claim at all
    match_score: Mapped[float] = mapped_column(Float)  # that it answers this question
    score: Mapped[float] = mapped_column(Float)  # both, and the subject: what --accept-above reads
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    source: Mapped[Source] = relationship()
    property: Mapped[Property | None] = relationship()


class Event(Base):
    """Append-only audit log. Each event carries the hash of the one before it."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(64))  # "claim:12", "source:3", ...
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # SHA-256 over the row states the event records (see ledger/rowstate.py); covered by `hash`.
    # NULL for events recorded before row states were kept.
    state: Mapped[str | None] = mapped_column(String(64))


class EventRow(Base):
    """The state one event left a row in: the row's hash, or NULL when the event deleted it."""

    __tablename__ = "event_rows"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    tbl: Mapped[str] = mapped_column(String(32), primary_key=True)
    row_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str | None] = mapped_column(String(64))
