from django.urls import path

from events import feeds, follows, views

app_name = "events"

urlpatterns = [
    path("", views.index, name="index"),
    path("month/<int:year>/<int:month>/", views.month, name="month"),
    path("day/<int:year>/<int:month>/<int:day>/", views.day, name="day"),
    path("archive/", views.archive, name="archive"),
    path("feed.ics", views.feed_ics, name="feed_ics"),
    path("feed.atom", feeds.EventsAtomFeed(), name="feed_atom"),
    path("feeds/practices.atom", feeds.PracticesAtomFeed(), name="practices_atom"),
    path("new/", views.create, name="create"),
    path("r/<str:token>/confirm/", views.registration_confirm, name="registration_confirm"),
    path("r/<str:token>/accept/", views.registration_accept, name="registration_accept"),
    path("r/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("following/", follows.following, name="following"),
    path("follow/", follows.follow, name="follow"),
    path("digest/unsubscribe/<str:token>/", follows.unsubscribe, name="unsubscribe"),
    path("<slug:slug>.ics", views.ics, name="ics"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/outcome/", views.outcome, name="outcome"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/registration/cancel/", views.my_registration_cancel, name="my_cancel"),
    path("<slug:slug>/attendees/", views.attendees, name="attendees"),
    path("<slug:slug>/attendees.csv", views.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/message/", views.message, name="message"),
    path("<slug:slug>/checkin/", views.checkin, name="checkin"),
]
