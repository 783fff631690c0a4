"""The fleet's records: screens and their pairing codes, emergency alerts, and what screens showed."""

from displays.models.alerts import Alert, AlertSource, AlertTemplate, AlertTemplateText, AlertText
from displays.models.plays import PlayTally
from displays.models.screens import Display, FleetSettings, PairingCode

__all__ = [
    "Alert",
    "AlertSource",
    "AlertTemplate",
    "AlertTemplateText",
    "AlertText",
    "Display",
    "FleetSettings",
    "PairingCode",
    "PlayTally",
]
