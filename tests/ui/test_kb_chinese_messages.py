"""Knowledge-base messages follow the UI language: import problems (per file and line), a
save conflict, refused status moves and the history's labels are Chinese in the Chinese UI,
while the English texts (``str(err)``, ``problem.message``) stay as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from opexdesk.app import AppContext
from opexdesk.domain import article as rules
from opexdesk.domain.article import ArticleDraft, ArticleStatus, ImportProblem
from opexdesk.domain.errors import TransitionError
from opexdesk.services.kb import KbSearch
from opexdesk.services.kb.articles import ArticleService
from opexdesk.services.kb.markdown_io import parse_markdown
from opexdesk.ui.i18n import error_text
from opexdesk.ui.kb.article_editor import ArticleEditor
from opexdesk.ui.kb.history_view import HistoryDialog
from opexdesk.ui.kb.transfer_dialogs import ImportDialog, problem_text

WAIT_MS = 30_000
HAN = re.compile(r"[\u4e00-\u9fff]")
SHOTS = Path("/tmp/shots")


def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a-good.md").write_text("---\ntitle: Good one\n---\nBody.\n", encoding="utf-8")
    (folder / "b-broken.md").write_text(
        "---\ntitle: Broken\nlanguage: [unclosed\n---\nBody.\n", encoding="utf-8"
    )
    (folder / "c-latin1.md").write_bytes("---\ntitle: Café\n---\nBody.\n".encode("latin-1"))
    return folder


def run_import(qtbot, svc: ArticleService, folder: Path) -> ImportDialog:  # noqa: ANN001
    dialog = ImportDialog(svc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_sources([folder])
    with qtbot.waitSignal(dialog.completed, timeout=WAIT_MS):
        assert dialog.start()
    return dialog


def test_import_problems_are_chinese(
    qtbot, chinese: QApplication, svc: ArticleService, tmp_path: Path
) -> None:  # noqa: ANN001, E501
    dialog = run_import(qtbot, svc, bad_folder(tmp_path))
    assert dialog.headline_label.text().startswith("未导入任何内容")
    (broken_file, broken_line, broken), (latin_file, latin_line, latin) = dialog.problems
    assert (broken_file, broken_line) == ("b-broken.md", "3")
    assert broken.startswith("前置元数据有误：")  # PyYAML's own detail follows, in English
    assert (latin_file, latin_line) == ("c-latin1.md", "2")
    assert latin == "不是有效的 UTF-8 文本（偏移量 14 处的字节 0xE9）；请将其另存为 UTF-8 编码。"
    assert dialog.problem_list.topLevelItem(1).text(2) == latin  # type: ignore[union-attr]
    assert svc.list_articles() == []  # not even the good file
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "kb_import_problems_zh.png"))


def test_import_problems_stay_english(
    qtbot, english: QApplication, svc: ArticleService, tmp_path: Path
) -> None:  # noqa: ANN001, E501
    dialog = run_import(qtbot, svc, bad_folder(tmp_path))
    assert dialog.headline_label.text().startswith("Nothing was imported: 2 problem(s) found.")
    broken, latin = (reason for _file, _line, reason in dialog.problems)
    assert broken.startswith("broken front matter: ") and not HAN.search(broken)
    assert latin == "is not valid UTF-8 (byte 0xE9 at offset 14); save it as UTF-8."
    assert svc.list_articles() == []


def test_problem_records_keep_english_and_their_template() -> None:
    _item, (problem,) = parse_markdown("x.md", b"---\ntitle: 2024\n---\nbody\n")
    assert problem.message == "The title must be text. Put the value in quotes."
    assert problem.template == "{reason} Put the value in quotes."
    assert (problem.field, problem.line) == ("title", 2)
    assert problem == ImportProblem("x.md", problem.message, 2, "title")  # template not compared


def test_quoted_reasons_are_chinese_too(chinese: QApplication, svc: ArticleService) -> None:
    _item, (typed,) = parse_markdown("x.md", b"---\ntitle: 2024\n---\nbody\n")
    assert problem_text(typed) == "标题必须是文本。请给该值加上引号。"
    published = svc.create(ArticleDraft("VPN drops", "Update the client."))
    svc.publish(published.id)
    item, _ = parse_markdown(
        "vpn.md",
        f"---\nid: {published.id}\ntitle: VPN drops\nstatus: draft\nversion: 1\n---\nx\n".encode(),
    )
    assert item is not None
    with pytest.raises(rules.ArticleImportError) as refused:
        svc.apply_import([item])
    (problem,) = refused.value.problems
    assert problem.message.startswith("status draft: the article is published. A published")
    text = problem_text(problem)
    assert text.startswith("状态“草稿”：该文章当前为“已发布”。") and "published" not in text
    assert not re.search(r"[A-Za-z]{3,}", text)


def test_already_in_status_shows_the_status_label(chinese: QApplication) -> None:
    with pytest.raises(TransitionError) as err:
        rules.check_status_move(ArticleStatus.PUBLISHED, ArticleStatus.PUBLISHED)
    assert str(err.value) == "The article is already published."
    assert error_text(err.value) == "文章已处于“已发布”状态。"


def test_save_conflict_is_chinese_in_the_editor(
    qtbot,  # noqa: ANN001
    chinese: QApplication,
    ctx: AppContext,
    kb: KbSearch,
    svc: ArticleService,
) -> None:
    article_id = svc.create(ArticleDraft("VPN drops", "Update the client.")).id
    editor = ArticleEditor(svc, svc.get(article_id), preview_delay_ms=10)
    qtbot.addWidget(editor)
    editor.show()
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN drops", "Bob's steps."), 1)
    editor.body_edit.setPlainText("My steps.")
    assert not editor.save()
    text = editor.conflict_label.text()
    assert text.startswith("“VPN drops”已被 bob 于 ")
    assert "现为第 2 版" in text and "基于第 1 版" in text and "未保存任何内容" in text
    assert svc.get(article_id).body == "Bob's steps."


def test_save_conflict_stays_english(
    qtbot,  # noqa: ANN001
    english: QApplication,
    ctx: AppContext,
    kb: KbSearch,
    svc: ArticleService,
) -> None:
    article_id = svc.create(ArticleDraft("VPN drops", "Update the client.")).id
    bob = ArticleService(ctx.db, search=kb, clock=ctx.clock, user="bob")
    bob.save(article_id, ArticleDraft("VPN drops", "Bob's steps."), 1)
    with pytest.raises(rules.ArticleConflictError) as err:
        svc.save(article_id, ArticleDraft("VPN drops", "Mine."), 1)
    assert re.fullmatch(
        r"“VPN drops” was changed by bob at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(now version 2; your "
        r"edit started from version 1\)\. Nothing was saved: reload the article and apply your "
        r"changes again\.",
        str(err.value),
    )
    assert error_text(err.value) == str(err.value)
    assert (err.value.expected, err.value.current) == (1, 2)


def test_history_labels_are_chinese(qtbot, chinese: QApplication, svc: ArticleService) -> None:  # noqa: ANN001
    article_id = svc.create(ArticleDraft("VPN drops", "Update the client.", tags="vpn")).id
    svc.save(article_id, ArticleDraft("VPN drops often", "Reinstall.", tags="vpn"), 1)
    dialog = HistoryDialog(svc, article_id)
    qtbot.addWidget(dialog)
    dialog.show()
    newest, first = (dialog.versions.topLevelItem(i) for i in range(2))
    assert newest is not None and first is not None
    assert newest.text(0) == "2（当前）" and first.text(3) == "创建"  # stored as "Created"
    assert "标题、正文" in dialog.summary_label.text()
    html = dialog.diff_view.toPlainText()
    assert "标题：VPN drops often" in html and "Title:" not in html
    svc.restore(article_id, 1)
    assert svc.history(article_id)[0].note == "Restored from version 1"
    dialog.reload()
    assert dialog.versions.topLevelItem(0).text(3) == "从第 1 版恢复"  # type: ignore[union-attr]
