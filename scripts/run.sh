#!/usr/bin/env bash
# `make run`: the web server and a Celery worker (with beat) together; Ctrl-C stops both.
set -euo pipefail
PORT="${PORT:-8000}"
PY="${PY:-.venv/bin/python}"

"$PY" -m celery -A smartcity worker --beat -Q default,pdf --concurrency 1 --loglevel WARNING \
  --schedule var/celerybeat-schedule &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM

cat <<TXT

  Portal 100 Smart City: http://127.0.0.1:${PORT}/
  Demo logins (password: ${DEMO_PASSWORD:-gm100sc-demo}):
    kominfo        ministry staff (Kominfo)
    pemda-3273     Kota Bandung (2017 cohort)
    pemda-3311     Kab. Sukoharjo (2018 cohort)
    mentor-itb     mentor, assigned to Kab. Sukoharjo
    mentor-ui      mentor, other regions
    asesor-1       assessor, 2018 panel
    mitra-indosat  industry partner (Indosat Ooredoo Business)
  Press Ctrl-C to stop the server and the worker.

TXT
"$PY" manage.py runserver "127.0.0.1:${PORT}"
