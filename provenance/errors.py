"""The library's errors. Each carries a one-line message for the user and an exit code.

The CLI turns them into a line on stderr and that exit code (the table is in the README).
"""


class ProvenanceError(Exception):
    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(ProvenanceError):
    """A file, value or option the user gave cannot be used."""

    exit_code = 3


class NotFound(ProvenanceError):
    """An id or name that is not in the ledger."""

    exit_code = 4


class AnchorError(ProvenanceError):
    """A quote that is not in its source, or is there more than once."""

    exit_code = 5


class DatabaseError(ProvenanceError):
    """The database cannot be opened, is broken, or is from a newer version."""

    exit_code = 6


class IntegrityFailure(ProvenanceError):
    """`verify` found something wrong."""

    exit_code = 7


class UsageError(ProvenanceError):
    """Options that do not go together, or a required choice left out."""

    exit_code = 2
