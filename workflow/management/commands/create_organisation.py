"""python manage.py create_organisation NAME --name N --phone P [--email E] [--unit U] [--post T] [--admin]

The first step of a new office: the organisation (街道/机关), and its first account, an office clerk
(or a system administrator, ``--admin``) who logs in with the one-time password printed here, chooses
his own, and sets up the rest from the pages (组织机构: units, posts, people, the roster).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from responsibility.accounts import create_account, normal_phone
from responsibility.models import Person, Post, Unit
from responsibility.permissions import ensure_role_groups


class Command(BaseCommand):
    help = "Create an organisation and its first office clerk (or system administrator) with a one-time password."

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="the organisation's name, e.g. 回兴街道")
        parser.add_argument("--name", required=True, help="the clerk's full name, e.g. 李文员")
        parser.add_argument("--phone", required=True, help="the clerk's mobile number (his login name)")
        parser.add_argument("--email", default="")
        parser.add_argument("--unit", default="党政办", help="the clerk's unit (default 党政办)")
        parser.add_argument("--post", default="法治办干事", help="the clerk's post (default 法治办干事)")
        parser.add_argument("--admin", action="store_true", help="a 系统管理员 (sets up, sees no item) instead")

    def handle(self, *args, **options) -> None:
        try:
            phone = normal_phone(options["phone"])
        except ValidationError as error:
            raise CommandError(error.messages[0]) from error
        if Person.objects.filter(phone=phone).exists():
            raise CommandError(f"手机号 {phone} 已有账号。")
        ensure_role_groups()
        with transaction.atomic():
            organisation = self._organisation(options["organisation"])
            unit, _created = Unit.objects.get_or_create(parent=organisation, name=options["unit"])
            role = Post.Role.ADMIN if options["admin"] else Post.Role.OFFICE
            post, _created = Post.objects.get_or_create(unit=unit, title=options["post"], defaults={"role": role})
            if post.holder_id is not None:
                raise CommandError(f"岗位“{unit.name}{post.title}”已有在岗人员“{post.holder}”，未创建新账号。")
            person, password = create_account(options["name"], phone, options["email"], organisation)
            post.hand_over(person)
        self.stdout.write(f"组织：{organisation.name}；岗位：{unit.name}{post.title}（{post.get_role_display()}）")
        self.stdout.write(f"登录名 {person.username}\t初始密码 {password}\t（只显示这一次；首次登录须修改密码）")

    def _organisation(self, name: str) -> Unit:
        found = Unit.objects.filter(name=name, parent__isnull=True).first()
        if found is not None and found.kind != Unit.Kind.ORGANISATION:
            raise CommandError(f"已有名为“{name}”的单位，但它不是组织（街道/机关）。")
        return found or Unit.objects.create(name=name, kind=Unit.Kind.ORGANISATION)
