"""Container health checks (docker-compose.yml); exit 0 when healthy.

    python scripts/healthcheck.py http://127.0.0.1:8000/healthz   the web server answers 200
    python scripts/healthcheck.py broker                           REDIS_URL answers PING

The HTTP check sends a Host from ALLOWED_HOSTS (any other gets 400 in production) and
X-Forwarded-Proto: https, so that SECURE_SSL_REDIRECT does not turn it into a redirect.
Standard library only for the HTTP check: the image has no curl.
"""

import os
import sys
import urllib.request


def allowed_host() -> str:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
    host = hosts[0] if hosts else "localhost"
    if host == "*":
        return "localhost"
    return host.lstrip(".")  # ".example.org" allows example.org itself


def check_http(url: str) -> bool:
    if not url.startswith(("http://", "https://")):
        raise SystemExit(f"not an http(s) URL: {url}")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"Host": allowed_host(), "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status == 200
    except OSError as exc:
        print(f"unhealthy: {exc}", file=sys.stderr)
        return False


def check_broker() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(os.environ["REDIS_URL"], socket_timeout=5).ping())
    except (KeyError, redis.RedisError) as exc:
        print(f"unhealthy: {exc!r}", file=sys.stderr)
        return False


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    healthy = check_broker() if argv[1] == "broker" else check_http(argv[1])
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
