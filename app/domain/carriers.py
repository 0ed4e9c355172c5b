"""Carrier and service choice by configurable rules: the first rule that matches wins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class CarrierRule:
    carrier: str
    service: str
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2; empty matches every country
    min_weight_g: int = 0
    max_weight_g: int | None = None
    min_priority: int | None = None  # e.g. 2: only urgent orders

    def matches(self, country: str, weight_g: int, priority: int) -> bool:
        if self.countries and country.upper() not in self.countries:
            return False
        if weight_g < self.min_weight_g:
            return False
        if self.max_weight_g is not None and weight_g > self.max_weight_g:
            return False
        return self.min_priority is None or priority >= self.min_priority


@dataclass(frozen=True)
class CarrierChoice:
    carrier: str
    service: str


def choose_carrier(
    rules: Sequence[CarrierRule],
    default: CarrierChoice,
    *,
    country: str,
    weight_g: int,
    priority: int,
) -> CarrierChoice:
    for rule in rules:
        if rule.matches(country, weight_g, priority):
            return CarrierChoice(rule.carrier, rule.service)
    return default
