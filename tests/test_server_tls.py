"""TLS by configuration: the server speaks HTTPS with a certificate and key given to it, and
the station's client checks the certificate (a self-signed one made here with openssl)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from app.sync.client import ServerUnavailable, SyncClient


def make_cert(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_the_server_serves_https_and_the_station_verifies_it(
    tmp_path: Path, sqlite_demo_template: Path
) -> None:
    from app.persistence.db import sqlite_url
    from server.app import create_app
    from server.db import make_engine, make_session_factory, transaction
    from server.embedded import ServerThread
    from server.models import TokenKind
    from server.settings import ServerSettings
    from server.tokens import create_token

    cert, key = make_cert(tmp_path)
    db = tmp_path / "server.db"
    shutil.copy(sqlite_demo_template, db)
    url = sqlite_url(db)
    engine = make_engine(url)
    token = transaction(
        make_session_factory(engine),
        lambda s: create_token(s, TokenKind.STATION, "tls", station_id="tls-1").secret,
    )
    app = create_app(ServerSettings(database_url=url), engine=engine)
    server = ServerThread(app, ssl_certfile=str(cert), ssl_keyfile=str(key)).start()
    try:
        assert server.url.startswith("https://")
        trusted = SyncClient(server.url, "tls-1", token, verify=str(cert), timeout_s=10)
        assert trusted.pull("0", limit=10)["cursor"] != "0"
        trusted.close()
        untrusted = SyncClient(server.url, "tls-1", token, timeout_s=10)  # system CAs only
        with pytest.raises(ServerUnavailable):
            untrusted.pull("0", limit=10)
        untrusted.close()
        plain = server.url.replace("https://", "http://")
        with pytest.raises(httpx.HTTPError):
            httpx.get(plain + "/api/v1/health", headers={"Authorization": f"Bearer {token}"})
    finally:
        server.stop()
        engine.dispose()
