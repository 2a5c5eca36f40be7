"""Knowledge-base articles for the panel tests (30 English, 10 Chinese), an in-memory article
reader built from the same records, and a recorder that stores feedback in the real index."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from opexdesk.services.kb import Article, KbSearch

_EN = [
    (
        "printer-offline",
        "Printer shows as offline",
        "hardware",
        ("printer", "windows"),
        "Check the cable and the network, then restart the print spooler service.",
    ),
    (
        "printer-jam",
        "Printer paper jam on tray 2",
        "hardware",
        ("printer",),
        "Open the rear door, remove the jammed paper slowly and reload tray 2.",
    ),
    (
        "printer-driver",
        "Printer error 0x0000011b after update",
        "hardware",
        ("printer", "windows"),
        "Reinstall the printer driver and apply the registry fix for RPC authentication.",
    ),
    (
        "scanner-email",
        "Scanner cannot send to email",
        "hardware",
        ("scanner", "email"),
        "Check the SMTP relay address in the scanner web page and the sender account.",
    ),
    (
        "vpn-drops",
        "VPN disconnects every few minutes",
        "network",
        ("vpn",),
        "Update the VPN client and switch off Wi-Fi power saving.",
    ),
    (
        "vpn-cert",
        "VPN certificate expired",
        "network",
        ("vpn", "certificate"),
        "Renew the machine certificate from the company portal, then reconnect the VPN.",
    ),
    (
        "vpn-mfa",
        "VPN login asks for MFA code repeatedly",
        "network",
        ("vpn", "mfa"),
        "Resync the authenticator app time and approve the push notification once.",
    ),
    (
        "wifi-slow",
        "Wi-Fi slow in meeting rooms",
        "network",
        ("wifi",),
        "Move to the 5 GHz network OFFICE-5G and forget the old 2.4 GHz network.",
    ),
    (
        "wifi-guest",
        "Guest Wi-Fi voucher",
        "network",
        ("wifi", "guest"),
        "Reception prints guest vouchers valid for 24 hours.",
    ),
    (
        "proxy-pac",
        "Browser proxy settings for the intranet",
        "network",
        ("proxy", "browser"),
        "Use the automatic configuration script and bypass the proxy for local addresses.",
    ),
    (
        "pw-reset",
        "Password reset for your company account",
        "access",
        ("password", "account"),
        "Use the self-service password portal; you need your registered phone.",
    ),
    (
        "pw-expired",
        "Password expired while working remotely",
        "access",
        ("password", "vpn"),
        "Connect the VPN first, then press Ctrl+Alt+Del and change the password.",
    ),
    (
        "account-locked",
        "Account locked after failed logins",
        "access",
        ("account", "password"),
        "Wait 15 minutes or ask the service desk to unlock the account.",
    ),
    (
        "new-starter",
        "Accounts for a new starter",
        "access",
        ("account", "onboarding"),
        "The manager files the onboarding form at least five days before the start date.",
    ),
    (
        "shared-drive",
        "Cannot open shared drive S:",
        "access",
        ("drive", "permissions"),
        "Ask the folder owner for access; reconnect the drive with net use.",
    ),
    (
        "outlook-password",
        "Outlook keeps asking for the password",
        "email",
        ("outlook", "password"),
        "Remove the saved credentials from Credential Manager and sign in again.",
    ),
    (
        "outlook-ost",
        "Outlook data file is too large",
        "email",
        ("outlook",),
        "Archive old mail and compact the OST file, or reduce the cached months.",
    ),
    (
        "mailbox-full",
        "Mailbox full warning",
        "email",
        ("email", "quota"),
        "Empty the deleted items folder and archive mail older than a year.",
    ),
    (
        "calendar-sync",
        "Phone calendar does not sync",
        "email",
        ("mobile", "calendar"),
        "Remove and add the work account on the phone, then allow calendar sync.",
    ),
    (
        "teams-audio",
        "Teams audio echo in calls",
        "software",
        ("teams", "audio"),
        "Select the headset as speaker and microphone and turn on noise suppression.",
    ),
    (
        "teams-cache",
        "Teams stuck on loading screen",
        "software",
        ("teams",),
        "Quit Teams, clear its cache folder and start it again.",
    ),
    (
        "excel-crash",
        "Excel crashes when opening a macro workbook",
        "software",
        ("excel", "office"),
        "Start Excel in safe mode and disable the COM add-ins one by one.",
    ),
    (
        "office-activate",
        "Office asks for activation",
        "software",
        ("office", "license"),
        "Sign in with your company account under File > Account.",
    ),
    (
        "laptop-battery",
        "Laptop battery swollen",
        "hardware",
        ("laptop", "battery", "safety"),
        "Stop using the laptop at once, unplug it and bring it to the service desk.",
    ),
    (
        "laptop-dock",
        "Docking station monitors stay black",
        "hardware",
        ("laptop", "monitor"),
        "Update the dock firmware and reconnect the USB-C cable.",
    ),
    (
        "bitlocker",
        "BitLocker recovery key requested",
        "security",
        ("bitlocker", "laptop"),
        "Find the recovery key in the company portal under your devices.",
    ),
    (
        "phishing",
        "How to report a phishing email",
        "security",
        ("email", "phishing"),
        "Use the Report button in Outlook and do not click any link.",
    ),
    (
        "antivirus",
        "Antivirus blocks a business application",
        "security",
        ("antivirus",),
        "Send the file hash to security for an exclusion review.",
    ),
    (
        "server-room",
        "Server room temperature alarm",
        "facilities",
        ("server", "alarm"),
        "Check the air conditioning units and call the facilities on-call number.",
    ),
    (
        "badge",
        "Door badge does not open the office",
        "facilities",
        ("badge",),
        "Bring the badge to reception to have it re-encoded.",
    ),
]
_ZH = [
    (
        "zh-printer-jam",
        "打印机卡纸",
        "hardware",
        ("printer",),
        "打开后盖，慢慢取出卡住的纸张，然后重新装纸。",
    ),
    (
        "zh-printer-network",
        "打印机无法连接网络",
        "hardware",
        ("printer",),
        "检查网线，然后重新启动打印机。确认打印机的IP地址。",
    ),
    ("zh-vpn", "无法连接VPN", "network", ("vpn",), "先检查网络连接，再更新VPN客户端并重新登录。"),
    (
        "zh-wifi",
        "无线网络速度很慢",
        "network",
        ("wifi",),
        "请连接5G频段的办公网络，并忘记旧的网络。",
    ),
    (
        "zh-password",
        "邮箱密码过期怎么办",
        "email",
        ("password",),
        "在门户网站上重置密码，然后在手机上更新邮箱设置。",
    ),
    (
        "zh-account",
        "账户被锁定",
        "access",
        ("account",),
        "等待十五分钟后重试，或联系服务台解锁账户。",
    ),
    (
        "zh-calendar",
        "手机无法同步日历",
        "email",
        ("mobile", "calendar"),
        "在手机上删除并重新添加工作账户，然后允许同步日历。",
    ),
    (
        "zh-server",
        "服务器机房温度过高报警",
        "facilities",
        ("server", "alarm"),
        "检查空调设备并联系设施值班人员。",
    ),
    (
        "zh-laptop",
        "笔记本电脑电池鼓包",
        "hardware",
        ("laptop", "battery"),
        "立即停止使用电脑，拔掉电源，送到服务台。",
    ),
    (
        "zh-teams",
        "Teams 会议没有声音",
        "software",
        ("teams", "audio"),
        "在设置中选择耳机作为扬声器和麦克风。",
    ),
]


def _body(title: str, text: str, zh: bool) -> str:
    steps = "步骤" if zh else "Steps"
    note = "仍然无法解决？请联系服务台。" if zh else "Still stuck? Call the service desk."
    return f"# {title}\n\n{text}\n\n## {steps}\n\n1. {text}\n2. **{note}**\n"


ARTICLES: list[Article] = [
    Article(aid, title, _body(title, text, lang == "zh"), cat, tags, lang)
    for rows, lang in ((_EN, "en"), (_ZH, "zh"))
    for aid, title, cat, tags, text in rows
]
UPDATED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@dataclass(frozen=True)
class StoredArticle:
    title: str
    body: str
    category: str
    tags: tuple[str, ...]
    language: str
    updated_at: datetime | None


class MemoryReader:
    """Reads the same Article records the index was filled with."""

    def __init__(self, articles: list[Article]) -> None:
        self._by_id = {
            a.id: StoredArticle(a.title, a.body, a.category, a.tags, a.language, UPDATED)
            for a in articles
        }

    def get(self, article_id: str) -> StoredArticle | None:
        return self._by_id.get(article_id)


@dataclass
class FeedbackRecorder:
    """Links solved articles: stores the feedback in the real index and keeps the calls."""

    kb: KbSearch
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def link_solved(self, article_id: str, ticket_id: str, query_text: str) -> None:
        self.kb.record_solved(query_text, article_id)
        self.calls.append((article_id, ticket_id, query_text))


def build_kb() -> KbSearch:
    kb = KbSearch(":memory:")
    kb.add_articles(ARTICLES)
    return kb
