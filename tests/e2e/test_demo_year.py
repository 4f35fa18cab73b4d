"""A whole year of the demo plan, day by day: the sweep every morning, and on chosen days the
people at work – reports, an extension approved, a rectification, a completion claim – through the
same door the task page uses. Every notice is checked against the rules: who got it, on which day.

The demo is loaded on Monday 6 January 2025; its open items are dated from that day.
"""

import datetime
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from responsibility.models import ItemEvent, Person
from tests.workflow.drive import do, do_each
from tests.workflow.test_units import do_unit
from workflow import board, demo
from workflow.lights import series as light_series
from workflow.models import Notification
from workflow.supervision import sweep

D = datetime.date
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOADED = D(2025, 1, 6)
LAST = D(2026, 1, 6)

# The open items of the demo, by category and number, under short names.
ITEMS = {
    "社区治理": (1, "3."),  # ongoing, 陈主任 (hx_chen), lead leader 刘副主任 (hx_liu)
    "律师服务": (1, "4."),  # claimed, waiting for the inspector
    "风险评估": (3, "2"),  # waiting to be accepted by 赵所长 (official), due 6 April
    "执法公示": (4, "1"),  # 蒋队长 (hx_jiang) asked to move 26 January to 22 March; 黄委员 (hx_huang) leads
    "党内监督": (5, "1."),  # ongoing, 何副主任 (hx_he), lead leader 王书记 (committee)
    "信访": (6, "2"),  # returned to 钱主任 (official2), rectification due 16 January
    "旁听庭审": (7, "2."),  # 赵所长's, overdue since 22 December 2024, at 督办通知单
    "法治宣传": (7, "3."),  # 赵所长's, 90 % done, due 7 March
}


def report(percent: int, day: datetime.date) -> dict:
    period = f"{day.year}-{day.month:02d}"
    return {"action": "report", "period": period, "percent_done": str(percent), "narrative": "按计划推进。"}


# Who does what, on which day (after that morning's sweep).
def script(people, items) -> dict[datetime.date, list]:
    def work(name, percent, day):
        # Every unit the item was handed to reports its own part (社区治理: 社区事务办 and three 社区).
        return lambda: do_each(items[name], "work", **report(percent, day))

    return {
        D(2025, 1, 8): [lambda: do(people["office"], items["执法公示"], "decide_extension", decision="approve")],
        D(2025, 1, 14): [
            lambda: do(
                people["official2"],
                items["信访"],
                "rectify",
                narrative="已补齐回访记录。",
                **values(items["信访"], 信访受理率=100, 信访按期办结率=100),  # the plan asks for every one
            )
        ],
        D(2025, 1, 15): [work("旁听庭审", 70, D(2025, 1, 15))],
        D(2025, 2, 10): [work("法治宣传", 95, D(2025, 2, 10)), work("执法公示", 80, D(2025, 2, 10))],
        D(2025, 3, 3): [
            lambda: do(
                holder(items["法治宣传"]),
                items["法治宣传"],
                "work",
                action="claim",
                period="2025-03",
                percent_done="100",
                narrative="全年主题法治宣传 36 场次。",
                **values(
                    items["法治宣传"],
                    主题法治宣传=36,
                    专题讲座=6,
                    发放普法宣传资料=4500,
                    张贴普法标语及横幅=120,
                    受教育群众=32000,
                ),
                files={"evidence": [SimpleUploadedFile("宣传台账.pdf", b"%PDF-1.4\n%%EOF\n")]},  # the plan asks
            )
        ],
        D(2025, 3, 20): [work("社区治理", 65, D(2025, 3, 20))],
        # Only 兴科社区 reports for the third quarter: the item's other three units miss 30 September.
        D(2025, 9, 20): [
            lambda: do_unit(people["hx_shen"], items["社区治理"], "work", "兴科社区", **report(80, D(2025, 9, 20)))
        ],
        D(2025, 6, 25): [work("社区治理", 75, D(2025, 6, 25))],
        D(2025, 7, 10): [work("党内监督", 60, D(2025, 7, 10))],
        D(2025, 10, 15): [work("社区治理", 85, D(2025, 10, 15))],
        D(2025, 12, 15): [work("党内监督", 80, D(2025, 12, 15))],
    }


def values(item, **by_name: int) -> dict[str, str]:
    """The form's indicator fields of ``item``, by indicator name."""
    pks = dict(item.indicators.values_list("name", "pk"))
    assert set(by_name) == set(pks), sorted(pks)
    return {f"indicator_{pks[name]}": str(value) for name, value in by_name.items()}


def holder(item):
    return item.responsible_post.holder


# The board's light of every open item, looked at after the day's sweep and work.
LOOKS = [D(2025, 1, 7), D(2025, 3, 24), D(2025, 7, 2), D(2025, 7, 11), D(2025, 10, 2), D(2025, 10, 16), LAST]


class Year:
    def __init__(self, plan, items, people) -> None:
        self.plan, self.items, self.people = plan, items, people
        self.start = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
        self.board: dict[datetime.date, dict[str, str]] = {}
        self.counts: dict[datetime.date, dict[str, int]] = {}
        self.after_work: dict[tuple[datetime.date, str], tuple[int, str]] = {}
        self.seconds = 0.0

    @property
    def notices(self):
        return Notification.objects.filter(id__gt=self.start)

    def name(self, pk: int) -> str:
        return next(name for name, item in self.items.items() if item.pk == pk)

    def look(self, day: datetime.date) -> None:
        shown = board.board_items(self.people["inspector"], {"plan": self.plan}, day)
        self.board[day] = {self.name(item.pk): item.rag for item in shown}
        self.counts[day] = board.counts(shown)


def test_a_year_of_the_demo_plan_follows_the_rules(db, settings):
    """One walk through the year (about 20 s on SQLite), then each rule checked on it."""
    settings.PASSWORD_HASHERS = FAST_HASHER
    with demo.clock(LOADED, hour=9):
        demo.load(LOADED)
    year = walk(demo.demo_plans().get())
    print(f"365 sweeps with the year's work: {year.seconds:.1f} s")
    every_notice_of_the_year_went_to_the_right_person_on_the_right_day(year)
    the_board_shows_the_lights_the_rules_give_on_each_day_looked_at(year)
    a_report_clears_the_missed_reports_and_relights_the_item(year)
    each_ladder_step_stands_on_the_timeline_once_on_the_day_it_was_told(year)
    the_light_history_of_the_year_matches_the_board(year)


def walk(plan) -> Year:
    items = {
        name: plan.items.select_related("responsible_post__holder").get(category__order=order, number=number)
        for name, (order, number) in ITEMS.items()
    }
    simulated = Year(plan, items, {person.username: person for person in Person.objects.all()})
    plans = script(simulated.people, items)
    started = time.monotonic()
    day = LOADED
    while day < LAST:
        day += datetime.timedelta(days=1)
        with demo.clock(day, hour=6):
            sweep(day)
        for action in plans.get(day, []):
            with demo.clock(day, hour=15):
                action()
        if day in plans:
            for name, item in items.items():
                item.refresh_from_db()
                simulated.after_work[(day, name)] = (item.reports_missed, item.rag)
        if day in LOOKS:
            simulated.look(day)
    simulated.seconds = time.monotonic() - started
    return simulated


SWEEP_KINDS = ["due_soon", "overdue", "report_missed", "escalation", "contribution_due", "contribution_missed"]


def told(year: Year) -> list[tuple[str, str, str, str, str]]:
    """Every notice the sweep gave in the year as (day, recipient, kind, item, step or deadline), in order."""
    rows = []
    for notice in year.notices.filter(kind__in=SWEEP_KINDS).select_related("recipient").order_by("created_at", "id"):
        # kind:item:deadline[:u<unit>], escalation:item:deadline:step:person[:u<unit>] (the unit on an
        # item of several units, whose units each have their own schedule and ladder)
        parts = notice.key.split(":")
        detail = parts[3] if notice.kind == "escalation" else parts[2]
        day = timezone.localtime(notice.created_at).date().isoformat()
        rows.append((day, notice.recipient.username, notice.kind, year.name(notice.item_id), detail))
    return rows


# Read with the rules: due-soon 7 days before, overdue the day after; a missed report the day after its
# quarter's deadline (the 30th of its last month); the ladder 提醒 1 → 约谈建议 5 at 1/7/15/30/60 days
# overdue or 1/2/3 reports missed, the official always, the lead leader from 督办通知单 (3), the
# committee from 挂牌督办 (4). The demo has no unit heads.
YEAR_OF_NOTICES = [
    ("2025-01-09", "official2", "due_soon", "信访", "2025-01-16"),  # the rectification deadline; rectified on the 14th
    ("2025-01-21", "official", "escalation", "旁听庭审", "4"),  # 30 days past 22 December
    ("2025-01-21", "leader", "escalation", "旁听庭审", "4"),
    ("2025-01-21", "committee", "escalation", "旁听庭审", "4"),
    ("2025-02-20", "official", "escalation", "旁听庭审", "5"),  # 60 days
    ("2025-02-20", "leader", "escalation", "旁听庭审", "5"),
    ("2025-02-20", "committee", "escalation", "旁听庭审", "5"),
    ("2025-02-28", "official", "due_soon", "法治宣传", "2025-03-07"),  # claimed on 3 March: nothing after
    # (its cooperating units settled their 会办 before the year began: 平安办 gave it, 规环办 missed it)
    ("2025-03-15", "hx_jiang", "due_soon", "执法公示", "2025-03-22"),  # the extended deadline
    # 会办: the cooperating unit's date was the old deadline, so the approved extension moved it too;
    # nobody gives it, so its 责任人 and the lead unit's hear of the miss the day after.
    ("2025-03-15", "hx_feng", "contribution_due", "执法公示", "2025-03-22"),
    ("2025-03-23", "hx_jiang", "overdue", "执法公示", "2025-03-22"),
    ("2025-03-23", "hx_feng", "contribution_missed", "执法公示", "2025-03-22"),
    ("2025-03-23", "hx_jiang", "contribution_missed", "执法公示", "2025-03-22"),
    ("2025-03-23", "hx_jiang", "escalation", "执法公示", "1"),
    ("2025-03-29", "hx_jiang", "escalation", "执法公示", "2"),
    ("2025-03-30", "official", "due_soon", "风险评估", "2025-04-06"),  # never accepted
    ("2025-03-31", "hx_he", "report_missed", "党内监督", "2025-03-30"),
    ("2025-03-31", "hx_he", "escalation", "党内监督", "1"),
    ("2025-04-06", "hx_jiang", "escalation", "执法公示", "3"),
    ("2025-04-06", "hx_huang", "escalation", "执法公示", "3"),
    ("2025-04-07", "official", "overdue", "风险评估", "2025-04-06"),
    ("2025-04-07", "official", "escalation", "风险评估", "1"),
    ("2025-04-13", "official", "escalation", "风险评估", "2"),
    ("2025-04-21", "hx_jiang", "escalation", "执法公示", "4"),
    ("2025-04-21", "hx_huang", "escalation", "执法公示", "4"),
    ("2025-04-21", "committee", "escalation", "执法公示", "4"),
    ("2025-04-21", "official", "escalation", "风险评估", "3"),
    ("2025-04-21", "leader", "escalation", "风险评估", "3"),
    ("2025-05-06", "official", "escalation", "风险评估", "4"),
    ("2025-05-06", "leader", "escalation", "风险评估", "4"),
    ("2025-05-06", "committee", "escalation", "风险评估", "4"),
    ("2025-05-21", "hx_jiang", "escalation", "执法公示", "5"),
    ("2025-05-21", "hx_huang", "escalation", "执法公示", "5"),
    ("2025-05-21", "committee", "escalation", "执法公示", "5"),
    ("2025-06-05", "official", "escalation", "风险评估", "5"),
    ("2025-06-05", "leader", "escalation", "风险评估", "5"),
    ("2025-06-05", "committee", "escalation", "风险评估", "5"),
    # 社区治理 reported on 20 March and 25 June: those quarters' deadlines were met.
    ("2025-07-01", "hx_jiang", "report_missed", "执法公示", "2025-06-30"),
    ("2025-07-01", "hx_he", "report_missed", "党内监督", "2025-06-30"),
    ("2025-07-01", "official", "report_missed", "旁听庭审", "2025-06-30"),
    ("2025-07-01", "hx_he", "escalation", "党内监督", "2"),  # two in a row: 催办
    # 党内监督 reported on 10 July, in the third quarter: 30 September met.
    # 社区治理's four units (社区事务办 and three 社区) each keep their own schedule and ladder: the
    # three that did not report for the third quarter are told, each about his own unit; 兴科社区 is not.
    ("2025-10-01", "hx_chen", "report_missed", "社区治理", "2025-09-30"),
    ("2025-10-01", "hx_han", "report_missed", "社区治理", "2025-09-30"),
    ("2025-10-01", "hx_yang", "report_missed", "社区治理", "2025-09-30"),
    ("2025-10-01", "hx_jiang", "report_missed", "执法公示", "2025-09-30"),
    ("2025-10-01", "official", "report_missed", "旁听庭审", "2025-09-30"),
    ("2025-10-01", "hx_chen", "escalation", "社区治理", "1"),
    ("2025-10-01", "hx_han", "escalation", "社区治理", "1"),
    ("2025-10-01", "hx_yang", "escalation", "社区治理", "1"),
    # 社区治理 reported on 15 October and 党内监督 on 15 December: 30 December met by both.
    ("2025-12-31", "hx_jiang", "report_missed", "执法公示", "2025-12-30"),
    ("2025-12-31", "official", "report_missed", "旁听庭审", "2025-12-30"),
]


# What the year's steps handed to someone (the rest of the script is progress reports, which hand
# nothing over): the extension decided, to whoever asked; two claims to verify, to the inspector.
YEAR_OF_STEP_NOTICES = [
    ("2025-01-08", "hx_jiang", "extension_decided", "执法公示"),
    ("2025-01-14", "inspector", "to_verify", "信访"),
    ("2025-03-03", "inspector", "to_verify", "法治宣传"),
]


def every_notice_of_the_year_went_to_the_right_person_on_the_right_day(year: Year) -> None:
    assert told(year) == YEAR_OF_NOTICES
    steps = year.notices.exclude(kind__in=SWEEP_KINDS).select_related("recipient").order_by("created_at", "id")
    assert [
        (timezone.localtime(n.created_at).date().isoformat(), n.recipient.username, n.kind, year.name(n.item_id))
        for n in steps
    ] == YEAR_OF_STEP_NOTICES
    assert (
        Notification.objects.filter(kind__in=["due_soon", "overdue", "report_missed", "escalation"])
        .exclude(key__isnull=False)
        .count()
        == 0
    )


G, Y, R = "green", "yellow", "red"
BOARD = {
    # 律师服务 waits for its inspector, so it has no light; 信访 and 法治宣传 drop out once claimed.
    D(2025, 1, 7): {
        "社区治理": G,
        "律师服务": "",
        "风险评估": G,
        "执法公示": Y,
        "党内监督": G,
        "信访": G,
        "旁听庭审": R,
        "法治宣传": G,
    },
    D(2025, 3, 24): {
        "社区治理": G,
        "律师服务": "",
        "风险评估": G,
        "执法公示": R,
        "党内监督": G,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
    D(2025, 7, 2): {
        "社区治理": G,
        "律师服务": "",
        "风险评估": R,
        "执法公示": R,
        "党内监督": R,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
    D(2025, 7, 11): {
        "社区治理": G,
        "律师服务": "",
        "风险评估": R,
        "执法公示": R,
        "党内监督": G,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
    D(2025, 10, 2): {
        "社区治理": Y,
        "律师服务": "",
        "风险评估": R,
        "执法公示": R,
        "党内监督": G,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
    D(2025, 10, 16): {
        "社区治理": G,
        "律师服务": "",
        "风险评估": R,
        "执法公示": R,
        "党内监督": G,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
    LAST: {
        "社区治理": G,
        "律师服务": "",
        "风险评估": R,
        "执法公示": R,
        "党内监督": G,
        "信访": "",
        "旁听庭审": R,
        "法治宣传": "",
    },
}


def the_board_shows_the_lights_the_rules_give_on_each_day_looked_at(year: Year) -> None:
    assert year.board == BOARD
    for day, lights in BOARD.items():
        shown = [light for light in lights.values() if light]
        expected = {light: shown.count(light) for light in (R, Y, G)}
        counts = year.counts[day]
        assert {light: counts[light] for light in (R, Y, G)} == expected, day
        # The items without a light are counted too, by status: the counts add up to the items.
        assert counts["unlit_total"] == len(lights) - len(shown) == sum(n for _status, n in counts["unlit"]), day
        assert counts["total"] == len(lights), day
    # Reddest first: the board leads with what needs chasing.
    assert list(year.board[D(2025, 10, 2)].values())[:4] == [R, R, R, Y]


def a_report_clears_the_missed_reports_and_relights_the_item(year: Year) -> None:
    # 党内监督 missed March and June (red, 催办); its July report clears both and turns it green.
    assert year.board[D(2025, 7, 2)]["党内监督"] == R
    assert year.after_work[(D(2025, 7, 10), "党内监督")] == (0, G)
    # 社区治理 missed September (yellow); its October report turns it green again.
    assert year.board[D(2025, 10, 2)]["社区治理"] == Y
    assert year.after_work[(D(2025, 10, 15), "社区治理")] == (0, G)
    # The day before, the sweep had counted them: the report is what settled it.
    assert year.after_work[(D(2025, 6, 25), "党内监督")] == (1, Y)
    assert year.after_work[(D(2025, 7, 10), "旁听庭审")] == (1, R)  # overdue stays red, reports or not


def each_ladder_step_stands_on_the_timeline_once_on_the_day_it_was_told(year: Year) -> None:
    told_steps = {(name, int(step), day) for day, _who, kind, name, step in told(year) if kind == "escalation"}
    for name, item in year.items.items():
        events = list(item.events.filter(kind=ItemEvent.Kind.ESCALATED).order_by("id"))
        for unit in item.assignments.exclude(role="cooperating"):  # each unit climbs its own ladder
            levels = [event.data["level"] for event in events if event.assignment_id in (unit.pk, None)]
            assert levels == sorted(set(levels)), (name, unit)
            assert (levels[-1] if levels else 0) == unit.escalation_level, (name, unit)
        item.refresh_from_db()
        assert item.escalation_level == max(item.assignments.values_list("escalation_level", flat=True)), name
        in_the_year = {
            (name, event.data["level"], timezone.localtime(event.created_at).date().isoformat())
            for event in events
            if timezone.localtime(event.created_at).date() > LOADED
        }
        assert in_the_year == {step for step in told_steps if step[0] == name}, name
    # The extension approved on 8 January restarted the ladder for the new deadline.
    extended = year.items["执法公示"]
    assert extended.deadline == D(2025, 3, 22) and extended.original_deadline == D(2025, 1, 26)
    assert extended.events.filter(kind=ItemEvent.Kind.EXTENSION_APPROVED).count() == 1


def the_light_history_of_the_year_matches_the_board(year: Year) -> None:
    for day, lights in BOARD.items():
        [point] = light_series(year.plan, day, day)
        shown = [light for light in lights.values() if light]
        assert (point.red, point.yellow, point.green) == (shown.count(R), shown.count(Y), shown.count(G)), day
    assert len(light_series(year.plan, LOADED, LAST)) == 366  # the load's sweep and one a day after
