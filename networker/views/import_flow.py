"""An import as the window runs it: read on a worker with progress and Cancel, show the
preview, then write on a worker; the GUI thread only draws."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from networker.domain.progress import Progress
from networker.services.importing import FileReport, ImportCancelledError, ImportService, Survey
from networker.tasks import Task, TaskRunner
from networker.views import text
from networker.views.column_mapping_dialog import ColumnMappingDialog, layout_key
from networker.views.import_preview_dialog import ImportPreviewDialog

log = logging.getLogger(__name__)

PROGRESS_EVERY = 50
# Where the column mappings chosen are kept (QSettings), by header layout.
MAPPINGS = "import/column_mappings"


class ImportFlow(QObject):
    """One import at a time: start() -> preview -> confirm -> import -> finished."""

    finished = Signal(object)  # the reports of a completed import, or None

    def __init__(
        self,
        *,
        importer: ImportService,
        tasks: TaskRunner,
        parent: QWidget,
        settings: QSettings | None = None,
    ) -> None:
        """``settings`` keeps the column mappings chosen, by header layout."""
        super().__init__(parent)
        self._settings = settings
        self._importer = importer
        self._tasks = tasks
        self._window = parent
        self._paths: list[Path] = []
        self._cancelled = False  # Cancel was pressed during this import's current step
        self._task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.preview: ImportPreviewDialog | None = None
        self.mapping: ColumnMappingDialog | None = None
        self._mappings: dict[Path, dict[int, str]] = {}
        self._take_theirs: dict[tuple[Path, int], set[str]] = {}
        self._tag_everyone = ""
        self._to_map: list[Path] = []
        self._survey = Survey(columns={}, records=0)
        self.failed = False  # the last import ended in an error (not a cancel)

    @property
    def importer(self) -> ImportService:
        return self._importer

    @property
    def busy(self) -> bool:
        return self._task is not None or self.preview is not None or self.mapping is not None

    def start(self, paths: list[Path]) -> bool:
        if self.busy:
            text.inform(self._window, "Import", "Another import is still open; finish it first.")
            return False
        self._paths = list(paths)
        self.failed = False
        self._mappings = {}
        self._take_theirs = {}
        # Reading the files (a column mapping, the record count) is the survey's, on a
        # worker: a FIFO, a huge sparse file or a slow disk never holds the window.
        self._cancelled = False
        self._open_progress("Reading the files…", 0)
        importer, files = self._importer, list(paths)
        self._task = self._tasks.run(
            lambda _progress: importer.survey(files),
            name="import-survey",
            on_success=self._on_surveyed,
            on_failure=self._on_failed,
        )
        return True

    @Slot(object)
    def _on_surveyed(self, survey: Survey) -> None:
        self._survey = survey
        self._to_map = [p for p in self._paths if p in survey.columns]
        if self._cancelled:
            self._close_progress()
            self.finished.emit(None)
            return
        if self._to_map:
            self._close_progress()  # the column mapping asks first
        else:
            self._task = None
        self._next_mapping()

    def _next_mapping(self) -> None:
        """Ask for the columns of each CSV of unknown layout, one at a time, then preview."""
        if not self._to_map:
            if self._paths:
                self._run(preview=True)
            else:
                self.finished.emit(None)
            return
        path = self._to_map.pop(0)
        found = self._survey.columns[path]
        header, sample = found
        dialog = ColumnMappingDialog(
            path, header, sample, parent=self._window, remembered=self._remembered(header)
        )
        dialog.finished.connect(self._on_mapping_answered)
        self.mapping = dialog
        dialog.open()

    @Slot(int)
    def _on_mapping_answered(self, result: int) -> None:
        dialog, self.mapping = self.mapping, None
        if dialog is None:
            return
        if result == QDialog.DialogCode.Accepted:
            self._mappings[dialog.path] = dialog.mapping()
            self._remember(dialog.header, dialog.mapping())
        else:
            self._paths.remove(dialog.path)  # that file is left out of this import
        dialog.deleteLater()
        self._next_mapping()

    def _remembered(self, header: list[str]) -> dict[int, str] | None:
        if self._settings is None:
            return None
        saved = self._settings.value(f"{MAPPINGS}/{layout_key(header)}")
        try:
            kept = json.loads(str(saved)) if saved else None
            return {int(k): str(v) for k, v in kept.items()} if kept else None
        except (ValueError, AttributeError, TypeError):
            return None  # a damaged setting: guessed again

    def _remember(self, header: list[str], mapping: dict[int, str]) -> None:
        if self._settings is not None:
            self._settings.setValue(f"{MAPPINGS}/{layout_key(header)}", json.dumps(mapping))

    def _run(self, *, preview: bool) -> None:
        self._cancelled = False
        label = "Reading the files…" if preview else "Importing…"
        self._open_progress(label, max(self._survey.records, 1))
        paths, importer = list(self._paths), self._importer
        mappings = dict(self._mappings)
        take_theirs = dict(self._take_theirs) if not preview else {}
        tag = self._tag_everyone if not preview else ""

        def work(progress: Progress) -> list[FileReport]:
            going = [True]

            def on_record(done: int) -> None:
                if done % PROGRESS_EVERY == 0:
                    going[0] = progress(done, 0)  # False once Cancel was pressed

            return importer.import_files(
                paths,
                preview=preview,
                is_cancelled=lambda: not going[0],
                on_record=on_record,
                csv_mappings=mappings,
                take_theirs=take_theirs,
                tag_everyone=tag,
            )

        self._task = self._tasks.run(
            work,
            name="import-preview" if preview else "import",
            on_success=self._on_previewed if preview else self._on_imported,
            on_failure=self._on_failed,
            on_progress=self._on_progressed,
        )

    def _open_progress(self, label: str, maximum: int) -> None:
        """The progress dialog with Cancel (0 as maximum: busy, no count yet)."""
        if self.progress is not None:
            self.progress.setLabelText(label)
            self.progress.setMaximum(maximum)
            return
        self.progress = QProgressDialog(label, "Cancel", 0, maximum, self._window)
        self.progress.setObjectName("importProgress")
        self.progress.setWindowTitle("Import")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._on_cancel)

    @Slot()
    def _on_cancel(self) -> None:
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()

    def wait(self) -> None:
        """Block until the running step ended (for tests)."""
        if self._task is not None:
            self._task.wait()

    @Slot(int, int)
    def _on_progressed(self, done: int, _total: int) -> None:
        if self.progress is not None:
            if done > self.progress.maximum():
                self.progress.setMaximum(done)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        self._task = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    @Slot(object)
    def _on_previewed(self, reports: list[FileReport]) -> None:
        self._close_progress()
        dialog = ImportPreviewDialog(reports, self._window)
        dialog.finished.connect(self._on_preview_answered)
        self.preview = dialog
        dialog.open()

    @Slot(int)
    def _on_preview_answered(self, result: int) -> None:
        dialog, self.preview = self.preview, None
        if dialog is not None:
            dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self._take_theirs = dialog.take_theirs() if dialog is not None else {}
            self._tag_everyone = dialog.tag_everyone() if dialog is not None else ""
            self._run(preview=False)
        else:
            self.finished.emit(None)

    @Slot(object)
    def _on_imported(self, reports: list[FileReport]) -> None:
        self._close_progress()
        self.finished.emit(reports)

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._close_progress()
        if isinstance(error, ImportCancelledError):
            self.finished.emit(None)
            return
        self.failed = True
        log.warning("import failed: %s", type(error).__name__)
        text.warn(
            self._window,
            "Import failed",
            f"The import could not be saved: {error}\n\nNothing was imported.",
        )
        self.finished.emit(None)
