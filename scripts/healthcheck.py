"""Container health check: GET /healthz on the local gunicorn, as a host the portal accepts.

Exits 0 when the portal answers 200 (database, cache and broker up), 1 otherwise. The request
goes to 127.0.0.1 but names the first of ALLOWED_HOSTS, so production's host check lets it in.
"""

import os
import sys
import urllib.error
import urllib.request


def probe_host(allowed_hosts: str) -> str:
    """The Host header to send: the first allowed host, without a subdomain wildcard's dot."""
    first = allowed_hosts.split(",")[0].strip().lstrip(".")
    return first if first and first != "*" else "localhost"


def main(url: str = "http://127.0.0.1:8000/healthz") -> int:
    request = urllib.request.Request(
        url, headers={"Host": probe_host(os.environ.get("ALLOWED_HOSTS", ""))}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthz: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
