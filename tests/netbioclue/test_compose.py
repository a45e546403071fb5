"""docker-compose.yml is valid and describes the whole production stack.

Checked with docker-compose itself (Debian's v1.29 is enough; no Docker engine is needed
for `config`) in a copy of the project's compose file, with .env.example as .env.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"postgres", "redis", "web", "worker", "beat"}
APPLICATION = {"web", "worker", "beat"}


def compose(directory: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("docker-compose"), "--project-directory", str(directory), *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if shutil.which("docker-compose") is None:
        pytest.skip("docker-compose is not installed (Debian: apt-get install docker-compose)")
    directory = tmp_path_factory.mktemp("compose")
    shutil.copy(ROOT / "docker-compose.yml", directory / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", directory / ".env")
    return directory


@pytest.fixture(scope="module")
def stack(project):
    """The services as docker-compose resolves them (.env read, anchors merged)."""
    process = compose(project, "config")
    assert process.returncode == 0, process.stderr
    return yaml.safe_load(process.stdout)["services"]


def test_compose_file_is_valid_with_the_example_environment(project):
    process = compose(project, "config", "-q")

    assert process.returncode == 0, process.stderr


def test_every_service_exists_and_has_a_healthcheck(stack):
    assert set(stack) >= SERVICES
    for name in SERVICES:
        assert stack[name].get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_application_services_wait_for_healthy_postgres_and_redis(stack):
    for name in APPLICATION:
        depends_on = stack[name]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name


def test_application_services_run_in_production_mode_from_env_file(stack):
    for name in APPLICATION:
        environment = stack[name]["environment"]
        assert environment["DJANGO_DEBUG"] == "false", name
        # From .env (env_file), which is .env.example here.
        for variable in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL", "REDIS_URL"):
            assert environment.get(variable), f"{name} gets no {variable}"


def test_web_migrates_then_serves_with_gunicorn_and_checks_healthz(stack):
    command = " ".join(stack["web"]["command"])
    healthcheck = " ".join(stack["web"]["healthcheck"]["test"])

    assert command.index("migrate") < command.index("gunicorn netbioclue.wsgi")
    assert "0.0.0.0:8000" in command
    assert "/healthz" in healthcheck


def test_worker_and_beat_run_celery(stack):
    assert stack["worker"]["command"][:4] == ["celery", "-A", "netbioclue", "worker"]
    assert stack["beat"]["command"][:4] == ["celery", "-A", "netbioclue", "beat"]


def test_database_and_broker_images_and_volumes(stack):
    assert stack["postgres"]["image"] == "postgres:15"
    assert stack["redis"]["image"] == "redis:7"
    assert any("/var/lib/postgresql/data" in volume for volume in stack["postgres"]["volumes"])


def test_env_example_holds_placeholders_not_secrets():
    values = dict(
        re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", (ROOT / ".env.example").read_text(), re.M)
    )

    assert values["SECRET_KEY"] == "change-me"
    assert "change-me" in values["POSTGRES_PASSWORD"]
    assert values["POSTGRES_PASSWORD"] in values["DATABASE_URL"]
    assert "change-me" in values["EMAIL_URL"]
