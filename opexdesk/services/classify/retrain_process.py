"""Retraining in a process of its own, so the window never freezes while the model learns.

Training (scikit-learn's vectoriser and LinearSVC) holds the interpreter lock for stretches
of up to 0.3 s; on a thread of the application that is a frozen window for that long, several
times per retraining (bench/classify_pauses.py measures it). A child process has its own
interpreter: the window keeps every frame. The child reads the history from the database
file (a read transaction, as a second reader), trains with the parent's corrections and
settings, writes the model files (atomically) and sends the model back; the parent installs
it with one assignment.

The child is started with ``spawn`` (never ``fork``: the parent runs Qt and threads), at a
lower CPU priority so the GUI keeps its core on small machines. The frozen program calls
``multiprocessing.freeze_support()`` (packaging/pyinstaller/opexdesk_main.py) so a child
of the installed app runs this job rather than a second window. When no child can be
started at all, retraining runs in the calling thread as before (logged), rather than never.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from opexdesk.domain.errors import DomainError
from opexdesk.services.classify.corrections import Correction, CorrectionMemory
from opexdesk.services.classify.model import TicketClassifier, TrainConfig
from opexdesk.services.classify.service import ClassifierService, TrainReport
from opexdesk.storage.database import Database, open_database
from opexdesk.storage.errors import StorageError

log = logging.getLogger(__name__)

CHILD_NICENESS = 10  # below the window's priority; training takes longer, nothing stutters


@dataclass(frozen=True)
class RetrainJob:
    """Everything the child needs, all picklable: where the data is and how to train."""

    db_path: Path
    model_dir: Path | None
    config: TrainConfig
    fields: tuple[str, ...]
    corrections: tuple[Correction, ...]


def run_job(job: RetrainJob) -> tuple[TrainReport, TicketClassifier]:
    """In the child: train on the database's history and save to ``model_dir``."""
    _lower_priority()
    db = open_database(job.db_path)
    try:
        service = ClassifierService(job.model_dir, config=job.config, fields=job.fields)
        service.use_corrections(CorrectionMemory(job.corrections))
        report = service.retrain(db)
    finally:
        db.close()
    model = service.model
    assert model is not None  # retrain() installs what it trained
    return report, model


class RetrainFailed(Exception):
    """The child could not train (its error, as text: exceptions need not be picklable)."""


def retrain_in_child(service: ClassifierService, db: Database) -> TrainReport:
    """``service.retrain(db)`` done by a child process; the trained model is installed in
    ``service`` (already saved by the child). A training error is raised as
    ``RetrainFailed``. A database without a file (in memory) cannot be read by another
    process: trained here then, as when no child can be started."""
    if db.path is None:
        return service.retrain(db)
    job = RetrainJob(
        db.path,
        service.model_dir,
        service.config,
        service.fields,
        tuple(service.corrections),
    )
    try:
        report, model = _run_in_child(job)
    except OSError as exc:
        log.warning("no child process for retraining (%s); retraining in-process", exc)
        return service.retrain(db)
    service.install(model, save=False)
    return report


def _run_in_child(job: RetrainJob) -> tuple[TrainReport, TicketClassifier]:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    # A daemon: quitting the application stops a retraining in flight (the model files are
    # replaced atomically, so a stopped one leaves the previous model).
    child = context.Process(
        target=_child_main, args=(job, sender), name="opexdesk-retrain", daemon=True
    )
    child.start()
    sender.close()  # the child holds the only writing end: EOF when it dies
    try:
        outcome, payload = receiver.recv()
    except EOFError:
        child.join()
        raise RetrainFailed(
            f"the retraining process ended without a result (exit code {child.exitcode})"
        ) from None
    finally:
        receiver.close()
    child.join()
    if outcome != "ok":
        raise RetrainFailed(str(payload))
    report, model = payload
    return report, model


def _child_main(job: RetrainJob, sender: Connection) -> None:
    try:
        message: tuple[str, object] = ("ok", run_job(job))
    except (DomainError, StorageError) as exc:  # written for people (a damaged file, ...)
        message = ("error", str(exc))
    except Exception as exc:  # sent to the parent as text, raised there
        message = ("error", f"{type(exc).__name__}: {exc}")
    sender.send(message)
    sender.close()


def _lower_priority() -> None:
    with contextlib.suppress(AttributeError, OSError):  # not on this platform, or not allowed
        os.nice(CHILD_NICENESS)
