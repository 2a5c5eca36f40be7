"""A Templated message kept as JSON (opexdesk/domain/kept_messages.py): what the server
encodes comes back on the client with its template, its labels and its English text."""

from __future__ import annotations

import json

import pytest

from opexdesk.domain import ticket as rules
from opexdesk.domain.enums import Status
from opexdesk.domain.errors import Term, Terms, TransitionError, ValidationError
from opexdesk.domain.kept_messages import KeptMessage, decode_params, encode_params
from opexdesk.domain.workflow import TransitionRequest, check_transition
from opexdesk.server.sync_fields import Rejected


def over_json(kept: KeptMessage) -> KeptMessage:
    """``kept`` as the server sends it and the client reads it back."""
    sent = json.loads(json.dumps(kept.fields()))
    found = KeptMessage.from_fields(sent)
    assert found is not None
    return found


def refusal(current: Status, target: Status) -> TransitionError:
    with pytest.raises(TransitionError) as caught:
        check_transition(TransitionRequest(current, target, None))
    return caught.value


def test_terms_and_numbers_survive_the_round_trip() -> None:
    exc = refusal(Status.NEW, Status.CLOSED)
    found = over_json(KeptMessage.of(exc))
    assert found.text == str(exc)
    assert found.template == exc.template
    assert isinstance(found.params["current"], Term)
    assert not isinstance(found.params["current"], Terms)
    options = found.params["options"]
    assert isinstance(options, Terms)
    assert options.items == exc.params["options"].items  # type: ignore[attr-defined]
    # The template filled with what came back is the English text again.
    assert found.template is not None
    assert found.template.format(**found.params) == str(exc)


def test_the_encoding_is_tagged_json() -> None:
    params = {"status": Term("New"), "options": Terms(["New", "Assigned"]), "limit": 120}
    assert encode_params(params) == {
        "status": {"$term": "New"},
        "options": {"$terms": ["New", "Assigned"]},
        "limit": 120,
    }
    decoded = decode_params(json.loads(json.dumps(encode_params(params))))
    assert decoded == params
    assert type(decoded["status"]) is Term and type(decoded["limit"]) is int


def test_plain_values_keep_their_type_and_odd_ones_become_text() -> None:
    params = {"n": 3, "x": 1.5, "flag": True, "none": None, "name": "王芳", "status": Status.NEW}
    decoded = decode_params(json.loads(json.dumps(encode_params(params))))
    assert decoded == {
        "n": 3,
        "x": 1.5,
        "flag": True,
        "none": None,
        "name": "王芳",
        "status": "new",
    }
    # NaN is not JSON: kept as its text so the answer can still be written.
    assert encode_params({"v": float("nan")}) == {"v": "nan"}
    assert encode_params({"v": object}) == {"v": str(object)}


def test_a_message_inside_a_message() -> None:
    inner = refusal(Status.IN_PROGRESS, Status.NEW)
    outer = Rejected("{refusal} (it is now {status})", refusal=inner, status=Term("In progress"))
    found = over_json(KeptMessage.of(outer))
    assert found.text == f"{inner} (it is now In progress)" == str(outer)
    nested = found.params["refusal"]
    assert isinstance(nested, KeptMessage)
    assert (nested.text, nested.template) == (str(inner), inner.template)
    assert isinstance(nested.params["options"], Terms)
    # A kept message formats as its English text, like the exception did.
    assert f"{nested}" == str(nested) == str(inner)


def test_a_rejection_is_templated_and_keeps_its_english_reason() -> None:
    exc = Rejected("'size' must be 0 to {limit:,} bytes.", limit=2**53)
    assert exc.reason == str(exc) == "'size' must be 0 to 9,007,199,254,740,992 bytes."
    assert exc.template == "'size' must be 0 to {limit:,} bytes."
    assert over_json(KeptMessage.of(exc)).params == {"limit": 2**53}
    plain = Rejected("Only an operator or an admin can delete a ticket.")
    assert plain.reason == plain.template == "Only an operator or an admin can delete a ticket."


def test_an_error_without_template_and_older_answers() -> None:
    kept = KeptMessage.of(ValueError("boom"))
    assert (kept.text, kept.template, dict(kept.params)) == ("boom", None, {})
    assert kept.fields() == {"reason": "boom", "reason_template": None, "reason_params": None}
    # An older server sends only the text; a broken one anything.
    assert KeptMessage.from_fields({"reason": "English"}) == KeptMessage("English")
    assert KeptMessage.from_fields({"reason": None}) is None
    odd = KeptMessage.from_fields(
        {"reason": "English", "reason_template": "T {a}", "reason_params": ["not", "a", "dict"]}
    )
    assert odd is not None and odd.template == "T {a}" and dict(odd.params) == {}
    assert decode_params({"a": {"$term": 5}, "b": {"$terms": "x"}, "c": [1]}) == {
        "a": "{'$term': 5}",
        "b": "{'$terms': 'x'}",
        "c": "[1]",
    }


def test_a_validation_error_keeps_its_field_template() -> None:
    with pytest.raises(ValidationError) as caught:
        rules.clean_short("site", "s" * 121)
    found = over_json(KeptMessage.of(caught.value))
    assert found.text == "Site is 121 characters long; the limit is 120."
    assert isinstance(found.params["label"], Term)


def test_a_role_refusal_travels_with_its_template() -> None:
    from opexdesk.domain.enums import Role
    from opexdesk.domain.permissions import assignment_refusal, deletion_refusal

    refused = assignment_refusal(Role.TECHNICIAN, "tom", "ann", "tom")
    assert refused == (
        "The ticket is assigned to ann; only an operator or an admin can "
        "reassign a colleague's ticket."
    )
    kept = KeptMessage.from_fields(KeptMessage.of(refused).fields())
    assert kept is not None and kept.template == refused.template
    assert dict(kept.params) == {"current": "ann"}
    assert assignment_refusal(Role.OPERATOR, "olga", "ann", "tom") is None
    assert deletion_refusal(Role.TECHNICIAN) == "Only an operator or an admin can delete a ticket."


def test_role_names_in_a_refusal_travel_as_labels() -> None:
    from opexdesk.server.deps import either_role

    assert either_role(["admin"]) == "admin" and isinstance(either_role(["admin"]), Term)
    assert str(either_role(["admin", "operator"])) == "admin or operator"
    three = either_role(["admin", "operator", "technician"])
    assert str(three) == "admin, operator or technician"
    kept = over_json(KeptMessage.of(three))  # type: ignore[arg-type]
    assert kept.template == "{others} or {last}"
    assert isinstance(kept.params["last"], Term) and kept.params["last"] == "technician"
    assert isinstance(kept.params["others"], Terms)
    assert list(kept.params["others"].items) == ["admin", "operator"]  # type: ignore[union-attr]
