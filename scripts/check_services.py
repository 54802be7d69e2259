"""Stop `make test` early, with a message saying how to start what is missing."""

import argparse
import sys
from urllib.parse import urlsplit

import psycopg
import redis
from psycopg import sql

HOW_TO_START = {
    "PostgreSQL": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "Redis": (
        'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
    ),
}


def check_postgres(url: str) -> None:
    """Reach the server, and create the configured database when it is missing.

    The tests run in their own `test_…` database; the configured one must exist too, because
    `makemigrations --check` and the settings tests connect to it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise ValueError("the tests run on PostgreSQL only, not on " + (parts.scheme or url))
    name = parts.path.lstrip("/") or "smartcity"
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        connect_timeout=3,
        autocommit=True,
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the database {name}.")


def check_redis(url: str) -> None:
    redis.Redis.from_url(url, socket_connect_timeout=3).ping()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis", required=True)
    args = parser.parse_args()
    failed = False
    for name, check, url in (
        ("PostgreSQL", check_postgres, args.database),
        ("Redis", check_redis, args.redis),
    ):
        try:
            check(url)
        except Exception as exc:  # noqa: BLE001 — report any failure in plain words
            failed = True
            print(f"{name} is not reachable at {url}: {exc}", file=sys.stderr)
            print(f"  Start it with: {HOW_TO_START[name]}", file=sys.stderr)
            print(
                f"  or point {'DATABASE_URL' if name == 'PostgreSQL' else 'REDIS_URL'} "
                "at a running server (see README.md).",
                file=sys.stderr,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
