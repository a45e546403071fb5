"""``generate_bench_data``: realistic synthetic practices for the search benchmark."""

import pytest
from django.core.management import CommandError, call_command

from practices.management.commands.generate_bench_data import (
    COMMON_TERM,
    SELECTIVE_TERM,
    SLUG_PREFIX,
)
from practices.models import Practice, SearchWord, Status
from tests.factories import OrganisationFactory, PracticeFactory

# The command VACUUMs (impossible inside a transaction) and copies from worker threads
# with their own connections: the test database is really written and flushed after.
pytestmark = pytest.mark.django_db(transaction=True)


def generate(n: int, *args):
    call_command("generate_bench_data", "--practices", str(n), "--jobs", "2", *args)


def test_it_fills_the_catalogue_with_published_searchable_practices():
    partner = OrganisationFactory(is_network_partner=True)

    generate(40)

    practices = Practice.objects.filter(slug__startswith=SLUG_PREFIX)
    assert practices.count() == 40
    assert set(practices.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert not practices.filter(published_at__isnull=True).exists()
    assert set(practices.values_list("owner", flat=True)) == {partner.pk}
    assert practices.filter(is_illustrative=True).count() == 40
    sample = practices.first()
    words = sum(len(getattr(sample, f).split()) for f in ("description", "problem", "how_it_works"))
    assert words > 300  # ~500-word bodies in all
    assert 3 <= len(sample.title) <= 120 and len(sample.summary) <= 500
    # The generated search vectors are there, and the "did you mean" words rebuilt.
    assert practices.filter(search_vector="cluster").exists()
    assert SearchWord.objects.filter(word="cluster").exists()


def test_word_frequencies_make_common_and_selective_terms():
    generate(400)

    practices = Practice.objects.filter(slug__startswith=SLUG_PREFIX)
    common = practices.filter(search_vector=COMMON_TERM).count()
    selective = practices.filter(search_vector=SELECTIVE_TERM).count()
    assert 0.2 * 400 <= common <= 0.45 * 400  # ~30%
    assert selective <= 0.02 * 400  # ~0.3%


def test_it_makes_a_bench_owner_when_there_are_no_partners():
    generate(3)

    owners = Practice.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
        "owner__slug", flat=True
    )
    assert set(owners) == {f"{SLUG_PREFIX}partner"}


def test_runs_add_to_the_bench_rows_and_clear_removes_only_them():
    kept = PracticeFactory(published=True, slug="a-real-practice")

    generate(5)
    generate(3)
    slugs = sorted(
        Practice.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    assert slugs == [f"{SLUG_PREFIX}{n:07d}" for n in range(1, 9)]

    generate(2, "--clear")

    assert Practice.objects.filter(slug__startswith=SLUG_PREFIX).count() == 2
    assert Practice.objects.filter(pk=kept.pk).exists()


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        generate(1)
    assert not Practice.objects.exists()
