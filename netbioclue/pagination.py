"""Page-number pagination for HTML lists, forgiving about bad page numbers."""

from django.core.paginator import Page, Paginator


def paginate(request, object_list, *, per_page: int = 20) -> Page:
    """The requested page; an out-of-range or malformed ``page`` gives the nearest page."""
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(request.GET.get("page"))
