"""The demo: 回兴街道's 2020 法治建设 work points, its people, and its items driven through the real flow.

The plan is part 一 of the seed report (回兴街道 2020 年度法治政府建设情况的报告), built as it is written:
the heading 一、, its eight headings （一）…（八） under it, and under each of those its numbered
paragraphs, numbers kept as written ("2 专家，…" has no dot). The paragraphs are the work: only they
run through the flow; the headings group them and stay drafts. The eight headings are also the
scheme's categories. The report's figures (213 法律咨询, 192 调解 …) are what the items report as
indicator values.

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
from itertools import count
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from guardian.models import GroupObjectPermission
from viewflow.workflow.models import Process

from responsibility.models import (
    Category,
    Evidence,
    Indicator,
    ItemStatus,
    Person,
    Post,
    ReportCadence,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from responsibility.permissions import ensure_role_groups

from . import services
from .flows import ItemFlow

PASSWORD = "luoshi2020"
ORGANISATION = "回兴街道"
PLAN_YEAR = 2020
PLAN_TITLE = "回兴街道2020年法治建设工作要点"

Role = Post.Role
Kind = Unit.Kind


class DemoError(Exception):
    """The demo data asks the flow for something it refuses: a bug in this module, not in the flow."""


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
    ("leader", "牵头领导：查看分管事项"),
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
class Story:
    """The steps an item goes through, in order. It stops at the first step without a date."""

    ends: str
    launched: When
    deployed: When | None = None
    accepted: When | None = None
    reports: tuple[Report, ...] = ()
    urged: tuple[When, str] | None = None
    extension: Extension | None = None
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
    number: str
    content: str
    post: str
    leader: str
    points: int
    deadline: When | None
    story: Story
    target: str = ""
    indicators: tuple[IndicatorSpec, ...] = ()
    also_units: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    short_title: str = ""

    @property
    def title(self) -> str:
        return self.short_title or self.content.split("。", 1)[0]

    @property
    def deadline_text(self) -> str:
        if self.deadline is None:
            return "长期坚持"
        if isinstance(self.deadline, datetime.date):
            return f"{self.deadline.year}年{self.deadline.month}月底前"
        return ""


@dataclass(frozen=True)
class CategorySpec:
    """One heading （一）…（八） of part 一, as written, and the category its items are scored in."""

    number: str
    heading: str
    name: str
    points: int
    items: tuple[ItemSpec, ...]


# Part 一 of the seed, the heading above the eight.
PART = ("一、", "2020 年推进法治政府建设的主要举措和成效")


D = datetime.date
CLOSED = ItemStatus.CLOSED

CATEGORIES = [
    CategorySpec(
        "（一）",
        "依法全面履行政府职能情况",
        "依法全面履行政府职能",
        15,
        (
            ItemSpec(
                "1.",
                "完善内部制度建设。完善《回兴街道网络安全管理制度》《回兴街道网络突发事件应急处置预案》"
                "《回兴街道财政资金管理制度》《专题会议制度》等 10 余个街道内部控制制度，对实现工作程序的规范化，"
                "岗位责任的法规化，管理方法的科学化，起着重大作用。",
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
                "保障地方经济发展。统筹推进疫情防控和经济发展，结合实际精准施策，安排 331 名企业复工复产指导员"
                "下沉一线，为企业复工复产提供指导，辖区 5000 余家企业已全部复工，恢复有序生产，为全年的经济平稳增长"
                "打下基础。由回兴街道牵头筹建了重庆市渝北区服装行业商会，现有注册会员单位 68 个，结合“时装小镇”"
                "建设，打造全新商业业态，有效促进街道辖区内服装生产企业协调合作，助推辖区服装产业提档升级。",
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
            ),
            ItemSpec(
                "3.",
                "创新社区治理。回兴街道持续完善“一社区一品牌”建设，指导各社区“家”“和”“乐”“德”“孝”等党建"
                "品牌进一步丰富内涵，探索出“一站 4 家 3 联动”“135 服务机制”“三务三化”“1+4+N 农村建党法”等党建"
                "引领社区服务新模式。",
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
                "深入开展公共服务站品牌建设。回兴街道与律师事务所合作，打造出“镇街律师周三见”“村居律师月月见”"
                "公共法律服务品牌，全年接收各类法律咨询 213 起，法律援助 10 起，有效维护弱势群体合法权益。",
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
        "完善依法行政制度体系情况",
        "完善依法行政制度体系",
        10,
        (
            ItemSpec(
                "1.",
                "牵头抓好组织建设，层层压实工作责任。认真履行推进法治建设第一责任人职责，牵头成立了以街道党工委书记"
                "为组长、其他领导为副组长，街道所属各单位负责人为成员的法治建设领导小组，各社区也建立了相应的工作"
                "领导小组，切实加强对法治建设工作的领导，形成主要领导亲自抓，分管领导具体抓，相关部门配合抓的工作局面。",
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
                "切实发挥领导作用，加强党对法治政府建设的领导。党工委将法治建设工作与疫情防控、经济社会发展等重要工作"
                "一起谋划，纳入街道发展总体规划，制定了《回兴街道 2020 年法治建设工作要点》，明确了街道法治工作全年"
                "的任务。",
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
                "认真抓好工作部署，促进法治建设工作见成效。每季度听取一次法治建设工作情况汇报，每半年召开一次法治建设"
                "工作会议，确保法治建设真正落到实处。同时，将法治建设成效作为衡量工作实绩的重要内容，纳入年度考核指标"
                "体系。",
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
        "推进行政决策科学化、民主化、法治化情况",
        "推进行政决策科学化民主化法治化",
        10,
        (
            ItemSpec(
                "1.",
                "坚持依法行使重大事项决策权，服务发展议大事。认真制定了《回兴街道党工委会议制度》、《回兴街道行政"
                "办公会会议制度》、《回兴街道专题会议制度》，全面提高重大事项决策质量，切实提高党工委依法决策、科学"
                "决策、民主决策的水平。",
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
                "专家，律师风险评估及审查。在重大决策事项及风险评估中充分听取专家意见，尊重专家质询意见，在涉法事务中"
                "邀请法律顾问加强对党工委出台的文件以及重大决策事项的审查，使党工委的工作实现全面依规合法。",
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
        "坚持严格规范公正文明执法情况",
        "坚持严格规范公正文明执法",
        15,
        (
            ItemSpec(
                "1",
                "全面推行行政执法公示，全过程记录，重大执法决定法治审核，严格执行《渝北区全面推行行政执法公示制度执法"
                "全过程记录制度重大执法决定法制审核制度实施方案》，将行政执法主体、行政执法人员、行政执法计划、行政执法"
                "信息、行政权力事项、行政处罚决定书等全部公开，接受社会监督。",
                short_title="全面推行行政执法公示，全过程记录，重大执法决定法治审核",
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
                "加强行政执法人员管理制度。做好行政执法人员清理，强化行政执法人员培训及考核，2020 年，回兴街道注销行政"
                "执法人员 12 名，同时选派 23 有关人员参加各种行政执法培训班，不断加强队伍建设，提高执法水平，"
                "进一步明确了违建整治对象、工作要求、查处程序等，有力推动辖区违法建筑的综合治理工作，为依法行政奠定了良好基础。",
                post="enforcement",
                leader="leader_safety",
                points=7,
                deadline=D(2020, 11, 30),
                target="完成行政执法人员清理；选派不少于20人参加行政执法培训。",
                indicators=(IndicatorSpec("参加行政执法培训", "人", 20),),
                cooperating=("planning",),
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
        "强化对行政权力的制约和监督情况",
        "强化对行政权力的制约和监督",
        10,
        (
            ItemSpec(
                "1.",
                "主动接受党内监督。依法接受区人大及常委会的法律监督和工作监督，自觉接受区政协的民主监督，认真听取人大"
                "代表、政协委员、民主党派、无党派人士和各人民团体的意见，扎实推进政府协商。重视舆论和社会监督，增强监督"
                "合力和实效，让权力在阳光下运行。",
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
                "全面推进政务公开。认真贯彻执行政府信息公开条例，全年向社会全面公开政府职能、法律依据、实施主体、职责"
                "权限、管理流程、监督方式等 583 条信息，打造阳光透明政府。创新政务公开方式，加强载体建设，"
                "拓宽公开渠道，会用、善用新媒体。",
                post="service_centre",
                leader="leader",
                points=5,
                deadline=D(2020, 12, 31),
                target="全年主动公开政府信息不少于500条。",
                indicators=(IndicatorSpec("主动公开政府信息", "条", 500),),
                cooperating=("office",),
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
        "依法有效化解社会矛盾纠纷情况",
        "依法有效化解社会矛盾纠纷",
        15,
        (
            ItemSpec(
                "1",
                "扎实开展人民调解工作。2020 年，针对预防民间纠纷转化升级刑事案件、群体性事件、个人极端案件进行 3 次"
                "培训，化解矛盾纠纷案件 192 件，成功 192 件，成功率为 100%，充分发挥人民调解“第一道防线”的职能优势，"
                "及时进行调解，切实把矛盾纠纷化解在基层、解决在萌芽状态。",
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
                "加强信访工作制度。深入推进依法信访工作，加强信访法治化建设，认真落实信访工作责任制，全面落实推进诉访"
                "分离制度，提高了防范化解社会矛盾实效，2020 年，共接收 131 件信访，其中接到群众来信来访 68 件，网络投诉"
                " 47 件，人民建议 16 个，受理率和按期办结率均为 100%，信访工作疏导了群众心理，理顺了群众情绪，转化了"
                "消极因素，为我市经济社会发展做出了突出贡献。",
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
        "全面提高政府工作人员法治思维和依法行政能力情况",
        "全面提高政府工作人员法治思维和依法行政能力",
        15,
        (
            ItemSpec(
                "1.",
                "强化政府工作人员的法治教育培训和考察。坚持“当领导干部先过法治关”，将宪法、法律知识列入干部重要学习"
                "内容，重点学习领会宪法的基本内容和精神实质，增强全体干部的法制意识，切实提高干部的法治思维和依法办事"
                "能力。2020 年，5 名副科长以上干部参加新提任领导干部法治理论知识考试，回兴街道共有 60 名干部参加"
                "法治理论知识学习网络考试和抽查，引导全体干部真正做到办事依法、遇事找法、解决问题用法、化解矛盾靠法。",
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
                "注重通过法治实践提高政府工作人员法治思维和依法行政能力。加大对不依法行政、违反法律规定行使职权等现象的"
                "监督和问责力度，促使领导干部自觉运用法治思维和法治方式想问题、办事情、推工作，切实提高依法决策、依法"
                "行政的能力。2020 年，5 名正（副）处级领导干部到法院旁听行政案件的审理并写心得体会。街道组织全体干部"
                "观看警示教育片，以身边案件召开“以案四说”警示教育会 2 次。",
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
                "强化法制宣传。回兴街道开展“三月法治宣传月”、企业法治宣传教育、“12.4 法治宣传周”等主题法治宣传"
                " 36 场次，专题讲座 6 次，累计发放普法宣传资料 4700 份，张贴普法标语及横幅 105 余幅，受教育群众达 35000"
                " 人次，提高了广大群众的法治意识和法律素质，起到了良好的社会效果。",
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
                ),
            ),
        ),
    ),
    CategorySpec(
        "（八）",
        "强化组织保障和落实机制情况",
        "强化组织保障和落实机制",
        10,
        (
            ItemSpec(
                "",
                "履行推进法治建设第一责任人职责。成立以党工委书记为组长的法治建设领导小组，加强党对法治建设的领导。党工委"
                "将法治建设工作与疫情防控、经济社会法治等重要工作一起谋划，纳入了街道发展总体规划。",
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


@transaction.atomic
def load(today: datetime.date | None = None) -> Demo:
    """Build the whole demo in one transaction: all of it, or nothing."""
    today = today or timezone.localdate()
    ensure_role_groups()
    with clock(datetime.date(PLAN_YEAR, 1, 10)):
        demo = _build_organisation(today)
        demo.plan = WorkPlan.objects.create(
            organisation=demo.units["street"],
            year=PLAN_YEAR,
            title=PLAN_TITLE,
            status=WorkPlan.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        specs = _build_items(demo)
    for item, spec in specs:
        _play(demo, item, spec.story)
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


def _build_items(demo: Demo) -> list[tuple[ResponsibilityItem, ItemSpec]]:
    """The headings and items in the order of the document; returns the items, which are the work."""
    built, order = [], count(1)
    part = _heading(demo, None, next(order), *PART)
    for category_order, category_spec in enumerate(CATEGORIES, start=1):
        category = Category.objects.create(
            plan=demo.plan, name=category_spec.name, order=category_order, points=Decimal(category_spec.points)
        )
        section = _heading(demo, part, next(order), category_spec.number, category_spec.heading)
        for spec in category_spec.items:
            built.append((_draft_item(demo, section, category, next(order), spec), spec))
    return built


def _heading(demo: Demo, parent: ResponsibilityItem | None, order: int, number: str, title: str) -> ResponsibilityItem:
    # No category: a category holds the items scored in it, and a heading is never scored.
    return ResponsibilityItem.objects.create(plan=demo.plan, parent=parent, order=order, number=number, title=title)


def _draft_item(
    demo: Demo, heading: ResponsibilityItem, category: Category, order: int, spec: ItemSpec
) -> ResponsibilityItem:
    """The line of the list as the office drafted it; deploying confirms it and hands it over."""
    responsible = demo.posts[spec.post]
    item = ResponsibilityItem.objects.create(
        plan=demo.plan,
        parent=heading,
        category=category,
        order=order,
        number=spec.number,
        title=spec.title,
        content=spec.content,
        target=spec.target,
        points=Decimal(spec.points),
        lead_leader_post=demo.posts[spec.leader],
        lead_unit=responsible.unit,
        responsible_post=responsible,
        inspector_post=demo.posts["inspector"],
        assessor_post=demo.posts["assessor"],
        deadline=on(spec.deadline, demo.today) if spec.deadline is not None else None,
        ongoing=spec.deadline is None,
        deadline_text=spec.deadline_text,
        report_cadence=ReportCadence.QUARTERLY,
        report_day=30,
    )
    item.responsible_units.add(responsible.unit, *(demo.units[k] for k in spec.also_units))
    item.cooperating_units.add(*(demo.units[k] for k in spec.cooperating))
    for indicator in spec.indicators:
        Indicator.objects.create(item=item, name=indicator.name, unit=indicator.unit, target_value=indicator.target)
    return item


# --- Playing the stories through the flow -------------------------------------------------------------


def _play(demo: Demo, item: ResponsibilityItem, story: Story) -> None:
    office, official, when = demo.person("office"), item.responsible_post.holder, demo.day
    with clock(when(story.launched), hour=9):
        services.launch(item, office)
    if story.deployed is not None:
        with clock(when(story.deployed)):
            _act(office, item, "deploy", _deploy_data(item))
    if story.accepted is not None:
        with clock(when(story.accepted)):
            _act(official, item, "accept", {"decision": "accept"})
    for report in story.reports:
        with clock(when(report.on), hour=16):
            _act(official, item, "work", _work_data(demo, item, report, "report"))
    if story.urged is not None:
        day, note = story.urged
        with clock(when(day), hour=11):
            services.urge(item, demo.person("inspector"), note)
    if story.extension is not None:
        _request_extension(demo, item, official, story.extension)
    if story.claimed is not None:
        with clock(when(story.claimed.on), hour=16):
            data = _work_data(demo, item, story.claimed, "claim")
            _act(official, item, "work", data, files={"evidence": [_evidence(item, story.claimed)]})
    if story.returned is not None:
        _return_and_rectify(demo, item, story.returned)
    if story.verified is not None:
        with clock(when(story.verified), hour=15):
            _act(demo.person("inspector"), item, "verify", {"decision": "pass", "comments": "材料齐全，核验通过。"})
    if story.assessed is not None:
        with clock(when(story.assessed)):
            data = {"quality": str(story.quality), "comment": story.assessment}
            _act(demo.person("assessor"), item, "assess", data)
    if item.status != story.ends:
        raise DemoError(f"{item} ended in {item.status}, expected {story.ends}")


def _request_extension(demo: Demo, item: ResponsibilityItem, official: Person, extension: Extension) -> None:
    day = demo.day(extension.on)
    data = {
        "action": "extension",
        "period": _period(day),
        "percent_done": str(extension.percent),
        "narrative": extension.reason,
        "new_deadline": demo.day(extension.new_deadline).isoformat(),
    }
    with clock(day, hour=16):
        _act(official, item, "work", data)


def _return_and_rectify(demo: Demo, item: ResponsibilityItem, returned: Return) -> None:
    when = demo.day
    data = {
        "decision": "return",
        "comments": "核验发现材料不全。",
        "rectification_points": returned.points,
        "rectification_deadline": when(returned.deadline).isoformat(),
    }
    with clock(when(returned.on), hour=15):
        _act(demo.person("inspector"), item, "verify", data)
    if returned.rectified is not None:
        report = returned.rectified
        with clock(when(report.on), hour=16):
            data = {"narrative": report.narrative, **_indicator_data(item, report.values)}
            _act(item.responsible_post.holder, item, "rectify", data)


def _act(user: Person, item: ResponsibilityItem, step: str, data: dict, files: dict | None = None) -> None:
    """Do one step exactly as the task page does: through ``services.complete``."""
    tasks = [t for t in services.active_task_for_item(item) if t.flow_task.name == step]
    if len(tasks) != 1:
        raise DemoError(f"{item}: expected one active {step} task, found {len(tasks)}")
    form = services.complete(user, tasks[0].pk, data, MultiValueDict(files or {}))
    if not form.is_valid():
        raise DemoError(f"{item} {step}: {form.errors.as_text()}")
    item.refresh_from_db()


def _deploy_data(item: ResponsibilityItem) -> dict:
    data = {
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
    """Delete the demo plan with its flows, and the demo's units, posts and people."""
    plans = list(demo_plans().select_related("organisation"))
    item_ids = list(ResponsibilityItem.objects.filter(plan__in=plans).values_list("pk", flat=True))
    item_type = ContentType.objects.get_for_model(ResponsibilityItem)
    Process.objects.filter(
        flow_class=ItemFlow, artifact_content_type=item_type, artifact_object_id__in=item_ids
    ).delete()
    GroupObjectPermission.objects.filter(content_type=item_type, object_pk__in=[str(pk) for pk in item_ids]).delete()
    for evidence in Evidence.objects.filter(report__item__in=item_ids):
        evidence.file.delete(save=False)
    WorkPlan.objects.filter(pk__in=[p.pk for p in plans]).delete()
    units = [unit for plan in plans for unit in _tree(plan.organisation)]
    posts = Post.objects.filter(unit__in=units)
    groups = list(posts.values_list("group", flat=True)) + [u.group_id for u in units]
    posts.delete()
    Person.objects.filter(username__in=USERNAMES).delete()
    # Children before parents: a unit protects its children.
    for unit in reversed(units):
        unit.delete()
    Group.objects.filter(pk__in=[g for g in groups if g]).delete()


def _tree(root: Unit) -> list[Unit]:
    """``root`` and everything below it, parents before children."""
    units, level = [], [root]
    while level:
        units.extend(level)
        level = list(Unit.objects.filter(parent__in=level))
    return units
