<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../opexdesk/ui/sync/users_dialog.py" line="+72"/>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User {0}</source>
        <translation>用户 {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Knowledge-base editor (edits and publishes any article)</source>
        <translation>知识库编辑（可编辑并发布任何文章）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disabled (cannot sign in; signed out everywhere)</source>
        <translation>已停用（不能登录；所有设备均退出登录）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enter a username.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a display name.</source>
        <translation>请输入显示名称。</translation>
    </message>
</context>
<context>
    <name>AlertTray</name>
    <message>
        <location filename="../../opexdesk/ui/tray.py" line="+81"/>
        <source>Show OpExDesk</source>
        <translation>显示 OpExDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>ArticleAccess</name>
    <message>
        <location filename="../../opexdesk/ui/kb/article_access.py" line="+55"/>
        <source>The knowledge base could not be opened: {0}</source>
        <translation>无法打开知识库：{0}</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../opexdesk/ui/kb/article_editor.py" line="+46"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Name the problem in a few words</source>
        <translation>用几个词概括问题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Network</source>
        <translation>例如：网络</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma-separated, e.g. vpn, remote access</source>
        <translation>用逗号分隔，例如：vpn, 远程访问</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>en, zh, pt-BR…</source>
        <translation>en、zh、pt-BR…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Markdown: ## Symptoms, ## Resolution, 1. steps…</source>
        <translation>Markdown：## 现象、## 解决方法、1. 步骤…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why this change (saved with the version)</source>
        <translation>修改原因（随版本保存）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as a new version (Ctrl+S)</source>
        <translation>保存为新版本 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make it searchable (Ctrl+Shift+P)</source>
        <translation>使其可被搜索 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen as draft</source>
        <translation>重新打开为草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions, differences and restore (Ctrl+H)</source>
        <translation>版本、差异与恢复 (Ctrl+H)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Reload theirs</source>
        <translation>重新加载对方版本(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your edits and show the stored version</source>
        <translation>放弃你的修改并显示已保存的版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep your text; the next save goes on top of their version</source>
        <translation>保留你的文本；下次保存将基于对方的版本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ta&amp;gs:</source>
        <translation>标签(&amp;G)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;ategory:</source>
        <translation>类别(&amp;A)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Save article</source>
        <translation>保存文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish article</source>
        <translation>发布文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Article history</source>
        <translation>文章历史</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>New article</source>
        <translation>新文章</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Nothing changed; no new version.</source>
        <translation>没有更改，未创建新版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved as version {0}.</source>
        <translation>已保存为版本 {0}。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Published: searchable now.</source>
        <translation>已发布：现在可以搜索到。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archived: no longer searchable.</source>
        <translation>已归档：不再能被搜索到。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reopened as a draft.</source>
        <translation>已重新打开为草稿。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reloaded version {0}.</source>
        <translation>已重新加载版本 {0}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your text is kept. Saving now makes a new version after version {0} (theirs stays in the history).</source>
        <translation>你的文本已保留。现在保存将在版本 {0} 之后创建新版本（对方的版本保留在历史中）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{0} saved version {1} while you were editing; saving will ask whether to reload theirs or keep your text.</source>
        <translation>你编辑期间 {0} 保存了版本 {1}；保存时会询问是重新加载对方版本还是保留你的文本。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Read only: {0}</source>
        <translation>只读：{0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save your changes first</source>
        <translation>请先保存你的修改</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New article (not saved yet)</source>
        <translation>新文章（尚未保存）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} · version {1} · last saved by {2}</source>
        <translation>{0} · 版本 {1} · 最后保存者 {2}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save your changes first.</source>
        <translation>请先保存你的修改。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../../opexdesk/ui/kb/article_list.py" line="+31"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated by</source>
        <translation>更新者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helpful / not</source>
        <translation>有用 / 无用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No drafts.</source>
        <translation>没有草稿。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No published articles.</source>
        <translation>没有已发布的文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No archived articles.</source>
        <translation>没有已归档的文章。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Opening the knowledge base…</source>
        <translation>正在打开知识库…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New article</source>
        <translation>新建文章(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write a new article (Ctrl+N)</source>
        <translation>撰写新文章 (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New article</source>
        <translation>新文章</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The articles could not be read: {0}</source>
        <translation>无法读取文章：{0}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../opexdesk/ui/kb/article_view.py" line="+27"/>
        <source>This article is no longer available.</source>
        <translation>这篇文章已不可用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open an article from the results to read it here.</source>
        <translation>从结果中打开一篇文章，即可在此阅读。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This solved it</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This article was helpful</source>
        <translation>这篇文章有帮助</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This article was not helpful</source>
        <translation>这篇文章没有帮助</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit this article in a new tab</source>
        <translation>在新标签页中编辑这篇文章</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Thanks for the feedback.</source>
        <translation>感谢你的反馈。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>{0}Helpful ({1})</source>
        <translation>{0}有帮助 ({1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}Not helpful ({1})</source>
        <translation>{0}没帮助 ({1})</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>✓ Linked to this ticket</source>
        <translation>✓ 已关联到此工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link this article to the ticket as its solution</source>
        <translation>将这篇文章作为解决方案关联到工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the knowledge base from a ticket to link an article to it</source>
        <translation>从工单中打开知识库，才能将文章关联到该工单</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>updated {0}</source>
        <translation>更新于 {0}</translation>
    </message>
</context>
<context>
    <name>ArticleWorkbench</name>
    <message>
        <location filename="../../opexdesk/ui/kb/workbench.py" line="+72"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close the article tab</source>
        <translation>关闭文章标签页</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show the article list</source>
        <translation>显示文章列表</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Create article from ticket</source>
        <translation>从工单创建文章</translation>
    </message>
</context>
<context>
    <name>AssignmentPanel</name>
    <message>
        <location filename="../../opexdesk/ui/triage/panels.py" line="+183"/>
        <source>Assignee suggestion (A assigns)</source>
        <translation>处理人建议（按 A 指派）</translation>
    </message>
</context>
<context>
    <name>AttachmentsTab</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/attachments_tab.py" line="+85"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added by</source>
        <translation>添加者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Attach file…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{0} is {1}; attachments are limited to {2}.</source>
        <translation>{0} 的大小为 {1}；附件不能超过 {2}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not attached — the file is too large: {0}</source>
        <translation>未添加附件——文件过大：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not attached: {0}</source>
        <translation>未添加附件：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not attached: cannot read {0}: {1}</source>
        <translation>未添加附件：无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} is not on this device yet; it arrives with the next sync.</source>
        <translation>{0} 尚未下载到此设备；下次同步时会送达。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot open {0}: {1}</source>
        <translation>无法打开 {0}：{1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No application could open {0}.</source>
        <translation>没有可打开 {0} 的应用程序。</translation>
    </message>
</context>
<context>
    <name>CaFileRow</name>
    <message>
        <location filename="../../opexdesk/ui/server_fields.py" line="+38"/>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/chart_base.py" line="+121"/>
        <source>Save this chart as a PNG image</source>
        <translation>将此图表保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save this chart&apos;s data as CSV</source>
        <translation>将此图表的数据保存为 CSV</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Could not write {0}.</source>
        <translation>无法写入 {0}。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save chart data</source>
        <translation>保存图表数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
<context>
    <name>ClassifierTrainer</name>
    <message>
        <location filename="../../opexdesk/ui/classify_trainer.py" line="+124"/>
        <source>Suggestion model retraining failed: {0}</source>
        <translation>建议模型重新训练失败：{0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Suggestion model retrained on {0:,} tickets</source>
        <translation>建议模型已基于 {0:,} 个工单重新训练</translation>
    </message>
</context>
<context>
    <name>ColumnTable</name>
    <message>
        <location filename="../../opexdesk/ui/import_export/mapping_tables.py" line="+43"/>
        <source>Column in file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Most common values</source>
        <translation>最常见的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket field</source>
        <translation>工单字段</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (required)</source>
        <translation>（必填）</translation>
    </message>
</context>
<context>
    <name>CommentCard</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/conversation_tab.py" line="+43"/>
        <source>Public reply</source>
        <translation>公开回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../opexdesk/ui/sync/conflicts_view.py" line="+53"/>
        <source>Both changed it; the server&apos;s value was kept</source>
        <translation>双方都修改了此项；已保留服务器上的值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not allowed by the workflow</source>
        <translation>工作流不允许此操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not allowed for your role</source>
        <translation>你的角色无权执行此操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ticket no longer exists</source>
        <translation>该工单已不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Both changed the text in the same place</source>
        <translation>双方修改了文本的同一处</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Article text</source>
        <translation>文章正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Article (not on this device)</source>
        <translation>文章（不在此设备上）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No open conflicts: nothing to decide.</source>
        <translation>没有未解决的冲突，无需处理。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Yours</source>
        <translation>你的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs (server)</source>
        <translation>对方的（服务器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before both changes</source>
        <translation>双方修改之前</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the server&apos;s value and dismiss your change</source>
        <translation>保留服务器上的值，放弃你的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use &amp;mine</source>
        <translation>使用我的(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <source>Send your value to the server again</source>
        <translation>将你的值再次发送到服务器</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>&amp;Edit merged…</source>
        <translation>编辑合并结果(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Combine both texts by hand</source>
        <translation>手动合并两段文本</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>the server&apos;s value stays</source>
        <translation>保留服务器上的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your value is used</source>
        <translation>采用你的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>your merged text is used</source>
        <translation>采用你合并后的文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} {1}: {2}; it goes to the server with the next sync.</source>
        <translation>{0} {1}：{2}；将在下次同步时发送到服务器。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Nothing to decide</source>
        <translation>无需处理</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflict noticed {0}</source>
        <translation>发现冲突于 {0}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This change cannot be applied any more</source>
        <translation>此修改已无法应用</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <location filename="../../opexdesk/ui/welcome/pages.py" line="+63"/>
        <source>Welcome to OpExDesk</source>
        <translation>欢迎使用 OpExDesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How do you want to work on this computer?</source>
        <translation>你想在这台计算机上如何工作？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Connect to your team&apos;s server</source>
        <translation>连接到团队的服务器(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work &amp;offline only</source>
        <translation>仅离线工作(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try with &amp;demo data (DEMO: made-up tickets)</source>
        <translation>使用演示数据试用(&amp;D)（演示：虚构的工单）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Server &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use a custom CA c&amp;ertificate</source>
        <translation>使用自定义 CA 证书(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tickets stay on this computer. You can connect a server later (Sync menu).</source>
        <translation>工单保存在此计算机上。你可以稍后连接服务器（同步菜单）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fills this computer with {0} made-up tickets to explore. The window shows DEMO while they are there; nothing is sent anywhere.</source>
        <translation>在此计算机上填入 {0} 个虚构工单供你体验。存在这些数据时窗口会显示“演示”；不会发送到任何地方。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Choose the CA certificate file, or untick it.</source>
        <translation>请选择 CA 证书文件，或取消勾选。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking the server…</source>
        <translation>正在检查服务器…</translation>
    </message>
</context>
<context>
    <name>ConversationTab</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/conversation_tab.py" line="+59"/>
        <source>No comments yet.</source>
        <translation>暂无评论。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Write a reply or a note…  (Ctrl+Enter sends)</source>
        <translation>撰写回复或备注…（Ctrl+Enter 发送）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Public reply</source>
        <translation>公开回复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requester sees this</source>
        <translation>请求人可以看到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the service desk sees this</source>
        <translation>仅服务台可见</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send (Ctrl+Enter)</source>
        <translation>发送 (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../opexdesk/ui/crash.py" line="+82"/>
        <source>OpExDesk – unexpected error</source>
        <translation>OpExDesk – 意外错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> Your unsaved edits have been kept.</source>
        <translation>你未保存的编辑已保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpExDesk hit an unexpected error.{0}
The details are in {1}</source>
        <translation>OpExDesk 遇到意外错误。{0}
详细信息见 {1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open log folder</source>
        <translation>打开日志文件夹(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ontinue</source>
        <translation>继续(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/chart_base.py" line="-185"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/dashboard/charts.py" line="+43"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opened</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Breaches</source>
        <translation>SLA 超时</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0}: opened {1}, resolved {2}, breaches {3}</source>
        <translation>{0}：新建 {1}，解决 {2}，SLA 超时 {3}</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>{0}: {1} open</source>
        <translation>{0}：未结 {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}: {1} open ({2})</source>
        <translation>{0}：未结 {1}（{2}）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1}</source>
        <translation>{0}（共 {1}）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{0}: {1} met, {2} breached of {3}</source>
        <translation>{0}：共 {3}，达成 {1}，超时 {2}</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>{0}: {1} open ({2}), {3} resolved</source>
        <translation>{0}：未结 {1}（{2}），已解决 {3}</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="+110"/>
        <source>No tickets in this window.</source>
        <translation>此时间范围内没有工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inflow and outflow</source>
        <translation>工单流入与流出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened by priority</source>
        <translation>按优先级的新建工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open backlog by age</source>
        <translation>未结积压（按时长）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open tickets.</source>
        <translation>没有未结工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA compliance</source>
        <translation>SLA 达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No ticket was answered or resolved in this window.</source>
        <translation>此时间范围内没有已响应或已解决的工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workload per technician</source>
        <translation>技术人员工作量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody has open or resolved tickets here.</source>
        <translation>没有技术人员持有未结或已解决的工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; 4 h</source>
        <translation>&lt; 4 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4-24 h</source>
        <translation>4-24 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1-3 d</source>
        <translation>1-3 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3-7 d</source>
        <translation>3-7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7-30 d</source>
        <translation>7-30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&gt; 30 d</source>
        <translation>&gt; 30 天</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/controller.py" line="+154"/>
        <source>The dashboard could not be built: {0}</source>
        <translation>无法生成仪表板：{0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The dashboard could not be updated: {0}</source>
        <translation>无法更新仪表板：{0}</translation>
    </message>
</context>
<context>
    <name>DashboardInstall</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/wiring.py" line="+44"/>
        <source>Operations &amp;dashboard</source>
        <translation>运营仪表板(&amp;D)</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/window.py" line="+91"/>
        <source>Operations dashboard</source>
        <translation>运营仪表板</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute everything from the database (F5)</source>
        <translation>根据数据库重新计算全部 (F5)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Window</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>No tickets in this window and none open.</source>
        <translation>此时间范围内没有工单，也没有未结工单。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Offline: not synced yet; local changes only</source>
        <translation>离线：尚未同步，仅含本地修改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline: as of last sync {0}</source>
        <translation>离线：截至上次同步 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As of {0}</source>
        <translation>截至 {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="-35"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window times need a time zone.</source>
        <translation>时间范围的时间必须带时区。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The window must end after it starts.</source>
        <translation>时间范围的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A custom window needs its own start and end.</source>
        <translation>自定义时间范围需要指定开始和结束时间。</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../opexdesk/ui/settings_data.py" line="+92"/>
        <source>Data location</source>
        <translation>数据位置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Move…</source>
        <translation>移动(&amp;M)…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Moved from {0}: the switch happens at the next start.</source>
        <translation>已从 {0} 移动：下次启动时切换。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eset local data…</source>
        <translation>重置本地数据(&amp;E)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Erases the tickets, attachments and indexes on this computer at the next start. Synced work is downloaded again after signing in.</source>
        <translation>下次启动时清除此计算机上的工单、附件和索引。已同步的工作会在登录后重新下载。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%p% — {0}</source>
        <translation>%p% — {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0}
From the next start: {1}</source>
        <translation>{0}
下次启动起：{1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copied and verified. OpExDesk switches to the new folder at the next start, copies what changed until then, and removes the old folder.</source>
        <translation>已复制并校验。OpExDesk 将在下次启动时切换到新文件夹，复制在此之前的更改，并删除旧文件夹。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Restart OpExDesk to finish the move first.</source>
        <translation>请先重新启动 OpExDesk 以完成移动。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset local data</source>
        <translation>重置本地数据</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Erase the local data at the next start? Everything is synced.</source>
        <translation>在下次启动时清除本地数据？所有内容均已同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} local changes have not reached the server. Resetting erases them for good. Reset anyway?</source>
        <translation>有 {0} 项本地更改尚未到达服务器。重置将永久清除它们。仍要重置吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not reset: nothing was changed.</source>
        <translation>未重置：没有任何更改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To erase {0} unsynced changes, type {1}:</source>
        <translation>要清除 {0} 项未同步的更改，请输入 {1}：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not reset: {0} was not typed. Nothing was changed.</source>
        <translation>未重置：未输入 {0}。没有任何更改。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The local data will be erased when OpExDesk next starts. Quit to do it now.</source>
        <translation>本地数据将在 OpExDesk 下次启动时清除。立即退出即可执行。</translation>
    </message>
</context>
<context>
    <name>DataSize</name>
    <message>
        <location filename="../../opexdesk/ui/locale_format.py" line="+118"/>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} bytes</source>
        <translation>{0} 字节</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} KB</source>
        <translation>{0} KB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} GB</source>
        <translation>{0} GB</translation>
    </message>
</context>
<context>
    <name>DateFormat</name>
    <message>
        <location line="-68"/>
        <source>d MMM</source>
        <translation>M月d日</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <location filename="indirect_strings.py" line="+77"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} contains a control character (U+{code:04X}).</source>
        <translation>{label}包含控制字符（U+{code:04X}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The title is empty; describe the problem in a few words.</source>
        <translation>标题为空；请用几个词描述问题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The title is {length} characters long; the limit is {limit}.</source>
        <translation>标题长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The description is {length:,} characters long; the limit is {limit:,}.</source>
        <translation>描述长度为 {length:,} 个字符，上限为 {limit:,} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} is required.</source>
        <translation>{label}为必填项。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{label} is {length} characters long; the limit is {limit}.</source>
        <translation>{label}长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The comment is empty.</source>
        <translation>评论为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The comment is {length:,} characters long; the limit is {limit:,}.</source>
        <translation>评论长度为 {length:,} 个字符，上限为 {limit:,} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The {note} is {length:,} characters long; the limit is {limit:,}.</source>
        <translation>{note}长度为 {length:,} 个字符，上限为 {limit:,} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time spent {value!r} is not a whole number of minutes.</source>
        <translation>用时 {value!r} 不是整数分钟数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time spent must be between 1 and {limit} minutes, not {minutes}.</source>
        <translation>用时必须在 1 到 {limit} 分钟之间，不能是 {minutes} 分钟。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ticket is already {status}.</source>
        <translation>工单已处于“{status}”状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed tickets are final; open a follow-up ticket instead.</source>
        <translation>已关闭的工单不能再更改；请另建一张后续工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A ticket cannot go from {current} to {target}; from {current} it can go to: {options}.</source>
        <translation>工单不能从“{current}”变为“{target}”；从“{current}”只能变为：{options}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assign the ticket to someone before setting it to {status}.</source>
        <translation>请先指派处理人，再将工单设为“{status}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Describe the resolution before resolving.</source>
        <translation>请先描述解决方法再解决工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a reason for reopening the ticket.</source>
        <translation>请填写重新打开工单的原因。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No ticket with local id {local_id}.</source>
        <translation>没有本地编号为 {local_id} 的工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These fields cannot be edited here: {fields}.</source>
        <translation>这些字段无法在此编辑：{fields}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown comment kind {kind!r}; use public or internal.</source>
        <translation>未知的评论类型 {kind!r}；请使用 public 或 internal。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="indirect_tickets.py" line="+35"/>
        <source>{path} is not a file.</source>
        <translation>{path} 不是文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The field {name!r} cannot be edited here.</source>
        <translation>字段 {name!r} 无法在此编辑。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A ticket that is {status} needs an assignee; reassign it instead.</source>
        <translation>处于“{status}”状态的工单必须有处理人；请改为重新指派。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label} contains a control character (U+{code:04X}); only line breaks and tabs are allowed.</source>
        <translation>{label}包含控制字符（U+{code:04X}）；只允许换行符和制表符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label} contains a control character (U+{code:04X}); remove it.</source>
        <translation>{label}包含控制字符（U+{code:04X}）；请将其删除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{label} contains an unpaired surrogate character (U+{code:04X}); only line breaks and tabs are allowed.</source>
        <translation>{label}包含未配对的代理字符（U+{code:04X}）；只允许换行符和制表符。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{label} contains an unpaired surrogate character (U+{code:04X}); remove it.</source>
        <translation>{label}包含未配对的代理字符（U+{code:04X}）；请将其删除。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The title must be text.</source>
        <translation>标题必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The title is empty; name the problem in a few words.</source>
        <translation>标题为空；请用几个词说明问题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The body must be text.</source>
        <translation>正文必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The body is {size:,} bytes long; the limit is {limit:,} bytes (1 MiB).</source>
        <translation>正文大小为 {size:,} 字节，上限为 {limit:,} 字节（1 MiB）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The category must be text.</source>
        <translation>类别必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The category is {length} characters long; the limit is {limit}.</source>
        <translation>类别长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags must be a list of words or a comma-separated text.</source>
        <translation>标签必须是词语列表或以逗号分隔的文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag {tag!r} is not text.</source>
        <translation>标签 {tag!r} 不是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag {tag!r} contains a comma; split it in two.</source>
        <translation>标签 {tag!r} 包含逗号；请将其拆分为两个标签。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tag {tag!r}... is {length} characters; the limit is {limit}.</source>
        <translation>标签 {tag!r}... 长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There are {count} tags; the limit is {limit}.</source>
        <translation>共有 {count} 个标签，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language must be a code such as en or zh-Hans.</source>
        <translation>语言必须是 en 或 zh-Hans 这样的代码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{value!r} is not a language code; use one such as en, zh-Hans or pt-BR.</source>
        <translation>{value!r} 不是语言代码；请使用 en、zh-Hans 或 pt-BR 这样的代码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The version note must be text.</source>
        <translation>版本说明必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The version note is {length:,} characters; the limit is {limit:,}.</source>
        <translation>版本说明长度为 {length:,} 个字符，上限为 {limit:,} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value!r} is not an article status; use draft, published or archived.</source>
        <translation>{value!r} 不是文章状态；请使用 draft、published 或 archived。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The article is already {status}.</source>
        <translation>文章已处于“{status}”状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A draft can only be published; archive it after publishing.</source>
        <translation>草稿只能发布；发布后才能归档。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A published article can only be archived (then reopened as a draft).</source>
        <translation>已发布的文章只能归档（之后可重新打开为草稿）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An archived article can only be reopened as a draft.</source>
        <translation>已归档的文章只能重新打开为草稿。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} labels must be a list of names.</source>
        <translation>{name}的级别名称必须是名称列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A priority matrix has {least} to {most} {axis} levels; got {count}.</source>
        <translation>优先级矩阵的{axis}级别数应为 {least} 到 {most} 个，实际为 {count} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} label {number} is {value!r}, not text.</source>
        <translation>{name}的第 {number} 个名称是 {value!r}，不是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} label {number} is empty.</source>
        <translation>{name}的第 {number} 个名称为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} label {number} ({start!r}...) is {length} characters long; the limit is {limit}.</source>
        <translation>{name}的第 {number} 个名称（{start!r}...）长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} label {number} contains a control character (U+{code:04X}).</source>
        <translation>{name}的第 {number} 个名称包含控制字符（U+{code:04X}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} label {label!r} is used twice (levels {first} and {second}); each level needs its own name.</source>
        <translation>{name}名称 {label!r} 被使用了两次（级别 {first} 和 {second}）；每个级别都需要自己的名称。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Priority matrix has no cell for impact {impact} x urgency {urgency}.</source>
        <translation>优先级矩阵缺少影响“{impact}”× 紧急程度“{urgency}”的单元格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority matrix cell {cell} lies outside its {impacts} impact x {urgencies} urgency levels.</source>
        <translation>优先级矩阵单元格 {cell} 超出了其 {impacts} 个影响级别 × {urgencies} 个紧急程度级别的范围。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Priority matrix cell impact {impact} x urgency {urgency} has unknown priority {value!r}; use priority 1 ({first}) to {count} ({last}).</source>
        <translation>优先级矩阵中影响“{impact}”× 紧急程度“{urgency}”的单元格包含未知优先级 {value!r}；请使用优先级 1（{first}）到 {count}（{last}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Priority {levels} is not given by any cell; use each priority in a cell or remove the level.</source>
        <translation>没有任何单元格给出优先级 {levels}；请在单元格中使用每个优先级，或删除该级别。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Priorities {levels} are not given by any cell; use each priority in a cell or remove the level.</source>
        <translation>没有任何单元格给出优先级 {levels}；请在单元格中使用每个优先级，或删除这些级别。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown {axis} {value!r}; use {axis} 1 ({first}) to {count} ({last}).</source>
        <translation>未知的{axis} {value!r}；请使用{axis} 1（{first}）到 {count}（{last}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A priority matrix is {shape} (or the older {older}) and nothing else.</source>
        <translation>优先级矩阵的格式必须是 {shape}（或旧格式 {older}），不能包含其他内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A priority matrix has {count} rows, one per impact level.</source>
        <translation>优先级矩阵应有 {count} 行，每个影响级别一行。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Row {row} (impact {impact}) needs {count} cells, one per urgency level.</source>
        <translation>第 {row} 行（影响“{impact}”）需要 {count} 个单元格，每个紧急程度级别一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cell impact {impact} x urgency {urgency} is {value!r}, not a priority number.</source>
        <translation>影响“{impact}”× 紧急程度“{urgency}”的单元格是 {value!r}，不是优先级编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Impact {worse_impact} x urgency {worse_urgency} gives priority {slower} ({slower_label}), less urgent than {priority} ({priority_label}) for impact {impact} x urgency {urgency}: a more severe case cannot wait longer.</source>
        <translation>影响“{worse_impact}”× 紧急程度“{worse_urgency}”给出的优先级 {slower}（{slower_label}）不如影响“{impact}”× 紧急程度“{urgency}”的 {priority}（{priority_label}）紧急：更严重的情况不能等待更久。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown {axis} {value!r}; use 1 to {limit}.</source>
        <translation>未知的{axis} {value!r}；请使用 1 到 {limit}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say why the priority differs from what impact and urgency give.</source>
        <translation>请说明优先级为何与影响和紧急程度得出的结果不同。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reason is {length} characters long; the limit is {limit}.</source>
        <translation>原因长度为 {length} 个字符，上限为 {limit} 个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{label} {value!r} is not a level of the priority matrix in force (use {axis} 1 ({first}) to {count} ({last})); map it under Values.</source>
        <translation>{label} {value!r} 不是当前优先级矩阵中的级别（请使用{axis} 1（{first}）到 {count}（{last}））；请在“值”页中映射它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown status {value!r}; map it to one of: {options}.</source>
        <translation>未知的状态 {value!r}；请将其映射为以下之一：{options}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A ticket that is {status} needs an assignee; none is given.</source>
        <translation>处于“{status}”状态的工单必须有处理人；此行未填写处理人。</translation>
    </message>
    <message>
        <location filename="indirect_tickets.py" line="-23"/>
        <source>{name}, row {row}: the CSV is malformed ({reason}).</source>
        <translation>{name} 第 {row} 行：CSV 格式有误（{reason}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} cannot be read as {encoding}: byte 0x{byte} at byte offset {offset:,} does not decode. Choose another encoding.</source>
        <translation>无法以 {encoding} 读取 {name}：字节偏移 {offset:,} 处的字节 0x{byte} 无法解码。请选择其他编码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} cannot be read as {encoding}: an unfinished character at the end at byte offset {offset:,} does not decode. Choose another encoding.</source>
        <translation>无法以 {encoding} 读取 {name}：文件末尾字节偏移 {offset:,} 处有一个不完整的字符，无法解码。请选择其他编码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is not UTF-8: byte 0x{byte} at byte offset {offset:,} does not decode. Choose the file&apos;s encoding (for example Windows-1252 for Western European spreadsheets or GB18030 for Chinese ones) and open it again.</source>
        <translation>{name} 不是 UTF-8 编码：字节偏移 {offset:,} 处的字节 0x{byte} 无法解码。请选择文件的编码（例如西欧语言的电子表格选 Windows-1252，中文的选 GB18030），然后重新打开。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{name} is not UTF-8: an unfinished character at the end at byte offset {offset:,} does not decode. Choose the file&apos;s encoding (for example Windows-1252 for Western European spreadsheets or GB18030 for Chinese ones) and open it again.</source>
        <translation>{name} 不是 UTF-8 编码：文件末尾字节偏移 {offset:,} 处有一个不完整的字符，无法解码。请选择文件的编码（例如西欧语言的电子表格选 Windows-1252，中文的选 GB18030），然后重新打开。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{name} is empty.</source>
        <translation>{name} 是空文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown encoding {encoding!r}.</source>
        <translation>未知的编码 {encoding!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} has no header row (the first line is empty).</source>
        <translation>{name} 没有标题行（第一行为空）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No column is mapped to Title; every ticket needs one. The file&apos;s columns are: {columns}.</source>
        <translation>没有列映射到“标题”；每个工单都需要标题。文件中的列为：{columns}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} has no column named {missing}; its columns are: {columns}.</source>
        <translation>{name} 中没有名为 {missing} 的列；文件中的列为：{columns}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name} has a header row but no tickets.</source>
        <translation>{name} 只有标题行，没有工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{problems:,} problem(s) in {rows:,} rows; nothing was imported.</source>
        <translation>{rows:,} 行中有 {problems:,} 个问题；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消；未导入任何内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticket {ticket_id} does not exist (it may have been deleted).</source>
        <translation>工单 {ticket_id} 不存在（可能已被删除）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not a date this import reads (use e.g. 2024-03-05 14:30 or 05/03/2024).</source>
        <translation>导入无法识别此日期（请使用如 2024-03-05 14:30 或 05/03/2024 的格式）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An AM/PM hour must be 1 to 12.</source>
        <translation>使用 AM/PM 时，小时必须在 1 到 12 之间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (month must be in 1..12).</source>
        <translation>不是有效的日期（月份必须在 1 到 12 之间）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (day is out of range for month).</source>
        <translation>不是有效的日期（该月没有这一天）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (hour must be in 0..23).</source>
        <translation>不是有效的日期（小时必须在 0 到 23 之间）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (minute must be in 0..59).</source>
        <translation>不是有效的日期（分钟必须在 0 到 59 之间）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (second must be in 0..59).</source>
        <translation>不是有效的日期（秒必须在 0 到 59 之间）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date (year 0 is out of range).</source>
        <translation>不是有效的日期（年份不能为 0）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real date ({reason}).</source>
        <translation>不是有效的日期（{reason}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a real time zone offset ({offset}).</source>
        <translation>不是有效的时区偏移（{offset}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date lies in the future.</source>
        <translation>该日期在未来。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The date is before 1990.</source>
        <translation>该日期早于 1990 年。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name} is {size}; attachments are limited to {limit}.</source>
        <translation>{name} 的大小为 {size}；附件不能超过 {limit}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write attachments to {root}: {reason}.</source>
        <translation>无法将附件写入 {root}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot create the data directory {directory}: {reason}.</source>
        <translation>无法创建数据目录 {directory}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data directory {directory} is not writable; choose another with --basedir or fix its permissions.</source>
        <translation>数据目录 {directory} 不可写；请用 --basedir 选择其他目录，或修正其权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database file {path} is not readable and writable.</source>
        <translation>数据库文件 {path} 不可读写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database {path} cannot be read ({reason}); it may be damaged. Move it aside and start again, or restore a backup.</source>
        <translation>无法读取数据库 {path}（{reason}）；它可能已损坏。请将其移到别处后重新开始，或恢复备份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{path} is not an OpExDesk database or is damaged ({reason}). Move it aside and start again, or restore a backup.</source>
        <translation>{path} 不是 OpExDesk 数据库，或已损坏（{reason}）。请将其移到别处后重新开始，或恢复备份。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This database uses schema {revision!r}, written by a newer OpExDesk; this version knows schemas up to {head!r}. Update OpExDesk to open it (nothing was changed).</source>
        <translation>此数据库使用架构 {revision!r}，由较新版本的 OpExDesk 写入；此版本最高只支持架构 {head!r}。请更新 OpExDesk 后再打开（未做任何更改）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} {value}</source>
        <translation>{field}为 {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number}: {reason}</source>
        <translation>{number}：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{done} Refused: {refused}</source>
        <translation>{done}未能处理：{refused}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing changed: already {what}.</source>
        <translation>未做更改：已是{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number}: set {what}.</source>
        <translation>{number}：已设置{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set {what} on {count} tickets.</source>
        <translation>已在 {count} 个工单上设置{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set {what} on {count} of {asked} tickets.</source>
        <translation>已在 {asked} 个工单中的 {count} 个上设置{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number}: {field} set to {value}.</source>
        <translation>{number}：{field}已设为 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} set to {value} on {count} tickets.</source>
        <translation>已将 {count} 个工单的{field}设为 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} set to {value} on {count} of {asked} tickets.</source>
        <translation>已将 {asked} 个工单中 {count} 个的{field}设为 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A ticket cannot be a duplicate of itself.</source>
        <translation>工单不能标记为其自身的重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot mark as duplicate: {reason}</source>
        <translation>无法标记为重复：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{duplicate} resolved as a duplicate of {original}.</source>
        <translation>{duplicate} 已作为 {original} 的重复工单解决。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number} was changed since ({field} is now {value})</source>
        <translation>{number} 此后已被更改（{field}现为 {value}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undid {what} on {count} ticket(s).</source>
        <translation>已撤销 {count} 个工单上的{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undid {what} on {count} ticket(s); not undone: {refused}</source>
        <translation>已撤销 {count} 个工单上的{what}；未撤销：{refused}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo refused: {refused}.</source>
        <translation>撤销被拒绝：{refused}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set an assignee group first (G).</source>
        <translation>请先设置处理组（G）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is known in {group}.</source>
        <translation>{group} 中没有已知的成员。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone in {group} is away.</source>
        <translation>{group} 中的所有人都已离开。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next in turn in {group}</source>
        <translation>{group} 中轮到的下一位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fewest open tickets in {group} ({count})</source>
        <translation>{group} 中未结工单最少（{count} 个）</translation>
    </message>
    <message>
        <location filename="indirect_kb.py" line="+23"/>
        <source>Ticket {number} is {status}; an article can only be drafted from a resolved or closed ticket (its resolution is not known yet).</source>
        <translation>工单 {number} 的状态为“{status}”；只能从已解决或已关闭的工单起草文章（否则解决方法尚不明确）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was imported: {count} problem found.
{problems}</source>
        <translation>未导入任何内容：发现 {count} 个问题。
{problems}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was imported: {count} problems found.
{problems}</source>
        <translation>未导入任何内容：发现 {count} 个问题。
{problems}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No knowledge-base article with id {article_id}.</source>
        <translation>知识库中没有 ID 为 {article_id} 的文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The article has no version {number}.</source>
        <translation>该文章没有第 {number} 版。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version {number} is the same as the current version.</source>
        <translation>第 {number} 版与当前版本相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{title}” was changed by {user} at {when} (now version {current}; your edit started from version {expected}). Nothing was saved: reload the article and apply your changes again.</source>
        <translation>“{title}”已被 {user} 于 {when} 修改（现为第 {current} 版；您的编辑基于第 {expected} 版）。未保存任何内容：请重新加载文章，然后再次应用您的更改。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only a published article can be rated.</source>
        <translation>只有已发布的文章才能评价。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only a published article can be marked as solving a ticket.</source>
        <translation>只有已发布的文章才能标记为解决了工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No ticket with id {ticket_id}.</source>
        <translation>没有 ID 为 {ticket_id} 的工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exported from version {base}, but the article is now at version {current} (edited since); export it again, or import allowing older files to save it as a new version anyway.</source>
        <translation>导出自第 {base} 版，但该文章现已是第 {current} 版（之后有过编辑）；请重新导出，或在导入时允许较旧的文件，将其另存为新版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>status {target}: the article is {current}. {reason}</source>
        <translation>状态“{target}”：该文章当前为“{current}”。{reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the id {article_id} is also used by {other}; each article may appear only once in an import.</source>
        <translation>ID {article_id} 也被 {other} 使用；每篇文章在一次导入中只能出现一次。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file is {size:,} bytes; an article body may be at most {limit:,} bytes (1 MiB).</source>
        <translation>文件大小为 {size:,} 字节；文章正文最多 {limit:,} 字节（1 MiB）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot be read: {reason}.</source>
        <translation>无法读取：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is not valid UTF-8 (byte 0x{byte:02X} at offset {offset}); save it as UTF-8.</source>
        <translation>不是有效的 UTF-8 文本（偏移量 {offset} 处的字节 0x{byte:02X}）；请将其另存为 UTF-8 编码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>does not start with front matter (a first line &apos;---&apos;); see the format.</source>
        <translation>没有以前置元数据开头（第一行应为“---”）；请参阅格式说明。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the front matter is not closed by a second &apos;---&apos; line.</source>
        <translation>前置元数据没有以第二个“---”行结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>broken front matter: {what}.</source>
        <translation>前置元数据有误：{what}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the front matter must be &apos;key: value&apos; lines (a YAML mapping).</source>
        <translation>前置元数据必须由“key: value”形式的行组成（YAML 映射）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>missing title: add a &apos;title:&apos; line to the front matter.</source>
        <translation>缺少标题：请在前置元数据中添加“title:”行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{reason} Put the value in quotes.</source>
        <translation>{reason}请给该值加上引号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>version must be a whole number from 1, not {value!r}.</source>
        <translation>version 必须是从 1 开始的整数，而不是 {value!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>id {value!r} is not a UUID (leave it out to create a new article).</source>
        <translation>id {value!r} 不是 UUID（省略它即可创建新文章）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>author must be text.</source>
        <translation>author 必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>author must be one line of at most {limit} printable characters.</source>
        <translation>author 必须是一行，最多 {limit} 个可打印字符。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{server_url} sent an unexpected article answer.</source>
        <translation>{server_url} 返回了意外的文章应答。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} sent a knowledge base that does not move forward; nothing was changed here.</source>
        <translation>{server_url} 发送的知识库没有向前推进；此处未做任何更改。</translation>
    </message>
    <message>
        <location filename="indirect_rejections.py" line="+14"/>
        <source>&apos;{key}&apos; must be a string, not {kind}.</source>
        <translation>“{key}”必须是字符串，而不是 {kind}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be a whole number, not {value}.</source>
        <translation>“{key}”必须是整数，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown keys in {what}: {keys}.</source>
        <translation>{what}中有未知的键：{keys}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;title&apos; must be a string.</source>
        <translation>“title”必须是字符串。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;description&apos; must be a string.</source>
        <translation>“description”必须是字符串。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{field}&apos; must be a string or null.</source>
        <translation>“{field}”必须是字符串或 null。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The field {field!r} cannot be edited.</source>
        <translation>字段 {field!r} 不能编辑。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change of {field!r} must be {{&apos;base&apos;: ..., &apos;new&apos;: ...}}.</source>
        <translation>{field!r} 的更改必须是 {{&apos;base&apos;: ..., &apos;new&apos;: ...}}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;ticket_id&apos; must be the id of the ticket.</source>
        <translation>“ticket_id”必须是工单的 ID。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a deletion</source>
        <translation>删除操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a status move</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a priority override</source>
        <translation>手动设置的优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a work_log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a resolution</source>
        <translation>冲突处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a new article</source>
        <translation>一篇新文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an article edit</source>
        <translation>一次文章编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an article status move</source>
        <translation>一次文章状态变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a vote</source>
        <translation>一次投票</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a link to a ticket</source>
        <translation>一个工单关联</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ticket {ticket_id} does not exist on the server (deleted?); your change is kept in a conflict record.</source>
        <translation>服务器上不存在工单 {ticket_id}（已被删除？）；您的更改已保存在一条冲突记录中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>entity_id must be an id of 1 to {limit} characters.</source>
        <translation>entity_id 必须是 1 到 {limit} 个字符的 ID。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown operation {op!r} on a ticket; use create, update, transition or delete.</source>
        <translation>工单不支持操作 {op!r}；请使用 create、update、transition 或 delete。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown operation {op!r} on a setting; use set.</source>
        <translation>设置不支持操作 {op!r}；请使用 set。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown operation {op!r} on a conflict; use resolve.</source>
        <translation>冲突不支持操作 {op!r}；请使用 resolve。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown operation {op!r} on an article; use create, save, move, vote or link.</source>
        <translation>对文章的未知操作 {op!r}；请使用 create、save、move、vote 或 link。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown operation {op!r} on a {entity}; use append.</source>
        <translation>{entity} 不支持操作 {op!r}；请使用 append。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown entity {entity!r}; use {entities}.</source>
        <translation>未知的实体 {entity!r}；请使用 {entities}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The store could not save this change ({error}).</source>
        <translation>中央存储无法保存此更改（{error}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This mutation_id is already used.</source>
        <translation>此 mutation_id 已被使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already processed.</source>
        <translation>已处理。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Already processed by the server.</source>
        <translation>服务器已处理。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown ticket fields: {fields}.</source>
        <translation>未知的工单字段：{fields}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new ticket needs a title.</source>
        <translation>新工单需要标题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A ticket with the id {ticket_id} already exists.</source>
        <translation>ID 为 {ticket_id} 的工单已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ticket {ticket_id} was deleted; its id cannot be used again.</source>
        <translation>工单 {ticket_id} 已被删除；其 ID 不能再次使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{refusal} (it is now {status})</source>
        <translation>{refusal}（工单当前为“{status}”）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The status move is not allowed.</source>
        <translation>不允许此状态变更。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The row id {row_id} differs from the entity_id {entity_id!r}.</source>
        <translation>行 ID {row_id} 与 entity_id {entity_id!r} 不同。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A {entity} with the id {row_id} belongs to another ticket.</source>
        <translation>ID 为 {row_id} 的 {entity} 属于另一个工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;sha256&apos; must be 64 lowercase hexadecimal digits.</source>
        <translation>“sha256”必须是 64 位小写十六进制数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;filename&apos; must have 1 to {limit} characters.</source>
        <translation>“filename”必须有 1 到 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;size&apos; must be 0 to {limit:,} bytes.</source>
        <translation>“size”必须是 0 到 {limit:,} 字节。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;media_type&apos; must have 1 to {limit} characters.</source>
        <translation>“media_type”必须有 1 到 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only an operator or an admin can delete a ticket.</source>
        <translation>只有操作员或管理员可以删除工单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ticket {ticket_id} does not exist on the server.</source>
        <translation>服务器上不存在工单 {ticket_id}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown choice {choice!r}; use server, local or custom.</source>
        <translation>未知的选择 {choice!r}；请使用 server、local 或 custom。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no conflict {conflict_id} of yours to resolve.</source>
        <translation>没有属于您的待处理冲突 {conflict_id}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This change could not be applied as a whole (its ticket is gone); it can only be dismissed.</source>
        <translation>此更改无法整体应用（其工单已不存在）；只能忽略它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This change was refused as a whole; it can only be dismissed.</source>
        <translation>此更改被整体拒绝；只能忽略。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The resolution must edit the field {field!r}.</source>
        <translation>处理冲突时必须编辑字段 {field!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ticket {ticket_id} no longer exists.</source>
        <translation>工单 {ticket_id} 已不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only an administrator may change shared settings.</source>
        <translation>只有管理员可以更改共享设置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A setting needs its &apos;value&apos;.</source>
        <translation>设置需要提供“value”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>There is no conflict {conflict_id}.</source>
        <translation>没有冲突 {conflict_id}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This conflict is already resolved.</source>
        <translation>此冲突已处理。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This change cannot be applied any more; dismiss it instead.</source>
        <translation>此更改已无法应用；请忽略它。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The ticket is assigned to {current}; only an operator or an admin can reassign a colleague&apos;s ticket.</source>
        <translation>该工单已指派给 {current}；只有操作员或管理员可以改派同事的工单。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A technician can take an unassigned ticket only for themselves, not assign it to {new}; ask an operator to dispatch it.</source>
        <translation>技术员只能为自己领取未指派的工单，不能指派给 {new}；请让操作员分派。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;{key}&apos; must be a list of strings, not {kind}.</source>
        <translation>“{key}”必须是字符串列表，而不是 {kind}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must be an object, not {kind}.</source>
        <translation>“{key}”必须是对象，而不是 {kind}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;{key}&apos; must have at most {limit} characters.</source>
        <translation>“{key}”最多只能有 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The article field {field!r} cannot be edited; use title, body, category, tags or language.</source>
        <translation>文章字段 {field!r} 不可编辑；请使用 title、body、category、tags 或 language。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The article {article_id} does not exist on the server.</source>
        <translation>服务器上不存在文章 {article_id}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new article needs a title.</source>
        <translation>新文章需要标题。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An article with the id {article_id} already exists.</source>
        <translation>ID 为 {article_id} 的文章已存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An article edit needs its &apos;fields&apos;.</source>
        <translation>文章编辑需要包含“fields”。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;helpful&apos; must be true or false, not {value}.</source>
        <translation>“helpful”必须是 true 或 false，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The article is {status}; only an operator, an admin or a knowledge-base editor can edit it.</source>
        <translation>该文章处于“{status}”状态；只有操作员、管理员或知识库编辑可以编辑。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The draft belongs to {author}; only an operator, an admin or a knowledge-base editor can edit a colleague&apos;s draft.</source>
        <translation>该草稿属于 {author}；只有操作员、管理员或知识库编辑可以编辑同事的草稿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only an operator, an admin or a knowledge-base editor can publish, archive or reopen an article.</source>
        <translation>只有操作员、管理员或知识库编辑可以发布、归档或重新打开文章。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The article is {status}; only an operator or an admin can edit it.</source>
        <translation>该文章处于“{status}”状态；只有操作员或管理员可以编辑。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The draft belongs to {author}; only an operator or an admin can edit a colleague&apos;s draft.</source>
        <translation>该草稿属于 {author}；只有操作员或管理员可以编辑同事的草稿。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only an operator or an admin can publish, archive or reopen an article.</source>
        <translation>只有操作员或管理员可以发布、归档或重新打开文章。</translation>
    </message>
    <message>
        <location filename="indirect_signin.py" line="+15"/>
        <source>{server_url!r} is not a server address; use https://host[:port].</source>
        <translation>{server_url!r} 不是服务器地址；请使用 https://host[:port] 这样的地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot use the CA file {ca_file}: {reason}.</source>
        <translation>无法使用 CA 文件 {ca_file}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server {server_url} did not answer in time; check the network and try again.</source>
        <translation>服务器 {server_url} 未及时响应；请检查网络后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server {server_url} presented a certificate that could not be verified ({reason}); give its CA bundle with --ca-file.</source>
        <translation>服务器 {server_url} 提供的证书无法校验（{reason}）；请用 --ca-file 指定其 CA 证书包。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot reach the server {server_url} ({reason}); check the address and the network. You can keep working offline.</source>
        <translation>无法连接服务器 {server_url}（{reason}）；请检查地址和网络。你可以继续离线工作。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The connection to {server_url} failed ({reason}); try again.</source>
        <translation>与 {server_url} 的连接失败（{reason}）；请重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{server_url} answered with something other than OpExDesk JSON (HTTP {status}); check the address.</source>
        <translation>{server_url} 返回的不是 OpExDesk 的 JSON 数据（HTTP {status}）；请检查地址。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in failed: {detail}</source>
        <translation>登录失败：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} has no OpExDesk sync API (HTTP 404); check the address.</source>
        <translation>{server_url} 上没有 OpExDesk 同步接口（HTTP 404）；请检查地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server failed (HTTP {status}: {detail}); try again later.</source>
        <translation>服务器出错（HTTP {status}：{detail}）；请稍后重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the request (HTTP {status}): {detail}</source>
        <translation>服务器拒绝了请求（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not signed in: sign in to the server first.</source>
        <translation>尚未登录：请先登录服务器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} is not an OpExDesk server (its /api/v1/health answer was HTTP {status} without the OpExDesk signature); check the address.</source>
        <translation>{server_url} 不是 OpExDesk 服务器（其 /api/v1/health 的响应为 HTTP {status}，没有 OpExDesk 标识）；请检查地址。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The OpExDesk server at {server_url} is not healthy (HTTP {status}: {detail}); try again later.</source>
        <translation>{server_url} 上的 OpExDesk 服务器状态异常（HTTP {status}：{detail}）；请稍后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{server_url} sent an unexpected sign-in answer.</source>
        <translation>{server_url} 返回了意外的登录响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in as {username!r} failed: {detail}</source>
        <translation>以 {username!r} 身份登录失败：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The saved sign-in is no longer valid ({detail}); sign in again.</source>
        <translation>保存的登录已失效（{detail}）；请重新登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{server_url} sent an unexpected pull answer.</source>
        <translation>{server_url} 返回了意外的拉取响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} sent an unexpected snapshot answer.</source>
        <translation>{server_url} 返回了意外的快照响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unexpected answer HTTP {status} to a blob query.</source>
        <translation>附件查询收到意外的响应 HTTP {status}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server refused the attachment: {detail}</source>
        <translation>服务器拒绝了附件：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} sent an unexpected blob answer.</source>
        <translation>{server_url} 返回了意外的附件响应。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attachment {name}… is not available: {detail}</source>
        <translation>附件 {name}… 不可用：{detail}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} did not answer the change stream with server-sent events.</source>
        <translation>{server_url} 没有以服务器推送事件（SSE）响应变更流。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server keeps ending the change stream for the sign-in; reconnecting later.</source>
        <translation>服务器因登录问题不断结束变更流；稍后重新连接。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server is restarting; the change stream ended.</source>
        <translation>服务器正在重启；变更流已结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change stream ended unexpectedly.</source>
        <translation>变更流意外结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{server_url} sent a change event without a server_seq.</source>
        <translation>{server_url} 发送的变更事件缺少 server_seq。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No secure keyring is available, so OpExDesk cannot remember your sign-in (keyring backend: {backend}). Start a keyring service (for example GNOME Keyring or KWallet) and sign in again; until then you can keep working offline.</source>
        <translation>没有可用的安全密钥环，因此 OpExDesk 无法记住你的登录（密钥环后端：{backend}）。请启动密钥环服务（例如 GNOME Keyring 或 KWallet）后重新登录；在此之前你可以继续离线工作。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The keyring refused to store the sign-in: {reason}</source>
        <translation>密钥环拒绝保存登录信息：{reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The keyring could not be read: {reason}</source>
        <translation>无法读取密钥环：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No keyring available: sign in each time. OpExDesk keeps your sign-in in memory until it closes.</source>
        <translation>没有可用的密钥环：每次都需要登录。OpExDesk 在关闭前会把你的登录保存在内存中。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the server address and your user name.</source>
        <translation>请输入服务器地址和你的用户名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This database syncs with {bound}, not {url}; use a separate data directory (--basedir) for another server.</source>
        <translation>此数据库与 {bound} 同步，而不是 {url}；如需连接其他服务器，请使用单独的数据目录（--basedir）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate of {server_url} could not be verified with the chosen CA certificate; check that it is your organisation&apos;s CA.</source>
        <translation>无法用所选的 CA 证书校验 {server_url} 的证书；请确认它是你所在组织的 CA。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The certificate of {server_url} could not be verified. If your organisation uses its own certificate authority, tick &quot;Use a custom CA certificate&quot; and choose its CA file.</source>
        <translation>无法校验 {server_url} 的证书。如果你的组织使用自己的证书颁发机构，请勾选“使用自定义 CA 证书”并选择其 CA 文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in as {username!r} failed: {detail} Check the user name and password, then try again.</source>
        <translation>以 {username!r} 身份登录失败：{detail} 请检查用户名和密码，然后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sign-in failed: {detail} Check the user name and password, then try again.</source>
        <translation>登录失败：{detail} 请检查用户名和密码，然后重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the server address (https://host[:port]).</source>
        <translation>请输入服务器地址（https://host[:port]）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected: {server_url} is an OpExDesk server.</source>
        <translation>已连接：{server_url} 是 OpExDesk 服务器。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync failed: {error}</source>
        <translation>同步失败：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: the welcome was cancelled.</source>
        <translation>已停止：欢迎向导已取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped by the user; the rest follows in the next round.</source>
        <translation>已由用户停止；其余部分将在下一轮同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{name!r} is not an attachment name (a SHA-256).</source>
        <translation>{name!r} 不是附件名称（SHA-256）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The attachment {sha}… is missing from {folder}.</source>
        <translation>附件 {sha}… 不在 {folder} 中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The upload of {sha}… keeps moving on the server; it will be retried.</source>
        <translation>附件 {sha}… 在服务器上的上传位置不断变化；稍后将重试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The downloaded attachment {sha}… is damaged (its SHA-256 does not match); it will be downloaded again.</source>
        <translation>下载的附件 {sha}… 已损坏（SHA-256 不匹配）；将重新下载。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The attachment {sha}… is {size}; attachments are limited to {limit}.</source>
        <translation>附件 {sha}… 大小为 {size}；附件上限为 {limit}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server sent more than {limit:,} bytes for {sha}….</source>
        <translation>服务器为 {sha}… 发送的数据超过 {limit:,} 字节。</translation>
    </message>
    <message>
        <location filename="indirect_settings.py" line="+22"/>
        <source>SLA policy has no target for {priorities}.</source>
        <translation>SLA 策略缺少 {priorities} 的目标。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{priority}: SLA targets must be positive.</source>
        <translation>{priority}：SLA 目标必须大于零。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{priority}: the response target is longer than the resolution target.</source>
        <translation>{priority}：响应目标比解决目标还长。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{statuses} cannot pause the clock: it stops it (see docs/sla.md).</source>
        <translation>{statuses}不能暂停 SLA 计时：该状态会停止计时（参见 docs/sla.md）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Warning thresholds must satisfy 0 &lt; warning &lt; critical &lt; 1 (got warning={warning}, critical={critical}).</source>
        <translation>预警阈值必须满足 0 &lt; warning &lt; critical &lt; 1（当前 warning={warning}，critical={critical}）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SLA policy must be an object (a JSON dict).</source>
        <translation>SLA 策略必须是一个对象（JSON 字典）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown SLA policy keys: {keys}.</source>
        <translation>未知的 SLA 策略键：{keys}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA policy name must be text.</source>
        <translation>SLA 策略名称必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar must be an object (a JSON dict).</source>
        <translation>日历必须是一个对象（JSON 字典）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA policy is not valid JSON: {error}.</source>
        <translation>SLA 策略不是有效的 JSON：{error}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{what}: {value!r} is not a duration; write hours and minutes such as &apos;8h&apos;, &apos;1h30m&apos; or &apos;15m&apos; (days are not accepted: a business day is ambiguous).</source>
        <translation>{what}：{value!r} 不是时长；请用小时和分钟表示，例如 &apos;8h&apos;、&apos;1h30m&apos; 或 &apos;15m&apos;（不接受天数：工作日的长度不明确）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{what}: a target must be longer than zero.</source>
        <translation>{what}：目标必须大于零。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{priority} {target}: {value!r} is not a duration; write hours and minutes such as &apos;8h&apos;, &apos;1h30m&apos; or &apos;15m&apos; (days are not accepted: a business day is ambiguous).</source>
        <translation>{priority} {target}目标：{value!r} 不是时长；请用小时和分钟表示，例如 &apos;8h&apos;、&apos;1h30m&apos; 或 &apos;15m&apos;（不接受天数：工作日的长度不明确）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{priority} {target}: a target must be longer than zero.</source>
        <translation>{priority} {target}目标：目标必须大于零。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA targets must be an object keyed by priority (P1..).</source>
        <translation>SLA 目标必须是以优先级（P1..）为键的对象。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown priority {key!r}; use {valid}.</source>
        <translation>未知的优先级 {key!r}；请使用 {valid}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{priority} has two targets.</source>
        <translation>{priority} 有两个目标。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{priority}: give exactly &apos;response&apos; and &apos;resolution&apos;.</source>
        <translation>{priority}：必须且只能给出 &apos;response&apos; 和 &apos;resolution&apos;。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pausing_statuses must be a list of statuses.</source>
        <translation>pausing_statuses 必须是状态列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown status {status!r}.</source>
        <translation>未知的状态 {status!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warnings must be an object with &apos;warning&apos; and &apos;critical&apos; shares (0..1).</source>
        <translation>warnings 必须是包含 &apos;warning&apos; 和 &apos;critical&apos; 比例（0..1）的对象。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{key} must be a number such as 0.75, got {value!r}.</source>
        <translation>{key} 必须是数字（例如 0.75），实际为 {value!r}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{field} must be a datetime, got {value!r}.</source>
        <translation>{field} 必须是日期时间，实际为 {value!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} {moment} has no time zone; use an aware datetime.</source>
        <translation>{field} {moment} 没有时区；请使用带时区的日期时间。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{field} {moment} is out of range.</source>
        <translation>{field} {moment} 超出范围。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone must be an IANA name, got {name!r}.</source>
        <translation>时区必须是 IANA 名称，实际为 {name!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown time zone {name!r}; use an IANA name such as &apos;Europe/Berlin&apos; or &apos;UTC&apos;.</source>
        <translation>未知的时区 {name!r}；请使用 IANA 名称，例如 &apos;Asia/Shanghai&apos; 或 &apos;UTC&apos;。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown calendar keys: {keys}.</source>
        <translation>未知的日历键：{keys}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar name must be text.</source>
        <translation>日历名称必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business seconds must be a number, got {value!r}.</source>
        <translation>工作时间秒数必须是数字，实际为 {value!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business seconds must be between 0 and {limit}, got {value!r}.</source>
        <translation>工作时间秒数必须在 0 到 {limit} 之间，实际为 {value!r}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Business time runs past the year 9999.</source>
        <translation>工作时间超出了 9999 年。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working hours need exactly seven days, Monday first.</source>
        <translation>工作时间必须正好包含七天，从星期一开始。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}: interval {interval} is empty or reversed.</source>
        <translation>{day}：时间段 {interval} 为空或起止颠倒。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}: interval {interval} overlaps the one before.</source>
        <translation>{day}：时间段 {interval} 与前一个时间段重叠。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The calendar has no working hours on any day.</source>
        <translation>该日历每天都没有工作时间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday {holiday} ends before it starts.</source>
        <translation>假日 {holiday} 的结束日期早于开始日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday {holiday} is longer than a year.</source>
        <translation>假日 {holiday} 超过一年。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holidays overlap: {first} and {second}; list each date once.</source>
        <translation>假日重叠：{first} 与 {second}；每个日期只能列出一次。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{day}: {time!r} is not a valid time of day.</source>
        <translation>{day}：{time!r} 不是有效的时刻。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}: give a list of &apos;HH:MM-HH:MM&apos; intervals.</source>
        <translation>{day}：请给出 &apos;HH:MM-HH:MM&apos; 时间段的列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}: {item!r} is not an &apos;HH:MM-HH:MM&apos; interval.</source>
        <translation>{day}：{item!r} 不是 &apos;HH:MM-HH:MM&apos; 格式的时间段。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{day}: {item!r} ends before it starts; split a night shift at midnight (e.g. &apos;22:00-24:00&apos; and the next day &apos;00:00-06:00&apos;).</source>
        <translation>{day}：{item!r} 的结束时间早于开始时间；夜班请在午夜拆分（例如 &apos;22:00-24:00&apos; 和次日的 &apos;00:00-06:00&apos;）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Working hours must be &apos;24x7&apos; or an object per weekday.</source>
        <translation>工作时间必须是 &apos;24x7&apos; 或按星期几给出的对象。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown weekday {key!r}; use {days}.</source>
        <translation>未知的星期 {key!r}；请使用 {days}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday start {value!r} is not a date (YYYY-MM-DD).</source>
        <translation>假日开始日期 {value!r} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday end {value!r} is not a date (YYYY-MM-DD).</source>
        <translation>假日结束日期 {value!r} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday {value!r} is not a date (YYYY-MM-DD).</source>
        <translation>假日 {value!r} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holidays must be a list.</source>
        <translation>假日必须是列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown holiday keys: {keys}.</source>
        <translation>未知的假日键：{keys}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday name must be text.</source>
        <translation>假日名称必须是文本。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday {item!r} is not a date or an object.</source>
        <translation>假日 {item!r} 既不是日期也不是对象。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An SLA policy is a JSON object.</source>
        <translation>SLA 策略必须是 JSON 对象。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown setting {key!r}; shared settings: {known}.</source>
        <translation>未知的设置 {key!r}；共享设置有：{known}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The SLA policy {policy!r} has no response and resolution target for priority {names}; add the target to the SLA policy first.</source>
        <translation>SLA 策略 {policy!r} 没有优先级 {names} 的响应和解决目标；请先在 SLA 策略中添加该目标。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The priority matrix in force uses priority {names}, which this SLA policy has no target for; keep the target, or remove the level from the matrix first.</source>
        <translation>当前生效的优先级矩阵使用了优先级 {names}，而此 SLA 策略没有它的目标；请保留该目标，或先从矩阵中删除该级别。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} ticket has {axis} {level} ({label}); {open} of them open. The new matrix has {axis} levels 1 to {size}: change the {axis} of those tickets first.</source>
        <translation>有 {count} 张工单的{axis}为 {level}（{label}），其中 {open} 张未结。新矩阵的{axis}级别为 1 到 {size}：请先修改这些工单的{axis}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{count} tickets have {axis} {level} ({label}); {open} of them open. The new matrix has {axis} levels 1 to {size}: change the {axis} of those tickets first.</source>
        <translation>有 {count} 张工单的{axis}为 {level}（{label}），其中 {open} 张未结。新矩阵的{axis}级别为 1 到 {size}：请先修改这些工单的{axis}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only an administrator may change this setting.</source>
        <translation>只有管理员可以更改此设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server address must not contain spaces.</source>
        <translation>服务器地址不能包含空格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{url}” is not a server address; use https://host[:port].</source>
        <translation>“{url}”不是服务器地址；请使用 https://主机[:端口]。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{url}” has an invalid port number.</source>
        <translation>“{url}”的端口号无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use https:// for a server on the network (http is allowed for localhost only).</source>
        <translation>网络上的服务器请使用 https://（http 仅允许用于 localhost）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server address must not contain a query, a fragment or a user name.</source>
        <translation>服务器地址不能包含查询参数、片段或用户名。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a full folder path (starting from the root).</source>
        <translation>请选择完整的文件夹路径（从根目录开始）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} 是文件，不是文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder {path} is not writable.</source>
        <translation>文件夹 {path} 不可写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the CA certificate file, or leave the option off.</source>
        <translation>请选择 CA 证书文件，或关闭此选项。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The CA certificate file {name} does not exist.</source>
        <translation>CA 证书文件 {name} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync interval must be a whole number of seconds.</source>
        <translation>同步间隔必须是整数秒。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync interval must be between {low} and {high} seconds (it is {value}).</source>
        <translation>同步间隔必须在 {low} 到 {high} 秒之间（当前为 {value}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown theme {theme!r}; use light, dark or system.</source>
        <translation>未知的主题 {theme!r}；请使用 light、dark 或 system。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown language {language!r}; use en, zh_CN or system.</source>
        <translation>未知的语言 {language!r}；请使用 en、zh_CN 或 system。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} must be true or false.</source>
        <translation>{name} 必须是 true 或 false。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a data folder.</source>
        <translation>请选择数据文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the settings version {version!r} is not a version number</source>
        <translation>设置版本 {version!r} 不是版本号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the settings file is from a newer OpExDesk (settings version {version}; this version reads up to {current})</source>
        <translation>设置文件来自更新版本的 OpExDesk（设置版本 {version}；此版本最多读取到 {current}）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>migration from version {version} did not finish</source>
        <translation>从版本 {version} 的迁移未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the settings file does not hold a JSON object</source>
        <translation>设置文件中不是 JSON 对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} has the wrong type ({type})</source>
        <translation>{name} 的类型错误（{type}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown theme {theme!r}</source>
        <translation>未知的主题 {theme!r}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings file {path} was written by a newer version of OpExDesk. It is left as it is; this version runs with default settings and does not save them. Update OpExDesk to use your settings.</source>
        <translation>设置文件 {path} 由更新版本的 OpExDesk 写入。该文件保持不变；此版本使用默认设置运行，且不会保存设置。请更新 OpExDesk 以使用你的设置。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot read the settings file {path} ({reason}); default settings are used for now.</source>
        <translation>无法读取设置文件 {path}（{reason}）；暂时使用默认设置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The settings file {path} is damaged ({reason}) and could not be moved aside ({error}); default settings are used and it is not overwritten.</source>
        <translation>设置文件 {path} 已损坏（{reason}），且无法移到一旁（{error}）；将使用默认设置，该文件不会被覆盖。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The settings file was damaged ({reason}). It was kept as {path}; default settings are used.</source>
        <translation>设置文件已损坏（{reason}）。它已保留为 {path}；将使用默认设置。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This is already the data folder.</source>
        <translation>这已经是数据文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new folder cannot be inside the current data folder.</source>
        <translation>新文件夹不能位于当前数据文件夹之内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new folder cannot contain the current data folder.</source>
        <translation>新文件夹不能包含当前数据文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder {path} is not empty; choose an empty or a new folder.</source>
        <translation>文件夹 {path} 不为空；请选择一个空文件夹或新文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data folder {path} does not exist.</source>
        <translation>数据文件夹 {path} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copying the data to {path} failed: {error}</source>
        <translation>将数据复制到 {path} 失败：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The copy of {name} does not match the original.</source>
        <translation>{name} 的副本与原文件不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The copy of {name} failed its check: {check}.</source>
        <translation>{name} 的副本未通过检查：{check}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The copy of {name} does not hold the same rows.</source>
        <translation>{name} 的副本与原文件的数据行不一致。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local data was not erased: the settings cannot be saved ({error}).</source>
        <translation>本地数据未被清除：无法保存设置（{error}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local data in {path} was erased as asked.</source>
        <translation>已按要求清除 {path} 中的本地数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data could not be moved to {new}: {error} OpExDesk keeps using {old}.</source>
        <translation>无法将数据移动到 {new}：{error} OpExDesk 将继续使用 {old}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data move to {new} is not finished: the settings cannot be saved ({error}).</source>
        <translation>数据移动到 {new} 未完成：无法保存设置（{error}）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data now lives in {new}; the old folder {old} could not be removed.</source>
        <translation>数据现在位于 {new}；无法删除旧文件夹 {old}。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data now lives in {new}; the old folder {old} was removed.</source>
        <translation>数据现在位于 {new}；旧文件夹 {old} 已删除。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New P1: {number} {title}</source>
        <translation>新的 P1 工单：{number} {title}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New P1 ticket</source>
        <translation>新的 P1 工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} new P1 tickets</source>
        <translation>{count} 张新的 P1 工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} new P1 tickets: {names}{more}</source>
        <translation>{count} 张新的 P1 工单：{names}{more}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number} breaches its {timer} target in {left}</source>
        <translation>{number} 的{timer}目标将在 {left}后超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA breach soon</source>
        <translation>SLA 即将超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} tickets near an SLA breach</source>
        <translation>{count} 张工单即将 SLA 超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} tickets near an SLA breach; first: {first}</source>
        <translation>{count} 张工单即将 SLA 超时；最早的：{first}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 sync conflict needs your choice</source>
        <translation>1 个同步冲突需要你处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} sync conflicts need your choice</source>
        <translation>{count} 个同步冲突需要你处理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="indirect_server_errors.py" line="+13"/>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account is disabled; ask an administrator to enable it.</source>
        <translation>此账户已停用；请联系管理员启用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This account is disabled; sign-in refused.</source>
        <translation>此账户已停用；登录被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account is disabled.</source>
        <translation>此账户已停用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account was disabled; sign-in refused.</source>
        <translation>此账户已被停用；登录被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This refresh token was already used; for safety every session of this device was signed out. Sign in again.</source>
        <translation>此刷新令牌已被使用过；为安全起见，此设备的所有会话均已退出登录。请重新登录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This session was signed out; sign in again.</source>
        <translation>此会话已退出登录；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password was changed; sign in again with the new password.</source>
        <translation>密码已更改；请使用新密码重新登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This refresh token was revoked; sign in again.</source>
        <translation>此刷新令牌已被撤销；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid refresh token; sign in again.</source>
        <translation>刷新令牌无效；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown refresh token; sign in again.</source>
        <translation>未知的刷新令牌；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The refresh token expired; sign in again.</source>
        <translation>刷新令牌已过期；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The access token was revoked; sign in again.</source>
        <translation>访问令牌已被撤销；请重新登录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The access token expired; refresh it.</source>
        <translation>访问令牌已过期；请刷新。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid access token.</source>
        <translation>访问令牌无效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many failed sign-in attempts for this account; try again in {wait} seconds.</source>
        <translation>此账户登录失败次数过多；请在 {wait} 秒后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Too many failed sign-in attempts from this address; try again in {wait} seconds.</source>
        <translation>来自此地址的登录失败次数过多；请在 {wait} 秒后重试。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This needs the role {names}; you are signed in as {role}.</source>
        <translation>此操作需要{names}角色；您当前的角色是{role}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{others} or {last}</source>
        <translation>{others}或{last}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The username &apos;{name}&apos; is already taken.</source>
        <translation>用户名“{name}”已被占用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No user named &apos;{name}&apos;.</source>
        <translation>没有名为“{name}”的用户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No user with id &apos;{user_id}&apos;.</source>
        <translation>没有 ID 为“{user_id}”的用户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The username is empty.</source>
        <translation>用户名为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The username is too long: at most {limit} characters.</source>
        <translation>用户名过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The username may contain only letters, digits and . _ @ + - (no spaces).</source>
        <translation>用户名只能包含字母、数字和 . _ @ + -（不能有空格）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The display name is empty.</source>
        <translation>显示名称为空。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The display name is too long: at most {limit} characters.</source>
        <translation>显示名称过长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The display name contains control characters.</source>
        <translation>显示名称包含控制字符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password is too short: use at least {limit} characters.</source>
        <translation>密码过短：至少使用 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password is too long: use at most {limit} characters.</source>
        <translation>密码过长：最多使用 {limit} 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password cannot be only spaces.</source>
        <translation>密码不能只包含空格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The password cannot be the username.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is the last active administrator: make another user an administrator first, so the server is never left without one.</source>
        <translation>这是最后一个启用中的管理员：请先将另一位用户设为管理员，以免服务器没有管理员。</translation>
    </message>
</context>
<context>
    <name>DownloadPage</name>
    <message>
        <location filename="../../opexdesk/ui/welcome/download_page.py" line="+39"/>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading demo data</source>
        <translation>正在加载演示数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First download</source>
        <translation>首次下载</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Creating {0} demo tickets…</source>
        <translation>正在创建 {0} 个演示工单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloading your team&apos;s open tickets…</source>
        <translation>正在下载团队的未结工单…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Downloading tickets: {0} of {1}</source>
        <translation>正在下载工单：{0} / {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading knowledge-base articles: {0} of {1}</source>
        <translation>正在下载知识库文章：{0} / {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Catching up with recent changes: {0} of {1}</source>
        <translation>正在获取最近的更改：{0} / {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending changes: {0} of {1}</source>
        <translation>正在发送更改：{0} / {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating demo tickets: {0} of {1}</source>
        <translation>正在创建演示工单：{0} / {1}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The download did not finish: {0}</source>
        <translation>下载未完成：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Demo data ready. Press Finish to start.</source>
        <translation>演示数据已就绪。按“完成”开始。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Downloaded {0} changes. Press Finish to start.</source>
        <translation>已下载 {0} 项更改。按“完成”开始。</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../opexdesk/ui/drafts.py" line="+119"/>
        <source>Restore unsaved edit</source>
        <translation>恢复未保存的编辑</translation>
    </message>
</context>
<context>
    <name>DuplicatesPanel</name>
    <message>
        <location filename="../../opexdesk/ui/triage/panels.py" line="-49"/>
        <source>Possible duplicates (D marks; Alt+Up/Down picks)</source>
        <translation>可能重复（按 D 标记；Alt+上/下 选择）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No similar open tickets.</source>
        <translation>没有相似的未结工单。</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../opexdesk/ui/locale_format.py" line="+29"/>
        <source>{0} d {1} h</source>
        <translation>{0}天{1}小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} d</source>
        <translation>{0}天</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../opexdesk/ui/tickets/formatting.py" line="+79"/>
        <source>{0} h {1} min</source>
        <translation>{0}小时{1}分钟</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/dashboard/tiles.py" line="+26"/>
        <location filename="../../opexdesk/ui/locale_format.py" line="+2"/>
        <location filename="../../opexdesk/ui/tickets/formatting.py" line="+2"/>
        <source>{0} h</source>
        <translation>{0}小时</translation>
    </message>
    <message>
        <location line="-2"/>
        <location filename="../../opexdesk/ui/locale_format.py" line="+2"/>
        <location filename="../../opexdesk/ui/tickets/formatting.py" line="+1"/>
        <source>{0} min</source>
        <translation>{0}分钟</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/locale_format.py" line="+9"/>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>in {0}</source>
        <translation>{0}后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} ago</source>
        <translation>{0}前</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+125"/>
        <source>Export articles as Markdown</source>
        <translation>将文章导出为 Markdown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder to write the .md files into</source>
        <translation>写入 .md 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/import_export/export_dialog.py" line="+53"/>
        <location line="+72"/>
        <source>Export tickets</source>
        <translation>导出工单</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>CSV (opens in spreadsheets)</source>
        <translation>CSV（可用电子表格打开）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (array of objects)</source>
        <translation>JSON（对象数组）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All tickets</source>
        <translation>全部工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets under the current filter</source>
        <translation>当前筛选条件下的工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Byte-order mark for Excel (UTF-8 with BOM)</source>
        <translation>为 Excel 添加字节顺序标记（带 BOM 的 UTF-8）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tickets:</source>
        <translation>工单：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting tickets</source>
        <translation>正在导出工单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0:,} of {1:,} tickets</source>
        <translation>{0:,} / {1:,} 个工单</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose a file in an existing folder.</source>
        <translation>请选择已有文件夹中的文件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Exported {0:,} tickets to {1} ({2:,} KB).</source>
        <translation>已将 {0:,} 个工单导出到 {1}（{2:,} KB）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancelled; no file was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The export failed; no file was written. ({0})</source>
        <translation>导出失败，未写入任何文件。（{0}）</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+2"/>
        <source>&amp;All articles</source>
        <translation>全部文章(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Published articles</source>
        <translation>已发布的文章(&amp;P)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/import_export/export_dialog.py" line="-64"/>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+2"/>
        <source>Exporting articles</source>
        <translation>正在导出文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File {0} of {1}</source>
        <translation>第 {0} 个文件，共 {1} 个</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Selected in the list ({0})</source>
        <translation>列表中选中的(&amp;S) ({0})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a folder to export into.</source>
        <translation>请选择要导出到的文件夹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} 是文件，不是文件夹。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The export failed; nothing was written: {0}</source>
        <translation>导出失败，未写入任何内容：{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported {0} article(s) to {1}.</source>
        <translation>已将 {0} 篇文章导出到 {1}。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/filter_bar.py" line="+54"/>
        <source>Search title, requester or number  (Ctrl+F)</source>
        <translation>搜索标题、请求人或编号 (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show tickets in these statuses</source>
        <translation>显示这些状态的工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open (not resolved or closed)</source>
        <translation>未结（未解决或关闭）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+147"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Any priority</source>
        <translation>任意优先级</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assignee:</source>
        <translation>处理人：</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Me ({0})</source>
        <translation>我 ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Open</source>
        <translation>未结</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../opexdesk/ui/kb/history_view.py" line="+45"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved by</source>
        <translation>保存者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The two versions are the same.</source>
        <translation>两个版本相同。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>unchanged lines not shown</source>
        <translation>未显示未更改的行</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Article history</source>
        <translation>文章历史</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Restore this version…</source>
        <translation>恢复此版本(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Select one version to see what it changed, or two to compare them.</source>
        <translation>选择一个版本查看其更改，或选择两个版本进行比较。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Version {0} restored as version {1}.</source>
        <translation>版本 {0} 已恢复为版本 {1}。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History: {0}</source>
        <translation>历史：{0}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} (current)</source>
        <translation>{0}（当前）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select one or two versions.</source>
        <translation>请选择一个或两个版本。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select at most two versions to compare.</source>
        <translation>最多选择两个版本进行比较。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Version {0} is the first version.</source>
        <translation>版本 {0} 是第一个版本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version {0} → version {1}; changed: {2}.</source>
        <translation>版本 {0} → 版本 {1}；更改：{2}。</translation>
    </message>
    <message>
        <location filename="indirect_kb.py" line="-10"/>
        <source>Created</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored from version {number}</source>
        <translation>从第 {number} 版恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported from {source}</source>
        <translation>导入自 {source}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflict resolved</source>
        <translation>冲突已解决</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/history_tab.py" line="+20"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>更改</translation>
    </message>
</context>
<context>
    <name>HitListModel</name>
    <message>
        <location filename="../../opexdesk/ui/kb/results.py" line="+109"/>
        <source>Linked</source>
        <translation>已关联</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="+33"/>
        <source>Import Markdown articles</source>
        <translation>导入 Markdown 文章</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose &amp;files…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose f&amp;older…</source>
        <translation>选择文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also import files exported from an older version (saved as new versions)</source>
        <translation>同时导入从旧版本导出的文件（保存为新版本）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Importing articles</source>
        <translation>正在导入文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File {0} of {1}</source>
        <translation>第 {0} 个文件，共 {1} 个</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Files with YAML front matter (see the format in the docs).</source>
        <translation>带 YAML 前置元数据的文件（格式见文档）。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The import failed; nothing was imported: {0}</source>
        <translation>导入失败，未导入任何内容：{0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消，未导入任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported: {0} new, {1} updated, {2} unchanged.</source>
        <translation>已导入：新增 {0}，更新 {1}，未变 {2}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was imported: {0} problem(s) found. Fix them and import again.</source>
        <translation>未导入任何内容：发现 {0} 个问题。请修正后重新导入。</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../opexdesk/ui/import_export/import_wizard.py" line="+60"/>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+80"/>
        <source>Import tickets from CSV</source>
        <translation>从 CSV 导入工单</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>A CSV file exported from another service desk</source>
        <translation>从其他服务台系统导出的 CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Empty title: use the first line of the description</source>
        <translation>标题为空时：使用描述的第一行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dates like 05/03/2024 are day first (5 March)</source>
        <translation>形如 05/03/2024 的日期为日在前（3 月 5 日）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1. Columns</source>
        <translation>1. 列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2. Values</source>
        <translation>2. 值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. Preview</source>
        <translation>3. 预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4. Validation</source>
        <translation>4. 校验</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Validate</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Importing tickets</source>
        <translation>正在导入工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0:,} of {1:,} rows</source>
        <translation>{0:,} / {1:,} 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0:,} rows checked</source>
        <translation>已检查 {0:,} 行</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{0}: {1}, {2}-separated, {3} columns</source>
        <translation>{0}：{1}，以{2}分隔，{3} 列</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>(now)</source>
        <translation>（当前时间）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Opening the file was cancelled.</source>
        <translation>已取消打开文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read the file: {0}</source>
        <translation>无法读取文件：{0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Validation stopped</source>
        <translation>校验已停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Imported {0:,} tickets ({1} to {2}) in {3:.1f} s. They sync with the rest of your changes.</source>
        <translation>已在 {3:.1f} 秒内导入 {0:,} 个工单（{1} 至 {2}）。它们会随你的其他更改一起同步。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} and was rolled back; nothing was imported. ({1})</source>
        <translation>{0}，已回滚；未导入任何内容。（{1}）</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="-193"/>
        <source>Detect (UTF-8 / UTF-16 with BOM)</source>
        <translation>自动检测（UTF-8 / 带 BOM 的 UTF-16）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Windows-1252 (Western Europe)</source>
        <translation>Windows-1252（西欧）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ISO-8859-1 (Latin-1)</source>
        <translation>ISO-8859-1（Latin-1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GB18030 (Simplified Chinese)</source>
        <translation>GB18030（简体中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Big5 (Traditional Chinese)</source>
        <translation>Big5（繁体中文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift JIS (Japanese)</source>
        <translation>Shift JIS（日语）</translation>
    </message>
    <message>
        <location filename="indirect_tickets.py" line="-100"/>
        <source>UTF-8 (with BOM)</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
</context>
<context>
    <name>KbSearchPanel</name>
    <message>
        <location filename="../../opexdesk/ui/kb/search_panel.py" line="+42"/>
        <source>Type to search the knowledge base (words, error codes, 中文).</source>
        <translation>输入内容搜索知识库（词语、错误代码、中文）。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Search articles (Ctrl+K)</source>
        <translation>搜索文章 (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All languages</source>
        <translation>全部语言</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>1 article</source>
        <translation>1 篇文章</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} articles</source>
        <translation>{0} 篇文章</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No articles match &apos;{0}&apos;.</source>
        <translation>没有与“{0}”匹配的文章。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Did you mean &apos;{0}&apos;?</source>
        <translation>你是不是要找“{0}”？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
</context>
<context>
    <name>KbSuggestionsPanel</name>
    <message>
        <location filename="../../opexdesk/ui/kb/suggestions_panel.py" line="+30"/>
        <source>Open a ticket to see suggested articles.</source>
        <translation>打开工单以查看推荐文章。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type a title or description to see suggested articles.</source>
        <translation>输入标题或描述以查看推荐文章。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This solved it</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link the selected article to this ticket</source>
        <translation>将选中的文章关联到此工单</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Articles that may help with this ticket:</source>
        <translation>可能对此工单有帮助的文章：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No suggested articles for this text.</source>
        <translation>此文本没有推荐文章。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggestions failed: {0}</source>
        <translation>获取推荐失败：{0}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Could not link the article: {0}</source>
        <translation>无法关联文章：{0}</translation>
    </message>
</context>
<context>
    <name>KbWindow</name>
    <message>
        <location filename="../../opexdesk/ui/kb/wiring.py" line="+44"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
</context>
<context>
    <name>KpiStripWidget</name>
    <message>
        <location filename="../../opexdesk/ui/dashboard/kpi_strip.py" line="+61"/>
        <source>Click to open the operations dashboard</source>
        <translation>点击打开运营仪表板</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Open P1: {0}</source>
        <translation>未结 P1：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breaches today: {0}</source>
        <translation>今日 SLA 超时：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My queue: {0}</source>
        <translation>我的队列：{0}</translation>
    </message>
</context>
<context>
    <name>KpiTiles</name>
    <message>
        <location filename="indirect_strings.py" line="-40"/>
        <source>Opened</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open backlog</source>
        <translation>未结积压</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response SLA</source>
        <translation>响应 SLA 达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution SLA</source>
        <translation>解决 SLA 达成率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaches</source>
        <translation>SLA 超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response (median)</source>
        <translation>首次响应（中位数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to resolve (median)</source>
        <translation>解决用时（中位数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen rate</source>
        <translation>重开率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First-contact resolution</source>
        <translation>首次解决率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue open</source>
        <translation>逾期未结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSAT</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/dashboard/tiles.py" line="+11"/>
        <source>none in window</source>
        <translation>本时段内无数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p90 {0} · n={1}</source>
        <translation>P90 {0} · 样本 {1}</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+1"/>
        <source>in window</source>
        <translation>本时段内</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none open</source>
        <translation>无未结工单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none measured</source>
        <translation>暂无统计数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1} met</source>
        <translation>{1} 个中达成 {0} 个</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>response {0} · resolution {1}</source>
        <translation>响应 {0} · 解决 {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>of {0} resolved</source>
        <translation>基于 {0} 个已解决工单</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>open with a breached clock</source>
        <translation>SLA 已超时的未结工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no ratings recorded</source>
        <translation>未记录满意度评分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No satisfaction ratings are recorded for tickets, so CSAT cannot be shown.</source>
        <translation>工单未记录满意度评分，因此无法显示满意度。</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <location filename="../../opexdesk/ui/status_bar.py" line="+25"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>1 ticket</source>
        <translation>1 个工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} tickets</source>
        <translation>{0} 个工单</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} of {1} shown</source>
        <translation>显示 {0} / 共 {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../opexdesk/ui/main_window.py" line="+218"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Ticket</source>
        <translation>工单(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set &amp;status</source>
        <translation>设置状态(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>T&amp;ools</source>
        <translation>工具(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Ticket created.</source>
        <translation>工单已创建。</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+8"/>
        <location line="+14"/>
        <source>Select a ticket first.</source>
        <translation>请先选择一个工单。</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Set to {0}.</source>
        <translation>已设为“{0}”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot assign the ticket</source>
        <translation>无法指派工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assigned to you.</source>
        <translation>已指派给你。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Delete ticket</source>
        <translation>删除工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete {0} “{1}” with its conversation, work log and attachments, on every device?
Reason (e.g. spam, entered twice):</source>
        <translation>在所有设备上删除 {0}“{1}”及其对话、工作日志和附件？
原因（例如：垃圾信息、重复录入）：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot delete the ticket</source>
        <translation>无法删除工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted {0}.</source>
        <translation>已删除 {0}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Signed in to {0} as {1}.</source>
        <translation>已以 {1} 身份登录 {0}。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Signed out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>&amp;Sign in again…</source>
        <translation>重新登录(&amp;S)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="indirect_strings.py" line="-64"/>
        <source>&amp;Sign in…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server asks you to sign in again (Sync &gt; Sign in…).</source>
        <translation>服务器要求你重新登录（同步 &gt; 登录…）。</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="-17"/>
        <source>&amp;New ticket…</source>
        <translation>新建工单(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find tickets</source>
        <translation>查找工单(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus the &amp;list</source>
        <translation>聚焦列表(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next ticket</source>
        <translation>下一个工单(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Previous ticket</source>
        <translation>上一个工单(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open in the editor</source>
        <translation>在编辑器中打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign to &amp;me</source>
        <translation>指派给我(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;comment</source>
        <translation>添加评论(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete ticket…</source>
        <translation>删除工单(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to New</source>
        <translation>设为“新建”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to Assigned</source>
        <translation>设为“已指派”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to In progress</source>
        <translation>设为“处理中”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to Pending</source>
        <translation>设为“挂起”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to Resolved</source>
        <translation>设为“已解决”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set to Closed</source>
        <translation>设为“已关闭”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Conflicts…</source>
        <translation>冲突(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find tickets on the server…</source>
        <translation>在服务器上查找工单(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Triage queue</source>
        <translation>分诊队列(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Priority matrix…</source>
        <translation>优先级矩阵(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Users…</source>
        <translation>用户(&amp;U)…</translation>
    </message>
</context>
<context>
    <name>MergeEditor</name>
    <message>
        <location filename="../../opexdesk/ui/sync/conflicts_view.py" line="-254"/>
        <source>Edit the merged {0}</source>
        <translation>编辑合并后的{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Merged text (yours, with the server&apos;s changes where possible)</source>
        <translation>合并后的文本(&amp;M)（你的版本，尽可能加入服务器的修改）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Theirs (server), for reference</source>
        <translation>对方的（服务器），供参考</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Use this text</source>
        <translation>使用此文本(&amp;U)</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/new_ticket_dialog.py" line="+83"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the ticket (Ctrl+Enter)</source>
        <translation>创建工单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Suggestions ({0} applies all)</source>
        <translation>建议（{0} 全部应用）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tinted fields were filled in from the suggestion; a field you set yourself is kept. {0} applies all suggestions.</source>
        <translation>着色字段已按建议填写；你自己设置的字段会保留。{0} 应用全部建议。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apply all suggestions</source>
        <translation>应用全部建议</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apply all suggestions ({0})</source>
        <translation>应用全部建议 ({0})</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Filled in (blue): {0}. A value you set yourself is kept.</source>
        <translation>已填写（蓝色）：{0}。你自己设置的值会保留。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Suggestions unavailable: {0}</source>
        <translation>建议不可用：{0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type a title or description: suggestions appear here.</source>
        <translation>输入标题或描述，建议将显示在这里。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Priority: {0}</source>
        <translation>优先级：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/new_ticket_dialog.ui" line="+20"/>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What is the problem, in a few words?</source>
        <translation>用几个词描述问题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Description</source>
        <translation>描述(&amp;D)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Details, steps to reproduce, error messages…</source>
        <translation>详细信息、重现步骤、错误消息…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Requester</source>
        <translation>请求人(&amp;R)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Site</source>
        <translation>地点(&amp;S)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Group</source>
        <translation>处理组(&amp;G)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Impact</source>
        <translation>影响(&amp;I)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Assignee</source>
        <translation>处理人(&amp;A)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Derived from impact × urgency by the priority matrix</source>
        <translation>由优先级矩阵根据影响 × 紧急程度得出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority: P3</source>
        <translation>优先级：P3</translation>
    </message>
</context>
<context>
    <name>PasswordForm</name>
    <message>
        <location filename="../../opexdesk/ui/sync/users_dialog.py" line="+24"/>
        <source>New password for {0}</source>
        <translation>{0} 的新密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user is signed out on every device.</source>
        <translation>该用户将在所有设备上退出登录。</translation>
    </message>
</context>
<context>
    <name>PriorityMatrixDialog</name>
    <message>
        <location filename="../../opexdesk/ui/priority_matrix_dialog.py" line="+46"/>
        <source>Priority matrix</source>
        <translation>优先级矩阵</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Impact levels</source>
        <translation>影响级别(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Urgency levels</source>
        <translation>紧急程度级别(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Priority levels</source>
        <translation>优先级级别(&amp;P)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Every device uses this matrix once it has synced. Level 1 is the most severe impact, the most urgent urgency and the most urgent priority; a more severe case may never give a less urgent priority, and every priority needs an SLA target.</source>
        <translation>所有设备同步后都会使用此矩阵。级别 1 表示影响最严重、最紧急、优先级最高；更严重的情况绝不能得到更低的优先级，且每个优先级都需要 SLA 目标。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only an administrator can change the matrix.</source>
        <translation>只有管理员可以修改矩阵。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Priorities (1 = most urgent):</source>
        <translation>优先级（1 = 最紧急）：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name of impact level {0}</source>
        <translation>影响级别 {0} 的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of urgency level {0}</source>
        <translation>紧急程度级别 {0} 的名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of priority {0}</source>
        <translation>优先级 {0} 的名称</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Impact \ Urgency</source>
        <translation>影响 \ 紧急程度</translation>
    </message>
</context>
<context>
    <name>PriorityOverrideDialog</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/priority_override_dialog.py" line="+41"/>
        <source>Override priority</source>
        <translation>手动设置优先级</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Derived from impact × urgency ({0})</source>
        <translation>根据影响 × 紧急程度得出（{0}）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why it differs from the matrix</source>
        <translation>与矩阵结果不同的原因</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Priority</source>
        <translation>优先级(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ProgressRun</name>
    <message>
        <location filename="../../opexdesk/ui/progress_run.py" line="+42"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../opexdesk/ui/import_export/report_panel.py" line="+35"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Copy report</source>
        <translation>复制报告(&amp;C)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Validate to check every row before importing.</source>
        <translation>导入前请先校验，检查每一行。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>All {0:,} rows are valid. Import writes them all in one step.</source>
        <translation>全部 {0:,} 行均有效。导入会一次性写入所有行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> (the first {0:,} are listed)</source>
        <translation>（列出前 {0:,} 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0:,} problems in {1:,} of {2:,} rows{3}. Fix the file or the mapping; nothing is imported while any row is invalid.</source>
        <translation>{2:,} 行中有 {1:,} 行存在 {0:,} 个问题{3}。请修正文件或映射；只要有任何一行无效，就不会导入任何内容。</translation>
    </message>
</context>
<context>
    <name>ServerSearchDialog</name>
    <message>
        <location filename="../../opexdesk/ui/sync/server_search_dialog.py" line="+52"/>
        <source>Find tickets on the server</source>
        <translation>在服务器上查找工单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ticket number, or words of the title or requester; Enter searches</source>
        <translation>工单编号，或标题、请求人中的词语；按 Enter 搜索</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requester</source>
        <translation>请求人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On this device</source>
        <translation>已在此设备上</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tickets not on this device (older or other people&apos;s) are found here.</source>
        <translation>在这里查找不在此设备上的工单（较早的或其他人的）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Download and open</source>
        <translation>下载并打开(&amp;D)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Searching the server…</source>
        <translation>正在搜索服务器…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No ticket on the server matches.</source>
        <translation>服务器上没有匹配的工单。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than {0} tickets match: add words to narrow the search.</source>
        <translation>匹配的工单超过 {0} 个：请添加词语缩小搜索范围。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 ticket found.</source>
        <translation>找到 1 个工单。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} tickets found.</source>
        <translation>找到 {0} 个工单。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+42"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Downloading… ({0})</source>
        <translation>正在下载…（{0}）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 ticket is now on this device.</source>
        <translation>1 个工单现已在此设备上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} tickets are now on this device.</source>
        <translation>{0} 个工单现已在此设备上。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../opexdesk/ui/settings_dialog.py" line="+92"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Server</source>
        <translation>服务器(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This database syncs with {0}.</source>
        <translation>此数据库与 {0} 同步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server add&amp;ress:</source>
        <translation>服务器地址(&amp;R)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use a custom &amp;CA certificate</source>
        <translation>使用自定义 CA 证书(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CA file:</source>
        <translation>CA 文件：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync &amp;every:</source>
        <translation>同步间隔(&amp;E)：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show a desktop notification for:</source>
        <translation>以下情况显示桌面通知：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;P1 tickets</source>
        <translation>新的 P1 工单(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA &amp;breach soon</source>
        <translation>SLA 即将超时(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync c&amp;onflicts that need attention</source>
        <translation>需要处理的同步冲突(&amp;O)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This database syncs with {0}; use a separate data folder for another server.</source>
        <translation>此数据库与 {0} 同步；其他服务器请使用单独的数据文件夹。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot save the settings: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="+73"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../opexdesk/ui/shortcuts_dialog.py" line="+40"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/triage/keymap.py" line="+63"/>
        <source>Triage: next / previous ticket</source>
        <translation>分诊：下一个 / 上一个工单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Triage: impact 1 (most severe) … 5 (as many as the priority matrix has)</source>
        <translation>分诊：影响 1（最严重）… 5（以优先级矩阵的级别数为准）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Triage: urgency 1 (most urgent) … 5 (as many as the priority matrix has)</source>
        <translation>分诊：紧急程度 1（最紧急）… 5（以优先级矩阵的级别数为准）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Triage: category… / assignee group…</source>
        <translation>分诊：类别… / 处理组…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Triage: assign to me / to the suggested person</source>
        <translation>分诊：指派给我 / 指派给建议的人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Triage: apply the classifier&apos;s suggestion</source>
        <translation>分诊：应用分类器的建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Triage: mark as duplicate of the highlighted candidate</source>
        <translation>分诊：标记为高亮候选工单的重复</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Triage: highlight next / previous duplicate candidate</source>
        <translation>分诊：高亮下一个 / 上一个重复候选</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Triage: mark a person away / back (this device)…</source>
        <translation>分诊：标记人员离开 / 在岗（此设备）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Triage: select for a bulk action (and move on)</source>
        <translation>分诊：选中用于批量操作（并前进）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Triage: select the whole queue / clear the selection</source>
        <translation>分诊：选中整个队列 / 清除选择</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Triage: undo the last triage action</source>
        <translation>分诊：撤销上一次分诊操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triage: reload the queue</source>
        <translation>分诊：重新加载队列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Triage: these keys</source>
        <translation>分诊：这些按键</translation>
    </message>
    <message>
        <location filename="indirect_strings.py" line="-14"/>
        <source>Next / previous ticket (in the list)</source>
        <translation>下一个 / 上一个工单（在列表中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First / last ticket (in the list)</source>
        <translation>第一个 / 最后一个工单（在列表中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the search (in the search field)</source>
        <translation>清除搜索（在搜索框中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the ticket (in the editor)</source>
        <translation>保存工单（在编辑器中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the list (in the editor)</source>
        <translation>返回列表（在编辑器中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the reply or note (in the composer)</source>
        <translation>发送回复或备注（在撰写框中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the priority by hand, with a reason (in the editor)</source>
        <translation>手动设置优先级并说明原因（在编辑器中）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply all suggestions (in the New ticket dialog)</source>
        <translation>应用全部建议（在“新建工单”对话框中）</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../opexdesk/ui/sync/sign_in_dialog.py" line="+48"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Work &amp;offline</source>
        <translation>离线工作(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep working on this computer only</source>
        <translation>仅在此计算机上继续工作</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose the CA certificate file, or untick the option.</source>
        <translation>请选择 CA 证书文件，或取消勾选该选项。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This database is bound to this server.</source>
        <translation>此数据库已绑定到该服务器。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sign-in failed: {0}</source>
        <translation>登录失败：{0}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>CA certificate</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in_dialog.ui" line="+20"/>
        <source>Sign in to the sync server</source>
        <translation>登录同步服务器</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sign in to share your tickets with the team. Your work stays on this computer either way.</source>
        <translation>登录后即可与团队共享工单。无论是否登录，你的工作都会保存在此计算机上。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ser&amp;ver address</source>
        <translation>服务器地址(&amp;V)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>https://desk.example.com</source>
        <translation>https://desk.example.com</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Use a custom &amp;CA certificate</source>
        <translation>使用自定义 CA 证书(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>CA &amp;file</source>
        <translation>CA 文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>PEM file, e.g. company-ca.pem</source>
        <translation>PEM 文件，例如 company-ca.pem</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Server certificates are always checked. If your organisation runs its own certificate authority, tick the option above and choose its CA file.</source>
        <translation>服务器证书始终会被校验。如果你的组织使用自己的证书颁发机构，请勾选上面的选项并选择其 CA 文件。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../opexdesk/ui/welcome/pages.py" line="+40"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your account on {0}.</source>
        <translation>你在 {0} 上的账户。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign-in failed: {0}</source>
        <translation>登录失败：{0}</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <location filename="../../opexdesk/ui/single_instance.py" line="+118"/>
        <source>OpExDesk is already running with the data in {0}, but it did not answer. It may still be updating its database: wait a moment, or close it and start again.</source>
        <translation>OpExDesk 已在使用 {0} 中的数据运行，但没有响应。它可能仍在更新数据库：请稍候，或将其关闭后重新启动。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>OpExDesk is already running with the data in {0}.</source>
        <translation>OpExDesk 已在使用 {0} 中的数据运行。</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <location filename="../../opexdesk/ui/application.py" line="+272"/>
        <source>{0} cannot start</source>
        <translation>{0} 无法启动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} cannot start.</source>
        <translation>{0} 无法启动。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}

Details are in the log file:
{1}</source>
        <translation>{0}

详细信息见日志文件：
{1}</translation>
    </message>
</context>
<context>
    <name>SuggestedFields</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/suggestion_fields.py" line="+165"/>
        <source>Suggested ({0:.0%} sure)</source>
        <translation>建议（把握 {0:.0%}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, because of: {0}</source>
        <translation>，依据：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>. Change it to use your own value.</source>
        <translation>。修改即可使用你自己的值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>suggested value</source>
        <translation>建议值</translation>
    </message>
</context>
<context>
    <name>SuggestionPanel</name>
    <message>
        <location filename="../../opexdesk/ui/triage/panels.py" line="-111"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Suggestion (S applies it)</source>
        <translation>建议（按 S 应用）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Thinking…</source>
        <translation>分析中…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>because of: {0}</source>
        <translation>依据：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No suggestion for this text.</source>
        <translation>此文本没有建议。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../opexdesk/ui/sync/sync_controller.py" line="+227"/>
        <source>Sync failed: {0}</source>
        <translation>同步失败：{0}</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <location filename="../../opexdesk/ui/sync/sync_indicator.py" line="+23"/>
        <source>Not signed in — working locally</source>
        <translation>未登录——本地工作</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <source>Receiving</source>
        <translation>正在接收</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Downloading tickets</source>
        <translation>正在下载工单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading the knowledge base</source>
        <translation>正在下载知识库</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes are kept on this computer.</source>
        <translation>更改保存在此计算机上。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the current page (safe)</source>
        <translation>在当前页完成后停止（安全）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the conflicts (Ctrl+Shift+K)</source>
        <translation>打开冲突列表 (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1 conflict</source>
        <translation>1 个冲突</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} conflicts</source>
        <translation>{0} 个冲突</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location line="-195"/>
        <source>1 change</source>
        <translation>1 项更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} changes</source>
        <translation>{0} 项更改</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} min</source>
        <translation>{0}分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} h</source>
        <translation>{0}小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} days</source>
        <translation>{0} 天</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dd MMM HH:mm</source>
        <translation>M月d日 HH:mm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>synced {0}</source>
        <translation>同步于 {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as {0} ({1}, knowledge-base editor)</source>
        <translation>已登录为 {0}（{1}，知识库编辑）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed in as {0} ({1})</source>
        <translation>已登录为 {0}（{1}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as {0}</source>
        <translation>已登录为 {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} waiting</source>
        <translation>{0}待发送</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes are kept on this computer. Sync &gt; Sign in… to share them.</source>
        <translation>更改保存在此计算机上。通过“同步 &gt; 登录…”即可共享。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending and receiving changes.</source>
        <translation>正在发送和接收更改。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offline — {0}</source>
        <translation>离线 — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline — working locally</source>
        <translation>离线 — 本地工作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server cannot be reached; changes are kept here and sent later.</source>
        <translation>无法连接服务器；更改保存在本地，稍后发送。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign-in needed</source>
        <translation>需要登录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server asks you to sign in again (Sync &gt; Sign in…).</source>
        <translation>服务器要求你重新登录（同步 &gt; 登录…）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync problem</source>
        <translation>同步出现问题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The last sync failed; it is retried automatically.</source>
        <translation>上次同步失败；将自动重试。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Up to date · {0}</source>
        <translation>已是最新 · {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In sync with {0}</source>
        <translation>已与 {0} 同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In sync.</source>
        <translation>已同步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} refused</source>
        <translation>{0} 被拒绝</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} refused by the server (see the ticket history).</source>
        <translation>{0}被服务器拒绝（见工单历史）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The oldest change waiting was made {0} ago and is not on the server yet.</source>
        <translation>等待中最早的更改是 {0}前做的，尚未到达服务器。</translation>
    </message>
</context>
<context>
    <name>TicketColumns</name>
    <message>
        <location filename="../../opexdesk/ui/models/ticket_columns.py" line="+70"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requester</source>
        <translation>请求人</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Overdue: the resolution was due {0}</source>
        <translation>已逾期：应于 {0} 前解决</translation>
    </message>
</context>
<context>
    <name>TicketDetailPane</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/detail_pane.py" line="+55"/>
        <source>This ticket changed; reload?</source>
        <translation>此工单已更改，是否重新加载？</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Select a ticket</source>
        <translation>请选择工单</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save ticket</source>
        <translation>保存工单</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back to the list</source>
        <translation>返回列表</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the stored ticket; your edits are dropped</source>
        <translation>显示已保存的工单；你的编辑将被丢弃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep my edits</source>
        <translation>保留我的编辑</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+241"/>
        <source>Move to:</source>
        <translation>转到：</translation>
    </message>
    <message>
        <location line="-217"/>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+222"/>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>Priority (overridden: {0})</source>
        <translation>优先级（手动设置：{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority from impact × urgency</source>
        <translation>优先级由影响 × 紧急程度得出</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Closed tickets are final.</source>
        <translation>已关闭的工单不能再更改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set the status to {0}</source>
        <translation>将状态设为“{0}”</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Articles ({0})</source>
        <translation>文章 ({0})</translation>
    </message>
</context>
<context>
    <name>TicketFields</name>
    <message>
        <location filename="../../ui/ticket_fields.ui" line="+37"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Description</source>
        <translation>描述(&amp;D)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Re&amp;quester</source>
        <translation>请求人(&amp;Q)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>S&amp;ite</source>
        <translation>地点(&amp;I)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>G&amp;roup</source>
        <translation>处理组(&amp;R)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>I&amp;mpact</source>
        <translation>影响(&amp;M)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Derived from impact × urgency; not edited directly</source>
        <translation>由影响 × 紧急程度得出；不可直接编辑</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Assignee</source>
        <translation>处理人(&amp;A)</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Discard unsaved changes</source>
        <translation>放弃未保存的更改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the changed fields (Ctrl+S)</source>
        <translation>保存已更改的字段 (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
</context>
<context>
    <name>TicketFieldsForm</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/fields_form.py" line="+289"/>
        <source>Override…</source>
        <translation>手动设置…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the priority by hand, with a reason (Ctrl+Shift+P)</source>
        <translation>手动设置优先级并说明原因 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>set by hand: {0}</source>
        <translation>手动设置：{0}</translation>
    </message>
</context>
<context>
    <name>TicketFormatting</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/formatting.py" line="+45"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+11"/>
        <source>Changed {0}</source>
        <translation>修改了{0}</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>{0} — “{1}”</source>
        <translation>{0}——“{1}”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Created the ticket</source>
        <translation>创建了工单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added an internal note</source>
        <translation>添加了内部备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added a public reply</source>
        <translation>添加了公开回复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Logged work</source>
        <translation>记录了工时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attached a file</source>
        <translation>添加了附件</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Closed {0}</source>
        <translation>已于 {0} 关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved {0}</source>
        <translation>已于 {0} 解决</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Response overdue since {0}</source>
        <translation>响应自 {0} 起逾期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Respond by {0}</source>
        <translation>请于 {0} 前响应</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resolution overdue since {0} ({1})</source>
        <translation>解决自 {0} 起逾期（{1}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resolve by {0} ({1})</source>
        <translation>请于 {0} 前解决（{1}）</translation>
    </message>
</context>
<context>
    <name>TicketRowsModel</name>
    <message>
        <location filename="../../opexdesk/ui/models/ticket_rows.py" line="+337"/>
        <source>Reading the ticket list failed: {0}</source>
        <translation>读取工单列表失败：{0}</translation>
    </message>
</context>
<context>
    <name>TicketTableView</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/ticket_table_view.py" line="+38"/>
        <source>Click to sort; right-click to show or hide columns</source>
        <translation>单击排序；右键单击显示或隐藏列</translation>
    </message>
</context>
<context>
    <name>TransitionNoteDialog</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/transition_dialog.py" line="+50"/>
        <source>Reopen {0}</source>
        <translation>重新打开 {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolve {0}</source>
        <translation>解决 {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why is the ticket being reopened?</source>
        <translation>为什么要重新打开此工单？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How was it resolved? The requester and colleagues read this.</source>
        <translation>是如何解决的？请求人和同事会看到这段说明。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason for reopening</source>
        <translation>重新打开的原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolution note</source>
        <translation>解决说明</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Give a reason for reopening the ticket.</source>
        <translation>请填写重新打开工单的原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Describe the resolution before resolving.</source>
        <translation>请先描述解决方法再解决工单。</translation>
    </message>
</context>
<context>
    <name>TriageQueueModel</name>
    <message>
        <location filename="../../opexdesk/ui/triage/queue_model.py" line="+46"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imp.</source>
        <translation>影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urg.</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prio.</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>met late</source>
        <translation>超时后达成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breaches in {0}</source>
        <translation>{0}后超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breaches now</source>
        <translation>即将超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breached {0} ago</source>
        <translation>已超时 {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>breached {0} ago, paused</source>
        <translation>已超时 {0}，已暂停</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Response SLA: {0}</source>
        <translation>响应 SLA：{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution SLA: {0}</source>
        <translation>解决 SLA：{0}</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>The triage queue could not be read: {0}</source>
        <translation>无法读取分诊队列：{0}</translation>
    </message>
    <message>
        <location filename="indirect_tickets.py" line="+110"/>
        <source> (due {0})</source>
        <translation>（期限 {0}）</translation>
    </message>
</context>
<context>
    <name>TriageWindow</name>
    <message>
        <location filename="../../opexdesk/ui/triage/triage_window.py" line="+62"/>
        <source>Triage – OpExDesk</source>
        <translation>分诊 – OpExDesk</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+25"/>
        <source>Select a ticket first.</source>
        <translation>请先选择一个工单。</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No assignee to suggest. {0}</source>
        <translation>没有可建议的处理人。{0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>No suggestion to apply.</source>
        <translation>没有可应用的建议。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No duplicate candidate to mark against.</source>
        <translation>没有可标记的重复候选工单。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No people are known on this device yet.</source>
        <translation>此设备上还没有已知人员。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> – away</source>
        <translation> – 离开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark away / back</source>
        <translation>标记离开 / 在岗</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>back</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>away</source>
        <translation>离开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} is now {1} (this device).</source>
        <translation>{0} 现在为“{1}”（此设备）。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>{0} ticket(s) selected for bulk actions.</source>
        <translation>已选择 {0} 个工单用于批量操作。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Triage – {0} ticket(s) loaded – OpExDesk</source>
        <translation>分诊 – 已加载 {0} 个工单 – OpExDesk</translation>
    </message>
</context>
<context>
    <name>UpgradeProgress</name>
    <message>
        <location filename="../../opexdesk/ui/upgrade_progress.py" line="+29"/>
        <source>Updating the local database for this version of OpExDesk…
This happens once; a large database takes a minute.</source>
        <translation>正在为此版本的 OpExDesk 更新本地数据库…
只需进行一次；数据库较大时需要约一分钟。</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../opexdesk/ui/sync/users_dialog.py" line="-113"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Enter a password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge-base editor</source>
        <translation>知识库编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loading the accounts…</source>
        <translation>正在加载账户…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New user…</source>
        <translation>新建用户(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Change…</source>
        <translation>修改(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>启用中</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>1 account.</source>
        <translation>1 个账户。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} accounts.</source>
        <translation>{0} 个账户。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} added.</source>
        <translation>已添加 {0}。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0} changed; it counts from the user&apos;s next request.</source>
        <translation>已修改 {0}；从该用户的下一次请求起生效。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New password set for {0}; they are signed out everywhere.</source>
        <translation>已为 {0} 设置新密码；其所有设备均已退出登录。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending to the server…</source>
        <translation>正在发送到服务器…</translation>
    </message>
</context>
<context>
    <name>ValueTable</name>
    <message>
        <location filename="../../opexdesk/ui/import_export/mapping_tables.py" line="+41"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value in file</source>
        <translation>文件中的值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Becomes</source>
        <translation>转换为</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>(not mapped)</source>
        <translation>（未映射）</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="indirect_strings.py" line="-141"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extensive</source>
        <translation>广泛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Significant</source>
        <translation>重大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minor</source>
        <translation>轻微</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requester</source>
        <translation>请求人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work note</source>
        <translation>工作备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>work note</source>
        <translation>工作备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version note</source>
        <translation>版本说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>impact</source>
        <translation>影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/tickets/formatting.py" line="-180"/>
        <source>Resolution note</source>
        <translation>解决说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed at</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response due</source>
        <translation>响应期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution due</source>
        <translation>解决期限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority override reason</source>
        <translation>手动设置优先级的原因</translation>
    </message>
    <message>
        <location filename="indirect_kb.py" line="-86"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="indirect_settings.py" line="-237"/>
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolution</source>
        <translation>解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="indirect_tickets.py" line="-7"/>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group</source>
        <translation>处理组</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="indirect_server_errors.py" line="+10"/>
        <source>technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../opexdesk/ui/welcome/welcome_dialog.py" line="+33"/>
        <source>Welcome to OpExDesk</source>
        <translation>欢迎使用 OpExDesk</translation>
    </message>
    <message>
        <location line="+79"/>
        <source> — DEMO</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot save the settings: {0}</source>
        <translation>无法保存设置：{0}</translation>
    </message>
</context>
<context>
    <name>WorkLogTab</name>
    <message>
        <location filename="../../opexdesk/ui/tickets/work_log_tab.py" line="+45"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What was done (optional)</source>
        <translation>完成了什么（可选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time spent</source>
        <translation>所用时间</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Total: {0} in {1} {2}</source>
        <translation>合计：{0}，共 {1} {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry</source>
        <translation>条记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>entries</source>
        <translation>条记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No work logged yet.</source>
        <translation>尚未记录工作。</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <location filename="../../opexdesk/ui/kb/wiring.py" line="+176"/>
        <source>&amp;Knowledge base…</source>
        <translation>知识库(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/settings_wiring.py" line="+99"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/import_export/wiring.py" line="+73"/>
        <source>&amp;Import tickets from CSV…</source>
        <translation>从 CSV 导入工单(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport tickets…</source>
        <translation>导出工单(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../opexdesk/ui/kb/article_editor.py" line="-484"/>
        <location filename="../../opexdesk/ui/main_window.py" line="-421"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This article has unsaved changes.</source>
        <translation>这篇文章有未保存的更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save them before closing?</source>
        <translation>关闭前保存吗？</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/kb/history_view.py" line="-193"/>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore version {0}? Its content becomes version {1}; every version stays in the history.</source>
        <translation>恢复版本 {0}？其内容将成为版本 {1}；所有版本都保留在历史中。</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/kb/transfer_dialogs.py" line="-276"/>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>Import Markdown files</source>
        <translation>导入 Markdown 文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/main_window.py" line="+1"/>
        <source>The ticket has changes that are not saved. Save them?</source>
        <translation>工单有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/tickets/attachments_tab.py" line="-146"/>
        <source>Attach file</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/tickets/transition_dialog.py" line="+32"/>
        <source>Cannot set the ticket to {0}</source>
        <translation>无法将工单设为“{0}”</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/settings_data.py" line="-188"/>
        <source>New data folder</source>
        <translation>新数据文件夹</translation>
    </message>
</context>
<context>
    <name>self.main_window</name>
    <message>
        <location filename="../../opexdesk/ui/kb/wiring.py" line="-71"/>
        <source>Create article from ticket</source>
        <translation>从工单创建文章</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a resolved or closed ticket first.</source>
        <translation>请先打开一个已解决或已关闭的工单。</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location line="+90"/>
        <source>Create knowledge-base &amp;article from ticket…</source>
        <translation>从工单创建知识库文章(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft an article from the shown resolved or closed ticket</source>
        <translation>根据当前显示的已解决或已关闭工单起草文章</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&amp;Knowledge</source>
        <translation>知识库(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/alerts_wiring.py" line="+145"/>
        <source>Save or revert the open ticket first to see the notified one.</source>
        <translation>请先保存或还原当前打开的工单，才能查看通知中的工单。</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/welcome/demo_badge.py" line="+32"/>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Demo data: nothing here is real, nothing is synced.</source>
        <translation>演示数据：这里的内容都不是真实的，也不会同步。</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/settings_wiring.py" line="-43"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../opexdesk/ui/import_export/wiring.py" line="-8"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
</context>
</TS>
