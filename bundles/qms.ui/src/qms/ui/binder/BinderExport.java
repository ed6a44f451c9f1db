package qms.ui.binder;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import qms.core.StoreException;
import qms.model.Record;
import qms.reports.InspectionBinder;
import qms.ui.QmsUi;
import qms.ui.internal.Messages;

/**
 * Exports the inspection binder of findings into a new folder the user names (see {@link InspectionBinder}), then
 * says what was written and offers to open the folder. Reads only: auditors export binders too.
 */
public final class BinderExport {

    /** The folder the last binder went into in this session (the first one offers the home folder). */
    private static Path lastParent;

    private BinderExport() {
    }

    /** Asks for the new folder, exports and reports; does nothing if the user cancels. */
    public static void chooseAndExport(Shell shell, List<? extends Record> findings) {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText(Messages.Binder_chooseFolder);
        dialog.setFilterPath(lastParent == null ? System.getProperty("user.home") : lastParent.toString());
        dialog.setFileName(InspectionBinder.suggestedName(findings, Instant.now()));
        dialog.setOverwrite(false);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        lastParent = Path.of(chosen).toAbsolutePath().getParent();
        InspectionBinder.Result result = export(shell, findings, Path.of(chosen));
        if (result != null && MessageDialog.openQuestion(shell, Messages.Binder_title, Messages.bind(
                Messages.Binder_exported, new Object[] { result.folder(), result.records(), result.evidenceFiles(),
                        result.manifestSha256() }))) {
            Program.launch(result.folder().toString());
        }
    }

    /** Exports into {@code folder}; shows the error and returns null if it fails. */
    public static InspectionBinder.Result export(Shell shell, List<? extends Record> findings, Path folder) {
        InspectionBinder.Result[] result = { null };
        BusyIndicator.showWhile(shell.getDisplay(), () -> {
            try {
                result[0] = new InspectionBinder(QmsUi.get().store()).export(findings.stream().map(Record::getId)
                        .toList(), folder);
            } catch (StoreException e) {
                MessageDialog.openError(shell, Messages.Binder_title, e.getMessage());
            }
        });
        return result[0];
    }
}
