"""Pages of 50 rows, `?page=` and `?page_size=` up to 200 (kept apart from the views, like permissions)."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200
