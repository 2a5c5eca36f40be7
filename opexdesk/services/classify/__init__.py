"""On-device ticket classifier: suggests category, impact, urgency and assignee group.

See docs/classify.md. The model works on plain strings (:func:`train_classifier`);
:class:`ClassifierService` adds the database history, corrections, keyword fallback and files.
"""

from opexdesk.services.classify.corrections import Correction, CorrectionsFileError
from opexdesk.services.classify.history import (
    Example,
    count_changed_since,
    load_examples,
    newest_change,
    ticket_text,
)
from opexdesk.services.classify.keyword_rules import KeywordRules, RuleMatch
from opexdesk.services.classify.model import (
    FIELDS,
    MIN_CLASSES,
    MIN_EXAMPLES,
    FieldModel,
    Prediction,
    TicketClassifier,
    TrainConfig,
    train_classifier,
)
from opexdesk.services.classify.model_store import ModelFileError, load_model, save_model
from opexdesk.services.classify.retrain_policy import RetrainDecision, RetrainPolicy
from opexdesk.services.classify.service import (
    ClassifierService,
    FieldSuggestion,
    Source,
    TicketSuggestion,
    TrainReport,
    default_model_dir,
    load_default_model,
)

__all__ = [
    "FIELDS",
    "MIN_CLASSES",
    "MIN_EXAMPLES",
    "ClassifierService",
    "Correction",
    "CorrectionsFileError",
    "Example",
    "FieldModel",
    "FieldSuggestion",
    "KeywordRules",
    "ModelFileError",
    "Prediction",
    "RetrainDecision",
    "RetrainPolicy",
    "RuleMatch",
    "Source",
    "TicketClassifier",
    "TicketSuggestion",
    "TrainConfig",
    "TrainReport",
    "count_changed_since",
    "default_model_dir",
    "load_default_model",
    "load_examples",
    "load_model",
    "newest_change",
    "save_model",
    "ticket_text",
    "train_classifier",
]
