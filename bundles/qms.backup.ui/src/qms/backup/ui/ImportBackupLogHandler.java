package qms.backup.ui;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import qms.backup.core.BackupImporter;
import qms.core.StoreException;
import qms.ui.QmsUi;

/** Backup > Import Backup Log…: reads a backup tool's output into the backup log, in the background. */
public final class ImportBackupLogHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = qms.ui.Dialogs.parentShell(event);
        ImportBackupLogDialog dialog = new ImportBackupLogDialog(shell);
        if (dialog.open() != Window.OK) {
            return null;
        }
        ImportBackupLogDialog.Choice c = dialog.choice();
        Display display = shell.getDisplay();
        Job job = Job.create("Importing " + c.file().getFileName(), (IProgressMonitor monitor) -> {
            monitor.beginTask("Importing " + c.file(), IProgressMonitor.UNKNOWN);
            try {
                BackupImporter.Result result = BackupImporter.importAny(QmsUi.get().store(), c.file(), c.format(),
                        c.repository(), c.toolZone());
                display.asyncExec(() -> {
                    QmsUi.get().changed(List.of());
                    MessageDialog.openInformation(shell, ImportBackupLogDialog.TITLE, result.describe() + ".");
                });
            } catch (StoreException e) {
                display.asyncExec(() -> MessageDialog.openError(shell, ImportBackupLogDialog.TITLE, e.getMessage()));
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return null;
    }
}
