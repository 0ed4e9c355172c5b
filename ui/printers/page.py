"""Admin → Printers: add, edit and remove label printers, test print, live health and queue.

Printers are kept in the station config (``[[printers]]``); saving validates the whole config
first, writes it, and reloads the print queue's printers. CUPS queues are listed off the GUI
thread (``lpstat`` may be slow) and offered by name. Health and job changes arrive by signal
from the print worker.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import config as config_module
from app.config import (
    LABEL_SIZES,
    PRINTER_LANGUAGES,
    PRINTER_TYPES,
    ConfigError,
    PrinterConfig,
)
from app.labels.sample import sample_label_pdf
from app.services.print_queue import PrintJobView
from drivers.printers.base import Health, HealthState
from ui import theme
from ui.context import StationContext
from ui.printers.part import Printing, printing_for

OK_STYLE = f"background:#dff5e1; color:{theme.OK}; border:2px solid {theme.OK}; padding:6px;"
BAD_STYLE = f"background:#fde2e2; color:{theme.FAIL}; border:2px solid {theme.FAIL}; padding:6px;"
WAIT_STYLE = "background:#fff4d6; color:#6b4a00; border:2px solid #b07d00; padding:6px;"


class _QueueLister(QObject):
    """Runs ``lpstat`` on its own thread; the result comes back by signal."""

    found = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._thread = threading.Thread(target=self._run, name="cups-queues", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from drivers.printers.cups import list_queues

        self.found.emit(list_queues())

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


class PrintersPage(QWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.printing: Printing = printing_for(ctx)
        self.printers: list[PrinterConfig] = [replace(p) for p in ctx.core.config.printers]
        # Connect before reading the current health: a change reported in between is then
        # delivered (queued) once this constructor has returned, not lost.
        self._listening = False  # shutdown() disconnects only what was connected, once
        self.printing.health_changed.connect(self._health_changed)
        self.printing.job_changed.connect(self._job_changed)
        self._listening = True
        self.lister = _QueueLister()
        self.lister.found.connect(self._queues_found)
        self._build()
        self.health: dict[str, Health] = self.printing.health()
        self._refresh_printers()
        self._refresh_jobs()
        self.lister.start()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Printers"))
        theme.set_role(title, "title")
        layout.addWidget(title)
        top = QHBoxLayout()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Connection"), self.tr("Label"), self.tr("Health")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(theme.TOUCH_MIN)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selected)
        top.addWidget(self.table, 3)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.name = QLineEdit()
        self.type = QComboBox()
        for t in PRINTER_TYPES:
            self.type.addItem(self._type_text(t), t)
        self.queue = QComboBox()
        self.queue.setEditable(True)
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("empty: the station's labels folder"))
        self.size_choice = QComboBox()
        for s in LABEL_SIZES:
            self.size_choice.addItem(
                {"4x6": "4 × 6 in", "100x150": "100 × 150 mm", "a6": "A6"}[s], s
            )
        self.dpi = QComboBox()
        for d in (203, 300):
            self.dpi.addItem(f"{d} dpi", d)
        self.language = QComboBox()
        for lang in PRINTER_LANGUAGES:
            self.language.addItem(self._language_text(lang), lang)
        widgets = (self.type, self.queue, self.size_choice, self.dpi, self.language, self.port)
        for widget in widgets:
            widget.setMinimumHeight(theme.TOUCH_MIN)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Type"), self.type)
        form.addRow(self.tr("CUPS queue"), self.queue)
        form.addRow(self.tr("Host (raw TCP)"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("PDF folder"), self.folder)
        form.addRow(self.tr("Label size"), self.size_choice)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Printer language"), self.language)
        self.type.currentIndexChanged.connect(self._type_changed)
        top.addWidget(form_box, 2)
        layout.addLayout(top, 2)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("+ " + self.tr("Add"))
        self.save_button = QPushButton("✔ " + self.tr("Save"))
        theme.set_role(self.save_button, "primary")
        self.remove_button = QPushButton("✖ " + self.tr("Remove"))
        theme.set_role(self.remove_button, "danger")
        self.test_button = QPushButton(self.tr("Test print"))
        self.rescan_button = QPushButton(self.tr("Find CUPS queues"))
        for b in (
            self.add_button,
            self.save_button,
            self.remove_button,
            self.test_button,
            self.rescan_button,
        ):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.save_button.clicked.connect(self._save)
        self.remove_button.clicked.connect(self._remove)
        self.test_button.clicked.connect(self._test_print)
        self.rescan_button.clicked.connect(self.lister.start)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(48)
        layout.addWidget(self.status)
        queue_title = QLabel(self.tr("Print queue"))
        theme.set_role(queue_title, "title")
        layout.addWidget(queue_title)
        self.jobs = QTableWidget(0, 5)
        self.jobs.setHorizontalHeaderLabels(
            [self.tr("Job"), self.tr("Printer"), self.tr("State"), self.tr("Tries"), ""]
        )
        header = self.jobs.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.jobs.verticalHeader().setVisible(False)
        self.jobs.verticalHeader().setDefaultSectionSize(theme.TOUCH_MIN)
        self.jobs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.jobs, 2)
        self._type_changed()

    def _type_text(self, t: str) -> str:
        return {
            "pdf": self.tr("PDF folder"),
            "cups": self.tr("CUPS queue"),
            "raw": self.tr("Raw TCP (port 9100)"),
        }[t]

    def _language_text(self, lang: str) -> str:
        return {
            "zpl": self.tr("ZPL (Zebra and compatible label printers)"),
            "pdf": self.tr("PDF (the printer or its driver takes PDF)"),
        }[lang]

    # --- printers -------------------------------------------------------------------------

    def _refresh_printers(self) -> None:
        self.table.setRowCount(len(self.printers))
        for row, p in enumerate(self.printers):
            target = {
                "cups": p.queue,
                "raw": f"{p.host}:{p.port}",
                "pdf": p.folder or self.tr("labels folder"),
            }[p.type]
            self.table.setItem(row, 0, QTableWidgetItem(p.name))
            kind = {"cups": "CUPS", "raw": "TCP", "pdf": "PDF"}[p.type]
            if p.type != "pdf":
                kind += f" ({p.print_language().upper()})"
            self.table.setItem(row, 1, QTableWidgetItem(f"{kind}: {target}"))
            self.table.setItem(
                row,
                2,
                QTableWidgetItem(f"{self.size_choice.itemText(self._size_index(p))}, {p.dpi} dpi"),
            )
            self._show_health(row, self.health.get(p.name))

    def _size_index(self, p: PrinterConfig) -> int:
        return max(0, self.size_choice.findData(p.label_size))

    def _show_health(self, row: int, health: Health | None) -> None:
        if health is None:
            text, style = "… " + self.tr("checking"), WAIT_STYLE
        elif health.state is HealthState.CONNECTED:
            text, style = "✔ " + self.tr("ready"), OK_STYLE
        else:
            text, style = "✖ " + health.reason, BAD_STYLE
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        self.table.setCellWidget(row, 3, label)

    def health_text(self, name: str) -> str:
        for row, p in enumerate(self.printers):
            if p.name == name:
                widget = self.table.cellWidget(row, 3)
                return widget.text() if isinstance(widget, QLabel) else ""
        return ""

    def _health_changed(self, name: str, health: Health) -> None:
        self.health[name] = health
        for row, p in enumerate(self.printers):
            if p.name == name:
                self._show_health(row, health)

    def _selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows:
            return
        p = self.printers[min(rows)]
        self.name.setText(p.name)
        self.type.setCurrentIndex(self.type.findData(p.type))
        self.queue.setCurrentText(p.queue)
        self.host.setText(p.host)
        self.port.setValue(p.port)
        self.folder.setText(p.folder)
        self.size_choice.setCurrentIndex(self._size_index(p))
        self.dpi.setCurrentIndex(self.dpi.findData(p.dpi))
        self.language.setCurrentIndex(self.language.findData(p.print_language()))

    def _type_changed(self) -> None:
        """Show the fields of the chosen type, and its usual language (raw 9100: ZPL).

        Picking a saved printer sets its own language after its type, so this default never
        overrides a saved choice."""
        kind = self.type.currentData()
        usual = PrinterConfig(type=kind).print_language()
        self.language.setCurrentIndex(self.language.findData(usual))
        self.queue.setEnabled(kind == "cups")
        self.host.setEnabled(kind == "raw")
        self.port.setEnabled(kind == "raw")
        self.folder.setEnabled(kind == "pdf")
        self.language.setEnabled(kind in ("raw", "cups"))  # a folder always gets PDF files

    def _queues_found(self, queues: list[str]) -> None:
        current = self.queue.currentText()
        self.queue.clear()
        self.queue.addItems(queues)
        self.queue.setCurrentText(current)
        if not queues:
            self._say(self.tr("No CUPS queues found on this machine."), WAIT_STYLE)

    def _form(self) -> PrinterConfig:
        kind = self.type.currentData()
        return PrinterConfig(
            name=self.name.text().strip(),
            type=kind,
            queue=self.queue.currentText().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            folder=self.folder.text().strip(),
            label_size=self.size_choice.currentData(),
            dpi=self.dpi.currentData(),
            language=self.language.currentData() if kind in ("raw", "cups") else "",
        )

    def _selected_index(self) -> int | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return min(rows) if rows else None

    def _add(self) -> None:
        self.table.clearSelection()
        self.name.setText(self.tr("printer-{n}").format(n=len(self.printers) + 1))
        self.type.setCurrentIndex(self.type.findData("pdf"))

    def _save(self) -> None:
        edited = self._form()
        printers = list(self.printers)
        index = self._selected_index()
        if index is None:
            printers.append(edited)
        else:
            printers[index] = edited
        self._apply(printers, self.tr("Saved: {name}").format(name=edited.name))

    def _remove(self) -> None:
        index = self._selected_index()
        if index is None:
            self._say(self.tr("Choose a printer in the list first."), BAD_STYLE)
            return
        name = self.printers[index].name
        printers = [p for i, p in enumerate(self.printers) if i != index]
        self._apply(printers, self.tr("Removed: {name}").format(name=name))

    def _apply(self, printers: list[PrinterConfig], done: str) -> None:
        config = replace(self.ctx.core.config, printers=printers)
        try:
            config_module.validate(config)
            config_module.save(config)
        except (ConfigError, OSError) as exc:
            self._say(self.tr("Not saved: {why}").format(why=str(exc)), BAD_STYLE)
            return
        self.ctx.core.config.printers = printers
        self.printers = [replace(p) for p in printers]
        self.printing.reload(self.ctx.core.config)
        self._refresh_printers()
        self._say(done, OK_STYLE)

    def _test_print(self) -> None:
        index = self._selected_index()
        if index is None:
            self._say(self.tr("Choose a printer in the list first."), BAD_STYLE)
            return
        p = self.printers[index]
        job = self.printing.queue.submit(
            p.name, sample_label_pdf(self.ctx.core.config, p.label_size, p.dpi)
        )
        self.printing.wake()
        self._refresh_jobs()
        self._say(self.tr("Test label queued as job {job}").format(job=job), OK_STYLE)

    # --- queue ----------------------------------------------------------------------------

    def _refresh_jobs(self) -> None:
        jobs = self.printing.queue.jobs(limit=20)
        self.jobs.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            self._show_job(row, job)

    def _show_job(self, row: int, job: PrintJobView) -> None:
        state = {
            "pending": "… " + self.tr("waiting"),
            "sending": "… " + self.tr("sending"),
            "retrying": "▲ " + self.tr("retrying: {why}").format(why=job.last_error or ""),
            "printed": "✔ " + self.tr("printed"),
            "cancelled": "✖ " + self.tr("cancelled"),
        }.get(job.status, job.status)
        self.jobs.setItem(row, 0, QTableWidgetItem(f"{job.id} · {job.title}"))
        self.jobs.setItem(row, 1, QTableWidgetItem(job.printer))
        self.jobs.setItem(row, 2, QTableWidgetItem(state))
        self.jobs.setItem(row, 3, QTableWidgetItem(str(job.attempts)))
        if job.status == "retrying":
            actions = QWidget()
            box = QHBoxLayout(actions)
            box.setContentsMargins(0, 0, 0, 0)
            retry = QPushButton(self.tr("Retry now"))
            cancel = QPushButton(self.tr("Cancel"))
            retry.clicked.connect(lambda _=False, j=job.id: self._retry(j))
            cancel.clicked.connect(lambda _=False, j=job.id: self._cancel(j))
            box.addWidget(retry)
            box.addWidget(cancel)
            self.jobs.setCellWidget(row, 4, actions)
        else:
            self.jobs.removeCellWidget(row, 4)

    def job_state_text(self, job_id: int) -> str:
        for row in range(self.jobs.rowCount()):
            item = self.jobs.item(row, 0)
            if item is not None and item.text().startswith(f"{job_id} "):
                state = self.jobs.item(row, 2)
                return state.text() if state is not None else ""
        return ""

    def _job_changed(self, _job: PrintJobView) -> None:
        self._refresh_jobs()

    def _retry(self, job_id: int) -> None:
        self.printing.queue.retry_now(job_id)
        self.printing.wake()

    def _cancel(self, job_id: int) -> None:
        session = self.ctx.session.current
        self.printing.queue.cancel(job_id, session.user_id if session else None)
        self._refresh_jobs()

    def _say(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def shutdown(self) -> None:
        """Safe to call again: the Admin tab calls it, and again from its closeEvent."""
        if self._listening:
            self._listening = False
            self.printing.health_changed.disconnect(self._health_changed)
            self.printing.job_changed.disconnect(self._job_changed)
        self.lister.join()
