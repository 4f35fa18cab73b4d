"""One shared cast of users that mirrors the real roles, and a small plan for them to work on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from responsibility.models import (
    Category,
    Indicator,
    Person,
    Post,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)

PASSWORD = "luoshi-test-pass"


@dataclass
class Cast:
    street: Unit
    committee_unit: Unit
    office_unit: Unit
    justice: Unit
    community: Unit
    inspection: Unit
    assessment_unit: Unit
    committee: Person
    office: Person
    leader: Person
    official: Person
    official2: Person
    inspector: Person
    assessor: Person
    outsider: Person
    posts: dict[str, Post] = field(default_factory=dict)
    plan: WorkPlan | None = None
    category: Category | None = None

    @property
    def roles(self) -> dict[str, Person]:
        return {
            "committee": self.committee,
            "office": self.office,
            "leader": self.leader,
            "official": self.official,
            "official2": self.official2,
            "inspector": self.inspector,
            "assessor": self.assessor,
            "outsider": self.outsider,
        }

    def item(self, title: str = "完善内部制度建设", *, deadline=None, with_indicator: bool = True, **kwargs):
        item = ResponsibilityItem.objects.create(
            plan=self.plan,
            category=self.category,
            number=kwargs.pop("number", "1."),
            title=title,
            deadline=deadline or datetime.date(2030, 12, 31),
            lead_leader_post=self.posts["leader"],
            lead_unit=self.justice,
            responsible_post=self.posts["official"],
            inspector_post=self.posts["inspector"],
            assessor_post=self.posts["assessor"],
            points=kwargs.pop("points", Decimal(10)),
            **kwargs,
        )
        item.responsible_units.add(self.justice)
        if with_indicator:
            Indicator.objects.create(item=item, name="法律咨询", unit="起", target_value=Decimal(200))
        return item


def person(username: str, name: str) -> Person:
    return Person.objects.create_user(
        username=username, password=PASSWORD, full_name=name, email=f"{username}@example.cn"
    )


def build_cast(prefix: str = "", street_name: str = "回兴街道") -> Cast:
    """The cast of one organisation; ``prefix`` names a second one's people apart (``b-office``)."""
    street = Unit.objects.create(name=street_name, kind=Unit.Kind.ORGANISATION)
    units = {
        "committee_unit": Unit.objects.create(name="党工委", parent=street, kind=Unit.Kind.COMMITTEE),
        "office_unit": Unit.objects.create(name="党政办", parent=street),
        "justice": Unit.objects.create(name="司法所", parent=street),
        "community": Unit.objects.create(name="兴科社区", parent=street, kind=Unit.Kind.COMMUNITY),
        "inspection": Unit.objects.create(name="督查室", parent=street),
        "assessment_unit": Unit.objects.create(name="考核组", parent=street),
    }
    people = {
        "committee": person(f"{prefix}committee", "王书记"),
        "office": person(f"{prefix}office", "李文员"),
        "leader": person(f"{prefix}leader", "张主任"),
        "official": person(f"{prefix}official", "赵所长"),
        "official2": person(f"{prefix}official2", "钱主任"),
        "inspector": person(f"{prefix}inspector", "孙督查"),
        "assessor": person(f"{prefix}assessor", "周考核"),
        "outsider": person(f"{prefix}outsider", "吴路人"),
    }
    posts = {
        "committee": Post.objects.create(
            unit=units["committee_unit"], title="党工委书记", role=Post.Role.COMMITTEE, holder=people["committee"]
        ),
        "office": Post.objects.create(
            unit=units["office_unit"], title="法治办干事", role=Post.Role.OFFICE, holder=people["office"]
        ),
        "leader": Post.objects.create(
            unit=units["committee_unit"], title="分管副主任", role=Post.Role.LEADER, holder=people["leader"]
        ),
        "official": Post.objects.create(
            unit=units["justice"], title="司法所所长", role=Post.Role.OFFICIAL, holder=people["official"]
        ),
        "official2": Post.objects.create(
            unit=units["community"], title="社区主任", role=Post.Role.OFFICIAL, holder=people["official2"]
        ),
        "inspector": Post.objects.create(
            unit=units["inspection"], title="督查员", role=Post.Role.INSPECTOR, holder=people["inspector"]
        ),
        "assessor": Post.objects.create(
            unit=units["assessment_unit"], title="考核员", role=Post.Role.ASSESSOR, holder=people["assessor"]
        ),
    }
    cast = Cast(street=street, **units, **people, posts=posts)
    cast.plan = WorkPlan.objects.create(
        organisation=street,
        year=2020,
        title=f"{street_name}2020年法治建设工作要点",
        status=WorkPlan.Status.PUBLISHED,
        # The flow tests claim with a narrative alone; the rules that a claim brings evidence and states
        # every indicator (every new plan's defaults) have their own tests (tests/workflow/test_report_form.py,
        # tests/workflow/test_claim_indicators.py).
        claim_needs_evidence=False,
        claim_needs_indicator_values=False,
    )
    cast.category = Category.objects.create(plan=cast.plan, name="依法全面履行政府职能", order=1, points=Decimal(12))
    return cast
