"""PDF worker performance bars (master-plan issue, PDF jobs).

Real `celery worker` processes render real PDF jobs (WeasyPrint) from a throw-away Redis on a
free port, against a scratch database:

  (a) memory: 20 renders in a row in one pool process. Resident memory (VmRSS of the process
      that claimed the jobs) after the first render, once WeasyPrint and its fonts are loaded,
      and after the last. Bar: growth <= 10 %.
  (b) throughput: 20 queued jobs rendered by one pool process, then by two (`--concurrency`),
      timed from enqueueing to the last job done. Bar: speedup >= 1.6x. Needs two idle cores.

Exits non-zero if a bar is missed.
Run: .venv/bin/python bench/pdf_workers.py [--jobs 20] [--programmes-per-dimension 4]
"""

import argparse
import os
import shutil
import sys
import time
from types import SimpleNamespace

from _django import scratch_database, setup

setup()

from django.conf import settings  # noqa: E402

from masterplan.models import PdfJob, Plan, PlanVersion  # noqa: E402
from masterplan.pdfjobs import pdf_job_request  # noqa: E402
from masterplan.snapshot import plan_snapshot, snapshot_sha256  # noqa: E402
from tests.masterplan.pdf_worker_helpers import (  # noqa: E402
    PdfWorker,
    PrivateRedis,
    broker_at,
    wait_for,
)

MEMORY_BAR = 0.10
SPEEDUP_BAR = 1.6


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def build_versions(count: int, per_dimension: int) -> list[PlanVersion]:
    """One complete plan with `count` frozen versions (each one job, same size of document)."""
    from tests.factories import CohortFactory, RegionFactory, UserFactory
    from tests.masterplan.helpers import full_plan

    region = RegionFactory(code="33.11", name="Kabupaten Sukoharjo")
    world = SimpleNamespace(
        region=region,
        cohort=CohortFactory(year=2018),
        staff=UserFactory(username="staf", staff=True),
        mentor=UserFactory(username="mentor", mentor=True),
    )
    plan = full_plan(world, programmes_per_dimension=per_dimension)
    data = plan_snapshot(plan)
    versions = [
        PlanVersion.objects.create(
            plan=plan, number=n, data=data, sha256=snapshot_sha256(data), created_by=world.staff
        )
        for n in range(1, count + 1)
    ]
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUBMITTED, version_count=count)
    return versions, world.staff


def reset_jobs():
    PdfJob.objects.all().delete()
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT / "masterplan" / "pdf", ignore_errors=True)


def done_count():
    return PdfJob.objects.filter(status=PdfJob.Status.DONE).count()


def run(versions, staff, *, timeout):
    """Enqueue one job per version and wait for all; returns seconds."""
    target = done_count() + len(versions)
    start = time.perf_counter()
    for version in versions:
        pdf_job_request(version=version, by=staff)
    wait_for(lambda: done_count() == target, timeout=timeout, what="the renders")
    return time.perf_counter() - start


def check_no_failures():
    failed = PdfJob.objects.exclude(status=PdfJob.Status.DONE)
    if failed.exists():
        raise SystemExit(f"jobs not done: {list(failed.values('pk', 'status', 'error'))}")


def bench_memory(versions, staff, broker) -> bool:
    worker = PdfWorker(broker=broker, env={"CELERY_WORKER_MAX_TASKS_PER_CHILD": "1000"}).start()
    samples, seconds = [], []
    try:
        # One job at a time, so each sample is taken between renders, not in the middle of one.
        for version in versions:
            seconds.append(run([version], staff, timeout=120))
            pid = int(PdfJob.objects.get(version=version).claimed_by.rsplit(":", 1)[1])
            samples.append((pid, rss_kib(pid)))
        check_no_failures()
    finally:
        worker.stop()
    pids = {pid for pid, _rss in samples}
    start_rss, end_rss = samples[0][1], samples[-1][1]
    growth = (end_rss - start_rss) / start_rss
    ok = growth <= MEMORY_BAR and len(pids) == 1
    print(f"(a) {len(versions)} renders in a row in one pool process ({len(pids)} pid(s))")
    rest = seconds[1:] or [0.0]
    print(f"    first render {seconds[0]:.2f} s, then {sum(rest) / len(rest):.2f} s each")
    print("    RSS MiB after each render: " + " ".join(f"{r / 1024:.0f}" for _p, r in samples))
    print(
        f"    RSS after the first render {start_rss / 1024:.1f} MiB, after the last "
        f"{end_rss / 1024:.1f} MiB: growth {growth:+.1%} (bar <= {MEMORY_BAR:.0%})"
        f" {'OK' if ok else 'MISSED'}"
    )
    return ok


def bench_throughput(versions, staff, broker) -> bool:
    timings, used, busy = {}, {}, {}
    for processes in (1, 2):
        reset_jobs()
        worker = PdfWorker(broker=broker, concurrency=processes).start()
        try:
            timings[processes] = run(versions, staff, timeout=60 * len(versions))
            check_no_failures()
            used[processes] = len(set(PdfJob.objects.values_list("claimed_by", flat=True)))
            # Renders that slow down when run side by side mean the cores are not free.
            busy[processes] = sum(PdfJob.objects.values_list("render_seconds", flat=True))
        finally:
            worker.stop()
    speedup = timings[1] / timings[2]
    ok = speedup >= SPEEDUP_BAR
    print(
        f"(b) {len(versions)} queued jobs: one pool process {timings[1]:.1f} s, "
        f"two {timings[2]:.1f} s ({used[2]} processes rendered)"
    )
    print(
        f"    speedup {speedup:.2f}x (bar >= {SPEEDUP_BAR}x) {'OK' if ok else 'MISSED'}"
        f" on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    for processes in (1, 2):
        print(
            f"    {processes} process(es): mean render {busy[processes] / len(versions):.2f} s, "
            f"parallelism {busy[processes] / timings[processes]:.2f}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--programmes-per-dimension", type=int, default=4)
    parser.add_argument("--part", choices=["all", "memory", "throughput"], default="all")
    args = parser.parse_args()
    redis = PrivateRedis().start()  # a broker of our own: no other run's worker takes our jobs
    try:
        with scratch_database(), broker_at(redis.url):
            versions, staff = build_versions(args.jobs, args.programmes_per_dimension)
            reset_jobs()
            memory_ok = throughput_ok = True
            if args.part in ("all", "memory"):
                memory_ok = bench_memory(versions, staff, redis.url)
            if args.part in ("all", "throughput"):
                throughput_ok = bench_throughput(versions, staff, redis.url)
            reset_jobs()
    finally:
        redis.kill()
    return 0 if memory_ok and throughput_ok else 1


if __name__ == "__main__":
    sys.exit(main())
