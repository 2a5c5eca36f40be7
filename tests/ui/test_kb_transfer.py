"""Markdown export and import dialogs over a real ArticleService (real SQLite stores in
tmp_path, real KbSearch indexes): progress on a worker, all-or-nothing import with every
problem listed, a round trip into another store, and Cancel writing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from opexdesk.app import build_context
from opexdesk.domain.article import ArticleDraft, ArticleStatus
from opexdesk.paths import AppPaths
from opexdesk.services.kb import Embedder, KbSearch
from opexdesk.services.kb.articles import ArticleService
from opexdesk.ui.kb.transfer_dialogs import STAGING_PREFIX, ExportDialog, ImportDialog

WAIT_MS = 30_000


@pytest.fixture
def other(tmp_path: Path, embedder: Embedder) -> Iterator[tuple[ArticleService, KbSearch]]:
    """A second, empty store with its own index (another desk's client)."""
    context = build_context(AppPaths.under(tmp_path / "other"), username="chen")
    search = KbSearch(str(tmp_path / "other-index.sqlite3"), embedder=embedder)
    yield ArticleService(context.db, search=search, clock=context.clock, user="chen"), search
    search.close()
    context.close()


def seed(svc: ArticleService) -> list[str]:
    a = svc.create(ArticleDraft("VPN drops", "## Steps\n\nUpdate the client.", "Network", "vpn"))
    b = svc.create(ArticleDraft("打印机无法连接", "重新启动打印服务。", "打印机", "打印机", "zh"))
    c = svc.create(ArticleDraft("Old fax guide", "Fax is gone."))
    svc.save(a.id, ArticleDraft("VPN drops often", "## Steps\n\nUpdate the client."), 1)
    svc.publish(a.id)
    svc.publish(b.id)
    svc.publish(c.id)
    svc.archive(c.id)
    return [a.id, b.id, c.id]


def export_dialog(qtbot, svc: ArticleService, folder: Path) -> ExportDialog:  # noqa: ANN001
    dialog = ExportDialog(svc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder_edit.setText(str(folder))
    return dialog


def import_dialog(qtbot, svc: ArticleService, *sources: Path) -> ImportDialog:  # noqa: ANN001
    dialog = ImportDialog(svc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_sources(list(sources))
    return dialog


def run(qtbot, dialog: ExportDialog | ImportDialog) -> None:  # noqa: ANN001
    with qtbot.waitSignal(dialog.completed, timeout=WAIT_MS):
        assert dialog.start()


def test_export_then_import_into_another_store_round_trips(
    qtbot, svc: ArticleService, other, tmp_path: Path
) -> None:  # noqa: ANN001
    ids = seed(svc)
    folder = tmp_path / "export"
    dialog = export_dialog(qtbot, svc, folder)
    assert dialog.all_radio.isChecked() and not dialog.selected_radio.isEnabled()
    run(qtbot, dialog)
    assert dialog.written is not None and len(dialog.written) == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in dialog.written)
    assert dialog.result_label.text().startswith("Exported 3 article(s)")

    target, target_kb = other
    importer = import_dialog(qtbot, target, folder)
    steps: list[tuple[int, int]] = []
    importer.run.progressed.connect(lambda done, total: steps.append((done, total)))
    run(qtbot, importer)
    assert steps == [(1, 3), (2, 3), (3, 3)]  # one step per file, on the GUI thread
    assert importer.outcome is not None and importer.outcome.created == 3
    assert importer.headline_label.text() == "Imported: 3 new, 0 updated, 0 unchanged."
    for article_id in ids:
        mine, theirs = svc.get(article_id), target.get(article_id)
        assert theirs.content == mine.content
        assert (theirs.status, theirs.author) == (mine.status, mine.author)
    assert {h.article_id for h in target_kb.search("打印机")} >= {ids[1]}
    assert ids[2] not in {h.article_id for h in target_kb.search("fax guide")}  # archived

    # The same files again: nothing changes.
    run(qtbot, importer)
    assert importer.outcome is not None and importer.outcome.unchanged == 3


def test_export_published_or_selected(qtbot, svc: ArticleService, tmp_path: Path) -> None:  # noqa: ANN001
    ids = seed(svc)
    dialog = export_dialog(qtbot, svc, tmp_path / "published")
    dialog.published_radio.setChecked(True)
    run(qtbot, dialog)
    assert dialog.written is not None
    names = sorted(p.name for p in dialog.written)
    assert names == sorted([f"vpn-drops-often-{ids[0]}.md", f"{ids[1]}.md"])
    dialog.set_selected([ids[2]])
    assert dialog.selected_radio.isChecked()
    dialog.folder_edit.setText(str(tmp_path / "selected"))
    run(qtbot, dialog)
    assert dialog.written is not None
    assert [p.name for p in dialog.written] == [f"old-fax-guide-{ids[2]}.md"]


def test_import_with_one_broken_file_imports_nothing_and_lists_the_problem(
    qtbot, svc: ArticleService, tmp_path: Path, artifacts: Path
) -> None:  # noqa: ANN001
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a-good.md").write_text("---\ntitle: Good one\ntags: [vpn]\n---\nBody.\n")
    (folder / "b-broken.md").write_text("---\ntitle: Broken\nlanguage: [unclosed\n---\nBody.\n")
    (folder / "c-notitle.md").write_text("---\ncategory: Network\n---\nNo title here.\n")
    dialog = import_dialog(qtbot, svc, folder)
    run(qtbot, dialog)
    assert dialog.outcome is None
    assert dialog.headline_label.text().startswith("Nothing was imported: 2 problem(s) found.")
    assert dialog.problem_list.isVisible()
    files = [(f, line) for f, line, _msg in dialog.problems]
    assert files == [("b-broken.md", "3"), ("c-notitle.md", "")]
    assert "broken front matter" in dialog.problems[0][2]
    assert dialog.problems[1][2].startswith("missing title")
    assert dialog.problem_list.topLevelItem(0).text(0) == "b-broken.md"  # type: ignore[union-attr]
    assert svc.list_articles() == []  # not even the good file
    dialog.grab().save(str(artifacts / "kb_import_problems.png"))

    (folder / "b-broken.md").unlink()
    (folder / "c-notitle.md").unlink()
    run(qtbot, dialog)
    assert not dialog.problem_list.isVisible() and dialog.problems == []
    assert [a.title for a in svc.list_articles()] == ["Good one"]


def test_import_chosen_files(qtbot, svc: ArticleService, tmp_path: Path) -> None:  # noqa: ANN001
    one = tmp_path / "one.md"
    one.write_text("---\ntitle: One\nstatus: published\n---\nFirst.\n")
    two = tmp_path / "two.md"
    two.write_text("---\ntitle: Two\n---\nSecond.\n")
    (tmp_path / "ignored.md").write_text("---\ntitle: Not chosen\n---\n")
    dialog = ImportDialog(svc)
    qtbot.addWidget(dialog)
    dialog.choose_files = lambda _parent: [str(one), str(two)]
    assert not dialog.import_button.isEnabled()
    dialog.files_button.click()
    assert dialog.sources_list.count() == 2 and dialog.import_button.isEnabled()
    run(qtbot, dialog)
    stored = {a.title: a.status for a in svc.list_articles()}
    assert stored == {"One": ArticleStatus.PUBLISHED, "Two": ArticleStatus.DRAFT}


def many_files(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        body = "\n".join(f"Step {k} of article {i}." for k in range(40))
        (folder / f"article-{i:04d}.md").write_text(f"---\ntitle: Article {i}\n---\n{body}\n")


def test_cancelled_import_writes_nothing(qtbot, svc: ArticleService, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "many"
    many_files(folder, 300)
    dialog = import_dialog(qtbot, svc, folder)
    with qtbot.waitSignal(dialog.completed, timeout=WAIT_MS):
        assert dialog.start()
        assert dialog.is_running()
        cancel_button = dialog.run.progress.findChild(QPushButton)
        assert cancel_button is not None and cancel_button.text() == "Cancel"
        cancel_button.click()  # the progress dialog's Cancel
    assert dialog.headline_label.text() == "Import cancelled; nothing was imported."
    assert dialog.outcome is None and svc.list_articles() == []


def test_cancelled_export_writes_nothing(qtbot, svc: ArticleService, tmp_path: Path) -> None:  # noqa: ANN001
    for i in range(150):
        svc.create(ArticleDraft(f"Article {i}", "\n".join(f"Step {k}." for k in range(200))))
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("already here")
    dialog = export_dialog(qtbot, svc, folder)
    with qtbot.waitSignal(dialog.completed, timeout=WAIT_MS):
        assert dialog.start()
        dialog.cancel()
    assert dialog.result_label.text() == "Export cancelled; nothing was written."
    assert dialog.written is None
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]  # no files, no staging folder


def test_export_needs_a_folder(qtbot, svc: ArticleService, tmp_path: Path) -> None:  # noqa: ANN001
    seed(svc)
    dialog = export_dialog(qtbot, svc, tmp_path)
    dialog.folder_edit.clear()
    assert not dialog.start()
    assert dialog.result_label.text() == "Choose a folder to export into."
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    dialog.folder_edit.setText(str(a_file))
    assert not dialog.start()
    assert "is a file, not a folder" in dialog.result_label.text()
    assert not any(p.name.startswith(STAGING_PREFIX) for p in tmp_path.iterdir())
