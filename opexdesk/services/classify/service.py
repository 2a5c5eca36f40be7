"""``ClassifierService``: what the ticket editor and the triage queue call.

Per field, a suggestion comes from (first that answers): a remembered operator correction
for a near-identical text, the model trained on this device's history, the default model
shipped with OpExDesk, the keyword rules. No Qt here: :meth:`retrain` is a plain blocking
call (the application runs it in a child process: retrain_process.py); the new model is
swapped in with one assignment, so :meth:`suggest` on the GUI thread always sees a whole
model.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from importlib import resources
from pathlib import Path

from opexdesk.services.classify.corrections import Correction, CorrectionMemory, word_set
from opexdesk.services.classify.features import Features, clean, normalise
from opexdesk.services.classify.history import (
    Example,
    load_examples,
    newest_change,
    ticket_text,
)
from opexdesk.services.classify.keyword_rules import KeywordRules
from opexdesk.services.classify.model import (
    FIELDS,
    TicketClassifier,
    TrainConfig,
    train_classifier,
)
from opexdesk.services.classify.model_store import ModelFileError, load_model, save_model
from opexdesk.storage.database import Database

log = logging.getLogger(__name__)

CORRECTION_WEIGHT = 5.0  # a correction counts as much as this many history tickets
CORRECTIONS_FILE = "corrections.json"
MODEL_DIR_NAME = "classifier"  # this device's model and corrections, in the data folder


class Source(StrEnum):
    """Where a suggestion came from."""

    CORRECTION = "correction"  # an operator corrected a near-identical ticket
    MODEL = "model"  # the model trained on this device's history
    DEFAULT_MODEL = "default_model"  # the model shipped with OpExDesk
    KEYWORDS = "keywords"  # keyword rules (no model for this field)

    @property
    def learned(self) -> bool:
        """True for model-based suggestions, False for keyword rules."""
        return self is not Source.KEYWORDS


@dataclass(frozen=True)
class FieldSuggestion:
    """A suggested value of one field. ``label`` is the stored value as text (impact and
    urgency "1".."4"); ``words`` are the words of the ticket that drove it."""

    field: str
    label: str
    confidence: float
    words: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class TicketSuggestion:
    """Suggestions for a ticket; a field is missing when nothing could be suggested."""

    fields: Mapping[str, FieldSuggestion] = field(default_factory=dict)
    elapsed_ms: float = 0.0

    def get(self, name: str) -> FieldSuggestion | None:
        return self.fields.get(name)


@dataclass(frozen=True)
class TrainReport:
    """Outcome of a retraining: examples used and the fields it learned."""

    examples: int
    corrections: int
    fields: tuple[str, ...]
    seconds: float


def default_model_dir() -> Path:
    """The default model shipped inside the package (opexdesk/resources/classify)."""
    return Path(str(resources.files("opexdesk") / "resources" / "classify"))


def load_default_model() -> TicketClassifier | None:
    """The shipped default model, or None (logged) when it is missing or refused."""
    try:
        return load_model(default_model_dir())
    except ModelFileError as exc:
        log.warning("default classifier not loaded: %s", exc)
        return None


class ClassifierService:
    """Suggestions, corrections, training and model files of the ticket classifier.

    ``model_dir`` is where this device's model and corrections live (the app's data dir;
    None keeps everything in memory). ``default_model`` is the shipped model
    (:func:`load_default_model`), or None. Nothing is read from anywhere else.
    """

    def __init__(
        self,
        model_dir: Path | None,
        *,
        default_model: TicketClassifier | None = None,
        rules: KeywordRules | None = None,
        config: TrainConfig | None = None,
        fields: Sequence[str] = FIELDS,
    ) -> None:
        self.model_dir = model_dir
        self.fields = tuple(fields)
        self._default = default_model
        self._rules = rules or KeywordRules()
        self._config = config or TrainConfig()
        self._model: TicketClassifier | None = None
        self._corrections = CorrectionMemory()
        self.load_error: str | None = None  # why the saved model was not loaded, if it was not

    @property
    def model(self) -> TicketClassifier | None:
        """The model trained on this device, if any."""
        return self._model

    @property
    def corrections(self) -> list[Correction]:
        return self._corrections.items

    @property
    def config(self) -> TrainConfig:
        """The training settings (a retraining child process gets the same)."""
        return self._config

    def use_corrections(self, memory: CorrectionMemory) -> None:
        """Train and suggest with ``memory`` (a retraining child gets the parent's)."""
        self._corrections = memory

    @property
    def trained_at(self) -> datetime | None:
        """When this device's model was trained (kept in the model file), or None."""
        model = self._model
        return _parse_time(model.info.get("trained_at")) if model is not None else None

    @property
    def history_until(self) -> datetime | None:
        """The newest ticket change the model was trained on (ticket times, not this
        device's clock), or None: tickets changed after it are new to the model."""
        model = self._model
        return _parse_time(model.info.get("history_until")) if model is not None else None

    def corrections_since(self, when: datetime | None) -> int:
        """Corrections recorded after ``when`` (all remembered ones when None). Times are
        kept to the second: one made in the same second as ``when`` counts (rather once too
        often than never)."""
        if when is None:
            return len(self._corrections)
        since = when.replace(microsecond=0)
        times = (_parse_time(c.at) for c in self._corrections.items)
        return sum(1 for t in times if t is None or t >= since)

    # ---- suggestions -------------------------------------------------------------------

    def suggest(self, title: str | None, description: str | None = "") -> TicketSuggestion:
        """Suggestions for the ticket being typed. Never raises on odd text; empty text gives
        no suggestions. Fast enough to call on every keystroke (see docs/classify.md)."""
        start = time.perf_counter()
        text = ticket_text(title, description)
        if not normalise(text).strip():
            return TicketSuggestion({}, 0.0)
        words = word_set(text)
        local, default = self._model, self._default
        feats = {id(m): m.features(text) for m in (local, default) if m is not None}
        out: dict[str, FieldSuggestion] = {}
        for name in self.fields:
            found = self._suggest_field(text, name, words, local, default, feats)
            if found is not None:
                out[name] = found
        return TicketSuggestion(out, (time.perf_counter() - start) * 1000)

    def _suggest_field(
        self,
        text: str,
        name: str,
        words: frozenset[str],
        local: TicketClassifier | None,
        default: TicketClassifier | None,
        feats: dict[int, Features],
    ) -> FieldSuggestion | None:
        recall = self._corrections.recall(text, name, words)
        if recall is not None:
            c = recall.correction
            return FieldSuggestion(
                name,
                c.label,
                round(0.5 + 0.45 * recall.similarity, 3),
                recall.words,
                Source.CORRECTION,
            )
        for model, source in ((local, Source.MODEL), (default, Source.DEFAULT_MODEL)):
            if model is None or name not in model.fields:
                continue
            pred = model.predict(feats[id(model)], name)
            if pred is not None:
                return FieldSuggestion(name, pred.label, pred.confidence, pred.words, source)
        rule = self._rules.match(text, name)
        if rule is None:
            return None
        return FieldSuggestion(name, rule.label, rule.confidence, rule.words, Source.KEYWORDS)

    # ---- corrections -------------------------------------------------------------------

    def record_correction(
        self, title: str | None, description: str | None, field: str, label: str | int
    ) -> None:
        """An operator set ``field`` to ``label`` for this ticket text. The next suggestion
        for a similar text reflects it at once; saved with the corrections file."""
        text = clean(ticket_text(title, description))
        value = clean(str(label)).strip()
        if not value or not normalise(text).strip():
            return
        self._corrections.add(Correction(text, field, value))
        for model in (self._model, self._default):
            if model is not None and field in model.fields:
                model.nudge(model.features(text), field, value)
                break
        if self.model_dir is not None:
            self._corrections.save(self.model_dir / CORRECTIONS_FILE)

    # ---- training ----------------------------------------------------------------------

    def train(self, examples: Sequence[Example]) -> TicketClassifier:
        """A new model from ``examples`` plus the recorded corrections (weighted higher).
        Pure: does not replace the current model (see :meth:`install`)."""
        texts = [e.text for e in examples]
        labels: dict[str, list[str | None]] = {
            f: [e.labels.get(f) for e in examples] for f in self.fields
        }
        weights = [1.0] * len(texts)
        for c in self._corrections.items:
            if c.field not in labels:
                continue
            texts.append(c.text)
            weights.append(CORRECTION_WEIGHT)
            for f in self.fields:
                labels[f].append(c.label if f == c.field else None)
        started = datetime.now(UTC).isoformat(timespec="seconds")
        model = train_classifier(texts, labels, weights, self._config)
        model.info["corrections"] = len(self._corrections)
        # When its data was read: what came later counts towards the next retraining.
        model.info["trained_at"] = started
        return model

    def install(self, model: TicketClassifier, *, save: bool = True) -> None:
        """Use ``model`` from now on (one assignment: safe while the GUI suggests)."""
        if save and self.model_dir is not None:
            save_model(model, self.model_dir)
        self._model = model

    def retrain(self, db: Database) -> TrainReport:
        """Load the history, train, save and install. Blocking: run it on a worker thread."""
        start = time.perf_counter()
        read_at = datetime.now(UTC).isoformat(timespec="seconds")
        newest = newest_change(db)  # read first: a ticket changed meanwhile counts as new
        examples = load_examples(db)
        model = self.train(examples)
        model.info["trained_at"] = read_at
        model.info["history_until"] = newest.isoformat() if newest is not None else None
        self.install(model)
        return TrainReport(
            len(examples),
            len(self._corrections),
            tuple(sorted(model.fields)),
            round(time.perf_counter() - start, 3),
        )

    # ---- files -------------------------------------------------------------------------

    def load(self) -> bool:
        """Read this device's model and corrections from ``model_dir``. A refused model file
        is logged and kept out (``load_error`` says why); returns whether a model loaded."""
        if self.model_dir is None:
            return False
        try:
            self._corrections = CorrectionMemory.load(self.model_dir / CORRECTIONS_FILE)
        except Exception as exc:  # a damaged corrections file must not stop the editor
            log.warning("classifier corrections not loaded: %s", exc)
        if not (self.model_dir / "classifier.json").exists():
            return False
        try:
            self._model = load_model(self.model_dir)
        except ModelFileError as exc:
            self.load_error = str(exc)
            log.warning("classifier model not loaded: %s", exc)
            return False
        self.load_error = None
        return True

    def save(self) -> None:
        """Write the current model (if any) and the corrections to ``model_dir``."""
        if self.model_dir is None:
            return
        if self._model is not None:
            save_model(self._model, self.model_dir)
        self._corrections.save(self.model_dir / CORRECTIONS_FILE)


def _parse_time(value: object) -> datetime | None:
    """An ISO time as saved in model info / corrections (UTC when without a zone)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
