"""Find, or make, the PostgreSQL database for development and tests; print its URL.

The first that works wins:

1. ``DATABASE_URL`` from the environment, as given.
2. A server on 127.0.0.1:5432 that lets ``postgres`` in over TCP without a password (trust
   authentication, as on the project's machines; a stock Debian server asks for one): the
   ``netbioclue`` database is created there if missing.
3. A project-local cluster in ``.local/postgres``, made with the system's ``initdb`` and
   started with ``pg_ctl`` on 127.0.0.1:54329. As root it runs as the ``postgres`` system
   user (or ``nobody``), since PostgreSQL refuses to run as root.

Otherwise it stops with instructions to install PostgreSQL.

Usage (with the virtualenv's python, which has psycopg)::

    DATABASE_URL="$(.venv/bin/python scripts/devdb.py)"   # the URL on stdout, notes on stderr
    python3 scripts/devdb.py stop      # stop the local cluster, if it runs
    python3 scripts/devdb.py remove    # stop it and delete its files

``NETBIOCLUE_PG_PORT`` changes the port probed in step 2 (point it at a closed port to
exercise step 3); ``NETBIOCLUE_LOCAL_PG_PORT`` the local cluster's first-choice port.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = ROOT / ".local" / "postgres"
DATABASE = "netbioclue"
SUPERUSER = "postgres"
HOST = "127.0.0.1"
MIN_MAJOR = 15  # the oldest PostgreSQL that Django 6.1 supports
INSTALL_HINT = (
    "Install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql), "
    "or set DATABASE_URL=postgres://user:password@host:5432/netbioclue."
)


class Unavailable(Exception):
    """No database could be found or made; the message says what to do."""


def log(message: str) -> None:
    print(f"devdb: {message}", file=sys.stderr)


def url(port: int) -> str:
    return f"postgres://{SUPERUSER}@{HOST}:{port}/{DATABASE}"


def port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def connect(port: int, dbname: str = "postgres"):
    import psycopg

    return psycopg.connect(
        host=HOST,
        port=port,
        user=SUPERUSER,
        dbname=dbname,
        connect_timeout=5,
        autocommit=True,
    )


def ensure_database(conn) -> None:
    from psycopg import errors, sql

    if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
        return
    log(f"creating database {DATABASE}")
    # A concurrent run may have made it meanwhile.
    with contextlib.suppress(errors.DuplicateDatabase):
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))


def server_database(port: int) -> str | None:
    """Step 2: the URL of the netbioclue database on a running server, or None."""
    import psycopg

    if not port_open(port):
        return None
    try:
        with connect(port) as conn:
            major = conn.info.server_version // 10000
            if major < MIN_MAJOR:
                log(f"the server on {HOST}:{port} is PostgreSQL {major}; {MIN_MAJOR}+ is needed")
                return None
            ensure_database(conn)
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        log(f"cannot use the server on {HOST}:{port} as {SUPERUSER} ({first_line})")
        return None
    return url(port)


# --- Step 3: the project-local cluster ----------------------------------------------------


@dataclass
class Runner:
    """Runs PostgreSQL's programs as a user they accept: ourselves, or a system user if root."""

    uid: int
    gid: int
    name: str

    @classmethod
    def for_this_process(cls) -> Runner:
        if os.geteuid() != 0:
            entry = pwd.getpwuid(os.geteuid())
            return cls(entry.pw_uid, entry.pw_gid, entry.pw_name)
        for name in ("postgres", "nobody"):
            try:
                entry = pwd.getpwnam(name)
            except KeyError:
                continue
            return cls(entry.pw_uid, entry.pw_gid, entry.pw_name)
        raise Unavailable("running as root, and no 'postgres' or 'nobody' user to run PostgreSQL")

    @property
    def switches(self) -> bool:
        return os.geteuid() != self.uid

    def run(self, args: list[str], **kwargs) -> subprocess.CompletedProcess:
        if self.switches:
            kwargs.update(user=self.uid, group=self.gid, extra_groups=[])
        env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8")
        # stdin closed and stdout sent to our stderr: the server that pg_ctl leaves running
        # must not hold the pipe of `DATABASE_URL=$(devdb.py)` open.
        kwargs.setdefault("stdout", sys.stderr)
        return subprocess.run(
            args, stdin=subprocess.DEVNULL, env=env, cwd="/", check=False, **kwargs
        )

    def own(self, path: Path) -> None:
        if self.switches:
            os.chown(path, self.uid, self.gid)

    def can_write(self, path: Path) -> bool:
        return self.run(["test", "-w", str(path)], stdout=subprocess.DEVNULL).returncode == 0


def major_version(bindir: Path) -> int:
    output = subprocess.run(
        [str(bindir / "pg_ctl"), "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"(\d+)", output)
    return int(match.group(1)) if match else 0


def find_bindirs() -> list[Path]:
    """Directories holding initdb, pg_ctl and postgres: PATH first, then Debian's, newest first."""
    candidates = []
    for program in ("initdb", "pg_ctl"):
        found = shutil.which(program)
        if found:
            candidates.append(Path(found).resolve().parent)
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda path: int(re.sub(r"\D", "", Path(path).parent.name) or 0),
        reverse=True,
    )
    candidates += [Path(path) for path in debian]
    bindirs = []
    for bindir in candidates:
        complete = all((bindir / p).is_file() for p in ("initdb", "pg_ctl", "postgres"))
        if complete and bindir not in bindirs:
            bindirs.append(bindir)
    return bindirs


def cluster_home(runner: Runner, create: bool) -> Path | None:
    """Where the cluster lives: .local/postgres, or a directory it links to.

    A project under a private home (/root is mode 700) is out of reach of the system user
    the server runs as; the cluster then lives in /var/tmp and .local/postgres links to it.
    """
    if LOCAL.is_symlink() or LOCAL.is_dir():
        return LOCAL.resolve()
    if not create:
        return None
    LOCAL.mkdir(parents=True)
    LOCAL.chmod(0o700)
    runner.own(LOCAL)
    if runner.can_write(LOCAL):
        return LOCAL
    LOCAL.rmdir()
    digest = hashlib.sha256(str(ROOT).encode()).hexdigest()[:10]
    home = Path("/var/tmp") / f"netbioclue-postgres-{digest}"  # noqa: S108 - see docstring
    log(f"{runner.name} cannot reach {LOCAL}; keeping the cluster in {home}")
    home.mkdir(mode=0o700, exist_ok=True)
    runner.own(home)
    LOCAL.symlink_to(home)
    return home


@dataclass
class Cluster:
    home: Path
    runner: Runner
    _bindir: Path | None = None

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logfile(self) -> Path:
        return self.home / "postgresql.log"

    @property
    def port(self) -> int:
        match = re.search(r"^port = (\d+)", self._conf(), re.MULTILINE)
        if not match:
            raise Unavailable(f"{self.data}/postgresql.conf names no port; `make clean` resets it")
        return int(match.group(1))

    def _conf(self) -> str:
        path = self.data / "postgresql.conf"
        return path.read_text() if path.exists() else ""

    def exists(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def bindir(self) -> Path:
        if self._bindir is None:
            self._bindir = self._find_bindir()
        return self._bindir

    def _find_bindir(self) -> Path:
        bindirs = find_bindirs()
        if self.exists():
            major = int((self.data / "PG_VERSION").read_text().strip())
            matching = [b for b in bindirs if major_version(b) == major]
            if not matching:
                raise Unavailable(
                    f"{LOCAL} was made by PostgreSQL {major}, which is no longer installed; "
                    "`make clean` removes it (with its data)."
                )
            return matching[0]
        usable = [b for b in bindirs if major_version(b) >= MIN_MAJOR]
        if not usable:
            found = ", ".join(str(b) for b in bindirs) or "none"
            raise Unavailable(
                f"no PostgreSQL server found on {HOST}:{server_port()}, and no PostgreSQL "
                f"{MIN_MAJOR}+ programs (initdb, pg_ctl) to make a local one (found: {found}). "
                + INSTALL_HINT
            )
        return usable[0]

    def create(self, bindir: Path) -> None:
        log(f"creating a local PostgreSQL cluster in {self.home} (as {self.runner.name})")
        self.runner.own(self.home)
        initdb = [str(bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust"]
        initdb += ["--encoding=UTF8", "--no-sync"]
        # A UTF-8 locale makes pg_trgm and full-text search treat accented letters as letters.
        for locale in ("--locale=C.UTF-8", "--no-locale"):
            done = self.runner.run(
                [*initdb, locale], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            if done.returncode == 0:
                break
            shutil.rmtree(self.data, ignore_errors=True)
        else:
            raise Unavailable(f"initdb failed in {self.data}:\n{done.stdout}")
        sockets = self.home / "run"
        sockets.mkdir(exist_ok=True)
        self.runner.own(sockets)
        port = free_port(int(os.environ.get("NETBIOCLUE_LOCAL_PG_PORT", "54329")))
        # Unix socket paths are limited to 107 bytes; past that, TCP only.
        socket_dir = str(sockets) if len(f"{sockets}/.s.PGSQL.{port}") <= 100 else ""
        settings = "\n".join(
            [
                "",
                "# --- NETBIOCLUE development cluster (scripts/devdb.py) ---",
                "listen_addresses = '127.0.0.1'",
                f"port = {port}",
                f"unix_socket_directories = '{socket_dir}'",
                # Disposable data (`make clean` deletes it, seed_demo rebuilds it): trade
                # crash safety for much faster test database creation.
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "",
            ]
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def running(self) -> bool:
        if not self.exists():
            return False
        status = self.runner.run(
            [str(self.bindir() / "pg_ctl"), "status", "-D", str(self.data)],
            stdout=subprocess.DEVNULL,
        )
        return status.returncode == 0

    def start(self) -> None:
        port = self.port
        if not self.running() and port_open(port):
            raise Unavailable(
                f"port {port}, the local cluster's, is taken by another program; stop it, "
                f"or `make clean` and set NETBIOCLUE_LOCAL_PG_PORT to a free port"
            )
        if self.running():
            return
        log(f"starting the local PostgreSQL cluster on {HOST}:{port} (log: {self.logfile})")
        if not self.logfile.exists():
            self.logfile.touch()
            self.runner.own(self.logfile)
        pg_ctl = [str(self.bindir() / "pg_ctl"), "start", "-w", "-t", "60"]
        if self.runner.run([*pg_ctl, "-D", str(self.data), "-l", str(self.logfile)]).returncode:
            tail = "".join(self.logfile.read_text(errors="replace").splitlines(True)[-15:])
            raise Unavailable(f"the local cluster did not start; end of its log:\n{tail}")

    def stop(self) -> None:
        if self.running():
            log("stopping the local PostgreSQL cluster")
            pg_ctl = [str(self.bindir() / "pg_ctl"), "stop", "-w", "-m", "fast"]
            self.runner.run([*pg_ctl, "-D", str(self.data)])


def free_port(first: int) -> int:
    for port in range(first, first + 20):
        if not port_open(port):
            return port
    raise Unavailable(f"no free port in {first}-{first + 19} for the local cluster")


def local_database() -> str:
    """Step 3: make (once) and start the project-local cluster; its URL."""
    runner = Runner.for_this_process()
    existing = cluster_home(runner, create=False)
    if existing is None or not Cluster(existing, runner).exists():
        bindir = Cluster(LOCAL, runner).bindir()  # fails with the install hint first
        home = cluster_home(runner, create=True)
        cluster = Cluster(home, runner, bindir)
        cluster.create(bindir)
    else:
        cluster = Cluster(existing, runner)
    cluster.start()
    with connect(cluster.port) as conn:
        ensure_database(conn)
    return url(cluster.port)


def server_port() -> int:
    return int(os.environ.get("NETBIOCLUE_PG_PORT", "5432"))


def find() -> str:
    from_env = os.environ.get("DATABASE_URL", "").strip()
    if from_env:
        log("using DATABASE_URL from the environment")
        return from_env
    found = server_database(server_port())
    if found:
        log(f"using the PostgreSQL server on {HOST}:{server_port()}")
        return found
    return local_database()


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "url"
    try:
        if command == "url":
            print(find())
        elif command in ("stop", "remove"):
            runner = Runner.for_this_process()
            home = cluster_home(runner, create=False)
            if home is not None:
                try:
                    Cluster(home, runner).stop()
                except Unavailable as exc:
                    if command != "remove":
                        raise
                    log(f"not stopped ({exc}); removing it anyway")
                if command == "remove":
                    shutil.rmtree(home)
                    if LOCAL.is_symlink():
                        LOCAL.unlink()
        else:
            print(f"usage: {argv[0]} [url|stop|remove]", file=sys.stderr)
            return 2
    except Unavailable as exc:
        log(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
