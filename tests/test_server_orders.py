"""Order intake, status and stock over real HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.server_fixtures import BACKENDS, RunningServer, fresh_db, running_server

GOOD_ORDER: dict[str, Any] = {
    "channel": "web",
    "external_id": "WEB-1",
    "customer_name": "Anna Schmidt",
    "ship_to": {
        "name": "Anna Schmidt",
        "line1": "Hauptstraße 5",
        "city": "Berlin",
        "postal_code": "10115",
        "country": "DE",
    },
    "lines": [{"sku": "SKU-10002", "quantity": 2}, {"sku": "SKU-10003", "quantity": 1}],
}


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """One server per backend for this module: each test uses its own external ids and
    compares stock before and after itself, so they can share it (and its start-up)."""
    db = fresh_db(request, request.param, tmp_path_factory.mktemp("orders-server"))
    with running_server(db) as srv:
        yield srv


@pytest.fixture
def shop(server: RunningServer) -> Iterator[httpx.Client]:
    token = server.token("integration", station=None)
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


def order(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(GOOD_ORDER)
    body.update(changes)
    return body


def fields(response: httpx.Response) -> set[str]:
    return {e["field"] for e in response.json()["detail"]}


def test_an_order_is_taken_reserved_and_its_timeline_kept(shop: httpx.Client) -> None:
    before = shop.get("/api/v1/stock", params={"sku": "SKU-10002"}).json()
    r = shop.post("/api/v1/orders", json=order())
    assert r.status_code == 201, r.text
    number = r.json()["number"]
    assert r.json()["status"] == "released"

    status = shop.get(f"/api/v1/orders/{number}").json()
    assert status["status"] == "released"
    assert [e["to_status"] for e in status["timeline"]] == [
        "received",
        "validated",
        "allocated",
        "released",
    ]
    assert all(e["actor"] == "integration:integration-test" for e in status["timeline"])
    assert [ln["reserved"] for ln in status["lines"]] == [2, 1]

    after = shop.get("/api/v1/stock", params={"sku": "SKU-10002"}).json()
    assert after["reserved"] == before["reserved"] + 2
    assert after["available"] == before["available"] - 2
    assert after["on_hand"] == before["on_hand"]
    assert sum(b["reserved"] for b in after["bins"]) == after["reserved"]


def test_intake_is_idempotent_on_channel_and_external_id(shop: httpx.Client) -> None:
    first = shop.post("/api/v1/orders", json=order(external_id="WEB-2"))
    again = shop.post("/api/v1/orders", json=order(external_id="WEB-2"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["created"] is False
    # The same id on another channel is another order.
    other = shop.post("/api/v1/orders", json=order(external_id="WEB-2", channel="b2b"))
    assert other.status_code == 201 and other.json()["number"] != first.json()["number"]
    # The same id with different contents is refused, naming the field.
    changed = order(external_id="WEB-2", lines=[{"sku": "SKU-10002", "quantity": 5}])
    conflict = shop.post("/api/v1/orders", json=changed)
    assert conflict.status_code == 409
    assert fields(conflict) == {"external_id"}


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        (order(lines=[{"sku": "SKU-99999", "quantity": 1}]), {"lines[0].sku"}),
        (order(lines=[{"sku": "SKU-10002", "quantity": 0}]), {"lines[0].quantity"}),
        (order(lines=[{"sku": "SKU-10002", "quantity": -3}]), {"lines[0].quantity"}),
        (order(lines=[{"sku": "SKU-10002", "quantity": "2"}]), {"lines[0].quantity"}),
        (order(lines=[]), {"lines"}),
        (
            order(lines=[{"sku": "SKU-10002", "quantity": 1}, {"sku": "SKU-10002", "quantity": 1}]),
            {"lines[1].sku"},
        ),
        ({k: v for k, v in GOOD_ORDER.items() if k != "ship_to"}, {"ship_to"}),
        (order(ship_to={**GOOD_ORDER["ship_to"], "postal_code": "1011"}), {"ship_to.postal_code"}),
        (order(ship_to={**GOOD_ORDER["ship_to"], "country": "Germany"}), {"ship_to.country"}),
        (order(ship_to={**GOOD_ORDER["ship_to"], "line1": ""}), {"ship_to.line1"}),
        (order(ship_to={**GOOD_ORDER["ship_to"], "colour": "red"}), {"ship_to.colour"}),
        (order(channel="Web Shop!"), {"channel"}),
        (
            order(
                lines=[{"sku": "SKU-99999", "quantity": 1}, {"sku": "SKU-10002", "quantity": 0}],
                ship_to={**GOOD_ORDER["ship_to"], "postal_code": "x"},
            ),
            {"lines[1].quantity"},  # shape errors first; the unknown SKU is found after
        ),
        (
            order(
                lines=[{"sku": "SKU-99999", "quantity": 1}, {"sku": "SKU-10002", "quantity": 1}],
                ship_to={**GOOD_ORDER["ship_to"], "postal_code": "x"},
            ),
            {"lines[0].sku", "ship_to.postal_code"},
        ),
    ],
)
def test_bad_orders_are_refused_naming_each_bad_field(
    shop: httpx.Client, body: dict[str, Any], bad: set[str]
) -> None:
    r = shop.post("/api/v1/orders", json={**body, "external_id": "BAD-1"})
    assert r.status_code == 422, r.text
    assert fields(r) == bad
    assert shop.get("/api/v1/stock", params={"sku": "SKU-10002"}).status_code == 200


def test_oversized_payloads_are_refused(shop: httpx.Client) -> None:
    many = order(lines=[{"sku": f"SKU-{10001 + i}", "quantity": 1} for i in range(501)])
    r = shop.post("/api/v1/orders", json=many)
    assert r.status_code == 422 and fields(r) == {"lines"}
    huge = order(customer_name="x" * 300_000)
    r = shop.post("/api/v1/orders", json=huge)
    assert r.status_code == 413
    assert fields(r) == {"body"}


def test_an_order_that_cannot_be_fully_reserved_waits_in_backorder(shop: httpx.Client) -> None:
    stock = shop.get("/api/v1/stock", params={"sku": "SKU-10005"}).json()
    too_many = stock["available"] + 1
    r = shop.post(
        "/api/v1/orders",
        json=order(
            external_id="BIG-1",
            lines=[{"sku": "SKU-10002", "quantity": 1}, {"sku": "SKU-10005", "quantity": too_many}],
        ),
    )
    assert r.status_code == 201 and r.json()["status"] == "backorder"
    number = r.json()["number"]
    # Nothing is held for a backorder, not even the line that could have been reserved.
    assert all(ln["reserved"] == 0 for ln in shop.get(f"/api/v1/orders/{number}").json()["lines"])
    assert shop.get("/api/v1/stock", params={"sku": "SKU-10005"}).json() == stock

    # Stock arrives: the backorder is tried again and reserved.
    bin_code = stock["bins"][0]["location"]
    r = shop.post(
        "/api/v1/stock/receipts", json={"location": bin_code, "sku": "SKU-10005", "quantity": 5}
    )
    assert r.status_code == 201, r.text
    assert number in r.json()["backorders_reserved"]
    status = shop.get(f"/api/v1/orders/{number}").json()
    assert status["status"] == "released"
    assert "backorder" in [e["to_status"] for e in status["timeline"]]


def test_stock_of_an_unknown_sku_is_404(shop: httpx.Client) -> None:
    assert shop.get("/api/v1/stock", params={"sku": "NOPE"}).status_code == 404
    assert shop.get("/api/v1/orders/SO-999999").status_code == 404


def test_openapi_documents_every_endpoint(server: RunningServer) -> None:
    spec = httpx.get(server.url + "/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/orders",
        "/api/v1/orders/{number}",
        "/api/v1/stock",
        "/api/v1/stations/{station_id}/events",
        "/api/v1/stations/{station_id}/changes",
        "/api/v1/stations/{station_id}/batches/claim",
    ):
        assert path in paths
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
