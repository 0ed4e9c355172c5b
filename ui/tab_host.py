"""The tabs a logged-in user sees, with their screens made on first view.

Holds the one rule of scan routing: a scan goes to the screen on show, and to nobody else.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from drivers.scanners.base import RawScan
from ui.context import StationContext
from ui.tabs import build_screen, tab_title


class _Slot(QWidget):
    """A tab page that gets its screen the first time it is shown."""

    def __init__(self, tab_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tab_id = tab_id
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def fill(self, ctx: StationContext) -> QWidget:
        if self.content is None:
            self.content = build_screen(self.tab_id, ctx, self)
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.content)
        return self.content


class TabHost(QTabWidget):
    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._active: QWidget | None = None
        self.tabBar().setExpanding(False)
        # A picker or packer has one tab: its 80 px of bar go to the screen (small panels).
        self.setTabBarAutoHide(True)
        self.setDocumentMode(True)
        self.currentChanged.connect(self._on_current_changed)

    def tab_ids(self) -> list[str]:
        return [self._slot(i).tab_id for i in range(self.count())]

    def show_tabs(self, tab_ids: tuple[str, ...]) -> None:
        """Replace every tab (and its screen) by fresh ones for ``tab_ids``."""
        self.clear_tabs()
        self.blockSignals(True)
        for tab_id in tab_ids:
            self.addTab(_Slot(tab_id), tab_title(tab_id))
        self.blockSignals(False)
        if self.count():
            self.setCurrentIndex(0)
            self._on_current_changed(0)

    def clear_tabs(self) -> None:
        """Deactivate the visible screen, shut every screen down, and delete them."""
        self._deactivate()
        self.blockSignals(True)
        while self.count():
            page = self._slot(0)
            self.removeTab(0)
            hook = getattr(page.content, "shutdown", None)
            if hook is not None:
                hook()
            page.deleteLater()
        self.blockSignals(False)

    def current_screen(self) -> QWidget | None:
        page = self.currentWidget()
        return page.content if isinstance(page, _Slot) else None

    def select(self, tab_id: str) -> bool:
        if tab_id not in self.tab_ids():
            return False
        self.setCurrentIndex(self.tab_ids().index(tab_id))
        return True

    def route_scan(self, raw: RawScan) -> bool:
        """Give the scan to the visible screen; False when it takes no scans."""
        handler = getattr(self.current_screen(), "handle_scan", None)
        if handler is None:
            return False
        handler(raw)
        return True

    def _slot(self, index: int) -> _Slot:
        page = self.widget(index)
        assert isinstance(page, _Slot)
        return page

    def _deactivate(self) -> None:
        if self._active is not None:
            hook = getattr(self._active, "deactivate", None)
            self._active = None
            if hook is not None:
                hook()

    def _on_current_changed(self, index: int) -> None:
        self._deactivate()
        if index < 0:
            return
        screen = self._slot(index).fill(self._ctx)
        self._active = screen
        hook = getattr(screen, "activate", None)
        if hook is not None:
            hook()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for i in range(self.count()):
                self.setTabText(i, tab_title(self._slot(i).tab_id))
        super().changeEvent(event)
