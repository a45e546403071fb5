from django.urls import path

from clusters import views

app_name = "clusters"

urlpatterns = [
    path("", views.cluster_list_view, name="list"),
    path("assess/", views.assess_view, name="assess"),
    path("assess/result/", views.assess_result_view, name="assess_result"),
    path("assess/print/", views.assess_print_view, name="assess_print"),
    path("assess/how-it-works/", views.assess_how_view, name="assess_how"),
    path("assess/attach/", views.assess_attach_view, name="assess_attach"),
    path("assessments/<str:token>/", views.saved_assessment_view, name="saved_assessment"),
    path("compare/", views.compare_view, name="compare"),
    path("world-regions/", views.regions_view, name="regions"),
    path("map/", views.map_view, name="map"),
    path("fit/<slug:practice_slug>/", views.fit_view, name="fit"),
    path("business-models/", views.business_models_view, name="business_models"),
    path("recommendations/", views.recommendation_list_view, name="recommendations"),
    path(
        "recommendations/propose/",
        views.recommendation_propose_view,
        name="recommendation_propose",
    ),
    path(
        "moderation/recommendations/<int:pk>/",
        views.recommendation_decide_view,
        name="recommendation_decide",
    ),
    path("indicators/", views.indicator_list_view, name="indicator_list"),
    path("indicators/<slug:slug>/", views.indicator_view, name="indicator"),
    path("moderation/", views.moderation_view, name="moderation"),
    path("moderation/revisions/<int:pk>/", views.revision_decide_view, name="revision_decide"),
    path("moderation/values/<int:pk>/", views.value_decide_view, name="value_decide"),
    path("<slug:slug>/", views.cluster_detail_view, name="detail"),
    path("<slug:slug>/indicators/", views.cluster_indicators_view, name="indicators"),
    path("<slug:slug>/indicators/add/", views.indicator_value_add_view, name="indicator_add"),
    path("<slug:slug>/edit/", views.cluster_edit_view, name="edit"),
]
