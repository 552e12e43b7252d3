"""The militia's actors are the demo's militia officers: `wuzhuang` (瀍河区) and `junfenqu` (the city)."""

from __future__ import annotations

CHANHE_OFFICER = "wuzhuang"
CITY_OFFICER = "junfenqu"
