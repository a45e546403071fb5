from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("partners/", views.partner_list_view, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail_view, name="partner_detail"),
    path("partners/<slug:slug>/logo.png", views.partner_logo_view, name="partner_logo"),
    path("dashboard/<slug:slug>/page/", views.organisation_profile_view, name="profile"),
    path("dashboard/<slug:slug>/people/", views.people_view, name="people"),
    path("dashboard/<slug:slug>/people/invite/", views.invite_view, name="invite"),
    path(
        "dashboard/<slug:slug>/people/<int:membership_id>/role/",
        views.change_role_view,
        name="change_role",
    ),
    path(
        "dashboard/<slug:slug>/people/<int:membership_id>/remove/",
        views.remove_member_view,
        name="remove_member",
    ),
    path(
        "dashboard/<slug:slug>/invitations/<int:invitation_id>/revoke/",
        views.revoke_invitation_view,
        name="revoke_invitation",
    ),
    path("dashboard/<slug:slug>/api-keys/", views.api_keys_view, name="api_keys"),
    path(
        "dashboard/<slug:slug>/api-keys/<int:key_id>/revoke/",
        views.revoke_api_key_view,
        name="revoke_api_key",
    ),
    path("invitations/<str:token>/", views.invitation_view, name="invitation"),
]
