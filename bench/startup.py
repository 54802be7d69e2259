"""Start-up bars (issue #11, part 6), measured as whole processes, side by side.

  (1) `django.setup()` of the project (smartcity.settings) against a bare Django project with
      the admin apps (`bench/bare_settings.py`). Bar: at most 2x.
  (2) The operators' `manage.py render_masterplan 33.11 --out …` of the demo Kab. Sukoharjo plan
      against WeasyPrint alone writing the PDF of the same HTML (the one `render_masterplan
      --html` dumped, in a process that imports only weasyprint) plus a bare Django start-up.
      Bar: at most 1.25x.

Every process runs `--rounds` times (default 3), alternating which goes first, and the best of
each is kept. The demo is seeded (`load_regions`, `seed_demo`) in a scratch database first.
Exits non-zero if a bar is missed.

Run: .venv/bin/python bench/startup.py [--rounds N]
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

from _django import ROOT, scratch_database, setup

setup()

SETUP_BAR = 2.0
RENDER_BAR = 1.25
REGION = "33.11"  # Kab. Sukoharjo
BENCH = Path(__file__).resolve().parent
DJANGO_SETUP = "import django; django.setup()"
WEASYPRINT_ALONE = (
    "import sys, weasyprint; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])"
)


def seconds(command, env) -> float:
    """Wall time of one whole process, from its start to its exit."""
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def best_of(commands: dict, rounds: int) -> dict:
    """The best time of each named (command, env), the commands alternating in each round."""
    times = {name: [] for name in commands}
    names = list(commands)
    for round_ in range(rounds):
        for name in names if round_ % 2 == 0 else reversed(names):
            times[name].append(seconds(*commands[name]))
    return {name: min(values) for name, values in times.items()}


def seed_demo():
    from django.core.management import call_command

    call_command("load_regions", stdout=io.StringIO())
    # The e-mails and PDF jobs the demo queues after commit are not this benchmark's subject.
    with mock.patch("django.db.transaction.on_commit"):
        call_command("seed_demo", stdout=io.StringIO())


def verdict(ratio: float, bar: float) -> str:
    return f"{ratio:5.2f}x (bar: <= {bar:.2f}x) {'OK' if ratio <= bar else 'FAIL'}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    python = sys.executable
    with scratch_database() as name, tempfile.TemporaryDirectory() as tmp:
        seed_demo()
        url = urlsplit(os.environ["DATABASE_URL"])
        env = {**os.environ, "DATABASE_URL": urlunsplit(url._replace(path=f"/{name}"))}
        project = {**env, "DJANGO_SETTINGS_MODULE": "smartcity.settings"}
        bare = {**env, "DJANGO_SETTINGS_MODULE": "bare_settings", "PYTHONPATH": str(BENCH)}
        html, pdf = Path(tmp, "plan.html"), Path(tmp, "plan.pdf")
        render = [python, "manage.py", "render_masterplan", REGION, "--out", str(pdf)]
        subprocess.run([*render, "--html", str(html)], env=project, cwd=ROOT, check=True)

        best = best_of(
            {
                "project setup": ([python, "-c", DJANGO_SETUP], project),
                "bare setup": ([python, "-c", DJANGO_SETUP], bare),
                "render_masterplan": (render, project),
                "weasyprint alone": ([python, "-c", WEASYPRINT_ALONE, str(html), str(pdf)], env),
            },
            args.rounds,
        )

    setup_ratio = best["project setup"] / best["bare setup"]
    baseline = best["weasyprint alone"] + best["bare setup"]
    render_ratio = best["render_masterplan"] / baseline
    print(f"whole processes, best of {args.rounds}:")
    for name, value in best.items():
        print(f"  {name:<20} {value:6.2f} s")
    print(
        f"django.setup(), project / bare:                       {verdict(setup_ratio, SETUP_BAR)}"
    )
    print(
        f"render_masterplan / (WeasyPrint alone + bare setup): {verdict(render_ratio, RENDER_BAR)}"
        f"  ({best['render_masterplan']:.2f} s vs {baseline:.2f} s)"
    )
    if setup_ratio > SETUP_BAR or render_ratio > RENDER_BAR:
        sys.exit(1)


if __name__ == "__main__":
    main()
