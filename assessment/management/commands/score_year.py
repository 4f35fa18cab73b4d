"""python manage.py score_year (--org NAME | --all) --year YYYY [--json] [--as-of DATE] [--reason TEXT]"""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from assessment.compute import SchemeError, compute
from assessment.models import Assessment, CategoryResult, PersonResult, Scheme, UnitResult
from assessment.ranking import ranking_tables
from responsibility.models.org import UnitNotFound, unit_named


def _number(value) -> float:
    return float(value)


class Command(BaseCommand):
    help = "Compute the year-end results of an organisation's scheme and print every unit's score, grade and rank."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", help="the organisation's unit name, e.g. 回兴街道")
        parser.add_argument(
            "--all",
            action="store_true",
            help="every organisation's scheme of the year, one Celery task each (the workers of the sweeps queue"
            " run them in parallel; without a worker, here one after the other)",
        )
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument("--as-of", type=datetime.date.fromisoformat, help="facts up to this day (default: 12-31)")
        parser.add_argument("--reason", default="", help="why a published year is computed again (a new version)")

    def handle(self, *args, **options) -> None:
        if options["all"]:
            return self._all(options)
        if not options["org"]:
            raise CommandError("--org or --all is required")
        try:
            organisation = unit_named(options["org"])
        except UnitNotFound as missing:
            raise CommandError(str(missing)) from missing
        scheme = Scheme.objects.filter(organisation=organisation, year=options["year"]).first()
        if scheme is None:
            raise CommandError(f"{organisation.name}没有{options['year']}年度的考核细则。")
        try:
            assessment = compute(scheme, as_of=options["as_of"], reason=options["reason"])
        except SchemeError as refusal:
            raise CommandError(str(refusal)) from refusal
        summary = summarise(assessment)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._print(summary)

    def _all(self, options) -> None:
        from assessment.tasks import score_year

        year = options["year"]
        schemes = Scheme.objects.filter(year=year).select_related("organisation").order_by("organisation__order", "id")
        if not schemes:
            raise CommandError(f"没有{year}年度的考核细则。")
        as_of = options["as_of"].isoformat() if options["as_of"] else None
        score_year.delay(year, as_of, options["reason"])
        if not score_year.app.conf.task_always_eager:
            self.stdout.write(f"已排队：{len(schemes)} 个单位的考核细则（由 sweeps 队列的 worker 计算）")
            return
        for scheme in schemes:
            latest = scheme.assessments.order_by("-version").first()
            done = f"第{latest.version}版（{latest.get_status_display()}）" if latest else "未计算"
            self.stdout.write(f"{scheme.organisation.name} {scheme.title} {done}")

    def _print(self, summary: dict) -> None:
        self.stdout.write(
            f"{summary['scheme']} 第{summary['version']}版（{summary['status_label']}，计至 {summary['as_of']}）"
        )
        group = None
        for row in summary["units"]:
            if summary["groups"] and row["group"] != group:
                group = row["group"]
                self.stdout.write(f"【{group}】" if group else "【未分组】")
            marks = "".join([" 一票否决" if row["veto"] else "", " 受优秀比例限制" if row["quota_limited"] else ""])
            self.stdout.write(
                f"{row['rank']:>4}  {row['unit']}  {row['total']:.2f}  {row['grade']}"
                f"（事项 {row['base']:.2f} + 加分 {row['bonus']:.2f} − 扣分 {row['deduction']:.2f}）{marks}"
            )
        if summary["unscored_items"]:
            self.stdout.write(f"未对应考核类别、未计分的事项：{summary['unscored_items']} 项")


def summarise(assessment: Assessment) -> dict:
    """Every unit's and person's score, grade, rank and breakdown totals, as plain data; a unit's rank
    is within its 考核分组 (``group``, "" for none: the version's ``groups`` are listed in order)."""
    categories: dict[int, list[dict]] = {}
    for row in (
        CategoryResult.objects.filter(assessment=assessment, unit__isnull=False)
        .select_related("category")
        .order_by("unit_id", "category__order", "category_id")
    ):
        categories.setdefault(row.unit_id, []).append(
            {
                "category": row.category.name,
                "category_points": _number(row.category.points),
                "items": row.items,
                "possible": _number(row.possible),
                "earned": _number(row.earned),
                "points": _number(row.points),
            }
        )

    def subject(row) -> dict:
        return {
            "rank": row.rank,
            "total": _number(row.total),
            "grade": row.grade,
            "base": _number(row.base),
            "bonus": _number(row.bonus),
            "deduction": _number(row.deduction),
            "items": row.items,
            "veto": row.veto,
            "quota_limited": row.quota_limited,
        }

    rules = assessment.frozen_rules()
    groups = [group.name for group in rules.groups]
    ranked = UnitResult.objects.filter(assessment=assessment).select_related("unit").order_by("order", "pk")
    units = [
        {"unit": row.unit.name, "group": row.group, **subject(row), "categories": categories.get(row.unit_id, [])}
        # 考核分组: each group's units in its ranking order, groups as the results page shows them.
        for table in ranking_tables(rules, list(ranked), {})
        for row in table.rows
    ]
    people = [
        {"role": row.role, "post": str(row.post), "person": str(row.person) if row.person else "", **subject(row)}
        for row in PersonResult.objects.filter(assessment=assessment)
        .select_related("post__unit", "post__holder", "person")
        .order_by("role", "order")
    ]
    return {
        "scheme": assessment.scheme.title,
        "organisation": assessment.scheme.organisation.name,
        "year": assessment.scheme.year,
        "version": assessment.version,
        "status": assessment.status,
        "status_label": assessment.get_status_display(),
        "as_of": assessment.as_of.isoformat(),
        "groups": groups,
        "units": units,
        "people": people,
        "unscored_items": len(assessment.unscored_items),
    }
