"""Settings come from the environment, strictly: production refuses to start half-configured.

Each start is a fresh interpreter (``django.setup()`` in a subprocess) with a controlled
environment, since settings are read once per process.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from netbioclue.env import env_bool

ROOT = Path(__file__).resolve().parents[2]

# What a process inherits that is not configuration.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret",
    "ALLOWED_HOSTS": "portal.netbioclue.example",
    "DATABASE_URL": "postgres://portal:secret@db.netbioclue.example:5432/netbioclue",
    "EMAIL_URL": "smtp+tls://portal:secret@smtp.netbioclue.example:587",
    "REDIS_URL": "redis://redis.netbioclue.example:6379/0",
}

START = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "POOL_MAX_SIZE": settings.DATABASES["default"]["OPTIONS"]["pool"]["max_size"],
    "ALLAUTH_TRUSTED_PROXY_COUNT": settings.ALLAUTH_TRUSTED_PROXY_COUNT,
    "API_NUM_PROXIES": settings.REST_FRAMEWORK["NUM_PROXIES"],
    "DATABASE_HOST": settings.DATABASES["default"]["HOST"],
}))
"""


def start(**variables: str) -> subprocess.CompletedProcess:
    env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="netbioclue.settings", PYTHONDONTWRITEBYTECODE="1")
    env.update(variables)
    return subprocess.run(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def started(process: subprocess.CompletedProcess) -> dict:
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.strip().splitlines()[-1])


def refused(process: subprocess.CompletedProcess) -> str:
    assert process.returncode != 0, process.stdout
    assert "ImproperlyConfigured" in process.stderr, process.stderr
    return process.stderr.strip().splitlines()[-1]


# A full start costs a second or two: each configuration starts once per module.
@pytest.fixture(scope="module")
def development():
    return start()


@pytest.fixture(scope="module")
def production():
    return start(**PRODUCTION)


def test_development_starts_with_nothing_set(development):
    settings = started(development)

    assert settings["DEBUG"] is True
    assert settings["ALLOWED_HOSTS"]


def test_production_starts_when_every_required_variable_is_given(production):
    settings = started(production)

    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["portal.netbioclue.example"]
    assert settings["DATABASE_HOST"] == "db.netbioclue.example"


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL", "REDIS_URL"]
)
def test_production_refuses_to_start_without_a_required_variable(missing):
    variables = {name: value for name, value in PRODUCTION.items() if name != missing}

    error = refused(start(**variables))

    assert missing in error


def test_production_without_a_broker_starts_only_when_in_process_tasks_are_chosen():
    without_broker = {name: value for name, value in PRODUCTION.items() if name != "REDIS_URL"}

    assert "TASKS_IN_PROCESS" in refused(start(**without_broker))
    assert "TASKS_IN_PROCESS" in refused(start(**without_broker, TASKS_IN_PROCESS="false"))
    assert started(start(**without_broker, TASKS_IN_PROCESS="true"))["DEBUG"] is False


def test_production_treats_an_empty_secret_key_as_missing():
    error = refused(start(**{**PRODUCTION, "SECRET_KEY": "  "}))

    assert "SECRET_KEY" in error


def test_a_malformed_boolean_stops_the_start_instead_of_meaning_false():
    error = refused(start(**{**PRODUCTION, "DJANGO_DEBUG": "flase"}))

    assert "DJANGO_DEBUG" in error
    assert "flase" in error


def test_database_connections_come_from_a_bounded_pool(development, production):
    # A pool requires CONN_MAX_AGE = 0: connections go back to the pool, not per thread.
    for process in (development, production):
        assert started(process)["CONN_MAX_AGE"] == 0
        assert started(process)["POOL_MAX_SIZE"] == 10


def test_the_pool_bound_is_a_setting():
    assert started(start(**PRODUCTION, DATABASE_POOL_MAX_SIZE="3"))["POOL_MAX_SIZE"] == 3


@pytest.mark.parametrize("proxies", ["0", "1", "2"])
def test_sign_in_limits_trust_the_same_proxies_as_the_api(proxies):
    settings = started(start(**PRODUCTION, API_NUM_PROXIES=proxies))

    assert settings["ALLAUTH_TRUSTED_PROXY_COUNT"] == settings["API_NUM_PROXIES"] == int(proxies)


def test_the_retired_persistent_connection_setting_is_refused():
    # Setting it with a pool would fail later with a less helpful error.
    error = refused(start(**PRODUCTION, DATABASE_CONN_MAX_AGE="600"))

    assert "DATABASE_POOL_MAX_SIZE" in error


def test_env_example_documents_every_variable_the_settings_read():
    sources = (ROOT / "netbioclue" / "settings.py").read_text()
    call = r"""(?:env_\w+|os\.environ\.get)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    read = set(re.findall(call, sources))
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE)
    )

    assert read, "no variables found in settings.py: has the way it reads them changed?"
    assert read - documented == set()


# --- env_bool ------------------------------------------------------------------------------

FLAG = "NETBIOCLUE_TEST_FLAG"


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " true "])
def test_env_bool_reads_true_spellings(monkeypatch, value):
    monkeypatch.setenv(FLAG, value)

    assert env_bool(FLAG, default=False) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "off"])
def test_env_bool_reads_false_spellings(monkeypatch, value):
    monkeypatch.setenv(FLAG, value)

    assert env_bool(FLAG, default=True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_falls_back_to_the_default_when_unset(monkeypatch, default):
    monkeypatch.delenv(FLAG, raising=False)

    assert env_bool(FLAG, default=default) is default


@pytest.mark.parametrize("value", ["flase", "ture", "2", "enabled"])
def test_env_bool_rejects_anything_else(monkeypatch, value):
    monkeypatch.setenv(FLAG, value)

    with pytest.raises(ImproperlyConfigured, match=FLAG):
        env_bool(FLAG, default=False)
