"""Keyword rules: the fallback when there is no model for a field (too little history and
no default model). English, German and Chinese seed words, written for OpExDesk.

Matching is on normalised text (:func:`features.normalise`). Longer phrases are tried first
and consume the text they match, so "not urgent" is not also counted as "urgent". A Latin
keyword of 4+ letters also matches inside a longer word (German compounds: "Netzwerkdrucker");
shorter ones match whole words; Chinese keywords match anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from opexdesk.services.classify.features import normalise

# field -> ((label, "keyword|keyword|..."), ...). Labels follow the app's vocabularies:
# categories and groups of the demo data, impact/urgency 1 (most) .. 4 (least).
SEED: dict[str, tuple[tuple[str, str], ...]] = {
    "category": (
        (
            "Email",
            "outlook|email|e-mail|mailbox|inbox|calendar|shared mailbox|bounce|"
            "postfach|kalender|邮件|邮箱|收件箱|日历",
        ),
        (
            "Printing",
            "printer|print|printing|toner|scanner|scan|paper jam|drucker|drucken|"
            "druckt|scannen|打印|打印机|复印|扫描|硒鼓",
        ),
        (
            "Hardware",
            "laptop|notebook|monitor|screen|keyboard|mouse|docking|battery|charger|"
            "headset|webcam|bildschirm|tastatur|maus|akku|电脑|笔记本|显示器|键盘|"
            "鼠标|电池|蓝屏",
        ),
        (
            "Network",
            "vpn|wifi|wi-fi|wlan|network|internet|ethernet|router|switch|netzwerk|"
            "verbindung|网络|无线|断网|网速",
        ),
        (
            "Access",
            "password|login|log in|sign in|account|locked|mfa|authenticator|access|"
            "permission|passwort|kennwort|konto|gesperrt|zugriff|berechtigung|密码|"
            "账号|账户|登录|权限|锁定",
        ),
        (
            "Software",
            "install|software|licence|license|update|teams|excel|word|adobe|"
            "application crash|installieren|lizenz|安装|软件|更新|许可",
        ),
        (
            "Business Applications",
            "sap|erp|crm|invoice|purchase order|salesforce|workflow|"
            "rechnung|bestellung|发票|订单|审批",
        ),
        (
            "Security",
            "phishing|virus|malware|suspicious|ransomware|hacked|spam|security|"
            "verdächtig|sicherheit|钓鱼|病毒|可疑|安全",
        ),
        (
            "Telephony",
            "phone|telephone|voicemail|desk phone|extension|headset call|telefon|"
            "anrufbeantworter|电话|座机|分机",
        ),
        (
            "Facilities",
            "air conditioning|heating|light|door|badge|desk|chair|room booking|"
            "heizung|klimaanlage|tür|空调|门禁|灯|工位|会议室预订",
        ),
    ),
    "urgency": (
        (
            "4",
            "not urgent|no rush|whenever|low priority|when you have time|nicht dringend|"
            "keine eile|不着急|不急|有空",
        ),
        (
            "1",
            "urgent|asap|immediately|emergency|critical|production down|cannot work|"
            "can't work|dringend|sofort|notfall|kritisch|紧急|马上|立刻|尽快|无法工作",
        ),
        ("2", "today|deadline|soon|this afternoon|heute|bald|frist|今天|着急|截止"),
    ),
    "impact": (
        ("4", "only me|just me|only my|nur ich|nur mein|只有我|就我"),
        (
            "1",
            "everyone|whole company|all users|entire|whole site|outage|all offices|"
            "alle benutzer|ganze firma|ausfall|所有人|整个公司|全公司|全部门",
        ),
        (
            "2",
            "whole team|our team|department|several people|whole floor|ganzes team|"
            "abteilung|整个部门|整个团队|好几个人",
        ),
    ),
}
CATEGORY_GROUP: dict[str, str] = {
    "Email": "Service Desk",
    "Printing": "Workplace",
    "Hardware": "Field Services",
    "Network": "Network Ops",
    "Access": "Identity & Access",
    "Software": "Service Desk",
    "Business Applications": "Business Applications",
    "Security": "Security Operations",
    "Telephony": "Network Ops",
    "Facilities": "Workplace",
}


@dataclass(frozen=True)
class RuleMatch:
    """A keyword rule's answer: label, a modest confidence, and the keywords that matched."""

    label: str
    confidence: float
    words: tuple[str, ...]


def _is_latin(keyword: str) -> bool:
    return all(ord(ch) < 0x2E80 for ch in keyword)


class KeywordRules:
    """Per field, labels and their keywords; :meth:`match` finds the best-supported label."""

    def __init__(
        self,
        rules: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        category_group: Mapping[str, str] | None = None,
    ) -> None:
        source = SEED if rules is None else rules
        self._category_group = dict(CATEGORY_GROUP if category_group is None else category_group)
        # Longest keywords first, so a phrase consumes its words before they match alone.
        self._rules: dict[str, list[tuple[str, str, int]]] = {}
        for field, entries in source.items():
            flat = []
            for order, (label, words) in enumerate(entries):
                for kw in words.split("|"):
                    kw = normalise(kw).strip()
                    if kw:
                        flat.append((kw, label, order))
            flat.sort(key=lambda item: (-len(item[0]), item[2]))
            self._rules[field] = flat

    @property
    def fields(self) -> tuple[str, ...]:
        names = set(self._rules)
        if "category" in names and self._category_group:
            names.add("group_name")
        return tuple(sorted(names))

    def match(self, text: str, field: str) -> RuleMatch | None:
        """The label whose keywords occur most in ``text`` (None: no keyword matched)."""
        if field == "group_name" and field not in self._rules:
            found = self.match(text, "category")
            group = self._category_group.get(found.label) if found else None
            return RuleMatch(group, found.confidence, found.words) if found and group else None
        rules = self._rules.get(field)
        if not rules:
            return None
        padded = f" {' '.join(normalise(text).split())} "
        hits: dict[str, list[str]] = {}
        order: dict[str, int] = {}
        for kw, label, rank in rules:
            # Short Latin keywords only as whole words ("pc" must not match "spc").
            needle = f" {kw} " if _is_latin(kw) and len(kw) < 4 else kw
            pos = padded.find(needle)
            if pos < 0:
                continue
            padded = padded[:pos] + " " * len(needle) + padded[pos + len(needle) :]
            hits.setdefault(label, []).append(kw)
            order[label] = rank
        if not hits:
            return None
        label = min(hits, key=lambda lab: (-len(hits[lab]), order[lab]))
        count = len(hits[label])
        return RuleMatch(label, min(0.6, 0.3 + 0.1 * count), tuple(hits[label][:5]))
