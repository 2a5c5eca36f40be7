"""The demo ticket generator: numbers, times and ids drawn per batch with numpy, texts per
ticket from :mod:`~opexdesk.services.demo_issues` and :mod:`~opexdesk.services.demo_content`.
Rows are tuples of exactly the text the ORM stores on SQLite, ready for ``executemany``
(see :mod:`opexdesk.services.demo`)."""

from __future__ import annotations

import json
import random
import string
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

from opexdesk.domain.enums import Priority, Status
from opexdesk.domain.priority import PriorityMatrix
from opexdesk.domain.sla import due_times
from opexdesk.services import demo_content as C
from opexdesk.services.demo_issues import EN_COMMON, ISSUES, ZH_COMMON

if TYPE_CHECKING:
    import numpy as np

DAYS_BACK = 270
ZH_SHARE = 0.30
# Share of tickets with audit events, comments, and work logs: every open ticket has a
# history; closed ones (the bulk of a large database) only some, to keep seeding fast.
AUDIT_SHARE = (1.0, 0.08)  # (open or resolved, closed)
COMMENT_SHARE = (0.7, 0.12)
WORK_SHARE = 0.5  # of the tickets with comments and an assignee
DAY = 86400

# Local office-hour weights, 00:00..23:00, and weekday weights Monday..Sunday.
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 10, 30, 42, 40, 34, 20, 30, 36, 32, 26, 14, 7, 4, 3, 2, 2, 1)
WEEKDAY_WEIGHTS = (1.15, 1.05, 1.0, 1.0, 0.85, 0.12, 0.08)
# Impact and urgency weights of levels 1..4 by issue severity -1, 0, 1 (percent).
IMPACT_WEIGHTS = ((0, 2, 30, 68), (2, 10, 45, 43), (12, 30, 40, 18))
URGENCY_WEIGHTS = ((1, 8, 46, 45), (4, 18, 53, 25), (22, 40, 30, 8))

STATUSES = [s.value for s in Status]
NEW, ASSIGNED, IN_PROGRESS, PENDING, RESOLVED, CLOSED = range(len(STATUSES))
_EPOCH_MS = 946_684_800_000  # 2000-01-01: ids of the demo users and devices


class Rows:
    """One batch of rows, as tuples in the column order of the INSERT statements."""

    __slots__ = ("tickets", "audit", "comments", "work")

    def __init__(self) -> None:
        self.tickets: list[tuple[Any, ...]] = []
        self.audit: list[tuple[Any, ...]] = []
        self.comments: list[tuple[Any, ...]] = []
        self.work: list[tuple[Any, ...]] = []


def _slot_names(templates: Sequence[str]) -> list[str]:
    return sorted({n for t in templates for _, n, _, _ in string.Formatter().parse(t) if n})


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _capital(text: str) -> str:
    return text if text[:1].isupper() or not text else text[0].upper() + text[1:]


_quote = encode_basestring  # a str as a JSON string literal (what json.dumps writes)


class DemoGenerator:
    """Builds the rows: numpy draws the numbers of a whole batch, ``random.Random`` the
    words of each ticket; both are seeded, so the output depends on ``seed`` and ``now`` only."""

    def __init__(self, seed: int, now: int) -> None:
        import numpy as np

        self.np, self.now = np, now
        self.npr = np.random.default_rng(seed)
        self.hex = np.frombuffer(b"0123456789abcdef", np.uint8)
        self.uuid_digits = np.array([i for i in range(36) if i not in (8, 13, 18, 23)])
        self.ts_template = np.frombuffer(b"0000-00-00 00:00:00.000000", np.uint8)
        self._day_table(now // DAY - DAYS_BACK - 30, now // DAY + 60)
        self.rng = random.Random(seed)
        matrix = PriorityMatrix()
        self.priority = np.array(
            [[int(matrix.priority_for(i, u)) for u in range(1, 5)] for i in range(1, 5)]
        )
        self.offsets = self._sla_offsets()
        self.impact_cum = np.cumsum(IMPACT_WEIGHTS, axis=1)
        self.urgency_cum = np.cumsum(URGENCY_WEIGHTS, axis=1)
        en = [i for i in ISSUES if i.lang == C.EN]
        self.issues = en + [i for i in ISSUES if i.lang == C.ZH]
        self.n_en = len(en)
        self.issue_cum = (
            np.cumsum([i.weight for i in en]),
            np.cumsum([i.weight for i in self.issues[len(en) :]]),
        )
        self.issue_severity = np.array([i.severity + 1 for i in self.issues])
        self.issue_group = np.array([C.GROUPS.index(i.group) for i in self.issues])
        common = (EN_COMMON, ZH_COMMON)
        self.slots = [
            [
                (n, i.slots.get(n) or common[i.lang][n])
                for n in _slot_names(i.titles + i.details + i.extra)
            ]
            for i in self.issues
        ]
        self.sites = [name for name, _, _ in C.SITES]
        self.site_cn = np.array([region == "cn" for _, _, region in C.SITES])
        self.site_cum = (np.cumsum(C.EN_SITE_WEIGHTS), np.cumsum(C.CN_SITE_WEIGHTS))
        self.techs = [t for t in C.TECHNICIANS if t[2] != "admin"]
        self.users = [t[0] for t in self.techs] + [C.PORTAL]  # index -1 of created_by
        self.devices = {t[0]: self._uuid1(_EPOCH_MS) for t in C.TECHNICIANS}
        self.devices[C.PORTAL] = self.devices[C.SYSTEM] = self._uuid1(_EPOCH_MS)
        self.status_json = [_json(s) for s in STATUSES]
        self.fixes = [*C.FIXES[C.EN], *C.FIXES[C.ZH]]
        self._people()
        self._teams()

    def _sla_offsets(self) -> Any:
        """Seconds from creation to (response, resolution) due by priority when due_times is
        plain calendar time (checked at two instants); None: call it for every ticket."""
        found = []
        for base in (datetime(2000, 1, 1, tzinfo=UTC), datetime(2001, 6, 4, 10, 17, tzinfo=UTC)):
            found.append(
                [[0, 0]]
                + [[int((t - base).total_seconds()) for t in due_times(p, base)] for p in Priority]
            )
        return self.np.array(found[0]) if found[0] == found[1] else None

    # ---- people and places -----------------------------------------------------------

    def _people(self) -> None:
        np, rng = self.np, self.rng
        people: list[tuple[str, str, str]] = []  # name, first name (en), first name (zh)
        sites: list[int] = []
        for k in rng.sample(range(len(C.EN_FIRST) * len(C.EN_LAST)), 900):
            first, last = C.EN_FIRST[k // len(C.EN_LAST)], C.EN_LAST[k % len(C.EN_LAST)]
            people.append((f"{first} {last}", first, first))
        for k in rng.sample(range(len(C.CN_SURNAMES) * len(C.CN_GIVEN)), 600):
            sp, sh = C.CN_SURNAMES[k // len(C.CN_GIVEN)]
            gp, gh = C.CN_GIVEN[k % len(C.CN_GIVEN)]
            people.append((f"{sp} {gp} {sh}{gh}", gp, sh + gh))
        for i in range(len(people)):
            table = self.site_cum[int(i >= 900)]
            sites.append(int(np.searchsorted(table, rng.random() * table[-1], side="right")))
        self.people = people
        self.person_site = np.array(sites)
        chinese_in_china = (np.arange(len(people)) >= 900) & self.site_cn[self.person_site]
        # English tickets come from everyone (Chinese colleagues in China less often);
        # Chinese tickets from Chinese colleagues in China.
        self.pool = (np.arange(len(people)), np.flatnonzero(chinese_in_china))
        self.pool_cum = (
            np.cumsum(np.where(chinese_in_china, 0.35, 1.0)),
            np.cumsum(np.ones(len(self.pool[1]))),
        )

    def _teams(self) -> None:
        """team[group * 2 + in_china] -> usernames to pick an assignee from (padded)."""
        teams = []
        for group in C.GROUPS:
            members = [k for k, t in enumerate(self.techs) if t[3] == group]
            for china in (False, True):
                local = [k for k in members if (self.techs[k][4] == "cn") == china]
                teams.append(local or members)
        width = max(len(t) for t in teams)
        self.team = self.np.array([t + [t[0]] * (width - len(t)) for t in teams])
        self.team_size = self.np.array([len(t) for t in teams])
        self.desk = [[self.techs[k][0] for k in teams[china]] for china in (0, 1)]

    def user_rows(self) -> list[tuple[Any, ...]]:
        return [
            (self._uuid1(_EPOCH_MS), user, name, role, group, int(self.rng.random() < 0.08))
            for user, name, role, group, _ in C.TECHNICIANS
        ]

    def vocabulary(self) -> dict[str, list[str]]:
        return {
            "site": self.sites,
            "category": sorted({i.category for i in ISSUES}),
            "group_name": list(C.GROUPS),
            "requester": [p[0] for p in self.people],
            "assignee": [t[0] for t in self.techs],
        }

    # ---- ids and time ----------------------------------------------------------------

    def _uuid1(self, ms: int) -> str:
        return self.uuids(self.np.array([ms]))[0]

    def uuids(self, ms: np.ndarray) -> list[str]:
        """UUIDv7 texts for the times ``ms`` with seeded random bits (ids sort like times)."""
        np, n = self.np, len(ms)
        b = np.empty((n, 16), np.uint8)
        b[:, :6] = (ms[:, None] >> np.arange(40, -8, -8, dtype=np.int64)) & 0xFF
        b[:, 6:] = self.npr.integers(0, 256, (n, 10), dtype=np.uint8)
        b[:, 6] = (b[:, 6] & 0x0F) | 0x70  # version 7
        b[:, 8] = (b[:, 8] & 0x3F) | 0x80  # RFC 4122 variant
        out = np.full((n, 36), ord("-"), np.uint8)
        digits = np.stack([self.hex[b >> 4], self.hex[b & 15]], axis=2).reshape(n, 32)
        out[:, self.uuid_digits] = digits
        return out.view("S36").ravel().astype("U36").tolist()

    def texts(self, secs: np.ndarray, present: np.ndarray | None = None) -> list[str | None]:
        """Unix seconds as the naive-UTC text SQLAlchemy stores for UtcDateTime on SQLite
        ('YYYY-MM-DD HH:MM:SS.ffffff'); None where ``present`` is False."""
        np = self.np
        if present is not None:
            secs = np.where(present, secs, self.now)
        days = secs // DAY
        lo, hi = int(days.min()), int(days.max())
        if lo < self.day0 or hi >= self.day0 + len(self.day_rows):
            self._day_table(lo, hi)
        out = np.empty((len(secs), 26), np.uint8)
        out[:, :10] = self.day_rows[days - self.day0]
        out[:, 10:] = self.ts_template[10:]
        sod = secs - days * DAY
        for col, value in ((11, sod // 3600), (14, sod // 60 % 60), (17, sod % 60)):
            out[:, col] += (value // 10).astype(np.uint8)
            out[:, col + 1] += (value % 10).astype(np.uint8)
        result: list[str | None] = [t.decode() for t in out.view("S26").ravel().tolist()]
        if present is not None:
            result = [t if p else None for t, p in zip(result, present.tolist(), strict=True)]
        return result

    def _day_table(self, lo: int, hi: int) -> None:
        """'YYYY-MM-DD' as bytes for every day from ``lo`` to ``hi`` (days since 1970)."""
        epoch = datetime(1970, 1, 1)
        days = "".join((epoch + timedelta(days=d)).strftime("%Y-%m-%d") for d in range(lo, hi + 1))
        self.day0 = lo
        self.day_rows = self.np.frombuffer(days.encode(), self.np.uint8).reshape(-1, 10)

    def creation(self, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(created_at, requester, language) of every ticket, oldest first, so local_id,
        number and the time indexes grow together. Office hours are the requester's."""
        np, npr, now = self.np, self.npr, self.now
        first_day = now // DAY - DAYS_BACK
        weekday = (first_day + np.arange(DAYS_BACK + 1) + 3) % 7
        day_cum = np.cumsum(np.array(WEEKDAY_WEIGHTS)[weekday])
        hour_cum = np.cumsum(HOUR_WEIGHTS)
        u = npr.random((count, 5))
        day = np.searchsorted(day_cum, u[:, 0] * day_cum[-1], side="right")
        hour = np.searchsorted(hour_cum, u[:, 1] * hour_cum[-1], side="right")
        lang = (u[:, 2] < ZH_SHARE).astype(np.int64)
        person = np.empty(count, np.int64)
        for code in (0, 1):
            rows = lang == code
            cum = self.pool_cum[code]
            picks = np.searchsorted(cum, u[rows, 3] * cum[-1], side="right")
            person[rows] = self.pool[code][picks]
        offset = np.array([C.SITES[s][1] for s in range(len(C.SITES))])[self.person_site[person]]
        t = (first_day + day) * DAY + (hour - offset) * 3600 + (u[:, 4] * 3600).astype(np.int64)
        t -= np.maximum(0, -(-(t - now) // (7 * DAY))) * 7 * DAY  # never in the future
        order = np.argsort(t, kind="stable")
        return t[order], person[order], lang[order]

    # ---- tickets ---------------------------------------------------------------------

    def batch(
        self, c: np.ndarray, person: np.ndarray, lang: np.ndarray, number: int, provisional: int
    ) -> Rows:
        np, now, n = self.np, self.now, len(c)
        u = self.npr.random((n, 24))
        z = self.npr.standard_normal((n, 2))
        site = self.person_site[person]
        visit_en = np.searchsorted(self.site_cum[0], u[:, 1] * self.site_cum[0][-1], "right")
        visit_zh = np.searchsorted(self.site_cum[1], u[:, 1] * self.site_cum[1][-1], "right")
        site = np.where(u[:, 0] > 0.93, np.where(lang == 1, visit_zh, visit_en), site)
        china = self.site_cn[site]
        en_cum, zh_cum = self.issue_cum
        issue = np.where(
            lang == 1,
            self.n_en + np.searchsorted(zh_cum, u[:, 2] * zh_cum[-1], "right"),
            np.searchsorted(en_cum, u[:, 2] * en_cum[-1], "right"),
        )
        severity = self.issue_severity[issue]
        impact = 1 + (self.impact_cum[severity] <= (u[:, 3] * 100)[:, None]).sum(axis=1)
        urgency = 1 + (self.urgency_cum[severity] <= (u[:, 4] * 100)[:, None]).sum(axis=1)
        priority = self.priority[impact - 1, urgency - 1]
        if self.offsets is not None:
            response_due = c + self.offsets[priority, 0]
            resolution_due = c + self.offsets[priority, 1]
        else:  # due_times is more than calendar arithmetic: ask it for every ticket
            dues = [
                due_times(Priority(p), datetime.fromtimestamp(t, UTC))
                for p, t in zip(priority.tolist(), c.tolist(), strict=True)
            ]
            response_due = np.array([int(d[0].timestamp()) for d in dues])
            resolution_due = np.array([int(d[1].timestamp()) for d in dues])

        # Time to first response and to resolution, scaled on the SLA targets.
        response = np.maximum(60, ((response_due - c) * np.exp(-0.9 + 0.8 * z[:, 0])))
        response = response.astype(np.int64)
        duration = ((resolution_due - c) * np.exp(-1.05 + 0.9 * z[:, 1])).astype(np.int64)
        duration = np.where(u[:, 5] < 0.08, duration * 12, duration)  # waiting on a vendor
        duration = np.maximum(duration, response + 300)
        age = now - c
        is_resolved = c + duration <= now
        resolved = np.where(is_resolved, c + duration, 0)
        closed = resolved + 3 * DAY + (u[:, 6] * 2 * DAY).astype(np.int64)  # after 3-5 days
        is_closed = is_resolved & (closed <= now)
        closed = np.where(is_closed, closed, 0)
        is_new = ~is_resolved & ((age < response) | ((age < 3 * DAY) & (u[:, 7] < 0.2)))
        waiting = u[:, 8] + 0.25 * (age > 3 * DAY)  # older open tickets wait more often
        status = np.select(
            [is_closed, is_resolved, is_new, waiting < 0.3, waiting < 0.8],
            [CLOSED, RESOLVED, NEW, ASSIGNED, IN_PROGRESS],
            PENDING,
        )
        group = np.where(u[:, 22] < 0.25, 0, self.issue_group[issue])  # 0: Service Desk
        new_group = np.choose((u[:, 8] * 2.5).astype(np.int64), [self.issue_group[issue], 0, -1])
        group = np.where(is_new, new_group, group)
        team = np.maximum(group, 0) * 2 + china
        pick = (u[:, 9] * self.team_size[team]).astype(np.int64)
        assignee = np.where(is_new, -1, self.team[team, pick])
        has_owner = ~is_new
        first_resp = np.where(has_owner, c + response, 0)
        assign_t = np.where(has_owner, c + (response * (0.3 + 0.7 * u[:, 10])).astype(np.int64), 0)
        start_t = np.where(has_owner & (status != ASSIGNED), first_resp, 0)
        end = np.where(is_resolved, resolved, now)
        has_pend = (status == PENDING) | (is_resolved & (u[:, 11] < 0.25))
        pend_t = np.where(
            has_pend, first_resp + ((end - first_resp) * u[:, 12] * 0.6).astype(np.int64), 0
        )
        resume_t = np.where(
            has_pend & (status != PENDING),
            pend_t + ((end - pend_t) * u[:, 13] * 0.8).astype(np.int64),
            0,
        )
        last = np.maximum.reduce([c, first_resp, pend_t, resume_t, resolved, closed])
        updated = np.where(
            is_resolved, last, last + ((now - last) * u[:, 14] * 0.3).astype(np.int64)
        )
        desk = china.astype(np.int64)  # Service Desk, in or outside China
        creator = self.team[desk, (u[:, 16] * self.team_size[desk]).astype(np.int64)]
        creator = np.where(u[:, 15] < 0.4, -1, creator)
        n_fix = len(C.FIXES[C.EN])
        note = np.where(is_resolved, lang * n_fix + (u[:, 17] * n_fix).astype(np.int64), -1)
        version = 1 + sum(
            (t > 0).astype(np.int64)
            for t in (assign_t, start_t, pend_t, resume_t, resolved, closed)
        )
        audit = u[:, 19] < np.where(is_closed, AUDIT_SHARE[1], AUDIT_SHARE[0])
        discuss = u[:, 20] < np.where(is_closed, COMMENT_SHARE[1], COMMENT_SHARE[0])
        work = discuss & has_owner & (u[:, 21] < WORK_SHARE)

        # Texts, one ticket at a time.
        titles, descriptions = [], []
        for i, lg, urg, p in zip(
            issue.tolist(), lang.tolist(), urgency.tolist(), person.tolist(), strict=True
        ):
            title, description = self.words(i, lg, urg, self.people[p][1])
            titles.append(title)
            descriptions.append(description)
        ids = self.uuids(c * 1000 + (u[:, 18] * 1000).astype(np.int64))
        users = np.array([*self.users, None], dtype=object)  # index -1: none / portal
        groups = np.array([*C.GROUPS, None], dtype=object)
        notes = np.array([*self.fixes, None], dtype=object)[note].tolist()
        cols = {
            "requester": [self.people[p][0] for p in person.tolist()],
            "site": np.array(self.sites, dtype=object)[site].tolist(),
            "category": [self.issues[i].category for i in issue.tolist()],
            "status": np.array(STATUSES, dtype=object)[status].tolist(),
            "assignee": users[np.where(assignee < 0, len(users) - 1, assignee)].tolist(),
            "group": groups[group].tolist(),
            "creator": np.array(self.users, dtype=object)[creator].tolist(),
        }
        rows = Rows()
        rows.tickets = list(
            zip(
                ids,
                range(number, number + n),
                [f"L-{k:06d}" for k in range(provisional, provisional + n)],
                titles,
                descriptions,
                cols["requester"],
                cols["site"],
                cols["category"],
                impact.tolist(),
                urgency.tolist(),
                priority.tolist(),
                cols["status"],
                cols["assignee"],
                cols["group"],
                cols["creator"],
                self.texts(c),
                self.texts(updated),
                self.texts(first_resp, has_owner),
                self.texts(resolved, is_resolved),
                self.texts(closed, is_closed),
                self.texts(response_due),
                self.texts(resolution_due),
                notes,
                version.tolist(),
                strict=True,
            )
        )
        times = np.stack(
            [c, assign_t, start_t, pend_t, resume_t, resolved, closed, first_resp, updated], axis=1
        ).tolist()
        langs, persons, chinas = lang.tolist(), person.tolist(), china.tolist()
        flags = (audit.astype(np.int64) + 2 * discuss + 4 * work).tolist()
        children: tuple[list[tuple[Any, ...]], ...] = ([], [], [])
        for i in np.flatnonzero(audit | discuss).tolist():
            lg, flag = langs[i], flags[i]
            ticket = rows.tickets[i]
            if flag & 1:
                self.history(children[0], ticket, lg, chinas[i], times[i])
            if flag & 2:
                first = self.people[persons[i]][2 if lg else 1]
                self.comments(children[1], ticket, lg, times[i], first)
            if flag & 4:
                self.work(children[2], ticket, lg, times[i])
        for out, found in zip((rows.audit, rows.comments, rows.work), children, strict=True):
            self._finish(out, found)
        return rows

    def words(self, index: int, lang: int, urgency: int, first: str) -> tuple[str, str]:
        """Title and description of one ticket, written as its requester would."""
        r, issue = self.rng.random, self.issues[index]
        values = {n: lst[int(r() * len(lst))] for n, lst in self.slots[index]}
        which = int(r() * len(issue.titles))
        title = _capital(issue.titles[which].format_map(values))
        text = _capital(issue.details[which].format_map(values))
        sep = "" if lang else " "
        if issue.extra and r() < 0.5:
            text += sep + _capital(issue.extra[int(r() * len(issue.extra))].format_map(values))
        if r() < 0.4:
            tried = C.TRIED[lang]
            text += sep + tried[int(r() * len(tried))]
        urgent = C.URGENCY_TEXT[lang][urgency - 1]
        said = urgent[int(r() * len(urgent))]
        if said:
            text += sep + said
        if r() < 0.7:
            greetings = C.GREETINGS[lang]
            text = greetings[int(r() * len(greetings))] + ("\n" if lang else "\n\n") + text
        if r() < 0.7:
            signs = C.SIGNOFFS[lang]
            sign = signs[int(r() * len(signs))]
            text += f"\n{sign}" if lang else f"\n\n{sign}\n{first}"
        return title, text

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.random() * len(seq))]

    def history(
        self,
        out: list[tuple[Any, ...]],
        ticket: tuple[Any, ...],
        lang: int,
        china: bool,
        times: list[int],
    ) -> None:
        """Audit events shaped like the ones TicketService writes: created, the assignment
        (assignee and status fields), then every status change."""
        (
            tid,
            _,
            _,
            title,
            _,
            requester,
            site,
            category,
            impact,
            urgency,
            priority,
            _,
            assignee,
            group,
            created_by,
        ) = ticket[:15]
        c, assign_t, start_t, pend_t, resume_t, resolved, closed, _, _ = times
        sj, note = self.status_json, ticket[22]
        created = (
            f'{{"title": {_quote(title)}, "impact": {impact}, "urgency": {urgency}, '
            f'"priority": {priority}, "status": "new", "requester": {_quote(requester)}, '
            f'"site": {_quote(site)}, "category": {_quote(category)}, '
            f'"group_name": {_quote(group) if group else "null"}}}'
        )
        out.append((c, tid, "created", None, None, created, created_by))
        if assignee is None:
            return
        who = self.pick(self.desk[china])  # the dispatcher
        out.append((assign_t, tid, "field_changed", "assignee", None, _quote(assignee), who))
        out.append((assign_t, tid, "field_changed", "status", sj[NEW], sj[ASSIGNED], who))
        old = ASSIGNED
        for t, new in (
            (start_t, IN_PROGRESS),
            (pend_t, PENDING),
            (resume_t, IN_PROGRESS),
            (resolved, RESOLVED),
            (closed, CLOSED),
        ):
            if not t:
                continue
            value = sj[new]
            if new == RESOLVED:
                value = _json({"value": STATUSES[new], "note": note})
            elif new == PENDING:
                value = _json({"value": STATUSES[new], "note": self.pick(C.REOPEN_PENDING[lang])})
            actor = C.SYSTEM if new == CLOSED else assignee
            out.append((t, tid, "status_changed", "status", sj[old], value, actor))
            old = new

    def comments(
        self,
        out: list[tuple[Any, ...]],
        ticket: tuple[Any, ...],
        lang: int,
        times: list[int],
        first: str,
    ) -> None:
        """A public reply at the first response, then a few replies and internal notes."""
        r, pick = self.rng.random, self.pick
        tid, requester, assignee = ticket[0], ticket[5], ticket[12]
        c, first_resp, updated = times[0], times[7], times[8]
        if assignee is not None:
            body = pick(C.TECH_PUBLIC[lang]).format(first=first)
            out.append((first_resp, tid, "public", body, assignee))
        start = first_resp or c
        for _ in range(int(r() * 3)):
            t = start + int((updated - start) * r())
            if assignee is not None and r() < 0.55:
                body = pick(C.INTERNAL[lang]).format(case=100_000 + int(r() * 900_000))
                out.append((t, tid, "internal", body, assignee))
            else:
                out.append((t, tid, "public", pick(C.REQUESTER_PUBLIC[lang]), requester))

    def work(
        self, out: list[tuple[Any, ...]], ticket: tuple[Any, ...], lang: int, times: list[int]
    ) -> None:
        first_resp, updated, r = times[7], times[8], self.rng.random
        for _ in range(1 + int(r() * 2)):
            t = first_resp + int((updated - first_resp) * r())
            out.append(
                (t, ticket[0], self.pick(C.WORK_MINUTES), self.pick(C.WORK_NOTES[lang]), ticket[12])
            )

    def _finish(self, out: list[tuple[Any, ...]], found: list[tuple[Any, ...]]) -> None:
        """(time, *columns, author) -> (id, *columns, author, device, time text)."""
        if not found:
            return
        secs = self.np.array([f[0] for f in found], dtype=self.np.int64)
        dev, portal = self.devices, self.devices[C.PORTAL]
        out.extend(
            (uid, *f[1:], dev.get(f[-1], portal), at)
            for uid, f, at in zip(self.uuids(secs * 1000), found, self.texts(secs), strict=True)
        )
