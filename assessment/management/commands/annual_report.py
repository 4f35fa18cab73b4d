"""python manage.py annual_report --org NAME --year YYYY OUT.docx: the year's report drafted from the data."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment import annual_report


class Command(BaseCommand):
    help = gettext_lazy(
        "按年度法治政府建设情况报告的结构，根据工作要点、办理记录和考核结果起草年度报告（.docx）。"
        "有已发布的考核结果时取最新发布版本，否则取最新待发布版本，都没有时只依据办理记录。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help=gettext_lazy("单位名称或简称，如 回兴街道"))
        parser.add_argument("--year", required=True, type=int, help=gettext_lazy("年度，如 2020"))
        parser.add_argument("out", help=gettext_lazy("输出的 .docx 文件"))

    def handle(self, *args, org: str, year: int, out: str, **options) -> None:
        path = Path(out)
        if path.suffix.lower() != ".docx":
            raise CommandError(_("输出文件须以 .docx 结尾：%(path)s") % {"path": out})
        try:
            plan = annual_report.plan_for(org, year)
        except annual_report.ReportError as error:
            raise CommandError(str(error)) from error
        report = annual_report.draft(plan)
        try:
            path.write_bytes(annual_report.as_docx(report))
        except OSError as error:
            raise CommandError(_("无法写入 %(path)s：%(error)s") % {"path": out, "error": error}) from error
        self.stdout.write(self.style.SUCCESS(_("已生成《%(title)s》：%(path)s") % {"title": report.title, "path": out}))
        self.stdout.write(_source(report))


def _source(report: annual_report.AnnualReport) -> str:
    assessment = report.assessment
    if assessment is None:
        return _("本年度尚无考核结果，报告只依据办理记录（截至 %(day)s）。") % {"day": report.as_of.isoformat()}
    if assessment.is_published:
        return _("考核结果取第 %(version)s 版（已发布）。") % {"version": assessment.version}
    return _("考核结果取第 %(version)s 版（待发布）。") % {"version": assessment.version}
