"""Problem families of the demo data (opexdesk.services.demo_generator), in English and
Simplified Chinese, written the way users write tickets.

Every text here was written for OpExDesk. An :class:`Issue` is one family of problems: its
title and detail templates share ``{slot}`` values, so a title and its description agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opexdesk.services.demo_content import EN, ZH, _s

# ---- problem families ----------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """A family of problems. ``details[i]`` is the first sentence of a ticket titled
    ``titles[i]``; ``extra`` sentences fit every title. Titles and details share slot values.
    ``severity`` shifts impact and urgency: -1 requests, 0 faults, 1 outages and security."""

    lang: int
    category: str
    group: str
    weight: float
    severity: int
    titles: tuple[str, ...]
    details: tuple[str, ...]
    extra: tuple[str, ...]
    slots: dict[str, tuple[str, ...]] = field(default_factory=dict)


EN_COMMON: dict[str, tuple[str, ...]] = {
    "floor": _s(
        "on the 2nd floor|on the 3rd floor|on the 4th floor|on the ground floor|at reception|"
        "in finance|in the warehouse|in the design studio|in building B|in the mail room|"
        "in the lab|by the canteen"
    ),
    "room": _s(
        "meeting room 3B|meeting room 2A|meeting room 5C|the boardroom|Training Room 1|"
        "huddle room 4|conference room Thames|conference room Rhine|the town hall area|"
        "meeting room 1.12|the visitor centre"
    ),
    "laptop": _s(
        "Dell Latitude 7440|ThinkPad T14|HP EliteBook 840|Surface Pro 9|MacBook Pro|"
        "ThinkPad X1 Carbon|loan laptop|new laptop"
    ),
    "after": _s(
        "after the password reset|since this morning|after the Windows update|since Monday|"
        "after the office move|since I got the new laptop|when working from home|"
        "since yesterday"
    ),
    "person": _s(
        "Sarah Bennett|Lukas Meyer|Priya Nair|Tom Hughes|Anna Kowalski|James Wright|"
        "Julia Richter|Ravi Singh|Chloe Martin|Felix Koch|Wang Fang|Li Wei|Emma Clarke|"
        "Daniel Novak|Mohammed Khan|Isabella Rossi"
    ),
    "printer": _s(
        "HP LaserJet M607|Canon iR-ADV C5535|Ricoh IM C3000|Xerox AltaLink C8130|label printer|"
        "Kyocera TASKalfa 3554ci|colour printer|Brother HL-L6400"
    ),
}
ZH_COMMON: dict[str, tuple[str, ...]] = {
    "floor": _s("3楼|2楼|1楼前台|财务部|仓库|车间办公室|质检部|5楼|B栋|行政部|研发部|销售部"),
    "room": _s("3B 会议室|大会议室|培训室|2楼会议室|5楼洽谈室|总经理办公室|车间会议室|1号会议室"),
    "after": _s("重置密码后|换了新电脑后|系统更新后|今天早上开始|周一开始|连上 VPN 后|搬工位后"),
    "person": _s("王芳|李伟|张敏|刘洋|陈静|杨磊|黄婷|赵强|周杰|吴娟|徐明|孙浩|马丽|朱涛|胡欣"),
    "laptop": _s("ThinkPad T14|联想笔记本|戴尔 Latitude|惠普笔记本|新领的笔记本|备用笔记本"),
    "printer": _s("惠普打印机|佳能复印机|理光复印机|标签打印机|彩色打印机|兄弟打印机|施乐复印机"),
}


def _issue(
    lang: int,
    category: str,
    group: str,
    weight: float,
    severity: int,
    titles: str,
    details: str,
    extra: str,
    **slots: str,
) -> Issue:
    issue = Issue(
        lang,
        category,
        group,
        weight,
        severity,
        _s(titles),
        _s(details),
        tuple(e for e in _s(extra) if e),
        {k: _s(v) for k, v in slots.items()},
    )
    if len(issue.titles) != len(issue.details):
        raise ValueError(f"{category}: {len(issue.titles)} titles, {len(issue.details)} details")
    return issue


_BIZ = "Business Applications"

# The tables below keep one problem family per block (not one argument per line).
# fmt: off
ISSUES: tuple[Issue, ...] = (
    # ---------------------------------------------------------------- English
    _issue(EN, "Email", "Service Desk", 5, 0,
           "Outlook keeps asking for password {after}|Outlook {osym}|Outlook {osym} {after}|"
           "Outlook on {laptop} {osym}",
           "Outlook asks for my password every few minutes {after}, even when I type the new "
           "one.|Outlook {osym} and I can't get to my mail.|Outlook {osym} {after}.|Outlook on "
           "my {laptop} {osym}. Webmail in the browser works fine.",
           "I use the Outlook app, not webmail.|My phone gets mail normally.|",
           osym="keeps crashing|is stuck on 'Loading profile'|is extremely slow|search returns "
           "nothing|shows Disconnected|is not getting new emails|freezes when opening "
           "attachments|keeps asking me to sign in"),
    _issue(EN, "Email", "Service Desk", 3, 0,
           "Can't send emails to {rcpt}|Emails to {rcpt} bouncing back|Not receiving emails "
           "from {rcpt}|Emails from {rcpt} going to junk",
           "Every message I send to {rcpt} fails with an error.|Messages to {rcpt} come back "
           "with an undeliverable notice.|Nothing from {rcpt} has arrived {after}, although "
           "they say they sent several.|Everything from {rcpt} lands in Junk and I keep "
           "missing it.",
           "I checked the Junk folder already.|Bounce message attached.|This is holding up an "
           "order.",
           rcpt="external customers|our supplier in Germany|the finance distribution list|"
           "Gmail addresses|the Shanghai team|a customer domain|anyone outside the company|"
           "the auditors"),
    _issue(EN, "Email", "Service Desk", 2, -1,
           "Shared mailbox {mbox} not showing in Outlook|Please give me access to the {mbox} "
           "mailbox|Calendar not syncing to my phone {after}|Mailbox full, can't receive emails",
           "I should see the {mbox} mailbox but it is not in my folder list.|My manager asked "
           "me to cover {mbox} while a colleague is on leave.|Meetings I accept in Outlook "
           "don't show on my phone {after}.|Outlook says my mailbox is full and people get "
           "bounce messages.",
           "My manager has approved it.|",
           mbox="finance@|hr-support|orders-emea|purchasing.cn|helpdesk|invoices-uk|logistics|"
           "recruiting|quality"),
    _issue(EN, "Printing", "Workplace", 5, 0,
           "Printer {floor} {psym}|{printer} {floor} {psym}|{printer} {psym}|Printer {psym} "
           "again",
           "The printer {floor} {psym}.|The {printer} {floor} {psym}.|The {printer} {psym}, "
           "I tried turning it off and on.|It {psym} again, same as last week.",
           "The display says '{perr}'.|Other people's jobs don't print either.|Other "
           "people's jobs print fine.",
           psym="keeps jamming|jams on every job|prints blank pages|shows offline|prints "
           "streaks down the page|has jobs stuck in the queue|won't print double-sided|says "
           "paper jam but there is no paper inside|prints garbage characters|is very slow",
           perr="Paper jam in tray 2|Error SC542|Replace toner|Waste toner box full|"
           "49.4C02 service error|Offline - check connection"),
    _issue(EN, "Printing", "Workplace", 2, -1,
           "Can't add {printer} on my laptop|Scan to email not working on {printer}|"
           "Need toner for {printer} {floor}|Printer missing {after}",
           "When I try to add the {printer} it asks for admin rights.|Scanning on the "
           "{printer} works but the email never arrives.|The toner light on the {printer} "
           "{floor} has been on since yesterday.|My usual printer disappeared from the list "
           "{after}.",
           "Could someone come by today?|"),
    _issue(EN, "Hardware", "Field Services", 5, 0,
           "Laptop won't boot|{laptop} {hsym}|{laptop} {hsym} {after}|My laptop {hsym}",
           "My laptop doesn't get past the logo when I switch it on.|My {laptop} {hsym}.|"
           "My {laptop} {hsym} {after}.|My laptop {hsym} and I can't work.",
           "It's about two years old.|The power light is on but the screen "
           "stays dark.|I'm on a colleague's PC for now.",
           hsym="won't boot|is stuck on a black screen|shows a blue screen after login|"
           "overheats and shuts down|has a very loud fan|won't turn on|is stuck on the "
           "BitLocker recovery screen|is very slow to start|battery drains in an hour|"
           "screen is flickering|keyboard misses some letters|won't charge"),
    _issue(EN, "Hardware", "Workplace", 3, -1,
           "Docking station {dsym}|Second monitor {msym}|Need a new {acc}|{acc} not working "
           "{after}",
           "The docking station at my desk {floor} {dsym}.|My second screen {msym}.|My {acc} "
           "is broken, can I get a replacement?|My {acc} stopped working {after}.",
           "I can pick it up at the service desk.|",
           dsym="is not detecting monitors|keeps disconnecting|is not charging the laptop|"
           "has dead USB ports",
           msym="has no signal|is flickering|shows the wrong resolution|turns off randomly",
           acc="keyboard|mouse|headset|USB-C charger|laptop bag|webcam|monitor cable"),
    _issue(EN, "Network", "Network Ops", 4, 0,
           "VPN {vsym}|VPN {vsym} {after}|Can't access shared drive over VPN|VPN connects "
           "but {vsym2}",
           "The VPN client {vsym}. Error: '{verr}'.|The VPN {vsym} {after}.|On VPN the S: "
           "drive and the intranet don't open.|The VPN connects but {vsym2}.",
           "Home broadband is fine, only company systems fail.|I'm working from home all week.",
           vsym="won't connect|keeps dropping|is very slow|asks for a certificate|"
           "spins forever at login",
           vsym2="no internal sites load|the S: drive is missing|Teams stops working|"
           "SAP times out",
           verr="Gateway not responding|Certificate validation failed|Authentication "
           "failed|Connection timed out"),
    _issue(EN, "Network", "Network Ops", 3, 0,
           "Wi-Fi in {room} {wsym}|Wi-Fi {floor} {wsym}|No Wi-Fi in {room}|Guest Wi-Fi "
           "not working in {room}",
           "The Wi-Fi in {room} {wsym}.|The Wi-Fi {floor} {wsym}.|There is no Wi-Fi signal "
           "at all in {room}.|Visitors in {room} can't get on the guest Wi-Fi.",
           "We have visitors this afternoon.|Several people have the same problem.|The "
           "cable network works.",
           wsym="keeps dropping|is very slow|won't connect|connects but has no internet|"
           "signal is very weak"),
    _issue(EN, "Network", "Network Ops", 2, 1,
           "No network at the desks {floor}|Internet very slow {floor}|Can't reach {app} "
           "from the office|Network outage {floor}",
           "Nobody {floor} can get on the network.|Everything is very slow {floor}, pages take "
           "a minute to load.|{app} doesn't load from the office, other sites do.|The whole "
           "area {floor} lost network at once.",
           "The port lights at the desks are off.|Production scanners are affected too.",
           app="the intranet|SharePoint|the MES system|SAP|the time-recording portal|Jira"),
    _issue(EN, "Access", "Identity & Access", 3, -1,
           "New starter account for {person}|New starter: {person} starting {start}|"
           "Accounts and laptop for new joiner {person}",
           "Please create accounts for {person}, who joins {team} {start}.|{person} starts in "
           "{team} {start}. Please set up the account and email.|{person} joins {team} {start} "
           "and needs a laptop, email and a badge.",
           "Same access as the rest of {team}, please.|Manager approval is attached.",
           start="next Monday|on the 1st|tomorrow|next week|in two weeks",
           team="Finance|Sales|Logistics|Quality|Engineering|HR|Purchasing|Production"),
    _issue(EN, "Access", "Identity & Access", 5, -1,
           "Access request: {res} for {person}|Please add me to {res}|Need access to {res}|"
           "Access to {res} removed by mistake",
           "Please give {person} access to {res}; I am the line manager.|Could you add me to "
           "{res}? My manager approved it.|I need access to {res} for the quarter-end work.|"
           "I had access to {res} last week and now it's gone.",
           "Thanks for the quick help last time.|",
           res="the Finance share|the Projects drive|Project Phoenix SharePoint|the HR Teams "
           "channel|the Power BI sales dashboard|the SAP goods receipt role|the Jira QA "
           "project|the purchasing shared drive|the engineering Confluence space|the "
           "Salesforce EMEA profile"),
    _issue(EN, "Access", "Service Desk", 5, 0,
           "Account locked out {after}|Password reset for {sys}|Can't log in to {sys}|"
           "MFA prompt not arriving on my phone|New phone, need to move the authenticator app",
           "My account keeps getting locked {after}.|I forgot my {sys} password after the "
           "holidays.|{sys} says my user name or password is wrong.|The MFA notification "
           "never shows up on my phone.|I got a new phone and the authenticator app is empty.",
           "I tried the self-service reset first.|I can be reached on my mobile.",
           sys="SAP|Windows|Salesforce|the HR portal|Concur|Workday|the VPN|Jira"),
    _issue(EN, "Access", "Identity & Access", 1, -1,
           "Leaver: disable account of {person}|{person} leaving on Friday, remove access",
           "{person} has left the company. Please disable the account and forward email to "
           "me.|{person} leaves on Friday. Please remove access and collect the laptop.",
           "I'm the line manager.|"),
    _issue(EN, "Software", "Service Desk", 5, 0,
           "{app} {asym}|{app} {asym} {after}|{app} keeps crashing when {action}",
           "{app} {asym}.|{app} {asym} {after}.|{app} closes every time I try {action}.",
           "Reinstalling from the company portal didn't help.|Colleagues with the same laptop "
           "are fine.",
           app="Excel|Teams|Word|Adobe Acrobat|Chrome|AutoCAD|OneDrive|Zoom|PowerPoint|"
           "SolidWorks",
           asym="crashes on start|is very slow|is not responding|says the licence expired|"
           "won't update|freezes when saving|shows error 0x80070005|won't open files from "
           "SharePoint",
           action="saving to SharePoint|opening large files|sharing my screen|printing|"
           "opening attachments"),
    _issue(EN, "Software", "Service Desk", 3, -1,
           "Install {iapp} on my laptop|Need admin rights to install {iapp}|Licence request "
           "for {iapp}|Please upgrade {iapp} to the latest version",
           "Could you install {iapp} on my laptop?|The installer for {iapp} asks for admin "
           "rights.|I need a licence for {iapp} for a project starting next week.|My {iapp} "
           "is too old to open files from a customer.",
           "The company portal doesn't list it.|My manager has approved the cost.",
           iapp="Visio|Microsoft Project|Power BI Desktop|Python|Notepad++|7-Zip|MATLAB|"
           "Tableau|Adobe Photoshop|Snagit|Git"),
    _issue(EN, _BIZ, _BIZ, 4, 0,
           "SAP error in {tcode}: {serr}|SAP {tcode} shows '{serr}'|SAP GUI {gsym}|"
           "Can't post {doc} in SAP",
           "When I run {tcode} I get '{serr}'.|{tcode} stops with '{serr}' every time.|SAP "
           "GUI {gsym} on my PC.|Posting {doc} fails with '{serr}' in {tcode}.",
           "It worked fine last week.|Others in my team can post.|Screenshot attached.",
           tcode="ME21N|VA01|MIGO|FB60|MM03|CO11N|VL02N|ME23N|F110|MB51",
           serr="No authorization for transaction|Runtime error TIME_OUT|Document is locked "
           "by another user|Posting period not open|Material not maintained in plant|Update "
           "was terminated|Vendor is blocked for posting",
           gsym="crashes at login|is very slow|won't start after the update|logs me out every "
           "few minutes",
           doc="goods receipts|invoices|purchase orders|delivery notes|credit memos"),
    _issue(EN, _BIZ, _BIZ, 2, 0,
           "Expense report stuck in Concur|Salesforce {sfsym}|Workday {sfsym}|Can't approve "
           "{doc} in the portal",
           "My expense report has been stuck in 'Submitted' for a week.|Salesforce {sfsym} "
           "for me and two colleagues.|Workday {sfsym} since this morning.|The approve button "
           "for {doc} is greyed out.",
           "I already tried another browser.|",
           sfsym="won't load dashboards|keeps logging me out|shows an error on save|is very slow",
           doc="timesheets|purchase requests|holiday requests|expense reports"),
    _issue(EN, "Telephony", "Network Ops", 3, 0,
           "Desk phone {tsym}|Teams calls {csym}|{head} headset {hsym}|Mobile phone {msym}|"
           "Need a new SIM card for {person}",
           "My desk phone {floor} {tsym}.|Teams calls {csym}, especially with customers.|My "
           "{head} headset {hsym}.|My company phone {msym}.|{person} lost the SIM card and "
           "needs a new one.",
           "I'm on calls all day.|",
           tsym="has no dial tone|is stuck on 'Registering'|won't ring|echoes on every call",
           csym="keep dropping|have no audio|are choppy|go silent after a minute",
           head="Jabra|Poly|Logitech|Sennheiser",
           hsym="has no sound|has a dead microphone|won't pair",
           msym="won't get email|can't connect to Wi-Fi|has a cracked screen|won't enrol in "
           "Intune"),
    _issue(EN, "Security", "Security Operations", 2, 1,
           "Suspicious email about {topic}|Phishing? Email asking me to {ask}|I clicked a link "
           "in a suspicious email|Antivirus alert on {laptop}",
           "I got an email about {topic} from an address I don't know.|An email asks me to "
           "{ask}. It looks odd.|I clicked a link in an email about {topic} before I noticed, "
           "then closed the page.|Defender popped up a threat warning on my {laptop}.",
           "I haven't replied.|I forwarded it to the phishing mailbox.|",
           topic="an unpaid invoice|a parcel delivery|a password expiry|a shared document|"
           "a payroll change|a voicemail",
           ask="log in to a page|open a zip file|confirm my bank details|buy gift cards|"
           "approve an MFA request"),
    _issue(EN, "Security", "Security Operations", 1, 1,
           "Lost {dev} {where}|Stolen {dev}, please wipe|USB stick blocked, need an exception",
           "I lost my {dev} {where}. Please lock it.|My {dev} was stolen {where}.|I need to "
           "copy measurement files from a USB stick for an audit.",
           "",
           dev="laptop|phone|company iPad|badge and laptop",
           where="on the train|at the airport|at a customer site|in a taxi"),
    _issue(EN, "Facilities", "Workplace", 4, 0,
           "Projector in {room} has no signal|Screen in {room} {avsym}|{room}: screen "
           "{avsym}|Teams Room in {room} {trsym}|No HDMI cable in {room}",
           "The projector in {room} shows 'No signal' with every laptop.|The screen in "
           "{room} {avsym}.|In {room} the screen {avsym}.|The Teams Room in {room} {trsym}.|"
           "Someone took the HDMI cable from {room}.",
           "The room is booked all week.|Tried both cables on the table.",
           avsym="shows no input|won't turn on|has no sound|keeps switching off",
           trsym="won't join meetings|has no camera|has a frozen touch panel|echoes"),
    _issue(EN, "Facilities", "Workplace", 2, -1,
           "Badge reader at {door} not working|My badge doesn't open {door}|Air conditioning "
           "in {room} not working",
           "The reader at {door} stays red for everyone.|My badge works everywhere except "
           "{door}.|It is very hot in {room}, the air conditioning is off.",
           "",
           door="the car park gate|the main entrance|the warehouse door|the server room|"
           "the lab door"),
    # ---------------------------------------------------------------- Chinese
    _issue(ZH, "Email", "Service Desk", 5, 0,
           "Outlook 一直提示输入密码|Outlook {osym}|{after}Outlook {osym}|{laptop}上的 Outlook "
           "{osym}",
           "{after}Outlook 每隔几分钟就弹出密码框，输入新密码也没用。|Outlook {osym}，收不了邮件。|"
           "{after}Outlook 就{osym}了。|{laptop}上的 Outlook {osym}，网页版邮箱可以用。",
           "手机上收邮件正常。|用的是电脑上的 Outlook 客户端。",
           osym="打不开|一直卡在加载配置文件|非常慢|搜索不到邮件|显示已断开|收不到新邮件|"
           "打开附件就卡死|频繁闪退"),
    _issue(ZH, "Email", "Service Desk", 2, 0,
           "无法给{rcpt}发送邮件|收不到{rcpt}的邮件|发给{rcpt}的邮件被退回|{rcpt}的邮件进了垃圾箱",
           "给{rcpt}发邮件一直失败。|{rcpt}说已经发了好几封，我一封都没收到。|"
           "发给{rcpt}的邮件都被退回了，退信附上。|{rcpt}的邮件总是进垃圾邮件，经常漏看。",
           "垃圾邮件文件夹已经看过了。|",
           rcpt="外部客户|德国供应商|财务组|QQ 邮箱|总部同事|审计公司"),
    _issue(ZH, "Printing", "Workplace", 5, 0,
           "{floor}打印机{psym}|{printer}{psym}|打印机{psym}|{floor}的{printer}{psym}",
           "{floor}的打印机{psym}。|{printer}{psym}，重启过也没用。|打印机又{psym}了，上周也是这样。|"
           "{floor}的{printer}{psym}。",
           "屏幕上显示“{perr}”。|别人的打印任务也打不出来。",
           psym="卡纸|一直卡纸|打印出来是白纸|显示脱机|打印有黑色条纹|任务卡在队列里|不能双面打印|"
           "提示卡纸但里面没有纸|打印乱码|打印很慢",
           perr="纸盒2卡纸|SC542 错误|请更换墨粉|废粉盒已满|脱机"),
    _issue(ZH, "Printing", "Workplace", 2, -1,
           "无法添加打印机|扫描到邮箱功能不能用|{floor}打印机需要换墨粉|{after}找不到打印机了",
           "添加{printer}的时候提示需要管理员权限。|{printer}扫描成功了但是邮箱收不到。|"
           "{floor}的{printer}墨粉灯一直亮着。|{after}打印机列表里没有常用的打印机了。",
           ""),
    _issue(ZH, "Hardware", "Field Services", 5, 0,
           "电脑无法开机|笔记本{hsym}|{laptop}{hsym}|{after}电脑{hsym}",
           "按电源键没反应，电源灯也不亮。|笔记本{hsym}，没法工作。|我的{laptop}{hsym}。|"
           "{after}电脑就{hsym}了。",
           "电脑用了两年左右。|现在借用同事的电脑。",
           hsym="开不了机|黑屏|蓝屏|过热自动关机|风扇声音很大|卡在 BitLocker 恢复界面|开机很慢|"
           "电池一小时就没电|屏幕闪烁|键盘部分按键失灵|无法充电"),
    _issue(ZH, "Hardware", "Workplace", 2, -1,
           "显示器{msym}|扩展坞{dsym}|申请更换{acc}|{acc}坏了",
           "工位上的显示器{msym}。|扩展坞{dsym}，换了接口也一样。|{acc}用了很久了，申请换一个新的。|"
           "{acc}用不了了，能换一个吗？",
           "",
           msym="没有信号|一直闪|分辨率不对|自己关机",
           dsym="识别不到显示器|经常断开|不给笔记本充电",
           acc="键盘|鼠标|耳机|充电器|摄像头"),
    _issue(ZH, "Network", "Network Ops", 4, 0,
           "VPN 连接后无法访问共享盘|VPN {vsym}|在家无法连接 VPN|{after}VPN {vsym}",
           "VPN 连上以后共享盘和 OA 都打不开。|VPN {vsym}。|"
           "在家用 VPN 一直连不上，家里网络是正常的。|{after}VPN 就{vsym}。",
           "这周都在家办公。|",
           vsym="连接不上|经常断开|连接后无法上网|提示证书错误|登录时一直转圈|连上后速度很慢"),
    _issue(ZH, "Network", "Network Ops", 3, 0,
           "{room} WiFi {wsym}|{floor}WiFi {wsym}|{floor}网络断了|{floor}网速很慢|"
           "无法访问{isys}",
           "{room}的 WiFi {wsym}。|{floor}的 WiFi {wsym}。|{floor}的网络全部断了。|"
           "{floor}网速特别慢，打开网页要一分钟。|{isys}打不开，其他网站正常。",
           "好几个同事都一样。|下午有客户来访。",
           wsym="连不上|信号很弱|经常掉线|连上了但没有网络|访客网络无法使用",
           isys="共享盘|OA 系统|内网门户|MES 系统|SAP"),
    _issue(ZH, "Access", "Identity & Access", 2, -1,
           "新员工{person}入职，申请开通账号|新同事{person}下周入职，需要电脑和邮箱",
           "{person}下周一入职{team}，请帮忙开通域账号和邮箱。|{person}下周入职{team}，"
           "需要电脑、邮箱和门禁卡。",
           "权限和{team}其他同事一样。|审批单已附上。",
           team="财务部|销售部|物流部|质检部|研发部|人事部|采购部|生产部"),
    _issue(ZH, "Access", "Identity & Access", 4, -1,
           "申请开通{res}权限|申请{res}访问权限|{res}权限被误删了",
           "因为季度结账需要{res}权限，经理已经批准。|工作需要访问{res}，麻烦开通。|"
           "上周还能访问{res}，现在没有权限了。",
           "",
           res="财务共享文件夹|项目共享盘|SharePoint 项目站点|Power BI 报表|SAP 收货|MES 系统|"
           "OA 审批流程|采购共享盘"),
    _issue(ZH, "Access", "Service Desk", 4, 0,
           "账号被锁定|{sys}密码重置|无法登录{sys}|手机换了，需要重新绑定 MFA|收不到 MFA 验证码",
           "登录时提示账号已锁定。|休假回来忘记{sys}密码了。|登录{sys}一直提示用户名或密码错误。|"
           "换了新手机，验证器里什么都没有了。|手机上收不到验证通知。",
           "已经试过自助重置密码。|",
           sys="SAP|电脑|OA 系统|企业微信|邮箱|VPN|MES"),
    _issue(ZH, "Software", "Service Desk", 4, 0,
           "{app}{asym}|{after}{app}{asym}|{app}一用就{asym}",
           "{app}{asym}，重装也没用。|{after}{app}就{asym}。|{app}一打开文件就{asym}。",
           "同事的电脑没有这个问题。|",
           app="Excel|Teams|企业微信|WPS|AutoCAD|Chrome 浏览器|OneDrive|Adobe Acrobat|"
           "腾讯会议|SolidWorks",
           asym="打不开|经常闪退|运行很慢|提示许可证过期|无法更新|保存时卡死|报错 0x80070005|"
           "无法打开共享文件"),
    _issue(ZH, "Software", "Service Desk", 2, -1,
           "申请安装{iapp}|需要管理员权限安装{iapp}|{iapp}许可证过期|申请升级{iapp}",
           "项目需要用{iapp}，经理已经同意。|安装{iapp}时提示需要管理员权限。|"
           "{iapp}提示许可证已过期，无法使用。|{iapp}版本太旧，打不开客户发来的文件。",
           "软件中心里找不到。|",
           iapp="Visio|Power BI|Python|MATLAB|Photoshop|Notepad++|7-Zip|CAD 看图软件"),
    _issue(ZH, _BIZ, _BIZ, 4, 0,
           "SAP 登录报错|SAP {tcode} 报错：{serr}|SAP 里无法过账{doc}|SAP GUI {gsym}",
           "SAP 登录时报错，进不去系统。|运行 {tcode} 时提示“{serr}”。|"
           "{doc}过账失败，提示“{serr}”。|SAP GUI {gsym}。",
           "同组同事可以正常过账。|上周还是正常的。|截图已附上。",
           tcode="ME21N|VA01|MIGO|FB60|MM03|CO11N|VL02N|MB51",
           serr="没有事务权限|运行时错误 TIME_OUT|凭证被其他用户锁定|会计期间未打开|"
           "物料在工厂中不存在|更新被终止|供应商已冻结",
           doc="收货单|发票|采购订单|交货单",
           gsym="登录就闪退|非常慢|更新后打不开|几分钟就自动退出"),
    _issue(ZH, "Telephony", "Network Ops", 2, 0,
           "座机{tsym}|Teams 通话{csym}|耳机{hsym}|申请新的手机卡|企业微信语音{csym}",
           "{floor}的座机{tsym}。|和客户开 Teams 会议时{csym}。|耳机{hsym}，换了 USB 口也不行。|"
           "手机卡丢了，需要补办。|企业微信语音通话{csym}。",
           "",
           tsym="没有拨号音|一直显示注册中|打不进来|通话有回声",
           csym="经常断|没有声音|断断续续|一分钟后就没声音",
           hsym="没有声音|麦克风不能用|连不上电脑"),
    _issue(ZH, "Security", "Security Operations", 2, 1,
           "收到可疑邮件，{topic}|点了钓鱼邮件里的链接怎么办|杀毒软件报警：{laptop}|"
           "笔记本丢失，请远程锁定|U 盘被禁用，申请例外",
           "收到一封邮件{topic}，让我登录一个网页。|我不小心点了邮件里的链接，马上关掉了。|"
           "{laptop}右下角弹出病毒警告。|笔记本在出差路上丢了，里面有公司资料。|"
           "审核需要从 U 盘拷贝测量数据。",
           "",
           topic="说发票未付|说快递到了|说密码即将过期|说有共享文件|说工资调整"),
    _issue(ZH, "Facilities", "Workplace", 4, 0,
           "会议室投影仪无信号|{room}投影仪无信号|{room}电视{avsym}|{room}视频会议设备{avsym}|"
           "{door}门禁刷卡没反应|{room}空调不制冷",
           "会议室投影仪接上电脑一直显示无信号。|{room}的投影仪接什么电脑都没有信号。|"
           "{room}的电视{avsym}。|{room}的视频会议设备{avsym}。|{door}的门禁刷卡一直没反应。|"
           "{room}空调不制冷，太热了。",
           "这个会议室这周都有预订。|两根 HDMI 线都试过了。",
           avsym="没有信号|打不开|没有声音|自动关机|无法入会",
           door="停车场|大门|仓库|机房|实验室"),
)
