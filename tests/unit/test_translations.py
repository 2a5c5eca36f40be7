"""The Chinese catalogue is complete, keeps every placeholder and mnemonic, matches the
sources, and its compiled .qm is current (see docs/i18n.md; scripts/update-translations)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "opexdesk_zh_CN.ts"
QM = REPO / "opexdesk" / "resources" / "i18n" / "opexdesk_zh_CN.qm"
UPDATE_SCRIPT = REPO / "scripts" / "update-translations"
# {0}, {name}, {0:,}, {0:.0%}; Qt's %n, %1..%99 and a progress bar's %p/%v/%m.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d{1,2}|%[pvm]")
CLASS_CONTEXT = re.compile(r"[A-Z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    state: str | None  # None (finished), "unfinished", "vanished", "obsolete"


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: a message without a translation element"
            forms = [f.text or "" for f in translation.iter("numerusform")]
            texts = tuple(forms) if message.get("numerus") == "yes" else (translation.text or "",)
            messages.append(
                Message(name, message.findtext("source") or "", texts, translation.get("type"))
            )
    return messages


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def mnemonics(text: str) -> int:
    """How many "&x" shortcut markers (an "&&" is a literal ampersand)."""
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


@pytest.fixture(scope="module")
def messages() -> list[Message]:
    return read_ts(TS)


def test_the_catalogue_has_the_whole_ui(messages: list[Message]) -> None:
    assert len(messages) > 400
    contexts = {m.context for m in messages}
    assert {"MainWindow", "NewTicketDialog", "FilterBar", "Vocabulary", "Duration"} <= contexts


def test_every_message_is_translated(messages: list[Message]) -> None:
    bad = [
        f"{m.context}: {m.source!r} ({m.state or 'empty'})"
        for m in messages
        if m.state is not None or not all(t.strip() for t in m.translations)
    ]
    assert not bad, "untranslated (run scripts/update-translations, then translate):\n" + "\n".join(
        bad
    )


def test_placeholders_survive_translation(messages: list[Message]) -> None:
    bad = [
        f"{m.context}: {m.source!r} -> {t!r}"
        for m in messages
        for t in m.translations
        if placeholders(m.source) != placeholders(t)
    ]
    assert not bad, "placeholders differ:\n" + "\n".join(bad)


def test_mnemonics_survive_translation(messages: list[Message]) -> None:
    bad = [
        f"{m.context}: {m.source!r} -> {t!r}"
        for m in messages
        for t in m.translations
        if mnemonics(m.source) != mnemonics(t)
    ]
    assert not bad, "shortcut markers (&) differ:\n" + "\n".join(bad)


def test_placeholder_check_catches_a_lost_placeholder() -> None:
    assert placeholders("Deleted {0}.") != placeholders("已删除。")
    assert placeholders("%n tickets") != placeholders("个工单")
    assert placeholders("Suggested ({0:.0%} sure)") == placeholders("建议（把握 {0:.0%}）")
    assert mnemonics("&File") == mnemonics("文件(&F)") == 1
    assert mnemonics("Save && close") == 0


def test_contexts_are_classes_or_known_aliases(messages: list[Message]) -> None:
    """A context lupdate names after a variable (``parent.tr``) is only found at run time
    through opexdesk.ui.i18n.ALIAS_CONTEXTS."""
    from opexdesk.ui.i18n import ALIAS_CONTEXTS

    odd = {m.context for m in messages if not CLASS_CONTEXT.fullmatch(m.context)}
    assert odd <= set(ALIAS_CONTEXTS), f"add to ALIAS_CONTEXTS or use self.tr: {odd}"


def test_the_catalogue_matches_the_sources(tmp_path: Path, messages: list[Message]) -> None:
    """A fresh extraction finds exactly the texts in the .ts: none added or dropped since
    scripts/update-translations last ran."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.is_file():
        found = shutil.which("pyside6-lupdate")
        if found is None:
            pytest.skip("pyside6-lupdate not installed")
        lupdate = Path(found)
    sources = sorted(
        str(p) for p in (REPO / "opexdesk" / "ui").rglob("*.py") if "__pycache__" not in p.parts
    )
    sources += sorted(str(p) for p in (REPO / "ui").glob("*.ui"))
    sources += sorted(str(p) for p in (REPO / "resources" / "translations").glob("indirect*.py"))
    listing = tmp_path / "sources.lst"
    listing.write_text("\n".join(sources) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate), "-locations", "none", f"@{listing}", "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = {(m.context, m.source) for m in read_ts(fresh)}
    stored = {(m.context, m.source) for m in messages if m.state not in ("vanished", "obsolete")}
    new = sorted(extracted - stored)
    gone = sorted(stored - extracted)
    assert not new and not gone, (
        f"run scripts/update-translations; new texts: {new[:20]}; texts no longer used: {gone[:20]}"
    )


def test_the_compiled_catalogue_is_current(tmp_path: Path) -> None:
    assert QM.is_file(), f"{QM} missing: run scripts/update-translations"
    assert QM.stat().st_size > 1000
    # Compiled again and compared byte for byte (lrelease is deterministic): file times are
    # no guide, a fresh clone gives both files the checkout's time in any order.
    fresh = tmp_path / QM.name
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run(
        [str(lrelease), "-silent", "-removeidentical", str(TS), "-qm", str(fresh)], check=True
    )
    assert fresh.read_bytes() == QM.read_bytes(), "the .qm is not the compiled .ts: run lrelease"


def test_the_update_script_exists_and_runs_both_tools() -> None:
    text = UPDATE_SCRIPT.read_text(encoding="utf-8")
    assert UPDATE_SCRIPT.stat().st_mode & 0o111
    assert "pyside6-lupdate" in text and "pyside6-lrelease" in text
