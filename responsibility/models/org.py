"""Organisation: units as a tree, posts in units, people holding posts.

Open items are tied to posts, not people: when an official leaves, the successor in the post takes
over the open items without a new document (人走事不断). Object permissions are granted to the
post's group, so a hand-over moves every right in one membership change.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


class Person(AbstractUser):
    """A person who may log in. Chinese names are kept whole in ``full_name``.

    ``organisation``: the organisation whose office created the account (set-up pages, roster); a
    person holding a post belongs to the post's organisation whatever it says. ``must_change_password``:
    the account still has the one-time password the office was shown, so every page asks for a new one.
    """

    full_name = models.CharField(_("姓名"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "Unit",
        verbose_name=_("所属组织"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    must_change_password = models.BooleanField(
        _("须修改密码"), default=False, help_text=_("使用初始密码登录后须先修改密码。")
    )

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        # A phone number names one person: the roster finds people by it, and SMS goes to it.
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~models.Q(phone=""), name="person_unique_phone")
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class Unit(models.Model):
    """An organisation unit: 街道, its 内设机构, 社区, or an outside 区直部门."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("街道/机关")
        DEPARTMENT = "department", _("内设机构")
        COMMUNITY = "community", _("社区")
        EXTERNAL = "external", _("区直部门")
        COMMITTEE = "committee", _("领导班子")

    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    order = models.PositiveIntegerField(_("排序"), default=0)
    group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # Read on an organisation (the root unit) only: its office decides (组织机构 → 登录安全).
    second_factor_required = models.BooleanField(
        _("要求两步验证"),
        default=False,
        help_text=_("开启后，本组织党政办/法治办、党工委委员和系统管理员岗位上的账号下次登录时须先开启两步验证。"),
    )

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unit_unique_name_per_parent")]
        permissions = [("manage_organisation", _("管理组织机构、岗位和人员"))]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.group_id is None:
            self.group = Group.objects.create(name=f"unit:{_unique_suffix()}")
        super().save(*args, **kwargs)

    def ancestors(self) -> list[Unit]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class UnitNotFound(LookupError):
    """No unit, or more than one, answers to a name (message in Chinese, for commands and pages)."""


def unit_named(name: str) -> Unit:
    """The one unit called ``name`` (by its name, else its short name)."""
    found = list(Unit.objects.filter(name=name)[:2]) or list(Unit.objects.filter(short_name=name)[:2])
    if len(found) != 1:
        raise UnitNotFound(f"没有找到唯一的单位“{name}”。" if not found else f"单位“{name}”不唯一。")
    return found[0]


class Post(models.Model):
    """A post in a unit (岗位). Items point at posts; people come and go."""

    class Role(models.TextChoices):
        COMMITTEE = "committee", _("党工委委员")
        LEADER = "leader", _("牵头领导")
        OFFICE = "office", _("党政办/法治办")
        OFFICIAL = "official", _("责任人")
        UNIT_HEAD = "unit_head", _("单位负责人")
        INSPECTOR = "inspector", _("督查员")
        ASSESSOR = "assessor", _("考核员")
        ADMIN = "admin", _("系统管理员")

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(_("岗位名称"), max_length=100)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    holder = models.ForeignKey(
        Person, verbose_name=_("在岗人员"), null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    group = models.OneToOneField(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["unit__order", "id"]

    def __str__(self) -> str:
        if self.holder_id:
            return pgettext("post with holder", "%(unit)s%(title)s（%(holder)s）") % {
                "unit": self.unit.name,
                "title": self.title,
                "holder": self.holder,
            }
        return pgettext("post", "%(unit)s%(title)s") % {"unit": self.unit.name, "title": self.title}

    def save(self, *args, **kwargs) -> None:
        if self.group_id is None:
            self.group = Group.objects.create(name=f"post:{_unique_suffix()}")
        previous_id = None
        if self.pk is not None:
            previous_id = Post.objects.filter(pk=self.pk).values_list("holder_id", flat=True).first()
        super().save(*args, **kwargs)
        # Whoever changes the holder, the rights follow the post: the old holder leaves its groups.
        if previous_id and previous_id != self.holder_id:
            self._leave(Person.objects.get(pk=previous_id))
        if self.holder_id:
            self._join(self.holder)

    @transaction.atomic
    def change_role(self, role: str) -> None:
        """A new role for the post: its holder leaves the old role's group (unless another post of his
        keeps him in it) and joins the new one's, so that model-wide rights follow the role."""
        if role == self.role:
            return
        if self.holder_id:
            self._leave(self.holder)
        self.role = role
        self.save(update_fields=["role"])

    @transaction.atomic
    def hand_over(self, successor: Person | None) -> Person | None:
        """Give the post to ``successor``; returns the previous holder.

        Rights granted to the post move with it; the workflow layer moves the open tasks.
        """
        previous = self.holder
        self.holder = successor
        self.save(update_fields=["holder"])
        return previous

    def _join(self, person: Person) -> None:
        person.groups.add(*self._groups())
        _forget_rights(person)

    def _leave(self, person: Person) -> None:
        keep = set()
        for other in person.posts.exclude(pk=self.pk).select_related("unit"):
            keep.update(g.pk for g in other._groups())
        person.groups.remove(*[g for g in self._groups() if g.pk not in keep])
        _forget_rights(person)

    def _groups(self) -> list[Group]:
        groups = [self.group, self.unit.group]
        role_group = ROLE_GROUPS.get(self.role)
        if role_group:
            groups.append(Group.objects.get_or_create(name=role_group)[0])
        return [g for g in groups if g is not None]


# Roles with rights over every item get a model-wide group; the others act through their posts.
ROLE_GROUPS = {
    Post.Role.COMMITTEE: "committee",
    Post.Role.OFFICE: "office",
    Post.Role.INSPECTOR: "inspectors",
    Post.Role.ASSESSOR: "assessors",
    Post.Role.ADMIN: "administrators",
}


def _forget_rights(person: Person) -> None:
    """The rights read for this person object (Django's and the organisations his roles reach) are
    read again when next asked."""
    for cached in ("_perm_cache", "_group_perm_cache", "_user_perm_cache", "_luoshi_scope"):
        person.__dict__.pop(cached, None)


def _unique_suffix() -> str:
    import uuid

    return uuid.uuid4().hex
