"""The publication "Do's and don'ts for biotech cluster development": the catalogue's
fingerprint, the grouping by stage and growth force, the HTML given to WeasyPrint, the
build (reuse, progress, failure, idempotence), the three pages and their query budgets.

Only a few tests run WeasyPrint for real (a build takes about a second here); the others
create ``Publication`` rows in the state they need.
"""

import logging
import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from netbioclue.vocabulary import GrowthForce, Stage
from organisations.models import Activity
from practices.models import Publication, PublicationStatus
from practices.selectors import publication as selectors
from practices.services import publication as services
from practices.services.workflow import practice_archive, practice_publish
from tests.factories import ClusterFactory, PracticeFactory
from tests.practices.factories_workflow import PDF_BYTES

pytestmark = pytest.mark.django_db

PDF_URL = reverse("practices:publication_pdf")
PAGE_URL = reverse("practices:publication")


@pytest.fixture
def genopole(db):
    return ClusterFactory(name="Genopole", short_name="", countries=["FR"], region="Essonne")


def published(**kwargs):
    kwargs.setdefault("dos", ["Involve investors in the jury", "Pay in tranches"])
    kwargs.setdefault("donts", ["Fund more than two years"])
    return PracticeFactory(published=True, **kwargs)


def build_url(publication: Publication) -> str:
    return reverse("practices:publication_build", kwargs={"build_id": publication.pk})


def current_edition(status=PublicationStatus.READY, **kwargs) -> Publication:
    """A row for the current catalogue in ``status``; a ready one gets a (tiny) PDF."""
    state = selectors.catalogue_state()
    publication = Publication.objects.create(
        fingerprint=state.fingerprint,
        status=status,
        practice_count=state.practice_count,
        **kwargs,
    )
    if status == PublicationStatus.READY:
        publication.pdf.save("edition.pdf", ContentFile(PDF_BYTES), save=False)
        publication.progress = 100
        publication.finished_at = publication.finished_at or timezone.now()
        publication.save()
    return publication


def pdf_text(data: bytes, tmp_path: Path) -> str | None:
    """The PDF's text through poppler's pdftotext, or None where it is not installed."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    path = tmp_path / "edition.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


# --- The catalogue's fingerprint -----------------------------------------------------------


class TestFingerprint:
    def test_it_is_one_query(self, django_assert_num_queries):
        published()
        # 1. the aggregate over published practices (count, max dates, digest)
        with django_assert_num_queries(1):
            selectors.catalogue_state()

    def test_it_is_stable_while_the_catalogue_does_not_change(self):
        published()
        assert selectors.catalogue_state() == selectors.catalogue_state()

    def test_it_counts_only_published_practices(self):
        published()
        PracticeFactory(status="draft")
        before = selectors.catalogue_state()
        PracticeFactory(status="submitted")
        assert selectors.catalogue_state() == before
        assert before.practice_count == 1

    def test_publishing_a_practice_changes_it(self, coordinator):
        published()
        submitted = PracticeFactory(status="submitted", submitted_at=timezone.now())
        before = selectors.catalogue_state()
        practice_publish(practice=submitted, by=coordinator)
        after = selectors.catalogue_state()
        assert after.fingerprint != before.fingerprint
        assert after.practice_count == 2

    def test_archiving_a_practice_changes_it(self, coordinator):
        keep, gone = published(), published()
        before = selectors.catalogue_state()
        practice_archive(practice=gone, by=coordinator)
        assert selectors.catalogue_state().fingerprint != before.fingerprint
        assert keep.pk  # the other practice remains published

    def test_an_edit_of_a_published_practice_changes_it(self):
        practice = published()
        before = selectors.catalogue_state()
        # What approving a revision does: new content, a higher version, saved.
        practice.dos = [*practice.dos, "Publish the jury's decisions"]
        practice.version += 1
        practice.save()
        assert selectors.catalogue_state().fingerprint != before.fingerprint

    def test_a_version_bump_alone_changes_it(self):
        # Even within the same microsecond as the last edit, the digest of (id, version)
        # tells the states apart.
        practice = published()
        before = selectors.catalogue_state()
        type(practice).objects.filter(pk=practice.pk).update(version=practice.version + 1)
        assert selectors.catalogue_state().fingerprint != before.fingerprint

    def test_renaming_the_origin_cluster_changes_it(self, genopole):
        published(origin_cluster=genopole)
        before = selectors.catalogue_state()
        genopole.name = "Genopole Évry"
        genopole.save()
        assert selectors.catalogue_state().fingerprint != before.fingerprint

    def test_an_empty_catalogue_has_a_fingerprint_too(self):
        state = selectors.catalogue_state()
        assert len(state.fingerprint) == 64
        assert state.practice_count == 0


# --- The contents: grouping by stage, then growth force ----------------------------------


class TestContents:
    def test_a_practice_appears_under_each_of_its_stages_and_growth_forces(self):
        practice = published(
            title="Proof-of-concept fund",
            stages=[Stage.EMERGING, Stage.MATURE],
            growth_forces=[GrowthForce.FINANCIAL, GrowthForce.SCIENTIFIC],
        )
        contents = selectors.publication_contents()
        cells = {
            (chapter.value, section.value)
            for chapter in contents.chapters
            for section in chapter.sections
            if any(entry.practice.pk == practice.pk for entry in section.entries)
        }
        assert cells == {
            (Stage.EMERGING, GrowthForce.SCIENTIFIC),
            (Stage.EMERGING, GrowthForce.FINANCIAL),
            (Stage.MATURE, GrowthForce.SCIENTIFIC),
            (Stage.MATURE, GrowthForce.FINANCIAL),
        }
        assert contents.practice_count == 1  # once in the appendix

    def test_chapters_follow_the_life_cycle_and_sections_the_growth_forces(self):
        published(stages=[Stage.RENEWING], growth_forces=[GrowthForce.COOPERATION])
        published(stages=[Stage.EMERGING], growth_forces=[GrowthForce.SUPPORT])
        published(stages=[Stage.EMERGING], growth_forces=[GrowthForce.SCIENTIFIC])
        contents = selectors.publication_contents()
        assert [chapter.value for chapter in contents.chapters] == Stage.values
        emerging = contents.chapters[0]
        assert [section.value for section in emerging.sections] == [
            GrowthForce.SCIENTIFIC,
            GrowthForce.SUPPORT,
        ]
        assert contents.chapters[1].sections == []  # developing: nothing yet

    def test_practices_are_numbered_by_title_and_cited_in_that_order(self):
        published(title="Zebrafish platform")
        published(title="animal house")
        published(title="Biobank")
        contents = selectors.publication_contents()
        assert [e.practice.title for e in contents.practices] == [
            "animal house",
            "Biobank",
            "Zebrafish platform",
        ]
        assert [e.number for e in contents.practices] == [1, 2, 3]
        section = contents.chapters[0].sections[0]
        assert [e.number for e in section.entries] == [1, 2, 3]

    def test_unclassified_practices_get_their_own_chapter_and_section(self):
        published(title="Stageless", stages=[], growth_forces=[GrowthForce.FINANCIAL])
        published(title="Forceless", stages=[Stage.MATURE], growth_forces=[])
        contents = selectors.publication_contents()
        unclassified = contents.chapters[-1]
        assert unclassified.value == ""
        assert [e.practice.title for e in unclassified.sections[0].entries] == ["Stageless"]
        mature = next(c for c in contents.chapters if c.value == Stage.MATURE)
        assert mature.sections[-1].value == ""
        assert [e.practice.title for e in mature.sections[-1].entries] == ["Forceless"]

    def test_a_practice_without_advice_is_only_in_the_appendix(self):
        published(title="Silent practice", dos=[], donts=[])
        contents = selectors.publication_contents()
        assert all(not chapter.sections for chapter in contents.chapters)
        assert [e.practice.title for e in contents.practices] == ["Silent practice"]

    def test_drafts_and_archived_practices_are_left_out(self):
        published(title="Published one")
        PracticeFactory(title="A draft", dos=["x"])
        PracticeFactory(title="An archived one", status="archived", dos=["x"])
        titles = [e.practice.title for e in selectors.publication_contents().practices]
        assert titles == ["Published one"]

    @pytest.mark.parametrize("count", [1, 25])
    def test_it_is_one_query_whatever_the_size(self, count, django_assert_num_queries):
        clusters = [ClusterFactory() for _ in range(3)]
        for index in range(count):
            published(origin_cluster=clusters[index % 3], stages=Stage.values[:2])
        # 1. published practices with their owner and cluster (select_related)
        # 2. the published policy recommendations (none: no query for their practices)
        with django_assert_num_queries(2):
            contents = selectors.publication_contents()
            for entry in contents.practices:
                assert entry.practice.owner.name
                assert entry.cluster_name
                assert entry.url
        assert contents.practice_count == count


# --- The HTML WeasyPrint typesets ----------------------------------------------------------


class TestPdfHtml:
    def html(self) -> str:
        return services.publication_html(
            contents=selectors.publication_contents(), edition_date=timezone.localdate()
        )

    def test_it_has_a_cover_an_introduction_contents_chapters_and_an_appendix(self, genopole):
        published(
            title="Proof-of-concept fund",
            origin_cluster=genopole,
            country="FR",
            stages=[Stage.EMERGING],
            growth_forces=[GrowthForce.FINANCIAL],
            dos=["Involve investors in the jury"],
            donts=["Fund more than two years"],
        )
        html = self.html()
        assert "Do’s and don’ts for biotech cluster development</h1>" in html
        assert 'id="introduction"' in html
        assert "Europe INNOVA" in html
        assert 'class="toc"' in html
        assert 'href="#stage-emerging"' in html
        assert 'href="#emerging-financial"' in html
        assert "Chapter 1" in html
        assert "Involve investors in the jury" in html
        assert "Fund more than two years" in html
        # Each item is attributed to its practice: title, cluster, country.
        assert "<cite>Proof-of-concept fund</cite>" in html
        assert "Genopole, France" in html
        assert 'id="appendix"' in html
        assert 'id="practice-1"' in html
        # Page numbers in the footer, page references in the contents.
        assert "counter(page)" in html
        assert "target-counter(attr(href), page)" in html

    def test_it_loads_nothing_from_outside(self):
        published()
        html = self.html()
        assert "<link" not in html
        assert "http://" not in html.split("<body>")[0]
        assert 'src="http' not in html
        assert "@import" not in html
        assert "url('data:image/svg+xml;base64," in html  # the logo, inline

    def test_the_fetcher_refuses_everything_but_data_uris(self):
        fetcher = services._url_fetcher()
        for url in ("https://example.org/tracker.png", "file:///etc/passwd"):
            with pytest.raises(ValueError, match="disallowed protocol"):
                fetcher.fetch(url)
        assert fetcher.fetch("data:text/plain,hello").read() == b"hello"

    def test_illustrative_practices_are_marked_and_explained(self):
        published(title="Made-up practice", is_illustrative=True)
        published(title="Real practice", is_illustrative=False)
        html = self.html()
        assert "A note on the examples." in html
        assert "marked “Illustrative”" in html
        assert html.count('class="badge illustrative"') == 2  # chapter and appendix

    def test_without_illustrative_practices_there_is_no_such_note(self):
        published(is_illustrative=False)
        assert "A note on the examples." not in self.html()

    def test_practice_text_is_escaped(self):
        published(title="<script>alert(1)</script>", dos=["<img src=x onerror=alert(1)>"])
        html = self.html()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img src=x" not in html

    def test_it_is_written_in_the_default_language_whatever_the_request(self, settings):
        from django.utils import translation

        published()
        with translation.override("fr"):
            html = self.html()
        assert '<html lang="en">' in html


# --- Requesting and building ------------------------------------------------------------


class TestRequest:
    def test_a_signed_in_user_gets_a_built_pdf(
        self, bob, genopole, django_capture_on_commit_callbacks, tmp_path
    ):
        published(
            title="Proof-of-concept fund",
            origin_cluster=genopole,
            country="FR",
            dos=["Involve investors in the jury"],
        )
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            publication = services.publication_request(by=bob)
        assert len(callbacks) >= 1  # the build, queued after commit
        publication.refresh_from_db()
        assert publication.status == PublicationStatus.READY
        assert publication.progress == 100
        assert publication.practice_count == 1
        assert publication.finished_at is not None
        assert publication.requested_by == bob
        assert publication.fingerprint == selectors.catalogue_state().fingerprint
        assert publication.pdf.name.startswith("publications/netbioclue-dos-and-donts-")
        with publication.pdf.open("rb") as pdf:
            data = pdf.read()
        assert data.startswith(b"%PDF-")
        assert data.rstrip().endswith(b"%%EOF")
        assert "pages" in publication.message
        text = pdf_text(data, tmp_path)
        if text is not None:
            assert "Proof-of-concept fund" in text
            assert "Involve investors in the jury" in text
            assert "Genopole, France" in text
        actions = list(Activity.objects.values_list("action", flat=True).order_by("id"))
        assert actions[-2:] == ["publication.requested", "publication.built"]

    def test_anonymous_visitors_may_request_a_build(self, django_capture_on_commit_callbacks):
        from django.contrib.auth.models import AnonymousUser

        published()
        with (
            patch.object(services.build_publication, "delay") as delay,
            django_capture_on_commit_callbacks(execute=True),
        ):
            publication = services.publication_request(by=AnonymousUser())
        assert publication.requested_by is None
        assert publication.status == PublicationStatus.QUEUED
        delay.assert_called_once_with(publication.pk)

    def test_a_ready_edition_is_reused(self, bob, django_capture_on_commit_callbacks):
        published()
        ready = current_edition()
        with django_capture_on_commit_callbacks() as callbacks:
            assert services.publication_request(by=bob) == ready
        assert callbacks == []
        assert Publication.objects.count() == 1

    @pytest.mark.parametrize("status", [PublicationStatus.QUEUED, PublicationStatus.BUILDING])
    def test_a_build_in_progress_is_reused(self, status, bob, django_capture_on_commit_callbacks):
        published()
        running = current_edition(status=status, progress=40)
        with django_capture_on_commit_callbacks() as callbacks:
            publication = services.publication_request(by=bob)
        assert publication == running
        assert publication.status == status
        assert callbacks == []

    def test_a_failed_edition_is_queued_again(self, bob, django_capture_on_commit_callbacks):
        published()
        failed = current_edition(status=PublicationStatus.FAILED, message="It broke.")
        with django_capture_on_commit_callbacks() as callbacks:
            publication = services.publication_request(by=bob)
        assert publication.pk == failed.pk
        assert publication.status == PublicationStatus.QUEUED
        assert publication.progress == 0
        assert len(callbacks) == 1

    def test_a_stuck_build_is_queued_again(self, bob, django_capture_on_commit_callbacks):
        published()
        stuck = current_edition(status=PublicationStatus.BUILDING, progress=45)
        Publication.objects.filter(pk=stuck.pk).update(
            heartbeat_at=timezone.now() - services.HEARTBEAT_TIMEOUT - timedelta(seconds=1)
        )
        with django_capture_on_commit_callbacks() as callbacks:
            publication = services.publication_request(by=bob)
        assert publication.pk == stuck.pk
        assert publication.status == PublicationStatus.QUEUED
        assert not services.publication_is_stale(publication)  # the clock restarted
        assert len(callbacks) == 1

    def test_a_ready_edition_whose_file_is_gone_is_built_again(
        self, bob, django_capture_on_commit_callbacks
    ):
        published()
        ready = current_edition()
        ready.pdf.storage.delete(ready.pdf.name)
        with django_capture_on_commit_callbacks() as callbacks:
            publication = services.publication_request(by=bob)
        assert publication.status == PublicationStatus.QUEUED
        assert len(callbacks) == 1

    def test_a_changed_catalogue_gets_a_new_edition(
        self, bob, coordinator, django_capture_on_commit_callbacks
    ):
        published()
        old = current_edition()
        submitted = PracticeFactory(status="submitted", submitted_at=timezone.now())
        practice_publish(practice=submitted, by=coordinator)
        with django_capture_on_commit_callbacks() as callbacks:
            new = services.publication_request(by=bob)
        assert new.pk != old.pk
        assert new.practice_count == 2
        assert len(callbacks) == 1


class TestBuild:
    def test_building_a_ready_edition_again_does_nothing(self):
        published()
        ready = current_edition()
        name = ready.pdf.name
        assert services.publication_build(publication_id=ready.pk) is None
        ready.refresh_from_db()
        assert ready.pdf.name == name
        assert ready.status == PublicationStatus.READY

    def test_a_build_another_worker_is_running_is_left_alone(self):
        published()
        running = current_edition(status=PublicationStatus.BUILDING, progress=40)
        assert services.publication_build(publication_id=running.pk) is None
        running.refresh_from_db()
        assert running.progress == 40

    def test_a_stuck_build_is_taken_over(self):
        published()
        stuck = current_edition(status=PublicationStatus.BUILDING, progress=45)
        long_ago = timezone.now() - services.HEARTBEAT_TIMEOUT - timedelta(seconds=1)
        Publication.objects.filter(pk=stuck.pk).update(heartbeat_at=long_ago)
        publication = services.publication_build(publication_id=stuck.pk)
        assert publication.status == PublicationStatus.READY
        assert publication.heartbeat_at > long_ago  # the new worker beats

    def test_a_failed_build_is_not_retried_by_a_redelivered_task(self):
        published()
        failed = current_edition(status=PublicationStatus.FAILED, message="It broke.")
        assert services.publication_build(publication_id=failed.pk) is None
        failed.refresh_from_db()
        assert failed.status == PublicationStatus.FAILED

    def test_an_unknown_edition_is_ignored(self):
        assert services.publication_build(publication_id=987654) is None

    def test_a_failure_marks_the_edition_failed_without_raising(self, monkeypatch, caplog):
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)

        def broken(html):
            raise OSError("Pango is missing")

        monkeypatch.setattr(services, "_weasyprint_html", broken)
        with caplog.at_level(logging.ERROR, logger="practices.services.publication"):
            publication = services.publication_build(publication_id=queued.pk)
        assert publication.status == PublicationStatus.FAILED
        assert "could not be built (OSError)" in publication.message
        assert "Pango" not in publication.message  # details stay in the log
        assert publication.finished_at is not None
        assert not publication.pdf
        assert "Pango is missing" in caplog.text
        failure = Activity.objects.get(action="publication.failed")
        assert "Pango is missing" in failure.data["error"]

    def test_progress_is_reported_step_by_step(self, monkeypatch):
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)
        seen = []
        report = services._progress

        def record(publication, progress, message):
            report(publication, progress, message)
            # Each step is written where another connection would see it.
            seen.append(Publication.objects.values_list("progress", flat=True).get(pk=queued.pk))

        monkeypatch.setattr(services, "_progress", record)
        services.publication_build(publication_id=queued.pk)
        assert seen[:3] == [10, 25, 40]
        assert seen == sorted(seen)
        assert seen[-1] == 95
        queued.refresh_from_db()
        assert queued.progress == 100

    def test_layout_pages_are_reported_as_progress(self):
        published()
        building = current_edition(status=PublicationStatus.BUILDING, progress=40)
        handler = services._LayoutProgressHandler(building, expected_pages=10)
        progress_logger = logging.getLogger("weasyprint.progress")
        for page in (1, 2, 5, 3, 10, 12):
            handler.handle(
                progress_logger.makeRecord(
                    progress_logger.name,
                    logging.INFO,
                    __file__,
                    0,
                    services._LayoutProgressHandler.MESSAGE,
                    (page,),
                    None,
                )
            )
        building.refresh_from_db()
        assert building.progress == 80
        assert "page 10" in building.message

    def test_only_the_newest_editions_keep_their_pdf(self, django_capture_on_commit_callbacks):
        old = []
        for index in range(services.KEEP_EDITIONS):
            publication = Publication.objects.create(
                fingerprint=f"old-{index}",
                status=PublicationStatus.READY,
                finished_at=timezone.now() - timedelta(days=10 - index),
            )
            publication.pdf.save(f"old-{index}.pdf", ContentFile(PDF_BYTES))
            old.append(publication)
        published()
        queued = current_edition(status=PublicationStatus.QUEUED)
        with django_capture_on_commit_callbacks(execute=True):
            services.publication_build(publication_id=queued.pk)
        kept = set(Publication.objects.values_list("pk", flat=True))
        assert kept == {queued.pk, *(p.pk for p in old[1:])}
        assert not old[0].pdf.storage.exists(old[0].pdf.name)


# --- The web page -----------------------------------------------------------------------------


class TestPublicationPage:
    def test_anyone_reads_the_advice_with_links_to_the_catalogue_and_the_pdf(
        self, client, genopole
    ):
        practice = published(
            title="Proof-of-concept fund",
            origin_cluster=genopole,
            country="FR",
            dos=["Involve investors in the jury"],
            donts=["Fund more than two years"],
        )
        response = client.get(PAGE_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Involve investors in the jury" in html
        assert "Fund more than two years" in html
        assert "Genopole, France" in html
        assert f'href="{practice.get_absolute_url()}"' in html
        assert f'href="{PDF_URL}"' in html
        assert f'href="{reverse("practices:list")}"' in html

    def test_it_shows_the_current_catalogue(self, client, coordinator):
        published(title="First practice")
        assert "Second practice" not in client.get(PAGE_URL).content.decode()
        submitted = PracticeFactory(
            title="Second practice", status="submitted", submitted_at=timezone.now()
        )
        practice_publish(practice=submitted, by=coordinator)
        assert "Second practice" in client.get(PAGE_URL).content.decode()

    def test_it_is_served_in_the_visitor_language(self, client):
        published()
        english = client.get(PAGE_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Introduction" in english

    @pytest.mark.parametrize("count", [1, 25])
    def test_query_budget(self, count, client, django_assert_num_queries):
        clusters = [ClusterFactory() for _ in range(3)]
        for index in range(count):
            published(origin_cluster=clusters[index % 3], stages=Stage.values[:2])
        # 1. the catalogue's fingerprint
        # 2. published practices with owner and cluster (the text is not cached yet)
        # 3. the published policy recommendations (none: no query for their practices)
        with django_assert_num_queries(3):
            assert client.get(PAGE_URL).status_code == 200
        # 1. the catalogue's fingerprint (the text comes from the cache)
        with django_assert_num_queries(1):
            assert client.get(PAGE_URL).status_code == 200

    def test_query_budget_when_signed_in(self, client, bob, django_assert_num_queries):
        published()
        client.force_login(bob)
        client.get(PAGE_URL)
        # 1. session 2. user 3. the catalogue's fingerprint
        with django_assert_num_queries(3):
            assert client.get(PAGE_URL).status_code == 200


# --- The PDF download and build pages ---------------------------------------------------------


class TestPdfPage:
    def test_a_ready_edition_is_downloaded(self, client):
        published()
        ready = current_edition(finished_at=timezone.now())
        response = client.get(PDF_URL)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        day = timezone.localdate(ready.finished_at).isoformat()
        assert response["Content-Disposition"] == (
            f'attachment; filename="netbioclue-dos-and-donts-{day}.pdf"'
        )
        assert b"".join(response.streaming_content) == PDF_BYTES

    def test_without_an_edition_a_signed_in_user_is_offered_a_build(self, client, bob):
        published()
        client.force_login(bob)
        response = client.get(PDF_URL)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Build the PDF" in html
        assert f'action="{PDF_URL}"' in html
        assert 'method="post"' in html

    def test_without_an_edition_an_anonymous_visitor_may_build_it_without_signing_in(self, client):
        published()
        html = client.get(PDF_URL).content.decode()
        assert "Sign in" not in html.split('id="main"')[1]
        assert f'action="{PDF_URL}"' in html
        assert "Build the PDF" in html

    def test_a_build_in_progress_is_followed_not_started_again(self, client, bob):
        published()
        running = current_edition(status=PublicationStatus.BUILDING, progress=40)
        client.force_login(bob)
        html = client.get(PDF_URL).content.decode()
        assert "Follow the build" in html
        assert build_url(running) in html
        assert "Build the PDF" not in html

    def test_a_failed_build_shows_its_error_and_a_retry(self, client, bob):
        published()
        current_edition(status=PublicationStatus.FAILED, message="The PDF could not be built.")
        client.force_login(bob)
        html = client.get(PDF_URL).content.decode()
        assert "The PDF could not be built." in html
        assert "Try again" in html

    def test_an_earlier_edition_is_offered_while_the_current_one_is_not_built(self, client):
        earlier = Publication.objects.create(
            fingerprint="an-older-catalogue",
            status=PublicationStatus.READY,
            practice_count=3,
            finished_at=timezone.now() - timedelta(days=3),
        )
        earlier.pdf.save("earlier.pdf", ContentFile(PDF_BYTES))
        published()
        running = current_edition(status=PublicationStatus.BUILDING, progress=40)
        html = client.get(PDF_URL).content.decode()  # anonymous
        assert "The latest edition" in html
        assert f"{PDF_URL}?edition={earlier.pk}" in html
        # The latest edition comes first; the new one is followed, not offered again.
        assert html.index(f"?edition={earlier.pk}") < html.index(build_url(running))
        assert "40% done" in html
        assert "Build the PDF" not in html
        response = client.get(PDF_URL, {"edition": earlier.pk})
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES

    @pytest.mark.parametrize("edition", ["abc", "-1", "999999"])
    def test_an_unknown_edition_is_not_found(self, client, edition):
        assert client.get(PDF_URL, {"edition": edition}).status_code == 404

    def test_an_edition_that_is_not_ready_is_not_found(self, client):
        published()
        running = current_edition(status=PublicationStatus.BUILDING)
        assert client.get(PDF_URL, {"edition": running.pk}).status_code == 404

    def test_anonymous_visitors_build_without_signing_in(self, client):
        published()
        with patch.object(services.build_publication, "delay_on_commit") as queued:
            response = client.post(PDF_URL)
        publication = Publication.objects.get()
        assert response.status_code == 302
        assert response["Location"] == build_url(publication)
        assert publication.requested_by is None
        queued.assert_called_once_with(publication.pk)

    def test_post_builds_then_the_pdf_is_downloaded(
        self, client, bob, django_capture_on_commit_callbacks
    ):
        published(title="Proof-of-concept fund")
        client.force_login(bob)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(PDF_URL)
        publication = Publication.objects.get()
        assert response.status_code == 302
        assert response["Location"] == build_url(publication)
        # Celery runs eagerly here: the build is done when the page opens.
        html = client.get(build_url(publication)).content.decode()
        assert 'http-equiv="refresh"' not in html
        assert f"{PDF_URL}?edition={publication.pk}" in html
        download = client.get(PDF_URL)
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")

    def test_posting_twice_does_not_build_twice(
        self, client, bob, alice, django_capture_on_commit_callbacks
    ):
        published()
        client.force_login(bob)
        with django_capture_on_commit_callbacks(execute=True) as first:
            client.post(PDF_URL)
        client.force_login(alice)
        with django_capture_on_commit_callbacks(execute=True) as second:
            response = client.post(PDF_URL)
        assert len(first) >= 1
        assert second == []
        assert response["Location"] == build_url(Publication.objects.get())

    def test_query_budget_of_the_download(self, client, django_assert_num_queries):
        published()
        current_edition()
        # 1. the rate-limit counter 2. the catalogue's fingerprint 3. its edition
        with django_assert_num_queries(3):
            response = client.get(PDF_URL)
        assert response.status_code == 200
        response.close()


class TestBuildPage:
    @pytest.mark.parametrize("status", [PublicationStatus.QUEUED, PublicationStatus.BUILDING])
    def test_a_build_in_progress_refreshes_itself(self, client, status):
        published()
        running = current_edition(status=status, progress=40, message="Typesetting the pages.")
        response = client.get(build_url(running))
        assert response.status_code == 200
        html = response.content.decode()
        # Reloads itself without a script; with one, the script updates it in place.
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
        assert "practices/build-progress.js" in html
        assert 'data-build-status-url="' in html
        assert 'value="40"' in html
        assert "40%" in html
        assert "Typesetting the pages." in html
        assert "no-cache" in response["Cache-Control"]

    def test_a_ready_build_links_to_its_pdf(self, client):
        published()
        ready = current_edition()
        html = client.get(build_url(ready)).content.decode()
        assert 'http-equiv="refresh"' not in html
        assert f"{PDF_URL}?edition={ready.pk}" in html
        assert "Download the PDF" in html
        assert "The catalogue has changed" not in html

    def test_a_ready_build_of_an_older_catalogue_says_so(self, client, bob):
        published()
        ready = current_edition()
        published()
        client.force_login(bob)
        html = client.get(build_url(ready)).content.decode()
        assert "The catalogue has changed" in html
        assert "Build the PDF of the current catalogue" in html

    def test_a_failed_build_shows_the_error_and_a_retry_button(self, client, bob):
        published()
        failed = current_edition(
            status=PublicationStatus.FAILED, message="The PDF could not be built (OSError)."
        )
        client.force_login(bob)
        html = client.get(build_url(failed)).content.decode()
        assert 'http-equiv="refresh"' not in html
        assert "The PDF could not be built (OSError)." in html
        assert "Try again" in html
        assert f'action="{PDF_URL}"' in html

    def test_anonymous_visitors_may_retry_too(self, client):
        published()
        failed = current_edition(status=PublicationStatus.FAILED, message="Broken.")
        html = client.get(build_url(failed)).content.decode()
        assert "Sign in to build the PDF" not in html
        assert f'action="{PDF_URL}"' in html

    def test_a_stuck_build_stops_refreshing_and_offers_a_retry(self, client, bob):
        published()
        stuck = current_edition(status=PublicationStatus.BUILDING, progress=45)
        Publication.objects.filter(pk=stuck.pk).update(
            heartbeat_at=timezone.now() - services.HEARTBEAT_TIMEOUT - timedelta(seconds=1)
        )
        client.force_login(bob)
        html = client.get(build_url(stuck)).content.decode()
        assert 'http-equiv="refresh"' not in html
        assert "stopped before it finished" in html
        assert "Try again" in html

    def test_an_unknown_build_is_not_found(self, client):
        response = client.get(reverse("practices:publication_build", kwargs={"build_id": 9999}))
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("query", "headers"),
        [({"format": "json"}, {}), ({}, {"Accept": "application/json"})],
        ids=["format-parameter", "accept-header"],
    )
    def test_scripts_get_the_status_as_json(self, client, query, headers):
        published()
        ready = current_edition()
        response = client.get(build_url(ready), query, headers=headers)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert data["id"] == ready.pk
        assert data["status"] == "ready"
        assert data["progress"] == 100
        assert data["is_current"] is True
        assert data["stale"] is False
        assert data["download_url"] == f"http://testserver{PDF_URL}?edition={ready.pk}"
        assert data["status_url"] == f"http://testserver{build_url(ready)}"

    def test_json_of_a_build_in_progress_has_no_download(self, client):
        published()
        running = current_edition(status=PublicationStatus.BUILDING, progress=40)
        data = client.get(build_url(running), {"format": "json"}).json()
        assert data["status"] == "building"
        assert data["progress"] == 40
        assert data["download_url"] is None

    def test_json_of_an_unknown_build_is_a_json_404(self, client):
        url = reverse("practices:publication_build", kwargs={"build_id": 9999})
        response = client.get(url, {"format": "json"})
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}

    def test_browsers_get_html(self, client):
        published()
        ready = current_edition()
        response = client.get(
            build_url(ready),
            headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
        )
        assert response["Content-Type"].startswith("text/html")

    def test_query_budget(self, client, django_assert_num_queries):
        published()
        running = current_edition(status=PublicationStatus.BUILDING)
        # 1. the edition 2. the catalogue's fingerprint (is it the current one?)
        with django_assert_num_queries(2):
            assert client.get(build_url(running)).status_code == 200


# --- Rebuilt by itself ---------------------------------------------------------------------


class TestAutomaticRebuild:
    def test_publishing_a_practice_queues_the_rebuild_after_commit(
        self, settings, coordinator, django_capture_on_commit_callbacks
    ):
        from practices.tasks import refresh_publication

        settings.PUBLICATION_AUTO_REFRESH = True
        settings.PUBLICATION_REFRESH_DELAY = 30
        submitted = PracticeFactory(status="submitted", submitted_at=timezone.now())
        with patch.object(refresh_publication, "apply_async") as queued:
            with django_capture_on_commit_callbacks(execute=False) as callbacks:
                practice_publish(practice=submitted, by=coordinator)
            queued.assert_not_called()  # nothing before the commit
            for callback in callbacks:
                callback()
        queued.assert_called_once_with(countdown=30)

    def test_archiving_queues_it_too(
        self, settings, coordinator, django_capture_on_commit_callbacks
    ):
        from practices.tasks import refresh_publication

        settings.PUBLICATION_AUTO_REFRESH = True
        practice = published()
        with (
            patch.object(refresh_publication, "apply_async") as queued,
            django_capture_on_commit_callbacks(execute=True),
        ):
            practice_archive(practice=practice, by=coordinator)
        queued.assert_called_once()

    def test_the_task_queues_the_current_edition_and_keeps_the_last_good_one(
        self, client, django_capture_on_commit_callbacks
    ):
        from practices.tasks import refresh_publication

        earlier = Publication.objects.create(
            fingerprint="an-older-catalogue",
            status=PublicationStatus.READY,
            practice_count=1,
            finished_at=timezone.now() - timedelta(days=1),
        )
        earlier.pdf.save("earlier.pdf", ContentFile(PDF_BYTES))
        published()
        with (
            patch.object(services.build_publication, "delay") as build,
            django_capture_on_commit_callbacks(execute=True),
        ):
            refresh_publication.apply()
        new = Publication.objects.exclude(pk=earlier.pk).get()
        assert new.fingerprint == selectors.catalogue_state().fingerprint
        assert new.status == PublicationStatus.QUEUED
        assert new.requested_by is None
        build.assert_called_once_with(new.pk)
        # While it builds, anyone downloads the last good edition.
        html = client.get(PDF_URL).content.decode()
        assert f"?edition={earlier.pk}" in html
        response = client.get(PDF_URL, {"edition": earlier.pk})
        assert b"".join(response.streaming_content) == PDF_BYTES


# --- With a real broker and worker -----------------------------------------------------------


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_the_pdf_through_redis(settings, bob, tmp_path):
    """The task crosses a real Redis broker to a real Celery worker process.

    The worker is a subprocess on the test database (``transaction=True`` commits the
    rows it must see), with the same MEDIA_ROOT; the page polls the row as a browser
    would.
    """
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("TEST_REDIS_URL is not set (make test sets it when Redis answers)")
    from netbioclue.celery import app

    published(title="Built by a worker")
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
    queue = f"publication-test-{os.getpid()}"
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "netbioclue",
            "worker",
            "--pool=solo",
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
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous = {
        "broker_url": app.conf.broker_url,
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    _configure_celery(app, broker_url=redis_url, task_always_eager=False, task_default_queue=queue)
    try:
        publication = services.publication_request(by=bob)  # commits: transaction=True
        publication.refresh_from_db()
        assert publication.status != PublicationStatus.READY  # not built in this process
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            publication.refresh_from_db()
            if publication.status in (PublicationStatus.READY, PublicationStatus.FAILED):
                break
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            time.sleep(0.5)
        assert publication.status == PublicationStatus.READY, publication.message
        with publication.pdf.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        log.flush()
        assert "build_publication" in (tmp_path / "worker.log").read_text()
    finally:
        with app.connection_for_write(redis_url) as conn:
            conn.default_channel.queue_purge(queue)
        _configure_celery(app, **previous)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()


def _configure_celery(app, **conf) -> None:
    # Connection pools are made for the broker of the moment: drop them with it (what
    # Celery itself does after a fork). Celery's pool is kombu's process-wide one for the
    # broker URL: closing it alone would hand the next test using that URL a closed pool
    # ("Acquire on closed pool"), so kombu's registry is reset as well.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.update(**conf)


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_for_the_edition_queue_one_build(genopole):
    """Twelve visitors click "Download the PDF" at once, signed in or not: one edition of
    the catalogue, and one build queued."""
    import threading

    from tests.concurrency import in_parallel

    published(title="Seed fund for first-time founders")
    queued, lock = [], threading.Lock()

    def record(publication_id):
        with lock:
            queued.append(publication_id)

    with patch.object(services.build_publication, "delay_on_commit", side_effect=record):
        editions = in_parallel(lambda _i: services.publication_request(by=None).pk, 12)

    assert len(set(editions)) == 1
    assert Publication.objects.count() == 1
    assert queued == editions[:1]
