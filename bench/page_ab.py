#!/usr/bin/env python
"""Pages of ``bench/pages.py``'s database timed in-process, two trees taking turns (A/B on a loaded machine).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_pages \
        .venv/bin/python bench/page_ab.py --trees base=/tmp/base,this=. --rounds 4 --pages items,item,api_items

Each round runs every tree once, in turn, in a process of its own (its code, its templates, DEBUG off,
as ``bench/pages.py --queries-only`` does): for every page and user one request that warms, then
``--requests`` timed requests through the Django test client; a round prints the median of each.
The trees' rounds alternate (A, B, A, B …) so that the machine's drift falls on both alike; the last
line is the median over the rounds of each tree's medians. ``--html DIR`` also writes each page's
HTML per tree (to compare what users get); ``--profile PAGE/USER`` prints a cProfile of that page
(by cumulative time) instead of timing. Reads only: the database is never written, but a tree's
migrations must already be applied (``manage.py migrate`` of the newest tree: the older code reads
the same tables).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trees", default=f"this={HERE.parent.parent}", help="name=path,… (the trees to compare)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=5, help="timed requests per page and user in a round")
    parser.add_argument("--pages", default="items,item,api_items", help="pages of bench/pages.py's cast")
    parser.add_argument("--users", default="office,committee,official")
    parser.add_argument("--html", default="", help="write each page's body to DIR/<tree>/<page>-<user>.html")
    parser.add_argument("--profile", default="", help="PAGE/USER: print a cProfile of it (run in one tree)")
    parser.add_argument("--sql", default="", help="PAGE/USER: print its queries with their times (one tree)")
    parser.add_argument("--sql-width", type=int, default=300)
    parser.add_argument(
        "--plans",
        action="store_true",
        help="each page's statements again under EXPLAIN (ANALYZE, SUMMARY): planning and execution ms",
    )
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu", "cpu+db"],
        default="wall",
        help="cpu: this process's CPU time per request (the Python's share, not the database's nor the "
        "waits of a saturated machine); cpu+db: that and its database backend's CPU time (a local "
        "server: read from /proc), what a page costs the machine",
    )
    parser.add_argument("--warm", type=int, default=1, help="untimed requests per page and user first")
    parser.add_argument("--tree-run", default="", help=argparse.SUPPRESS)  # a round's child process
    parser.add_argument("--name", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def setup(tree: Path) -> None:
    os.chdir(tree)
    sys.path.insert(0, str(tree))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")
    import django

    django.setup()


def clients(users: list[str], cast: dict) -> dict:
    """Each user's page client (a session, as the login makes it) and API client (a knox token)."""
    from django.test import Client

    from api.auth import issue
    from responsibility.models import Person

    found = {}
    for user in users:
        person = Person.objects.get(pk=cast["users"][user])
        page = Client()
        page.force_login(person)
        found[user] = {"page": page, "api": Client(HTTP_AUTHORIZATION=f"Token {issue(person)[1]}")}
    return found


def get(client: dict, path: str):
    return (client["api"] if path.startswith("/api/") else client["page"]).get(path, secure=True)


def run_tree(args) -> None:
    """One round in this process: the pages of ``--pages`` for ``--users``, timed or profiled."""
    setup(Path(args.tree_run))
    from bench.pages import cast as cast_of

    cast = cast_of()
    users = args.users.split(",")
    pages = args.pages.split(",")
    made = clients(users, cast)
    if args.profile:
        profile(args, cast, made)
        return
    if args.sql:
        queries(args, cast, made)
        return
    if args.plans:
        print(json.dumps({f"{p}/{u}": plans(cast["pages"][p], made[u]) for p in pages for u in users}))
        return
    times: dict = {}
    for page in pages:
        for user in users:
            path = cast["pages"][page]
            for _ in range(args.warm):
                response = get(made[user], path)
            if args.html:
                out = Path(args.html) / args.name / f"{page}-{user}.html"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(response.content)
            seconds = []
            clock = {"cpu": time.process_time, "cpu+db": _cpu_with_database}.get(args.clock, time.perf_counter)
            for _ in range(args.requests):
                began = clock()
                get(made[user], path)
                seconds.append(clock() - began)
            median = round(statistics.median(seconds) * 1000, 1)
            times[f"{page}/{user}"] = {"ms": median, "status": response.status_code}
    print(json.dumps(times))


def _cpu_with_database() -> float:
    """Seconds of CPU spent by this process and by the PostgreSQL backend serving its connection."""
    from django.db import connection

    spent = time.process_time()
    if connection.connection is not None and connection.vendor == "postgresql":
        with open(f"/proc/{connection.connection.info.backend_pid}/schedstat") as stat:
            spent += int(stat.read().split()[0]) / 1e9
    return spent


def profile(args, cast: dict, made: dict) -> None:
    import cProfile
    import pstats

    page, user = args.profile.split("/")
    path = cast["pages"][page]
    get(made[user], path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        get(made[user], path)
    profiler.disable()
    if os.environ.get("PROFILE_DUMP"):  # for pstats afterwards: callers, call counts, a diff of two trees
        profiler.dump_stats(os.environ["PROFILE_DUMP"])
    order, lines = os.environ.get("PROFILE_SORT", "cumulative"), int(os.environ.get("PROFILE_LINES", "60"))
    pstats.Stats(profiler).sort_stats(order).print_stats(lines)


def queries(args, cast: dict, made: dict) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page, user = args.sql.split("/")
    path = cast["pages"][page]
    get(made[user], path)
    with CaptureQueriesContext(connection) as captured:
        get(made[user], path)
    for query in captured:
        print(f"{float(query['time']) * 1000:8.1f} ms  {str(query['sql'])[: args.sql_width]}")
    print(f"{len(captured)} queries, {sum(float(q['time']) for q in captured) * 1000:.1f} ms")


def plans(path: str, client: dict) -> dict:
    """Planning and execution ms of a page's reads, summed: each SELECT it sent, run again under
    EXPLAIN (ANALYZE, SUMMARY) with its values inlined (as Django's client-side binding sends them),
    in a transaction rolled back. ``top``: the three statements that take longest to plan."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    get(client, path)
    with CaptureQueriesContext(connection) as captured:
        get(client, path)
    planning = execution = 0.0
    top = []
    with transaction.atomic(), connection.cursor() as cursor:
        for query in captured:
            sql = str(query["sql"])
            if not sql.lstrip("( ").upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) {sql}")
            found = cursor.fetchone()[0][0]
            planning += found["Planning Time"]
            execution += found["Execution Time"]
            top.append((round(found["Planning Time"], 2), sql[:120]))
        transaction.set_rollback(True)
    top.sort(reverse=True)
    return {
        "queries": len(captured),
        "plan_ms": round(planning, 1),
        "exec_ms": round(execution, 1),
        "top": top[:3],
    }


def main() -> None:
    args = parse_args()
    if args.tree_run:
        run_tree(args)
        return
    trees = dict(pair.split("=", 1) for pair in args.trees.split(","))
    passed = [a for a in sys.argv[1:] if not a.startswith("--trees") and a != args.trees]
    results: dict = {name: [] for name in trees}
    for round_ in range(args.rounds):
        for name, tree in trees.items():
            command = [sys.executable, str(HERE), *passed, "--tree-run", str(Path(tree).resolve()), "--name", name]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
            if args.profile or args.sql or args.plans:
                print(done.stdout)
                continue
            found = json.loads(done.stdout.strip().splitlines()[-1])
            results[name].append(found)
            load = os.getloadavg()[0]
            print(f"round {round_ + 1} {name} (load {load:.1f}): {json.dumps(found)}", file=sys.stderr)
        if args.profile or args.sql or args.plans:
            return
    summary = {
        key: {name: statistics.median(r[key]["ms"] for r in runs) for name, runs in results.items()}
        for key in results[next(iter(trees))][0]
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
