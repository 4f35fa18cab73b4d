"""The demo: 回兴街道's 2020 法治建设 work points, its people, and its items driven through the real flow.

The plan comes through the importer, as the office would bring it in on the import pages: the seed
report shipped with it (``responsibility/importing/samples/huixing_2020_report.txt``, 回兴街道 2020
年度法治政府建设情况的报告) is read, parsed and built into a draft, and the import is recorded, so the
plan's review page shows where it came from. The report has four parts; only part 一 (what was done)
is the work, so the office removes 二、三、四 with the review page's 删除, which leaves the heading
一、, its eight headings （一）…（八） as the scheme's categories, and their numbered paragraphs,
numbers and titles as the importer read them ("2 专家，…" has no dot; （八） has nothing numbered
under it and is itself an item). The demo then makes the office's decisions on each item: category
names and points, leaders, units, posts, deadlines, targets and the indicators its reports fill in
(the report's figures: 213 法律咨询, 192 调解 …). The text lives once, in the seed; ``CATEGORIES``
holds only the decisions, and an item without a spec, or a spec without an item, stops the load.

Every step goes through ``services.launch`` and ``services.complete``, the same doors the pages use,
so the demo cannot hold a state the flow could not reach. Two clocks, because the demo is loaded
years after 2020 and some items must still be live:

* closed items are replayed on 2020 dates (time-machine moves the clock for each step), so their
  timelines read like the real year and their scores count real on-time claims;
* open items are played on dates relative to the day of loading and get deadlines after it (one is
  deliberately overdue), so every waiting task can be done today: an extension asked before its
  deadline, a rectification due next week.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from guardian.models import GroupObjectPermission
from viewflow.workflow.models import Process

from assessment import demo as assessment_demo
from responsibility import timeline
from responsibility.assignments import PROGRESS_ORDER
from responsibility.importing import SAMPLES, review
from responsibility.importing.build import build_plan
from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.run import sha256, summarise
from responsibility.models import (
    Assignment,
    Closing,
    Evidence,
    Indicator,
    Instruction,
    ItemStatus,
    Person,
    PlanImport,
    Post,
    ReportCadence,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from responsibility.permissions import ensure_role_groups

from . import instructions, services
from .flows import ItemFlow
from .supervision import sweep

PASSWORD = "luoshi2020"
ORGANISATION = "回兴街道"
PLAN_YEAR = 2020
PLAN_TITLE = "回兴街道2020年法治建设工作要点"

Role = Post.Role
Kind = Unit.Kind


class DemoError(Exception):
    """The demo data asks the flow for something it refuses, or no longer fits what the importer reads
    from the seed: a bug in this module, not in the flow."""


# --- Dates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Days:
    """A date relative to the day the demo is loaded."""

    offset: int


def ago(days: int) -> Days:
    return Days(-days)


def ahead(days: int) -> Days:
    return Days(days)


When = datetime.date | Days


def on(when: When, today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=when.offset) if isinstance(when, Days) else when


@contextmanager
def clock(day: datetime.date, hour: int = 10) -> Iterator[None]:
    """Run the block as if it were ``day`` at ``hour`` o'clock in Chongqing."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=False):
        yield


# --- Organisation and people -----------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    key: str
    name: str
    kind: str = Kind.DEPARTMENT
    short_name: str = ""


UNITS = [
    UnitSpec("committee", "党工委", Kind.COMMITTEE),
    UnitSpec("office", "党政办"),
    UnitSpec("justice", "司法所"),
    UnitSpec("safety", "平安办"),
    UnitSpec("planning", "规划建设环保办", short_name="规环办"),
    UnitSpec("community_affairs", "社区事务办"),
    UnitSpec("economy", "经济发展办", short_name="经发办"),
    UnitSpec("service_centre", "公共服务中心"),
    UnitSpec("enforcement", "综合行政执法大队", short_name="执法大队"),
    UnitSpec("inspection", "督查室"),
    UnitSpec("assessment", "考核组"),
    UnitSpec("xingke", "兴科社区", Kind.COMMUNITY),
    UnitSpec("shuanghu", "双湖社区", Kind.COMMUNITY),
    UnitSpec("huixing", "回兴社区", Kind.COMMUNITY),
]


@dataclass(frozen=True)
class PostSpec:
    """A post and its holder. Titles are relative to the unit: 党工委 + 书记 reads 党工委书记."""

    key: str
    unit: str
    title: str
    role: str
    username: str
    full_name: str
    login: bool = False


POSTS = [
    PostSpec("secretary", "committee", "书记", Role.COMMITTEE, "committee", "王书记", login=True),
    PostSpec("leader", "committee", "副书记", Role.LEADER, "leader", "张副书记", login=True),
    PostSpec("leader_economy", "committee", "委员、办事处副主任", Role.LEADER, "hx_liu", "刘副主任"),
    PostSpec("leader_safety", "committee", "委员、政法委员", Role.LEADER, "hx_huang", "黄委员"),
    PostSpec("office", "office", "法治办干事", Role.OFFICE, "office", "李文员", login=True),
    PostSpec("office_deputy", "office", "副主任", Role.OFFICIAL, "hx_he", "何副主任"),
    PostSpec("justice", "justice", "所长", Role.OFFICIAL, "official", "赵所长", login=True),
    PostSpec("mediator", "justice", "专职人民调解员", Role.OFFICIAL, "hx_xu", "许调解员"),
    PostSpec("safety", "safety", "主任", Role.OFFICIAL, "official2", "钱主任", login=True),
    PostSpec("planning", "planning", "主任", Role.OFFICIAL, "hx_feng", "冯主任"),
    PostSpec("community_affairs", "community_affairs", "主任", Role.OFFICIAL, "hx_chen", "陈主任"),
    PostSpec("economy", "economy", "主任", Role.OFFICIAL, "hx_chu", "褚主任"),
    PostSpec("service_centre", "service_centre", "主任", Role.OFFICIAL, "hx_wei", "卫主任"),
    PostSpec("enforcement", "enforcement", "大队长", Role.OFFICIAL, "hx_jiang", "蒋队长"),
    PostSpec("inspector", "inspection", "督查员", Role.INSPECTOR, "inspector", "孙督查", login=True),
    PostSpec("assessor", "assessment", "考核员", Role.ASSESSOR, "assessor", "周考核", login=True),
    PostSpec("xingke", "xingke", "党委书记", Role.OFFICIAL, "hx_shen", "沈书记"),
    PostSpec("shuanghu", "shuanghu", "党委书记", Role.OFFICIAL, "hx_han", "韩书记"),
    PostSpec("huixing", "huixing", "党委书记", Role.OFFICIAL, "hx_yang", "杨书记"),
]

OUTSIDER = ("outsider", "吴路人")

# What each demo login is for, in the order the command prints them.
LOGINS = [
    ("committee", "党工委书记：查看全部事项"),
    ("office", "党政办法治办：部署交办、延期审批"),
    ("leader", "牵头领导：我牵头的事项看板、批示、催办"),
    ("official", "司法所所长：签收、进度反馈、申请办结"),
    ("official2", "平安办主任：整改"),
    ("inspector", "督查室：督查核验、催办"),
    ("assessor", "考核组：考核评分"),
    ("outsider", "无岗位：看不到任何事项"),
]

USERNAMES = [p.username for p in POSTS] + [OUTSIDER[0]]


# --- What happens to each item -----------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    on: When
    percent: int
    narrative: str
    values: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Return:
    """A failed verification; ``rectified`` is None while the official is still at it."""

    on: When
    points: str
    deadline: When
    rectified: Report | None = None


@dataclass(frozen=True)
class Extension:
    on: When
    new_deadline: When
    reason: str
    percent: int


@dataclass(frozen=True)
class Instructed:
    """A 批示 of the item's lead leader on the unit's latest report, read (已阅) by its official the
    next morning; the unit's first report after it answers it with ``answer`` (none: it stays open)."""

    on: When
    text: str
    due: When | None = None
    answer: str = ""


@dataclass(frozen=True)
class Story:
    """The steps an item goes through, in order. It stops at the first step without a date."""

    ends: str
    launched: When
    deployed: When | None = None
    accepted: When | None = None
    reports: tuple[Report, ...] = ()
    urged: tuple[When, str] | None = None
    instructed: Instructed | None = None
    extension: Extension | None = None
    # 转办: after its reports the unit's official passes its part to a colleague (day, post key, note);
    # the colleague does the rest.
    transfer: tuple[When, str, str] | None = None
    claimed: Report | None = None
    returned: Return | None = None
    verified: When | None = None
    assessed: When | None = None
    quality: int = 8
    assessment: str = ""


def closed_in_2020(
    *reports: Report, claimed: Report, verified: datetime.date, quality: int, assessment: str, **kwargs
) -> Story:
    """Deployed in January 2020 with the plan, assessed at the year-end review in January 2021."""
    return Story(
        ends=ItemStatus.CLOSED,
        launched=datetime.date(2020, 1, 13),
        deployed=datetime.date(2020, 1, 15),
        accepted=datetime.date(2020, 1, 17),
        reports=reports,
        claimed=claimed,
        verified=verified,
        assessed=datetime.date(2021, 1, 20),
        quality=quality,
        assessment=assessment,
        **kwargs,
    )


def live(ends: str, deployed: int | None, **kwargs) -> Story:
    """Deployed ``deployed`` days before today and accepted two days later (None: not yet deployed)."""
    if deployed is None:
        return Story(ends=ends, launched=ago(1), **kwargs)
    accepted = None if ends == ItemStatus.ACCEPTING else ago(deployed - 2)
    return Story(ends=ends, launched=ago(deployed + 2), deployed=ago(deployed), accepted=accepted, **kwargs)


# --- The plan ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    unit: str
    target: int


@dataclass(frozen=True)
class ItemSpec:
    """What the office decides for one imported item; its number, title and text come from the seed.

    ``number`` is the item's own number as written ("2" without a dot under （三）); ``short_title``,
    when set, replaces the title the importer took from the first sentence.
    """

    number: str
    post: str
    leader: str
    points: int
    deadline: When | None
    story: Story
    target: str = ""
    indicators: tuple[IndicatorSpec, ...] = ()
    also_units: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    # A unit whose part went otherwise than ``story`` (by unit key); the others follow ``story``.
    unit_stories: tuple[tuple[str, Story], ...] = ()
    closing: str = Closing.EACH
    # 会办: the date the cooperating units owe their contribution by (None: the item's deadline), and
    # the contributions given (unit key, day, text); a cooperating unit not listed gives none.
    contribution_due: When | None = None
    contributions: tuple[tuple[str, When, str], ...] = ()
    short_title: str = ""
    cadence: str = ReportCadence.QUARTERLY
    report_day: int = 30

    @property
    def deadline_text(self) -> str:
        if self.deadline is None:
            return "长期坚持"
        if isinstance(self.deadline, datetime.date):
            return f"{self.deadline.year}年{self.deadline.month}月底前"
        return ""


@dataclass(frozen=True)
class CategorySpec:
    """One heading （一）…（八） of part 一, by its number, and the category its items are scored in.

    The importer names the category after the heading ("依法全面履行政府职能情况"); the office renames
    it (``name``) and gives it its points.
    """

    number: str
    name: str
    points: int
    items: tuple[ItemSpec, ...]

    def key(self, spec: ItemSpec) -> tuple[str, str]:
        """(parent's number, own number) of the item ``spec`` is for: a heading with nothing numbered
        under it, such as （八）, is itself the item and sits under the part."""
        return (PART if spec.number == self.number else self.number), spec.number


# The seed: a year-end report. Part 一 (what was done in 2020) is the work; the other parts
# (二 the leader's duties, 三 shortcomings, 四 plans for 2021) are not, and the office removes them.
SEED = SAMPLES / "huixing_2020_report.txt"
PART = "一、"


D = datetime.date
CLOSED = ItemStatus.CLOSED

CATEGORIES = [
    CategorySpec(
        "（一）",
        "依法全面履行政府职能",
        15,
        (
            ItemSpec(
                "1.",
                post="office_deputy",
                leader="leader",
                points=3,
                deadline=D(2020, 6, 30),
                target="6月底前完成街道内部控制制度的梳理、修订和印发，不少于10项。",
                indicators=(IndicatorSpec("修订完善内部控制制度", "项", 10),),
                story=closed_in_2020(
                    Report(
                        D(2020, 3, 28),
                        40,
                        "已完成内部控制制度梳理，修订印发《网络安全管理制度》《财政资金管理制度》等 6 项。",
                        {"修订完善内部控制制度": 6},
                    ),
                    claimed=Report(
                        D(2020, 6, 22),
                        100,
                        "《网络突发事件应急处置预案》《专题会议制度》等已印发，共修订完善内部控制制度 10 余项。",
                        {"修订完善内部控制制度": 12},
                    ),
                    verified=D(2020, 6, 29),
                    quality=8,
                    assessment="制度印发及时，文本规范。",
                ),
            ),
            ItemSpec(
                "2.",
                post="economy",
                leader="leader_economy",
                points=4,
                deadline=D(2020, 12, 31),
                target="辖区企业全部复工复产；牵头筹建区服装行业商会。",
                indicators=(
                    IndicatorSpec("复工复产企业", "家", 5000),
                    IndicatorSpec("下沉企业复工复产指导员", "名", 300),
                    IndicatorSpec("服装行业商会会员单位", "个", 60),
                ),
                also_units=("service_centre",),
                story=closed_in_2020(
                    Report(
                        D(2020, 3, 28),
                        40,
                        "安排 331 名复工复产指导员下沉一线，已复工企业 3200 余家。",
                        {"复工复产企业": 3200, "下沉企业复工复产指导员": 331},
                    ),
                    Report(
                        D(2020, 6, 28),
                        70,
                        "辖区企业已全部复工；服装行业商会筹建完成，首批会员单位 45 个。",
                        {"复工复产企业": 5000, "下沉企业复工复产指导员": 331, "服装行业商会会员单位": 45},
                    ),
                    claimed=Report(
                        D(2020, 12, 18),
                        100,
                        "辖区 5000 余家企业全部复工；服装行业商会注册会员单位 68 个，结合“时装小镇”建设推动产业升级。",
                        {"复工复产企业": 5000, "下沉企业复工复产指导员": 331, "服装行业商会会员单位": 68},
                    ),
                    verified=D(2020, 12, 24),
                    quality=9,
                    assessment="复工复产指导有力，商会筹建成效明显。",
                ),
                # 公共服务中心 did its part (the enterprise service desk) but claimed it after the deadline.
                unit_stories=(
                    (
                        "service_centre",
                        closed_in_2020(
                            Report(D(2020, 6, 28), 50, "企业服务窗口已开设，复工复产政策咨询 860 余人次。"),
                            claimed=Report(
                                D(2021, 1, 8),
                                100,
                                "企业服务窗口全年受理复工复产、商会登记等事项 1900 余件，台账已整理归档。",
                                {"复工复产企业": 5000, "下沉企业复工复产指导员": 331, "服装行业商会会员单位": 68},
                            ),
                            verified=D(2021, 1, 12),
                            quality=7,
                            assessment="窗口服务到位，但办结材料报送逾期。",
                        ),
                    ),
                ),
            ),
            ItemSpec(
                "3.",
                post="community_affairs",
                leader="leader_economy",
                points=4,
                deadline=None,
                target="每个社区形成一个党建品牌，探索党建引领社区服务新模式。",
                also_units=("xingke", "shuanghu", "huixing"),
                story=live(
                    ItemStatus.IN_PROGRESS,
                    deployed=100,
                    reports=(
                        Report(ago(66), 30, "兴科社区“家”、双湖社区“和”品牌已完成提炼，回兴社区正在征求居民意见。"),
                        Report(ago(35), 55, "“一站 4 家 3 联动”“135 服务机制”在三个社区试行，已召开经验交流会 1 次。"),
                    ),
                ),
            ),
            ItemSpec(
                "4.",
                post="justice",
                leader="leader",
                points=4,
                deadline=ahead(30),
                target="打造“镇街律师周三见”“村居律师月月见”品牌；全年法律咨询不少于200起，法律援助不少于8起。",
                indicators=(IndicatorSpec("法律咨询", "起", 200), IndicatorSpec("法律援助", "起", 8)),
                story=live(
                    ItemStatus.CLAIMED,
                    deployed=100,
                    reports=(
                        Report(ago(66), 45, "“镇街律师周三见”已固定每周三坐班。", {"法律咨询": 98, "法律援助": 4}),
                        Report(ago(35), 75, "“村居律师月月见”覆盖全部社区。", {"法律咨询": 160, "法律援助": 7}),
                    ),
                    claimed=Report(
                        ago(3),
                        100,
                        "全年接收各类法律咨询 213 起，法律援助 10 起，两个公共法律服务品牌均已常态化运行。",
                        {"法律咨询": 213, "法律援助": 10},
                    ),
                ),
            ),
        ),
    ),
    CategorySpec(
        "（二）",
        "完善依法行政制度体系",
        10,
        (
            ItemSpec(
                "1.",
                post="office_deputy",
                leader="secretary",
                points=4,
                deadline=D(2020, 3, 31),
                target="3月底前成立街道法治建设领导小组，各社区建立相应工作领导小组。",
                story=closed_in_2020(
                    claimed=Report(
                        D(2020, 3, 20),
                        100,
                        "已印发成立街道法治建设领导小组的通知，兴科、双湖、回兴等社区均已建立工作领导小组。",
                    ),
                    verified=D(2020, 3, 27),
                    quality=8,
                    assessment="按期完成，组织架构清晰。",
                ),
            ),
            ItemSpec(
                "2.",
                post="office_deputy",
                leader="secretary",
                points=3,
                deadline=ahead(15),
                target="制定年度法治建设工作要点并分解任务责任清单，纳入街道发展总体规划。",
                story=live(
                    ItemStatus.VERIFIED,
                    deployed=100,
                    reports=(Report(ago(66), 50, "工作要点初稿已提交党工委会议讨论。"),),
                    claimed=Report(
                        ago(12), 100, "《回兴街道 2020 年法治建设工作要点》已印发，任务责任清单已分解到各单位。"
                    ),
                    verified=ago(6),
                ),
            ),
            ItemSpec(
                "3.",
                post="office_deputy",
                leader="leader",
                points=3,
                deadline=None,
                target="每季度听取一次法治建设工作汇报，每半年召开一次法治建设工作会议。",
                indicators=(
                    IndicatorSpec("听取法治建设工作汇报", "次", 4),
                    IndicatorSpec("召开法治建设工作会议", "次", 2),
                ),
                story=live(ItemStatus.DEPLOYING, deployed=None),
            ),
        ),
    ),
    CategorySpec(
        "（三）",
        "推进行政决策科学化民主化法治化",
        10,
        (
            ItemSpec(
                "1.",
                post="office_deputy",
                leader="leader",
                points=5,
                deadline=D(2020, 6, 30),
                target="6月底前制定党工委会议、行政办公会、专题会议三项决策制度。",
                indicators=(IndicatorSpec("制定决策会议制度", "项", 3),),
                story=closed_in_2020(
                    Report(D(2020, 3, 28), 40, "《回兴街道党工委会议制度》已印发。", {"制定决策会议制度": 1}),
                    claimed=Report(
                        D(2020, 6, 15),
                        100,
                        "党工委会议、行政办公会会议、专题会议三项制度均已印发执行。",
                        {"制定决策会议制度": 3},
                    ),
                    verified=D(2020, 6, 24),
                    quality=8,
                    assessment="制度齐全，执行情况良好。",
                ),
            ),
            ItemSpec(
                "2",
                post="justice",
                leader="leader",
                points=5,
                deadline=ahead(90),
                target="重大决策事项经专家论证和法律顾问合法性审查，审查率100%。",
                story=live(ItemStatus.ACCEPTING, deployed=1),
            ),
        ),
    ),
    CategorySpec(
        "（四）",
        "坚持严格规范公正文明执法",
        15,
        (
            ItemSpec(
                "1",
                post="enforcement",
                leader="leader_safety",
                points=8,
                deadline=ahead(20),
                target="执法主体、人员、计划、信息、权力事项、处罚决定书全部公开；执法全过程记录。",
                cooperating=("planning",),
                story=live(
                    ItemStatus.EXTENSION_REQUESTED,
                    deployed=100,
                    reports=(
                        Report(ago(66), 35, "行政执法主体、执法人员信息已在街道门户网站公开。"),
                        Report(ago(35), 60, "执法计划和行政权力事项清单已公开，执法记录仪配备到每个执法小组。"),
                    ),
                    extension=Extension(
                        ago(2),
                        ahead(75),
                        "区级行政执法公示平台升级尚未完成，处罚决定书暂无法批量上网公开，申请延期。",
                        percent=70,
                    ),
                ),
            ),
            ItemSpec(
                "2",
                post="enforcement",
                leader="leader_safety",
                points=7,
                deadline=D(2020, 11, 30),
                target="完成行政执法人员清理；选派不少于20人参加行政执法培训。",
                indicators=(IndicatorSpec("参加行政执法培训", "人", 20),),
                cooperating=("planning",),
                contribution_due=D(2020, 11, 15),
                contributions=(
                    (
                        "planning",
                        D(2020, 11, 10),
                        "规环办提供违建整治执法程序培训课件和2020年拆违台账，供执法大队培训和人员清理使用。",
                    ),
                ),
                story=closed_in_2020(
                    Report(D(2020, 3, 28), 25, "已完成执法人员底数清理。", {"参加行政执法培训": 5}),
                    Report(D(2020, 6, 28), 50, "第二批执法人员参加区级培训。", {"参加行政执法培训": 12}),
                    Report(D(2020, 9, 28), 75, "完成违建整治执法程序培训。", {"参加行政执法培训": 19}),
                    claimed=Report(
                        D(2020, 11, 20),
                        100,
                        "注销行政执法人员 12 名，选派 23 人参加各类行政执法培训班。",
                        {"参加行政执法培训": 23},
                    ),
                    returned=Return(
                        D(2020, 11, 25),
                        "注销的 12 名执法人员缺少证件回收记录，请补齐注销文书和证件回收台账。",
                        D(2020, 12, 10),
                        rectified=Report(
                            D(2020, 12, 4),
                            100,
                            "已补齐 12 名人员的注销文书和证件回收台账。",
                            {"参加行政执法培训": 23},
                        ),
                    ),
                    verified=D(2020, 12, 8),
                    quality=7,
                    assessment="培训任务超额完成，但首次申请办结时材料不全。",
                ),
            ),
        ),
    ),
    CategorySpec(
        "（五）",
        "强化对行政权力的制约和监督",
        10,
        (
            ItemSpec(
                "1.",
                post="office_deputy",
                leader="secretary",
                points=5,
                deadline=None,
                target="办理人大代表建议、政协委员提案，按期答复率100%。",
                story=live(
                    ItemStatus.IN_PROGRESS,
                    deployed=100,
                    reports=(Report(ago(35), 50, "已走访辖区人大代表、政协委员 14 人次，收集意见建议 9 条。"),),
                ),
            ),
            ItemSpec(
                "2.",
                post="service_centre",
                leader="leader",
                points=5,
                deadline=D(2020, 12, 31),
                target="全年主动公开政府信息不少于500条。",
                indicators=(IndicatorSpec("主动公开政府信息", "条", 500),),
                cooperating=("office",),
                contribution_due=D(2020, 12, 15),
                contributions=(
                    ("office", D(2020, 12, 11), "党政办已汇总政务微信公众号全年发布信息 216 条，送公共服务中心。"),
                ),
                story=closed_in_2020(
                    Report(D(2020, 3, 28), 25, "一季度公开政府信息 120 条。", {"主动公开政府信息": 120}),
                    Report(
                        D(2020, 6, 28), 50, "上半年累计公开 268 条，开通政务微信公众号。", {"主动公开政府信息": 268}
                    ),
                    Report(D(2020, 9, 28), 75, "前三季度累计公开 421 条。", {"主动公开政府信息": 421}),
                    claimed=Report(
                        D(2020, 12, 20),
                        100,
                        "全年公开政府职能、法律依据、实施主体、职责权限、管理流程、监督方式等信息 583 条。",
                        {"主动公开政府信息": 583},
                    ),
                    verified=D(2020, 12, 26),
                    quality=9,
                    assessment="公开数量超目标，新媒体运用较好。",
                ),
            ),
        ),
    ),
    CategorySpec(
        "（六）",
        "依法有效化解社会矛盾纠纷",
        15,
        (
            ItemSpec(
                "1",
                post="justice",
                leader="leader",
                points=8,
                deadline=D(2020, 12, 31),
                target="开展预防纠纷转化专题培训3次；调解成功率不低于95%。",
                indicators=(
                    IndicatorSpec("化解矛盾纠纷", "件", 150),
                    IndicatorSpec("调解成功率", "%", 95),
                    IndicatorSpec("预防纠纷转化专题培训", "次", 3),
                ),
                # 牵头单位汇总办结: 兴科社区 reports its mediation to 司法所, which claims for both; and
                # 赵所长 passed 司法所's part to the unit's mediator for the last quarter (转办).
                also_units=("xingke",),
                closing=Closing.LEAD,
                unit_stories=(
                    (
                        "xingke",
                        Story(
                            ends=ItemStatus.CLOSED,
                            launched=D(2020, 1, 13),
                            deployed=D(2020, 1, 15),
                            accepted=D(2020, 1, 17),
                            reports=(Report(D(2020, 6, 28), 50, "社区调委会上半年调解邻里纠纷 21 件，全部调解成功。"),),
                            claimed=Report(
                                D(2020, 12, 10), 100, "社区全年调解纠纷 46 件，成功 46 件，调解卷宗已报司法所。"
                            ),
                        ),
                    ),
                ),
                story=closed_in_2020(
                    Report(
                        D(2020, 3, 28),
                        25,
                        "一季度调解纠纷 38 件，全部调解成功。",
                        {"化解矛盾纠纷": 38, "调解成功率": 100, "预防纠纷转化专题培训": 1},
                    ),
                    Report(
                        D(2020, 6, 28),
                        50,
                        "上半年累计调解 90 件，全部调解成功。",
                        {"化解矛盾纠纷": 90, "调解成功率": 100, "预防纠纷转化专题培训": 2},
                    ),
                    Report(
                        D(2020, 9, 28),
                        75,
                        "前三季度累计调解 141 件，全部调解成功。",
                        {"化解矛盾纠纷": 141, "调解成功率": 100, "预防纠纷转化专题培训": 3},
                    ),
                    transfer=(D(2020, 10, 9), "mediator", "四季度调解台账和办结材料由许调解员负责，所长审核把关。"),
                    claimed=Report(
                        D(2020, 12, 21),
                        100,
                        "全年开展培训 3 次，化解矛盾纠纷 192 件，成功 192 件，成功率 100%。",
                        {"化解矛盾纠纷": 192, "调解成功率": 100, "预防纠纷转化专题培训": 3},
                    ),
                    verified=D(2020, 12, 28),
                    quality=9,
                    assessment="调解成功率100%，台账完整。",
                ),
            ),
            ItemSpec(
                "2",
                post="safety",
                leader="leader_safety",
                points=7,
                deadline=ahead(45),
                target="落实诉访分离制度；信访事项受理率、按期办结率均达到100%。",
                indicators=(IndicatorSpec("信访受理率", "%", 100), IndicatorSpec("信访按期办结率", "%", 100)),
                story=live(
                    ItemStatus.RECTIFYING,
                    deployed=100,
                    reports=(
                        Report(
                            ago(66),
                            40,
                            "已接收信访 70 件，全部受理，按期办结。",
                            {"信访受理率": 100, "信访按期办结率": 100},
                        ),
                    ),
                    claimed=Report(
                        ago(10),
                        100,
                        "共接收信访 131 件（群众来信来访 68 件、网络投诉 47 件、人民建议 16 个），受理率和按期办结率"
                        "均为 100%。",
                        {"信访受理率": 100, "信访按期办结率": 100},
                    ),
                    returned=Return(
                        ago(4),
                        "诉访分离台账不完整：47 件网络投诉缺少回访记录，请补齐后重新申请核验。",
                        ahead(10),
                    ),
                ),
            ),
        ),
    ),
    CategorySpec(
        "（七）",
        "全面提高政府工作人员法治思维和依法行政能力",
        15,
        (
            ItemSpec(
                "1.",
                post="office_deputy",
                leader="leader",
                points=5,
                deadline=D(2020, 12, 31),
                target="全体干部参加法治理论知识网络考试；新提任领导干部参加法治理论知识考试。",
                indicators=(
                    IndicatorSpec("参加法治理论知识网络考试干部", "名", 60),
                    IndicatorSpec("新提任领导干部法治考试", "名", 5),
                ),
                story=closed_in_2020(
                    Report(
                        D(2020, 6, 28),
                        50,
                        "已组织宪法专题学习 2 次，新提任领导干部法治考试 5 人全部通过。",
                        {"新提任领导干部法治考试": 5},
                    ),
                    claimed=Report(
                        D(2020, 12, 15),
                        100,
                        "60 名干部参加法治理论知识学习网络考试和抽查，5 名副科长以上干部参加新提任领导干部法治考试。",
                        {"参加法治理论知识网络考试干部": 60, "新提任领导干部法治考试": 5},
                    ),
                    verified=D(2020, 12, 22),
                    quality=8,
                    assessment="覆盖全体干部，按期完成。",
                ),
            ),
            ItemSpec(
                "2.",
                post="justice",
                leader="leader",
                points=4,
                deadline=ago(15),
                target="组织领导干部旁听行政案件庭审；召开“以案四说”警示教育会不少于2次。",
                indicators=(
                    IndicatorSpec("领导干部旁听行政案件庭审", "名", 5),
                    IndicatorSpec("“以案四说”警示教育会", "次", 2),
                ),
                story=live(
                    ItemStatus.IN_PROGRESS,
                    deployed=130,
                    reports=(
                        Report(
                            ago(97),
                            30,
                            "已联系区法院安排旁听，组织全体干部观看警示教育片。",
                            {"领导干部旁听行政案件庭审": 2, "“以案四说”警示教育会": 1},
                        ),
                        Report(
                            ago(66),
                            50,
                            "3 名领导干部完成旁听并提交心得体会。",
                            {"领导干部旁听行政案件庭审": 3, "“以案四说”警示教育会": 1},
                        ),
                    ),
                    urged=(ago(5), "该事项已超过完成时限，请于 3 个工作日内报送进展并说明未完成原因。"),
                ),
            ),
            ItemSpec(
                "3.",
                post="justice",
                leader="leader",
                points=6,
                deadline=ahead(60),
                target="全年开展主题法治宣传不少于30场次、专题讲座不少于5次，受教育群众不少于30000人次。",
                indicators=(
                    IndicatorSpec("主题法治宣传", "场次", 30),
                    IndicatorSpec("专题讲座", "次", 5),
                    IndicatorSpec("发放普法宣传资料", "份", 4000),
                    IndicatorSpec("张贴普法标语及横幅", "幅", 100),
                    IndicatorSpec("受教育群众", "人次", 30000),
                ),
                cooperating=("safety", "planning"),
                # 平安办 gave its part on time; 规环办 missed its 会办 date (a red light of its own).
                contribution_due=ago(10),
                contributions=(
                    ("safety", ago(20), "平安办在法治宣传周期间联合开展禁毒、反诈宣传 6 场次，发放资料 800 份。"),
                ),
                story=live(
                    ItemStatus.IN_PROGRESS,
                    deployed=100,
                    reports=(
                        Report(
                            ago(66),
                            40,
                            "“三月法治宣传月”开展主题宣传 12 场次。",
                            {
                                "主题法治宣传": 12,
                                "专题讲座": 2,
                                "发放普法宣传资料": 1500,
                                "张贴普法标语及横幅": 40,
                                "受教育群众": 11000,
                            },
                        ),
                        Report(
                            ago(35),
                            90,
                            "联合平安办、规环办和律师事务所开展企业法治宣传教育，累计主题宣传 36 场次；"
                            "“12.4 法治宣传周”活动方案已制定。",
                            {
                                "主题法治宣传": 36,
                                "专题讲座": 6,
                                "发放普法宣传资料": 4700,
                                "张贴普法标语及横幅": 105,
                                "受教育群众": 35000,
                            },
                        ),
                    ),
                    instructed=Instructed(
                        ago(50),
                        "宣传要进企业、进工地，面向外来务工人员；请结合“12.4 法治宣传周”拿出具体方案。",
                        due=ahead(20),
                        answer="已联合平安办、规环办和律师事务所进企业宣传 8 场次；“12.4 法治宣传周”活动方案已制定，"
                        "报党政办备案。",
                    ),
                ),
            ),
        ),
    ),
    CategorySpec(
        "（八）",
        "强化组织保障和落实机制",
        10,
        (
            # Nothing is numbered under （八）: the heading is itself the item. Its title is the heading's
            # words; the office renames it after the work its paragraph asks for.
            ItemSpec(
                "（八）",
                short_title="履行推进法治建设第一责任人职责",
                post="office_deputy",
                leader="secretary",
                points=10,
                deadline=None,
                target="主要负责人履行推进法治建设第一责任人职责，年底述法。",
                story=live(ItemStatus.DEPLOYING, deployed=None),
            ),
        ),
    ),
]


# --- Building ------------------------------------------------------------------------------------


@dataclass
class Demo:
    plan: WorkPlan | None
    units: dict[str, Unit]
    posts: dict[str, Post]
    people: dict[str, Person]
    today: datetime.date
    items: list[ResponsibilityItem] = field(default_factory=list)

    def person(self, post_key: str) -> Person:
        return self.posts[post_key].holder

    def day(self, when: When) -> datetime.date:
        return on(when, self.today)


def demo_plans() -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(
        title=PLAN_TITLE, year=PLAN_YEAR, organisation__name=ORGANISATION, organisation__parent__isnull=True
    )


def is_loaded() -> bool:
    return demo_plans().exists()


def taken_usernames() -> list[str]:
    return list(Person.objects.filter(username__in=USERNAMES).values_list("username", flat=True))


def load(today: datetime.date | None = None) -> Demo:
    """Build the whole demo in one transaction: all of it, or nothing (the stored copy of the seed too)."""
    stored: list[FieldFile] = []
    try:
        return _load(today or timezone.localdate(), stored)
    except BaseException:
        _delete_files(stored)
        raise


@transaction.atomic
def _load(today: datetime.date, stored: list[FieldFile]) -> Demo:
    ensure_role_groups()
    with clock(datetime.date(PLAN_YEAR, 1, 10)):
        demo = _build_organisation(today)
        demo.plan = _import(demo, stored)
        _keep_the_work(demo.plan)
        specs = _apply(demo)
        demo.plan.status = WorkPlan.Status.PUBLISHED
        demo.plan.published_at = timezone.now()
        demo.plan.save(update_fields=["status", "published_at"])
    # The year's scoring scheme and its events, before the items are played: the 考核评分 steps score
    # each part by it. Its facts close today: the demo's stories play around today rather than in 2020.
    scheme = assessment_demo.build(demo.plan, demo.units, demo.people, closes_on=today)
    for item, spec in specs:
        _play(demo, item, spec)
    # Today's supervision sweep, as beat would have run it: the lights and their notices.
    sweep(today)
    # A first computation of the year, waiting to be published.
    assessment_demo.first_computation(scheme, demo.units, demo.people)
    return demo


def _build_organisation(today: datetime.date) -> Demo:
    street = Unit.objects.create(name=ORGANISATION, kind=Kind.ORGANISATION)
    units = {"street": street}
    for order, spec in enumerate(UNITS, start=1):
        units[spec.key] = Unit.objects.create(
            parent=street, name=spec.name, short_name=spec.short_name, kind=spec.kind, order=order
        )
    people, posts = {}, {}
    for spec in POSTS:
        people[spec.username] = _person(spec.username, spec.full_name, spec.login)
        posts[spec.key] = Post.objects.create(
            unit=units[spec.unit], title=spec.title, role=spec.role, holder=people[spec.username]
        )
    people[OUTSIDER[0]] = _person(*OUTSIDER, login=True)
    return Demo(plan=None, units=units, posts=posts, people=people, today=today)


def _person(username: str, full_name: str, login: bool) -> Person:
    # No e-mail address: notifications stay in the app instead of printing mail on the console.
    # Holders without a demo login get an unusable password (create_user with password None).
    return Person.objects.create_user(username=username, password=PASSWORD if login else None, full_name=full_name)


def _import(demo: Demo, stored: list[FieldFile]) -> WorkPlan:
    """Read the seed into a draft plan as the import page does, and keep the job the review page shows.

    The page stores the uploaded file with the job; so does the demo, and lists it in ``stored`` so
    that a load that fails deletes it again.
    """
    data = SEED.read_bytes()
    parsed = parse(read(SEED.name, data), PLAN_YEAR)
    street = demo.units["street"]
    built = build_plan(parsed, street, PLAN_YEAR, PLAN_TITLE)
    job = PlanImport(
        organisation=street,
        year=PLAN_YEAR,
        title=PLAN_TITLE,
        plan=built.plan,
        file_name=SEED.name,
        sha256=sha256(data),
        status=PlanImport.Status.DONE,
        progress=100,
        summary=summarise(parsed, built),
        created_by=demo.person("office"),
        finished_at=timezone.now(),
    )
    job.file.save(SEED.name, ContentFile(data), save=False)
    stored.append(job.file)
    job.save()
    return built.plan


def _keep_the_work(plan: WorkPlan) -> None:
    """Remove every part but 一 with the review page's 删除; the categories become its eight headings."""
    tops = list(plan.items.filter(parent=None).order_by("order", "id"))
    if PART not in [top.number for top in tops]:
        raise DemoError(f"the seed has no part {PART}: {[top.number for top in tops]}")
    for top in tops:
        if top.number != PART:
            review.remove(top)


def _apply(demo: Demo) -> list[tuple[ResponsibilityItem, ItemSpec]]:
    """The office's decisions on the imported draft; returns the items, in the document's order, with theirs.

    Every spec must find its item and every item its spec: a change in the parser must not shift the demo.
    """
    plan = demo.plan
    part = plan.items.get(parent=None)
    sections = {entry.number: entry for entry in part.children.select_related("category").order_by("order", "id")}
    if list(sections) != [spec.number for spec in CATEGORIES]:
        raise DemoError(f"part {PART} has headings {list(sections)}, the demo expects {[c.number for c in CATEGORIES]}")
    leaves: dict[tuple[str, str], ResponsibilityItem] = {}
    for entry in plan.items.filter(is_heading=False).select_related("parent").order_by("order", "id"):
        key = (entry.parent.number if entry.parent else "", entry.number)
        if key in leaves:
            raise DemoError(f"two imported items numbered {''.join(key)}")
        leaves[key] = entry
    specs: dict[tuple[str, str], ItemSpec] = {}
    for category_spec in CATEGORIES:
        category = sections[category_spec.number].category
        category.name, category.points = category_spec.name, Decimal(category_spec.points)
        category.save(update_fields=["name", "points"])
        for spec in category_spec.items:
            key = category_spec.key(spec)
            if key in specs:
                raise DemoError(f"two demo specs for the item {''.join(key)}")
            if key not in leaves:
                raise DemoError(f"no imported item {''.join(key)} for the demo's {category_spec.name} {spec.number}")
            specs[key] = spec
    unplanned = [f"{''.join(key)}{leaf.title}" for key, leaf in leaves.items() if key not in specs]
    if unplanned:
        raise DemoError(f"imported items without a demo spec: {unplanned}")
    for key, item in leaves.items():
        _decide(demo, item, specs[key])
    return [(item, specs[key]) for key, item in leaves.items()]


def _decide(demo: Demo, item: ResponsibilityItem, spec: ItemSpec) -> None:
    """What the office fills in on the draft item before publishing; deploying confirms it and hands it over."""
    responsible = demo.posts[spec.post]
    if spec.short_title:
        item.title = spec.short_title
    item.target = spec.target
    item.points = Decimal(spec.points)
    item.lead_leader_post = demo.posts[spec.leader]
    item.lead_unit = responsible.unit
    item.responsible_post = responsible
    item.inspector_post = demo.posts["inspector"]
    item.assessor_post = demo.posts["assessor"]
    item.deadline = on(spec.deadline, demo.today) if spec.deadline is not None else None
    item.ongoing = spec.deadline is None
    item.deadline_text = spec.deadline_text
    item.report_cadence = spec.cadence
    item.report_day = spec.report_day
    item.save()
    item.responsible_units.set([responsible.unit, *(demo.units[k] for k in spec.also_units)])
    item.cooperating_units.set([demo.units[k] for k in spec.cooperating])
    # The importer took every figure of the report for a target; the demo's reports name their own.
    item.indicators.all().delete()
    for indicator in spec.indicators:
        Indicator.objects.create(item=item, name=indicator.name, unit=indicator.unit, target_value=indicator.target)


# --- Playing the stories through the flow -------------------------------------------------------------


def _play(demo: Demo, item: ResponsibilityItem, spec: ItemSpec) -> None:
    """The item is launched and deployed; then each unit it was handed to plays its own story."""
    office, story, when = demo.person("office"), spec.story, demo.day
    with clock(when(story.launched), hour=9):
        services.launch(item, office)
    if story.deployed is None:
        _check_ends(item, story.ends)
        return
    with clock(when(story.deployed)):
        _act(office, item, "deploy", _deploy_data(demo, item, spec))
    for unit_key, day, text in spec.contributions:
        unit = demo.units[unit_key].pk
        contributor = item.assignments.select_related("post__holder").get(unit=unit).post.holder
        with clock(when(day), hour=15):
            _act(contributor, item, "contribute", {"narrative": text}, unit=unit)
    own = {demo.units[key].pk: unit_story for key, unit_story in spec.unit_stories}
    units = list(item.assignments.exclude(role=Assignment.Role.COOPERATING).select_related("post__holder"))
    if spec.closing == Closing.LEAD:  # the lead claims for all once the others have reported their part
        units.sort(key=lambda a: a.role == Assignment.Role.LEAD)
    for assignment in units:
        _play_unit(demo, item, assignment, own.get(assignment.unit_id, story))
    ends = []
    for assignment in units:  # as they ended: the lead's steps may have moved the others on too
        ends.append(own.get(assignment.unit_id, story).ends)
        assignment.refresh_from_db()
        if assignment.status != ends[-1]:
            raise DemoError(f"{item} · {assignment.unit}: ended in {assignment.status}, expected {ends[-1]}")
    _check_ends(item, min(ends, key=lambda status: PROGRESS_ORDER[status]))


def _check_ends(item: ResponsibilityItem, expected: str) -> None:
    item.refresh_from_db()
    if item.status != expected:
        raise DemoError(f"{item} ended in {item.status}, expected {expected}")


def _play_unit(demo: Demo, item: ResponsibilityItem, assignment: Assignment, story: Story) -> None:
    official, when = assignment.post.holder, demo.day
    unit = assignment.unit_id

    def act(user, step, data, files=None):
        _act(user, item, step, data, files, unit=unit)

    if story.accepted is not None:
        with clock(when(story.accepted)):
            act(official, "accept", {"decision": "accept"})
    instructed = story.instructed
    for report in story.reports:
        answers = {}
        if instructed is not None and when(instructed.on) < when(report.on):
            instruction = _instruct(demo, item, assignment, instructed)
            answers = {f"answer_{instruction.pk}": instructed.answer}
            instructed = None
        with clock(when(report.on), hour=16):
            act(official, "work", {**_work_data(demo, item, report, "report"), **answers})
    if instructed is not None:
        _instruct(demo, item, assignment, instructed)
    if story.urged is not None:
        day, note = story.urged
        with clock(when(day), hour=11):
            services.urge(item, demo.person("inspector"), note)
    if story.extension is not None:
        _request_extension(demo, item, official, story.extension, unit)
    if story.transfer is not None:
        day, post, note = story.transfer
        with clock(when(day), hour=10):
            services.transfer(assignment, official, demo.posts[post], note)
        official = demo.posts[post].holder
    if story.claimed is not None:
        with clock(when(story.claimed.on), hour=16):
            data = _work_data(demo, item, story.claimed, "claim")
            act(official, "work", data, files={"evidence": [_evidence(item, story.claimed)]})
    if story.returned is not None:
        _return_and_rectify(demo, item, story.returned, official, unit)
    if story.verified is not None:
        with clock(when(story.verified), hour=15):
            act(demo.person("inspector"), "verify", {"decision": "pass", "comments": "材料齐全，核验通过。"})
    if story.assessed is not None:
        with clock(when(story.assessed)):
            act(demo.person("assessor"), "assess", {"quality": str(story.quality), "comment": story.assessment})


def _instruct(demo: Demo, item: ResponsibilityItem, assignment: Assignment, instructed: Instructed) -> Instruction:
    """The lead leader's 批示 on the unit's latest report, and its official's 已阅 the next morning."""
    day = demo.day(instructed.on)
    report = item.reports.filter(assignment=assignment).order_by("-created_at", "-id").first()
    due = demo.day(instructed.due) if instructed.due is not None else None
    with clock(day, hour=9):
        instruction = instructions.instruct(item, item.lead_leader_post.holder, instructed.text, due, report)
    with clock(day + datetime.timedelta(days=1), hour=8):
        instructions.mark_read(instruction.event, assignment.post.holder)
    return instruction


def _request_extension(demo: Demo, item: ResponsibilityItem, official: Person, extension: Extension, unit: int) -> None:
    day = demo.day(extension.on)
    data = {
        "action": "extension",
        "period": _period(day),
        "percent_done": str(extension.percent),
        "narrative": extension.reason,
        "new_deadline": demo.day(extension.new_deadline).isoformat(),
    }
    with clock(day, hour=16):
        _act(official, item, "work", data, unit=unit)


def _return_and_rectify(demo: Demo, item: ResponsibilityItem, returned: Return, official: Person, unit: int) -> None:
    when = demo.day
    data = {
        "decision": "return",
        "comments": "核验发现材料不全。",
        "rectification_points": returned.points,
        "rectification_deadline": when(returned.deadline).isoformat(),
    }
    with clock(when(returned.on), hour=15):
        _act(demo.person("inspector"), item, "verify", data, unit=unit)
    if returned.rectified is not None:
        report = returned.rectified
        with clock(when(report.on), hour=16):
            data = {"narrative": report.narrative, **_indicator_data(item, report.values)}
            _act(official, item, "rectify", data, unit=unit)


def _act(
    user: Person, item: ResponsibilityItem, step: str, data: dict, files: dict | None = None, unit: int | None = None
) -> None:
    """Do one step exactly as the task page does: through ``services.complete`` (on a unit's branch:
    ``unit``'s task)."""
    tasks = [
        t
        for t in services.active_task_for_item(item)
        if t.flow_task.name == step and (unit is None or _unit_of(t) == unit)
    ]
    if len(tasks) != 1:
        raise DemoError(f"{item}: expected one active {step} task, found {len(tasks)}")
    form = services.complete(user, tasks[0].pk, data, MultiValueDict(files or {}))
    if not form.is_valid():
        raise DemoError(f"{item} {step}: {form.errors.as_text()}")
    item.refresh_from_db()


def _unit_of(task) -> int | None:
    pk = (task.data or {}).get("assignment")
    return Assignment.objects.values_list("unit_id", flat=True).get(pk=pk) if pk else None


def _deploy_data(demo: Demo, item: ResponsibilityItem, spec: ItemSpec) -> dict:
    due = spec.contribution_due
    data = {
        "closing": spec.closing,
        "contribution_due": demo.day(due).isoformat() if due is not None else "",
        "target": item.target,
        "lead_leader_post": item.lead_leader_post_id,
        "lead_unit": item.lead_unit_id,
        "responsible_units": [u.pk for u in item.responsible_units.all()],
        "cooperating_units": [u.pk for u in item.cooperating_units.all()],
        "responsible_post": item.responsible_post_id,
        "inspector_post": item.inspector_post_id,
        "assessor_post": item.assessor_post_id,
        "deadline": item.deadline.isoformat() if item.deadline else "",
        "report_cadence": item.report_cadence,
        "report_day": item.report_day or "",
        "points": str(item.points),
        "note": "请按完成时限落实，每季度末月30日前报送进度。",
    }
    if item.ongoing:
        data["ongoing"] = "on"
    return {**data, **_rows_data(item)}


def _rows_data(item: ResponsibilityItem) -> dict:
    """The deploy page's indicator and milestone tables, confirmed as they stand."""
    data: dict = {}
    tables = {
        "indicators": (item.indicators.order_by("id"), ["name", "unit", "comparator", "target_value"]),
        "milestones": (item.milestones.order_by("due", "id"), ["due", "title", "expected_percent"]),
    }
    for prefix, (rows, fields) in tables.items():
        rows = list(rows)
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            for name in fields:
                value = getattr(row, name)
                data[f"{prefix}-{i}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def _work_data(demo: Demo, item: ResponsibilityItem, report: Report, action: str) -> dict:
    return {
        "action": action,
        "period": _period(demo.day(report.on)),
        "percent_done": str(report.percent),
        "narrative": report.narrative,
        **_indicator_data(item, report.values),
    }


def _indicator_data(item: ResponsibilityItem, values: dict[str, int]) -> dict[str, str]:
    pks = dict(item.indicators.values_list("name", "pk"))
    unknown = set(values) - set(pks)
    if unknown:
        raise DemoError(f"{item}: no indicator named {sorted(unknown)}")
    return {f"indicator_{pks[name]}": str(value) for name, value in values.items()}


def _period(day: datetime.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _evidence(item: ResponsibilityItem, report: Report) -> SimpleUploadedFile:
    """A small ledger to attach to a completion claim, so the evidence list is not empty."""
    lines = ["指标,目标,实际值"]
    for indicator in item.indicators.all():
        lines.append(f"{indicator.name},{indicator.target_display},{report.values.get(indicator.name, '')}")
    lines += ["", "说明", report.narrative]
    # The BOM lets Excel open the UTF-8 file without garbling the Chinese.
    content = ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")
    return SimpleUploadedFile(f"{item.title[:20]}-办结台账.csv", content, content_type="text/csv")


# --- Summaries and removal -------------------------------------------------------------------------------


def status_counts(plan: WorkPlan) -> list[tuple[str, int]]:
    counts = Counter(plan.items.filter(is_heading=False).values_list("status", flat=True))
    return [(status.label, counts[status.value]) for status in ItemStatus if counts[status.value]]


def overdue_items(plan: WorkPlan, today: datetime.date | None = None) -> list[ResponsibilityItem]:
    return [item for item in plan.items.all() if item.is_overdue(today)]


@transaction.atomic
def remove() -> None:
    """Delete the demo plan with its flows and its import, and the demo's units, posts and people.

    Plans someone imported into the demo organisation while trying it go too: they live on its units.
    Their timelines go with them: a purge, which only the tables' owner may run (responsibility/timeline.py).
    """
    with timeline.purge():
        _remove()


def _remove() -> None:
    roots = {plan.organisation for plan in demo_plans().select_related("organisation")}
    units = [unit for root in roots for unit in _tree(root)]
    plans = list(WorkPlan.objects.filter(organisation__in=units))
    item_ids = list(ResponsibilityItem.objects.filter(plan__in=plans).values_list("pk", flat=True))
    item_type = ContentType.objects.get_for_model(ResponsibilityItem)
    Process.objects.filter(
        flow_class=ItemFlow, artifact_content_type=item_type, artifact_object_id__in=item_ids
    ).delete()
    GroupObjectPermission.objects.filter(content_type=item_type, object_pk__in=[str(pk) for pk in item_ids]).delete()
    files = [evidence.file for evidence in Evidence.objects.filter(report__item__in=item_ids)]
    imports = PlanImport.objects.filter(Q(plan__in=plans) | Q(organisation__in=units))
    files += [job.file for job in imports.exclude(file="")]
    # The files go once their rows are gone for good: a removal rolled back keeps both.
    transaction.on_commit(lambda: _delete_files(files))
    imports.delete()
    files += assessment_demo.remove(units)
    WorkPlan.objects.filter(pk__in=[p.pk for p in plans]).delete()
    posts = Post.objects.filter(unit__in=units)
    groups = list(posts.values_list("group", flat=True)) + [u.group_id for u in units]
    posts.delete()
    Person.objects.filter(username__in=USERNAMES).delete()
    # Children before parents: a unit protects its children.
    for unit in reversed(units):
        unit.delete()
    Group.objects.filter(pk__in=[g for g in groups if g]).delete()


def _delete_files(files: list[FieldFile]) -> None:
    for file in files:
        file.storage.delete(file.name)


def _tree(root: Unit) -> list[Unit]:
    """``root`` and everything below it, parents before children."""
    units, level = [], [root]
    while level:
        units.extend(level)
        level = list(Unit.objects.filter(parent__in=level))
    return units
