from django.apps import AppConfig


class DisplaysConfig(AppConfig):
    name = "displays"
    verbose_name = "School displays"

    def ready(self) -> None:
        from displays import heartbeats  # noqa: F401 (connects the signal that refreshes a screen's cached config)
