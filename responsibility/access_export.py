"""The access log as a workbook, for a reviewer (等保 测评) who takes the records away: the rows the
page's filters select, every page of them, oldest last as on the page. The export is itself a file
sent, so it lands in the log it exports (responsibility/access_log.py)."""

from __future__ import annotations

import io

import openpyxl
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessRecord


def headers() -> list[str]:
    return [_("时间"), _("用户名"), _("类别"), _("对象"), _("来源地址"), _("地址"), _("客户端")]


def workbook(records: QuerySet[AccessRecord]) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_("访问日志"))
    sheet.append(headers())
    kinds = dict(AccessRecord.Kind.choices)
    columns = ("at", "username", "kind", "what", "address", "path", "user_agent")
    for at, username, kind, what, address, path, agent in records.values_list(*columns).iterator(chunk_size=2000):
        when = timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")
        sheet.append([when, username, str(kinds.get(kind, kind)), what, address or "", path, agent])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name() -> str:
    return _("访问日志-%(date)s.xlsx") % {"date": timezone.localdate().isoformat()}
