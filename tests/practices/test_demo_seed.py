"""``manage.py seed_demo``: the illustrative practices, their history and interviews."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import CommandError, call_command

from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
    Transferability,
)
from organisations.models import Activity
from practices.models import (
    SEARCH_CONFIG,
    Practice,
    PracticeRevision,
    RevisionStatus,
    StakeholderInterview,
    Status,
)
from practices.services.reproducibility import summary

pytestmark = pytest.mark.django_db


def _seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def _counts() -> dict[str, int]:
    return {
        "practices": Practice.objects.count(),
        "interviews": StakeholderInterview.objects.count(),
        "revisions": PracticeRevision.objects.count(),
        "activities": Activity.objects.filter(action__startswith="practice.").count(),
    }


@pytest.fixture
def seeded(db):
    _seed()
    return Practice.objects.select_related("owner", "origin_cluster")


def test_seeding_twice_adds_nothing_and_changes_nothing():
    _seed()
    first = _counts()
    versions = dict(Practice.objects.values_list("slug", "version"))
    _seed()
    assert _counts() == first
    assert dict(Practice.objects.values_list("slug", "version")) == versions
    assert first["practices"] >= 60
    assert first["interviews"] > 0
    assert first["revisions"] == 1


def test_the_demo_catalogue_is_illustrative_and_complete(seeded):
    practices = list(seeded)
    assert len(practices) >= 60
    assert all(practice.is_illustrative for practice in practices)
    assert len({practice.title for practice in practices}) == len(practices)

    statuses = Counter(practice.status for practice in practices)
    assert set(statuses) == set(Status.values)
    assert statuses[Status.PUBLISHED] >= 40
    for status in Status.values:
        assert statuses[status] >= 3, status

    owners = Counter(practice.owner.slug for practice in practices)
    assert owners["erbi"] >= 3  # the demo editors belong to ERBI and JIC
    assert owners["jic"] >= 3


@pytest.mark.parametrize(
    ("field", "choices"),
    [
        ("stages", Stage),
        ("growth_forces", GrowthForce),
        ("tool_types", ToolType),
        ("beneficiaries", Beneficiary),
        ("business_models", BusinessModel),
    ],
)
def test_published_practices_use_every_facet_value(seeded, field, choices):
    used = {
        value for values in seeded.published().values_list(field, flat=True) for value in values
    }
    assert used == set(choices.values)


def test_published_practices_use_every_evidence_level(seeded):
    levels = set(seeded.published().values_list("evidence_level", flat=True))
    assert levels == set(EvidenceLevel.values)


def test_most_published_practices_were_assessed_at_every_level(seeded):
    published = list(seeded.published())
    assessed = [practice for practice in published if practice.interview_count]
    assert len(assessed) > len(published) * 3 / 4
    assert all(1 <= practice.interview_count <= 5 for practice in assessed)
    assert {practice.transferability for practice in assessed} == set(Transferability.values)
    # The stored values are what the interviews say.
    for practice in assessed:
        result = summary(practice)
        assert (result.interview_count, result.transferability) == (
            practice.interview_count,
            practice.transferability,
        )


def test_interviews_are_by_the_reviewer_in_2007_2008_elsewhere(seeded):
    interviews = StakeholderInterview.objects.select_related("practice", "reviewer")
    assert {interview.reviewer.email for interview in interviews} == {"reviewer@netbioclue.example"}
    assert len({interview.stakeholder_type for interview in interviews}) == 5
    for interview in interviews:
        assert datetime.date(2007, 1, 1) <= interview.interviewed_on <= datetime.date(2008, 12, 31)
        assert interview.country != interview.practice.country


def test_a_published_practice_has_a_pending_revision(seeded):
    revision = PracticeRevision.objects.select_related("practice").get()
    assert revision.status == RevisionStatus.PENDING
    assert revision.practice.status == Status.PUBLISHED
    assert revision.content["results"] != revision.practice.results
    assert revision.base_version == revision.practice.version


def test_every_transition_is_in_the_history(seeded):
    draft = seeded.filter(status=Status.DRAFT).first()
    archived = seeded.filter(status=Status.ARCHIVED).first()
    actions = Activity.objects.filter(object_id=archived.pk, action__startswith="practice.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "practice.archived",
        "practice.created",
        "practice.published",
        "practice.submitted",
    ]
    assert list(
        Activity.objects.filter(object_id=draft.pk, action__startswith="practice.").values_list(
            "action", flat=True
        )
    ) == ["practice.created"]
    for practice in seeded.exclude(status=Status.DRAFT):
        assert practice.created_at <= practice.submitted_at


def test_texts_are_valid_practices(seeded):
    for practice in seeded:
        practice.full_clean(exclude=["created_by"], validate_unique=False)
        assert len(practice.dos) + len(practice.donts) >= 2


def test_accented_names_are_found_without_accents(seeded):
    assert seeded.filter(search_vector=SearchQuery("evry", config=SEARCH_CONFIG)).count() >= 2
    assert seeded.filter(search_vector=SearchQuery("lyonbiopole", config=SEARCH_CONFIG)).exists()


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _seed()
    assert Practice.objects.count() == 0
