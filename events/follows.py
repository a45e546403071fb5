"""Following and the weekly digest (views). Filled in below."""

from django.http import Http404


def following(request):
    raise Http404


def follow(request):
    raise Http404


def unsubscribe(request, token):
    raise Http404
