"""Triage: the queue of new, unassigned tickets by SLA risk, SLA badges, duplicate
candidates, assignment help and undoable triage actions (docs/triage.md). No Qt here."""

from opexdesk.services.triage.actions import ActionReport, FieldEdit, TriageActions
from opexdesk.services.triage.assignment import AssigneeSuggestion, AssignmentAdvisor, Strategy
from opexdesk.services.triage.service import PAGE_SIZE, QueueItem, QueuePage, TriageService
from opexdesk.services.triage.sla_badges import SlaBadge, badge_for, clock_for, sla_events

__all__ = [
    "PAGE_SIZE",
    "ActionReport",
    "AssigneeSuggestion",
    "AssignmentAdvisor",
    "FieldEdit",
    "QueueItem",
    "QueuePage",
    "SlaBadge",
    "Strategy",
    "TriageActions",
    "TriageService",
    "badge_for",
    "clock_for",
    "sla_events",
]
