"""Admin → Printers: add, edit and remove label printers, test print, live health and queue.

Printers are kept in the station config (``[[printers]]``); saving validates the whole config
first, writes it, and reloads the print queue's printers. CUPS queues are listed off the GUI
thread (``lpstat`` may be slow) and offered by name. Health and job changes arrive by signal
from the print worker.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
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
    QTabWidget,
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
OK_COLOURS = ("#dff5e1", theme.OK)  # background, text: the list's health cells
BAD_COLOURS = ("#fde2e2", theme.FAIL)
WAIT_COLOURS = ("#fff4d6", "#6b4a00")


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
        """Two sections, *Printers* and *Print queue*, as big tabs.

        Under the station's tab and status bars the page has about 1070 x 600 px (810 x 570
        on a 1024 x 768 screen): the list, a form of nine stacked fields, five buttons and
        the queue did not fit, and Qt laid the fields over each other. Now the form shows
        only the fields of the chosen type (host and port, size and resolution share a row)
        beside the list, and the queue has its own section."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        # Fields and buttons one touch target high (the Admin tab's own style makes fields
        # 58 px, the theme's padding makes buttons 84 px): the page has no height to spare.
        self.setStyleSheet(
            f"QLineEdit {{ min-height: {theme.TOUCH_MIN - 4}px; }}"
            f" QComboBox {{ min-height: {theme.TOUCH_MIN - 2}px; }}"
            f" QSpinBox {{ min-height: {theme.TOUCH_MIN - 9}px; }}"
            " QPushButton { padding: 0px 16px; }"
        )
        self.sections = QTabWidget()
        self.sections.setStyleSheet(
            f"QTabBar::tab {{ min-height:{theme.TOUCH_MIN}px; min-width:0px;"
            " padding:4px 24px; font-size:22px; }"
        )
        self.sections.setUsesScrollButtons(False)
        # The list's buttons sit beside the section tabs, where the row has room anyway.
        self.list_buttons = QWidget()
        buttons = QHBoxLayout(self.list_buttons)
        buttons.setContentsMargins(0, 0, 0, 4)
        self.add_button = QPushButton("+ " + self.tr("Add"))
        self.remove_button = QPushButton("✖ " + self.tr("Remove"))
        theme.set_role(self.remove_button, "danger")
        self.test_button = QPushButton(self.tr("Test print"))
        for b in (self.add_button, self.remove_button, self.test_button):
            b.setMinimumHeight(theme.TOUCH_MIN)
            buttons.addWidget(b)
        self.sections.setCornerWidget(self.list_buttons, Qt.Corner.TopRightCorner)
        self.sections.addTab(self._printers_section(), "▤ " + self.tr("Printers"))
        self.sections.addTab(self._queue_section(), self.tr("Print queue"))
        self.sections.currentChanged.connect(lambda index: self.list_buttons.setVisible(index == 0))
        layout.addWidget(self.sections)
        self._type_changed()

    def _printers_section(self) -> QWidget:
        section = QWidget()
        columns = QHBoxLayout(section)
        columns.setContentsMargins(8, 8, 8, 8)
        columns.setSpacing(16)
        left = QVBoxLayout()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Connection"), self.tr("Health")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(theme.TOUCH_MIN)
        self.table.verticalHeader().setMinimumSectionSize(theme.TOUCH_MIN)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._selected)
        # Wrapped text needs more height when a column narrows (a window resize).
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        left.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(48)
        left.addWidget(self.status)
        columns.addLayout(left, 1)
        columns.addWidget(self._form_column(), 1)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.test_button.clicked.connect(self._test_print)
        return section

    def _form_column(self) -> QWidget:
        box = QWidget()
        box.setObjectName("printerForm")
        box.setMaximumWidth(520)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-size:24px; font-weight:bold;")
        column.addWidget(self.form_title)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.type = QComboBox()
        for t in PRINTER_TYPES:
            self.type.addItem(self._type_text(t), t)
        self.queue = QComboBox()
        self.queue.setEditable(True)
        self.rescan_button = QPushButton("⟳ " + self.tr("Find"))
        self.rescan_button.setToolTip(self.tr("Find CUPS queues"))
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.port.setMinimumWidth(110)
        # Typed, never stepped: the arrows would be touch targets far below 64 px.
        self.port.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
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
        for combo in (self.type, self.queue, self.size_choice, self.dpi, self.language):
            # Long choices are cut at the field's edge instead of widening the form.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        fields = (
            self.name,
            self.type,
            self.queue,
            self.rescan_button,
            self.host,
            self.port,
            self.folder,
            self.size_choice,
            self.dpi,
            self.language,
        )
        for widget in fields:
            widget.setMinimumHeight(theme.TOUCH_MIN)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Type"), self.type)
        self.queue_row = _row(self.queue, self.rescan_button)
        self.form.addRow(self.tr("CUPS queue"), self.queue_row)
        self.host_row = _row(self.host, QLabel(":"), self.port)
        self.form.addRow(self.tr("Host (raw TCP)"), self.host_row)
        self.form.addRow(self.tr("PDF folder"), self.folder)
        self.form.addRow(self.tr("Label size"), _row(self.size_choice, self.dpi))
        self.form.addRow(self.tr("Printer language"), self.language)
        column.addLayout(self.form)
        column.addStretch(1)
        self.save_button = QPushButton("✔ " + self.tr("Save"))
        theme.set_role(self.save_button, "primary")
        self.save_button.setMinimumHeight(theme.TOUCH_MIN)
        column.addWidget(self.save_button)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.save_button.clicked.connect(self._save)
        self.rescan_button.clicked.connect(self.lister.start)
        return box

    def _queue_section(self) -> QWidget:
        section = QWidget()
        box = QVBoxLayout(section)
        box.setContentsMargins(8, 8, 8, 8)
        self.jobs = QTableWidget(0, 5)
        self.jobs.setHorizontalHeaderLabels(
            [self.tr("Job"), self.tr("Printer"), self.tr("State"), self.tr("Tries"), ""]
        )
        header = self.jobs.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.jobs.verticalHeader().setVisible(False)
        self.jobs.verticalHeader().setDefaultSectionSize(theme.TOUCH_MIN + 8)  # Retry, Cancel
        self.jobs.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        box.addWidget(self.jobs)
        return section

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

    def _refresh_printers(self, select: str | None = None) -> None:
        """Fill the list and select ``select`` (a name), else the first printer: the form
        always shows the printer that is highlighted, never stale or empty fields."""
        self.table.blockSignals(True)
        self.table.clearSelection()
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
            label = f"{self.size_choice.itemText(self._size_index(p))}, {p.dpi} dpi"
            self.table.setItem(row, 1, QTableWidgetItem(f"{kind}: {target}\n{label}"))
            self._show_health(row, self.health.get(p.name))
        names = [p.name for p in self.printers]
        if select in names:
            self.table.selectRow(names.index(select))
        elif names:
            self.table.selectRow(0)
        self.table.blockSignals(False)
        # Filled here, not by the selection signal: a rebuilt table does not always report
        # the new selection (removing the selected last row, then selecting row 0).
        index = self._selected_index()
        if index is None:
            self._fill(self._new_printer(), new=True)
        else:
            self._fill(self.printers[index], new=False)

    def connection_text(self, name: str) -> str:
        """The list's connection cell for a printer (first line: how it is reached)."""
        for row, p in enumerate(self.printers):
            item = self.table.item(row, 1)
            if p.name == name and item is not None:
                return item.text().split("\n")[0]
        return ""

    def _size_index(self, p: PrinterConfig) -> int:
        return max(0, self.size_choice.findData(p.label_size))

    def _show_health(self, row: int, health: Health | None) -> None:
        """Word, symbol and colour in a wrapping cell; the row grows to show a long reason."""
        if health is None:
            text, colours = "… " + self.tr("checking"), WAIT_COLOURS
        elif health.state is HealthState.CONNECTED:
            text, colours = "✔ " + self.tr("ready"), OK_COLOURS
        else:
            text, colours = "✖ " + health.reason, BAD_COLOURS
        item = QTableWidgetItem(text)
        item.setBackground(QColor(colours[0]))
        item.setForeground(QColor(colours[1]))
        self.table.setItem(row, 2, item)
        self.table.resizeRowToContents(row)

    def health_text(self, name: str) -> str:
        for row, p in enumerate(self.printers):
            if p.name == name:
                item = self.table.item(row, 2)
                return item.text() if item is not None else ""
        return ""

    def _health_changed(self, name: str, health: Health) -> None:
        self.health[name] = health
        for row, p in enumerate(self.printers):
            if p.name == name:
                self._show_health(row, health)

    def _selected(self) -> None:
        index = self._selected_index()
        if index is not None:
            self._fill(self.printers[index], new=False)

    def _new_printer(self) -> PrinterConfig:
        names = {p.name for p in self.printers}
        n = len(self.printers) + 1
        while self.tr("printer-{n}").format(n=n) in names:
            n += 1
        return PrinterConfig(name=self.tr("printer-{n}").format(n=n), type="pdf")

    def _fill(self, p: PrinterConfig, *, new: bool) -> None:
        """Show one printer in the form (its type first: the type sets the usual language,
        then the printer's own language is chosen)."""
        self.form_title.setText(
            self.tr("New printer") if new else self.tr("Edit: {name}").format(name=p.name)
        )
        self.save_button.setText("✔ " + (self.tr("Add this printer") if new else self.tr("Save")))
        self.name.setText(p.name)
        self.type.setCurrentIndex(self.type.findData(p.type))
        self._type_changed()  # also when the type did not change
        self.queue.setCurrentText(p.queue)
        self.host.setText(p.host)
        self.port.setValue(p.port)
        self.folder.setText(p.folder)
        self.size_choice.setCurrentIndex(self._size_index(p))
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(p.dpi)))
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
        self.form.setRowVisible(self.queue_row, kind == "cups")
        self.form.setRowVisible(self.host_row, kind == "raw")
        self.form.setRowVisible(self.folder, kind == "pdf")
        self.form.setRowVisible(self.language, kind in ("raw", "cups"))

    def _queues_found(self, queues: list[str]) -> None:
        current = self.queue.currentText()
        self.queue.clear()
        self.queue.addItems(queues)
        self.queue.setCurrentText(current)
        if not queues and self.type.currentData() == "cups":
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
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self._fill(self._new_printer(), new=True)
        self.name.setFocus()

    def _save(self) -> None:
        edited = self._form()
        printers = list(self.printers)
        index = self._selected_index()
        if index is None:
            printers.append(edited)
        else:
            printers[index] = edited
        self._apply(printers, self.tr("Saved: {name}").format(name=edited.name), edited.name)

    def _remove(self) -> None:
        index = self._selected_index()
        if index is None:
            self._say(self.tr("Choose a printer in the list first."), BAD_STYLE)
            return
        name = self.printers[index].name
        printers = [p for i, p in enumerate(self.printers) if i != index]
        after = printers[min(index, len(printers) - 1)].name if printers else None
        self._apply(printers, self.tr("Removed: {name}").format(name=name), after)

    def _apply(self, printers: list[PrinterConfig], done: str, select: str | None) -> None:
        """Validate, write station.toml and swap the print queue's printers at once: the
        next label goes to the edited printer, without a restart. Health of the changed
        printers shows "checking" until the worker has probed them again."""
        config = replace(self.ctx.core.config, printers=printers)
        try:
            config_module.validate(config)
            config_module.save(config)
        except (ConfigError, OSError) as exc:
            self._say(self.tr("Not saved: {why}").format(why=str(exc)), BAD_STYLE)
            return
        before = {p.name: p for p in self.printers}
        self.ctx.core.config.printers = printers
        self.printers = [replace(p) for p in printers]
        for p in self.printers:
            if before.get(p.name) != p:
                self.health.pop(p.name, None)
        self.printing.reload(self.ctx.core.config)
        self._refresh_printers(select)
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
        # The queue has its own section: its tab says when jobs wait for a printer.
        retrying = sum(1 for job in jobs if job.status == "retrying")
        title = self.tr("Print queue")
        if retrying:
            title = "▲ " + self.tr("Print queue: {n} retrying").format(n=retrying)
        self.sections.setTabText(1, title)

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


def _row(*widgets: QWidget) -> QWidget:
    """Several fields on one form row (the first one takes the spare width)."""
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(6)
    for i, widget in enumerate(widgets):
        box.addWidget(widget, 1 if i == 0 else 0)
    return row
