"""The four states a service can be in, worst last: below both the figures that work them out and the words
that name them (``words.STATES``)."""

from __future__ import annotations

from enum import StrEnum


class ServiceState(StrEnum):
    OPERATIONAL = "operational"
    MAINTENANCE = "maintenance"
    DEGRADED = "degraded"
    DOWN = "down"

    @property
    def severity(self) -> int:
        return list(ServiceState).index(self)
