"""Admin → Users: add, edit and disable users; print badge cards.

Saving hashes a PIN and may talk to the server, so it runs on the page's worker thread; the
table and the form only change when the result comes back on the GUI thread.

A change saved without a server session waits for an admin's decision on the server; the
Status column says so, and a rejection (who, why, and that the user was disabled or put back
as the server has them) is spelled out above the table after the sync that brings it.

A sync round that reached the server (its ``last_success`` moved) has the users and their
change states read again on the page's worker, never on the GUI thread. What comes back
updates the table and the notice; the row being edited stays selected, and the form is only
reloaded when it holds nothing the admin typed. A form with unsaved edits is never
overwritten: if its user changed meanwhile, the form's status line says so.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.admin.badge_cards import BadgeCard, write_cards
from app.admin.user_gateway import SaveResult, UserGateway
from app.admin.users import ChangeState, UserDraft, UserError, UserRecord, change_states
from app.sync.status import SyncStatus
from ui.admin.widgets import big_button, heading, show_status, status_label, touch_table
from ui.context import StationContext
from ui.dashboard import reasons
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

ROLES = ("picker", "packer", "supervisor", "admin")


class UsersPage(QWidget):
    saved = Signal(object)  # SaveResult
    cards_written = Signal(str)  # path of the PDF

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        gateway = ctx.services.get("user_gateway")
        self._gateway: UserGateway = (
            gateway if isinstance(gateway, UserGateway) else UserGateway(ctx.core.uow)
        )
        self._runner = TaskRunner("admin-users", self)
        self._records: list[UserRecord] = []
        self._states: dict[str, ChangeState] = {}
        self._editing: int | None = None
        self._last_success: datetime | None = None  # of the sync round last read after
        self._reading = False  # a read after a sync round is on the worker
        self._read_again = False  # another round succeeded while it was

        outer = QVBoxLayout(self)
        outer.addWidget(heading(self.tr("Users")))
        self.changes = status_label()  # offline changes: waiting, or rejected and why
        self.changes.hide()
        outer.addWidget(self.changes)
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        left = QVBoxLayout()
        self.table = touch_table()
        self.table.setColumnCount(5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Badge"),
                self.tr("Role"),
                self.tr("Language"),
                self.tr("Status"),
            ]
        )
        # The name takes what is left (and wraps): badge, role, language and status always
        # show whole, status being where a change waiting for approval or rejected shows.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Several rows for several badge cards (Ctrl/Shift); the form edits the row tapped last.
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)
        self.table.itemSelectionChanged.connect(self._on_select)
        left.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = big_button(self.tr("＋ New user"))
        self.new_button.clicked.connect(self.new_user)
        row.addWidget(self.new_button)
        row.addStretch(1)
        left.addLayout(row)
        # Badge cards on their own row: three buttons do not fit beside the table at 1024 px.
        cards_row = QHBoxLayout()
        cards_row.addWidget(QLabel(self.tr("Badge cards:")))
        self.cards_button = big_button(self.tr("Selected users"))
        self.cards_button.setEnabled(False)
        self.cards_button.clicked.connect(self.print_selected_cards)
        self.all_cards_button = big_button(self.tr("All active users"))
        self.all_cards_button.clicked.connect(self.print_cards)
        cards_row.addWidget(self.cards_button)
        cards_row.addWidget(self.all_cards_button)
        cards_row.addStretch(1)
        left.addLayout(cards_row)
        body.addLayout(left, 3)

        form_box = QVBoxLayout()
        form_box.setSpacing(4)
        self.form_title = heading(self.tr("New user"))
        self.form_title.setStyleSheet("font-size:22px; font-weight:bold;")
        form_box.addWidget(self.form_title)
        form = QFormLayout()
        self.name = QLineEdit()
        self.badge = QLineEdit()
        self.badge.setPlaceholderText("USR-1234")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("4 to 8 digits; empty keeps the PIN"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(self._role_text(role), role)
        self.language = QComboBox()
        self.language.addItem(self.tr("Station default"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.active = QCheckBox(self.tr("Active (may log in)"))
        self.active.setChecked(True)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Badge code"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Language"), self.language)
        form.setVerticalSpacing(4)
        form_box.addLayout(form)
        # Active beside Save: one row less, so the touch-sized form fits under the bars.
        save_row = QHBoxLayout()
        save_row.addWidget(self.active)
        self.save_button = big_button(self.tr("Save"), primary=True)
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button, 1)
        form_box.addLayout(save_row)
        self.status = status_label()
        form_box.addWidget(self.status)
        form_box.addStretch(1)
        body.addLayout(form_box, 2)
        self.refresh()
        ctx.status.sync_changed.connect(self._on_sync)

    def _role_text(self, role: str) -> str:
        return {
            "picker": self.tr("Picker"),
            "packer": self.tr("Packer"),
            "supervisor": self.tr("Supervisor"),
            "admin": self.tr("Admin"),
        }[role]

    def refresh(self) -> None:
        """Read the users and their change states now (on opening, after a save)."""
        self._show(self._gateway.list(), change_states(self._ctx.core.uow))

    def _show(self, records: list[UserRecord], states: dict[str, ChangeState]) -> None:
        """The table and the notice. The selected rows stay selected by user (a new user
        from the server may have moved them) without reloading the form."""
        selected = {r.id for r in self.selected_records()}
        current_row = self.table.currentRow()
        current = self._records[current_row].id if 0 <= current_row < len(self._records) else None
        self._records, self._states = records, states
        self._show_changes()
        blocked = self.table.blockSignals(True)  # itemSelectionChanged would load the form
        try:
            self._fill_table()
            self.table.clearSelection()
            model = self.table.selectionModel()
            chosen = QItemSelection()
            for i, r in enumerate(records):
                if r.id in selected:
                    chosen.select(self.table.model().index(i, 0), self.table.model().index(i, 4))
                if r.id == current:
                    model.setCurrentIndex(
                        self.table.model().index(i, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                    )
            model.select(chosen, QItemSelectionModel.SelectionFlag.Select)
        finally:
            self.table.blockSignals(blocked)
        self.cards_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._records))
        for i, r in enumerate(self._records):
            status = "✔ " + self.tr("Active") if r.active else "✖ " + self.tr("Disabled")
            change = self._states.get(r.badge_code)
            if change is not None:
                status += "\n" + self._state_text(change.state)  # short: the notice says more
            language = {"en": "English", "zh_CN": "简体中文"}.get(r.language or "", "—")
            for col, text in enumerate(
                (r.name, r.badge_code, self._role_text(r.role), language, status)
            ):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def _state_text(self, state: str) -> str:
        return {
            "queued": "▲ " + self.tr("Not sent"),
            "held": "▲ " + self.tr("Pending"),
            "rejected": "✖ " + self.tr("Rejected"),
            "refused": "✖ " + self.tr("Refused"),
        }.get(state, state)

    def _show_changes(self) -> None:
        """Above the table: each rejected change with who and why, then what still waits."""
        lines = []
        for c in self._states.values():
            if c.state == "rejected":
                what = {
                    "disabled": self.tr("The user was disabled on this station."),
                    "restored": self.tr("The user is back as the server has them."),
                }.get(c.rolled_back, "")
                lines.append(
                    self.tr("The change to %1 (%2) was rejected by %3: “%4”. %5")
                    .replace("%1", c.name)
                    .replace("%2", c.badge_code)
                    .replace("%3", c.by)
                    .replace("%4", reasons.display(c.reason))
                    .replace("%5", what)
                    .strip()
                )
            elif c.state == "refused":
                lines.append(
                    self.tr("The server refused the change to %1 (%2): %3")
                    .replace("%1", c.name)
                    .replace("%2", c.badge_code)
                    .replace("%3", c.reason)
                )
        waiting = sum(c.state in ("queued", "held") for c in self._states.values())
        if waiting:
            lines.append(
                self.tr("Changes made here that wait for an admin on the server: %1").replace(
                    "%1", str(waiting)
                )
            )
        if not lines:
            self.changes.hide()
            return
        bad = any(c.state in ("rejected", "refused") for c in self._states.values())
        show_status(self.changes, "\n".join(lines), "bad" if bad else "warn")
        self.changes.show()

    def _on_sync(self, status: object = None) -> None:
        """A round that reached the server may have sent a change or brought an admin's
        decision: read again, on the worker (every ~2 s while online; offline rounds and
        repeats of the same success change nothing here)."""
        if not isinstance(status, SyncStatus) or status.last_success is None:
            return
        if status.last_success == self._last_success:
            return
        self._last_success = status.last_success
        if self._reading:
            self._read_again = True
            return
        self._read_after_sync()

    def _read_after_sync(self) -> None:
        self._reading, self._read_again = True, False
        gateway, uow = self._gateway, self._ctx.core.uow
        self._runner.submit(
            lambda: (gateway.list(), change_states(uow)),
            self._on_sync_read,
            self._on_sync_read_failed,
        )

    def _on_sync_read(self, result: tuple[list[UserRecord], dict[str, ChangeState]]) -> None:
        self._reading = False
        if self._read_again:  # already stale: show the newer read instead
            self._read_after_sync()
            return
        records, states = result
        if records == self._records and states == self._states:
            return
        before = self._record(self._editing)
        edited = self._form_edited(before)
        self._show(records, states)
        after = self._record(self._editing)
        if before is None or after is None or after == before:
            return  # the form's user is as it was: the form is left alone
        if edited:  # never overwrite what the admin typed; say what happened
            show_status(
                self.status,
                self.tr(
                    "%1 was changed by a sync meanwhile (now: %2). What you typed is kept:"
                    " check it before you save."
                )
                .replace("%1", before.name)
                .replace("%2", self._summary(after)),
                "warn",
            )
        else:
            self._load_form(after)

    def _on_sync_read_failed(self, error: BaseException) -> None:
        self._reading = False
        log.warning("users page: reading after a sync failed: %s", error)
        if self._read_again:
            self._read_after_sync()

    def _record(self, user_id: int | None) -> UserRecord | None:
        return next((r for r in self._records if r.id == user_id), None)

    def _form_edited(self, record: UserRecord | None) -> bool:
        """The form differs from the user it shows: the admin typed or chose something."""
        if record is None:
            return False
        return bool(self.pin.text()) or (
            self.name.text(),
            self.badge.text().strip().upper(),
            self.role.currentData(),
            self.language.currentData() or None,
            self.active.isChecked(),
        ) != (record.name, record.badge_code, record.role, record.language, record.active)

    def _summary(self, record: UserRecord) -> str:
        active = self.tr("Active") if record.active else self.tr("Disabled")
        return f"{record.name}, {record.badge_code}, {self._role_text(record.role)}, {active}"

    def selected_records(self) -> list[UserRecord]:
        rows = sorted(r.row() for r in self.table.selectionModel().selectedRows())
        return [self._records[r] for r in rows]

    def _on_select(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.cards_button.setEnabled(bool(rows))
        if not rows:
            return
        current = self.table.currentRow()
        chosen = current if current in {r.row() for r in rows} else rows[0].row()
        self._load_form(self._records[chosen])

    def _load_form(self, record: UserRecord) -> None:
        self._editing = record.id
        self.form_title.setText(self.tr("Edit %1").replace("%1", record.name))
        self.name.setText(record.name)
        self.badge.setText(record.badge_code)
        self.pin.clear()
        self.role.setCurrentIndex(ROLES.index(record.role))
        self.language.setCurrentIndex(max(0, self.language.findData(record.language or "")))
        self.active.setChecked(record.active)
        self.status.clear()
        self.status.setStyleSheet("")

    def new_user(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.form_title.setText(self.tr("New user"))
        for field in (self.name, self.badge, self.pin):
            field.clear()
        self.role.setCurrentIndex(0)
        self.language.setCurrentIndex(0)
        self.active.setChecked(True)
        self.name.setFocus()

    def draft(self) -> UserDraft:
        return UserDraft(
            name=self.name.text(),
            badge_code=self.badge.text().strip().upper(),
            role=str(self.role.currentData()),
            language=str(self.language.currentData()) or None,
            active=self.active.isChecked(),
            pin=self.pin.text() or None,
        )

    def save(self) -> None:
        draft, user_id = self.draft(), self._editing
        session = self._ctx.session.current
        actor = session.user_id if session else None
        self.save_button.setEnabled(False)
        show_status(self.status, self.tr("Saving…"), "warn")
        self._runner.submit(
            lambda: self._gateway.save(draft, user_id=user_id, actor_id=actor),
            self._on_saved,
            self._on_save_failed,
        )

    def _on_saved(self, result: SaveResult) -> None:
        self.save_button.setEnabled(True)
        self.refresh()
        # The saved user stays selected (the form shows them again), so "Selected users"
        # prints their badge card; selecting first, as selecting clears the status line.
        row = next((i for i, r in enumerate(self._records) if r.id == result.record.id), None)
        if row is not None:
            self.table.selectRow(row)
        self.pin.clear()
        self._editing = result.record.id
        if result.via == "server":
            show_status(self.status, self.tr("Saved on the server."), "ok")
        else:
            show_status(
                self.status,
                self.tr(
                    "Saved on this station only. The next sync sends it to the server, where an"
                    " admin approves or rejects it; signed in to the server, changes go"
                    " everywhere at once."
                ),
                "warn",
            )
        self.saved.emit(result)

    def _on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, UserError):
            message = self._field_message(error)
        else:
            message = self.tr("Not saved: %1").replace("%1", str(error))
        show_status(self.status, message, "bad")
        self._ctx.feedback.fail(message)

    def _field_message(self, error: UserError) -> str:
        texts = {
            "name": self.tr("Enter a name."),
            "badge_code": self.tr("Badge code: %1"),
            "pin": self.tr("PIN: %1"),
            "role": self.tr("Choose a role."),
            "language": self.tr("Choose a language."),
        }
        return texts.get(error.field, "%1").replace("%1", str(error))

    def print_cards(self) -> None:
        """Cards for every active user (a new site, or a fresh set for everyone)."""
        self._write_cards([r for r in self._records if r.active])

    def print_selected_cards(self) -> None:
        """Cards for the selected users only (one new user, a lost badge); disabled ones too,
        since the admin picked them on purpose."""
        chosen = self.selected_records()
        if not chosen:
            show_status(self.status, self.tr("Select a user first."), "bad")
            return
        self._write_cards(chosen)

    def _write_cards(self, chosen: list[UserRecord]) -> None:
        cards = [BadgeCard(r.name, r.badge_code, r.role) for r in chosen]
        if len(chosen) == 1:
            done = self.tr("Badge card of %1 written to %2").replace("%1", chosen[0].name)
        else:
            done = self.tr("%1 badge cards written to %2").replace("%1", str(len(chosen)))
        path = self._ctx.core.data_dir / "badges" / "badge-cards.pdf"
        site = self._ctx.core.config.station_name
        self._runner.submit(
            lambda: str(write_cards(path, cards, site)),
            lambda written: self._on_cards(written, done),
            self._on_save_failed,
        )

    def _on_cards(self, path: str, done: str) -> None:
        show_status(self.status, done.replace("%2", path), "ok")
        self.cards_written.emit(path)

    def shutdown(self) -> None:
        self._runner.shutdown()

    @staticmethod
    def cards_path(ctx: StationContext) -> Path:
        return ctx.core.data_dir / "badges" / "badge-cards.pdf"
