"""The supervision board's list as an .xlsx (督办看板 导出): every item the filters find, none left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility import permissions
from responsibility.exports import Export, Refused, register
from responsibility.importing.writing import StreamedTable, label, write_only_book
from responsibility.importing.xlsx import EXPORT_CHUNK_SIZE, HeadingChains
from responsibility.models import ItemStatus, Rag, RagReason, ResponsibilityItem

from . import board

COLUMNS = [
    (gettext_lazy("编号"), 12),
    (gettext_lazy("工作任务"), 40),
    (gettext_lazy("牵头领导"), 10),
    (gettext_lazy("牵头单位"), 14),
    (gettext_lazy("责任人"), 14),
    (gettext_lazy("完成时限"), 14),
    (gettext_lazy("进度"), 8),
    (gettext_lazy("应达进度"), 8),
    (gettext_lazy("督办灯"), 8),
    (gettext_lazy("亮灯原因"), 14),
    (gettext_lazy("逾期天数"), 8),
    (gettext_lazy("状态"), 12),
]


def params_of(form: board.BoardFilter) -> dict:
    """The filters as the board applied them, in words a job can store: an invalid form filters
    nothing on the page, so nothing here either."""
    if not form.is_bound or not form.is_valid():
        return {}
    return {name: form.data[name] for name in form.fields if form.cleaned_data.get(name) not in (None, "")}


@register
class BoardExport(Export):
    kind = "board"

    def check(self) -> None:
        if not self.user.is_active or not permissions.can_supervise(self.user):
            raise Refused(_("你已没有查看督办看板的权限。"))
        self.filters()

    def filters(self) -> dict:
        form = board.BoardFilter(self.params or None, user=self.user)
        if self.params and not form.is_valid():
            raise Refused(_("导出的筛选条件已失效（如所选单位或工作要点已删除），请在督办看板重新筛选后导出。"))
        return form.cleaned_data if self.params else {}

    def items(self):
        return board.board_items(self.user, self.filters())

    def title(self) -> str:
        return _("督办看板") + timezone.localdate().strftime(" %Y-%m-%d")

    def count(self) -> int:
        return self.items().count()

    def write(self, out: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        items = self.items()
        headings = ResponsibilityItem.objects.filter(plan__in=items.values("plan_id"), is_heading=True)
        chains = HeadingChains(headings.only("plan", "parent", "order", "number", "title", "is_heading").in_bulk())
        book = write_only_book()
        table = StreamedTable(book, self.title(), [(str(name), width) for name, width in COLUMNS])
        for item in items.iterator(chunk_size=EXPORT_CHUNK_SIZE):
            item._ancestors = chains.above(item.parent_id)
            table.append(row(item))
            if progress is not None and table.rows % EXPORT_CHUNK_SIZE == 0:
                progress(table.rows)
        table.close()
        book.save(out)
        return table.rows


def row(item: ResponsibilityItem) -> list:
    leader = item.lead_leader_post
    return [
        item.full_number,
        item.title,
        str(leader.holder or leader.title) if leader else "",
        item.lead_unit.name if item.lead_unit else "",
        str(item.responsible_post.holder or "") if item.responsible_post else "",
        item.deadline_display,
        f"{item.percent_done}%",
        f"{item.expected_percent}%",
        label(Rag, item.rag),
        label(RagReason, item.rag_reason),
        item.days_overdue() or "",
        label(ItemStatus, item.status),
    ]
