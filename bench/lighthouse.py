"""Lighthouse on the demo site as production serves it (run through ``bench/lighthouse``).

1. builds the demo site in a throwaway SQLite database in a temporary folder, with the
   production settings (``migrate``, ``load_demo_site --no-admin``, ``collectstatic``);
2. starts gunicorn with ``portal/gunicorn.conf.py`` on a free port of 127.0.0.1;
3. runs Lighthouse (``bench/lighthouse-tool``, installed there by ``npm ci``) with the
   Debian Chromium, in its default mobile profile, on the home page, an explainer, the
   outcomes page and a dataset page, each ``--runs`` times;
4. prints, per page, the median of each category score and the CSS and JavaScript bytes
   the page transferred (compressed, as sent), as a Markdown table; exits 1 if a page
   misses a target (``TARGETS``).

The pages are requested with ``X-Forwarded-Proto: https``, the header the reverse proxy
sets in production (``SECURE_PROXY_SSL_HEADER``), so the server answers as it does behind
the proxy (HSTS, secure cookies). There is no proxy to redirect plain HTTP, and Lighthouse
fetches ``robots.txt`` without the extra header, so ``SECURE_SSL_REDIRECT=false`` (the
documented switch for a proxy that redirects) lets it through on loopback.
It is not part of the test suite; CI runs it with ``--smoke`` (``.ci/bench-smoke``).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from environment import build_demo_site, free_port, log, server_environment, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "bench" / "lighthouse-tool"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"

PAGES = [
    ("home", "/"),
    ("explainer", "/lead/what-is-lead/"),
    ("outcomes", "/outcomes/"),
    ("dataset", "/data/referrals-and-enrolments/"),
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def production_environment(workdir, port):
    return server_environment(
        workdir,
        port,
        settings="portal.settings.production",
        name="lighthouse",
        clear=("DATABASE_",),
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        WEB_CONCURRENCY="2",
    )


def install_lighthouse():
    # npm writes this copy of the lock file last: missing or older than the tool's own
    # files means no install, a broken one or one of an earlier lock file.
    installed = TOOL / "node_modules" / ".package-lock.json"
    wanted = max((TOOL / name).stat().st_mtime for name in ("package.json", "package-lock.json"))
    if not LIGHTHOUSE.exists() or not installed.exists() or installed.stat().st_mtime < wanted:
        log("npm ci in bench/lighthouse-tool")
        npm_ci = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(npm_ci, cwd=TOOL, check=True)  # noqa: S603, S607 (npm from PATH)


def warm_up(url, times=4):
    """A production server has rendered its pages before: fetch each a few times so every
    worker has imported its code and filled its caches before Lighthouse measures."""
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, "Accept-Encoding": "gzip"})  # noqa: S310
    for _ in range(times):
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            response.read()


def run_lighthouse(url, output, chrome_path, cpu_slowdown=None):
    # The mobile profile slows the CPU 4×, which assumes a fast desktop host; Lighthouse's
    # throttling documentation asks for a smaller multiplier on a slower host.
    throttling = (
        [] if cpu_slowdown is None else [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"]
    )
    # Lighthouse sometimes loses the trace of a page load (NO_NAVSTART) and asks to be run
    # again: up to three attempts.
    for _attempt in range(3):
        finished = subprocess.run(  # noqa: S603 (the pinned Lighthouse on our own server)
            [
                str(LIGHTHOUSE),
                *throttling,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={output}",
                "--only-categories=" + ",".join(CATEGORIES),
                "--chrome-flags=--headless=new --no-sandbox",
                "--extra-headers=" + json.dumps(PROXY_HEADERS),
            ],
            env={**os.environ, "CHROME_PATH": chrome_path},
            check=False,
        )
        if finished.returncode == 0:
            break
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    return json.loads(output.read_text())


def scores(report):
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def static_bytes(report):
    """CSS and JavaScript bytes the page transferred (headers and compressed bodies)."""
    total = {"Stylesheet": 0, "Script": 0}
    for item in report["audits"]["network-requests"]["details"]["items"]:
        if item.get("resourceType") in total:
            total[item["resourceType"]] += item.get("transferSize", 0)
    return total


def failed_audits(report):
    """Audits that cost points in the categories other than performance, and the
    performance opportunities, for a reader to act on."""
    names = set()
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
                names.add(f"{name}: {ref['id']} ({audit['score']})")
    return sorted(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary folder (reports, database)"
    )
    # The Debian chromium package, never a browser some tool downloaded: not read from
    # CHROME_PATH, which such tools set.
    parser.add_argument("--chrome-path", default="/usr/bin/chromium")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="Lighthouse's CPU slowdown multiplier (default: the mobile profile's 4); "
        "for a host slower than Lighthouse expects, see its throttling documentation",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check that the benchmark still runs (.ci/bench-smoke): one run of the home page; "
        "scores are printed, not judged",
    )
    options = parser.parse_args()
    pages = PAGES[:1] if options.smoke else PAGES
    if options.smoke:
        options.runs = 1
    if not os.access(options.chrome_path, os.X_OK):
        raise SystemExit(f"no browser at {options.chrome_path} (Debian: apt-get install chromium)")

    install_lighthouse()
    workdir = Path(tempfile.mkdtemp(prefix="portal-lighthouse."))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = production_environment(workdir, port)
    server = None
    try:
        log(f"building the demo site in {workdir}")
        build_demo_site(environment)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server_log = (workdir / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn and configuration)
            [str(gunicorn), "-c", "portal/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(base_url, server, PROXY_HEADERS)
        log(f"gunicorn on {base_url}")

        rows, missed, versions, benchmarks = [], [], None, []
        for name, path in pages:
            warm_up(base_url + path)
            reports = []
            for run in range(1, options.runs + 1):
                output = workdir / f"{name}-{run}.json"
                report = run_lighthouse(
                    base_url + path, output, options.chrome_path, options.cpu_slowdown
                )
                benchmarks.append(report["environment"]["benchmarkIndex"])
                reports.append(report)
                log(f"{path} run {run}: {scores(report)}")
                versions = (report["lighthouseVersion"], report["environment"]["hostUserAgent"])
            medians = {
                category: statistics.median(scores(report)[category] for report in reports)
                for category in CATEGORIES
            }
            weight = static_bytes(reports[0])
            rows.append((path, medians, weight, [scores(r)["performance"] for r in reports]))
            for category, target in TARGETS.items():
                if medians[category] < target:
                    missed.append(f"{path}: {category} {medians[category]:g} < {target}")
            for line in failed_audits(reports[0]):
                log(f"  {path} {line}")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                # gunicorn lets its workers finish first, which on a busy machine can take
                # longer than that.
                server.kill()
                server.wait()
        if options.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    slowdown = options.cpu_slowdown or 4
    print(
        f"Lighthouse {versions[0]}, {versions[1]}, mobile profile, CPU slowdown {slowdown:g}×, "
        f"median of {options.runs} runs; host benchmarkIndex median "
        f"{statistics.median(benchmarks):.0f} (range {min(benchmarks):.0f}–{max(benchmarks):.0f})"
    )
    print()
    print(
        "| page | performance (runs) | accessibility | best practices | SEO "
        "| CSS bytes | JS bytes |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path, medians, weight, runs in rows:
        print(
            f"| `{path}` | {medians['performance']:g} ({', '.join(map(str, runs))}) "
            f"| {medians['accessibility']:g} | {medians['best-practices']:g} "
            f"| {medians['seo']:g} | {weight['Stylesheet']:,} | {weight['Script']:,} |"
        )
    if options.smoke:
        print("\nSmoke run: targets not judged.")
        return 0
    if missed:
        print("\nMissed targets:\n" + "\n".join(f"- {line}" for line in missed))
        return 1
    print("\nEvery page meets its targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
