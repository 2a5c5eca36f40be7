"""The on-device ticket classifier (opexdesk.services.classify): suggestions, fallback,
corrections, model files and their refusals, odd text, and no network use."""

from __future__ import annotations

import io
import json
import os
import pickle
import socket
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from opexdesk.services.classify import (
    FIELDS,
    ClassifierService,
    Correction,
    Example,
    KeywordRules,
    ModelFileError,
    Source,
    TicketClassifier,
    load_default_model,
    load_model,
    save_model,
    train_classifier,
)
from opexdesk.services.classify.corrections import CorrectionMemory
from opexdesk.services.classify.features import FeatureSpace, normalise, tokens
from opexdesk.services.classify.model_store import META_NAME
from opexdesk.services.demo_generator import DemoGenerator

NOW = int(datetime(2026, 6, 1, 12, 0, tzinfo=UTC).timestamp())
ODD_TEXTS = [
    ("打印机卡纸", "3楼的打印机一直卡纸，请尽快处理"),
    ("Drucker im 2. Stock druckt nicht", "Bitte dringend helfen, Netzwerkdrucker offline"),
    ("GerÃ¤t startet nicht", "Ã¼berhaupt nicht â€“ bitte prÃ¼fen"),
    ("\udcc3\x00\x07 broken", "\ufffd\ufffd"),
    ("🙂🙂🙂", "…"),
    ("a" * 20_000, "x " * 5000),
    ("12345", "!!!"),
]


def demo_examples(count: int, seed: int = 3) -> list[Example]:
    gen = DemoGenerator(seed, NOW)
    created, person, lang = gen.creation(count)
    rows = gen.batch(created, person, lang, 1, 1).tickets
    return [
        Example(
            r[3],
            r[4],
            {"category": r[7], "impact": str(r[8]), "urgency": str(r[9]), "group_name": r[13]},
        )
        for r in rows
    ]


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return demo_examples(600)


@pytest.fixture(scope="module")
def trained(examples: list[Example]) -> TicketClassifier:
    return ClassifierService(None).train(examples)


@pytest.fixture
def service(trained: TicketClassifier, tmp_path: Path) -> ClassifierService:
    svc = ClassifierService(tmp_path / "classifier")
    svc.install(_copy(trained, tmp_path / "copy"), save=False)
    return svc


def _copy(model: TicketClassifier, where: Path) -> TicketClassifier:
    """A private copy (corrections nudge weights in place)."""
    save_model(model, where)
    return load_model(where)


# ---- fallback and shape -----------------------------------------------------------------


def test_keyword_fallback_without_any_model() -> None:
    svc = ClassifierService(None, default_model=None)
    svc.install(svc.train([]), save=False)  # an empty history learns nothing
    s = svc.suggest("Printer on the 2nd floor keeps jamming", "not urgent")
    cat = s.get("category")
    assert cat is not None and cat.label == "Printing" and cat.source is Source.KEYWORDS
    assert not cat.source.learned and 0 < cat.confidence <= 0.6 and "printer" in cat.words
    assert s.fields["group_name"].label == "Workplace"
    assert s.fields["urgency"].label == "4"  # "not urgent" is not "urgent"
    assert svc.suggest("Bitte dringend: VPN", "").fields["urgency"].label == "1"
    assert svc.suggest("电脑蓝屏", "").fields["category"].label == "Hardware"
    assert svc.suggest("hello there", "").get("category") is None  # no keyword: no guess


def test_too_few_examples_are_not_learned(examples: list[Example]) -> None:
    model = ClassifierService(None).train(examples[:19])
    assert model.fields == {}
    one_class = [Example(f"printer {i}", "", {"category": "Printing"}) for i in range(50)]
    assert ClassifierService(None).train(one_class).fields == {}


def test_suggestion_shape(service: ClassifierService) -> None:
    s = service.suggest("Outlook keeps crashing", "Outlook keeps crashing since this morning.")
    assert set(s.fields) == set(FIELDS)
    for name, fs in s.fields.items():
        assert fs.field == name and fs.source is Source.MODEL and fs.source.learned
        assert 0.0 < fs.confidence <= 1.0
        assert all(isinstance(w, str) and w for w in fs.words)
    assert s.fields["category"].label == "Email"
    assert "outlook" in s.fields["category"].words
    assert s.fields["impact"].label in {"1", "2", "3", "4"}
    assert s.elapsed_ms >= 0


def test_chinese_uses_character_ngrams(service: ClassifierService) -> None:
    s = service.suggest("打印机卡纸", "")
    assert s.fields["category"].label == "Printing"
    assert any("打印" in w or "卡纸" in w for w in s.fields["category"].words)
    assert [t.text for t in tokens(normalise("VPN连不上了abc"))] == ["vpn", "连不上了", "abc"]


@pytest.mark.parametrize(("title", "description"), ODD_TEXTS)
def test_odd_text_never_crashes(service: ClassifierService, title: str, description: str) -> None:
    s = service.suggest(title, description)
    for fs in s.fields.values():
        assert np.isfinite(fs.confidence) and 0 <= fs.confidence <= 1
    service.record_correction(title, description, "category", "Hardware")
    ClassifierService(None).suggest(title, description)  # keyword rules too


@pytest.mark.parametrize("blank", ["", "   ", "\n\t", None])
def test_empty_text_gives_no_suggestion(service: ClassifierService, blank: str | None) -> None:
    assert service.suggest(blank, blank).fields == {}
    assert ClassifierService(None).suggest(blank, "").fields == {}


def test_mojibake_is_repaired() -> None:
    assert normalise("GerÃ¤t") == "gerät"
    assert normalise("Ã¤Ã¶Ã¼ Ok") == "äöü ok"
    assert normalise("naïve café") == "naïve café"  # real Latin-1 text left alone
    for codec in ("cp1252", "latin-1"):  # Chinese read with the wrong codec
        assert normalise("邮箱满了".encode().decode(codec)) == "邮箱满了"


def test_single_text_features_match_training_matrix(examples: list[Example]) -> None:
    texts = [e.text for e in examples[:80]] + [t + " " + d for t, d in ODD_TEXTS]
    space, matrix = FeatureSpace.fit(texts)
    again = space.many(texts)
    assert abs(matrix - again).max() < 1e-9


# ---- corrections ------------------------------------------------------------------------


def test_correction_changes_the_next_suggestion(service: ClassifierService) -> None:
    title, body = "Outlook keeps crashing", "Since the update Outlook keeps crashing."
    assert service.suggest(title, body).fields["category"].label == "Email"
    service.record_correction(title, body, "category", "Security")
    after = service.suggest(title, body).fields["category"]
    assert after.label == "Security" and after.source is Source.CORRECTION
    # Saved with the model dir, and remembered by a new service on the same dir.
    assert service.model_dir is not None
    again = ClassifierService(service.model_dir)
    again.load()
    assert again.suggest(title, body).fields["category"].label == "Security"
    assert again.corrections[0].label == "Security"


def test_nudge_moves_the_model_itself(trained: TicketClassifier, tmp_path: Path) -> None:
    model = _copy(trained, tmp_path)
    f = model.features("Printer on the 3rd floor shows offline")
    before = model.predict(f, "category")
    assert before is not None and before.label == "Printing"
    model.nudge(f, "category", "Network")
    after = model.predict(f, "category")
    assert after is not None and after.label == "Network"
    model.nudge(f, "category", "Brand new label")  # a label the model never saw
    newest = model.predict(f, "category")
    assert newest is not None and newest.label == "Brand new label"


def test_corrections_weigh_more_in_retraining(examples: list[Example]) -> None:
    svc = ClassifierService(None)
    text = "The coffee machine on the 4th floor is leaking"
    for _ in range(3):
        svc.record_correction(text, "", "category", "Facilities")
    model = svc.train(examples)
    assert model.info["corrections"] == 3
    pred = model.predict(model.features(text), "category")
    assert pred is not None and pred.label == "Facilities"


def test_correction_memory_needs_similar_text() -> None:
    mem = CorrectionMemory()
    mem.add(Correction("printer jams on floor two every morning", "category", "Hardware"))
    assert mem.recall("printer jams on floor two every morning", "category") is not None
    assert mem.recall("printer jams on floor two every morning", "urgency") is None
    assert mem.recall("vpn is slow", "category") is None
    assert mem.recall("", "category") is None
    small = CorrectionMemory(limit=3)
    for i in range(5):
        small.add(Correction(f"ticket number {i} words", "category", str(i)))
    assert [c.label for c in small.items] == ["2", "3", "4"]
    recalled = small.recall("ticket number 4 words", "category")
    assert recalled is not None and recalled.correction.label == "4"


# ---- model files -------------------------------------------------------------------------


def test_model_file_round_trip(trained: TicketClassifier, tmp_path: Path) -> None:
    path = save_model(trained, tmp_path)
    meta = json.loads(path.read_text())
    assert meta["format"] == "opexdesk-ticket-classifier" and meta["version"] == 1
    loaded = load_model(tmp_path)
    assert set(loaded.fields) == set(trained.fields)
    for title, body in [("VPN keeps dropping", ""), *ODD_TEXTS[:3]]:
        text = f"{title}\n{body}"
        fa, fb = trained.features(text), loaded.features(text)
        for name in FIELDS:
            pa, pb = trained.fields[name].proba(fa), loaded.fields[name].proba(fb)
            assert np.allclose(pa, pb, atol=1e-5), name
    save_model(trained, tmp_path)  # saving again leaves one weights file
    assert len(list(tmp_path.glob("classifier-*.npz"))) == 1


def _rewrite_meta(directory: Path, change: dict[str, object], fix_checksum: bool) -> None:
    from opexdesk.services.classify.model_store import _canonical, _digest

    path = directory / META_NAME
    meta = json.loads(path.read_text())
    meta.update(change)
    if fix_checksum:
        meta["checksum"] = _digest(_canonical(meta))
    path.write_text(json.dumps(meta))


def test_refuses_tampered_weights(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    weights = next(tmp_path.glob("classifier-*.npz"))
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(tmp_path)


def test_refuses_tampered_metadata(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _rewrite_meta(tmp_path, {"fields": {}}, fix_checksum=False)
    with pytest.raises(ModelFileError, match="checksum"):
        load_model(tmp_path)


def test_refuses_unknown_version(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _rewrite_meta(tmp_path, {"version": 99}, fix_checksum=True)
    with pytest.raises(ModelFileError, match="version 99"):
        load_model(tmp_path)


def test_refuses_path_in_weights_name(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _rewrite_meta(tmp_path, {"weights": "../elsewhere.npz"}, fix_checksum=True)
    with pytest.raises(ModelFileError, match="unexpected weights file"):
        load_model(tmp_path)


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo pwned",))


def _replace_weights(directory: Path, data: bytes) -> None:
    import hashlib

    name = f"classifier-{hashlib.sha256(data).hexdigest()[:12]}.npz"
    for old in directory.glob("classifier-*.npz"):
        old.unlink()
    (directory / name).write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    _rewrite_meta(directory, {"weights": name, "weights_sha256": sha}, fix_checksum=True)


def test_refuses_pickle_files(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _replace_weights(tmp_path, pickle.dumps(_Boom()))
    with pytest.raises(ModelFileError, match="pickle"):
        load_model(tmp_path)


def test_refuses_object_arrays_in_npz(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    buf = io.BytesIO()
    np.savez(buf, word_idf=np.array([_Boom()], dtype=object))
    _replace_weights(tmp_path, buf.getvalue())
    with pytest.raises(ModelFileError, match="cannot be read|refused"):
        load_model(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and symlinks")
def test_refuses_unsafe_locations(trained: TicketClassifier, tmp_path: Path) -> None:
    real = tmp_path / "real"
    save_model(trained, real)
    linked = tmp_path / "linked"
    linked.mkdir()
    for p in real.iterdir():
        (linked / p.name).symlink_to(p)
    with pytest.raises(ModelFileError, match="not a regular file"):
        load_model(linked)
    (real / META_NAME).chmod(0o666)
    with pytest.raises(ModelFileError, match="writable by anyone"):
        load_model(real)
    with pytest.raises(ModelFileError, match="missing"):
        load_model(tmp_path / "nowhere")


def test_service_survives_a_refused_model_file(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _rewrite_meta(tmp_path, {"version": 2}, fix_checksum=True)
    svc = ClassifierService(tmp_path, default_model=None)
    assert svc.load() is False
    assert svc.load_error is not None and "version 2" in svc.load_error
    assert svc.suggest("printer jams", "").fields["category"].source is Source.KEYWORDS


# ---- default model, no network ---------------------------------------------------------------


def test_default_model_ships_and_answers() -> None:
    from opexdesk.services.classify import default_model_dir

    folder = default_model_dir()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 2_000_000
    default = load_default_model()
    assert default is not None and set(default.fields) == set(FIELDS)
    svc = ClassifierService(None, default_model=default)
    s = svc.suggest("VPN won't connect", "The whole team cannot work, urgent")
    assert s.fields["category"].label == "Network"
    assert s.fields["category"].source is Source.DEFAULT_MODEL
    assert s.fields["urgency"].label == "1"
    assert svc.suggest("Drucker druckt nicht", "").fields["category"].label == "Printing"


def test_works_with_no_network(
    monkeypatch: pytest.MonkeyPatch, examples: list[Example], tmp_path: Path
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the classifier tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    svc = ClassifierService(tmp_path, default_model=load_default_model())
    assert svc.suggest("Outlook keeps crashing", "").fields["category"].label == "Email"
    svc.install(svc.train(examples[:200]))
    svc.record_correction("Outlook keeps crashing", "", "urgency", "1")
    fresh = ClassifierService(tmp_path, default_model=None)
    assert fresh.load()
    assert fresh.suggest("Outlook keeps crashing", "").fields["urgency"].label == "1"


def test_custom_keyword_rules() -> None:
    rules = KeywordRules({"category": (("Forklift", "forklift|gabelstapler|叉车"),)}, {})
    svc = ClassifierService(None, rules=rules)
    assert svc.suggest("Gabelstapler kaputt", "").fields["category"].label == "Forklift"
    assert "group_name" not in svc.suggest("叉车坏了", "").fields


def test_train_classifier_on_plain_lists() -> None:
    texts = ["printer jam", "printer offline", "vpn slow", "vpn drops"] * 6
    labels = {"kind": ["p", "p", "v", "v"] * 6, "empty": [None] * 24}
    model = train_classifier(texts, labels)
    assert set(model.fields) == {"kind"}
    pred = model.predict(model.features("the printer is jammed"), "kind")
    assert pred is not None and pred.label == "p"
    with pytest.raises(ValueError, match="labels for"):
        train_classifier(texts, {"kind": ["p"]})


def test_refuses_a_broken_zip_and_odd_metadata(trained: TicketClassifier, tmp_path: Path) -> None:
    save_model(trained, tmp_path)
    _replace_weights(tmp_path, b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(ModelFileError, match="cannot be read"):
        load_model(tmp_path)
    save_model(trained, tmp_path)
    _rewrite_meta(tmp_path, {"fields": ["not", "a", "mapping"]}, fix_checksum=True)
    with pytest.raises(ModelFileError, match="cannot be read"):
        load_model(tmp_path)
    (tmp_path / META_NAME).write_text("{not json")
    with pytest.raises(ModelFileError, match="not valid classifier metadata"):
        load_model(tmp_path)
