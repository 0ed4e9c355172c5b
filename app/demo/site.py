"""Generate a demo warehouse as plain data (no database), the same for the same seed.

Two zones (A, B) of 10 aisles each, two blocks deep with a middle cross-aisle; every aisle has
25 bays in two faces (odd bays on the left, even on the right) and 4 levels: 2,000 bins.
500 products with valid GTIN-13s, stock in bins (some lot-tracked, with expiry dates), 200
open orders with 1 to 6 lines, and demo users for every role.

Loaders put this into a database: :mod:`app.demo.load` for the station, the server its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from app.domain.codes import badge_code, location_code, make_gtin13, order_number, tote_code
from app.domain.layout import Layout

DEFAULT_SEED = 20261122
COMPANY_PREFIX = "614141"  # GS1's example company prefix
ZONES = ("A", "B")
AISLES_PER_ZONE = 10
BAYS_PER_AISLE = 25  # per aisle, both faces together
LEVELS = 4
BAY_WIDTH_M = 1.2
DEMO_PIN = "1234"  # every demo user's PIN; printed in the README, never used in production


@dataclass(frozen=True)
class DemoLocation:
    code: str
    zone: str
    aisle: int  # 1-based within the site (1..20)
    bay: int
    level: int
    slot: int
    block: int  # 0-based block for routing
    offset_m: float  # along the block from its front end
    x_m: float
    y_m: float


@dataclass(frozen=True)
class DemoProduct:
    sku: str
    name: str
    gtin: str
    length_mm: int
    width_mm: int
    height_mm: int
    weight_g: int
    lot_tracked: bool


@dataclass(frozen=True)
class DemoStock:
    location_code: str
    sku: str
    lot: str | None
    expiry: date | None
    quantity: int


@dataclass(frozen=True)
class DemoAddress:
    name: str
    line1: str
    line2: str | None
    city: str
    region: str | None
    postal_code: str
    country: str
    phone: str | None


@dataclass(frozen=True)
class DemoOrderLine:
    line_no: int
    sku: str
    quantity: int


@dataclass(frozen=True)
class DemoOrder:
    number: str
    channel: str
    external_id: str
    customer_name: str
    ship_to: DemoAddress
    priority: int
    created_at: datetime
    due_at: datetime
    lines: tuple[DemoOrderLine, ...]


@dataclass(frozen=True)
class DemoUser:
    name: str
    badge_code: str
    pin: str
    role: str
    language: str | None


@dataclass
class DemoSite:
    layout: Layout
    locations: list[DemoLocation] = field(default_factory=list)
    products: list[DemoProduct] = field(default_factory=list)
    stock: list[DemoStock] = field(default_factory=list)
    orders: list[DemoOrder] = field(default_factory=list)
    users: list[DemoUser] = field(default_factory=list)
    totes: list[str] = field(default_factory=list)


DEMO_LAYOUT = Layout(
    aisles=len(ZONES) * AISLES_PER_ZONE,
    blocks=2,
    block_length_m=8 * BAY_WIDTH_M,
    pitch_m=3.0,
    cross_aisle_m=2.0,
    depot_aisle=0.0,
)

_ADJECTIVES = [
    "Compact",
    "Heavy-duty",
    "Eco",
    "Premium",
    "Classic",
    "Travel",
    "Mini",
    "Pro",
    "Stainless",
    "Bamboo",
    "Wireless",
    "Organic",
    "Foldable",
    "Magnetic",
    "Insulated",
]
_NOUNS = [
    ("Water Bottle", (75, 75, 260), 180),
    ("Desk Lamp", (150, 150, 420), 950),
    ("Notebook A5", (148, 210, 15), 220),
    ("Phone Case", (80, 160, 15), 40),
    ("Coffee Mug", (90, 90, 110), 330),
    ("USB-C Cable", (100, 60, 20), 45),
    ("Backpack", (300, 150, 450), 800),
    ("Yoga Mat", (610, 120, 120), 1100),
    ("Tea Towel", (200, 150, 20), 80),
    ("Lunch Box", (200, 140, 70), 260),
    ("Bluetooth Speaker", (90, 90, 180), 540),
    ("Cutting Board", (380, 250, 20), 900),
    ("Scissors", (210, 80, 15), 95),
    ("Hand Cream", (50, 30, 150), 110),
    ("Vitamin C Tablets", (60, 60, 110), 150),
    ("Green Tea 100g", (80, 80, 120), 120),
    ("Dog Treats", (150, 60, 220), 400),
    ("Baby Wipes", (200, 110, 80), 480),
]
_LOT_NOUNS = {"Hand Cream", "Vitamin C Tablets", "Green Tea 100g", "Dog Treats", "Baby Wipes"}

_LATIN_ADDRESSES = [
    ("Berlin", None, "10115", "DE"),
    ("Hamburg", None, "20095", "DE"),
    ("Lyon", None, "69001", "FR"),
    ("Amsterdam", None, "1012 AB", "NL"),
    ("Manchester", None, "M1 1AE", "GB"),
    ("Chicago", "IL", "60601", "US"),
    ("Austin", "TX", "73301", "US"),
]
_LATIN_NAMES = [
    "Anna Schmidt",
    "Lukas Weber",
    "Marie Dubois",
    "Sanne de Vries",
    "Oliver Smith",
    "Emily Johnson",
    "Carlos Garcia",
    "Ava Brown",
    "Noah Miller",
    "Mia Wagner",
]
_LATIN_STREETS = [
    "Hauptstraße",
    "Rue de la République",
    "Damrak",
    "Deansgate",
    "Main Street",
    "Congress Avenue",
    "Friedrichstraße",
]
_CN_CITIES = [
    ("上海市", "上海", "200000"),
    ("北京市", "北京", "100000"),
    ("深圳市", "广东省", "518000"),
    ("杭州市", "浙江省", "310000"),
    ("成都市", "四川省", "610000"),
]
_CN_NAMES = ["王芳", "李伟", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强"]
_CN_STREETS = ["南京东路", "长安街", "深南大道", "文三路", "天府大道"]

_USERS = [
    ("Li Wei", "picker", "zh_CN"),
    ("Anna Schmidt", "picker", "en"),
    ("Zhang Min", "picker", "zh_CN"),
    ("Tom Baker", "packer", "en"),
    ("Wang Fang", "packer", "zh_CN"),
    ("Sara Lopez", "supervisor", "en"),
    ("Chen Jing", "supervisor", "zh_CN"),
    ("Admin", "admin", "en"),
]


def this_hour() -> datetime:
    """The "now" of a demo site made for someone to try today: the current hour (UTC), so a
    station and its embedded server, seeded seconds apart, make the same site, and its orders
    are due around the time it is tried (a fixed date left every order late a day later)."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def generate(seed: int = DEFAULT_SEED, now: datetime | None = None) -> DemoSite:
    """Make the demo site. Same ``seed`` and ``now``, same site, to the last digit."""
    rng = random.Random(seed)
    now = now or datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    site = DemoSite(layout=DEMO_LAYOUT)
    _make_locations(site)
    _make_products(site, rng)
    _make_stock(site, rng, now.date())
    _make_orders(site, rng, now)
    site.users = [
        DemoUser(name, badge_code(1001 + i), DEMO_PIN, role, lang)
        for i, (name, role, lang) in enumerate(_USERS)
    ]
    site.totes = [tote_code(n) for n in range(1, 41)]
    return site


def _make_locations(site: DemoSite) -> None:
    layout = site.layout
    bays_per_block = BAYS_PER_AISLE // 2 + 1  # 13 bays in the front block, 12 in the back
    for zone_index, zone in enumerate(ZONES):
        for a in range(1, AISLES_PER_ZONE + 1):
            aisle_index = zone_index * AISLES_PER_ZONE + a - 1
            for bay in range(1, BAYS_PER_AISLE + 1):
                block = 0 if bay <= bays_per_block else 1
                pair = ((bay - 1) % bays_per_block) // 2  # odd/even bays face each other
                offset = min(layout.block_length_m, (pair + 0.5) * BAY_WIDTH_M)
                side = -0.6 if bay % 2 else 0.6
                for level in range(1, LEVELS + 1):
                    site.locations.append(
                        DemoLocation(
                            code=location_code(zone, a, bay, level, 1),
                            zone=zone,
                            aisle=aisle_index + 1,
                            bay=bay,
                            level=level,
                            slot=1,
                            block=block,
                            offset_m=round(offset, 3),
                            x_m=round(layout.aisle_x(aisle_index) + side, 3),
                            y_m=round(layout.position_y(block, offset), 3),
                        )
                    )


def _make_products(site: DemoSite, rng: random.Random) -> None:
    seen: set[str] = set()
    n = 0
    while len(site.products) < 500:
        n += 1
        adjective = rng.choice(_ADJECTIVES)
        noun, (length, width, height), weight = rng.choice(_NOUNS)
        colour = rng.choice(["Black", "White", "Red", "Blue", "Green", "Grey", "Natural"])
        name = f"{adjective} {noun}, {colour}"
        if name in seen:
            name = f"{name} ({n})"
        seen.add(name)
        jitter = rng.uniform(0.9, 1.1)
        site.products.append(
            DemoProduct(
                sku=f"SKU-{10000 + n}",
                name=name,
                gtin=make_gtin13(COMPANY_PREFIX, 100000 + n),
                length_mm=round(length * jitter),
                width_mm=round(width * jitter),
                height_mm=round(height * jitter),
                weight_g=round(weight * jitter),
                lot_tracked=noun in _LOT_NOUNS,
            )
        )


def _make_stock(site: DemoSite, rng: random.Random, today: date) -> None:
    """Each product in one to three bins at pick height (levels 1-2); lots where tracked."""
    pick_faces = [loc for loc in site.locations if loc.level <= 2]
    rng.shuffle(pick_faces)
    free = iter(pick_faces)
    for product in site.products:
        for k in range(rng.choice((1, 1, 2, 3))):
            loc = next(free)
            lot = expiry = None
            if product.lot_tracked:
                lot = f"L{rng.randint(10000, 99999)}"
                expiry = today + timedelta(
                    days=rng.randint(30, 540) if k else rng.randint(-20, 400)
                )
            site.stock.append(DemoStock(loc.code, product.sku, lot, expiry, rng.randint(5, 60)))


def _make_orders(site: DemoSite, rng: random.Random, now: datetime) -> None:
    stocked = sorted({s.sku for s in site.stock})
    for i in range(200):
        chinese = rng.random() < 0.35
        if chinese:
            city, region, postal = rng.choice(_CN_CITIES)
            name = rng.choice(_CN_NAMES)
            address = DemoAddress(
                name,
                f"{rng.choice(_CN_STREETS)}{rng.randint(1, 999)}号",
                f"{rng.randint(1, 30)}楼{rng.randint(1, 20)}室",
                city,
                region,
                postal,
                "CN",
                f"+86 138{rng.randint(10000000, 99999999)}",
            )
        else:
            city, latin_region, postal, country = rng.choice(_LATIN_ADDRESSES)
            name = rng.choice(_LATIN_NAMES)
            address = DemoAddress(
                name,
                f"{rng.choice(_LATIN_STREETS)} {rng.randint(1, 200)}",
                None,
                city,
                latin_region,
                postal,
                country,
                None,
            )
        created = now - timedelta(minutes=rng.randint(5, 36 * 60))
        priority = rng.choices((0, 1, 2), weights=(80, 15, 5))[0]
        due = created + timedelta(hours=(4 if priority == 2 else 24 if priority == 1 else 48))
        skus = rng.sample(stocked, rng.randint(1, 6))
        lines = tuple(
            DemoOrderLine(n + 1, sku, rng.choices((1, 2, 3, 4), (60, 25, 10, 5))[0])
            for n, sku in enumerate(skus)
        )
        channel = rng.choice(("web", "marketplace", "b2b"))
        site.orders.append(
            DemoOrder(
                order_number(100001 + i),
                channel,
                f"{channel.upper()}-{700000 + i}",
                name,
                address,
                priority,
                created,
                due,
                lines,
            )
        )
