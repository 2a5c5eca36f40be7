"""Storage failures a user can act on, each with a message that names the problem."""


class StorageError(RuntimeError):
    """The local database or blob store cannot be used; ``str(err)`` is user-facing."""


class NewerSchemaError(StorageError):
    """The database was written by a newer OpExDesk; opening it could damage it."""


class CorruptDatabaseError(StorageError):
    """The file is not a readable SQLite database."""


class DataDirError(StorageError):
    """The data directory cannot be created or written."""


class AttachmentTooLargeError(StorageError):
    """An attachment is over the configured size limit.

    ``size`` and ``limit`` (bytes) let a translated UI say it in its own words; the message
    is the English one."""

    def __init__(
        self, message: str, name: str = "", size: int | None = None, limit: int | None = None
    ) -> None:
        super().__init__(message)
        self.name = name
        self.size = size
        self.limit = limit
