"""cProfile of the exporter itself (no HTTP), against PostgreSQL.

Loads one synthetic release as bench/stream_downloads.py does, then runs csv_chunks and
json_chunks under cProfile and prints the top functions by own time. Run it like the
benchmark, through the throwaway cluster:

    sudo .ci/with-postgres .venv/bin/python bench/profile_exports.py --rows 200000
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stream_downloads as bench  # noqa: E402 (needs the path above)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--format", choices=["csv", "json"], nargs="+", default=["csv", "json"])
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see bench/run-stream-downloads).")
    bench.setup_django()
    from django.core.management import call_command

    from publicdata import exports

    call_command("migrate", interactive=False, verbosity=0)
    release = bench.make_dataset(args.rows)
    bench.load_rows(release, args.rows)
    copy_seconds, copy_bytes = bench.measure_copy(release)
    print(f"COPY: {copy_seconds:.2f} s, {copy_bytes:,} bytes")
    for fmt in args.format:
        chunks = exports.csv_chunks if fmt == "csv" else exports.json_chunks
        started = time.perf_counter()
        size = sum(len(piece) for piece in chunks(release))
        plain = time.perf_counter() - started
        print(f"\n{fmt}: {plain:.2f} s without the profiler, {size:,} bytes")
        profile = cProfile.Profile()
        profile.enable()
        for _piece in chunks(release):
            pass
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
    release.dataset.delete()


if __name__ == "__main__":
    main()
