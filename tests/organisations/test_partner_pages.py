"""Partner pages with substance: description, website, logo (checked by its bytes), home
cluster and published practices; edited by the organisation's admins."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from organisations.models import Organisation
from practices.models import Status
from tests.factories import ClusterFactory, OrganisationFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def image_bytes(format_="PNG", size=(1200, 600), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (29, 63, 143) if mode == "RGB" else 0).save(buffer, format=format_)
    return buffer.getvalue()


def upload(name, data, content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def edit_url(org):
    return reverse("organisations:profile", args=[org.slug])


class TestPartnerPage:
    def test_it_shows_what_the_partner_is_and_has_published(self, client):
        cluster = ClusterFactory(name="BioRegion Rhine-Neckar")
        org = OrganisationFactory(
            name="Heidelberg Technology Park",
            description="Labs and offices for young life-science companies.",
            website="https://www.technologiepark-heidelberg.de/",
            home_cluster=cluster,
        )
        shown = PracticeFactory(owner=org, published=True, title="Shared lab benches")
        PracticeFactory(owner=org, status=Status.DRAFT, title="A draft nobody sees")
        PracticeFactory(published=True, title="Someone else's practice")
        html = client.get(org.get_absolute_url()).content.decode()
        assert "Labs and offices for young life-science companies." in html
        assert 'href="https://www.technologiepark-heidelberg.de/"' in html
        assert f'href="{cluster.get_absolute_url()}"' in html
        assert f'href="{shown.get_absolute_url()}"' in html
        assert "A draft nobody sees" not in html
        assert "Someone else's practice" not in html
        assert "Edit this page" not in html  # anonymous

    @pytest.mark.parametrize("count", [1, 20])
    def test_query_budget_whatever_the_number_of_practices(
        self, client, count, django_assert_num_queries
    ):
        org = OrganisationFactory(home_cluster=ClusterFactory())
        PracticeFactory.create_batch(count, owner=org, published=True)
        # 1. the organisation with its home cluster 2. its published practices
        # 3. its next events (events app)
        with django_assert_num_queries(3):
            response = client.get(org.get_absolute_url())
        section = response.content.decode().split('id="partner-practices-title"')[1]
        assert section.split("</section>")[0].count('<li><a href="/practices/') == count

    def test_the_logo_is_served_as_an_image(self, client, org, alice):
        client.force_login(alice)
        client.post(edit_url(org), {"logo": upload("logo.png", image_bytes())})
        org.refresh_from_db()
        page = client.get(org.get_absolute_url()).content.decode()
        logo_url = reverse("organisations:partner_logo", args=[org.slug])
        assert f'src="{logo_url}?v=' in page
        assert f'alt="Logo of {org.name}"' in page
        client.logout()
        response = client.get(logo_url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        stored = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert max(stored.size) == 512  # re-encoded, scaled down

    def test_no_logo_is_a_404(self, client, org):
        assert client.get(reverse("organisations:partner_logo", args=[org.slug])).status_code == 404


class TestEditingThePage:
    @pytest.mark.parametrize(
        ("actor", "expected"),
        # The coordinator is not a member: partner pages are the partners' own words.
        [
            ("alice", 200),
            ("bob", 403),
            ("editor", 403),
            ("charlie", 404),
            ("coordinator", 404),
            (None, 302),
        ],
    )
    def test_only_the_organisation_admins_edit_it(self, client, request, org, actor, expected):
        if actor:
            client.force_login(request.getfixturevalue(actor))
        assert client.get(edit_url(org)).status_code == expected
        response = client.post(edit_url(org), {"description": "Changed", "website": ""})
        assert response.status_code == (302 if expected == 200 else expected)
        org.refresh_from_db()
        assert (org.description == "Changed") == (expected == 200)

    def test_the_admin_saves_text_website_and_logo(self, client, org, alice):
        client.force_login(alice)
        response = client.post(
            edit_url(org),
            {
                "description": "  The East of England's biotech cluster.  ",
                "website": "erbi.co.uk",
                "logo": upload("logo.jpg", image_bytes("JPEG"), "image/jpeg"),
            },
        )
        assert response.status_code == 302
        assert response["Location"] == org.get_absolute_url()
        org.refresh_from_db()
        assert org.description == "The East of England's biotech cluster."
        assert org.website == "https://erbi.co.uk"
        assert org.logo.name.endswith(".png")

    @pytest.mark.parametrize(
        ("name", "data", "message"),
        [
            ("logo.png", b"this is text, not a PNG", "not a PNG, JPEG or WebP image"),
            ("logo.png", image_bytes("GIF"), "this file is GIF"),
            (
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "not a PNG, JPEG or WebP image",
            ),
            ("logo.png", image_bytes()[:200], "not a PNG, JPEG or WebP image"),  # truncated
        ],
    )
    def test_a_logo_is_judged_by_its_bytes(self, client, org, alice, name, data, message):
        client.force_login(alice)
        response = client.post(
            edit_url(org), {"description": "Kept as typed", "logo": upload(name, data)}
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert 'href="#id_logo"' in html  # named in the error summary, linked to the field
        assert "Kept as typed" in html
        assert not Organisation.objects.get(pk=org.pk).logo

    def test_a_huge_image_is_refused_before_decoding(self, client, org, alice):
        client.force_login(alice)
        data = image_bytes(size=(6000, 6000), mode="L")
        response = client.post(edit_url(org), {"logo": upload("logo.png", data)})
        assert response.status_code == 400
        assert "at most 5,000" in response.content.decode()

    def test_the_upload_field_announces_its_types_and_size(self, client, org, alice):
        client.force_login(alice)
        html = client.get(edit_url(org)).content.decode()
        assert 'accept=".png,.jpg,.jpeg,.webp,image/png,image/jpeg,image/webp"' in html
        assert "PNG, JPEG or WebP, at most 2 MB." in html

    def test_replacing_and_removing_the_logo(
        self, client, org, alice, django_capture_on_commit_callbacks
    ):
        client.force_login(alice)
        client.post(edit_url(org), {"logo": upload("a.png", image_bytes())})
        org.refresh_from_db()
        first = org.logo.name
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit_url(org), {"logo": upload("b.png", image_bytes(size=(50, 50)))})
        org.refresh_from_db()
        assert org.logo.name != first
        assert not org.logo.storage.exists(first)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit_url(org), {"remove_logo": "on"})
        org.refresh_from_db()
        assert not org.logo
