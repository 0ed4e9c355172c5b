"""Admin → Scanners: configured scanners with live health, add/edit/remove, and a test panel.

Edits are saved to station.toml and re-applied to the running scanners at once (unchanged
scanners keep running). Scans reach this page through ``handle_scan`` while it is the visible
page; each one is shown in the test panel and answered with the success or error cue.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import ConfigError, ScannerConfig
from app.services.scanner_settings import save_scanners
from drivers.scanners.base import Health, HealthState, RawScan
from drivers.scanners.manager import ScannerManager
from drivers.scanners.ports import FoundPort, find_ports
from drivers.scanners.simulated import SimulatedScanner
from ui import theme
from ui.context import StationContext
from ui.scanners import texts
from ui.scanners.editor import ScannerEditor
from ui.scanners.part import SERVICE
from ui.scanners.test_panel import ScanTestPanel, report_for

CONFIRM_SECONDS = 4


class PortFinder(QObject):
    """Lists ports on a short-lived thread (sysfs and /dev reads stay off the GUI thread)."""

    found = Signal(object)  # list[FoundPort]

    def __init__(self) -> None:
        super().__init__()
        self._thread: threading.Thread | None = None

    def refresh(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._run, name="scanners:find-ports")
        self._thread.start()

    def _run(self) -> None:
        self.found.emit(find_ports())

    def shutdown(self) -> None:
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None


class ScannerRow(QFrame):
    """One scanner in the list: name, type, then its state in words, symbol and colour."""

    clicked = Signal()

    def __init__(self, spec: ScannerConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("scannerRow")
        self.setMinimumHeight(theme.TOUCH_MIN)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 10, 12, 10)
        box.setSpacing(2)
        self.title = QLabel(spec.name)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.kind = QLabel(texts.type_name(spec.type))
        self.kind.setWordWrap(True)
        self.kind.setStyleSheet(f"color: {theme.INK_MUTED}; font-size: 18px;")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet(f"color: {theme.INK_MUTED}; font-size: 18px;")
        for label in (self.title, self.kind, self.state, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            box.addWidget(label)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        edge = theme.PRIMARY if selected else "transparent"
        background = "#dbe7fb" if selected else theme.CARD
        self.setStyleSheet(
            f"QFrame#scannerRow {{ background: {background}; border: none;"
            f" border-left: 8px solid {edge}; border-bottom: 1px solid {theme.LINE}; }}"
            " QFrame#scannerRow QLabel { background: transparent; border: none; }"
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)

    def set_health(self, health: Health) -> None:
        colour = texts.state_colour(health.state)
        reason = texts.reason_text(health)
        line = f"{texts.state_symbol(health.state)} {texts.state_word(health.state)}"
        if reason:
            line += f" — {reason}"
        self.state.setText(line)
        self.state.setStyleSheet(f"color: {colour}; font-size: 22px; font-weight: bold;")
        if health.state is HealthState.CONNECTED or health.reason in ("", "disabled"):
            detail = self._where()
        else:
            detail = health.reason  # the driver's own words: names the port and the OS error
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def _where(self) -> str:
        """Where the scanner is, in words that need no translation beyond "baud"."""
        spec = self.spec
        if spec.type == "serial":
            return self.tr("%1 · %2 baud").replace("%1", spec.port).replace("%2", str(spec.baud))
        if spec.type == "evdev":
            return spec.device
        return ""


class ScannerList(QScrollArea):
    """The configured scanners as big tappable cards (wrapping text, touch-sized)."""

    current_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            f"QScrollArea {{ background: {theme.CARD}; border: 2px solid {theme.LINE};"
            " border-radius: 8px; }"
        )
        host = QWidget()
        host.setObjectName("scannerListHost")
        host.setStyleSheet(f"QWidget#scannerListHost {{ background: {theme.CARD}; }}")
        self._box = QVBoxLayout(host)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        self._box.addStretch(1)
        self.setWidget(host)
        self.rows: list[ScannerRow] = []
        self._current = -1

    def set_rows(self, rows: list[ScannerRow]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = rows
        for i, row in enumerate(rows):
            self._box.insertWidget(i, row)
            row.clicked.connect(lambda i=i: self.set_current(i))
        self._current = -1

    def count(self) -> int:
        return len(self.rows)

    def current(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        index = index if 0 <= index < len(self.rows) else -1
        for i, row in enumerate(self.rows):
            row.set_selected(i == index)
        if index != self._current:
            self._current = index
            self.current_changed.emit(index)
        if index >= 0:
            self.ensureWidgetVisible(self.rows[index])


class ScannersPage(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("screen")
        manager = ctx.services.get(SERVICE)
        self._own_manager: ScannerManager | None = None
        if not isinstance(manager, ScannerManager):
            # Opened without the station's scanner part (a tool or a test): run our own.
            manager = ScannerManager(ctx.scans.publish, ctx.status.device_changed.emit)
            manager.apply(ctx.core.config.scanners)
            self._own_manager = manager
        self.manager: ScannerManager = manager
        self.rows: dict[str, ScannerRow] = {}
        self._editing: int | None = None  # index in the config list; None = a new scanner
        self._confirm_until = 0.0
        self._ports: list[FoundPort] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.header = QWidget()
        header = QHBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Scanners"))
        # Explicit: a host page's own style sheet (the Admin tab's) would shrink the theme's.
        title.setStyleSheet(f"font-size: {theme.FONT_TITLE_PX}px; font-weight: bold;")
        header.addWidget(title)
        header.addStretch(1)
        self.add_button = QPushButton("+ " + self.tr("Add"))
        self.edit_button = QPushButton("✎ " + self.tr("Edit"))
        self.remove_button = QPushButton(theme.SYMBOL_FAIL + " " + self.tr("Remove"))
        self.add_button.clicked.connect(self.add_scanner)
        self.edit_button.clicked.connect(self.edit_scanner)
        self.remove_button.clicked.connect(self.remove_scanner)
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setMinimumHeight(theme.TOUCH_MIN)
            header.addWidget(button)
        layout.addWidget(self.header)
        body = QHBoxLayout()
        body.setSpacing(16)
        layout.addLayout(body, 1)

        self.left_column = QWidget()
        left = QVBoxLayout(self.left_column)
        left.setContentsMargins(0, 0, 0, 0)
        self.list = ScannerList()
        self.list.current_changed.connect(self._selection_changed)
        self.empty = QLabel(self.tr("No scanners yet. Tap “Add” to set one up."))
        self.empty.setWordWrap(True)
        theme.set_role(self.empty, "hint")
        left.addWidget(self.list, 1)
        left.addWidget(self.empty)
        self.left_column.setFixedWidth(330)
        body.addWidget(self.left_column)

        self.stack = QStackedWidget()
        self.panel = ScanTestPanel()
        self.panel.simulate.connect(self.simulate_scan)
        self.editor = ScannerEditor()
        self.editor.saved.connect(self.save_scanner)
        self.editor.cancelled.connect(self.close_editor)
        self.editor.refresh_ports.connect(self.find_ports)
        self.stack.addWidget(self.panel)
        self.stack.addWidget(self.editor)
        body.addWidget(self.stack, 1)

        self.finder = PortFinder()
        self.finder.found.connect(self._ports_found)
        ctx.status.device_changed.connect(self._device_changed)
        self._listening = True
        self._confirm_timer = QTimer(self)
        self._confirm_timer.setSingleShot(True)
        self._confirm_timer.timeout.connect(self._reset_remove)
        self.reload()

    # -- the list -------------------------------------------------------------------------
    @property
    def specs(self) -> list[ScannerConfig]:
        return list(self.ctx.core.config.scanners)

    def reload(self) -> None:
        current = self.list.current()
        rows = []
        self.rows = {}
        for spec in self.specs:
            row = ScannerRow(spec)
            row.set_health(self.manager.health(spec.name))
            rows.append(row)
            self.rows[spec.name] = row
        self.list.set_rows(rows)
        self.empty.setVisible(not rows)
        self.list.set_current(min(max(current, 0), len(rows) - 1))
        self._selection_changed(self.list.current())
        self._refresh_simulate()

    def _device_changed(self, name: str, health: object) -> None:
        row = self.rows.get(name)
        if row is not None and isinstance(health, Health):
            row.set_health(health)
        self._refresh_simulate()

    def _selection_changed(self, row: int) -> None:
        has = 0 <= row < self.list.count()
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self._reset_remove()

    def _refresh_simulate(self) -> None:
        self.panel.simulate_row.setVisible(bool(self._simulated()))

    def _simulated(self) -> list[SimulatedScanner]:
        found = []
        for spec in self.specs:
            driver = self.manager.driver(spec.name)
            if isinstance(driver, SimulatedScanner):
                found.append(driver)
        return found

    # -- add, edit, remove ----------------------------------------------------------------
    def add_scanner(self) -> None:
        names = {s.name for s in self.specs}
        number = len(names) + 1
        while f"scanner-{number}" in names:
            number += 1
        serial_ports = [p.path for p in self._ports if p.kind == "serial"]
        spec = ScannerConfig(
            name=f"scanner-{number}",
            type="serial",
            port=serial_ports[0] if serial_ports else "",
        )
        self._editing = None
        self._open_editor(spec, new=True)

    def edit_scanner(self) -> None:
        row = self.list.current()
        if not 0 <= row < len(self.specs):
            return
        self._editing = row
        self._open_editor(self.specs[row], new=False)

    def _open_editor(self, spec: ScannerConfig, *, new: bool) -> None:
        self.editor.set_ports(self._ports)
        self.editor.load(replace(spec), new=new)
        self.stack.setCurrentWidget(self.editor)
        self._editing_mode(True)
        self.find_ports()

    def close_editor(self) -> None:
        self.stack.setCurrentWidget(self.panel)
        self._editing_mode(False)

    def _editing_mode(self, editing: bool) -> None:
        """The editor takes the whole page (its own heading says what it edits); the title,
        the list and its buttons come back after."""
        self.left_column.setVisible(not editing)
        self.header.setVisible(not editing)

    def save_scanner(self, spec: ScannerConfig) -> None:
        specs = self.specs
        if self._editing is None:
            specs.append(spec)
        else:
            specs[self._editing] = spec
        if self._store(specs):
            self.close_editor()
            self.list.set_current([s.name for s in self.specs].index(spec.name))

    def remove_scanner(self) -> None:
        row = self.list.current()
        if not 0 <= row < len(self.specs):
            return
        if time.monotonic() > self._confirm_until:
            # Touch screens have no undo: a second tap confirms.
            self._confirm_until = time.monotonic() + CONFIRM_SECONDS
            self.remove_button.setText(theme.SYMBOL_FAIL + " " + self.tr("Tap again to remove"))
            theme.set_role(self.remove_button, "danger")
            self._confirm_timer.start(CONFIRM_SECONDS * 1000)
            return
        specs = self.specs
        del specs[row]
        self._store(specs)
        self._reset_remove()

    def _reset_remove(self) -> None:
        self._confirm_until = 0.0
        self.remove_button.setText(theme.SYMBOL_FAIL + " " + self.tr("Remove"))
        theme.set_role(self.remove_button, "")

    def _store(self, specs: list[ScannerConfig]) -> bool:
        """Save and apply; on a bad setting say which and keep the editor open."""
        core = self.ctx.core
        session = self.ctx.session.current
        try:
            updated = save_scanners(
                core.config, specs, core.uow, session.user_id if session else None
            )
        except (ConfigError, OSError) as exc:
            message = self.tr("Not saved: %1").replace("%1", str(exc))
            self.editor.show_error(message)
            self.ctx.feedback.fail(message)
            return False
        core.config = updated
        self.manager.apply(updated.scanners)
        self.reload()
        self.ctx.feedback.ok(self.tr("Scanner settings saved and in use."))
        return True

    # -- ports ----------------------------------------------------------------------------
    def find_ports(self) -> None:
        self.finder.refresh()

    def _ports_found(self, ports: object) -> None:
        if isinstance(ports, list):
            self._ports = ports
            self.editor.set_ports(ports)

    # -- scans ----------------------------------------------------------------------------
    def handle_scan(self, raw: RawScan) -> None:
        """Show the scan in the test panel and answer it with the success or error cue."""
        report = report_for(raw, now=time.monotonic())
        self.panel.show_report(report)
        if self.stack.currentWidget() is not self.panel:
            self.close_editor()
        if report.accepted:
            self.ctx.feedback.ok(self.tr("Scan read: %1").replace("%1", report.title))
        else:
            self.ctx.feedback.fail(report.problem)

    def simulate_scan(self, text: str) -> None:
        simulated = self._simulated()
        if simulated:
            simulated[0].scan(text)

    def health_of(self, name: str) -> HealthState:
        return self.manager.health(name).state

    def shutdown(self) -> None:
        """Stop what this page started (the port finder; its own manager if it had to)."""
        self.finder.shutdown()
        if self._listening:
            self._listening = False
            self.ctx.status.device_changed.disconnect(self._device_changed)
        if self._own_manager is not None:
            self._own_manager.stop()
            self._own_manager = None
