"""SSCC construction and minting serials from the ranges reserved for this station."""

from __future__ import annotations

import threading

import pytest

from app.domain.sscc import is_valid_sscc, make_sscc, max_serial, split_sscc
from app.services import identifiers
from app.services.identifiers import SSCC_KIND, RangeExhausted


def test_gs1_example_sscc() -> None:
    # GS1 General Specifications' example: (00) 1 0614141 123456789 7
    assert make_sscc(1, "0614141", 123456789) == "106141411234567897"
    assert is_valid_sscc("106141411234567897")
    assert not is_valid_sscc("106141411234567891")
    assert split_sscc("106141411234567897", "0614141") == (1, "0614141", 123456789, 7)


def test_serial_width_follows_the_company_prefix() -> None:
    assert max_serial("0614141") == 999_999_999
    assert max_serial("061414112345") == 9_999
    sscc = make_sscc(0, "061414112345", 42)
    assert sscc[:17] == "00614141123450042" and is_valid_sscc(sscc)
    with pytest.raises(ValueError, match="does not fit"):
        make_sscc(0, "061414112345", 10_000)
    with pytest.raises(ValueError, match="extension digit"):
        make_sscc(10, "0614141", 1)
    with pytest.raises(ValueError, match="company prefix"):
        make_sscc(0, "12", 1)


def test_minting_walks_the_ranges_then_says_clearly_when_used_up(core) -> None:
    with core.uow() as uow:
        identifiers.add_range(uow, SSCC_KIND, 100, 101)
        identifiers.add_range(uow, SSCC_KIND, 500, 500)
        uow.commit()
    got = []
    for _ in range(3):
        with core.uow() as uow:
            got.append(identifiers.next_serial(uow, SSCC_KIND))
            uow.commit()
    assert got == [100, 101, 500]
    with core.uow() as uow, pytest.raises(RangeExhausted, match="connect it to the server"):
        identifiers.next_serial(uow, SSCC_KIND)
    with core.uow() as uow:
        assert identifiers.remaining(uow, SSCC_KIND) == 0


def test_a_rolled_back_transaction_does_not_use_up_a_number(core) -> None:
    with core.uow() as uow:
        identifiers.add_range(uow, SSCC_KIND, 1, 10)
        uow.commit()
    with core.uow() as uow:
        assert identifiers.next_serial(uow, SSCC_KIND) == 1  # no commit: rolled back
    with core.uow() as uow:
        assert identifiers.next_serial(uow, SSCC_KIND) == 1


def test_overlapping_ranges_are_refused(core) -> None:
    with core.uow() as uow:
        identifiers.add_range(uow, SSCC_KIND, 1, 10)
        with pytest.raises(ValueError, match="overlaps"):
            identifiers.add_range(uow, SSCC_KIND, 10, 20)


def test_concurrent_minting_never_hands_out_a_number_twice(core) -> None:
    """Two threads with their own sessions (like two processes): BEGIN IMMEDIATE serializes."""
    with core.uow() as uow:
        identifiers.add_range(uow, SSCC_KIND, 1, 200)
        uow.commit()
    results: list[int] = []
    lock = threading.Lock()

    def mint() -> None:
        for _ in range(50):
            with core.uow() as uow:
                n = identifiers.next_serial(uow, SSCC_KIND)
                uow.commit()
            with lock:
                results.append(n)

    threads = [threading.Thread(target=mint) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(1, 151))
