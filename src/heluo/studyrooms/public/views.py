"""The public finder of city study rooms (/public/studyrooms/): no login, no session, no cookie.

Every page is rendered without the request, so no session is read, no CSRF token issued and no user
looked up; the pages are GET only and read the rooms through the public projection alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from heluo.studyrooms.public import projection

# "Open now" changes by the minute: a browser or proxy may keep a page no longer than this.
FRESH_SECONDS = 60

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """A public page: without login, GET (and HEAD) only, compressed for weak networks, briefly cached."""
    return login_not_required(
        require_safe(gzip_page(cache_control(public=True, max_age=FRESH_SECONDS)(view)))
    )


def _page(template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(render_to_string(f"studyrooms/public/{template}", context), status=status)


@public
def room_list(request: HttpRequest) -> HttpResponse:
    """Every room in service, by district; ?district=CODE keeps one district."""
    rooms = projection.rooms_in_service()
    districts = projection.districts_of(rooms)
    chosen = request.GET.get("district", "").strip()
    unknown = bool(chosen) and chosen not in {district.code for district, _ in districts}
    if unknown:
        chosen = ""
    groups = [
        {"district": district, "rooms": [room for room in rooms if room.district == district]}
        for district, _ in districts
        if not chosen or district.code == chosen
    ]
    context = {
        "groups": groups,
        "districts": districts,
        "chosen": chosen,
        "unknown": unknown,
        "total": len(rooms),
        "as_of": timezone.localtime(),
    }
    return _page("list.html", context)


@public
def room_map(request: HttpRequest) -> HttpResponse:
    """The rooms with coordinates on the offline district map (no tile service)."""
    rooms = projection.rooms_in_service()
    placed = [room.as_json() for room in rooms if room.latitude is not None and room.longitude is not None]
    return _page(
        "map.html", {"rooms": placed, "unplaced": len(rooms) - len(placed), "as_of": timezone.localtime()}
    )


@public
def room_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One room in service: its week, its desk's week (24-hour rooms), its special days ahead."""
    page = projection.room_in_service(pk)
    if page is None:
        # Rendered here, not by the site's 404 page, which would set a CSRF cookie.
        return HttpResponseNotFound(
            render_to_string("studyrooms/public/not_found.html", {"as_of": timezone.localtime()})
        )
    return _page("room.html", {"page": page, "room": page.room, "as_of": timezone.localtime()})


@public
def rooms_json(request: HttpRequest) -> JsonResponse:
    """The same rooms as the list, as JSON, for the map and for anyone who republishes them."""
    rooms = [room.as_json() for room in projection.rooms_in_service()]
    return JsonResponse(
        {"as_of": timezone.localtime().isoformat(timespec="minutes"), "rooms": rooms},
        json_dumps_params={"ensure_ascii": False},
    )
