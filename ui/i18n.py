"""Which language the station speaks, and loading its compiled translations.

Every UI area ships its own ``resources/i18n/<area>_<lang>.qm`` (shell, pick, pack, ...), so
switching a language loads all files ending in ``_<lang>.qm`` plus Qt's own ``qtbase`` file
(standard buttons and dialogs). English is the source language and needs no file.
The language comes from the config (``language``), else from the system locale; a user's own
language (``users.language``) may replace it while that user is logged in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import I18N_DIR

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
SUPPORTED = ("en", "zh_CN")


def choose_language(configured: str, system_locale: str | None = None) -> str:
    """``configured`` wins; else the system locale mapped to a shipped language."""
    if configured in SUPPORTED:
        return configured
    name = system_locale if system_locale is not None else QLocale.system().name()
    if name.startswith("zh"):
        return "zh_CN"
    return SOURCE_LANGUAGE


class Translations:
    """Owns the installed translators so the language can be switched at run time.

    Installing or removing a translator makes Qt send a ``LanguageChange`` event to every
    widget; shell widgets re-translate their texts on it.
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def use(self, language: str) -> list[str]:
        """Switch to ``language``; return the names of the files loaded."""
        if language == self.language and (self._translators or language == SOURCE_LANGUAGE):
            return []
        self.clear()
        self.language = language
        if language == SOURCE_LANGUAGE:
            return []
        loaded = []
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        candidates = [(f"qtbase_{language}.qm", qt_dir)]
        candidates += [(p.name, str(p.parent)) for p in sorted(I18N_DIR.glob(f"*_{language}.qm"))]
        for name, folder in candidates:
            translator = QTranslator(self._app)
            if translator.load(name, folder):
                self._app.installTranslator(translator)
                self._translators.append(translator)
                loaded.append(name)
            else:
                log.warning("cannot load translation %s from %s", name, folder)
        return loaded

    def clear(self) -> None:
        """Remove this object's translators (the station stopping): English again."""
        for translator in self._translators:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []
        self.language = SOURCE_LANGUAGE
