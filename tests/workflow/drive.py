"""Set the scene for page tests: move an item through the flow by the service doors."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from viewflow.workflow.models import Task

from workflow import services

STEPS = ["deploy", "accept", "work", "decide_extension", "verify", "rectify", "assess", "contribute"]


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def find_task(item, name: str) -> Task:
    tasks = [t for t in services.active_task_for_item(item) if t.flow_task.name == name]
    names = [t.flow_task.name for t in services.active_task_for_item(item)]
    assert len(tasks) == 1, f"expected one active {name} task, got {names}"
    return tasks[0]


def do(user, item, name: str, files: dict | None = None, **data):
    form = services.complete(user, find_task(item, name).pk, data, MultiValueDict(files or {}))
    assert form.is_valid(), form.errors
    item.refresh_from_db()
    return form


def rows_data(item) -> dict:
    """The deploy page's indicator and milestone tables posted back unchanged: the management
    forms and every existing row, as the page renders them."""
    data = {}
    tables = {
        "indicators": (item.indicators.order_by("id"), ["name", "unit", "comparator", "target_value"]),
        "milestones": (item.milestones.order_by("due", "id"), ["due", "title", "expected_percent"]),
    }
    for prefix, (rows, fields) in tables.items():
        rows = list(rows)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            data[f"{prefix}-{i}-id"] = row.pk
            for field in fields:
                value = getattr(row, field)
                data[f"{prefix}-{i}-{field}"] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def deploy_data(cast, item=None, **extra) -> dict:
    """Valid deploy form data; with ``item``, its indicators and milestones are posted back unchanged
    (without it, as if the item had none)."""
    data = {
        "target": "全年法律咨询不少于200起",
        "lead_leader_post": cast.posts["leader"].pk,
        "lead_unit": cast.justice.pk,
        "responsible_units": [cast.justice.pk],
        "responsible_post": cast.posts["official"].pk,
        "inspector_post": cast.posts["inspector"].pk,
        "assessor_post": cast.posts["assessor"].pk,
        "deadline": "2030-12-31",
        "report_cadence": "quarterly",
        "points": "10",
    }
    data.update(rows_data(item) if item is not None else EMPTY_ROWS)
    data.update(extra)
    return data


EMPTY_ROWS = {f"{prefix}-{count}_FORMS": 0 for prefix in ["indicators", "milestones"] for count in ["TOTAL", "INITIAL"]}


def step_data(cast, name: str) -> dict:
    """Valid form data that completes the step ``name``."""
    return {
        "deploy": deploy_data(cast),
        "accept": {"decision": "accept"},
        "work": {"action": "report", "period": "2020-03", "percent_done": "40", "narrative": "已接待咨询 80 起"},
        "decide_extension": {"decision": "approve", "comment": "同意"},
        "verify": {"decision": "pass", "comments": "材料齐全"},
        "rectify": {"narrative": "已补充台账"},
        "assess": {"quality": "8", "comment": "较好"},
        "contribute": {"narrative": "兴科社区已排查矛盾纠纷12起"},
    }[name]


def item_at(cast, name: str, **item_kwargs):
    """A new item whose open human step is ``name``."""
    item = cast.item(**item_kwargs)
    services.launch(item, cast.office)
    item.refresh_from_db()
    if name == "deploy":
        return item
    if name == "contribute":  # 兴科社区 (official2) cooperates: its 会办 is open
        do(cast.office, item, "deploy", **deploy_data(cast, item, cooperating_units=[cast.community.pk]))
        return item
    do(cast.office, item, "deploy", **deploy_data(cast, item))
    if name == "accept":
        return item
    do(cast.official, item, "accept", decision="accept")
    if name == "work":
        return item
    if name == "decide_extension":
        do(
            cast.official,
            item,
            "work",
            action="extension",
            period="2020-06",
            percent_done="50",
            narrative="受疫情影响，需延期",
            new_deadline="2031-06-30",
        )
        return item
    do(cast.official, item, "work", action="claim", period="2020-12", percent_done="100", narrative="全年完成")
    if name == "verify":
        return item
    if name == "rectify":
        do(cast.inspector, item, "verify", decision="return", rectification_points="补充台账", **_deadline(10))
        return item
    if name == "assess":
        do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
        return item
    raise ValueError(name)


def _deadline(days: int) -> dict:
    return {"rectification_deadline": in_days(days)}


def set_deadline(item, deadline) -> None:
    """Move an item's deadline behind the flow's back (a scene for a test), its units' with it."""
    from responsibility.models import Assignment

    item.deadline = deadline
    item.save()
    for assignment in Assignment.objects.filter(item=item):
        assignment.deadline = deadline
        assignment.save()


def do_each(item, name: str, **data) -> None:
    """Each unit of the item does step ``name`` on its own branch, by the holder of its post."""
    from responsibility.models import Assignment

    tasks = [t for t in services.active_task_for_item(item) if t.flow_task.name == name]
    assert tasks, f"no active {name} task"
    for task in tasks:
        holder = Assignment.objects.select_related("post__holder").get(pk=task.data["assignment"]).post.holder
        form = services.complete(holder, task.pk, data, MultiValueDict())
        assert form.is_valid(), form.errors
    item.refresh_from_db()
