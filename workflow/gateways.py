"""The split of an item into its units' branches (分办) and the join of the branches, as viewflow
does them, with their task rows written with ``config.rows``.

Every item passes both. viewflow's own Split and Join write with the ORM, which builds each
statement anew on every use (``config/rows.py`` says what that costs): 4 statements for the split
and 12 for the join of an item of one unit. Here they write the same rows (every column, the same
values), the same links between tasks and the same tokens, and send the same signals, with SQL
built once; the split reads the branches' assignments once for the branches' first tasks too, and
the join reads what viewflow reads three times per arrival once and skips the savepoint viewflow
opens for cancelling branches (a join that waits for every branch cancels none): 6 statements.
tests/workflow/test_gateways.py holds both to viewflow's own activations on the same graph.

viewflow 2.4.0 documents ``Split().Next(node, data_source=...)`` but its open-source Split does not
take the argument; ``UnitSplit`` is that one behaviour (a task of one node per data item, each with
its ``task.data``), on viewflow's own split tokens, so the join works as viewflow's.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.utils.timezone import now
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.join import JoinActivation
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.signals import task_finished
from viewflow.workflow.status import STATUS

from config import rows


class UnitSplitActivation(SplitActivation):
    """viewflow's split: one task of the branch's first node per data item, the item as its data."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        """viewflow's ``Activation.create``: the split's task and its link to the step before."""
        task = _new_task(flow_task, prev_activation.process, token, data, seed)
        rows.insert(task, rows.columns(type(task)))
        _link(task, prev_activation.task)
        return cls(task)

    @Activation.status.super()
    def activate(self):
        for node, _case, data_source in self.flow_task._branches:
            self.next_tasks.extend((node, data) for data in data_source(self))
        if not self.next_tasks:
            raise FlowRuntimeError(f"no branch to start at {self.flow_task.name}")

    @Activation.status.super()
    def complete(self):
        _finish(self)


class UnitSplit(flow.Split):
    """A split with one branch per data item (viewflow's documented ``data_source``)."""

    activation_class = UnitSplitActivation

    def Next(self, node, case=None, data_source=None):
        self._activate_next.append((node, case, data_source))
        return self


class UnitJoinActivation(JoinActivation):
    """viewflow's join: the first branch to arrive creates the join's task, each arrival links its
    last task to it, and the one that finds no branch left open completes it and goes on."""

    def __init__(self, *args, **kwargs):
        # What the arrival found, read once: viewflow asks three times (activate, can_proceed, complete).
        self._prefixes: set[str] | None = None
        self._done: bool | None = None
        super().__init__(*args, **kwargs)

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        """viewflow's ``JoinActivation.create``: the process's waiting join task, or a new one on the
        token from before the split; linked to the task that arrives."""
        process = prev_activation.process
        waiting = _waiting_joins(flow_task, process)
        if len(waiting) > 1:
            raise FlowRuntimeError("More than one join instance for process found")
        if waiting:
            task = waiting[0]
            task.process = process  # the process in hand: viewflow would read it again
        else:
            if token.is_split_token():
                token = token.get_base_split_token()
            task = _new_task(flow_task, process, token, data, seed)
            rows.insert(task, rows.columns(type(task)))
        _link(task, prev_activation.task)
        return cls(task)

    @Activation.status.super()
    def activate(self):
        if self.task.started is None:
            self.task.started = now()
            # The last branch in: viewflow's flow (``Activation._activate_next``) completes the join
            # at once, and that write carries the start too (the row ends as viewflow's would).
            if not self.is_done():
                _save(self.task)

    def is_done(self) -> bool:
        """viewflow's: every task on the joined branches is done (or cancelled)."""
        if self._done is None:
            prefixes = self.token_prefixes()
            if len(prefixes) != 1:
                self._done = len(prefixes) > 1  # several: an error, raised by complete()
            else:
                self._done = not self._branch_open(next(iter(prefixes)))
        return self._done

    @Activation.status.super()
    def complete(self):
        with self.exception_guard():
            prefixes = self.token_prefixes()
            if len(prefixes) > 1:
                raise FlowRuntimeError(f"Multiple tokens {prefixes} came to join {self.flow_task.name}")
            _finish(self)

    def token_prefixes(self) -> set[str]:
        """viewflow's ``_join_token_prefixes``: the split tokens of the tasks that arrived (not
        cancelled), read once per arrival."""
        if self._prefixes is None:
            gone = [STATUS.CANCELED.value, STATUS.REVIVED.value]
            with connection.cursor() as cursor:
                cursor.execute(_arrived_sql(type(self.task)), [self.task.pk, *gone])
                arrived = cursor.fetchall()
            token_field = type(self.task)._meta.get_field("token")
            self._prefixes = {
                rows.convert(token_field, token).get_common_split_prefix(self.task.token, pk) for pk, token in arrived
            }
        return self._prefixes

    def _branch_open(self, prefix: str) -> bool:
        """viewflow's ``_active_join_tasks(prefix).exists()``: a task of the process on the joined
        branches (its token starts with their split's prefix) is not done, cancelled or revived."""
        closed = [STATUS.DONE.value, STATUS.CANCELED.value, STATUS.REVIVED.value]
        with connection.cursor() as cursor:
            cursor.execute(_open_tokens_sql(type(self.task)), [self.process.pk, *closed])
            return any(token.startswith(prefix) for (token,) in cursor.fetchall())


class UnitJoin(flow.Join):
    """viewflow's Join waiting for every branch (it takes no ``continue_on_condition``: nothing is
    cancelled, so no savepoint is needed for undoing a cancel)."""

    activation_class = UnitJoinActivation

    def __init__(self, **kwargs):
        if "continue_on_condition" in kwargs:
            raise TypeError("UnitJoin waits for every branch; use viewflow's Join to continue earlier")
        super().__init__(**kwargs)


def _new_task(flow_task, process, token, data, seed):
    task = flow_task.flow_class.task_class(process=process, flow_task=flow_task, token=token)
    task.flow_task_type = flow_task.task_type  # all that Task.save() adds
    task.data = data if data is not None else {}
    task.seed = seed
    return task


def _link(task, previous) -> None:
    """``task.previous.add(previous)``."""
    link = type(task).previous.through
    rows.insert(link(from_task_id=task.pk, to_task_id=previous.pk), ("from_task", "to_task"))


def _save(task) -> None:
    """``task.save()``: the row written whole."""
    rows.update(task, rows.columns(type(task)))


def _finish(activation: Activation) -> None:
    """viewflow's ``Activation.complete``: the task finished, saved whole, ``task_finished`` sent."""
    assert connection.in_atomic_block
    activation.task.finished = now()
    _save(activation.task)
    task_finished.send(sender=activation.flow_class, process=activation.process, task=activation.task)


def _waiting_joins(flow_task, process) -> list:
    task_class = flow_task.flow_class.task_class
    node = task_class._meta.get_field("flow_task").get_db_prep_save(flow_task, connection)
    params = [process.pk, node, STATUS.NEW.value, STATUS.STARTED.value]
    return rows.reader(task_class).where(_waiting_condition(task_class), params)


@cache
def _waiting_condition(task_class) -> str:
    process, node, status = (_column(task_class, name) for name in ("process", "flow_task", "status"))
    return f"t0.{process} = %s AND t0.{node} = %s AND t0.{status} IN (%s, %s)"


@cache
def _arrived_sql(task_class) -> str:
    link = task_class.previous.through._meta
    pk, token, status = (_column(task_class, name) for name in ("id", "token", "status"))
    source, target = (_q(link.get_field(name).column) for name in ("from_task", "to_task"))
    return (
        f"SELECT t.{pk}, t.{token} FROM {_q(task_class._meta.db_table)} t "
        f"JOIN {_q(link.db_table)} l ON l.{target} = t.{pk} WHERE l.{source} = %s AND t.{status} NOT IN (%s, %s)"
    )


@cache
def _open_tokens_sql(task_class) -> str:
    process, token, status = (_column(task_class, name) for name in ("process", "token", "status"))
    return f"SELECT {token} FROM {_q(task_class._meta.db_table)} WHERE {process} = %s AND {status} NOT IN (%s, %s, %s)"


def _column(model, name: str) -> str:
    return _q(model._meta.get_field(name).column)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)
