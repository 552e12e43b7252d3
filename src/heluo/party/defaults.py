"""Party building's default data, seeded after every migrate (and in tests) by the app's post_migrate
hook: never in migrations, so the module's migrations can be squashed. Each seeder is idempotent: it
adds what is missing and never overwrites what a city changed. A part registers its own with `@seeder`
in a module the app imports at ready()."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["TERM_YEARS", "seed_defaults", "seeder"]

SEEDERS: list[Callable[[], None]] = []

# Years a committee serves by field (中国共产党支部工作条例: 5 for village and community organisations).
TERM_YEARS = {"rural": 5, "community": 5, "organ": 3, "soe": 3, "university": 3, "private": 3, "social": 3}


def seeder(func: Callable[[], None]) -> Callable[[], None]:
    SEEDERS.append(func)
    return func


def seed_defaults() -> None:
    for func in SEEDERS:
        func()


@seeder
def seed_term_lengths() -> None:
    from .models import TermLength

    for field, years in TERM_YEARS.items():
        TermLength.objects.get_or_create(field=field, defaults={"years": years})
