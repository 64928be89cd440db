"""Load benchmark of the production server (run through ``bench/load``; docs/performance.md,
"Load (wrk)").

1. builds the demo site in the PostgreSQL database named by ``DATABASE_URL``
   (``migrate``, ``load_demo_site --no-admin``, ``collectstatic`` into a temporary folder);
2. starts a throwaway ``redis-server`` on loopback as the cache (``REDIS_URL``, as in
   production, so every gunicorn worker shares the cached pages and the rate limits),
   gunicorn with ``portal/gunicorn.conf.py`` (``WEB_CONCURRENCY`` at its default, two per
   CPU plus one) and ``manage.py db_worker`` beside it (the production task backend);
3. drives each page with ``wrk`` (16 connections, 2 threads) for ``--duration`` seconds,
   cached and then uncached, each run right after a run of the same length on a static
   file of similar size, so the ratio to the static file holds on a shared machine;
4. sends ``--submission-rate`` feedback reports per second for ``--submission-seconds``
   (each simulated resident fetches the form, waits out the minimum fill time and posts it
   from its own address), then checks every report acknowledged with a receipt code is in
   the database;
5. prints a Markdown table, writes ``bench/results/load-<date>.json`` and exits 1 when a
   target (``TARGETS``) is missed.

The settings are ``portal.settings.bench``: production with the captcha off and mail
discarded, the two things that need the internet. Requests carry the headers the reverse
proxy adds in production: ``X-Forwarded-Proto: https`` and ``X-Forwarded-For`` (one
trusted proxy). "Uncached" requests carry a ``sessionid`` cookie that matches no session:
the page cache never answers a request with a session, so the page is built as for an
anonymous visitor on a miss, plus the one query that finds no session.
"""

import argparse
import concurrent.futures
import datetime
import gzip
import html
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from environment import build_demo_site, free_port, log, server_environment, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
WRK_SCRIPT = ROOT / "bench" / "wrk-report.lua"

# (name, path, cacheable): every public page type. Pages with a form (the comment form on
# explainers and news, the report form, the status lookup) come from the page cache with
# each visitor's tokens filled in; downloads stream, so the page cache never stores them
# (the CDN does, from their Cache-Control). A page that is never cached is measured once,
# as an anonymous visitor gets it.
PAGES = [
    ("home", "/", True),
    ("home in Spanish", "/es/", True),
    ("explainer index", "/lead/", True),
    ("explainer, comments open", "/lead/what-is-lead/", True),
    ("explainer, comments closed", "/get-help/", True),
    ("news index", "/news/", True),
    ("news story, comments open", "/news/lead-pilot-launches/", True),
    ("outcomes", "/outcomes/", True),
    ("catalogue", "/data/", True),
    ("dataset", "/data/referrals-and-enrolments/", True),
    ("search", "/search/?query=lead", True),
    ("report form", "/feedback/", True),
    ("report status lookup", "/feedback/status/", True),
    ("published reports", "/feedback/published/", True),
    ("CSV download", "/data/referrals-and-enrolments/download.csv", False),
]
FEEDBACK_PATH = "/feedback/"
CONNECTIONS = 16
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
UNCACHED_COOKIE = "sessionid=bench"
# Targets on a 2-core machine, as ratios to the static file in the same pair of runs.
TARGETS = {
    "cached_ratio": 0.5,
    "uncached_ratio": 0.1,  # home and explainer pages
    "cached_p99_ms": 100,
}
UNCACHED_TARGET_PAGES = {"home", "explainer, comments closed", "explainer, comments open"}


def load_average():
    return float(Path("/proc/loadavg").read_text().split()[0])


def bench_environment(workdir, port, redis_port):
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL is not set: run through bench/load (a PostgreSQL cluster)")
    environment = server_environment(
        workdir,
        port,
        # portal.settings.bench empties the placeholder captcha keys again (the
        # verification needs Google).
        settings="portal.settings.bench",
        name="load",
        clear=("PORTAL_", "FEEDBACK_"),
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        PORTAL_TRUSTED_PROXY_COUNT="1",
        PORTAL_TASKS_BACKEND="database",
    )
    environment.pop("WEB_CONCURRENCY", None)
    return environment


def fetch(url, headers=None, data=None, timeout=60):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def decoded(headers, body):
    """The text of a body that may be gzip-compressed (we ask for gzip, as browsers do)."""
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def start_redis(workdir, port):
    return subprocess.Popen(  # noqa: S603 (the Debian redis-server)
        [
            shutil.which("redis-server"),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=(workdir / "redis.log").open("w"),
        stderr=subprocess.STDOUT,
    )


def stop(process):
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- pages -----------------------------------------------------------------------------


def check_page(base_url, path, cached, cookie=None):
    """Fetch a page until it is in the state measured: from the cache (``hit``), or
    built (no ``X-Page-Cache`` header: the session cookie bypasses the cache, or the page
    is never stored). Returns its compressed size in bytes."""
    headers = dict(PROXY_HEADERS)
    if cookie:
        headers["Cookie"] = cookie
    for _attempt in range(5):
        status, response_headers, body = fetch(base_url + path, headers)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        state = response_headers.get("X-Page-Cache")
        if (cached and state == "hit") or (not cached and state is None):
            return len(body)
    if cached:
        raise SystemExit(f"{path} is not served from the page cache (X-Page-Cache: {state})")
    raise SystemExit(f"{path} was served from the page cache ({cookie=})")


def static_file_near(static_root, base_url, size):
    """A hashed static file whose gzip copy (what whitenoise sends) is the nearest in size
    to ``size`` bytes."""
    candidates = []
    for gz in static_root.rglob("*.gz"):
        original = gz.with_suffix("")
        if re.search(r"\.[0-9a-f]{12}\.", original.name) and original.exists():
            candidates.append((abs(gz.stat().st_size - size), original))
    _distance, original = min(candidates)
    path = "/static/" + original.relative_to(static_root).as_posix()
    status, headers, body = fetch(base_url + path, PROXY_HEADERS)
    if status != 200 or headers.get("Content-Encoding") != "gzip":
        raise SystemExit(f"{path} is not served compressed ({status})")
    return path, len(body)


def wrk(url, duration, cookie=None):
    command = [
        shutil.which("wrk"),
        f"--threads={min(2, CONNECTIONS)}",
        f"--connections={CONNECTIONS}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={WRK_SCRIPT}",
    ]
    for name, value in PROXY_HEADERS.items():
        command += ["--header", f"{name}: {value}"]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    finished = subprocess.run(  # noqa: S603 (the Debian wrk on our own server)
        [*command, url], capture_output=True, text=True, check=True
    )
    line = next(line for line in finished.stdout.splitlines() if line.startswith("WRK-JSON "))
    result = json.loads(line.removeprefix("WRK-JSON "))
    seconds = result["duration_us"] / 1e6
    return {
        "requests_per_second": round(result["requests"] / seconds, 1),
        "p50_ms": round(result["p50_us"] / 1000, 1),
        "p90_ms": round(result["p90_us"] / 1000, 1),
        "p99_ms": round(result["p99_us"] / 1000, 1),
        "max_ms": round(result["max_us"] / 1000, 1),
        "requests": result["requests"],
        "errors": result["errors"],
        "bytes_per_response": round(result["bytes"] / max(result["requests"], 1)),
        "load_average_after": load_average(),
    }


def measure_pages(base_url, static_root, duration):
    sizes = {
        path: check_page(base_url, path, cached=False, cookie=UNCACHED_COOKIE)
        for _name, path, _c in PAGES
    }
    static_path, static_size = static_file_near(
        static_root, base_url, statistics.median(sizes.values())
    )
    log(f"static file {static_path} ({static_size} bytes compressed)")
    rows = []
    for mode in ("cached", "uncached"):
        cached = mode == "cached"
        for name, path, cacheable in PAGES:
            if cacheable:
                row_mode, cookie = mode, None if cached else UNCACHED_COOKIE
            elif cached:
                continue
            else:
                row_mode, cookie = "never cached", None
            size = check_page(base_url, path, cached, cookie)
            wrk(base_url + path, min(2, duration), cookie)  # warm every worker
            check_page(base_url, path, cached, cookie)
            static = wrk(base_url + static_path, duration)
            page = wrk(base_url + path, duration, cookie)
            ratio = page["requests_per_second"] / static["requests_per_second"]
            row = {
                "page": name,
                "path": path,
                "mode": row_mode,
                "compressed_bytes": size,
                "page_run": page,
                "static_run": static,
                "ratio_to_static": round(ratio, 3),
            }
            rows.append(row)
            log(
                f"{row_mode:12} {path:44} {page['requests_per_second']:8.1f}/s "
                f"p50 {page['p50_ms']:6.1f} ms p99 {page['p99_ms']:6.1f} ms | static "
                f"{static['requests_per_second']:8.1f}/s | ratio {ratio:.3f} "
                f"| load {page['load_average_after']:.2f}"
            )
    return {"path": static_path, "compressed_bytes": static_size}, rows


# --- feedback submissions -------------------------------------------------------------


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
TAG = re.compile(r"<(input|select|option|textarea)\b([^>]*)>|</select>", re.I)
ATTRIBUTE = re.compile(r'([\w:-]+)(?:="([^"]*)")?')


def form_fields(page):
    """The fields of the report form (the POST form with a ``form_token``) as a browser
    sends them when a resident answers with the first choice everywhere: hidden values,
    the first option of each select and the first choice of each radio group. A few
    regular expressions instead of an HTML parser, so the simulated residents cost the
    machine little beside the server (the portal's own markup: quoted attributes)."""
    for form_attributes, body in FORM.findall(page):
        attributes = dict(ATTRIBUTE.findall(form_attributes))
        if attributes.get("method", "").lower() != "post" or 'name="form_token"' not in body:
            continue
        fields, select = {}, None
        for match in TAG.finditer(body):
            tag = (match.group(1) or "").lower()
            attributes = {
                name.lower(): html.unescape(value)
                for name, value in ATTRIBUTE.findall(match.group(2) or "")
            }
            name = attributes.get("name")
            if not tag:
                select = None
            elif tag == "input" and name:
                kind = attributes.get("type", "text")
                if kind == "hidden" or (kind == "radio" and name not in fields):
                    fields[name] = attributes.get("value", "")
            elif tag == "select":
                select = name
            elif tag == "option" and select and attributes.get("value"):
                fields.setdefault(select, attributes["value"])
            elif tag == "textarea" and name:
                fields.setdefault(name, "")
        return fields
    raise ValueError("no report form on the page")


def resident_address(number):
    return f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"


def one_resident(base_url, number, post_at, min_fill):
    """Fetch the form, wait out the fill time, post a report; what happened, timed."""
    headers = {**PROXY_HEADERS, "X-Forwarded-For": resident_address(number)}
    outcome = {"number": number}
    started = time.monotonic()
    try:
        status, response_headers, body = fetch(base_url + FEEDBACK_PATH, headers)
        outcome["get_ms"] = (time.monotonic() - started) * 1000
        outcome["get_status"] = status
        if status != 200:
            return outcome
        shown = time.monotonic()
        cookies = response_headers.get_all("Set-Cookie") or []
        csrf = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
        fields = form_fields(decoded(response_headers, body))
        # From yesterday back: the machine's day may already be tomorrow in the site's
        # time zone, and the form refuses a date in the future.
        today = datetime.date.today()
        fields.update(
            interaction_date=(today - datetime.timedelta(days=1 + number % 60)).isoformat(),
            account=(
                f"Resident {number}: an officer stopped me near the market on a weekday "
                f"afternoon, explained the program and gave me the number to call."
            ),
            website="",
        )
        time.sleep(max(0.0, post_at - time.monotonic(), shown + min_fill + 0.3 - time.monotonic()))
        post_headers = {
            **headers,
            "Cookie": csrf,
            "Origin": "https://127.0.0.1:" + base_url.rsplit(":", 1)[1],
            "Referer": base_url.replace("http:", "https:") + FEEDBACK_PATH,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        outcome["post_started"] = time.monotonic()
        status, _headers, body = fetch(
            base_url + FEEDBACK_PATH, post_headers, urllib.parse.urlencode(fields).encode()
        )
        outcome["post_done"] = time.monotonic()
        outcome["post_ms"] = (outcome["post_done"] - outcome["post_started"]) * 1000
        outcome["post_status"] = status
        code = re.search(r'class="receipt-code">([^<]+)<', decoded(_headers, body))
        if status == 200 and code:
            outcome["receipt"] = re.sub(r"[^0-9A-Z]", "", code.group(1).upper())
    except Exception as error:  # noqa: BLE001 (every failure is counted and reported)
        outcome["error"] = f"{type(error).__name__}: {error}"
    return outcome


def stored_receipts(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute("SELECT receipt_code FROM feedback_report").fetchall()
    return {re.sub(r"[^0-9A-Z]", "", code.upper()) for (code,) in rows}


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def measure_submissions(base_url, database_url, rate, seconds, min_fill):
    before = stored_receipts(database_url)
    for _warm_up in range(10):  # every worker has rendered the form once
        fetch(base_url + FEEDBACK_PATH, PROXY_HEADERS)
    total = int(rate * seconds)
    # Every resident posts min_fill + 2 s after its form was scheduled; the pool holds all
    # the residents waiting at once.
    lead_time = min_fill + 2
    workers = int(rate * (lead_time + 4)) + 50
    start = time.monotonic() + 1
    load_averages = []
    finished = threading.Event()

    def sample_load():
        while not finished.wait(5):
            load_averages.append(load_average())

    sampler = threading.Thread(target=sample_load, daemon=True)
    sampler.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = []
        for number in range(total):
            get_at = start + number / rate
            time.sleep(max(0.0, get_at - time.monotonic()))
            futures.append(
                pool.submit(one_resident, base_url, number, get_at + lead_time, min_fill)
            )
        outcomes = [future.result() for future in futures]
    finished.set()
    after = stored_receipts(database_url)

    acknowledged = [o["receipt"] for o in outcomes if "receipt" in o]
    new_rows = after - before
    missing = [code for code in acknowledged if code not in after]
    posts = [o for o in outcomes if "post_started" in o]
    starts = [o["post_started"] for o in posts]
    post_span = max(starts) - min(starts) if len(starts) > 1 else 0
    # When the answers with a receipt code came back: the rate the server kept up.
    answered = [o["post_done"] for o in outcomes if "receipt" in o]
    answer_span = max(answered) - min(answered) if len(answered) > 1 else 0
    statuses = {}
    for outcome in outcomes:
        key = str(outcome.get("post_status", f"GET {outcome.get('get_status', 'error')}"))
        statuses[key] = statuses.get(key, 0) + 1
    errors = [o["error"] for o in outcomes if "error" in o]
    log(f"submissions: statuses {statuses}, errors {errors[:3]}")
    return {
        "target_rate_per_second": rate,
        "seconds": seconds,
        "residents": total,
        "posted": len(posts),
        "posts_per_second": round((len(posts) - 1) / post_span, 1) if post_span else None,
        "acknowledged_per_second": (
            round((len(answered) - 1) / answer_span, 1) if answer_span else None
        ),
        "acknowledged_with_receipt": len(acknowledged),
        "new_rows_in_database": len(new_rows),
        "acknowledged_but_missing": len(missing),
        "statuses": statuses,
        "errors": len(errors),
        "first_errors": errors[:5],
        "form_get_p50_ms": percentile([o["get_ms"] for o in outcomes if "get_ms" in o], 0.5),
        "form_get_p99_ms": percentile([o["get_ms"] for o in outcomes if "get_ms" in o], 0.99),
        "post_p50_ms": percentile([o["post_ms"] for o in posts if "post_ms" in o], 0.5),
        "post_p99_ms": percentile([o["post_ms"] for o in posts if "post_ms" in o], 0.99),
        "min_fill_seconds": min_fill,
        "load_average_max": max(load_averages, default=None),
        "load_averages": load_averages,
    }


# --- the run ---------------------------------------------------------------------------


def worker_memory(server):
    """Resident memory (MiB) of each gunicorn worker, the children of the master."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    memory = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
        memory.append(round(rss / 1024, 1))
    return memory


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    wrk_version = subprocess.run(  # noqa: S603 (the Debian wrk)
        [shutil.which("wrk"), "--version"], capture_output=True, text=True, check=False
    ).stdout.split("\n")[0]
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory / 1024 / 1024, 1),
        "python": platform.python_version(),
        "wrk": wrk_version.strip(),
    }


def print_table(results):
    static = results.get("static", {"path": "not measured", "compressed_bytes": 0})
    print(
        f"{results['machine']['nproc']} CPUs ({results['machine']['cpu']}), "
        f"{results['workers']} gunicorn workers, {CONNECTIONS} connections, "
        f"{results['duration_seconds']} s per run; static file {static['path']} "
        f"({static['compressed_bytes']:,} bytes gzip)"
    )
    print()
    print(
        "| page | mode | bytes (gzip) | requests/s | p50 ms | p99 ms "
        "| static requests/s (same pair) | ratio to static |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results["pages"]:
        page, static = row["page_run"], row["static_run"]
        print(
            f"| {row['page']} `{row['path']}` | {row['mode']} | {row['compressed_bytes']:,} "
            f"| {page['requests_per_second']:,.1f} | {page['p50_ms']:.1f} | {page['p99_ms']:.1f} "
            f"| {static['requests_per_second']:,.1f} | {row['ratio_to_static']:.2f} |"
        )
    submissions = results.get("submissions")
    if submissions:
        print()
        print(
            f"Feedback: {submissions['residents']} residents at "
            f"{submissions['target_rate_per_second']}/s for {submissions['seconds']} s; "
            f"posted {submissions['posted']} ({submissions['posts_per_second']}/s), "
            f"{submissions['acknowledged_with_receipt']} acknowledged with a receipt code "
            f"({submissions.get('acknowledged_per_second')}/s), "
            f"{submissions['new_rows_in_database']} new rows, "
            f"{submissions['acknowledged_but_missing']} acknowledged but missing; statuses "
            f"{submissions['statuses']}; form p50/p99 {submissions['form_get_p50_ms']}/"
            f"{submissions['form_get_p99_ms']} ms; post p50/p99 {submissions['post_p50_ms']}/"
            f"{submissions['post_p99_ms']} ms"
        )
    print()
    for line in results["targets"]:
        print(f"- {line}")


def check_targets(results):
    lines, missed = [], False
    for row in results["pages"]:
        page = row["page_run"]
        if row["mode"] == "cached":
            checks = [
                (row["ratio_to_static"] >= TARGETS["cached_ratio"], "ratio", "≥ 0.5"),
                (page["p99_ms"] < TARGETS["cached_p99_ms"], "p99", "< 100 ms"),
            ]
        elif row["page"] in UNCACHED_TARGET_PAGES:
            checks = [(row["ratio_to_static"] >= TARGETS["uncached_ratio"], "ratio", "≥ 0.1")]
        else:
            checks = []
        for met, measure, target in checks:
            value = row["ratio_to_static"] if measure == "ratio" else page["p99_ms"]
            verdict = "met" if met else "MISSED"
            lines.append(f"{row['mode']} {row['path']}: {measure} {value} {target}: {verdict}")
            missed |= not met
    submissions = results.get("submissions")
    if submissions:
        # Sustained: the posts went out and their answers came back at (nearly) the
        # offered rate, and every resident got a receipt code.
        rates = [submissions["posts_per_second"], submissions.get("acknowledged_per_second")]
        sustained = (
            all(
                rate is not None and rate >= 0.95 * submissions["target_rate_per_second"]
                for rate in rates
            )
            and submissions["acknowledged_with_receipt"] == submissions["residents"]
        )
        lost = submissions["acknowledged_but_missing"]
        lines.append(
            f"submissions: {submissions['acknowledged_with_receipt']} of "
            f"{submissions['residents']} acknowledged, posted at {rates[0]}/s and answered "
            f"at {rates[1]}/s: "
            f"{'met' if sustained else 'MISSED'}; none lost: {'met' if lost == 0 else 'MISSED'}"
        )
        missed |= not sustained or lost != 0
    return lines, missed


def smoke_failures(results):
    """What shows the benchmark itself no longer works, whatever the figures: a page run
    that served no request, a resident without a receipt code, a report lost."""
    failures = [
        f"{row['mode']} {row['path']}: no request answered"
        for row in results["pages"]
        if not row["page_run"]["requests"] or not row["static_run"]["requests"]
    ]
    submissions = results.get("submissions")
    if submissions and (
        submissions["acknowledged_with_receipt"] != submissions["residents"]
        or submissions["acknowledged_but_missing"]
    ):
        failures.append(
            f"submissions: {submissions['acknowledged_with_receipt']} of "
            f"{submissions['residents']} residents got a receipt code, "
            f"{submissions['acknowledged_but_missing']} lost"
        )
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--submission-rate", type=float, default=50)
    parser.add_argument("--submission-seconds", type=int, default=60)
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument("--skip-submissions", action="store_true")
    parser.add_argument("--output", type=Path, help="results file (JSON)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check that the benchmark still runs (.ci/bench-smoke): 1 s per wrk run, then 2 "
        "submissions a second for 3 s; figures are printed, not judged; it fails when a run "
        "served nothing or a resident got no receipt code; a results file only with --output",
    )
    options = parser.parse_args()
    if options.smoke:
        options.duration, options.submission_rate, options.submission_seconds = 1, 2, 3

    workdir = Path(tempfile.mkdtemp(prefix="portal-load."))
    workdir.chmod(0o755)
    port, redis_port = free_port(), free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = bench_environment(workdir, port, redis_port)
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average_before": Path("/proc/loadavg").read_text().split()[:3],
        "duration_seconds": options.duration,
        "connections": CONNECTIONS,
    }
    redis = server = worker = None
    try:
        # Publishing the demo pages invalidates cached pages: Redis first.
        redis = start_redis(workdir, redis_port)
        log(f"building the demo site (PostgreSQL), files in {workdir}")
        build_demo_site(environment)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn and configuration)
            [str(gunicorn), "-c", "portal/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=(workdir / "gunicorn.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
            [sys.executable, "manage.py", "db_worker", "--no-reload"],
            cwd=ROOT,
            env=environment,
            stdout=(workdir / "db_worker.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(base_url, server, PROXY_HEADERS)
        time.sleep(3)  # every worker forked
        results["workers"] = len(worker_memory(server))
        log(f"gunicorn on {base_url} with {results['workers']} workers, Redis on {redis_port}")
        results["pages"] = []
        if not options.skip_pages:
            results["static"], results["pages"] = measure_pages(
                base_url, workdir / "static", options.duration
            )
        if not options.skip_submissions:
            min_fill = 4  # FEEDBACK_MIN_FILL_SECONDS, production's default
            results["submissions"] = measure_submissions(
                base_url,
                environment["DATABASE_URL"],
                options.submission_rate,
                options.submission_seconds,
                min_fill,
            )
        results["worker_memory_mib"] = worker_memory(server)
        results["load_average_after"] = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        stop(worker)
        stop(server)
        stop(redis)
        if options.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    results["targets"], missed = check_targets(results)
    if options.smoke:
        missed = smoke_failures(results)
        results["targets"] = ["smoke run: targets not judged", *missed]
    output = options.output
    if output is None and not options.smoke:
        output = RESULTS / f"load-{datetime.date.today().isoformat()}.json"
    if output is not None:
        output.parent.mkdir(exist_ok=True)
        output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        log(f"results in {output}")
    print_table(results)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
