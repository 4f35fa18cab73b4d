#!/usr/bin/env python
"""Some of bench/pages.py's pages timed in-process, two trees taking turns on one database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_pages \
        .venv/bin/python bench/page_times.py --tree base=/tmp/base --tree this=. --rounds 3 \
        --pages board,quarter,results --users office,committee

A database built by ``bench/pages.py`` (its cast: the first organisation's office clerk, committee
member and official). Each round runs every tree once, in turn, in a fresh process of that tree's
code (``--child``): Django's test client with DEBUG off, logged in as ``count_queries`` logs in,
each page asked once to warm and then ``--runs`` times; the median, the queries of one request and
the time the database took (a cursor wrapper's clock, so the rest is Python: views, templates).
Prints a table of the medians per round and one JSON line. On a shared machine read the trees'
ratio within a round, not the milliseconds.

``--profile page/user`` prints a cProfile of that page (the child of the first tree, by cumulative
time) instead of timing. Nothing is written to the database except the logins' sessions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", default=[], help="name=path of a checkout (repeatable)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="board,quarter,results")
    parser.add_argument("--users", default="office,committee")
    parser.add_argument("--profile", default="", help="page/user: print its profile instead of timing")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def setup(tree: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DEBUG"] = "false"
    os.environ["STATIC_MANIFEST"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    os.chdir(tree)
    sys.path.insert(0, str(tree))
    import django

    django.setup()


class Clock:
    """The time spent in the database (every query of the connection)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - began
            self.queries += 1


class Queries:
    """Each query's time and text (for ``--profile``)."""

    def __init__(self) -> None:
        self.found: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.found.append((time.perf_counter() - began, sql))


def child(args: argparse.Namespace) -> None:
    setup(Path(args.child))
    from django.db import connection
    from django.test import Client

    from bench.pages import cast
    from responsibility.models import Person

    found = cast()
    clients = {}
    for user in args.users.split(","):
        client = Client()
        client.force_login(Person.objects.get(pk=found["users"][user]))
        clients[user] = client
    if args.profile:
        page, user = args.profile.split("/")
        path = found["pages"][page]
        clients[user].get(path, secure=True)
        profile = cProfile.Profile()
        profile.enable()
        clients[user].get(path, secure=True)
        profile.disable()
        pstats.Stats(profile).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(60)
        queries = Queries()
        with connection.execute_wrapper(queries):
            clients[user].get(path, secure=True)
        for seconds, sql in queries.found:
            print(f"{seconds * 1000:8.1f} ms  {sql[:300]}")
        return
    results = {}
    for page in args.pages.split(","):
        for user, client in clients.items():
            path = found["pages"][page]
            status = client.get(path, secure=True).status_code  # warms the process's caches
            times, sql = [], []
            for _ in range(args.runs):
                clock = Clock()
                with connection.execute_wrapper(clock):
                    began = time.perf_counter()
                    client.get(path, secure=True)
                    times.append(time.perf_counter() - began)
                sql.append(clock.seconds)
            results[f"{page}/{user}"] = {
                "ms": round(statistics.median(times) * 1000, 1),
                "sql_ms": round(statistics.median(sql) * 1000, 1),
                "queries": clock.queries,
                "status": status,
            }
    print(json.dumps(results))


def run_tree(path: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, str(HERE), "--child", path, "--pages", args.pages, "--users", args.users]
    command += ["--runs", str(args.runs)]
    if args.profile:
        command += ["--profile", args.profile]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{path}: {done.stderr[-3000:]}")
    if args.profile:
        print(done.stdout)
        return {}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    args = parse_args()
    if args.child:
        child(args)
        return
    trees = dict(tree.split("=", 1) for tree in args.tree) or {"this": str(HERE.parent.parent)}
    if args.profile:
        run_tree(next(iter(trees.values())), args)
        return
    rounds: list[dict] = []
    load = [round(os.getloadavg()[0], 1)]
    for _ in range(args.rounds):
        rounds.append({name: run_tree(path, args) for name, path in trees.items()})
        load.append(round(os.getloadavg()[0], 1))
    pages = list(rounds[0][next(iter(trees))])
    print("| page/user | " + " | ".join(f"{name} ms (sql ms), q" for name in trees) + " |")
    print("|---|" + "---:|" * len(trees))
    for page in pages:
        cells = []
        for name in trees:
            runs = [r[name][page] for r in rounds]
            cells.append(", ".join(f"{r['ms']:.0f} ({r['sql_ms']:.0f})" for r in runs) + f"; q {runs[-1]['queries']}")
        print(f"| {page} | " + " | ".join(cells) + " |")
    print(json.dumps({"load": load, "rounds": rounds}))


if __name__ == "__main__":
    main()
