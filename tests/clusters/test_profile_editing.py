"""Profile editing: optimistic locking between two editors, and the edit history."""

import pytest
from django.test import Client
from django.urls import reverse

from clusters import services
from clusters.models import ClusterRevision
from tests.concurrency import in_parallel
from tests.factories import PASSWORD


def signed_in(user) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def form_data(client, url) -> dict:
    form = client.get(url).context["form"]
    return {k: v if v is not None else "" for k, v in form.initial.items()}


@pytest.mark.django_db
def test_the_second_editor_gets_a_conflict_and_keeps_their_text(alice, editor, home):
    url = reverse("clusters:edit", args=[home.slug])
    first, second = signed_in(editor), signed_in(alice)
    mine, theirs = form_data(first, url), form_data(second, url)
    assert mine["base"] == theirs["base"]  # both start from the same version
    mine["description"] = "Written by the first editor."
    assert first.post(url, mine).status_code == 302
    theirs["description"] = "Written by the second editor, at length."
    response = second.post(url, theirs)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else saved changes to this profile" in body
    assert "Written by the second editor, at length." in body  # their text, on screen
    assert "Written by the first editor." in body  # and the version saved meanwhile
    assert ClusterRevision.objects.get().content["description"] == "Written by the first editor."
    # Saving again, knowingly, over the version shown: accepted.
    theirs["base"] = response.context["form"].data["base"]
    assert second.post(url, theirs).status_code == 302
    assert ClusterRevision.objects.get().content["description"].startswith("Written by the second")


@pytest.mark.django_db(transaction=True)
def test_two_parallel_saves_from_one_version_write_once(alice, editor, home):
    base = services.profile_version(home, None)

    def save(index: int) -> str:
        user = (editor, alice)[index]
        try:
            services.cluster_profile_propose(
                cluster=home, data={"description": f"Version {index}"}, by=user, base=base
            )
        except services.EditConflict:
            return "conflict"
        return "saved"

    assert sorted(in_parallel(save, 2)) == ["conflict", "saved"]
    assert ClusterRevision.objects.count() == 1


@pytest.mark.django_db
def test_the_profile_lists_its_edit_history(client, coordinator, editor, home):
    revision = services.cluster_profile_propose(
        cluster=home, data={"description": "New words", "website": "https://x.example"},
        by=editor,
    )  # fmt: skip
    public = client.get(home.get_absolute_url()).content.decode()
    assert "Edit history" in public and "No change to this profile has been approved" in public
    services.cluster_revision_approve(revision=revision, by=coordinator)
    public = client.get(home.get_absolute_url()).content.decode()
    assert "approved" in public and "Description" in public and "Website" in public
    assert "editor@example.org" not in public  # the public sees the partner, not people
    mine = signed_in(editor).get(home.get_absolute_url()).content.decode()
    assert "proposed" in mine and "editor@example.org" in mine
