from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.index, name="index"),
    path("apply/", views.expert_apply, name="apply"),
    path("propose/", views.expert_propose, name="propose"),
    path("me/consent/", views.expert_consent, name="consent"),
    path("how-matching-works/", views.how_matching_works, name="how_matching_works"),
    path("validation/", views.validation_queue, name="validation_queue"),
    path("batch/", views.batch, name="batch"),
    path("validation/<int:pk>/", views.expert_decide, name="decide"),
    path("me/export.json", views.expert_export, name="export"),
    path("me/erase/", views.expert_erase, name="erase"),
    path("<int:pk>/", views.expert_detail, name="detail"),
    path("<int:pk>/edit/", views.expert_edit, name="edit"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path(
        "requests/<int:pk>/<slug:action>/",
        views.request_action,
        name="request_action",
    ),
    path("offers/<str:token>/", views.offer, name="offer"),
]
