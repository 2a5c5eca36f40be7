"""Classifier files: JSON metadata + one ``.npz`` of plain numeric/text arrays. No pickle.

Layout of a model directory::

    classifier.json               format, version, fields, labels, the weights file name
                                  and its SHA-256, and a SHA-256 of the JSON itself
    classifier-<sha12>.npz        idf, vocabularies (unicode arrays), coefficients

Loading checks, in order: the files are regular files (no symlinks) owned by this user or
root and not writable by others; the JSON format name, version and self-checksum; the
weights file name (a bare name of the expected shape); its size, SHA-256 and zip header
(a pickle is refused by name); ``numpy.load(allow_pickle=False)``; dtypes and shapes.
Any failure raises :class:`ModelFileError` with a message a user can act on.
Saving writes the weights under a new content-addressed name and then replaces the JSON
atomically, so a crash leaves the old model or the new one, never a mix.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import stat
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from opexdesk.services.classify.features import CHAR_N, MAX_TEXT, Block, FeatureSpace
from opexdesk.services.classify.model import FieldModel, TicketClassifier

FORMAT = "opexdesk-ticket-classifier"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
META_NAME = "classifier.json"
MAX_META_BYTES = 1_000_000
MAX_WEIGHTS_BYTES = 200_000_000
_WEIGHTS_NAME = re.compile(r"classifier-[0-9a-f]{12}\.npz")
_PICKLE_MAGIC = (b"\x80", b"(", b"c")  # protocol 2+ header, protocol 0 opcodes


class ModelFileError(Exception):
    """A classifier file is missing, damaged, tampered with, unsafe or of an unknown version;
    ``str(err)`` says which file and why."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(meta: dict[str, Any]) -> bytes:
    body = {k: v for k, v in meta.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _check_trusted(path: Path) -> None:
    """Refuse symlinks, non-regular files and files others could have written."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise ModelFileError(f"Classifier file {path} is missing.") from None
    if not stat.S_ISREG(st.st_mode):
        raise ModelFileError(f"Classifier file {path} is not a regular file (symlink?).")
    if os.name == "posix":
        if st.st_mode & stat.S_IWOTH:
            raise ModelFileError(f"Classifier file {path} is writable by anyone; refused.")
        if st.st_uid not in (os.getuid(), 0):
            raise ModelFileError(f"Classifier file {path} belongs to another user; refused.")


def save_model(model: TicketClassifier, directory: Path, *, saved_at: str | None = None) -> Path:
    """Write ``model`` into ``directory`` (created if needed); returns the JSON path.
    ``saved_at`` (ISO time, default now) is fixed by the default-model build (same bytes)."""
    directory.mkdir(parents=True, exist_ok=True)
    word_terms, char_terms = model.space.terms()
    arrays: dict[str, np.ndarray] = {
        "word_idf": model.space.word.idf.astype(np.float32),
        "char_idf": model.space.char.idf.astype(np.float32),
        "word_terms": np.array(word_terms, dtype=np.str_),
        "char_terms": np.array(char_terms, dtype=np.str_),
    }
    fields: dict[str, Any] = {}
    for i, (name, fm) in enumerate(sorted(model.fields.items())):
        arrays[f"coef_{i}"] = fm.coef.astype(np.float32)
        arrays[f"intercept_{i}"] = fm.intercept.astype(np.float64)
        fields[name] = {"index": i, "labels": list(fm.labels), "temperature": fm.temperature}
    buf = io.BytesIO()
    np.savez_compressed(buf, allow_pickle=False, **arrays)
    data = buf.getvalue()
    sha = _digest(data)
    weights = directory / f"classifier-{sha[:12]}.npz"
    _write_atomic(weights, data)
    meta: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "weights": weights.name,
        "weights_sha256": sha,
        "features": {
            "word_weight": model.space.word.weight,
            "char_weight": model.space.char.weight,
            "char_n": list(CHAR_N),
            "max_text": MAX_TEXT,
        },
        "fields": fields,
        "info": model.info,
    }
    meta["checksum"] = _digest(_canonical(meta))
    target = directory / META_NAME
    _write_atomic(target, json.dumps(meta, ensure_ascii=False, indent=1).encode())
    for old in directory.glob("classifier-*.npz"):  # weights no JSON points at any more
        if old.name != weights.name:
            old.unlink(missing_ok=True)
    return target


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_meta(directory: Path) -> dict[str, Any]:
    """The checked metadata of the model in ``directory`` (format, version, checksum)."""
    path = directory / META_NAME
    _check_trusted(path)
    raw = path.read_bytes()
    if len(raw) > MAX_META_BYTES:
        raise ModelFileError(f"{path} is too large to be classifier metadata.")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"{path} is not valid classifier metadata: {exc}.") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelFileError(f"{path} is not an OpExDesk classifier file.")
    version = meta.get("version")
    if version not in SUPPORTED_VERSIONS:
        raise ModelFileError(
            f"{path} has classifier format version {version!r}; this OpExDesk reads "
            f"version {', '.join(map(str, SUPPORTED_VERSIONS))}. Retrain the model or update."
        )
    if meta.get("checksum") != _digest(_canonical(meta)):
        raise ModelFileError(f"{path} fails its checksum: the file was changed or damaged.")
    return meta


def load_model(directory: Path) -> TicketClassifier:
    """Load and verify the model saved in ``directory``; raises :class:`ModelFileError`."""
    meta = read_meta(directory)
    name = meta.get("weights")
    if not isinstance(name, str) or not _WEIGHTS_NAME.fullmatch(name):
        raise ModelFileError(f"{directory / META_NAME} names an unexpected weights file.")
    path = directory / name
    _check_trusted(path)
    if path.stat().st_size > MAX_WEIGHTS_BYTES:
        raise ModelFileError(f"{path} is too large to be classifier weights.")
    data = path.read_bytes()
    if data[:1] in _PICKLE_MAGIC:
        raise ModelFileError(f"{path} is a Python pickle; pickled models are never loaded.")
    if _digest(data) != meta.get("weights_sha256"):
        raise ModelFileError(f"{path} fails its checksum: the file was changed or damaged.")
    if not data.startswith(b"PK\x03\x04"):
        raise ModelFileError(f"{path} is not an .npz archive.")
    try:
        return _build(meta, _arrays(data))
    except ModelFileError:
        raise
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        EOFError,
        zipfile.BadZipFile,
    ) as exc:
        raise ModelFileError(f"{path} cannot be read as classifier weights: {exc}") from None


def _arrays(data: bytes) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    with np.load(io.BytesIO(data), allow_pickle=False) as npz:
        for key in npz.files:
            arr = npz[key]
            if arr.dtype.kind not in "fiuU":
                raise ModelFileError(f"weights array {key!r} has dtype {arr.dtype}; refused.")
            out[key] = arr
    return out


def _build(meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> TicketClassifier:
    feats = meta["features"]
    if list(feats["char_n"]) != list(CHAR_N):
        raise ModelFileError(f"classifier uses char n-grams {feats['char_n']}, expected {CHAR_N}")
    blocks = []
    for name in ("word", "char"):
        terms = [str(t) for t in arrays[f"{name}_terms"].tolist()]
        idf = arrays[f"{name}_idf"].astype(np.float64)
        if idf.shape != (len(terms),):
            raise ModelFileError(f"{name} vocabulary and idf differ in size")
        vocab = {t: j for j, t in enumerate(terms)}
        blocks.append(Block(name, vocab, idf, float(feats[f"{name}_weight"])))
    space = FeatureSpace(blocks[0], blocks[1])
    fields: dict[str, FieldModel] = {}
    for fname, spec in meta["fields"].items():
        i = int(spec["index"])
        labels = [str(lab) for lab in spec["labels"]]
        coef = arrays[f"coef_{i}"].astype(np.float32)
        icpt = arrays[f"intercept_{i}"].astype(np.float64)
        if coef.shape != (space.n_features, len(labels)) or icpt.shape != (len(labels),):
            raise ModelFileError(f"field {fname!r}: weights do not match its labels")
        fields[str(fname)] = FieldModel(labels, coef, icpt, float(spec["temperature"]))
    info = meta.get("info")
    return TicketClassifier(space, fields, dict(info) if isinstance(info, dict) else {})
