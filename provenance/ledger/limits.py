"""The limits every backend enforces alike, checked by the library before a row is written.

SQLite stores what it is given; PostgreSQL refuses a string longer than its column or an integer
wider than its type with a database error. Checking here gives one clear message on both, so a
ledger made on one can always move to the other.
"""

from __future__ import annotations

# Ids are INTEGER columns: 32 bits on PostgreSQL.
MAX_ID = 2**31 - 1


def get_row(session, model, row_id):
    """session.get, but an id no table can hold is simply not there (no OverflowError)."""
    try:
        row_id = int(row_id)
    except (TypeError, ValueError):
        return None
    if not 1 <= row_id <= MAX_ID:
        return None
    return session.get(model, row_id)
