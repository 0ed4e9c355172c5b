"""The one look of the station: big, high-contrast, touch-sized (gloves, arm's length, noise).

Every size and colour is here so that screens do not invent their own. Touch targets are at
least :data:`TOUCH_MIN` pixels high; text is large and dark on light, with colour never the only
signal (banners and states also carry a word and a symbol). Screens mark widgets with the
``role`` dynamic property (``primary``, ``danger``, ``big``, ``title``...) instead of writing
their own style sheets.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from ui.resources import FONT_FILE

TOUCH_MIN = 64  # px: the smallest thing a gloved finger must hit
FONT_PX = 22  # body text
FONT_SMALL_PX = 17  # a long status line that must fit beside others (status bar)
FONT_LARGE_PX = 30  # buttons and values
FONT_TITLE_PX = 40  # screen titles
FONT_HUGE_PX = 64  # the one thing to read from far away (next bin, PIN dots)

INK = "#111418"
INK_MUTED = "#3d4550"  # still ≥ 7:1 on PAPER
PAPER = "#f4f6f8"
CARD = "#ffffff"
LINE = "#8a94a0"
PRIMARY = "#0b4fb3"  # white text on it: 7.4:1
PRIMARY_DOWN = "#083a85"
OK = "#17692f"  # white text on it: 6.9:1
FAIL = "#a3170f"  # white text on it: 7.6:1
WARN = "#8a5300"  # white text on it: 6.0:1
BAR = "#1d232b"  # status bar and tab bar background, white text
FALLBACK_FAMILY = "WenQuanYi Micro Hei"

# Symbols that go with colours; the bundled font has them all (a test checks it), so they
# render on a station without any system fonts.
SYMBOL_OK = "✔"
SYMBOL_FAIL = "✖"
SYMBOL_WARN = "▲"
SYMBOL_ONLINE = "●"
SYMBOL_OFFLINE = "○"


def load_fonts() -> str:
    """Load the bundled CJK font as an application font and return its family name.

    Chinese must render on a machine without system CJK fonts, so the bundled WenQuanYi Micro
    Hei is the application's default family (its Latin glyphs are Droid Sans).
    """
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else FALLBACK_FAMILY


def stylesheet() -> str:
    return f"""
QWidget {{ color: {INK}; font-size: {FONT_PX}px; }}
QMainWindow, QStackedWidget, QWidget#screen {{ background: {PAPER}; }}
QLabel[role="title"] {{ font-size: {FONT_TITLE_PX}px; font-weight: bold; }}
QLabel[role="hint"] {{ color: {INK_MUTED}; font-size: {FONT_PX}px; }}
QLabel[role="huge"] {{ font-size: {FONT_HUGE_PX}px; font-weight: bold; }}
QLabel[role="pinField"] {{
    font-size: {FONT_HUGE_PX}px; font-weight: bold; min-height: 110px;
    background: {CARD}; border: 2px solid {LINE}; border-radius: 8px; padding: 0 24px;
}}
QLabel[role="error"] {{
    color: white; background: {FAIL}; border-radius: 6px; padding: 12px 16px;
    font-size: {FONT_LARGE_PX}px; font-weight: bold;
}}
QPushButton {{
    min-height: {TOUCH_MIN}px; min-width: {TOUCH_MIN}px; padding: 8px 20px;
    font-size: {FONT_LARGE_PX}px; background: {CARD}; color: {INK};
    border: 2px solid {LINE}; border-radius: 8px;
}}
QPushButton:pressed {{ background: #d5dbe2; }}
QPushButton:disabled {{ color: #6b7480; border-color: #c4cad1; background: #e9edf1; }}
QPushButton[role="primary"] {{ background: {PRIMARY}; color: white; border-color: {PRIMARY}; }}
QPushButton[role="primary"]:pressed {{ background: {PRIMARY_DOWN}; }}
QPushButton[role="danger"] {{ background: {FAIL}; color: white; border-color: {FAIL}; }}
QPushButton[role="primary"]:disabled, QPushButton[role="danger"]:disabled {{
    color: #6b7480; border-color: #c4cad1; background: #e9edf1;
}}
QWidget#userGrid, QWidget#userGridViewport {{ background: {PAPER}; }}
QPushButton[role="key"] {{
    min-height: 100px; min-width: 150px; font-size: {FONT_TITLE_PX}px; font-weight: bold;
}}
QPushButton[role="keyPrimary"] {{
    min-height: 100px; min-width: 150px; font-size: {FONT_TITLE_PX}px; font-weight: bold;
    background: {PRIMARY}; color: white; border-color: {PRIMARY};
}}
QPushButton[role="keyPrimary"]:pressed {{ background: {PRIMARY_DOWN}; }}
QPushButton[role="keyPrimary"]:disabled {{
    color: #6b7480; border-color: #c4cad1; background: #e9edf1;
}}
QPushButton[role="user"] {{
    min-height: 96px; min-width: 240px; font-size: {FONT_LARGE_PX}px; text-align: left;
    padding-left: 24px;
}}
QCheckBox {{ min-height: {TOUCH_MIN}px; font-size: {FONT_LARGE_PX}px; spacing: 14px; }}
QCheckBox::indicator {{ width: 36px; height: 36px; }}
QLineEdit {{
    min-height: {TOUCH_MIN}px; font-size: {FONT_LARGE_PX}px; padding: 4px 12px;
    border: 2px solid {LINE}; border-radius: 6px; background: {CARD};
}}
QTabBar::tab {{
    min-height: {TOUCH_MIN}px; min-width: 180px; padding: 6px 28px;
    font-size: {FONT_LARGE_PX}px; font-weight: bold;
    background: #dfe4ea; color: {INK}; border: 2px solid {LINE}; border-bottom: none;
    border-top-left-radius: 8px; border-top-right-radius: 8px; margin-right: 4px;
}}
QTabBar::tab:selected {{ background: {PRIMARY}; color: white; border-color: {PRIMARY}; }}
QTabWidget::pane {{ border-top: 4px solid {PRIMARY}; background: {PAPER}; }}
QScrollBar:vertical {{ width: 40px; }}
QScrollBar:horizontal {{ height: 40px; }}
QWidget#statusBar {{ background: {BAR}; }}
QWidget#statusBar QLabel {{ color: white; font-size: {FONT_PX}px; padding: 0 12px; }}
QWidget#statusBar QLabel[state="online"] {{ color: #7ee2a0; font-weight: bold; }}
QWidget#statusBar QLabel[state="offline"] {{ color: #ffd27a; font-weight: bold; }}
QWidget#statusBar QLabel[state="error"] {{ color: #ff9d94; font-weight: bold; }}
QWidget#statusBar QLabel[state="refused"] {{
    color: #ff9d94; font-weight: bold; font-size: {FONT_SMALL_PX}px;
}}
QWidget#statusBar QPushButton {{
    background: #3a4552; color: white; border: 2px solid #8a94a0; min-height: {TOUCH_MIN}px;
    font-size: {FONT_PX}px;
}}
QFrame#banner[kind="ok"] {{ background: {OK}; }}
QFrame#banner[kind="fail"] {{ background: {FAIL}; }}
QFrame#banner QLabel {{ color: white; font-size: {FONT_TITLE_PX}px; font-weight: bold; }}
"""


def apply(app: QApplication) -> None:
    """Fonts first (the family goes into the app font), then the style sheet."""
    family = load_fonts()
    font = QFont(family)
    font.setPixelSize(FONT_PX)
    app.setFont(font)
    app.setStyleSheet(stylesheet())


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the style sheet (``QPushButton[role="primary"]``) and re-polish it."""
    set_property(widget, "role", role)


def set_property(widget: QWidget, name: str, value: str) -> None:
    """Change a property the style sheet selects on; Qt only re-reads it on a re-polish."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
