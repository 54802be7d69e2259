"""On `make run`'s SQLite, parallel clicks wait their turn instead of failing "database is locked".

The suite runs on PostgreSQL, so these tests start a small Django process of their own on a
temporary SQLite file, configured by the same `database_from_url` as the portal.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Eight threads, each with its own connection, do what a workflow click does: read the row,
# think a moment, then write. With SQLite's default (deferred) transactions, a reader that wants
# to write while another holds the write lock fails at once with "database is locked".
PARALLEL_CLICKS = """
import sys, threading, time
import django
from django.conf import settings
from smartcity.settings import database_from_url

settings.configure(DATABASES={"default": database_from_url(sys.argv[1])})
django.setup()
from django.db import OperationalError, connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (n integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
connection.close()
errors = []

def click():
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            n = cursor.fetchone()[0]
            time.sleep(0.05)
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
    except OperationalError as exc:
        errors.append(str(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=click) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter")
    print(cursor.fetchone()[0], len(errors), errors[:1])
"""


def test_eight_parallel_writes_on_sqlite_all_succeed_in_turn(tmp_path):
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    result = subprocess.run(
        [sys.executable, "-c", PARALLEL_CLICKS, url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["8", "0"], result.stdout


def test_sqlite_transactions_begin_immediate_and_wait_for_the_lock():
    from smartcity.settings import database_from_url

    options = database_from_url("sqlite:////tmp/x.sqlite3")["OPTIONS"]

    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
