"""CPU time of one answer through Django's WSGI handler, without a server in front: the
cost of the application alone, beside ``bench/load`` (docs/performance.md, "The cost of
an answer in the process").

Builds the demo site in the PostgreSQL database named by ``DATABASE_URL`` with a
throwaway Redis as the cache and ``portal.settings.bench`` (as ``bench/load`` does), then
in a child process with that environment asks each address once to fill the page cache
and times rounds of requests to each, interleaved, as an anonymous browser asking for
gzip behind the proxy. Prints the best round's milliseconds a request for each address:

    .ci/with-postgres .venv/bin/python bench/answer_cost.py
    .ci/with-postgres .venv/bin/python bench/answer_cost.py --rounds 1 --requests 10  # smoke
"""

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from environment import ROOT, build_demo_site, free_port, log  # noqa: E402 (needs the path above)
from load import bench_environment, start_redis, stop  # noqa: E402

PATHS = [
    "/lead/what-is-lead/",  # an explainer with the comment form
    "/news/lead-pilot-launches/",  # a news story with the comment form
    "/feedback/",  # the report form
    "/lead/",  # a page without a form
    "/data/",
]


def time_answers(paths, rounds, requests, static):
    """In the child: {address: (status, X-Page-Cache, best ms a request)}."""
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    application = WSGIHandler()

    def answer(path):
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path.partition("?")[0],
            "QUERY_STRING": path.partition("?")[2],
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": "203.0.113.9",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        started = {}

        def start_response(status, headers, exc_info=None):
            started.update(status=status, headers=dict(headers))

        b"".join(application(environ, start_response))
        return started["status"].split()[0], started["headers"].get("X-Page-Cache", "-")

    paths = [*paths, static]
    first = {path: answer(path) for path in paths}
    first = {path: answer(path) for path in paths}  # the second is the one measured
    best = dict.fromkeys(paths, float("inf"))
    for _round in range(rounds):
        for path in paths:
            started = time.perf_counter()
            for _request in range(requests):
                answer(path)
            best[path] = min(best[path], (time.perf_counter() - started) / requests * 1000)
    return {path: (*first[path], best[path]) for path in paths}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=PATHS)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=100, help="requests a round")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        static = options.child
        print(json.dumps(time_answers(options.paths, options.rounds, options.requests, static)))
        return 0
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL is not set: run through .ci/with-postgres")
    workdir = Path(tempfile.mkdtemp(prefix="answer-cost-"))
    redis_port = free_port()
    environment = bench_environment(workdir, free_port(), redis_port)
    environment["PYTHONPATH"] = str(ROOT)
    redis = None
    try:
        redis = start_redis(workdir, redis_port)
        log(f"building the demo site (PostgreSQL), files in {workdir}")
        build_demo_site(environment)
        manifest = json.loads((workdir / "static" / "staticfiles.json").read_text())
        static = "/static/" + manifest["paths"]["css/portal.css"]
        child = subprocess.run(  # noqa: S603 (our own interpreter and code)
            [
                sys.executable,
                __file__,
                *options.paths,
                f"--rounds={options.rounds}",
                f"--requests={options.requests}",
                f"--child={static}",
            ],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        stop(redis)
        shutil.rmtree(workdir, ignore_errors=True)
    timed = json.loads(child.stdout.splitlines()[-1])
    print(f"best of {options.rounds} rounds of {options.requests} requests, ms a request")
    failed = False
    for path, (status, cache, milliseconds) in timed.items():
        print(f"{path:45} {status} page cache {cache:5} {milliseconds:7.3f} ms")
        failed |= status != "200"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
