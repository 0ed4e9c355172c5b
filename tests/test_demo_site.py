from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.demo.site import generate
from app.domain.codes import LOCATION_RE, gs1_check_digit
from app.persistence.models import Location, Order, Product, Role, User


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
        users = s.scalars(select(User)).all()
        assert all(u.pin_hash.startswith("scrypt$") and "1234" not in u.pin_hash for u in users)


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
