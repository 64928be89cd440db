"""Where the machine's CPU goes while ``bench/load`` runs: every ``--every`` seconds, the
CPU time each kind of process used in the interval (gunicorn, the task worker, PostgreSQL,
Redis, the simulated residents of bench/load.py, wrk), as a share of one CPU, and the
machine's idle share (docs/performance.md, "Where the CPU goes").

    .venv/bin/python bench/cpu_split.py --output /tmp/cpu.log &   # then run bench/load

Reads /proc only (Linux); stop it with Ctrl-C or kill, or give it ``--seconds``.
"""

import argparse
import collections
import os
import sys
import time
from pathlib import Path

KINDS = [
    ("gunicorn", "gunicorn"),
    ("db_worker", "db_worker"),
    ("postgres", "postgres"),
    ("redis", "redis-server"),
    ("residents", "bench/load.py"),
    ("wrk", "wrk"),
]


def kind_of(command):
    for kind, marker in KINDS:
        if marker in command:
            return kind
    return None


def processes():
    """{pid: (kind, CPU ticks used so far)} for every process of a known kind."""
    found = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, UnicodeDecodeError):
            continue
        kind = kind_of(command)
        if kind:
            found[pid] = (kind, int(fields[11]) + int(fields[12]))  # utime + stime
    return found


def machine_ticks():
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]  # all, idle + iowait


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=2.0, help="seconds per line")
    parser.add_argument("--output", type=Path, help="file to append to (default: stdout)")
    parser.add_argument("--seconds", type=float, help="stop after this long (default: never)")
    options = parser.parse_args()
    stop_at = time.monotonic() + options.seconds if options.seconds else None
    out = options.output.open("a") if options.output else sys.stdout
    before, (total_before, idle_before) = processes(), machine_ticks()
    while stop_at is None or time.monotonic() < stop_at:
        time.sleep(options.every)
        now, (total, idle) = processes(), machine_ticks()
        used = collections.Counter()
        for pid, (kind, ticks) in now.items():
            if pid in before:
                used[kind] += ticks - before[pid][1]
        one_cpu = (total - total_before) / os.cpu_count() or 1
        shares = " ".join(f"{kind}={ticks / one_cpu:.0%}" for kind, ticks in used.most_common())
        idle_share = (idle - idle_before) / ((total - total_before) or 1)
        out.write(f"{time.strftime('%H:%M:%S')} {shares} idle={idle_share:.0%}\n")
        out.flush()
        before, total_before, idle_before = now, total, idle


if __name__ == "__main__":
    main()
