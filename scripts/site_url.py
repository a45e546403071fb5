"""Print the URL ``make run`` serves, for links in e-mails and on the PDF cover.

``SITE_URL`` from the environment wins, as given. Otherwise it is derived from the
runserver address (``ADDRESS`` in the Makefile): ``8001`` -> ``http://127.0.0.1:8001``,
``0.0.0.0:8000`` -> ``http://127.0.0.1:8000`` (listening everywhere; this machine is
reachable at 127.0.0.1), ``[::1]:9000`` -> ``http://[::1]:9000``.

Usage::

    SITE_URL="$(python3 scripts/site_url.py 127.0.0.1:8001)"
"""

from __future__ import annotations

import os
import sys

LOOPBACK = "127.0.0.1"
EVERYWHERE = {"", "0.0.0.0", "[::]"}  # noqa: S104 (compared, never bound)


def site_url(address: str) -> str:
    address = address.strip()
    if address.isdigit():  # runserver takes a bare port
        host, port = "", address
    else:
        host, _, port = address.rpartition(":")
    if host in EVERYWHERE:
        host = LOOPBACK
    return f"http://{host}:{port}"


def main(argv: list[str]) -> int:
    given = os.environ.get("SITE_URL", "").strip()
    if given:
        print(given.rstrip("/"))
        return 0
    if len(argv) != 2:
        print("usage: site_url.py ADDRESS", file=sys.stderr)
        return 2
    print(site_url(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
