"""The responsibility list of one plan (责任清单 .xlsx), as the plans' pages offer it."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import IO

from django.utils.translation import gettext as _

from .. import permissions
from ..importing.xlsx import write_plan
from ..models import WorkPlan
from .kinds import Export, Refused, register


@register
class PlanExport(Export):
    kind = "plan"

    @classmethod
    def params_for(cls, plan: WorkPlan) -> dict:
        return {"plan": plan.pk}

    @cached_property
    def plan(self) -> WorkPlan:
        plan = WorkPlan.objects.select_related("organisation").filter(pk=self.params.get("plan")).first()
        if plan is None:
            raise Refused(_("这份工作要点已被删除。"))
        return plan

    def check(self) -> None:
        # Plans are the office's and the committee's: the page asks the same (responsibility.views._plan).
        if not self.user.is_active or not self.user.has_perm(permissions.perm(permissions.VIEW)):
            raise Refused(_("你已没有查看工作要点的权限。"))
        # A deleted plan is refused here, not halfway through; another organisation's, as no right.
        if not permissions.can_plan(self.user, permissions.VIEW, self.plan):
            raise Refused(_("你已没有查看工作要点的权限。"))

    def items(self):
        return permissions.visible_items(self.user).filter(plan=self.plan)

    def title(self) -> str:
        return f"{self.plan.title}-责任清单"

    def count(self) -> int:
        return self.items().count()

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        return write_plan(self.plan, out, self.items(), progress)
