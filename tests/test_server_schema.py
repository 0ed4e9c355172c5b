"""The server schema: migrations match the models, on SQLite and PostgreSQL; the CLI runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg_cluster import PgCluster

ROOT = Path(__file__).resolve().parents[1]


def test_server_migrations_match_the_models_on_sqlite(tmp_path: Path) -> None:
    from server import schema
    from server.db import make_engine, sqlite_url

    engine = make_engine(sqlite_url(tmp_path / "s.db"))
    schema.check(engine)  # raises when a model changed without a migration
    assert schema.is_current(engine)
    engine.dispose()


def test_server_migrations_match_the_models_on_postgresql(pg_cluster: PgCluster) -> None:
    from server import schema
    from server.db import make_engine

    engine = make_engine(pg_cluster.url(pg_cluster.create_database()))
    assert not schema.is_current(engine)
    schema.check(engine)
    assert schema.is_current(engine)
    engine.dispose()


def run_cli(*args: str, env_db: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "server", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_migrate_tokens_and_refusal_on_an_unmigrated_postgres(pg_cluster: PgCluster) -> None:
    url = pg_cluster.url(pg_cluster.create_database())
    refused = run_cli("create-token", "--db", url, "--kind", "integration", "--name", "shop")
    assert refused.returncode == 2 and "migrate" in refused.stderr
    assert run_cli("migrate", "--db", url).returncode == 0
    made = run_cli("create-token", "--db", url, "--kind", "integration", "--name", "shop")
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("wsi_") and len(secret) > 40
    listing = run_cli("list-tokens", "--db", url)
    assert "shop" in listing.stdout and secret not in listing.stdout and "live" in listing.stdout
    assert run_cli("revoke-token", "--db", url, "1").returncode == 0
    assert "revoked" in run_cli("list-tokens", "--db", url).stdout
    bad = run_cli("create-token", "--db", url, "--kind", "station", "--name", "x")
    assert bad.returncode == 2 and "--station" in bad.stderr


@pytest.mark.parametrize("backend", ["sqlite"])
def test_cli_import_orders_reports_rows(tmp_path: Path, backend: str) -> None:
    db = f"sqlite+pysqlite:///{tmp_path / 'server.db'}"
    assert run_cli("seed-demo", "--db", db).returncode == 0
    csv_file = tmp_path / "orders.csv"
    header = (
        "channel,external_id,customer_name,ship_to_name,ship_to_line1,ship_to_line2,"
        "ship_to_city,ship_to_region,ship_to_postal_code,ship_to_country,ship_to_phone,"
        "priority,due_at,sku,quantity"
    )
    addr = "Anna,Anna,Main Street 1,,Berlin,,10115,DE,,0,"
    csv_file.write_text(
        "\n".join(
            [
                header,
                f"web,CSV-1,{addr},SKU-10002,2",  # row 2: good
                f"web,CSV-1,{addr},SKU-10003,1",  # row 3: good, same order
                f"web,CSV-2,{addr},SKU-99999,1",  # row 4: unknown SKU
                f"web,CSV-3,{addr},SKU-10002,zero",  # row 5: not a number
                "web,CSV-4,Bob,Bob,Main Street 1,,Berlin,,1011,DE,,0,,SKU-10002,1",  # row 6
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    out = run_cli("import-orders", "--db", db, str(csv_file))
    assert out.returncode == 1
    lines = out.stdout.strip().splitlines()
    assert lines == [
        "row 4, sku: unknown SKU 'SKU-99999'",
        "row 5, quantity: 'zero' is not a whole number",
        "row 6, ship_to_postal_code: '1011' is not a postal code of DE",
    ]
    assert "1 orders created" in out.stderr and "3 refused" in out.stderr
    again = run_cli("import-orders", "--db", db, str(csv_file))
    assert "0 orders created, 1 already present" in again.stderr
