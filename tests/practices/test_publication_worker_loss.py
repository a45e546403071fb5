"""No publication build stays stuck when its worker dies (issue 7, point 5).

The unit tests cover the rules on rows in a given state (a stale heartbeat, a redelivered
task, a superseded attempt, a build that kills every worker); the two ``redis`` tests
kill a REAL Celery worker process with SIGKILL in the middle of typesetting and check
that the edition is built all the same, without waiting for any long timeout:

- the process running the task dies, its worker survives: ``reject_on_worker_lost``
  puts the message back and the worker's next process takes the build over;
- the whole worker dies (its message then waits for the broker's 15-minute visibility
  timeout): the heartbeat stops, the build page says so and offers "build again", and a
  second worker builds it.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from netbioclue.celery import app as celery_app
from organisations.models import Activity
from practices.models import Publication, PublicationStatus
from practices.services import publication as services
from practices.tasks import build_publication
from tests.practices.test_publication import _configure_celery, current_edition, published

pytestmark = pytest.mark.django_db

PDF_URL = reverse("practices:publication_pdf")


def _silent_for(publication: Publication, seconds: float) -> None:
    Publication.objects.filter(pk=publication.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


# --- The rules, on rows -------------------------------------------------------------------


class TestStaleness:
    def test_a_build_silent_for_longer_than_the_timeout_is_stale(self):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40)
        _silent_for(building, services.HEARTBEAT_TIMEOUT.total_seconds() + 1)
        building.refresh_from_db()
        assert services.publication_is_stale(building)

    def test_a_dead_build_is_detected_within_a_minute(self):
        assert timedelta(seconds=45) >= services.HEARTBEAT_TIMEOUT
        # The worker beats several times within the timeout, so a slow step is not
        # mistaken for a dead worker.
        assert services.HEARTBEAT_EVERY * 5 <= services.HEARTBEAT_TIMEOUT

    def test_a_long_build_that_still_beats_is_not_stale(self):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=60)
        Publication.objects.filter(pk=building.pk).update(
            created_at=timezone.now() - timedelta(minutes=30), heartbeat_at=timezone.now()
        )
        building.refresh_from_db()
        assert not services.publication_is_stale(building)

    def test_a_queued_build_waits_for_a_busy_queue(self):
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)
        Publication.objects.filter(pk=queued.pk).update(
            created_at=timezone.now() - timedelta(minutes=5)
        )
        queued.refresh_from_db()
        assert not services.publication_is_stale(queued)

    def test_the_page_offers_to_build_again_as_soon_as_the_heartbeat_stops(self, client, bob):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40)
        _silent_for(building, services.HEARTBEAT_TIMEOUT.total_seconds() + 1)
        client.force_login(bob)
        url = reverse("practices:publication_build", kwargs={"build_id": building.pk})
        status = client.get(url, {"format": "json"}).json()
        assert status["stale"] is True
        assert status["heartbeat_at"] is not None
        html = client.get(url).content.decode()
        assert "stopped before it finished" in html
        assert "Try again" in html
        assert 'http-equiv="refresh"' not in html

    def test_building_again_restarts_the_same_row_once(
        self, client, bob, alice, django_capture_on_commit_callbacks
    ):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40, attempts=1)
        _silent_for(building, services.HEARTBEAT_TIMEOUT.total_seconds() + 1)
        with django_capture_on_commit_callbacks() as callbacks:
            first = services.publication_request(by=bob)
            second = services.publication_request(by=alice)  # a second click: reused
        assert first.pk == second.pk == building.pk
        assert second.status == PublicationStatus.QUEUED
        assert second.attempts == 0
        assert second.heartbeat_at is None
        assert len(callbacks) == 1


class TestTakingOver:
    def test_a_redelivered_task_takes_over_a_build_whose_worker_died(self):
        published()
        # Killed a second ago: the heartbeat is still fresh.
        building = current_edition(status=PublicationStatus.BUILDING, progress=40, attempts=1)
        Publication.objects.filter(pk=building.pk).update(heartbeat_at=timezone.now())
        publication = services.publication_build(publication_id=building.pk, redelivered=True)
        assert publication.status == PublicationStatus.READY
        assert publication.attempts == 2

    def test_a_fresh_build_is_left_alone_by_a_duplicate_task(self):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40, attempts=1)
        Publication.objects.filter(pk=building.pk).update(heartbeat_at=timezone.now())
        assert services.publication_build(publication_id=building.pk) is None

    def test_a_build_that_keeps_killing_its_workers_is_given_up(self):
        published()
        building = current_edition(
            status=PublicationStatus.BUILDING, progress=40, attempts=services.MAX_ATTEMPTS
        )
        assert services.publication_build(publication_id=building.pk, redelivered=True) is None
        building.refresh_from_db()
        assert building.status == PublicationStatus.FAILED
        assert "stopped its worker" in building.message
        assert Activity.objects.filter(action="publication.failed").exists()

    def test_a_superseded_worker_stops_without_touching_the_row(self, monkeypatch):
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)
        render = services.publication_html

        def taken_over_meanwhile(**kwargs):
            # Another worker, thinking this one dead, claims the build.
            Publication.objects.filter(pk=queued.pk).update(attempts=5, progress=7)
            return render(**kwargs)

        monkeypatch.setattr(services, "publication_html", taken_over_meanwhile)
        assert services.publication_build(publication_id=queued.pk) is None
        queued.refresh_from_db()
        assert queued.status == PublicationStatus.BUILDING
        assert (queued.attempts, queued.progress) == (5, 7)
        assert not Activity.objects.filter(action="publication.failed").exists()

    def test_each_step_beats_the_heartbeat(self, monkeypatch):
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)
        beats = []
        report = services._progress

        def record(publication, progress, message):
            report(publication, progress, message)
            beats.append(Publication.objects.values_list("heartbeat_at", flat=True).get())

        monkeypatch.setattr(services, "_progress", record)
        services.publication_build(publication_id=queued.pk)
        assert len(beats) >= 5
        assert beats == sorted(beats)

    def test_layout_beats_the_heartbeat_between_progress_points(self, monkeypatch):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40)
        Publication.objects.filter(pk=building.pk).update(heartbeat_at=None)
        # 1,000 expected pages: page 1 is far from the next progress point.
        handler = services._LayoutProgressHandler(building, expected_pages=1000)
        monkeypatch.setattr(services, "HEARTBEAT_EVERY", timedelta(0))
        progress_logger = services.logging.getLogger("weasyprint.progress")
        handler.handle(
            progress_logger.makeRecord(
                progress_logger.name,
                services.logging.INFO,
                __file__,
                0,
                services._LayoutProgressHandler.MESSAGE,
                (1,),
                None,
            )
        )
        building.refresh_from_db()
        assert building.progress == 40
        assert building.heartbeat_at is not None


class TestCeleryConfiguration:
    def test_the_build_task_is_put_back_when_its_worker_dies(self):
        assert build_publication.acks_late
        assert build_publication.reject_on_worker_lost

    def test_the_visibility_timeout_exceeds_every_hard_time_limit(self):
        # Otherwise Redis would hand a build that is still running to a second worker.
        visibility = django_settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
        assert celery_app.conf.broker_transport_options["visibility_timeout"] == visibility
        limits = [celery_app.conf.task_time_limit] + [
            task.time_limit for task in celery_app.tasks.values() if task.time_limit
        ]
        assert visibility > max(limits)


# --- With a real broker and a worker killed mid-build ----------------------------------------


def _children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (Linux /proc)."""
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(child) for child in text)
    return children


class _Worker:
    """A Celery worker subprocess on the test database, its own queue and log."""

    def __init__(self, *, redis_url: str, queue: str, log_path: Path, pool: str, settings):
        database = connection.settings_dict
        env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "DATABASE_URL": (
                f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DATABASE_CONN_MAX_AGE": "0",
        }
        self.log_path = log_path
        self.log = log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "netbioclue",
                "worker",
                f"--pool={pool}",
                "--concurrency=1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-Q",
                queue,
                "-l",
                "info",
            ],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture
def broker(settings):
    """Celery in this process sends to Redis, on a queue of the test's own."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("TEST_REDIS_URL is not set (make test sets it when Redis answers)")
    queue = f"publication-loss-test-{os.getpid()}-{time.monotonic_ns()}"
    previous = {
        "broker_url": celery_app.conf.broker_url,
        "task_always_eager": celery_app.conf.task_always_eager,
        "task_default_queue": celery_app.conf.task_default_queue,
    }
    _configure_celery(
        celery_app, broker_url=redis_url, task_always_eager=False, task_default_queue=queue
    )
    workers: list[_Worker] = []

    def start(log_path: Path, pool: str) -> _Worker:
        worker = _Worker(
            redis_url=redis_url, queue=queue, log_path=log_path, pool=pool, settings=settings
        )
        workers.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        with celery_app.connection_for_write(redis_url) as conn:
            conn.default_channel.queue_purge(queue)
            _forget_unacked(conn.default_channel.client, queue)
        _configure_celery(celery_app, **previous)


def _forget_unacked(client, queue: str) -> None:
    # A message of a killed worker waits in Redis's "unacked" hash for the visibility
    # timeout; ours would then be restored to a queue nobody reads. Only our queue's
    # entries are removed: other tests may share this Redis database.
    import json

    for tag, payload in client.hgetall("unacked").items():
        _message, _exchange, routing_key = json.loads(payload)
        if routing_key == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


def _wait_for(publication: Publication, worker: _Worker, condition, *, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        publication.refresh_from_db()
        if condition(publication):
            return
        assert worker.process.poll() is None, worker.text()
        time.sleep(0.1)
    raise AssertionError(
        f"{publication.status} {publication.progress}% {publication.message}\n{worker.text()}"
    )


def _typesetting(publication: Publication) -> bool:
    # Mid-build: WeasyPrint is laying the pages out ("40 %" in the issue).
    return publication.status == PublicationStatus.BUILDING and publication.progress >= 40


def _finished(publication: Publication) -> bool:
    return publication.status in (PublicationStatus.READY, PublicationStatus.FAILED)


def _a_catalogue_that_takes_a_while() -> None:
    # Enough pages that the build is still typesetting when the test kills it.
    for index in range(40):
        published(
            title=f"Practice {index} of a long catalogue",
            dos=[f"Do thing {step} carefully, measuring each result" for step in range(8)],
            donts=[f"Never do thing {step} without a plan" for step in range(8)],
        )


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_build_whose_process_is_killed_is_redelivered_and_finished(broker, bob, tmp_path):
    """SIGKILL the pool process mid-build: the worker requeues the task at once and its
    next process, seeing a redelivered message, takes the build over."""
    _a_catalogue_that_takes_a_while()
    worker = broker(tmp_path / "worker.log", "prefork")
    publication = services.publication_request(by=bob)
    _wait_for(publication, worker, _typesetting, seconds=180)
    assert publication.attempts == 1
    (child,) = _children(worker.process.pid)
    os.kill(child, signal.SIGKILL)

    _wait_for(publication, worker, _finished, seconds=240)
    assert publication.status == PublicationStatus.READY, publication.message
    assert publication.attempts == 2  # the redelivered task took it over
    with publication.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert "WorkerLostError" in worker.text()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_build_whose_whole_worker_is_killed_is_built_again_at_once(
    broker, client, bob, tmp_path, monkeypatch
):
    """SIGKILL the whole worker mid-build: its message waits for the visibility timeout,
    but the heartbeat stops, the build page offers "build again", and a second worker
    builds the edition."""
    _a_catalogue_that_takes_a_while()
    first = broker(tmp_path / "first.log", "solo")
    publication = services.publication_request(by=bob)
    _wait_for(publication, first, _typesetting, seconds=180)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()

    # The heartbeat timeout is 45 s; here time passes faster than waiting for it.
    publication.refresh_from_db()
    silent_since = publication.heartbeat_at
    monkeypatch.setattr(services, "HEARTBEAT_TIMEOUT", timedelta(seconds=2))
    time.sleep(2.5)
    publication.refresh_from_db()
    assert publication.heartbeat_at == silent_since  # nothing beats any more
    client.force_login(bob)
    build_url = reverse("practices:publication_build", kwargs={"build_id": publication.pk})
    status = client.get(build_url, {"format": "json"}).json()
    assert (status["status"], status["stale"]) == ("building", True)
    assert "Try again" in client.get(build_url).content.decode()

    second = broker(tmp_path / "second.log", "solo")
    response = client.post(PDF_URL)  # the "Try again" button
    assert response.status_code == 302
    assert response["Location"] == build_url
    _wait_for(publication, second, _finished, seconds=240)
    assert publication.status == PublicationStatus.READY, publication.message
    with publication.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
