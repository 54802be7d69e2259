#!/usr/bin/env bash
# `make run`: the web server, one Celery worker per queue and beat, each its own process.
#
# - `default` (e-mails, sweeps) and `pdf` (plan PDFs, up to two minutes each) have a worker
#   each, so a long render never holds up an e-mail or a sweep.
# - beat runs alone with a pidfile: a second beat refuses to start while one is alive.
# - DEBUG=0 is production mode: static files are collected and gunicorn serves them; without
#   SECRET_KEY or ALLOWED_HOSTS the settings refuse to start and say why.
# - Ctrl-C (or any of the processes ending) stops them all.
set -euo pipefail
# Job control: each process below gets its own process group, so stopping one stops its
# children too (runserver's autoreloader, gunicorn's and Celery's pool processes).
set -m
PORT="${PORT:-8000}"
PY="${PY:-.venv/bin/python}"
mkdir -p var

PIDS=()
stop() {
  trap - EXIT INT TERM
  # (The `+` form: an empty array is "unbound" to the bash 3.2 of macOS under `set -u`.)
  for pid in ${PIDS[@]+"${PIDS[@]}"}; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

case "${DEBUG:-1}" in
  0 | [Ff]alse | [Nn]o | [Oo]ff) PRODUCTION=1 ;;
  *) PRODUCTION=0 ;;
esac
if [ "$PRODUCTION" = 1 ]; then
  # Fails with the settings' message when SECRET_KEY or ALLOWED_HOSTS is missing.
  "$PY" manage.py collectstatic --noinput --verbosity 0
  # gunicorn serves plain HTTP on 127.0.0.1 here: with no TLS proxy in front, a redirect to
  # HTTPS could never be answered. Behind one, set SECURE_SSL_REDIRECT=1.
  export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-0}"
fi

CELERY=("$PY" -m celery -A smartcity)
"${CELERY[@]}" worker -Q default -n "default@%h" --concurrency 1 --loglevel WARNING &
PIDS+=($!)
"${CELERY[@]}" worker -Q pdf -n "pdf@%h" --concurrency 1 --loglevel WARNING &
PIDS+=($!)
"${CELERY[@]}" beat --loglevel WARNING --schedule var/celerybeat-schedule \
  --pidfile var/celerybeat.pid &
PIDS+=($!)

cat <<TXT

  Portal 100 Smart City: http://localhost:${PORT}/ ($([ "$PRODUCTION" = 1 ] && echo "production mode, gunicorn" || echo "development mode"))
  Demo logins (password: ${DEMO_PASSWORD:-gm100sc-demo}):
    kominfo        ministry staff (Kominfo); second step: the code that
                   .venv/bin/python manage.py demo_totp prints (or oathtool --totp -b
                   SMARTCITYDEMOKOMINFOSTAFF2345672), or recovery code demo-pulih-1
    pemda-3273     Kota Bandung (2017 cohort): master plan approved and enacted, quick wins
    pemda-3311     Kab. Sukoharjo (2018 cohort): master plan under mentor review
    mentor-itb     mentor, assigned to Kab. Sukoharjo: reviews its plan
    mentor-ui      mentor, other regions
    asesor-1       assessor, 2018 panel
    mitra-indosat  industry partner (Indosat Ooredoo Business): input on submitted plans
    pemda-3579 pemda-6471 pemda-3672 pemda-5271 pemda-3375
                   plans endorsed, approved, submitted, in revision and in draft
  Press Ctrl-C to stop the server, the workers and beat.

TXT
if [ "$PRODUCTION" = 1 ]; then
  "$PY" -m gunicorn smartcity.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 \
    --access-logfile - &
else
  "$PY" manage.py runserver "127.0.0.1:${PORT}" &
fi
PIDS+=($!)
# Whichever process ends first (a crash, a kill, a beat that found another one running) ends
# the run, as Ctrl-C does; the EXIT trap stops the others. (A loop rather than `wait -n`,
# which the bash 3.2 of macOS lacks.)
all_running() {
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || return 1
  done
}
while all_running; do sleep 1; done
