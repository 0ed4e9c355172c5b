"""Admin → Station: identity, server, kiosk mode, idle logout, language and sound.

The server token is entered once and never shown again (only its last four characters); it is
kept in the OS keyring when one works, else in a 0600 file, and the page says which.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.admin import station_settings
from app.admin.station_settings import StationSettings
from app.admin.token_store import TokenStore, mask
from app.config import ConfigError
from ui.admin.widgets import big_button, heading, show_status, status_label
from ui.context import StationContext


class StationPage(QWidget):
    settings_saved = Signal(object)  # StationConfig

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(heading(self.tr("Station")))
        # Two columns (who and where / how it behaves) and one row of buttons: a single
        # column of ten touch-sized rows is taller than the window under the tab and status
        # bars, and Qt then lays the fields over each other.
        self.station_id = QLineEdit()
        self.station_name = QLineEdit()
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText(self.tr("empty: built-in server on this machine"))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_where = QLabel()
        self.token_where.setWordWrap(True)
        self.token_where.setMinimumHeight(70)  # three lines of 16 px text
        self.token_where.setStyleSheet("font-size:16px; color:#333;")
        self.kiosk = QCheckBox(self.tr("Kiosk mode"))
        kiosk_hint = QLabel(self.tr("Full screen; leaving needs an admin PIN."))
        kiosk_hint.setWordWrap(True)
        kiosk_hint.setStyleSheet("font-size:16px; color:#333;")
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.sounds = QCheckBox(self.tr("Sounds on"))
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setMinimumHeight(56)
        who = QFormLayout()
        who.addRow(self.tr("Station id"), self.station_id)
        who.addRow(self.tr("Station name"), self.station_name)
        who.addRow(self.tr("Server URL"), self.server_url)
        who.addRow(self.tr("Server token"), self.token)
        who.addRow(self.token_where)
        how = QFormLayout()
        how.setVerticalSpacing(6)  # six touch-sized rows under the bars at 1024x768
        how.addRow(self.kiosk)
        how.addRow(kiosk_hint)
        how.addRow(self.tr("Log out when idle for"), self.idle)
        how.addRow(self.tr("Language"), self.language)
        how.addRow(self.sounds)
        how.addRow(self.tr("Volume"), self.volume)
        columns = QHBoxLayout()
        columns.addLayout(who, 1)
        columns.addSpacing(16)
        columns.addLayout(how, 1)
        layout.addLayout(columns)
        buttons = QHBoxLayout()
        self.save_button = big_button(self.tr("Save settings"), primary=True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button, 1)
        self.exit_button = big_button(self.tr("Close the station…"))
        self.exit_button.clicked.connect(self.close_station)
        buttons.addWidget(self.exit_button)
        layout.addLayout(buttons)
        self.status = status_label()
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.load()

    def _store(self) -> TokenStore:
        config = self._ctx.core.config
        return TokenStore(self._ctx.core.data_dir, config.station_id)

    def load(self) -> None:
        s = station_settings.from_config(self._ctx.core.config)
        self.station_id.setText(s.station_id)
        self.station_name.setText(s.station_name)
        self.server_url.setText(s.server_url)
        self.kiosk.setChecked(s.kiosk)
        self.idle.setValue(s.idle_logout_seconds // 60)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.sounds.setChecked(s.sounds)
        self.volume.setValue(round(s.volume * 100))
        self._show_token()

    def _show_token(self) -> None:
        store = self._store()
        where = store.location
        current = store.get()
        self.token.clear()
        if current:
            self.token.setPlaceholderText(
                self.tr("set (%1) — type a new one to replace it").replace("%1", mask(current))
            )
        else:
            self.token.setPlaceholderText(self.tr("not set"))
        if where.kind == "keyring":
            text = self.tr("The token is kept in the system keyring (%1).")
        else:
            text = self.tr(
                "No system keyring here: the token is kept in %1, readable only by this user."
            )
        self.token_where.setText("ⓘ " + text.replace("%1", where.detail))

    def settings(self) -> StationSettings:
        return StationSettings(
            station_id=self.station_id.text(),
            station_name=self.station_name.text(),
            server_url=self.server_url.text(),
            kiosk=self.kiosk.isChecked(),
            idle_logout_seconds=self.idle.value() * 60,
            language=str(self.language.currentData()),
            sounds=self.sounds.isChecked(),
            volume=self.volume.value() / 100,
        )

    def save(self) -> None:
        core = self._ctx.core
        try:
            updated = station_settings.save(core.config, self.settings())
        except ConfigError as exc:
            show_status(self.status, self.tr("Not saved: %1").replace("%1", str(exc)), "bad")
            self._ctx.feedback.fail(str(exc))
            return
        kiosk_changed = updated.kiosk != core.config.kiosk
        core.config = updated
        if self.token.text():
            self._store().set(self.token.text().strip())
        self._show_token()
        # A fixed token or server URL is tried at once (a refused station retries with
        # back-off, up to a minute apart).
        reconnect = getattr(self._ctx.services.get("sync"), "reconnect", None)
        if callable(reconnect):
            reconnect()
        session = self._ctx.session.current
        with core.uow() as uow:
            uow.audit(
                "station.settings_saved",
                user_id=session.user_id if session else None,
                entity="station",
                entity_id=updated.station_id,
                detail={"kiosk": updated.kiosk, "server_url": updated.server_url},
            )
            uow.commit()
        guard = self._ctx.services.get("kiosk")
        if kiosk_changed and guard is not None:
            guard.apply(updated.kiosk)
        player = self._ctx.services.get("sounds")
        if player is not None and hasattr(player, "enabled"):
            player.enabled = updated.sounds  # on or off at once; the volume from the next start
        show_status(
            self.status,
            self.tr(
                "Settings saved. Language, idle logout and volume take effect at the next start."
            ),
            "ok",
        )
        self.settings_saved.emit(updated)

    def close_station(self) -> None:
        guard = self._ctx.services.get("kiosk")
        if guard is not None:
            guard.request_exit()
        else:
            window = self.window()
            window.close()
