from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Models made for the scope tests, standing in for modules that do not exist yet."""

    name = "tests.testapp"
    label = "testapp"

    def ready(self) -> None:
        from tests.testapp import ledgers  # noqa: F401
