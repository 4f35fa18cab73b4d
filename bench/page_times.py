#!/usr/bin/env python
"""Pages of ``bench/pages.py`` timed in-process, for comparing two trees on one database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_pages .venv/bin/python bench/page_times.py \
        --pages workspace,tasks,api_tasks,notifications --repeat 5

The Django test client (DEBUG off, as ``pages.py --queries-only`` runs it) logged in as ``pages.py``'s
office clerk, committee member and official, and for the API with a knox token: each page asked once
to warm, then ``--repeat`` times. Prints one JSON line: per page and user the median milliseconds
(``ms``, and ``cpu_ms``: this process's CPU time, the Python side alone, which a loaded machine
disturbs less), the queries of the last request and its status. ``--profile page/user`` prints a
cProfile of that page instead (``--repeat`` requests, by cumulative time, or by the key in ``SORT``,
e.g. ``SORT=tottime``). Copy it into another tree's ``bench/`` and run it there to time that tree's
code on the same database, the two taking turns.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="workspace,tasks,api_tasks,notifications")
    parser.add_argument("--users", default="office,committee,official")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", default="", help="page/user: print its cProfile instead of timing")
    args = parser.parse_args()
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    pages.configure()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.auth import issue
    from responsibility.models import Person

    cast = pages.cast()
    wanted_pages = args.pages.split(",")
    found: dict = {}
    for user in args.users.split(","):
        person = Person.objects.get(pk=cast["users"][user])
        client = Client()
        client.force_login(person)
        api = Client(HTTP_AUTHORIZATION=f"Token {issue(person)[1]}")
        for page in wanted_pages:
            path = cast["pages"][page]
            get = api.get if pages.is_api(path) else client.get
            if args.profile and args.profile != f"{page}/{user}":
                continue
            get(path, secure=True)
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.repeat):
                    get(path, secure=True)
                profiler.disable()
                pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(45)
                return
            times, cpu = [], []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = get(path, secure=True)
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
            found.setdefault(page, {})[user] = {
                "ms": round(statistics.median(times), 1),
                "cpu_ms": round(statistics.median(cpu), 1),
                "queries": len(queries),
                "status": response.status_code,
            }
    print(json.dumps(found))


if __name__ == "__main__":
    main()
