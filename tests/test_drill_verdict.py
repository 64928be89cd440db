"""What bench/drill counts as a failure (the drill itself runs the set-up: make drill): an
acknowledged report missing outside the failover, a stack trace, a publication a server
did not show; and how it names what a failed request got."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def drill():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("drill", BENCH / "drill.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCH))


def results(**reports):
    return {
        "reports": {
            "acknowledged": 100,
            "lost_outside_the_failover": 0,
            "lost_in_the_failover": 0,
            **reports,
        },
        "stack_traces": 0,
        "late_publications": [],
    }


def test_a_clean_run_passes(drill):
    assert drill.verdict(results()) == []


def test_a_report_lost_outside_the_failover_fails_the_drill(drill):
    assert drill.verdict(results(lost_outside_the_failover=1)) == [
        "1 acknowledged report(s) lost outside the failover"
    ]


def test_the_failovers_loss_is_stated_not_failed(drill):
    assert drill.verdict(results(lost_in_the_failover=3)) == []


def test_a_stack_trace_or_a_late_publication_fails_the_drill(drill):
    run = results()
    run["stack_traces"] = 1
    run["late_publications"] = [{"after": "redis", "shown": {"8001": False}}]
    problems = drill.verdict(run)
    assert problems[0] == "1 answer(s) with a stack trace"
    assert problems[1].startswith("a publication was not shown at once by every server")


def test_what_a_failed_request_got(drill):
    nginx_page = (Path(__file__).resolve().parent.parent / "deploy/nginx/503.html").read_bytes()
    assert drill.what_it_got(503, nginx_page) == "503 try-again page (nginx)"
    assert drill.what_it_got(503, b"<h1>Sorry, the site is busy or being updated</h1>") == (
        "503 try-again page (application)"
    )
    assert drill.what_it_got(500, b"Traceback (most recent call last):\n  File") == (
        "500 with a STACK TRACE"
    )
    assert drill.what_it_got(502, b"<hr><center>nginx</center>") == "502 nginx's own error page"
    assert drill.what_it_got(None, b"", "ConnectionResetError") == (
        "connection error (ConnectionResetError)"
    )
