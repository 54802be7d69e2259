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
    kominfo        ministry staff (Kominfo); second step: the code of
                   `.venv/bin/python manage.py demo_totp` (or oathtool --totp -b
                   SMARTCITYDEMOKOMINFOSTAFF2345672), or recovery code demo-pulih-1
    pemda-3273     Kota Bandung (2017 cohort): master plan approved and enacted, quick wins
    pemda-3311     Kab. Sukoharjo (2018 cohort): master plan under mentor review
    mentor-itb     mentor, assigned to Kab. Sukoharjo: reviews its plan
    mentor-ui      mentor, other regions
    asesor-1       assessor, 2018 panel
    mitra-indosat  industry partner (Indosat Ooredoo Business): input on submitted plans
    pemda-3579 pemda-6471 pemda-3672 pemda-5271 pemda-3375
                   plans endorsed, approved, submitted, in revision and in draft
  Press Ctrl-C to stop the server and the worker.

TXT
"$PY" manage.py runserver "127.0.0.1:${PORT}"
