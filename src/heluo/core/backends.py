"""The login backend: Django's, but under 三员分立 a superuser cannot log in (its powers are split among
the system, security and audit administrators; services/duties.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from heluo.core.services import duties


class AccountBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_superuser", False) and duties.separated():
            return False
        return super().user_can_authenticate(user)
