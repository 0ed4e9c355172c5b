from __future__ import annotations

import re
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.demo.site import DEMO_PIN, generate
from app.domain.codes import LOCATION_RE, gs1_check_digit
from app.persistence.models import Location, Order, Product, Role, User
from app.pins import verify_pin


def test_same_seed_same_site_other_seed_other_site() -> None:
    assert generate(7) == generate(7)
    assert generate(7).orders != generate(8).orders


def test_site_has_the_promised_size_and_valid_codes() -> None:
    site = generate()
    assert len({loc.zone for loc in site.locations}) >= 2
    assert len({loc.aisle for loc in site.locations}) >= 20
    assert len(site.locations) >= 2000
    assert len({loc.code for loc in site.locations}) == len(site.locations)
    assert all(LOCATION_RE.match(loc.code) for loc in site.locations)
    assert len(site.products) == 500
    for p in site.products:
        assert len(p.gtin) == 13 and int(p.gtin[-1]) == gs1_check_digit(p.gtin[:-1])
    assert len({p.gtin for p in site.products}) == 500
    assert len(site.orders) == 200
    assert all(1 <= len(o.lines) <= 6 for o in site.orders)
    assert {u.role for u in site.users} == {r.value for r in Role}
    stocked = {s.sku for s in site.stock}
    assert all(line.sku in stocked for o in site.orders for line in o.lines)
    assert any(s.lot for s in site.stock) and all(s.quantity > 0 for s in site.stock)


def test_bins_lie_inside_their_layout() -> None:
    site = generate()
    layout = site.layout
    for loc in site.locations:
        assert 0 <= loc.block < layout.blocks
        assert 0 <= loc.offset_m <= layout.block_length_m
    per_aisle = Counter(loc.aisle for loc in site.locations)
    assert len(set(per_aisle.values())) == 1


def test_demo_loads_into_the_station_database(core) -> None:  # type: ignore[no-untyped-def]
    with core.uow() as uow:
        s = uow.session
        assert s.scalar(select(func.count()).select_from(Product)) == 500
        assert s.scalar(select(func.count()).select_from(Location)) == 2000
        assert s.scalar(select(func.count()).select_from(Order)) == 200
        hashes = [u.pin_hash for u in s.scalars(select(User))]
    assert hashes and all(is_stored_hash_of(h, DEMO_PIN) for h in hashes)


def is_stored_hash_of(stored: str, pin: str) -> bool:
    """A salted scrypt hash of ``pin`` at the station's cost, and not the PIN itself.

    Replaces ``"1234" not in pin_hash``: the salt and digest are random hex, so about 1 % of
    loads contained "1234" somewhere and the test failed for a correct hash.
    """
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    _, n, r, p, salt, digest = parts
    return (
        int(n) >= 2**14
        and int(r) >= 8
        and int(p) >= 1
        and re.fullmatch("[0-9a-f]{32}", salt) is not None
        and re.fullmatch("[0-9a-f]{64}", digest) is not None
        and verify_pin(pin, stored)
        and not verify_pin(pin + "0", stored)
    )


def test_a_hash_whose_hex_contains_the_pin_is_still_good(monkeypatch: pytest.MonkeyPatch) -> None:
    """The case that made the old check flaky: a salt whose hex reads ...1234...."""
    from app import pins

    monkeypatch.setattr(pins.secrets, "token_bytes", lambda n: bytes.fromhex("1234" * (n // 2)))
    stored = pins.hash_pin(DEMO_PIN)
    assert "1234" in stored  # the old assertion would have failed here
    assert is_stored_hash_of(stored, DEMO_PIN)
    assert not is_stored_hash_of(DEMO_PIN, DEMO_PIN)  # a plain PIN is not a hash
    assert not is_stored_hash_of(stored.replace("scrypt$16384", "scrypt$2"), DEMO_PIN)


def test_a_site_made_today_is_due_today(tmp_path) -> None:
    """``make run`` on a fresh machine made the demo orders as of a fixed day (2026-11-22), so
    on any later day every order was already late, the dashboard's bottleneck was "received →
    allocated: 14 days" and more lots had expired in the bins than the site means to have (a few
    expired lots are on purpose). The first start makes the site as of the current hour: some
    orders late, most still due, lots expiring from 20 days ago on, as designed."""
    from datetime import UTC, datetime, timedelta

    from app.bootstrap import open_core
    from app.config import StationConfig
    from app.persistence.models import StockItem

    core = open_core(StationConfig(), tmp_path, seed_demo=True)
    try:
        now = datetime.now(UTC)
        with core.uow() as uow:
            created = uow.session.scalars(select(Order.created_at)).all()
            due = uow.session.scalars(select(Order.due_at)).all()
            expiries = uow.session.scalars(
                select(StockItem.expiry).where(StockItem.expiry.is_not(None))
            ).all()
    finally:
        core.close()

    def aware(t: datetime) -> datetime:
        return t if t.tzinfo else t.replace(tzinfo=UTC)

    assert all(aware(t) <= now and aware(t) > now - timedelta(days=3) for t in created)
    late = [t for t in due if aware(t) < now]
    assert late and len(late) < len(due) / 2
    assert expiries and min(expiries) >= now.date() - timedelta(days=21)
