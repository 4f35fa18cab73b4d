"""What the roster's rows say together and against the organisation, before anything is written.

Units are known by name within the organisation (its tree and the district departments), posts by
unit and title, people by mobile number; a post's current holder may be named without his number
(the exported roster of people who never gave one imports unchanged). Every row that cannot be
applied is reported with its number; a clean roster becomes a ``Plan`` that ``apply`` carries out.

Renaming is left to the pages: a number already held by someone of another name is more likely a
typing slip than a new name, and the roster would otherwise move the wrong person.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from ..importing.review import guess_kind
from ..models import Person, Post, Unit
from ..organisation import Tree, belongs_elsewhere
from .workbook import Problem, RosterRejected, Row

ORGANISATION = None  # a unit plan's parent: directly under the organisation


@dataclass
class UnitPlan:
    name: str
    line: int
    parent_text: str
    unit: Unit | None = None  # the existing unit, if any
    # An existing unit, the name of another unit of the roster, ORGANISATION, or "" to stay where it is.
    parent: Unit | str | None = ""

    @property
    def kind(self) -> str:
        return guess_kind(self.name)


@dataclass
class PersonPlan:
    line: int
    name: str
    phone: str = ""  # "": keep the one he has
    email: str = ""  # "": keep the one he has
    person: Person | None = None  # the existing person, if any


@dataclass
class PostPlan:
    line: int
    unit: str  # the name of its unit, the organisation's own name for its own posts
    title: str
    role: str
    post: Post | None = None
    holder: PersonPlan | None = None  # None: the post is vacant


@dataclass
class Plan:
    organisation: Unit
    units: list[UnitPlan] = field(default_factory=list)  # parents before their children
    people: list[PersonPlan] = field(default_factory=list)
    posts: list[PostPlan] = field(default_factory=list)


def check_roster(
    organisation: Unit, rows: list[Row], problems: list[Problem] | None = None, superuser: bool = False
) -> Plan:
    """The plan of a clean roster; ``RosterRejected`` with every problem found, those of the rows'
    own cells (``problems``) among them.

    ``superuser``: whether the importer may touch superusers' accounts (only a superuser may)."""
    checker = Checker(organisation, rows, superuser)
    plan = checker.check()
    found = [*(problems or []), *checker.problems]
    if found:
        raise RosterRejected(sorted(found, key=lambda p: p.row or 0))
    return plan


class Checker:
    def __init__(self, organisation: Unit, rows: list[Row], superuser: bool) -> None:
        self.organisation, self.rows, self.superuser = organisation, rows, superuser
        self.tree = Tree(organisation)
        self.named: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.tree.units:
            if unit.pk != organisation.pk:
                self.named[unit.name].append(unit)
        self.problems: list[Problem] = []

    def problem(self, row: int, message: str) -> None:
        self.problems.append(Problem(row, message))

    def check(self) -> Plan:
        units = self._units()
        self._parents(units)
        self._cycles(units)
        posts = self._posts(units)
        people = People(self).resolve(posts)
        return Plan(self.organisation, _parents_first(units), people, posts)

    # units ---------------------------------------------------------------------------------------------

    def _units(self) -> dict[str, UnitPlan]:
        units: dict[str, UnitPlan] = {}
        for row in self.rows:
            if row.unit == self.organisation.name:
                if row.parent:
                    self.problem(row.line, _("“%(unit)s”是本组织本身，“上级单位”应留空。") % {"unit": row.unit})
                continue
            seen = units.get(row.unit)
            if seen is None:
                units[row.unit] = self._unit(row)
            elif seen.parent_text != row.parent:
                self.problem(
                    row.line,
                    _(
                        "单位“%(unit)s”在第 %(line)s 行的上级单位是“%(first)s”，这里是“%(this)s”："
                        "一个单位只有一个上级单位。"
                    )
                    % {
                        "unit": row.unit,
                        "line": seen.line,
                        "first": self._shown(seen.parent_text),
                        "this": self._shown(row.parent),
                    },
                )
        return units

    def _shown(self, parent: str) -> str:
        return parent or self.organisation.name

    def _unit(self, row: Row) -> UnitPlan:
        plan = UnitPlan(row.unit, row.line, row.parent)
        found = self.named.get(row.unit, [])
        if len(found) > 1:
            self.problem(row.line, self._ambiguous(row.unit, found))
        elif found:
            plan.unit = found[0]
        return plan

    def _ambiguous(self, name: str, found: list[Unit]) -> str:
        return _("本组织有 %(count)s 个名为“%(unit)s”的单位，请先在单位页面改名再导入。") % {
            "count": len(found),
            "unit": name,
        }

    def _parents(self, units: dict[str, UnitPlan]) -> None:
        for plan in units.values():
            text = plan.parent_text
            if not text:
                outside = plan.unit is not None and plan.unit.parent_id is None
                plan.parent = "" if outside else ORGANISATION  # a district department stays outside the tree
            elif text == self.organisation.name:
                plan.parent = ORGANISATION
            elif text == plan.name:
                self.problem(plan.line, _("单位“%(unit)s”不能是自己的上级单位。") % {"unit": plan.name})
            elif text in units:
                plan.parent = text
            elif len(self.named.get(text, [])) == 1:
                plan.parent = self.named[text][0]
            elif self.named.get(text):
                self.problem(plan.line, self._ambiguous(text, self.named[text]))
            else:
                self.problem(
                    plan.line,
                    _("上级单位“%(parent)s”不存在：既不是本组织已有的单位，也不在本表的“单位”列中。")
                    % {"parent": text},
                )

    def _cycles(self, units: dict[str, UnitPlan]) -> None:
        """A unit moved under one of its own units, however many steps away."""
        in_roster = {plan.unit.pk: name for name, plan in units.items() if plan.unit is not None}

        def up(node: str | int) -> str | int | None:
            if isinstance(node, str):
                plan = units[node]
                if plan.parent == "":
                    return plan.unit.parent_id if plan.unit is not None else None
                parent = plan.parent
                if parent is ORGANISATION:
                    return None
                return parent if isinstance(parent, str) else in_roster.get(parent.pk, parent.pk)
            parent_id = self.tree.by_id[node].parent_id if node in self.tree.by_id else None
            return in_roster.get(parent_id, parent_id)

        for name in units:
            chain, node = [name], up(name)
            while node is not None and node != name and len(chain) <= len(self.tree.by_id) + len(units):
                chain.append(node)
                node = up(node)
            if node == name:
                names = [n if isinstance(n, str) else self.tree.by_id[n].name for n in [*chain, name]]
                self.problem(units[name].line, _("单位的上级关系形成循环：%(chain)s。") % {"chain": " → ".join(names)})

    # posts ---------------------------------------------------------------------------------------------

    def _posts(self, units: dict[str, UnitPlan]) -> list[PostPlan]:
        existing = defaultdict(list)
        for post in Post.objects.filter(unit_id__in=self.tree.unit_ids).select_related("holder", "unit"):
            existing[(post.unit_id, post.title)].append(post)
        posts: dict[tuple[str, str], PostPlan] = {}
        for row in self.rows:
            if not row.post:
                continue
            key = (row.unit, row.post)
            if key in posts:
                self.problem(
                    row.line,
                    _(
                        "岗位“%(unit)s %(post)s”已在第 %(line)s 行填写：一个岗位只有一名在岗人员。"
                        "一人兼任几个岗位时，请分行填写不同的岗位。"
                    )
                    % {"unit": row.unit, "post": row.post, "line": posts[key].line},
                )
                continue
            plan = posts[key] = PostPlan(row.line, row.unit, row.post, row.role)
            unit = self.organisation if row.unit == self.organisation.name else units[row.unit].unit
            found = existing.get((unit.pk, row.post), []) if unit is not None else []
            if len(found) > 1:
                self.problem(
                    row.line,
                    _("单位“%(unit)s”有 %(count)s 个名为“%(post)s”的岗位，请先在岗位页面改名再导入。")
                    % {"unit": row.unit, "count": len(found), "post": row.post},
                )
            elif found:
                plan.post = found[0]
        return list(posts.values())


class People:
    """Who each post's row names: a person found by his number, the post's holder named without one,
    or a new person; every row naming one person must agree on him."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.rows = {row.line: row for row in checker.rows}
        phones = {row.phone for row in checker.rows if row.phone}
        self.by_phone = {p.phone: p for p in Person.objects.filter(phone__in=phones)}
        self.file_phones = phones
        self.plans: dict[tuple, PersonPlan] = {}

    def problem(self, row: int, message: str) -> None:
        self.checker.problem(row, message)

    def resolve(self, posts: list[PostPlan]) -> list[PersonPlan]:
        by_phone = defaultdict(list)
        for post in posts:
            row = self.rows[post.line]
            if row.bad:
                continue  # its own cells are wrong and reported: whom it names is not known
            if row.phone:
                by_phone[row.phone].append(post)
            elif row.name:
                post.holder = self._holder_named(post, row)
        for phone, with_phone in by_phone.items():
            person = self._by_phone(phone, with_phone)
            for post in with_phone:
                post.holder = person
        self._emails()
        return list(self.plans.values())

    def _plan(self, key: tuple, row: Row, person: Person | None, phone: str = "") -> PersonPlan | None:
        plan = self.plans.get(key)
        if plan is None:
            plan = self.plans[key] = PersonPlan(row.line, row.name, phone, row.email, person)
            return plan
        if plan.name != row.name:
            self.problem(
                row.line,
                _("同一人员在第 %(line)s 行的姓名是“%(first)s”，这里是“%(this)s”。")
                % {"line": plan.line, "first": plan.name, "this": row.name},
            )
        elif row.email and plan.email and row.email.lower() != plan.email.lower():
            self.problem(
                row.line,
                _("“%(name)s”在第 %(line)s 行的邮箱是“%(first)s”，这里是“%(this)s”。")
                % {"name": row.name, "line": plan.line, "first": plan.email, "this": row.email},
            )
        plan.email = plan.email or row.email
        plan.phone = plan.phone or phone
        return plan

    def _holder_named(self, post: PostPlan, row: Row) -> PersonPlan | None:
        holder = post.post.holder if post.post is not None else None
        if holder is None or row.name not in (holder.full_name, str(holder)):
            self.problem(
                row.line,
                _("“%(name)s”不是岗位“%(unit)s %(post)s”的现任人员：新任人员须填写手机号。")
                % {"name": row.name, "unit": row.unit, "post": row.post},
            )
            return None
        if self._refused(row, holder):
            return None
        return self._plan(("id", holder.pk), row, holder)

    def _by_phone(self, phone: str, posts: list[PostPlan]) -> PersonPlan | None:
        first = self.rows[posts[0].line]
        for post in posts[1:]:
            row = self.rows[post.line]
            if row.name != first.name:
                self.problem(
                    row.line,
                    _(
                        "手机号 %(phone)s 在第 %(line)s 行填写的是“%(first)s”，这里是“%(this)s”："
                        "一个手机号只能是一个人的。"
                    )
                    % {"phone": phone, "line": first.line, "first": first.name, "this": row.name},
                )
        person = self.by_phone.get(phone)
        if person is not None and first.name not in (person.full_name, str(person)):
            self.problem(
                first.line,
                _(
                    "手机号 %(phone)s 已是“%(person)s”的手机号（本表填写的是“%(name)s”）。"
                    "如是同一人改了姓名，请先在人员页面修改。"
                )
                % {"phone": phone, "person": person, "name": first.name},
            )
            return None
        person = person or self._new_number(phone, first, posts)
        if person is not None and self._refused(first, person, phone):
            return None
        plan = None
        for post in posts:
            row = self.rows[post.line]
            if row.name == first.name:
                key = ("id", person.pk) if person is not None else ("new", phone)
                plan = self._plan(key, row, person, phone)
        return plan

    def _new_number(self, phone: str, row: Row, posts: list[PostPlan]) -> Person | None:
        """The post's holder of the same name, whose number changed (and whose old one the roster
        does not give to anyone), else nobody: a new person."""
        holders = {
            post.post.holder
            for post in posts
            if post.post is not None
            and post.post.holder is not None
            and row.name in (post.post.holder.full_name, str(post.post.holder))
        }
        holders = {h for h in holders if h.phone not in self.file_phones}
        return holders.pop() if len(holders) == 1 else None

    def _refused(self, row: Row, person: Person, phone: str = "") -> bool:
        checker = self.checker
        if not person.is_active:
            self.problem(row.line, _("人员“%(person)s”已停用；如需恢复，请先在人员页面启用。") % {"person": person})
        elif person.is_superuser and not checker.superuser:
            self.problem(row.line, _("“%(person)s”是超级管理员账号，不能通过名册修改。") % {"person": person})
        elif belongs_elsewhere(person, checker.organisation, checker.tree.unit_ids):
            self.problem(
                row.line,
                _("手机号 %(phone)s 已是其他组织人员“%(person)s”的手机号。")
                % {"phone": phone or person.phone, "person": person},
            )
        else:
            return False
        return True

    def _emails(self) -> None:
        """One address, one person: in the roster and against everyone else."""
        owners: dict[str, PersonPlan] = {}
        for plan in self.plans.values():
            if not plan.email:
                continue
            email = plan.email.lower()
            other = owners.setdefault(email, plan)
            if other is not plan:
                self.problem(
                    plan.line,
                    _("邮箱“%(email)s”在第 %(line)s 行已填写为“%(person)s”的邮箱。")
                    % {"email": plan.email, "line": other.line, "person": other.name},
                )
        taken = Person.objects.annotate(address=Lower("email")).filter(address__in=list(owners))
        for person in taken:
            plan = owners[person.email.lower()]
            if plan.person is None or plan.person.pk != person.pk:
                self.problem(
                    plan.line, _("邮箱“%(email)s”已是“%(person)s”的邮箱。") % {"email": plan.email, "person": person}
                )


def _parents_first(units: dict[str, UnitPlan]) -> list[UnitPlan]:
    ordered: list[UnitPlan] = []
    placed: set[str] = set()

    def place(name: str, path: set[str]) -> None:
        if name in placed or name in path:
            return
        parent = units[name].parent
        if isinstance(parent, str) and parent in units:
            place(parent, path | {name})
        placed.add(name)
        ordered.append(units[name])

    for name in units:
        place(name, set())
    return ordered
