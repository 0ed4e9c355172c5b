"""Admin use cases without Qt: users, audit filters, kiosk PIN, token storage, badge cards."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.admin import audit, badge_cards, kiosk, station_settings, token_store, users
from app.config import ConfigError, StationConfig


def test_add_edit_disable_user_is_audited_and_queued(core) -> None:
    draft = users.UserDraft("Ma Lin", "USR-2001", "picker", "zh_CN", pin="4321")
    created = users.save_local(core.uow, draft, user_id=None, actor_id=8)
    assert created.active and created.role == "picker"
    changed = users.save_local(
        core.uow,
        users.UserDraft("Ma Lin", "USR-2001", "packer", "zh_CN", active=False),
        user_id=created.id,
        actor_id=8,
    )
    assert changed.role == "packer" and not changed.active
    assert not users.is_active(core.uow, created.id)
    rows = audit.query_audit(core.uow, audit.AuditFilter(action="user."))
    assert [r.action for r in rows] == ["user.disabled", "user.created"]
    assert all(r.who.startswith("Admin") for r in rows)
    with core.uow() as u:
        from sqlalchemy import select

        from app.persistence.models import OutboxEvent

        events = u.session.scalars(select(OutboxEvent).where(OutboxEvent.type == "user.saved"))
        payloads = [e.payload for e in events]
    assert payloads[0]["pin_hash"].startswith("scrypt$")  # hashed, never the PIN itself
    assert "4321" not in str(payloads)
    assert payloads[1]["pin_hash"] is None and payloads[1]["active"] is False


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (users.UserDraft("", "USR-2001", "picker", None, pin="1234"), "name"),
        (users.UserDraft("X", "BADGE", "picker", None, pin="1234"), "badge_code"),
        (users.UserDraft("X", "USR-2001", "boss", None, pin="1234"), "role"),
        (users.UserDraft("X", "USR-2001", "picker", None), "pin"),
        (users.UserDraft("X", "USR-2001", "picker", None, pin="12a4"), "pin"),
        (users.UserDraft("X", "USR-1001", "picker", None, pin="1234"), "badge_code"),
    ],
)
def test_bad_user_input_names_the_field(core, draft: users.UserDraft, field: str) -> None:
    with pytest.raises(users.UserError) as err:
        users.save_local(core.uow, draft, user_id=None, actor_id=None)
    assert err.value.field == field


def test_audit_filters_by_user_and_time(core) -> None:
    users.save_local(
        core.uow,
        users.UserDraft("Q", "USR-3001", "picker", None, pin="1111"),
        user_id=None,
        actor_id=6,  # Sara Lopez, supervisor
    )
    assert len(audit.query_audit(core.uow, audit.AuditFilter(user="sara"))) == 1
    assert audit.query_audit(core.uow, audit.AuditFilter(user="USR-1008")) == []
    everything = audit.query_audit(core.uow, audit.AuditFilter())
    later = everything[0].at.replace(year=2100)
    assert audit.query_audit(core.uow, audit.AuditFilter(since=later)) == []


def test_only_an_active_admin_pin_opens_the_kiosk(core) -> None:
    assert kiosk.admin_pin_matches(core.uow, "1234") == 8  # demo admin
    assert kiosk.admin_pin_matches(core.uow, "9999") is None
    users.save_local(
        core.uow,
        users.UserDraft("Admin", "USR-1008", "admin", "en", active=False),
        user_id=8,
        actor_id=8,
    )
    assert kiosk.admin_pin_matches(core.uow, "1234") is None


def test_token_goes_to_a_private_file_without_a_keyring(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("WS_NO_KEYRING", "1")
    store = token_store.TokenStore(tmp_path, "station-1")
    where = store.set("s3cret-token-value")
    assert where.kind == "file"
    mode = stat.S_IMODE(os.stat(where.detail).st_mode)
    assert mode == 0o600
    assert store.get() == "s3cret-token-value"
    assert token_store.mask("s3cret-token-value").endswith("alue")
    assert "s3cret" not in token_store.mask("s3cret-token-value")
    store.clear()
    assert store.get() is None


def test_station_settings_round_trip_and_validation(tmp_path: Path) -> None:
    path = tmp_path / "station.toml"
    config = StationConfig()
    s = station_settings.from_config(config)
    s2 = station_settings.StationSettings(
        **{**s.__dict__, "station_name": "Pack bench 2", "kiosk": True, "volume": 0.5}
    )
    saved = station_settings.save(config, s2, path)
    assert saved.full_screen and saved.kiosk
    from app import config as cfg

    assert cfg.load(path).station_name == "Pack bench 2"
    with pytest.raises(ConfigError, match="volume"):
        station_settings.apply(
            config, station_settings.StationSettings(**{**s.__dict__, "volume": 2.0})
        )


def test_badge_cards_pdf_scans(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    import subprocess

    from PIL import Image

    cards = [badge_cards.BadgeCard("王芳", "USR-1005", "packer")] + [
        badge_cards.BadgeCard(f"Person {i}", f"USR-{2000 + i}", "picker") for i in range(10)
    ]
    pdf = badge_cards.write_cards(tmp_path / "cards.pdf", cards)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png")))
    found = {r.text for r in zxingcpp.read_barcodes(image)}
    assert {"USR-1005", "USR-2000", "USR-2008"} <= found
    assert "USR-2009" not in found  # the eleventh card is on page two
