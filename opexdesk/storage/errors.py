"""Storage failures a user can act on, each with a message that names the problem.

Messages are templates with named arguments (opexdesk.domain.errors.Templated): ``str(err)``
is the English text (CLI, logs), the UI shows it in its language.
"""

from opexdesk.domain.errors import Templated
from opexdesk.domain.units import size_text


class StorageError(Templated, RuntimeError):
    """The local database or blob store cannot be used; ``str(err)`` is user-facing."""


class NewerSchemaError(StorageError):
    """The database was written by a newer OpExDesk; opening it could damage it."""


class CorruptDatabaseError(StorageError):
    """The file is not a readable SQLite database."""


class DataDirError(StorageError):
    """The data directory cannot be created or written."""


class AttachmentTooLargeError(StorageError):
    """An attachment is over the configured size limit.

    ``size`` and ``limit`` (bytes) let a translated UI write the sizes its own way; the
    message gives them as English size texts ("2 KB")."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        super().__init__(
            "{name} is {size}; attachments are limited to {limit}.",
            name=name,
            size=size_text(size),
            limit=size_text(limit),
        )
        self.name = name
        self.size = size
        self.limit = limit
