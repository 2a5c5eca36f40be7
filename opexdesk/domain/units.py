"""Quantities as a person reads them (shared by messages from every layer)."""


def size_text(size: int) -> str:
    """Bytes in the largest unit that keeps a number >= 1: "1 byte", "950 bytes", "12.5 KB",
    "25 MB" (a trailing ".0" is dropped)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")
