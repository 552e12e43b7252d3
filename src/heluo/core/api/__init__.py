"""Core's REST API and the base every app's API is built from (docs/api.md).

- `base`: `LedgerSerializer`, `LedgerViewSet`, `register_ledgers` — what an app's `api.py` uses.
- `permissions`, `pagination`, `errors`: the defaults named in settings.REST_FRAMEWORK. They do not
  import DRF's views, which read those settings while loading (so this package imports nothing here).
- `ledgers`: core's serializers and viewsets and its `register(router)`; `auth`: token and `me`.
"""
