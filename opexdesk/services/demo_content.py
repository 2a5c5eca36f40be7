"""Vocabulary of the demo data generator (opexdesk.services.demo): people, places, and
description pieces, in English and Simplified Chinese; the problem families themselves are
in :mod:`opexdesk.services.demo_issues`. Every text here was written for OpExDesk.
"""

from __future__ import annotations

EN, ZH = 0, 1

# ---- places --------------------------------------------------------------------------

# (name, UTC offset in hours of its office day, region)
SITES: tuple[tuple[str, int, str], ...] = (
    ("London HQ", 0, "eu"),
    ("Manchester Office", 0, "eu"),
    ("Berlin Plant", 1, "eu"),
    ("Munich R&D", 1, "eu"),
    ("Warsaw Service Centre", 1, "eu"),
    ("Singapore Hub", 8, "apac"),
    ("Field — North", 0, "eu"),
    ("Field — South", 0, "eu"),
    ("Home Office", 0, "eu"),
    ("Shanghai Office 上海办公室", 8, "cn"),
    ("Shenzhen Factory 深圳工厂", 8, "cn"),
    ("Suzhou Warehouse 苏州仓库", 8, "cn"),
)
# Where people writing in English work (weights follow SITES; China sites get a few).
EN_SITE_WEIGHTS = (30, 8, 14, 8, 6, 5, 5, 5, 6, 3, 2, 1)
CN_SITE_WEIGHTS = (4, 0, 1, 0, 0, 3, 0, 0, 0, 50, 35, 15)

# ---- people --------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EN_FIRST = _words(
    "James Oliver Emma Sophie Thomas Hannah Lukas Anna Daniel Laura Priya Arjun Fatima "
    "Mohammed Chloe Jack Isabella Felix Julia Marco Elena Tom Sarah Ben Katarzyna Piotr "
    "Aisha Liam Grace Max Sven Ingrid Carlos Lucia Noah Mia Ethan Zoe Ravi Nadia"
)
EN_LAST = _words(
    "Smith Jones Taylor Brown Williams Wilson Evans Roberts Walker Wright Müller Schmidt "
    "Schneider Fischer Weber Wagner Becker Hoffmann Schulz Patel Khan Singh Nair Kowalski "
    "Nowak Rossi Garcia Martin O'Brien Murphy Hughes Clarke Lewis Novak Jensen Meyer Koch "
    "Richter Wood Bennett"
)
CN_SURNAMES = tuple(
    tuple(pair.split(":"))
    for pair in _words(
        "Wang:王 Li:李 Zhang:张 Liu:刘 Chen:陈 Yang:杨 Huang:黄 Zhao:赵 Wu:吴 Zhou:周 Xu:徐 "
        "Sun:孙 Ma:马 Zhu:朱 Hu:胡 Guo:郭 He:何 Lin:林 Luo:罗 Gao:高 Zheng:郑 Liang:梁 "
        "Xie:谢 Song:宋 Tang:唐 Deng:邓 Feng:冯 Han:韩 Cao:曹 Peng:彭"
    )
)
CN_GIVEN = tuple(
    tuple(pair.split(":"))
    for pair in _words(
        "Fang:芳 Wei:伟 Na:娜 Min:敏 Jing:静 Li:丽 Qiang:强 Lei:磊 Jun:军 Yang:洋 Yong:勇 "
        "Yan:艳 Jie:杰 Juan:娟 Tao:涛 Ming:明 Chao:超 Xiuying:秀英 Xia:霞 Ping:平 Gang:刚 "
        "Hui:慧 Hao:浩 Yu:宇 Xin:欣 Ting:婷 Bo:博 Kai:凯 Yue:悦 Lan:兰 Jianhua:建华 "
        "Zhiqiang:志强 Haiyan:海燕 Xiaoming:晓明 Yifan:一帆 Zihan:子涵 Yuxuan:雨轩 "
        "Mengyao:梦瑶 Jiahao:家豪 Siyu:思雨"
    )
)

GROUPS = (
    "Service Desk",
    "Field Services",
    "Network Ops",
    "Identity & Access",
    "Workplace",
    "Business Applications",
    "Security Operations",
)

# (username, display name, role, group, region). Usernames are what tickets store.
TECHNICIANS: tuple[tuple[str, str, str, str, str], ...] = (
    ("olivia.hart", "Olivia Hart", "operator", "Service Desk", "eu"),
    ("ben.clarke", "Ben Clarke", "technician", "Service Desk", "eu"),
    ("sanjay.mehta", "Sanjay Mehta", "technician", "Service Desk", "eu"),
    ("anna.weber", "Anna Weber", "technician", "Service Desk", "eu"),
    ("marta.nowak", "Marta Nowak", "technician", "Service Desk", "eu"),
    ("chen.jing", "Chen Jing 陈静", "operator", "Service Desk", "cn"),
    ("zhou.lei", "Zhou Lei 周磊", "technician", "Service Desk", "cn"),
    ("lin.xiaoyu", "Lin Xiaoyu 林晓雨", "technician", "Service Desk", "cn"),
    ("dave.hughes", "Dave Hughes", "technician", "Field Services", "eu"),
    ("tobias.keller", "Tobias Keller", "technician", "Field Services", "eu"),
    ("sam.okafor", "Sam Okafor", "technician", "Field Services", "eu"),
    ("huang.tao", "Huang Tao 黄涛", "technician", "Field Services", "cn"),
    ("liu.qiang", "Liu Qiang 刘强", "technician", "Field Services", "cn"),
    ("raj.patel", "Raj Patel", "technician", "Network Ops", "eu"),
    ("jonas.frank", "Jonas Frank", "technician", "Network Ops", "eu"),
    ("ellie.brooks", "Ellie Brooks", "technician", "Network Ops", "eu"),
    ("wu.hao", "Wu Hao 吴浩", "technician", "Network Ops", "cn"),
    ("nina.schulz", "Nina Schulz", "technician", "Identity & Access", "eu"),
    ("tom.reid", "Tom Reid", "technician", "Identity & Access", "eu"),
    ("xu.min", "Xu Min 徐敏", "technician", "Identity & Access", "cn"),
    ("grace.lee", "Grace Lee", "technician", "Workplace", "eu"),
    ("felix.braun", "Felix Braun", "technician", "Workplace", "eu"),
    ("yang.fan", "Yang Fan 杨帆", "technician", "Workplace", "cn"),
    ("katrin.vogel", "Katrin Vogel", "technician", "Business Applications", "eu"),
    ("mark.ellis", "Mark Ellis", "technician", "Business Applications", "eu"),
    ("zhang.wei", "Zhang Wei 张伟", "technician", "Business Applications", "cn"),
    ("priya.raman", "Priya Raman", "technician", "Security Operations", "eu"),
    ("lukas.berg", "Lukas Berg", "technician", "Security Operations", "eu"),
    ("it.admin", "IT Administrator", "admin", "Service Desk", "eu"),
)
PORTAL = "self-service"  # created_by of tickets raised in the portal or by e-mail
SYSTEM = "system"  # actor of automatic closes


def _s(text: str) -> tuple[str, ...]:
    """Split a '|'-separated list."""
    return tuple(part.strip() for part in text.split("|"))


# ---- description pieces, indexed by language -----------------------------------------

GREETINGS = (
    _s("Hi,|Hello,|Hi IT,|Hi team,|Good morning,|Hello Service Desk,|Hi there,"),
    _s("您好，|你好，|IT 同事好，|您好！|你好，IT：|麻烦帮忙看一下："),
)
SIGNOFFS = (
    _s("Thanks,|Thank you!|Thanks in advance,|Regards,|Cheers,|Many thanks,|Kind regards,"),
    _s("谢谢！|麻烦尽快处理，谢谢。|辛苦了！|谢谢帮忙。|多谢！"),
)
TRIED = (
    _s(
        "I already restarted twice.|Logging out and back in did not help.|A colleague has "
        "the same problem.|I cleared the cache, no change.|Screenshot attached.|It worked "
        "fine yesterday."
    ),
    _s(
        "已经重启过电脑，还是不行。|注销重新登录也没用。|旁边同事也是一样的问题。|截图已附上。|"
        "昨天还是好的。"
    ),
)
# Urgency sentences by urgency level 1..4 (index 0..3).
URGENCY_TEXT = (
    (
        _s(
            "This is stopping the whole team, please call me asap.|Production is waiting on "
            "this, urgent!|We cannot ship orders until this is fixed."
        ),
        _s(
            "I have a customer call at 2pm, so quite urgent.|Month-end close depends on this.|"
            "Needed for a deadline today."
        ),
        _s("I can work around it for now.|Would be good to fix this week.|"),
        _s("Not urgent.|No rush, whenever someone has time.|Low priority, just annoying."),
    ),
    (
        _s("整个部门都无法工作，请尽快处理！|产线在等，非常紧急！|订单发不出去，请马上处理。"),
        _s("下午要给客户演示，比较着急。|月底结账要用，麻烦尽快。|今天必须完成。"),
        _s("暂时可以用别的办法。|这周内解决就可以。|"),
        _s("不着急。|有空帮忙看一下就好。|不影响工作，只是有点麻烦。"),
    ),
)

# ---- follow-up texts -----------------------------------------------------------------

TECH_PUBLIC = (
    _s(
        "Hi {first}, I've picked this up and will call you shortly.|Could you send a screenshot "
        "of the error?|I've pushed a fix, please restart and let me know.|Is this still "
        "happening after the restart?|I'll come by your desk after lunch.|Can you try again "
        "now? I've reset it on our side."
    ),
    _s(
        "{first}您好，我来跟进这个问题，稍后给您打电话。|麻烦发一下报错截图。|已经处理了，请重启后再试。|"
        "重启后还有这个问题吗？|下午我过去看一下。|我这边已经重置了，请再试一下。"
    ),
)
REQUESTER_PUBLIC = (
    _s(
        "Thanks, it's working again.|Still the same, screenshot attached.|I'm at my desk until "
        "5pm, come by any time.|Any update on this?|It happened again this morning."
    ),
    _s(
        "好了，谢谢！|还是一样，截图已附上。|我下午五点前都在工位。|请问有进展吗？|今天早上又出现了。"
    ),
)
INTERNAL = (
    _s(
        "Checked AD: account was locked by an old session on the phone.|Escalated to the vendor, "
        "case {case}.|Waiting for parts, ETA 3 days.|Same issue as last week on this floor, "
        "probably the access switch.|Known issue after the latest update, workaround applied.|"
        "Remote session done, driver reinstalled."
    ),
    _s(
        "AD 里查了，是手机上的旧会话锁定了账号。|已经升级给厂商，案例号 {case}。|"
        "等备件，预计三天到。|和上周同楼层的问题一样，可能是接入交换机。|最新更新后的已知问题，已按临时方案处理。|"
        "远程处理完成，重装了驱动。"
    ),
)
WORK_NOTES = (
    _s(
        "Remote session|Onsite visit|Reimaged laptop|Checked logs|Called the user|"
        "Vendor call|Replaced part|"
    ),
    _s("远程协助|现场处理|重装系统|查看日志|电话沟通|联系厂商|更换配件|"),
)
WORK_MINUTES = (10, 15, 15, 20, 30, 30, 45, 60, 90, 120)
FIXES = (
    _s(
        "Cleared cached credentials and rebuilt the profile.|Replaced the faulty part; tested "
        "with the user.|Restarted the service on the server and cleared the queue.|Access "
        "granted after manager approval.|Reinstalled the application and applied the latest "
        "patch.|Reset the password and re-registered MFA with the user.|Firmware updated, "
        "device works again.|Configuration corrected; user confirmed it works.|Cable was "
        "loose, reseated and tested.|Duplicate of an existing ticket; fixed there."
    ),
    _s(
        "清除了缓存凭据并重建了配置文件。|更换了故障配件，已和用户确认。|重启了服务器上的服务并清空了队列。|"
        "经理批准后已开通权限。|重装了软件并打了最新补丁。|重置了密码并重新绑定了 MFA。|"
        "升级固件后设备恢复正常。|修正了配置，用户确认可以使用。|网线松了，重新插好测试正常。|"
        "与已有工单重复，已在原工单处理。"
    ),
)
REOPEN_PENDING = (
    _s("Waiting for the user to confirm.|Waiting for the vendor.|Waiting for approval."),
    _s("等待用户确认。|等待厂商回复。|等待审批。"),
)
# fmt: on
