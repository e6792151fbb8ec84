"""The limits every backend enforces alike, checked by the library before a row is written.

SQLite stores what it is given; PostgreSQL refuses a string longer than its column, a NUL byte in
any text, or an integer wider than its type, with a database error. Checking here gives one clear
message on both, so a ledger made on one can always move to the other. The limits are read from
the models' own column types: the schema is the one table of numbers.

Every ORM write passes `before_flush` (installed once, for every Session); Core inserts call
`check_row` themselves (bulk_insert, the event log, undo).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from functools import cache

from sqlalchemy import BigInteger, Integer, LargeBinary, SmallInteger, String, Table, event
from sqlalchemy.orm import Session, object_mapper

from ..errors import InputError

# Ids are INTEGER columns: 32 bits on PostgreSQL.
MAX_ID = 2**31 - 1
INT_RANGES = {
    SmallInteger: (-(2**15), 2**15 - 1),
    BigInteger: (-(2**63), 2**63 - 1),
    Integer: (-(2**31), 2**31 - 1),
}


def get_row(session, model, row_id):
    """session.get, but an id no table can hold is simply not there (no OverflowError)."""
    try:
        row_id = int(row_id)
    except (TypeError, ValueError):
        return None
    if not 1 <= row_id <= MAX_ID:
        return None
    return session.get(model, row_id)


def _noun(table: str) -> str:
    if table.endswith("ies"):
        table = table[:-3] + "y"
    elif table.endswith("ses"):
        table = table[:-2]
    elif table.endswith("s"):
        table = table[:-1]
    return table.replace("_", " ")


def _int_range(type_) -> tuple[int, int] | None:
    for kind, bounds in INT_RANGES.items():  # BigInteger before Integer: it is a subclass
        if isinstance(type_, kind):
            return bounds
    return None


@cache
def _rules(table: Table) -> dict[str, tuple[str, int | None, tuple[int, int] | None]]:
    """column key -> (what to call it, its length limit, its integer range)."""
    rules: dict[str, tuple[str, int | None, tuple[int, int] | None]] = {}
    for col in table.columns:
        noun = _noun(table.name)
        label = f"the {col.key.replace('_', ' ')} of {'an' if noun[0] in 'aeiou' else 'a'} {noun}"
        if isinstance(col.type, String) and not isinstance(col.type, LargeBinary):
            rules[col.key] = (label, col.type.length, None)  # Text: a String without a length
        elif (bounds := _int_range(col.type)) is not None:
            rules[col.key] = (label, None, bounds)
    return rules


def check_value(table: Table, key: str, value) -> None:
    rule = _rules(table).get(key)
    if rule is None or value is None:
        return
    label, length, bounds = rule
    if isinstance(value, str):
        if "\x00" in value:
            raise InputError(
                f"{label} contains a NUL byte (at character {value.index(chr(0)) + 1:,}); "
                "NUL bytes cannot be stored, remove them"
            )
        if length is not None and len(value) > length:
            raise InputError(f"{label} is {len(value):,} characters long; the limit is {length:,}, shorten it")
    elif bounds is not None and isinstance(value, int) and not bounds[0] <= value <= bounds[1]:
        raise InputError(f"{label} is {value}, outside the range {bounds[0]} to {bounds[1]}")


def check_row(table: Table, row: Mapping) -> None:
    """Refuse a row (a dict of column key -> value) that some backend could not store."""
    check_rows(table, (row,))


def check_rows(table: Table, rows: Sequence[Mapping]) -> None:
    """check_row for many rows, a column at a time: the longest value, any NUL byte and the
    extremes of each column are found by the interpreter's own loops; only a batch where one of
    them fails is checked row by row, so that the message names the same value check_row would."""
    rules = _rules(table)
    keys: set[str] = set()
    for row in rows:
        keys.update(row)
    for key in keys:
        if (rule := rules.get(key)) is None:
            continue
        present = [v for v in map(operator.methodcaller("get", key), rows) if v is not None]
        if present and not _column_fits(present, rule):
            for row in rows:
                for k, value in row.items():
                    check_value(table, k, value)


def _column_fits(values: list, rule: tuple[str, int | None, tuple[int, int] | None]) -> bool:
    _label, length, bounds = rule
    try:
        if length is not None or bounds is None:  # a text column
            return "\x00" not in "".join(values) and (length is None or max(map(len, values)) <= length)
        return bounds[0] <= min(values) and max(values) <= bounds[1]
    except TypeError:  # not all of one type: let check_value judge each
        return False


def check_object(obj) -> None:
    """Only the attributes loaded in memory: an unloaded (deferred) one is unchanged."""
    loaded = obj.__dict__
    for prop in object_mapper(obj).column_attrs:
        if prop.key in loaded:
            for col in prop.columns:
                if isinstance(col.table, Table):
                    check_value(col.table, col.key, loaded[prop.key])


def clip(column, value: str | None) -> str | None:
    """A value read from a document (not typed by a user), cut to fit its column."""
    length = getattr(column.type, "length", None)
    if value is None:
        return None
    value = value.replace("\x00", "")
    if length is not None and len(value) > length:
        value = value[: length - 1] + "…"
    return value


@event.listens_for(Session, "before_flush")
def _check_flush(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        check_object(obj)
