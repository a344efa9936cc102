"""``careerscrape catalog`` over a million records: seconds and peak memory.

    python benchmarks/catalog_bench.py [--records 1000000] [--roles 20000] [--pages N]
                                       [--profile N]

Writes a JSON Lines file of small valid records (one role page in ten, each
role page fetched several times as over several crawls, and the rest
comparison pages, each a distinct pair of roles; with ``--pages N`` only N
distinct comparison pages, fetched again and again as over many crawls),
then runs the real command,
``careerscrape catalog FILE -o catalog.jsonl``, as a subprocess and prints its
wall time, records per second and peak RSS (the child's own ``ru_maxrss``,
read with ``os.wait4``). The records are built from string templates, so
generating them costs a few seconds, not a Pydantic model per record.
``--profile N`` also runs the merge of the first N records under cProfile in
this process and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SITE = "https://www.zippia.com"
SHA = "0" * 64
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _word(number: int) -> str:
    """A lower-case word for a number (slugs are words joined by '-')."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = LETTERS[digit] + word
        if number == 0:
            return word


def _stats(slug: str, name: str, salary: int) -> dict:
    return {
        "role": name, "role_slug": slug, "description": f"A {name} does {name} work.",
        "yearly_salary": salary, "hourly_rate": round(salary / 2080, 2),
        "growth_rate": 5.0, "number_of_jobs": 1000 + salary % 997, "average_age": 40,
        "most_common_degree": {"name": "Bachelor's", "percent": 60.0},
        "top_skills": ["excel", "communication"],
        "skills": [{"name": "excel", "percent": 20.0}],
        "responsibilities": [f"Manage {name} tasks."],
    }  # fmt: skip


def generate(path: Path, records: int, roles: int, pages: int = 0) -> int:
    """Write ``records`` valid records about ``roles`` roles; returns the file size.

    With ``pages``, the comparison records cycle through that many distinct pages.
    """
    names = [f"role {_word(i)}" for i in range(roles)]
    slugs = [name.replace(" ", "-") for name in names]
    salary = [30_000 + (i * 7919) % 90_000 for i in range(roles)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(records):
            fetched = (start + timedelta(seconds=i)).isoformat().replace("+00:00", "Z")
            if i % 10 == 0:  # a role page; each one is fetched again every `roles` role pages
                a = (i // 10) % roles
                b = (a + 1) % roles
                record = {
                    "url": f"{SITE}/{slugs[a]}-jobs/what-does-a-{slugs[a]}-do/",
                    "page_type": "role", "fetched_at": fetched, "content_sha256": SHA,
                    "parser_version": "bench", "role": names[a], "role_slug": slugs[a],
                    "summary": f"A {names[a]} does {names[a]} work.",
                    "responsibilities": [f"Manage {names[a]} tasks."],
                    "skills": [{"name": "excel", "percent": 20.0}],
                    "comparisons": [{"other_role": names[b], "other_role_slug": slugs[b],
                                     "salary_difference": salary[b] - salary[a]}],
                    "category": "business",
                }  # fmt: skip
            else:  # a comparison page: a distinct pair of roles
                n = i - i // 10 - 1
                if pages:
                    n %= pages
                a, step = n % roles, 1 + n // roles
                b = (a + step) % roles
                record = {
                    "url": f"{SITE}/{slugs[a]}-jobs/{slugs[a]}-vs-{slugs[b]}-differences/",
                    "page_type": "comparison", "fetched_at": fetched, "content_sha256": SHA,
                    "parser_version": "bench",
                    "roles": [_stats(slugs[a], names[a], salary[a]),
                              _stats(slugs[b], names[b], salary[b])],
                }  # fmt: skip
            handle.write(json.dumps(record, separators=(",", ":")) + "\n")
    return path.stat().st_size


def run_catalog(records_file: Path, output: Path) -> tuple[float, int, str]:
    """(seconds, peak RSS in KiB, stderr) of ``careerscrape catalog`` as a child process."""
    command = [str(Path(sys.executable).parent / "careerscrape"), "catalog", str(records_file),
               "-o", str(output)]  # fmt: skip
    with tempfile.TemporaryFile() as errors:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", errors="replace").strip()
    if child.returncode != 0:
        raise SystemExit(f"careerscrape catalog failed ({child.returncode}): {message}")
    return seconds, usage.ru_maxrss, message


def profile(records_file: Path, count: int) -> str:
    """cProfile of merging the first ``count`` records in this process (top functions)."""
    from itertools import islice

    from careerscrape.catalog.merge import CatalogBuilder

    head = records_file.with_name("profiled.jsonl")
    with open(records_file, "rb") as source, open(head, "wb") as target:
        target.writelines(islice(source, count))
    builder = CatalogBuilder()
    profiler = cProfile.Profile()
    profiler.enable()
    builder.add_file(head)
    builder.write(records_file.with_name("profiled-catalog.jsonl"))
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--roles", type=int, default=20_000)
    parser.add_argument(
        "--pages", type=int, default=0, metavar="N",
        help="distinct comparison pages, fetched again and again (default: every one new)",
    )  # fmt: skip
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also profile the first N records"
    )
    parser.add_argument("--dir", type=Path, help="keep the files here (default: a temp dir)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="catalog-bench-") as temp:
        folder = args.dir or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        records_file = folder / "records.jsonl"
        began = time.perf_counter()
        size = generate(records_file, args.records, args.roles, args.pages)
        generated = time.perf_counter() - began
        pages = f"{args.pages:,} comparison pages" if args.pages else "every page new"
        print(f"records: {args.records:,} ({size / 2**20:.0f} MiB, {args.roles:,} roles, "
              f"{pages}), generated in {generated:.1f} s")  # fmt: skip
        seconds, peak_kib, summary = run_catalog(records_file, folder / "catalog.jsonl")
        print(f"careerscrape catalog: {seconds:.1f} s, {args.records / seconds:,.0f} records/s, "
              f"peak RSS {peak_kib / 1024:.0f} MiB")  # fmt: skip
        catalog_mib = (folder / "catalog.jsonl").stat().st_size / 2**20
        print(f"  ({summary}; the catalog file is {catalog_mib:.0f} MiB)")
        if args.profile:
            print(f"profile of the first {args.profile:,} records (in-process, by own time):")
            print(profile(records_file, args.profile))


if __name__ == "__main__":
    main()
